/// <reference path="../../../pb_data/types.d.ts" />

// From the final plan to bookings, and the leftovers (docs/rules.md, "Season application round"):
//   * each allocated line becomes a booking series with one approved booking per date of its slot, in the
//     house's wall-clock time on every date (daylight saving included), blackout dates left out and
//     listed, a date the room cannot have (a closure, an event) skipped with its code: one transaction per
//     association, so an association has all its lines booked or none;
//   * leftovers, first come first served: a free half of a slot (no line holds it, or its series was
//     cancelled) goes to the first association that claims it; the claim and its bookings are one
//     transaction, so two claims of one slot never both win;
//   * a free date: one date of a slot the plan gave whose booking is no longer active (cancelled, withdrawn,
//     released) and that nothing else holds (no active booking, event or closure of the room at that
//     time); in fcfs leftovers it goes, alone, to the first association that claims it.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var c = require(__hooks + '/lib/season/common.js');

function lib(name) {
	return c.lib(name);
}

function compact(date) {
	return date.replace(/-/g, '');
}

/** Today's date in the house. */
function today() {
	return lib('core/time').localParts(Date.now()).date;
}

/**
 * Books one line inside the caller's transaction: the series and one booking per date from today on.
 * Writes series, booked and skipped on the line. Answers { booked, skipped }.
 */
function bookLine(txApp, config, line, booker, actor) {
	var allocate = lib('season/allocate');
	var time = lib('core/time');
	var claims = lib('room-claims');
	var bookings = lib('rooms-bookings');
	var every = line.getInt('every') || 1;
	var parity = line.getInt('parity');
	var all = allocate.datesOf(config, line.getString('weekday'), every, parity);
	var from = today();
	var dates = all.dates.filter(function (d) {
		return d >= from;
	});
	var skipped = all.blackout
		.filter(function (d) {
			return d >= from;
		})
		.map(function (d) {
			return { date: d, code: 'season_blackout' };
		});
	var start = line.getString('start_time');
	var end = line.getString('end_time');
	var booked = 0;
	var series = null;
	if (dates.length) {
		series = new Record(txApp.findCachedCollectionByNameOrId('booking_series'));
		series.set('room', line.getString('room'));
		series.set('booker', booker);
		series.set('association', line.getString('association'));
		series.set('purpose', line.getString('activity_name'));
		series.set('attendees', line.getInt('participants'));
		series.set(
			'rrule',
			'DTSTART:' +
				compact(dates[0]) +
				'T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=' +
				every +
				';UNTIL=' +
				compact(dates[dates.length - 1]) +
				'T235900Z'
		);
		series.set('first_date', dates[0] + ' 00:00:00.000Z');
		series.set('last_date', dates[dates.length - 1] + ' 00:00:00.000Z');
		series.set('start_time', start);
		series.set('end_time', end);
		series.set('status', 'active');
		txApp.save(series);
		var collection = txApp.findCachedCollectionByNameOrId('bookings');
		for (var i = 0; i < dates.length; i++) {
			var s = time.resolve(dates[i], start);
			var f = time.resolveEnd(dates[i], end);
			if (!('instant' in s) || !('instant' in f)) {
				skipped.push({ date: dates[i], code: 'instant' in s ? f.code : s.code });
				continue;
			}
			var booking = new Record(collection);
			booking.set('room', line.getString('room'));
			booking.set('booker', booker);
			booking.set('association', line.getString('association'));
			booking.set('series', series.id);
			booking.set('purpose', line.getString('activity_name'));
			booking.set('attendees', line.getInt('participants'));
			booking.set('start', claims.toPbDate(s.instant));
			booking.set('end', claims.toPbDate(f.instant));
			var checked = bookings.checkBooking(txApp, bookings.draftOf(booking), {
				policy: true,
				rights: false,
				skipHorizon: true
			});
			if (checked.problem) {
				skipped.push({ date: dates[i], code: checked.code });
				continue;
			}
			booking.set('status', 'approved');
			if (actor.kind === 'staff') booking.set('decided_by', actor.id);
			booking.set('decided_at', claims.toPbDate(Date.now()));
			bookings.giveDeadline(booking, checked.room);
			txApp.save(booking);
			bookings.syncBusy(txApp, 'booking', booking, false, true);
			booked++;
		}
		if (!booked) {
			txApp.delete(series);
			series = null;
		}
	}
	skipped.sort(function (a, b) {
		return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
	});
	line.set('series', series ? series.id : '');
	line.set('booked', booked);
	line.set('skipped', skipped);
	txApp.save(line);
	return { booked: booked, skipped: skipped, series: series ? series.id : '' };
}

/**
 * Rule 3 when the plan is booked, on the rows as they are now (the application may be months old): the
 * association must be verified, and the bookings are made for a person who may book in its name. The
 * applicant while they still may; else the association's longest-standing active admin (common.js
 * `actingFor`, who acts for it, as its application's news is told). Answers the person,
 * or `{ code }` when nobody may book for it (the lines stay unbooked until staff book them again).
 * @param {core.App} txApp
 * @param {string} associationId
 * @param {string} applicant
 * @returns {{ booker: string } | { code: string }}
 */
function bookerFor(txApp, associationId, applicant) {
	var association;
	try {
		association = txApp.findRecordById('associations', associationId);
	} catch (_) {
		return { code: 'rooms_not_booker' };
	}
	if (!association.getBool('verified')) return { code: 'rooms_association_unverified' };
	// verified: the one who acts for it may book in its name (rule 3)
	var acting = c.actingFor(txApp, associationId, applicant);
	return acting.length ? { booker: acting[0] } : { code: 'rooms_not_booker' };
}

var NOT_BOOKED_TEXTS = {
	da: {
		title: 'Jeres sæsontider er ikke booket endnu',
		body: '{season}: {reason} Huset booker tiderne, når det er på plads.'
	},
	en: {
		title: 'Your season times are not booked yet',
		body: '{season}: {reason} The house books the times once that is settled.'
	}
};

/** The title of the booked message says what happened: every date booked, only some, or none. */
var BOOKED_TITLES = {
	all: { da: 'Jeres sæsontider er booket', en: 'Your season times are booked' },
	some: {
		da: 'Jeres sæsontider er booket, men ikke alle datoer',
		en: 'Your season times are booked, but not every date'
	},
	none: { da: 'Jeres sæsontider kunne ikke bookes', en: 'Your season times could not be booked' }
};

/**
 * Books the final plan: one transaction per association for its allocated lines not yet booked. Safe to
 * call again (a line with a series is done). Answers per association what was booked and skipped, or the
 * code of why it could not be booked (`bookerFor`); its admins are told so.
 * @param {core.App} app
 * @param {string} seasonId
 * @param {{ kind: string, id: string }} actor
 */
function bookAll(app, seasonId, actor, round, firstOnly) {
	var season = app.findRecordById('seasons', seasonId);
	var config = c.configOf(season);
	var lines = app.findRecordsByFilter(
		'season_lines',
		bindFilter(
			'season = {:s} && status = "allocated" && series = "" && booked = 0' +
				(firstOnly ? ' && round != 2' : ''),
			{ s: seasonId }
		),
		'association',
		0,
		0
	);
	var byAssociation = {};
	var bestRank = {};
	lines.forEach(function (l) {
		var association = l.getString('association');
		(byAssociation[association] = byAssociation[association] || []).push(l.id);
		var reason = c.jsonOf(l, 'reason') || {};
		var rank = typeof reason.tier_rank === 'number' ? reason.tier_rank : 99;
		bestRank[association] = Math.min(bestRank[association] || 99, rank);
	});
	var out = [];
	// the law's order where two lines' dates cannot both be booked (a room's pause raised after the times
	// were set): the association with the highest tier first, then by id
	Object.keys(byAssociation)
		.sort(function (a, b) {
			return bestRank[a] - bestRank[b] || (a < b ? -1 : a > b ? 1 : 0);
		})
		.forEach(function (association) {
			var refused = '';
			try {
				var done = lib('core/tx').run(app, function (txApp) {
					var booked = 0;
					var skipped = 0;
					var booker = '';
					// the first line this run gave a series: each run books other lines (a line with a series is done)
					var first = '';
					var ids = byAssociation[association];
					for (var i = 0; i < ids.length; i++) {
						var line = txApp.findRecordById('season_lines', ids[i]);
						if (line.getString('status') !== 'allocated' || line.getString('series')) continue;
						var application = line.getString('application')
							? txApp.findRecordById('season_applications', line.getString('application'))
							: null;
						// only what is still applied for is booked (a draft is run again after any change)
						if (application && application.getString('status') !== 'submitted') continue;
						var who = bookerFor(txApp, association, application ? application.getString('applicant') : '');
						if ('code' in who) {
							refused = who.code;
							throw c.refusal(who.code, 'association');
						}
						booker = who.booker;
						var r = bookLine(txApp, config, line, booker, actor);
						booked += r.booked;
						skipped += r.skipped.length;
						if (r.series && !first) first = line.id;
					}
					// a line with no date left to book (its days have passed) tells nothing
					if (booker && booked + skipped > 0) {
						lib('notify').notify(txApp, booker, {
							kind: 'season_booked',
							texts: {
								da: {
									title: BOOKED_TITLES[booked === 0 ? 'none' : skipped ? 'some' : 'all'].da,
									body: '{season}, {association}: {booked} {booked|dato|datoer} er booket, {skipped} er sprunget over (se hvorfor).'
								},
								en: {
									title: BOOKED_TITLES[booked === 0 ? 'none' : skipped ? 'some' : 'all'].en,
									body: '{season}, {association}: {booked} {booked|date is|dates are} booked, {skipped} {skipped|was|were} skipped (see why).'
								}
							},
							params: {
								season: season.getString('name'),
								association: txApp.findRecordById('associations', association).getString('name'),
								booked: booked,
								skipped: skipped
							},
							link: '/saeson/' + seasonId,
							// once per run that booked lines (named by the first of them), and once that none could be
							// booked: booking again after that tells the association of the times booked then, and a
							// run that again books nothing tells it nothing new
							dedupeKey:
								'season_booked:' +
								seasonId +
								':' +
								association +
								(round === 2 ? ':second' : '') +
								':' +
								(first || 'none')
						});
					}
					return { association: association, booked: booked, skipped: skipped };
				});
				out.push(done);
			} catch (err) {
				if (!refused) {
					// not a rule's refusal: nothing of this association was booked; staff see "not booked" and
					// can book the plan again (POST .../book), the cause goes to the log
					var cause = String(err && err.message ? err.message : err);
					app
						.logger()
						.error('season booking failed', 'season', seasonId, 'association', association, 'error', cause);
					out.push({ association: association, error: cause });
					return;
				}
				out.push({ association: association, code: refused });
				tellNotBooked(app, season, association, refused, round);
			}
		});
	return out;
}

/** Tells an association's active admins why its season times were not booked, once per reason and round. */
function tellNotBooked(app, season, associationId, code, round) {
	var reason = lib('core/codes')[code];
	lib('core/tx').run(app, function (txApp) {
		txApp
			.findRecordsByFilter(
				'memberships',
				bindFilter('association = {:a} && status = "active" && role = "admin" && user != ""', {
					a: associationId
				}),
				'',
				0,
				0
			)
			.forEach(function (admin) {
				var user = admin.getString('user');
				lib('notify').notify(txApp, user, {
					kind: 'season_not_booked',
					texts: NOT_BOOKED_TEXTS,
					params: { season: season.getString('name'), reason: reason },
					link: '/saeson/' + season.id,
					dedupeKey:
						'season_not_booked:' +
						season.id +
						':' +
						associationId +
						':' +
						code +
						':' +
						user +
						(round === 2 ? ':second' : '')
				});
			});
	});
}

/**
 * POST /api/borgerhus/seasons/{id}/book: staff book what the final plan has not booked yet (after a
 * failed association), in every state from the final plan on. While a second round runs, only the first
 * round's lines: the second round's draft is booked when that round is published. Answers as bookAll.
 * @param {core.RequestEvent} e
 */
function book(e) {
	var actor = lib('core/auth').requireStaff(e);
	var id = e.request.pathValue('id');
	var season = c.seasonOf(e.app, id, actor);
	var status = season.getString('status');
	if (['final', 'second_round', 'second_closed', 'leftovers'].indexOf(status) < 0)
		throw c.refusal('core_bad_transition', 'status');
	var running = status === 'second_round' || status === 'second_closed';
	return e.json(200, { booking: bookAll(e.app, id, actor, undefined, running) });
}

/**
 * The halves of slots held now: by an allocated weekly line whose series is not cancelled (a single claimed
 * date holds no half). `firstOnly` leaves out the second round's lines (what that round allocates around).
 */
function heldUnits(txApp, seasonId, firstOnly) {
	var allocate = lib('season/allocate');
	var held = {};
	txApp
		.findRecordsByFilter(
			'season_lines',
			bindFilter(
				'season = {:s} && status = "allocated" && every != 0' + (firstOnly ? ' && round != 2' : ''),
				{ s: seasonId }
			),
			'',
			0,
			0
		)
		.forEach(function (l) {
			var seriesId = l.getString('series');
			if (seriesId) {
				try {
					if (txApp.findRecordById('booking_series', seriesId).getString('status') === 'cancelled') return;
				} catch (_) {
					return;
				}
			}
			allocate
				.unitsOf({ slot: l.getString('slot'), every: l.getInt('every'), parity: l.getInt('parity') })
				.forEach(function (u) {
					held[u] = l.id;
				});
		});
	return held;
}

/**
 * The activity a claim of leftovers names (claim and claimDate): its name and participants, or a refusal.
 * @param {Record<string, any>} body
 * @returns {{ name: string, participants: number }}
 */
function claimActivity(body) {
	var name = typeof body.activity_name === 'string' ? body.activity_name : '';
	var p = lib('input').textProblem(name, 200, true);
	if (p) throw c.refusal(p, 'activity_name');
	if (!name.trim()) throw c.refusal('core_required', 'activity_name');
	var participants = body.participants;
	if (
		typeof participants !== 'number' ||
		participants % 1 !== 0 ||
		participants < 1 ||
		participants > lib('season/validate').MAX_PARTICIPANTS
	) {
		throw c.refusal('season_participants_range', 'participants');
	}
	return { name: name, participants: participants };
}

/**
 * Why an association's claims of a season's leftovers are refused, or '' when they are taken: the leftovers
 * go first come, first served (`season_not_leftovers`), the user is an admin or booker of the association
 * (`season_not_booker`), which is verified (`season_claim_unverified`) and has had no season booking of
 * this season withdrawn by staff (`season_claim_withdrawn`, withdrawnRefusal). The claims ask it inside their
 * transaction; the season's plan answers it to the association's page, which offers no claim it would refuse.
 * @param {core.App} app
 * @param {core.Record} season
 * @param {string} userId
 * @param {string} associationId
 * @returns {string}
 */
function claimRefusal(app, season, userId, associationId) {
	if (season.getString('status') !== 'leftovers' || season.getString('leftovers') !== 'fcfs') {
		return 'season_not_leftovers';
	}
	var role = c.roleIn(app, userId, associationId);
	if (role !== 'admin' && role !== 'booker') return 'season_not_booker';
	var association = app.findRecordById('associations', associationId);
	if (!association.getBool('verified')) return 'season_claim_unverified';
	return withdrawnRefusal(app, season.id, associationId, null, null);
}

/**
 * Inside a claim's transaction: the season, when claimRefusal has no refusal for the actor and the
 * association it claims for; a refusal otherwise.
 * @param {core.App} txApp
 * @param {string} id
 * @param {{ kind: string, id: string }} actor
 * @param {string} associationId
 * @returns {core.Record}
 */
function claimableSeason(txApp, id, actor, associationId) {
	var season = c.seasonOf(txApp, id, actor);
	var refused = claimRefusal(txApp, season, actor.id, associationId);
	if (refused) throw c.refusal(refused, refused === 'season_not_leftovers' ? 'form' : 'association');
	return season;
}

/**
 * The lines of the association in this season whose season booking staff withdrew (repeated no-shows:
 * `booking_series_withdrawn` on the line's series).
 * @returns {core.Record[]}
 */
function withdrawnLines(txApp, seasonId, associationId) {
	var lines = txApp.findRecordsByFilter(
		'season_lines',
		bindFilter('season = {:s} && association = {:a} && series != ""', { s: seasonId, a: associationId }),
		'',
		0,
		0
	);
	return lines.filter(function (line) {
		return (
			txApp.findRecordsByFilter(
				'audit_log',
				bindFilter(
					'action = "booking_series_withdrawn" && target_collection = "booking_series" && target_id = {:id}',
					{ id: line.getString('series') }
				),
				'',
				1,
				0
			).length > 0
		);
	});
}

/** A line's weekly time in minutes over two weeks: its length, twice for every week, once for every other. */
function weeklyMinutes(line) {
	var minutes = lib('season/validate').minutes;
	var length = minutes(line.getString('end_time')) - minutes(line.getString('start_time'));
	if (length <= 0) length += 24 * 60;
	return length * (line.getInt('every') === 2 ? 1 : 2);
}

/**
 * What an association whose season booking of this season staff withdrew (repeated no-shows) may not take in
 * the season, or it could take the withdrawn time straight back (docs/rules.md, "Leftovers", "Swaps"). The
 * one rule, asked by the claims, the second round's applications and draft, and the swaps (proposal, carrying
 * out, the swap page's options):
 * - `receives` null (the season's leftovers: a claim of a weekly time or a date, a second-round application):
 *   nothing at all, `season_claim_withdrawn`;
 * - `receives` a line: never by a hand-over (`gives` null); in a swap, where it gives `gives` for it, only a
 *   line at none of the slots it was withdrawn from that holds no more weekly time than the line it gives,
 *   `season_swap_withdrawn` otherwise: it may exchange its remaining times, not gain time back.
 * '' when the association had nothing withdrawn, or the exchange is allowed.
 * @param {core.App} app
 * @param {string} seasonId
 * @param {string} associationId
 * @param {core.Record | null} [receives]
 * @param {core.Record | null} [gives]
 * @param {Record<string, core.Record[]>} [known] the withdrawn lines already read, by association (a caller
 *   asking many times, the swap page's options)
 * @returns {string}
 */
function withdrawnRefusal(app, seasonId, associationId, receives, gives, known) {
	var withdrawn = known && known[associationId];
	if (!withdrawn) {
		withdrawn = withdrawnLines(app, seasonId, associationId);
		if (known) known[associationId] = withdrawn;
	}
	if (!withdrawn.length) return '';
	if (!receives) return 'season_claim_withdrawn';
	if (!gives) return 'season_swap_withdrawn';
	var slot = receives.getString('slot');
	var back = withdrawn.some(function (line) {
		return line.getString('slot') === slot;
	});
	if (back || weeklyMinutes(receives) > weeklyMinutes(gives)) return 'season_swap_withdrawn';
	return '';
}

/**
 * Whether a half of a slot (`every`, `parity`) still has a date to book: a date of the season, not a
 * blackout date, whose start lies ahead. A time with none left is not offered among the free times (plan)
 * and its claim is refused (`season_no_dates_left`), never said to be taken by someone else.
 * @param {object} config the season's set-up (common.js configOf)
 * @param {{ weekday: string, start: string, end: string }} slot
 * @param {number} every
 * @param {number} parity
 * @returns {boolean}
 */
function hasDatesLeft(config, slot, every, parity) {
	var dates = lib('season/allocate').datesOf(config, slot.weekday, every, parity).dates;
	var from = today();
	var now = Date.now();
	for (var i = dates.length - 1; i >= 0 && dates[i] >= from; i--) {
		var at = instantsOf(dates[i], slot.start, slot.end);
		if (at && at.start > now) return true;
	}
	return false;
}

/**
 * POST /api/borgerhus/seasons/{id}/claim { association, slot, every?, activity_name, participants }: an
 * admin or booker of a verified association takes a free slot of a season whose leftovers go first come,
 * first served. One transaction: the line, the series and its bookings; a slot taken in between is
 * season_slot_taken, a time none of whose dates the room takes is refused with the room's reason
 * (roomRefusal).
 * @param {core.RequestEvent} e
 */
function claim(e) {
	var actor = lib('core/auth').requireUser(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.association !== 'string') throw c.refusal('season_not_booker', 'association');
	if (typeof body.slot !== 'string') throw c.refusal('season_slot_unknown', 'slot');
	var every = body.every === undefined ? 1 : body.every;
	if (every !== 1 && every !== 2) throw c.refusal('core_invalid_value', 'every');
	var activity = claimActivity(body);
	var name = activity.name;
	var participants = activity.participants;
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = claimableSeason(txApp, id, actor, body.association);
		var config = c.configOf(season);
		var slot = config.slots.filter(function (s) {
			return s.id === body.slot;
		})[0];
		if (!slot) throw c.refusal('season_slot_unknown', 'slot');
		var room = txApp.findRecordById('rooms', slot.room);
		if (room.getInt('capacity') && participants > room.getInt('capacity')) {
			throw c.refusal('rooms_over_capacity', 'participants');
		}
		var held = heldUnits(txApp, season.id);
		var parity = 0;
		if (every === 1) {
			if (held[slot.id + '#0'] || held[slot.id + '#1']) throw c.refusal('season_slot_taken', 'slot');
		} else if (!held[slot.id + '#0']) parity = 0;
		else if (!held[slot.id + '#1']) parity = 1;
		else throw c.refusal('season_slot_taken', 'slot');
		// the season's dates of that time have passed: nothing to book, and nobody took it
		if (!hasDatesLeft(config, slot, every, parity)) throw c.refusal('season_no_dates_left', 'slot');
		var line = new Record(txApp.findCachedCollectionByNameOrId('season_lines'));
		line.set('season', season.id);
		line.set('association', body.association);
		line.set('activity', 'leftover:' + body.association + ':' + slot.id + ':' + parity);
		line.set('activity_name', name.trim());
		line.set('participants', participants);
		line.set('tier', '');
		line.set('status', 'allocated');
		line.set('via', 'leftover');
		line.set('wish', -1);
		line.set('slot', slot.id);
		line.set('room', slot.room);
		line.set('weekday', slot.weekday);
		line.set('start_time', slot.start);
		line.set('end_time', slot.end);
		line.set('every', every);
		line.set('parity', parity);
		line.set('reason', { leftover: true, claimed_at: c.nowPb() });
		txApp.save(line);
		var r = bookLine(txApp, config, line, actor.id, actor);
		// nobody took the time: the room refused each of its dates, and says why
		if (!r.booked) throw c.refusal(roomRefusal(r.skipped), 'slot');
		return { line: line.id, series: r.series, booked: r.booked, skipped: r.skipped };
	});
	return e.json(200, answer);
}

/**
 * Why the room refused every date of a weekly claim (bookLine's `skipped`, none booked): the reason most of
 * its dates were refused for, the earliest first on a tie (`rooms_inactive` for a room out of use,
 * `rooms_closed` for a closure, `rooms_overlap` for another booking or an event, ...), the season's own
 * closed dates left out. The time itself was free, so never `season_slot_taken`.
 * @param {{ date: string, code: string }[]} skipped
 * @returns {string}
 */
function roomRefusal(skipped) {
	var counts = {};
	var best = '';
	skipped.forEach(function (x) {
		if (!x.code || x.code === 'season_blackout') return;
		counts[x.code] = (counts[x.code] || 0) + 1;
		if (!best || counts[x.code] > counts[best]) best = x.code;
	});
	return best || 'season_no_dates_left';
}

/** The instants of a slot on a date, or null when the wall-clock time does not exist that day. */
function instantsOf(date, start, end) {
	var time = lib('core/time');
	var s = time.resolve(date, start);
	var f = time.resolveEnd(date, end);
	if (!('instant' in s) || !('instant' in f)) return null;
	return { start: s.instant, end: f.instant };
}

/**
 * The free dates of a season in leftovers: dates (from today) of the halves the plan's lines hold whose own
 * booking is no longer active, that no booking, event or closure of the room takes now. `only` { slot, date }
 * asks about that one date (a claim's, inside its transaction: the season's other lines are not read).
 * @returns {{ slot: string, date: string, room_name: string, weekday: string, start: string, end: string }[]}
 */
function freeDates(app, season, only) {
	var allocate = lib('season/allocate');
	var claims = lib('room-claims');
	var time = lib('core/time');
	var config = c.configOf(season);
	var rooms = c.roomsOf(app, config);
	var from = today();
	var out = [];
	var lines = app.findRecordsByFilter(
		'season_lines',
		bindFilter(
			'season = {:s} && status = "allocated" && every != 0 && series != ""' +
				(only ? ' && slot = {:slot}' : ''),
			{ s: season.id, slot: only ? only.slot : '' }
		),
		'slot',
		0,
		0
	);
	for (var i = 0; i < lines.length; i++) {
		var line = lines[i];
		var series;
		try {
			series = app.findRecordById('booking_series', line.getString('series'));
		} catch (_) {
			continue;
		}
		if (series.getString('status') !== 'active') continue;
		var active = {};
		app
			.findRecordsByFilter(
				'bookings',
				bindFilter('series = {:s} && ' + lib('core/status').activeBookingFilter(), { s: series.id }),
				'',
				0,
				0
			)
			.forEach(function (b) {
				active[time.localParts(claims.toMs(b.getString('start'))).date] = true;
			});
		var skipped = {};
		(c.jsonOf(line, 'skipped') || []).forEach(function (x) {
			skipped[x.date] = true;
		});
		var dates = allocate.datesOf(
			config,
			line.getString('weekday'),
			line.getInt('every') || 1,
			line.getInt('parity')
		).dates;
		for (var d = 0; d < dates.length; d++) {
			var date = dates[d];
			if ((only && date !== only.date) || date < from || active[date] || skipped[date]) continue;
			var at = instantsOf(date, line.getString('start_time'), line.getString('end_time'));
			if (!at || at.start <= Date.now()) continue;
			if (claims.findRoomConflict(app, { room: line.getString('room'), start: at.start, end: at.end }))
				continue;
			out.push({
				slot: line.getString('slot'),
				date: date,
				room_name: (rooms[line.getString('room')] || {}).name || '',
				weekday: line.getString('weekday'),
				start: line.getString('start_time'),
				end: line.getString('end_time')
			});
		}
	}
	out.sort(function (a, b) {
		return a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0;
	});
	return out;
}

/**
 * POST /api/borgerhus/seasons/{id}/claim-date { association, slot, date, activity_name, participants }: an
 * admin or booker of a verified association takes one free date (see freeDates) of a season whose leftovers
 * go first come, first served. One transaction: the check, a line for the date and its one booking; a date
 * taken in between is season_slot_taken.
 * @param {core.RequestEvent} e
 */
function claimDate(e) {
	var actor = lib('core/auth').requireUser(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.association !== 'string') throw c.refusal('season_not_booker', 'association');
	if (typeof body.slot !== 'string') throw c.refusal('season_slot_unknown', 'slot');
	var dayProblem = lib('season/validate').dayProblem(body.date);
	if (dayProblem) throw c.refusal(dayProblem, 'date');
	var activity = claimActivity(body);
	var name = activity.name;
	var participants = activity.participants;
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = claimableSeason(txApp, id, actor, body.association);
		var config = c.configOf(season);
		var slot = config.slots.filter(function (s) {
			return s.id === body.slot;
		})[0];
		// a time the season does not offer, as the weekly claim says it
		if (!slot) throw c.refusal('season_slot_unknown', 'slot');
		var free = freeDates(txApp, season, { slot: slot.id, date: body.date });
		if (!free.length) throw c.refusal('season_date_not_free', 'date');
		var room = txApp.findRecordById('rooms', slot.room);
		if (room.getInt('capacity') && participants > room.getInt('capacity')) {
			throw c.refusal('rooms_over_capacity', 'participants');
		}
		var at = instantsOf(body.date, slot.start, slot.end);
		var claims = lib('room-claims');
		var bookings = lib('rooms-bookings');
		var line = new Record(txApp.findCachedCollectionByNameOrId('season_lines'));
		line.set('season', season.id);
		line.set('association', body.association);
		line.set('activity', 'leftover-date:' + body.association + ':' + slot.id + ':' + body.date);
		line.set('activity_name', name.trim());
		line.set('participants', participants);
		line.set('tier', '');
		line.set('status', 'allocated');
		line.set('via', 'leftover');
		line.set('wish', -1);
		line.set('slot', slot.id);
		line.set('room', slot.room);
		line.set('weekday', slot.weekday);
		line.set('start_time', slot.start);
		line.set('end_time', slot.end);
		line.set('every', 0);
		line.set('parity', 0);
		line.set('booked', 1);
		line.set('reason', { leftover: true, date: body.date, claimed_at: c.nowPb() });
		var booking = new Record(txApp.findCachedCollectionByNameOrId('bookings'));
		booking.set('room', slot.room);
		booking.set('booker', actor.id);
		booking.set('association', body.association);
		booking.set('purpose', name.trim());
		booking.set('attendees', participants);
		booking.set('start', claims.toPbDate(at.start));
		booking.set('end', claims.toPbDate(at.end));
		var checked = bookings.checkBooking(txApp, bookings.draftOf(booking), {
			policy: true,
			rights: false,
			skipHorizon: true
		});
		if (checked.problem) {
			throw c.refusal(checked.code === 'rooms_overlap' ? 'season_date_not_free' : checked.code, 'date');
		}
		booking.set('status', 'approved');
		booking.set('decided_at', claims.toPbDate(Date.now()));
		bookings.giveDeadline(booking, checked.room);
		txApp.save(booking);
		bookings.syncBusy(txApp, 'booking', booking, false, true);
		txApp.save(line);
		return { line: line.id, booking: booking.id };
	});
	return e.json(200, answer);
}

module.exports = {
	bookLine: bookLine,
	bookAll: bookAll,
	book: book,
	claim: claim,
	claimDate: claimDate,
	claimRefusal: claimRefusal,
	freeDates: freeDates,
	hasDatesLeft: hasDatesLeft,
	heldUnits: heldUnits,
	withdrawnRefusal: withdrawnRefusal
};
