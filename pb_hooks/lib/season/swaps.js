/// <reference path="../../../pb_data/types.d.ts" />

// Swaps and hand-overs of booked season times (docs/rules.md, "Season application round"): an admin of the
// giving association proposes (its consent), an admin of the other consents; when the season says so,
// staff approve. The exchange is one transaction: the lines, their series and every future active booking
// change association (and booker) together, and both admins are told.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var c = require(__hooks + '/lib/season/common.js');

function lib(name) {
	return c.lib(name);
}

/** A booked line of the season whose series is still active, or a refusal on `field`. */
function bookedLine(txApp, seasonId, id, field) {
	var line;
	try {
		line = txApp.findRecordById('season_lines', id);
	} catch (_) {
		throw c.refusal('core_unknown_record', field);
	}
	if (
		line.getString('season') !== seasonId ||
		line.getString('status') !== 'allocated' ||
		!line.getString('series')
	) {
		throw c.refusal('season_swap_not_booked', field);
	}
	var series = txApp.findRecordById('booking_series', line.getString('series'));
	if (series.getString('status') !== 'active') throw c.refusal('season_swap_not_booked', field);
	return line;
}

function isAdmin(txApp, userId, associationId) {
	return c.roleIn(txApp, userId, associationId) === 'admin';
}

/**
 * Rule 3 when a line is carried out to an association, with the rights as they are now: the association is
 * still verified and the person who becomes the booker of its bookings is still an active admin or booker
 * of it. A consent is no right to book: since it was given the association may have been renamed (back to
 * staff verification) or the person may have lost the role, while staff had yet to approve. A refusal on
 * `field` otherwise.
 */
function checkReceiver(txApp, associationId, booker, field) {
	var association;
	try {
		association = txApp.findRecordById('associations', associationId);
	} catch (_) {
		throw c.refusal('rooms_not_booker', field);
	}
	if (!association.getBool('verified')) throw c.refusal('rooms_association_unverified', field);
	if (!lib('rooms-associations').mayBookFor(txApp, booker, associationId)) {
		throw c.refusal('rooms_not_booker', field);
	}
}

/**
 * Whether an association may receive a line at all: it exists and is verified. A refusal otherwise, in the
 * words of the side it is: `season_swap_unverified` for the proposer's own association in a swap,
 * `season_swap_other_unverified` for the other association of a swap or a hand-over.
 */
function checkVerified(txApp, associationId, field, own) {
	var association;
	try {
		association = txApp.findRecordById('associations', associationId);
	} catch (_) {
		throw c.refusal('core_unknown_record', field);
	}
	if (!association.getBool('verified')) {
		throw c.refusal(own ? 'season_swap_unverified' : 'season_swap_other_unverified', field);
	}
}

/**
 * An association whose season booking of this season staff withdrew receives no line by a hand-over, and in a
 * swap only one that gives it no time back (publish.js withdrawnRefusal, the rule of the season's leftovers
 * too): `receives` the line it would get, `gives` the line it gives for it (null for a hand-over). A refusal
 * on `field` otherwise.
 */
function checkWithdrawn(txApp, seasonId, associationId, receives, gives, field) {
	var why = lib('season/publish').withdrawnRefusal(txApp, seasonId, associationId, receives, gives);
	if (why) throw c.refusal(why, field);
}

/**
 * Who may offer an association's booked line (docs/rules.md, "Swaps"), asked by the proposal and by the swap
 * page's options alike: an active admin of the association (`season_not_admin`); in a swap, which gives it
 * the other line, the association must be verified too (`season_swap_unverified`). A hand-over only
 * gives, and asks no verification of the giver.
 */
function checkOfferer(txApp, userId, associationId, swap, field) {
	if (!isAdmin(txApp, userId, associationId)) throw c.refusal('season_not_admin', field);
	if (swap) checkVerified(txApp, associationId, field, true);
}

/**
 * A line's activity as the allocation reads it: its participants, and whether it needs step-free access (as
 * its application says; a time taken from the leftovers asked for none).
 */
function activityOf(txApp, line) {
	var stepFree = false;
	var applicationId = line.getString('application');
	var key = line.getString('activity');
	if (applicationId && key.indexOf(applicationId + ':') === 0) {
		var own = key.slice(applicationId.length + 1);
		var activities = [];
		try {
			activities = c.jsonOf(txApp.findRecordById('season_applications', applicationId), 'activities') || [];
		} catch (_) {
			// an application gone since: no need known
		}
		activities.forEach(function (a) {
			if (a && a.key === own && a.step_free) stepFree = true;
		});
	}
	return { participants: line.getInt('participants'), step_free: stepFree };
}

/**
 * A swap puts each line's activity in the other line's room: each must fit there by the allocation's own rule
 * (allocate.js `roomMisfit`: the room's capacity, a need for step-free access), with the rooms and lines as
 * they are now. The code that says why not (`season_swap_capacity`, `season_swap_step_free`), or '' when
 * both fit: the proposal and the consent refuse it (checkFit), the swap page's options mark it (options).
 */
function misfitOf(txApp, from, to) {
	var misfit = lib('season/allocate').roomMisfit;
	var roomOf = function (line) {
		try {
			var room = txApp.findRecordById('rooms', line.getString('room'));
			return { capacity: room.getInt('capacity'), step_free: room.getBool('step_free') };
		} catch (_) {
			return {};
		}
	};
	var why = misfit(roomOf(to), activityOf(txApp, from)) || misfit(roomOf(from), activityOf(txApp, to));
	if (why === 'capacity') return 'season_swap_capacity';
	if (why === 'accessibility') return 'season_swap_step_free';
	return '';
}

/** misfitOf's code as a refusal on `field`. */
function checkFit(txApp, from, to, field) {
	var why = misfitOf(txApp, from, to);
	if (why) throw c.refusal(why, field);
}

/** What a line says of the activity that holds its time, exchanged by a swap with the other line's. */
var ACTIVITY_FIELDS = ['application', 'activity', 'activity_name', 'participants', 'tier'];

/** Whether an association may swap: checkOfferer's rule, answered yes or no. */
function maySwap(txApp, userId, associationId) {
	try {
		checkOfferer(txApp, userId, associationId, true, 'association');
		return true;
	} catch (_) {
		return false;
	}
}

var TEXTS = {
	proposed: {
		da: {
			title: 'En forening foreslår et bytte af sæsontider',
			body: '{from} foreslår: {what}. Svar i appen.'
		},
		en: {
			title: 'An association proposes a swap of season times',
			body: '{from} proposes: {what}. Answer in the app.'
		}
	},
	done: {
		da: {
			title: 'Byttet af sæsontider er gennemført',
			body: '{what}. Se jeres bookinger under Mit overblik.'
		},
		en: { title: 'The swap of season times is done', body: '{what}. See your bookings in My overview.' }
	},
	waiting: {
		da: { title: 'Byttet venter på personalets godkendelse', body: '{what}.' },
		en: { title: 'The swap is waiting for the staff to approve it', body: '{what}.' }
	},
	declined: {
		da: { title: 'Byttet af sæsontider blev ikke til noget', body: '{what}.' },
		en: { title: 'The swap of season times did not happen', body: '{what}.' }
	}
};

/**
 * What a swap moves, in each reader's language: "Kor (mandag 17:00–19:00, Salen) <-> Skak (tirsdag
 * 17:00–19:00, Lokale 2)", weekdays by name and each time's room, as notify writes a `{ da, en }` parameter.
 */
function describe(txApp, swap) {
	var time = lib('core/time');
	function lineText(id, language) {
		var line = txApp.findRecordById('season_lines', id);
		var room = '';
		try {
			room = txApp.findRecordById('rooms', line.getString('room')).getString('name');
		} catch (_) {
			// a room gone since: the time alone
		}
		return (
			line.getString('activity_name') +
			' (' +
			time.weekdayName(line.getString('weekday'), language) +
			' ' +
			time.range(line.getString('start_time'), line.getString('end_time')) +
			(room ? ', ' + room : '') +
			')'
		);
	}
	var out = {};
	['da', 'en'].forEach(function (language) {
		var text = lineText(swap.getString('from_line'), language);
		if (swap.getString('to_line')) text += ' <-> ' + lineText(swap.getString('to_line'), language);
		out[language] = text;
	});
	return out;
}

/**
 * The proposing association as its message names it to the other association: the name staff have verified,
 * else as the swap page names it (a hand-over asks no verification of the giver, and a name nobody at the
 * house has looked at goes to no stranger: docs/rules.md, "Swaps").
 */
var UNNAMED = {
	da: 'En forening (navnet venter på godkendelse)',
	en: 'An association (its name awaits approval)'
};

/** Tells `users` of a swap; `described` is what it moves, as `describe` said it before it moved. */
function tell(txApp, swap, users, what, described) {
	var association = txApp.findRecordById('associations', swap.getString('from_association'));
	var from = association.getBool('verified') ? association.getString('name') : UNNAMED;
	users.forEach(function (u) {
		if (!u) return;
		var message = {
			kind: 'season_swap_' + what,
			texts: TEXTS[what],
			params: { from: from, what: described || describe(txApp, swap) },
			link: '/saeson/' + swap.getString('season')
		};
		// the same thing proposed again within the hour (withdrawn and proposed in turn, or declined and asked
		// again) asks the admin in the message they have, unread again, and mails them no more
		if (what === 'proposed') {
			lib('notify').notifyOncePerHour(
				txApp,
				u,
				message,
				[
					swap.getString('kind'),
					swap.getString('from_line'),
					swap.getString('to_line') || swap.getString('to_association')
				].join(':')
			);
			return;
		}
		message.dedupeKey = 'season_swap_' + what + ':' + swap.id + ':' + u;
		lib('notify').notify(txApp, u, message);
	});
}

/**
 * One open proposal (proposed, or consented and waiting for staff) for the same thing, read inside the
 * proposal's transaction, so that proposals sent at once give one: a hand-over of a line to an association,
 * or a swap of two lines, whichever side offers it (`season_swap_open`). Nobody can flood the other
 * association's admins with the same question while it waits for their answer.
 */
function refuseOpen(txApp, seasonId, kind, fromLine, toLine, toAssociation) {
	var filter =
		kind === 'swap'
			? 'kind = "swap" && ((from_line = {:f} && to_line = {:t}) || (from_line = {:t} && to_line = {:f}))'
			: 'kind = "handover" && from_line = {:f} && to_association = {:a}';
	var open = txApp.findRecordsByFilter(
		'season_swaps',
		bindFilter('season = {:s} && (status = "proposed" || status = "consented") && ' + filter, {
			s: seasonId,
			f: fromLine,
			t: toLine,
			a: toAssociation
		}),
		'',
		1,
		0
	);
	if (open.length) throw c.refusal('season_swap_open', kind === 'swap' ? 'to_line' : 'to_association');
}

/**
 * POST /api/borgerhus/seasons/{id}/swaps { kind: 'swap' | 'handover', from_line, to_line?,
 * to_association?, note? }: an admin of the line's association proposes.
 * @param {core.RequestEvent} e
 */
function propose(e) {
	var actor = lib('core/auth').requireUser(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (body.kind !== 'swap' && body.kind !== 'handover') throw c.refusal('core_invalid_value', 'kind');
	if (typeof body.from_line !== 'string') throw c.refusal('core_unknown_record', 'from_line');
	var note = body.note === undefined || body.note === null ? '' : body.note;
	if (typeof note !== 'string') throw c.refusal('core_invalid_value', 'note');
	var p = lib('input').textProblem(note, 1000);
	if (p) throw c.refusal(p, 'note');
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		if (lib('season/machines').FINAL.indexOf(season.getString('status')) < 0)
			throw c.refusal('core_bad_transition', 'status');
		var from = bookedLine(txApp, season.id, body.from_line, 'from_line');
		var to = null;
		var toAssociation;
		// every side that receives a line must be verified: the other association always, the proposer's
		// own too when it gets the other line back (carrying out checks again, with the rights as they are then)
		checkOfferer(txApp, actor.id, from.getString('association'), body.kind === 'swap', 'from_line');
		if (body.kind === 'swap') {
			if (typeof body.to_line !== 'string') throw c.refusal('core_unknown_record', 'to_line');
			to = bookedLine(txApp, season.id, body.to_line, 'to_line');
			toAssociation = to.getString('association');
			checkVerified(txApp, toAssociation, 'to_line');
			checkFit(txApp, from, to, 'to_line');
			// neither side may gain back time staff withdrew from it this season
			checkWithdrawn(txApp, season.id, from.getString('association'), to, from, 'to_line');
			checkWithdrawn(txApp, season.id, toAssociation, from, to, 'to_line');
		} else {
			toAssociation = typeof body.to_association === 'string' ? body.to_association : '';
			checkVerified(txApp, toAssociation, 'to_association');
			checkWithdrawn(txApp, season.id, toAssociation, from, null, 'to_association');
		}
		if (toAssociation === from.getString('association'))
			throw c.refusal('season_swap_same', 'to_association');
		refuseOpen(txApp, season.id, body.kind, from.id, to ? to.id : '', toAssociation);
		var swap = new Record(txApp.findCachedCollectionByNameOrId('season_swaps'));
		swap.set('season', season.id);
		swap.set('kind', body.kind);
		swap.set('from_line', from.id);
		swap.set('to_line', to ? to.id : '');
		swap.set('from_association', from.getString('association'));
		swap.set('to_association', toAssociation);
		swap.set('from_consent_by', actor.id);
		swap.set('from_consent_at', c.nowPb());
		swap.set('status', 'proposed');
		swap.set('note', note.trim());
		txApp.save(swap);
		var admins = txApp
			.findRecordsByFilter(
				'memberships',
				bindFilter('association = {:a} && status = "active" && role = "admin"', {
					a: toAssociation
				}),
				'',
				0,
				0
			)
			.map(function (m) {
				return m.getString('user');
			});
		tell(txApp, swap, admins, 'proposed');
		return { id: swap.id };
	});
	return e.json(200, answer);
}

/**
 * Moves a line, its series and its future active bookings to another association and booker; the series and
 * the bookings say the activity the line holds now (its name as purpose, its participants as attendees), so
 * the bookings, the plan and "Mine data" name the activity that uses the time. Showing the
 * association's name on the screens was the giving booker's choice, so it is cleared: nobody of the new
 * association chose it (docs/rules.md, "Door signs and the lobby screen"); saving a booking updates its
 * room_busy label through the bookings' model hook. What staff wrote to a booking's former holder goes
 * (`forgetHolderMessages`), and the move is audited on the series (`booking_series_handed_over`, with the
 * bookings it moved), by `actor`, who carried the swap out: from then on the series and those bookings are
 * the new booker's, in "Mine data" too (docs/rules.md, "Account, feed and reminders").
 */
function moveLine(txApp, line, association, booker, actor, swap) {
	line.set('association', association);
	txApp.save(line);
	var series = txApp.findRecordById('booking_series', line.getString('series'));
	var before = { booker: series.getString('booker'), association: series.getString('association') };
	series.set('association', association);
	series.set('booker', booker);
	series.set('show_publicly', false);
	series.set('purpose', line.getString('activity_name'));
	series.set('attendees', line.getInt('participants'));
	txApp.save(series);
	var claims = lib('room-claims');
	var future = txApp.findRecordsByFilter(
		'bookings',
		bindFilter('series = {:s} && start > {:now} && ' + lib('core/status').activeBookingFilter(), {
			s: series.id,
			now: claims.toPbDate(Date.now())
		}),
		'start',
		0,
		0
	);
	var rooms = lib('rooms-bookings');
	for (var i = 0; i < future.length; i++) {
		if (future[i].getString('booker') !== booker) rooms.forgetHolderMessages(future[i]);
		future[i].set('association', association);
		future[i].set('booker', booker);
		future[i].set('show_publicly', false);
		future[i].set('purpose', line.getString('activity_name'));
		future[i].set('attendees', line.getInt('participants'));
		txApp.save(future[i]);
	}
	lib('core/audit').record(txApp, {
		actor: actor.id,
		action: 'booking_series_handed_over',
		collection: 'booking_series',
		id: series.id,
		details: {
			swap: swap.id,
			from: before,
			to: { booker: booker, association: association },
			bookings: future.map(function (b) {
				return b.id;
			})
		}
	});
	return future.length;
}

/** Carries out a swap inside the caller's transaction, with the lines as they stand now, by `actor`. */
function execute(txApp, swap, actor) {
	var from = bookedLine(txApp, swap.getString('season'), swap.getString('from_line'), 'from_line');
	if (from.getString('association') !== swap.getString('from_association'))
		throw c.refusal('season_swap_not_booked', 'from_line');
	var fromBooker = swap.getString('from_consent_by');
	var toBooker = swap.getString('to_consent_by');
	var to = null;
	if (swap.getString('kind') === 'swap') {
		to = bookedLine(txApp, swap.getString('season'), swap.getString('to_line'), 'to_line');
		if (to.getString('association') !== swap.getString('to_association'))
			throw c.refusal('season_swap_not_booked', 'to_line');
		checkReceiver(txApp, swap.getString('from_association'), fromBooker, 'from_association');
		// the rooms or the lines may have changed since it was proposed
		checkFit(txApp, from, to, 'to_line');
	}
	// a side that gives a line away (the offering one; in a swap both) gave its consent through an admin, and
	// it counts only while that person is one (rule 3): an admin removed or demoted since cannot give the
	// association's times away
	if (!isAdmin(txApp, fromBooker, swap.getString('from_association')))
		throw c.refusal('season_swap_consent_lapsed', 'from_association');
	if (to && !isAdmin(txApp, toBooker, swap.getString('to_association')))
		throw c.refusal('season_swap_consent_lapsed', 'to_association');
	// every side is checked before anything moves: a refusal leaves the lines and bookings as they were
	checkReceiver(txApp, swap.getString('to_association'), toBooker, 'to_association');
	// staff may have withdrawn a season booking of either side since it was proposed: no side gains time back
	var seasonId = swap.getString('season');
	if (to) checkWithdrawn(txApp, seasonId, swap.getString('from_association'), to, from, 'from_association');
	checkWithdrawn(txApp, seasonId, swap.getString('to_association'), from, to, 'to_association');
	// the messages name the lines as they were offered, and the proposals that can no longer happen
	var described = describe(txApp, swap);
	var stale = staleOf(txApp, swap, to ? [from.id, to.id] : [from.id]).map(function (row) {
		return { swap: row, described: describe(txApp, row) };
	});
	// in a swap each activity takes the other's time: the lines exchange what they say of their activity
	if (to) {
		ACTIVITY_FIELDS.forEach(function (field) {
			var kept = from.get(field);
			from.set(field, to.get(field));
			to.set(field, kept);
		});
	}
	if (to) moveLine(txApp, to, swap.getString('from_association'), fromBooker, actor, swap);
	moveLine(txApp, from, swap.getString('to_association'), toBooker, actor, swap);
	swap.set('status', 'done');
	txApp.save(swap);
	tell(txApp, swap, [fromBooker, toBooker], 'done', described);
	closeStale(txApp, stale);
}

/**
 * The other open proposals for the lines a swap just moved can no longer happen (their lines changed
 * hands): they end as cancelled in the same transaction, and whoever proposed or consented is told, so
 * nobody is offered a "yes" that would only be refused.
 */
function staleOf(txApp, done, lines) {
	return txApp.findRecordsByFilter(
		'season_swaps',
		bindFilter(
			'season = {:season} && id != {:id} && (status = "proposed" || status = "consented") && ' +
				'(from_line = {:a} || to_line = {:a} || from_line = {:b} || to_line = {:b})',
			{ season: done.getString('season'), id: done.id, a: lines[0], b: lines[1] || lines[0] }
		),
		'',
		0,
		0
	);
}

/** Ends the stale proposals (`staleOf`, each with what it offered) as cancelled, and tells their people. */
function closeStale(txApp, stale) {
	for (var i = 0; i < stale.length; i++) {
		var row = stale[i].swap;
		row.set('status', 'cancelled');
		txApp.save(row);
		tell(
			txApp,
			row,
			[row.getString('from_consent_by'), row.getString('to_consent_by')],
			'declined',
			stale[i].described
		);
	}
}

function swapOf(txApp, id) {
	try {
		return txApp.findRecordById('season_swaps', id);
	} catch (_) {
		throw new NotFoundError('Not found.');
	}
}

/**
 * POST /api/borgerhus/season-swaps/{id}/{action}: consent | decline (an admin of the receiving
 * association), cancel (an admin of the giving one), approve | reject (staff, when the season asks).
 * @param {core.RequestEvent} e
 */
function act(e) {
	var actor = lib('core/auth').requireUser(e);
	var id = e.request.pathValue('id');
	var action = e.request.pathValue('action');
	if (['consent', 'decline', 'cancel', 'approve', 'reject'].indexOf(action) < 0)
		throw new NotFoundError('Not found.');
	var answer = lib('core/tx').route(e, function (txApp) {
		var swap = swapOf(txApp, id);
		var roles = [];
		if (actor.kind === 'staff') roles.push('staff');
		if (isAdmin(txApp, actor.id, swap.getString('from_association'))) roles.push('owner');
		if (isAdmin(txApp, actor.id, swap.getString('to_association'))) roles.push('association');
		if (!roles.length) {
			// a member of either association sees the swap but may not decide it; anyone else does not see it
			var member =
				c.roleIn(txApp, actor.id, swap.getString('from_association')) ||
				c.roleIn(txApp, actor.id, swap.getString('to_association'));
			if (member) throw c.refusal('season_not_admin', 'form');
			throw new NotFoundError('Not found.');
		}
		var season = txApp.findRecordById('seasons', swap.getString('season'));
		var machine = lib('core/machine');
		var from = swap.getString('status');
		var to = {
			consent: season.getBool('swap_approval') ? 'consented' : 'done',
			decline: 'declined',
			cancel: 'cancelled',
			approve: 'done',
			reject: 'rejected'
		}[action];
		var t = machine.find(lib('season/machines').swap, from, to);
		if (t && t.name !== action) t = null;
		// settled already (answered, withdrawn, decided by staff, or closed when its line changed hands):
		// said so to a second answer from a page shown before, never the generic refusal
		var swaps = lib('season/machines').swap;
		if (!t && machine.isFinal(swaps, from)) throw c.refusal('season_swap_decided', 'status');
		// staff deciding one the receiving association has not agreed to yet (a move out of `consented`), and
		// a second yes or a late no from that association (a move out of `proposed`): said as such
		if (!t && from === 'proposed' && machine.allowed(machine.named(swaps, 'consented', action), roles))
			throw c.refusal('season_swap_not_consented', 'status');
		if (!t && from === 'consented' && machine.allowed(machine.named(swaps, 'proposed', action), roles))
			throw c.refusal('season_swap_consented_already', 'status');
		if (!t) throw c.refusal('core_bad_transition', 'status');
		if (!machine.allowed(t, roles)) {
			throw c.refusal(
				action === 'approve' || action === 'reject' ? 'core_forbidden' : 'season_not_admin',
				'form'
			);
		}
		if (action === 'consent') {
			swap.set('to_consent_by', actor.id);
			swap.set('to_consent_at', c.nowPb());
		}
		if (action === 'approve' || action === 'reject') {
			swap.set('decided_by', actor.id);
			swap.set('decided_at', c.nowPb());
			lib('core/audit').staffAction(txApp, actor, 'season_swap_' + action, swap, {});
		}
		if (to === 'done') {
			if (!swap.getString('to_consent_by') || !swap.getString('from_consent_by')) {
				throw c.refusal('season_swap_consent_missing', 'form');
			}
			execute(txApp, swap, actor);
		} else {
			swap.set('status', to);
			txApp.save(swap);
			if (to === 'consented') {
				tell(txApp, swap, [swap.getString('from_consent_by'), swap.getString('to_consent_by')], 'waiting');
			}
			if (to === 'declined' || to === 'rejected') {
				tell(txApp, swap, [swap.getString('from_consent_by'), swap.getString('to_consent_by')], 'declined');
			}
			// withdrawn by the offering association: whoever made or agreed to it is told, as when it goes stale,
			// so an admin who said yes is not left waiting for staff; the one who withdrew it knows
			if (to === 'cancelled') {
				tell(
					txApp,
					swap,
					[swap.getString('from_consent_by'), swap.getString('to_consent_by')].filter(function (u) {
						return u !== actor.id;
					}),
					'declined'
				);
			}
		}
		return { id: swap.id, status: swap.getString('status') };
	});
	return e.json(200, answer);
}

/**
 * GET /api/borgerhus/seasons/{id}/swap-options?association=: what an admin of the association may offer
 * and ask for, by the rule the proposal asks (checkOfferer): only to an admin of an association that holds a
 * booked weekly line of the season (`season_swap_no_line` otherwise), its booked weekly lines, the verified
 * associations a hand-over can go to (none whose season booking of the season staff withdrew) and, when the
 * association may swap (it is verified), the lines it may ask for: the booked weekly lines of the other
 * verified associations (association names, activities and times, no people), each with `refused`: the
 * association's own lines a swap for it would be refused for, with the code (misfitOf: an activity that
 * would not fit the other room; withdrawnRefusal: time back to a side staff withdrew a season time from). A line of an unverified
 * association cannot be swapped for, and is not listed.
 * @param {core.RequestEvent} e
 */
function options(e) {
	var actor = lib('core/auth').requireUser(e);
	var id = e.request.pathValue('id');
	var association = e.request.url.query().get('association');
	var season = c.seasonOf(e.app, id, actor);
	checkOfferer(e.app, actor.id, association, false, 'association');
	if (lib('season/machines').FINAL.indexOf(season.getString('status')) < 0) {
		return e.json(200, { mine: [], others: [], associations: [] });
	}
	var rooms = c.roomsOf(e.app, c.configOf(season));
	var names = {};
	var nameOf = function (a) {
		return c.shownName(e.app, a, actor.kind === 'staff', names);
	};
	var verified = {};
	var isVerified = function (a) {
		if (!(a in verified)) {
			try {
				verified[a] = e.app.findRecordById('associations', a).getBool('verified');
			} catch (_) {
				verified[a] = false;
			}
		}
		return verified[a];
	};
	var mine = [];
	var others = [];
	var lines = e.app.findRecordsByFilter(
		'season_lines',
		bindFilter(
			'season = {:s} && status = "allocated" && every != 0 && series != "" && series.status = "active"',
			{ s: season.id }
		),
		'slot',
		0,
		0
	);
	var own = lines.filter(function (l) {
		return l.getString('association') === association;
	});
	if (!own.length) throw c.refusal('season_swap_no_line', 'association');
	var swapping = maySwap(e.app, actor.id, association);
	// the withdrawn lines of each association, read once (publish.js withdrawnRefusal)
	var withdrawn = {};
	var withdrawnRefusal = function (receiver, receives, gives) {
		return lib('season/publish').withdrawnRefusal(e.app, season.id, receiver, receives, gives, withdrawn);
	};
	lines
		.filter(function (l) {
			var a = l.getString('association');
			return a === association || (swapping && isVerified(a));
		})
		.forEach(function (l) {
			var row = {
				id: l.id,
				association: l.getString('association'),
				association_name: nameOf(l.getString('association')),
				activity_name: l.getString('activity_name'),
				room_name: (rooms[l.getString('room')] || {}).name || '',
				weekday: l.getString('weekday'),
				start: l.getString('start_time'),
				end: l.getString('end_time'),
				every: l.getInt('every'),
				parity: l.getInt('parity')
			};
			if (row.association === association) {
				mine.push(row);
				return;
			}
			// which of the association's own lines a swap for this one would be refused for, and why
			// (misfitOf and withdrawnRefusal for either side, the proposal's own checks): the page offers no
			// swap the proposal would refuse
			row.refused = {};
			own.forEach(function (o) {
				var why =
					misfitOf(e.app, o, l) ||
					withdrawnRefusal(association, l, o) ||
					withdrawnRefusal(row.association, o, l);
				if (why) row.refused[o.id] = why;
			});
			others.push(row);
		});
	var associations = e.app
		.findRecordsByFilter(
			'associations',
			bindFilter('verified = true && id != {:a}', { a: association }),
			'name',
			0,
			0
		)
		.filter(function (a) {
			// an association staff withdrew a season booking of this season from receives no hand-over
			return !withdrawnRefusal(a.id, own[0], null);
		})
		.map(function (a) {
			return { id: a.id, name: a.getString('name') };
		});
	return e.json(200, { mine: mine, others: others, associations: associations });
}

module.exports = { propose: propose, act: act, options: options };
