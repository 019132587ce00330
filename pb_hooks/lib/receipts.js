/// <reference path="../../pb_data/types.d.ts" />

// Receipts (docs/rules.md, "Messages"): what a person gets when the house has received what they asked
// for: a booking request (one for a whole season), a registration with its ticket and its calendar file, a
// shift sign-up with a confirmed or a waitlist place. Each is saved by notify() inside the write's
// transaction (a single booking's is worded before it: prepareBookingReceived), written in the person's
// language, mailed only when they chose mail.

var BOOKING = {
	pending: {
		da: {
			title: 'Vi har modtaget din booking: {room}',
			body: 'Vi har modtaget din forespørgsel på {room}, {when}. Personalet svarer dig, og du får besked her og på mail, når den er godkendt eller afvist.'
		},
		en: {
			title: 'We have received your booking: {room}',
			body: 'We have received your request for {room}, {when}. The staff will answer, and you are told here and by email when it is approved or rejected.'
		}
	},
	approved: {
		da: { title: 'Din booking er bekræftet: {room}', body: '{room} er booket til dig {when}.' },
		en: { title: 'Your booking is confirmed: {room}', body: '{room} is booked for you on {when}.' }
	}
};

var SERIES = {
	pending: {
		da: {
			title: 'Vi har modtaget din sæsonbooking: {room}',
			body: 'Vi har modtaget din forespørgsel på {room}: {count} datoer fra {first} til {last}. Personalet svarer dig samlet.'
		},
		en: {
			title: 'We have received your season booking: {room}',
			body: 'We have received your request for {room}: {count} dates from {first} to {last}. The staff will answer for all of them at once.'
		}
	},
	approved: {
		da: {
			title: 'Din sæsonbooking er bekræftet: {room}',
			body: '{room} er booket til dig på {count} datoer fra {first} til {last}.'
		},
		en: {
			title: 'Your season booking is confirmed: {room}',
			body: '{room} is booked for you on {count} dates from {first} to {last}.'
		}
	}
};

var REGISTRATION = {
	confirmed: {
		da: {
			title: 'Din billet: {event}',
			body: 'Du er tilmeldt {event}, {when}{place}. Din billet er linket herunder; vis den ved døren. Føj til din kalender: {ics}'
		},
		en: {
			title: 'Your ticket: {event}',
			body: 'You are registered for {event}, {when}{place}. Your ticket is linked below; show it at the door. Add to your calendar: {ics}'
		}
	},
	waitlisted: {
		da: {
			title: 'Du er på ventelisten: {event}',
			body: 'Du er på ventelisten til {event}, {when}. Bliver der en plads, får du den automatisk og får besked.'
		},
		en: {
			title: 'You are on the waiting list: {event}',
			body: 'You are on the waiting list for {event}, {when}. If a place opens, it is yours automatically and you are told.'
		}
	}
};

var SIGNUP = {
	confirmed: {
		da: {
			title: 'Tak! Du har vagten: {task}',
			body: 'Du er bekræftet på vagten "{task}" til {event}, {when}.'
		},
		en: {
			title: 'Thank you! The shift is yours: {task}',
			body: 'You are confirmed for the shift "{task}" at {event}, {when}.'
		}
	},
	waitlisted: {
		da: {
			title: 'Du er på ventelisten til vagten: {task}',
			body: 'Vagten "{task}" til {event}, {when}, er fuld. Du er på ventelisten og får vagten automatisk, hvis en plads bliver ledig.'
		},
		en: {
			title: 'You are on the waiting list for the shift: {task}',
			body: 'The shift "{task}" at {event}, {when}, is full. You are on the waiting list and get the shift automatically if a place opens.'
		}
	}
};

function lib(name) {
	return require(__hooks + '/lib/' + name + '.js');
}

function toMs(value) {
	return lib('room-claims').toMs(value);
}

/**
 * The receipt of a new booking, made before its transaction (notify.prepare: the reads and the wording
 * need no lock) for the status the booking is expected to get; `record` is null when there is none to
 * send (a status without a receipt, a deleted account).
 * @param {core.App} app
 * @param {core.Record} booking not saved yet
 * @param {string} status
 * @param {core.Record} room
 * @returns {{ status: string, record: core.Record | null }}
 */
function prepareBookingReceived(app, booking, status, room) {
	if (!BOOKING[status]) return { status: status, record: null };
	var record = lib('notify').prepare(app, booking.getString('booker'), {
		kind: 'booking_received',
		texts: BOOKING[status],
		params: { room: room.getString('name'), when: { instant: toMs(booking.getString('start')) } },
		link: '/bookinger'
	});
	return { status: status, record: record };
}

/**
 * Saves a prepared booking receipt in the booking's transaction, once the booking is saved (its id names
 * the receipt, so it is sent once). A booking whose status differs from the expected one (its room began
 * or stopped asking for approval in between) gets its receipt worded again here.
 * @param {core.App} txApp
 * @param {{ status: string, record: core.Record | null }} prepared
 * @param {core.Record} booking saved
 * @param {core.Record} room as read in the transaction
 */
function deliverBookingReceived(txApp, prepared, booking, room) {
	var status = booking.getString('status');
	if (status !== prepared.status) prepared = prepareBookingReceived(txApp, booking, status, room);
	if (!prepared.record) return;
	prepared.record.set('dedupe_key', 'booking-received-' + booking.id);
	// saved without looking for an earlier one: the booking was created in this transaction, so nothing
	// was sent for it yet (and the unique index on dedupe_key would refuse a second)
	txApp.save(prepared.record);
}

/** One receipt for a season booking: all its dates in one message. */
function seriesReceived(app, series, booked) {
	if (!booked.length) return;
	var pending = booked.some(function (b) {
		return b.status === 'pending';
	});
	var room = app.findRecordById('rooms', series.getString('room'));
	lib('notify').notify(app, series.getString('booker'), {
		kind: 'booking_series_received',
		texts: SERIES[pending ? 'pending' : 'approved'],
		params: {
			room: room.getString('name'),
			count: booked.length,
			first: { date: booked[0].date },
			last: { date: booked[booked.length - 1].date }
		},
		link: '/bookinger',
		dedupeKey: 'series-received-' + series.id
	});
}

/**
 * A receipt for a registration (with its ticket and calendar file) or a shift sign-up (confirmed or on the
 * waiting list), just created or reopened.
 * @param {core.App} app
 * @param {'signups' | 'registrations'} collection
 * @param {core.Record} record
 */
function placeReceived(app, collection, record) {
	var status = record.getString('status');
	var base = app.settings().meta.appURL.replace(/\/$/, '');
	if (collection === 'registrations') {
		if (!REGISTRATION[status]) return;
		var event = app.findRecordById('events', record.getString('event'));
		var roomName = '';
		if (event.getString('room')) {
			try {
				roomName = app.findRecordById('rooms', event.getString('room')).getString('name');
			} catch (_) {
				roomName = '';
			}
		}
		lib('notify').notify(app, record.getString('user'), {
			kind: 'registration_received',
			texts: REGISTRATION[status],
			params: {
				event: lib('content-language').contentParam(event, 'title'),
				when: { instant: toMs(event.getString('start')) },
				place: roomName ? { da: ' i ' + roomName, en: ' in ' + roomName } : '',
				ics: base + '/kalender/registration/' + record.id + '.ics'
			},
			link: status === 'confirmed' ? '/billet/' + record.id : '/arrangementer/' + event.id,
			dedupeKey: 'registration-received-' + record.id + '-' + record.getString('placed_at')
		});
		return;
	}
	if (!SIGNUP[status]) return;
	var shift = app.findRecordById('shifts', record.getString('shift'));
	var parent = app.findRecordById('events', shift.getString('event'));
	lib('notify').notify(app, record.getString('user'), {
		kind: 'signup_received',
		texts: SIGNUP[status],
		params: {
			task: shift.getString('task'),
			event: lib('content-language').contentParam(parent, 'title'),
			when: { instant: toMs(shift.getString('start')) }
		},
		link: '/arrangementer/' + parent.id,
		dedupeKey: 'signup-received-' + record.id + '-' + record.getString('placed_at')
	});
}

module.exports = {
	prepareBookingReceived: prepareBookingReceived,
	deliverBookingReceived: deliverBookingReceived,
	seriesReceived: seriesReceived,
	placeReceived: placeReceived
};
