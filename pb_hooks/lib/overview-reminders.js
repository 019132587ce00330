/// <reference path="../../pb_data/types.d.ts" />

// Scheduled reminders (issue 6): 24 hours before an approved booking and a confirmed shift, a ready
// pickup whose deadline is within 24 hours, a loan due within 2 days. Each goes through notify() with a
// dedupe key, and the unique index on notifications.dedupe_key makes "once" hold even when the job runs
// twice at the same moment or the server restarts half-way: a second run finds the key and skips.
// Users who turned reminders off (notify_reminders = false) get none.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

const HOUR = 60 * 60 * 1000;
/** Due rows are read this many at a time, however many there are. */
const PAGE = 200;

const TEXTS = {
	booking: {
		da: { title: 'Påmindelse: {room} {when}', body: 'Du har booket {room} {when}. Vel mødt!' },
		en: { title: 'Reminder: {room} on {when}', body: 'You have booked {room} on {when}. See you!' }
	},
	// to an association's admins, when its booker no longer books for it (rooms/told.js adds why they get it)
	booking_admins: {
		da: {
			title: 'Påmindelse: {room} {when} for {association}',
			body: '{association} har booket {room} {when}.'
		},
		en: {
			title: 'Reminder: {room} on {when} for {association}',
			body: '{association} has booked {room} on {when}.'
		}
	},
	shift: {
		da: {
			title: 'Påmindelse: din vagt {when}',
			body: 'Du har en vagt som {task} til {event} {when}. Tak fordi du hjælper!'
		},
		en: {
			title: 'Reminder: your shift on {when}',
			body: 'You have a shift as {task} at {event} on {when}. Thank you for helping!'
		}
	},
	pickup: {
		da: {
			title: 'Husk at hente {title}',
			body: '{title} venter på dig på hylde {shelf}. Hent den senest {when}, ellers går den videre til den næste i køen.'
		},
		en: {
			title: 'Remember to collect {title}',
			body: '{title} is waiting for you on shelf {shelf}. Collect it by {when}, or it goes to the next in the queue.'
		}
	},
	// nobody waits for the title: a pickup not collected expires, and the copy goes back to the shelf, not
	// to anyone (as the expiry's own message says, library-desk.js)
	pickup_nobody_next: {
		da: {
			title: 'Husk at hente {title}',
			body: '{title} venter på dig på hylde {shelf}. Hent den senest {when}, ellers udløber din reservation.'
		},
		en: {
			title: 'Remember to collect {title}',
			body: '{title} is waiting for you on shelf {shelf}. Collect it by {when}, or your hold expires.'
		}
	},
	loan: {
		da: { title: '{title} skal afleveres snart', body: 'Husk at aflevere {title} senest {when}.' },
		en: { title: '{title} is due soon', body: 'Remember to return {title} by {when}.' }
	}
};

/**
 * Sends every reminder that is due at `now` and not sent before. Safe to run any number of times.
 * @param {core.App} app
 * @param {Date} [now]
 * @returns {{ booking: number, shift: number, pickup: number, loan: number }} reminders created by this run
 */
function runReminders(app, now) {
	const { notify } = require(`${__hooks}/lib/notify.js`);
	const { toPbDate } = require(`${__hooks}/lib/overview-time.js`);
	const status = require(`${__hooks}/lib/core/status.js`);
	const at = now || new Date();
	const params = {
		now: toPbDate(at),
		day: toPbDate(new Date(at.getTime() + 24 * HOUR)),
		twoDays: toPbDate(new Date(at.getTime() + 48 * HOUR))
	};
	const sent = { booking: 0, shift: 0, pickup: 0, loan: 0 };

	const tx = require(`${__hooks}/lib/core/tx.js`);
	// Each reminder is decided on its row as it stands: the rows were read at the start of the run, and a
	// booking cancelled, a hold collected or a loan returned since (the run mails as it goes) is not
	// reminded. The row is read again with the same filter inside the reminder's own transaction, and with
	// the time the message names (`stamp`, a constant field name): one moved since is left to the next run,
	// which tells the new time.
	const send = (
		kind,
		collection,
		filter,
		row,
		userId,
		textParams,
		link,
		dedupeKey,
		stamp,
		mayRemind,
		texts
	) => {
		try {
			const saved = tx.run(app, (txApp) => {
				const still = txApp.findRecordsByFilter(
					collection,
					bindFilter(
						'id = {:id} && ' + stamp.field + ' = {:stamp} && (' + filter + ')',
						Object.assign({}, params, { id: row.id, stamp: stamp.value })
					),
					'',
					1,
					0
				);
				if (!still.length || (mayRemind && !mayRemind(txApp, still[0]))) return false;
				return notify(txApp, userId, {
					kind: 'reminder_' + kind,
					// words that depend on the row as it stands are chosen here, in the reminder's transaction
					texts: (typeof texts === 'function' ? texts(txApp, still[0]) : texts) || TEXTS[kind],
					params: textParams,
					link,
					dedupeKey
				});
			});
			if (saved) sent[kind]++;
		} catch (err) {
			// The unique dedupe index refused a twin created at the same moment: already sent.
			app.logger().debug('reminder skipped', 'key', dedupeKey, 'error', String(err));
		}
	};

	// a row's time field, read through the expanded relation for `shift.start`
	const timeOf = (row, field) => {
		const [first, second] = field.split('.');
		if (!second) return row.getString(first);
		const related = row.expandedOne(first);
		return related ? related.getString(second) : '';
	};
	// Every due row of a kind, a page at a time in order of its time (earliest first), without those
	// already reminded: their dedupe keys are looked up once per page, so a run opens a transaction only
	// for a reminder still to send, and no number of due rows leaves some never read.
	const eachDue = (collection, filter, timeField, expand, keyOf, visit) => {
		let after = null;
		for (;;) {
			const rows = app.findRecordsByFilter(
				collection,
				bindFilter(
					after
						? '(' +
								filter +
								') && (' +
								timeField +
								' > {:at} || (' +
								timeField +
								' = {:at} && id > {:after}))'
						: filter,
					Object.assign({}, params, after || {})
				),
				timeField + ',id',
				PAGE,
				0
			);
			if (!rows.length) return;
			app.expandRecords(rows, expand, null);
			const last = rows[rows.length - 1];
			after = { at: timeOf(last, timeField), after: last.id };
			// a row reminds one person, or (a booking) each of those told of it: a key each
			const keysOf = rows.map((row) => [].concat(keyOf(row)));
			const keys = [].concat(...keysOf);
			if (!keys.length) {
				if (rows.length < PAGE) return;
				continue;
			}
			const found = arrayOf(new DynamicModel({ dedupe_key: '' }));
			app
				.db()
				.select('dedupe_key')
				.from('notifications')
				.where($dbx.in('dedupe_key', ...keys))
				.all(found);
			const sentBefore = new Set(found.map((n) => n.dedupe_key));
			rows.forEach((row, i) => {
				keysOf[i].forEach((key) => {
					if (!sentBefore.has(key)) visit(row, key);
				});
			});
			if (rows.length < PAGE) return;
		}
	};

	// A booking reminds whoever is told of it (rooms/told.js, docs/rules.md "Who is told of a booking"): its
	// booker, or, for an association's booking whose booker no longer books for it (left, or made a plain
	// member), each of the association's active admins, so someone comes (or cancels) before a room that
	// requires check-in releases it as a no-show. Each of them with reminders on and an account not deleted.
	const told = require(`${__hooks}/lib/rooms/told.js`);
	const remindedOf = (reader, booking) => {
		const who = told.toldOf(reader, booking);
		const users = who.users.filter((id) => {
			try {
				const user = reader.findRecordById('users', id);
				return user.getBool('notify_reminders') && !user.getString('deleted_at');
			} catch (_) {
				return false;
			}
		});
		return { users, admins: who.admins, association: who.association };
	};
	// the key names its recipient last (a user id has no ':'), so a booking staff give to someone else after
	// its reminder reminds its new booker, and each admin is reminded once
	const bookingKey = (b, userId) => 'reminder:booking:' + b.id + ':' + b.getString('start') + ':' + userId;
	const bookingFilter = 'status = "approved" && start > {:now} && start <= {:day}';
	eachDue(
		'bookings',
		bookingFilter,
		'start',
		['room'],
		(b) => remindedOf(app, b).users.map((userId) => bookingKey(b, userId)),
		(b, key) => {
			const room = b.expandedOne('room');
			const userId = key.slice(key.lastIndexOf(':') + 1);
			const who = remindedOf(app, b);
			send(
				'booking',
				'bookings',
				bookingFilter,
				b,
				userId,
				{
					room: room ? room.getString('name') : '',
					when: { instant: b.getString('start') },
					association: who.association
				},
				'/overblik',
				key,
				{ field: 'start', value: b.getString('start') },
				// still told of it, and as the words say: as its booker or as an admin
				(txApp, still) => {
					const now = remindedOf(txApp, still);
					return now.users.indexOf(userId) >= 0 && now.admins === who.admins;
				},
				who.admins ? told.forAdmins(TEXTS.booking_admins) : TEXTS.booking
			);
		}
	);

	const signupFilter =
		status.confirmedPlaceFilter() +
		' && shift.start > {:now} && shift.start <= {:day} && user.notify_reminders = true && user.deleted_at = ""';
	const shiftOf = (s) => s.expandedOne('shift');
	eachDue(
		'signups',
		signupFilter,
		'shift.start',
		['shift', 'shift.event', 'user'],
		(s) => 'reminder:shift:' + s.id + ':' + (shiftOf(s) ? shiftOf(s).getString('start') : ''),
		(s, key) => {
			const shift = shiftOf(s);
			if (!shift) return;
			const event = shift.expandedOne('event');
			send(
				'shift',
				'signups',
				signupFilter,
				s,
				s.getString('user'),
				{
					task: shift.getString('task'),
					// in each reader's language (lib/content-language.js)
					event: event ? require(`${__hooks}/lib/content-language.js`).contentParam(event, 'title') : '',
					when: { instant: shift.getString('start') }
				},
				'/overblik',
				key,
				{ field: 'shift.start', value: shift.getString('start') }
			);
		}
	);

	const holdFilter =
		'status = "ready" && pickup_deadline > {:now} && pickup_deadline <= {:day} && patron.notify_reminders = true && patron.deleted_at = ""';
	eachDue(
		'holds',
		holdFilter,
		'pickup_deadline',
		['title', 'patron'],
		// a deadline moved by a closure is reminded again
		(h) => 'reminder:pickup:' + h.id + ':' + h.getString('pickup_deadline'),
		(h, key) => {
			const title = h.expandedOne('title');
			send(
				'pickup',
				'holds',
				holdFilter,
				h,
				h.getString('patron'),
				{
					title: title ? title.getString('title') : '',
					shelf: h.getString('pickup_shelf'),
					when: { instant: h.getString('pickup_deadline') }
				},
				'/overblik',
				key,
				{ field: 'pickup_deadline', value: h.getString('pickup_deadline') },
				undefined,
				// the copy goes to the next in line only when someone unpaused waits for the title
				(txApp, hold) => {
					const desk = require(`${__hooks}/lib/library-desk.js`);
					const queue = require(`${__hooks}/lib/library-queue.js`);
					const waiting = queue.nextHold(desk.titleHolds(txApp, hold.getString('title')));
					return waiting ? TEXTS.pickup : TEXTS.pickup_nobody_next;
				}
			);
		}
	);

	const loanFilter =
		status.openLoanFilter() +
		' && due > {:now} && due <= {:twoDays} && patron.notify_reminders = true && patron.deleted_at = ""';
	eachDue(
		'loans',
		loanFilter,
		'due',
		['title', 'patron'],
		// a renewed loan (new due date) is reminded again
		(l) => 'reminder:loan:' + l.id + ':' + l.getString('due'),
		(l, key) => {
			const title = l.expandedOne('title');
			send(
				'loan',
				'loans',
				loanFilter,
				l,
				l.getString('patron'),
				{ title: title ? title.getString('title') : '', when: { instant: l.getString('due') } },
				'/overblik',
				key,
				{ field: 'due', value: l.getString('due') }
			);
		}
	);
	return sent;
}

module.exports = { runReminders, TEXTS };
