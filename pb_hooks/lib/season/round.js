/// <reference path="../../../pb_data/types.d.ts" />

// The season round up to the draft (docs/rules.md, "Season application round"): set-up, the round's
// states, applications, the draft allocation with staff's settlements and overrides, objections and the
// public plan. Each write is one transaction that re-reads its rows and asks the machines of machines.js.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(__hooks + '/lib/core/filter.js').bindFilter(filter, params);
}

var c = require(__hooks + '/lib/season/common.js');

function lib(name) {
	return c.lib(name);
}

/**
 * The ids an update or set-up may name: active rooms, associations and the other seasons (`self`: the
 * season updated, which cannot be its own last season), and each active room's policy
 * (rooms-policy.js, the check every booking of the plan meets), so a time its room could never book is
 * refused; with `withBuffers`, each room's pause between bookings too, which the season's times must leave
 * between them while they can change. `stored`: the times the season holds now, not asked again when sent
 * back unchanged (a room made inactive since keeps the season editable).
 */
function known(app, withBuffers, stored, self) {
	var records = app.findRecordsByFilter('rooms', 'active = true', '', 0, 0);
	var rooms = records.map(function (r) {
		return r.id;
	});
	var associations = app.findRecordsByFilter('associations', 'id != ""', '', 0, 0).map(function (r) {
		return r.id;
	});
	// the seasons `previous` may name: any but the season itself
	var seasons = app.findRecordsByFilter('seasons', 'id != ""', '', 0, 0).map(function (r) {
		return r.id;
	});
	var policies = {};
	var roomPolicy = lib('rooms-bookings').roomPolicy;
	records.forEach(function (r) {
		policies[r.id] = roomPolicy(r);
	});
	var out = {
		rooms: rooms,
		associations: associations,
		seasons: seasons,
		self: self || '',
		policies: policies,
		stored: stored || []
	};
	if (!withBuffers) return out;
	var buffers = {};
	records.forEach(function (r) {
		buffers[r.id] = r.getInt('buffer_minutes');
	});
	out.buffers = buffers;
	return out;
}

var SETUP_FIELDS = [
	'name',
	'first_date',
	'last_date',
	'slots',
	'blackout_dates',
	'apply_from',
	'apply_until',
	'draft_at',
	'objection_until',
	'final_at',
	'tiers',
	'house_associations',
	'local_criteria',
	'tie_breakers',
	'leftovers',
	'swap_approval',
	'previous'
];

/**
 * The set-up fields that shape the allocation: fixed once the window has opened. The blackout dates
 * shape it too but may still change until the draft is published (a date the house needs after all): a
 * change clears the draft, which runs again before it can be published.
 */
var FIXED_FIELDS = [
	'slots',
	'tiers',
	'tie_breakers',
	'local_criteria',
	'house_associations',
	'first_date',
	'last_date',
	'previous'
];

/** The set-up of a season row as the validation reads it (ISO instants with their zone). */
function setupOf(season) {
	var out = {};
	SETUP_FIELDS.forEach(function (f) {
		if (
			['slots', 'blackout_dates', 'tiers', 'house_associations', 'local_criteria', 'tie_breakers'].indexOf(
				f
			) >= 0
		) {
			out[f] = c.jsonOf(season, f) || [];
		} else if (f === 'swap_approval') out[f] = season.getBool(f);
		else if (['apply_from', 'apply_until', 'draft_at', 'objection_until', 'final_at'].indexOf(f) >= 0) {
			var v = season.getString(f);
			out[f] = v ? v.replace(' ', 'T') : '';
		} else out[f] = season.getString(f);
	});
	return out;
}

function writeSetup(season, value) {
	SETUP_FIELDS.forEach(function (f) {
		season.set(f, value[f]);
	});
}

/**
 * POST /api/borgerhus/seasons: staff set up a season (state "setup").
 * @param {core.RequestEvent} e
 */
function create(e) {
	var actor = lib('core/auth').requireStaff(e);
	var body = c.bodyOf(e);
	var result = lib('core/tx').route(e, function (txApp) {
		var checked = lib('season/validate').checkSeason(body, known(txApp, true));
		if (checked.problem) throw c.refusal(checked.problem.code, checked.problem.field);
		var season = new Record(txApp.findCachedCollectionByNameOrId('seasons'));
		writeSetup(season, checked.value);
		season.set('status', 'setup');
		season.set('settlements', []);
		season.set('overrides', []);
		txApp.save(season);
		lib('core/audit').staffAction(txApp, actor, 'season_created', season, { name: checked.value.name });
		return { id: season.id };
	});
	return e.json(200, result);
}

/**
 * While the draft is published, the objection deadline alone: staff may set one where there was none, or
 * bring it forward, to a time not in the past, so that no open-ended objecting holds back the final plan.
 * Everything else of the set-up is locked (`season_setup_locked` at its field), as a form that sends it
 * back unchanged is not refused. Inside the caller's transaction; answers the changed fields.
 */
function setObjectionDeadline(txApp, season, body) {
	var stored = setupOf(season);
	// the deadline is checked on its own (checkObjectionDeadline): the window may have been closed before
	// its end, so a deadline now may lie before the planned end of the window
	stored.objection_until = '';
	var merged = setupOf(season);
	merged.objection_until = '';
	var keys = Object.keys(body);
	for (var i = 0; i < keys.length; i++) {
		if (SETUP_FIELDS.indexOf(keys[i]) < 0) throw c.refusal('core_field_locked', keys[i]);
		if (keys[i] !== 'objection_until') merged[keys[i]] = body[keys[i]];
	}
	// the rest as the checks write it, so a form that sends it back unchanged is not refused
	var validate = lib('season/validate');
	var checked = validate.checkSeason(merged, known(txApp, false, stored.slots));
	if (checked.problem) throw c.refusal(checked.problem.code, checked.problem.field);
	var before = validate.checkSeason(stored, known(txApp, false, stored.slots)).value || stored;
	for (var f = 0; f < SETUP_FIELDS.length; f++) {
		var k = SETUP_FIELDS[f];
		if (k !== 'objection_until' && JSON.stringify(checked.value[k]) !== JSON.stringify(before[k])) {
			throw c.refusal('season_setup_locked', k);
		}
	}
	if (keys.indexOf('objection_until') < 0) return [];
	var wasMs = c.msOf(season.getString('objection_until'));
	var value = body.objection_until;
	if (typeof value === 'string' && value && Date.parse(value.replace(' ', 'T')) === wasMs) return [];
	var deadline = validate.checkObjectionDeadline(
		value,
		Date.now(),
		wasMs,
		c.msOf(season.getString('final_at'))
	);
	if (deadline.problem) throw c.refusal(deadline.problem.code, deadline.problem.field);
	season.set('objection_until', deadline.value);
	txApp.save(season);
	return ['objection_until'];
}

/**
 * PATCH /api/borgerhus/seasons/{id}: staff change the set-up until the draft is published. The slots,
 * tiers and tie-breakers shape the allocation: they are fixed once the window has closed. While the draft
 * is published only the objection deadline may be set or brought forward (setObjectionDeadline).
 * @param {core.RequestEvent} e
 */
function update(e) {
	var actor = lib('core/auth').requireStaff(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	var unchanged = false;
	lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		// nothing sent, nothing to change: no write, no audit
		if (!Object.keys(body).length) {
			unchanged = true;
			return;
		}
		var status = season.getString('status');
		if (status === 'draft_published') {
			var changed = setObjectionDeadline(txApp, season, body);
			if (changed.length) {
				lib('core/audit').staffAction(txApp, actor, 'season_changed', season, {
					fields: changed,
					to: season.getString('objection_until')
				});
				tellApplicants(txApp, season, 'objection_deadline');
			}
			return;
		}
		if (['setup', 'open', 'closed'].indexOf(status) < 0) throw c.refusal('season_setup_locked', 'form');
		var stored = setupOf(season);
		var merged = setupOf(season);
		var keys = Object.keys(body);
		for (var i = 0; i < keys.length; i++) {
			if (SETUP_FIELDS.indexOf(keys[i]) < 0) throw c.refusal('core_field_locked', keys[i]);
			merged[keys[i]] = body[keys[i]];
		}
		var validate = lib('season/validate');
		// the times are fixed from the window's opening: a room's pause changed since is the publication's
		// to meet (the higher tier is booked first)
		var checked = validate.checkSeason(merged, known(txApp, status === 'setup', stored.slots, season.id));
		if (checked.problem) throw c.refusal(checked.problem.code, checked.problem.field);
		// compared as the checks write it (a slot's id, the order of keys)
		var before = validate.checkSeason(stored, known(txApp, false, stored.slots)).value || stored;
		// every field sent back as it stands: nothing is written or audited
		if (
			SETUP_FIELDS.every(function (k) {
				return JSON.stringify(checked.value[k]) === JSON.stringify(before[k]);
			})
		) {
			unchanged = true;
			return;
		}
		if (status !== 'setup') {
			// what shapes the allocation is fixed once the window has opened, so a form that sends every field
			// back unchanged is not refused
			for (var f = 0; f < FIXED_FIELDS.length; f++) {
				var k = FIXED_FIELDS[f];
				if (JSON.stringify(checked.value[k]) !== JSON.stringify(before[k])) {
					throw c.refusal('season_setup_locked', k);
				}
			}
			if (JSON.stringify(checked.value.blackout_dates) !== JSON.stringify(before.blackout_dates)) {
				season.set('drafted_at', '');
			}
		}
		writeSetup(season, checked.value);
		txApp.save(season);
		lib('core/audit').staffAction(txApp, actor, 'season_changed', season, { fields: keys });
	});
	return e.json(200, unchanged ? { id: id, unchanged: true } : { id: id });
}

/** Refuses a publication while a line of the round is flagged: a tie staff have not settled. */
function refuseFlagged(txApp, season, round) {
	var flagged = txApp.findRecordsByFilter(
		'season_lines',
		bindFilter('season = {:s} && status = "flagged" && ' + (round === 2 ? 'round = 2' : 'round != 2'), {
			s: season.id
		}),
		'',
		1,
		0
	);
	if (flagged.length) throw c.refusal('season_flagged_open', 'form');
}

/**
 * POST /api/borgerhus/seasons/{id}/status { to }: staff move the round on. Publishing the draft needs a
 * draft without flagged lines; the final plan needs every objection answered, and then books the plan
 * (publish.js), one transaction per association.
 * @param {core.RequestEvent} e
 */
function moveRound(e) {
	var actor = lib('core/auth').requireStaff(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.to !== 'string') throw c.refusal('core_invalid_value', 'to');
	var to = body.to;
	var secondUntil = '';
	if (to === 'second_round') {
		var window = lib('season/validate').checkSecondWindow(body.second_until, Date.now());
		if (window.problem) throw c.refusal(window.problem.code, window.problem.field);
		secondUntil = window.value;
	}
	var from = '';
	lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		from = season.getString('status');
		var machines = lib('season/machines');
		// a page read before someone else moved the season asks for the move made already: said as such
		if (from === to) throw c.refusal('season_status_already', 'form');
		// the season's mode names the one way its free times go on after the final plan
		var leftoverMoves = Object.keys(machines.LEFTOVERS_MOVE).map(function (mode) {
			return machines.LEFTOVERS_MOVE[mode];
		});
		if (
			from === 'final' &&
			leftoverMoves.indexOf(to) >= 0 &&
			machines.LEFTOVERS_MOVE[season.getString('leftovers') || 'fcfs'] !== to
		) {
			throw c.refusal('season_leftovers_mode', 'to');
		}
		var t = c.moveSeason(season, to, ['staff']);
		// reopening the window lets applications change: the draft made before is no longer the draft of
		// what was applied for, so it has to be run again before it can be published
		if (t.name === 'reopen') {
			// a window whose end has passed takes no application: the applicants would be told the round is
			// open until a moment behind them (staff move the end in the set-up first, while the round is closed)
			var applyUntil = c.msOf(season.getString('apply_until'));
			if (isNaN(applyUntil) || applyUntil <= Date.now())
				throw c.refusal('season_reopen_window_passed', 'form');
			season.set('drafted_at', '');
		}
		if (t.name === 'reopen_second_round') season.set('second_drafted_at', '');
		if (to === 'second_round') {
			season.set('second_from', c.nowPb());
			season.set('second_until', secondUntil);
		}
		if (from === 'second_closed' && to === 'leftovers') {
			if (!season.getString('second_drafted_at')) throw c.refusal('season_no_draft', 'form');
			refuseFlagged(txApp, season, 2);
		}
		if (to === 'draft_published') {
			if (!season.getString('drafted_at')) throw c.refusal('season_no_draft', 'form');
			refuseFlagged(txApp, season, 1);
			// the associations object until the deadline: one passed already would give them no time at all,
			// and let the final plan follow at once (staff move it ahead first, while the round is closed)
			var objectionDeadline = c.msOf(season.getString('objection_until'));
			if (!isNaN(objectionDeadline) && objectionDeadline <= Date.now()) {
				throw c.refusal('season_objection_deadline_passed', 'form');
			}
			season.set('published_at', c.nowPb());
		}
		if (to === 'final') {
			// the associations have until the objection deadline to object to the draft: the final plan waits
			var objectionsUntil = c.msOf(season.getString('objection_until'));
			if (!isNaN(objectionsUntil) && Date.now() < objectionsUntil)
				throw c.refusal('season_objection_window_open', 'form');
			var open = txApp.findRecordsByFilter(
				'season_objections',
				bindFilter('season = {:s} && status = "open"', { s: season.id }),
				'',
				1,
				0
			);
			if (open.length) throw c.refusal('season_objections_open', 'form');
			// a draft run again after its publication (a settlement or an adjustment) may flag a tie anew:
			// staff settle it first, the final plan never leaves a contested slot to whoever claims it later
			refuseFlagged(txApp, season, 1);
			season.set('finalized_at', c.nowPb());
		}
		txApp.save(season);
		lib('core/audit').staffAction(txApp, actor, 'season_' + t.name, season, { to: to });
		if (to === 'draft_published' || to === 'final') tellApplicants(txApp, season, to);
		// the second round's applicants hear of its allocation as the first round's of the final plan
		if (from === 'second_closed' && to === 'leftovers') tellApplicants(txApp, season, 'second_published');
		// opened, or reopened with a new end: told once to each admin of a verified association
		if (to === 'second_round') tellSecondRound(txApp, season);
		if (t.name === 'reopen' || t.name === 'reopen_second_round') tellReopened(txApp, season);
	});
	var answer = { id: id, status: to };
	if (to === 'final') answer.booking = lib('season/publish').bookAll(e.app, id, actor);
	if (from === 'second_closed' && to === 'leftovers') {
		answer.booking = lib('season/publish').bookAll(e.app, id, actor, 2);
	}
	return e.json(200, answer);
}

var TEXTS = {
	draft_published: {
		da: {
			title: 'Udkastet til sæsonens fordeling er offentliggjort',
			body: '{season}, {association}: se hvad I har fået og hvorfor. I kan gøre indsigelse indtil {until}.'
		},
		en: {
			title: 'The draft allocation of the season is published',
			body: '{season}, {association}: see what you got and why. You can object until {until}.'
		}
	},
	// a draft published without a last day for objections
	draft_published_open: {
		da: {
			title: 'Udkastet til sæsonens fordeling er offentliggjort',
			body: '{season}, {association}: se hvad I har fået og hvorfor.'
		},
		en: {
			title: 'The draft allocation of the season is published',
			body: '{season}, {association}: see what you got and why.'
		}
	},
	final: {
		da: {
			title: 'Sæsonens endelige fordeling er offentliggjort',
			body: '{season}, {association}: den endelige plan er klar. Se hvad I har fået og hvorfor. De tider, I har fået, bliver booket nu, og I får besked, når det er sket.'
		},
		en: {
			title: 'The final allocation of the season is published',
			body: '{season}, {association}: the final plan is ready. See what you got and why. The times you got are being booked now, and you will be told when it is done.'
		}
	},
	// the final plan to an applicant that got no time at all: nothing is booked for it
	final_nothing: {
		da: {
			title: 'Sæsonens endelige fordeling er offentliggjort',
			body: '{season}, {association}: den endelige plan er klar. I har ikke fået nogen tider i den. Se hvorfor på sæsonens side.'
		},
		en: {
			title: 'The final allocation of the season is published',
			body: '{season}, {association}: the final plan is ready. You got no times in it. See why on the season page.'
		}
	},
	second_round: {
		da: {
			title: 'Anden runde: søg om de ledige sæsontider',
			body: '{season}, {associations}: de tider, der er tilbage efter den endelige plan, kan søges indtil {until}.'
		},
		en: {
			title: 'Second round: apply for the free season times',
			body: '{season}: the times left after the final plan can be applied for until {until}.'
		}
	},
	// a deadline set, or brought forward, after the draft was published
	objection_deadline: {
		da: {
			title: 'Ny frist for indsigelser',
			body: '{season}, {association}: I kan gøre indsigelse mod udkastet indtil {until}.'
		},
		en: {
			title: 'New deadline for objections',
			body: '{season}, {association}: you can object to the draft until {until}.'
		}
	},
	// the second round's allocation published, to an applicant of that round that got a time
	second_published: {
		da: {
			title: 'Fordelingen i anden runde er offentliggjort',
			body: '{season}, {association}: fordelingen af de ledige tider er klar. Se hvad I har fået og hvorfor. De tider, I har fået, bliver booket nu, og I får besked, når det er sket.'
		},
		en: {
			title: 'The allocation of the second round is published',
			body: '{season}, {association}: the allocation of the free times is ready. See what you got and why. The times you got are being booked now, and you will be told when it is done.'
		}
	},
	// ... and to one that got no time in it
	second_nothing: {
		da: {
			title: 'Fordelingen i anden runde er offentliggjort',
			body: '{season}, {association}: fordelingen af de ledige tider er klar. I har ikke fået nogen tider i anden runde. Se hvorfor på sæsonens side.'
		},
		en: {
			title: 'The allocation of the second round is published',
			body: '{season}, {association}: the allocation of the free times is ready. You got no times in the second round. See why on the season page.'
		}
	},
	// ... and to one whose season booking of this season staff withdrew after it applied: its application was
	// left out of the round's draft (publish.js withdrawnRefusal), so it says why, not "see why"
	second_barred: {
		da: {
			title: 'Fordelingen i anden runde er offentliggjort',
			body: '{season}, {association}: fordelingen af de ledige tider er klar. Jeres ansøgning kom ikke med, fordi huset har trukket en af foreningens sæsontider tilbage i denne sæson. Kontakt huset, hvis du har spørgsmål.'
		},
		en: {
			title: 'The allocation of the second round is published',
			body: "{season}, {association}: the allocation of the free times is ready. Your application was left out, because the house withdrew one of the association's season times in this season. Contact the house if you have questions."
		}
	},
	// the window reopened (`reopen`), to an association whose application stands ...
	reopened: {
		da: {
			title: 'Ansøgningsrunden er åbnet igen',
			body: '{season}, {association}: huset har åbnet for ansøgninger igen. I kan ændre jeres ansøgning indtil {until}.'
		},
		en: {
			title: 'The application round is open again',
			body: '{season}, {association}: the house has opened the round for applications again. You can change your application until {until}.'
		}
	},
	// ... and to one that withdrew it
	reopened_withdrawn: {
		da: {
			title: 'Ansøgningsrunden er åbnet igen',
			body: '{season}, {association}: huset har åbnet for ansøgninger igen. I trak jeres ansøgning tilbage, men I kan sende den igen indtil {until}.'
		},
		en: {
			title: 'The application round is open again',
			body: '{season}, {association}: the house has opened the round for applications again. You withdrew your application, but you can send it again until {until}.'
		}
	},
	// the second round reopened (`reopen_second_round`), to its applicants
	second_reopened: {
		da: {
			title: 'Anden runde er åbnet igen',
			body: '{season}, {association}: huset har åbnet anden runde igen. I kan ændre jeres ansøgning om de ledige tider indtil {until}.'
		},
		en: {
			title: 'The second round is open again',
			body: '{season}, {association}: the house has opened the second round again. You can change your application for the free times until {until}.'
		}
	},
	second_reopened_withdrawn: {
		da: {
			title: 'Anden runde er åbnet igen',
			body: '{season}, {association}: huset har åbnet anden runde igen. I trak jeres ansøgning om de ledige tider tilbage, men I kan sende den igen indtil {until}.'
		},
		en: {
			title: 'The second round is open again',
			body: '{season}, {association}: the house has opened the second round again. You withdrew your application for the free times, but you can send it again until {until}.'
		}
	},
	answered: {
		da: { title: 'Svar på jeres indsigelse', body: '{season}: {answer}' },
		en: { title: 'Answer to your objection', body: '{season}: {answer}' }
	}
};

/**
 * Tells each association that applied of the round's news about its application (`what`: draft_published,
 * final, objection_deadline, and second_published to the second round's applicants): the people who act for
 * it now (common.js `actingFor`), the applicant while still an active admin or booker, else its active
 * admins, so a person removed since hears nothing of it.
 */
function tellApplicants(txApp, season, what) {
	var second = what === 'second_published';
	var roundFilter = second ? ' && round = 2' : ' && round != 2';
	var apps = txApp.findRecordsByFilter(
		'season_applications',
		bindFilter('season = {:s} && status = "submitted"' + roundFilter, { s: season.id }),
		'',
		0,
		0
	);
	var until = season.getString('objection_until');
	var texts = what === 'draft_published' && !until ? TEXTS.draft_published_open : TEXTS[what];
	var nothing = second ? TEXTS.second_nothing : TEXTS.final_nothing;
	// who got a time in the plan: told that it is being booked; the others that they got none
	var allocated = {};
	if (what === 'final' || second) {
		txApp
			.findRecordsByFilter(
				'season_lines',
				bindFilter('season = {:s} && status = "allocated"' + roundFilter, { s: season.id }),
				'',
				0,
				0
			)
			.forEach(function (l) {
				allocated[l.getString('application')] = true;
			});
	}
	for (var i = 0; i < apps.length; i++) {
		// one message per application: an applicant for two associations is told of each by its name
		var association = '';
		try {
			association = txApp.findRecordById('associations', apps[i].getString('association')).getString('name');
		} catch (_) {
			// an association gone since: the season's name alone
		}
		var people = c.actingFor(txApp, apps[i].getString('association'), apps[i].getString('applicant'));
		var told = (what === 'final' || second) && !allocated[apps[i].id] ? nothing : texts;
		// an association barred from the leftovers since it applied to the second round was left out of its
		// draft (runDraft): it hears why
		if (
			second &&
			!allocated[apps[i].id] &&
			lib('season/publish').withdrawnRefusal(txApp, season.id, apps[i].getString('association'), null, null)
		) {
			told = TEXTS.second_barred;
		}
		for (var p = 0; p < people.length; p++) {
			lib('notify').notify(txApp, people[p], {
				kind: 'season_' + what,
				texts: told,
				params: {
					season: season.getString('name'),
					association: association,
					// written in each reader's language and house time (notify fills an instant)
					until: until ? { instant: until } : ''
				},
				link: '/saeson/' + season.id,
				// once per application and person; a deadline may be brought forward again: each one is told
				dedupeKey:
					'season_' +
					what +
					':' +
					season.id +
					':' +
					apps[i].id +
					':' +
					people[p] +
					(what === 'objection_deadline' ? ':' + until : '')
			});
		}
	}
}

/**
 * Tells each association that applied to the round staff have just reopened (`reopen`, or
 * `reopen_second_round` for the second round's applicants) that it is open again and until when: the
 * people who act for it now (common.js `actingFor`), in each one's language. One whose application stands
 * may change it, one that withdrew it may send it again; a person the application would refuse now (the
 * association not verified, or barred from the leftovers: eligibilityProblem) is told nothing. Staff closing
 * and reopening in turn send no mail at every turn: a reopening within the hour rewrites the message
 * (notify.js notifyOncePerHour). Called with the season moved, inside the move's transaction.
 */
function tellReopened(txApp, season) {
	var second = season.getString('status') === 'second_round';
	var apps = txApp.findRecordsByFilter(
		'season_applications',
		bindFilter('season = {:s}' + (second ? ' && round = 2' : ' && round != 2'), { s: season.id }),
		'',
		0,
		0
	);
	var until = { instant: season.getString(second ? 'second_until' : 'apply_until') };
	for (var i = 0; i < apps.length; i++) {
		var associationId = apps[i].getString('association');
		var association = '';
		try {
			association = txApp.findRecordById('associations', associationId).getString('name');
		} catch (_) {
			continue;
		}
		var withdrawn = apps[i].getString('status') === 'withdrawn';
		var texts = second
			? withdrawn
				? TEXTS.second_reopened_withdrawn
				: TEXTS.second_reopened
			: withdrawn
				? TEXTS.reopened_withdrawn
				: TEXTS.reopened;
		var people = c.actingFor(txApp, associationId, apps[i].getString('applicant'));
		for (var p = 0; p < people.length; p++) {
			if (eligibilityProblem(txApp, season, associationId, { id: people[p] }, null)) continue;
			lib('notify').notifyOncePerHour(
				txApp,
				people[p],
				{
					kind: 'season_reopened',
					texts: texts,
					params: { season: season.getString('name'), association: association, until: until },
					link: '/saeson/' + season.id
				},
				season.id + ':' + apps[i].id
			);
		}
	}
}

/**
 * Tells the admins of verified associations that the second round is open, each person once, naming the
 * associations they may apply for. An association whose season booking of this season staff withdrew takes
 * none of the leftovers (publish.js withdrawnRefusal): it is not told to apply, and a person who is admin of
 * it alone is told nothing.
 */
function tellSecondRound(txApp, season) {
	var admins = txApp.findRecordsByFilter(
		'memberships',
		'status = "active" && role = "admin" && association.verified = true && user != ""',
		'',
		0,
		0
	);
	var until = { instant: season.getString('second_until') };
	var barred = {};
	var names = {};
	var order = [];
	for (var i = 0; i < admins.length; i++) {
		var user = admins[i].getString('user');
		var associationId = admins[i].getString('association');
		if (barred[associationId] === undefined) {
			barred[associationId] = !!lib('season/publish').withdrawnRefusal(
				txApp,
				season.id,
				associationId,
				null,
				null
			);
		}
		if (barred[associationId]) continue;
		if (!names[user]) {
			names[user] = [];
			order.push(user);
		}
		var name = txApp.findRecordById('associations', associationId).getString('name');
		if (names[user].indexOf(name) < 0) names[user].push(name);
	}
	order.forEach(function (user) {
		lib('notify').notify(txApp, user, {
			kind: 'season_second_round',
			texts: TEXTS.second_round,
			params: {
				season: season.getString('name'),
				associations: names[user].sort().join(', '),
				until: until
			},
			link: '/saeson/' + season.id,
			dedupeKey: 'season_second_round:' + season.id + ':' + user
		});
	});
}

/** The season's set-up for the current round: in the second round only the slots with a free half. */
function roundConfig(txApp, season) {
	var config = c.configOf(season);
	var round = lib('season/machines').roundOf(season.getString('status'));
	config.settlements = config.settlements.filter(function (x) {
		return (x.round || 1) === round;
	});
	if (round !== 2) return { config: config, round: round, held: [] };
	var heldMap = lib('season/publish').heldUnits(txApp, season.id, true);
	config.slots = config.slots.filter(function (s) {
		return !heldMap[s.id + '#0'] || !heldMap[s.id + '#1'];
	});
	return { config: config, round: 2, held: Object.keys(heldMap) };
}

/** The problem with an association applying now, or null: docs/rules.md, "Season application round". */
function eligibilityProblem(app, season, associationId, actor, value) {
	var association;
	try {
		association = app.findRecordById('associations', associationId);
	} catch (_) {
		return { code: 'season_not_booker', field: 'association' };
	}
	var role = c.roleIn(app, actor.id, association.id);
	if (role !== 'admin' && role !== 'booker') return { code: 'season_not_booker', field: 'association' };
	var status = season.getString('status');
	var second = status === 'second_round';
	if (status !== 'open' && !second) return { code: 'season_window_closed', field: 'form' };
	var now = Date.now();
	var from = c.msOf(season.getString(second ? 'second_from' : 'apply_from'));
	var until = c.msOf(season.getString(second ? 'second_until' : 'apply_until'));
	if (now < from || now > until) return { code: 'season_window_closed', field: 'form' };
	if (!association.getBool('verified'))
		return { code: 'season_association_unverified', field: 'association' };
	// the second round passes on the season's leftovers: an association whose season booking of this
	// season staff withdrew takes none of them, as first come, first served (publish.js withdrawnRefusal)
	if (second) {
		var withdrawn = lib('season/publish').withdrawnRefusal(app, season.id, association.id, null, null);
		if (withdrawn) return { code: withdrawn, field: 'association' };
	}
	if (value && !value.declared_section4)
		return { code: 'season_section4_required', field: 'declared_section4' };
	if (value && value.children && !value.declared_child_certificates) {
		return { code: 'season_child_certificate_required', field: 'declared_child_certificates' };
	}
	return null;
}

/** The computed tier of each activity and why, as the applicant sees it. */
function eligibilityOf(config, associationId, value) {
	var allocate = lib('season/allocate');
	var met = (value.local_criteria || []).filter(function (k) {
		return config.local_criteria.some(function (c2) {
			return c2.key === k;
		});
	});
	return {
		local: met,
		activities: value.activities.map(function (a) {
			var t = allocate.tierOf(config, { association: associationId }, a);
			return { key: a.key, name: a.name, tier: t.tier, tier_rank: t.index + 1, why: t.why };
		})
	};
}

/**
 * Whether the application may wish a slot of the season as it stands: a time in a room in use, or one in a
 * room out of use (`rooms.active` false) that the application as it stands (submitted) holds already. A wish
 * made before staff took the room out of use stays, so the association still changes its other activities
 * and wishes; the booking of the plan skips it then (publish.js). A new wish, or one in an application
 * withdrawn and sent anew, is not taken. Asked by the application (outOfUseWish) and by "copy last season",
 * which copies no wish the application would refuse.
 * @returns {(slot: string) => boolean}
 */
function wishTaken(app, config, existing) {
	var held = {};
	if (existing && existing.getString('status') === 'submitted') {
		(c.jsonOf(existing, 'activities') || []).forEach(function (a) {
			(a.wishes || []).forEach(function (w) {
				held[w.slot] = true;
			});
		});
	}
	var roomOf = {};
	config.slots.forEach(function (s) {
		roomOf[s.id] = s.room;
	});
	// a room deleted since the set-up is not among them, and offers nothing either
	var rooms = c.roomsOf(app, config);
	return function (slot) {
		return held[slot] === true || (rooms[roomOf[slot]] || {}).active === true;
	};
}

/** The field of the first wish wishTaken does not take (a new wish for a time in a room out of use), or ''. */
function outOfUseWish(app, config, value, existing) {
	var taken = wishTaken(app, config, existing);
	for (var i = 0; i < value.activities.length; i++) {
		var wishes = value.activities[i].wishes;
		for (var w = 0; w < wishes.length; w++) {
			if (!taken(wishes[w].slot)) return 'activities.' + i + '.wishes';
		}
	}
	return '';
}

/** JSON with every object's keys in order: a stored JSON field keeps its keys sorted. */
function canonical(value) {
	return JSON.stringify(value, function (_, v) {
		if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
		var out = {};
		Object.keys(v)
			.sort()
			.forEach(function (k) {
				out[k] = v[k];
			});
		return out;
	});
}

/**
 * Staff's overrides and settlements (the winner) name an activity by its key, its place in the application
 * ("{application}:a2"). An application changed while the window is open again (`reopen`) may put another
 * activity in that place: the decision staff made for one activity would go to another (the chess club
 * given the time staff chose for the choir that was taken out). Each decision follows its activity, `before`
 * to `after` (the application's activities without their keys, compared as stored), to where the same
 * activity stands now, and goes when there is none (changed, or taken out); none is left for an application
 * withdrawn (`after` empty), as one sent again is new. Saves the season inside the caller's transaction when
 * a decision moved or went.
 */
function followDecisions(txApp, season, applicationId, before, after) {
	var prefix = applicationId + ':';
	var shape = function (a) {
		var copy = {};
		Object.keys(a || {}).forEach(function (k) {
			if (k !== 'key') copy[k] = a[k];
		});
		return canonical(copy);
	};
	var taken = {};
	var moved = {};
	before.forEach(function (a) {
		for (var i = 0; i < after.length; i++) {
			if (!taken[after[i].key] && shape(after[i]) === shape(a)) {
				taken[after[i].key] = true;
				moved[a.key] = after[i].key;
				return;
			}
		}
	});
	var changed = false;
	var follow = function (key) {
		if (typeof key !== 'string' || key.indexOf(prefix) !== 0) return key;
		var to = moved[key.slice(prefix.length)];
		if (to === undefined) {
			changed = true;
			return null;
		}
		if (to !== key.slice(prefix.length)) changed = true;
		return prefix + to;
	};
	var overrides = (c.jsonOf(season, 'overrides') || []).filter(function (o) {
		var key = follow(o.activity);
		if (key === null) return false;
		o.activity = key;
		return true;
	});
	var settlements = (c.jsonOf(season, 'settlements') || []).filter(function (x) {
		var key = follow(x.winner);
		if (key === null) return false;
		x.winner = key;
		return true;
	});
	if (!changed) return;
	season.set('overrides', overrides);
	season.set('settlements', settlements);
	txApp.save(season);
}

/**
 * POST /api/borgerhus/seasons/{id}/apply { association, activities, local_criteria, declared_section4,
 * declared_child_certificates, loaded? }: an admin or booker of an eligible association applies (or changes its
 * application) inside the window. Answers the application's id and the computed tier of each activity.
 * @param {core.RequestEvent} e
 */
function apply(e) {
	var actor = lib('core/auth').requireUser(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.association !== 'string') throw c.refusal('season_not_booker', 'association');
	var result = lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		var first = eligibilityProblem(txApp, season, body.association, actor, null);
		if (first) throw c.refusal(first.code, first.field);
		var rc = roundConfig(txApp, season);
		var config = rc.config;
		var checked = lib('season/validate').checkApplication(config, body);
		if (checked.problem) throw c.refusal(checked.problem.code, checked.problem.field);
		var problem = eligibilityProblem(txApp, season, body.association, actor, checked.value);
		if (problem) throw c.refusal(problem.code, problem.field);
		var existing = txApp.findRecordsByFilter(
			'season_applications',
			bindFilter('season = {:s} && association = {:a} && ' + (rc.round === 2 ? 'round = 2' : 'round != 2'), {
				s: season.id,
				a: body.association
			}),
			'',
			1,
			0
		);
		// a form says which version of the application it showed (`loaded`: its `updated`, '' for none): a
		// save over a change another admin made since is refused, not written over it. Without `loaded`
		// (the API) the last save wins.
		if (
			typeof body.loaded === 'string' &&
			body.loaded !== (existing.length ? existing[0].getString('updated') : '')
		) {
			throw c.refusal('season_application_changed', 'form');
		}
		var outOfUse = outOfUseWish(txApp, config, checked.value, existing.length ? existing[0] : null);
		if (outOfUse) throw c.refusal('rooms_inactive', outOfUse);
		var eligibility = eligibilityOf(config, body.association, checked.value);
		// a submitted application sent again as it stands (a form saved with nothing changed): nothing is
		// written, so neither its version nor who applied changes
		if (existing.length && existing[0].getString('status') === 'submitted') {
			var same = function (field) {
				return canonical(c.jsonOf(existing[0], field) || []) === canonical(checked.value[field]);
			};
			if (
				same('activities') &&
				same('local_criteria') &&
				existing[0].getBool('declared_section4') === checked.value.declared_section4 &&
				existing[0].getBool('declared_child_certificates') === checked.value.declared_child_certificates
			) {
				return { id: existing[0].id, eligibility: eligibility, unchanged: true };
			}
		}
		var machine = lib('core/machine');
		var machines = lib('season/machines');
		var row;
		if (existing.length) {
			row = existing[0];
			var from = row.getString('status');
			var t =
				from === 'withdrawn'
					? machine.named(machines.application, from, 'resubmit')
					: machine.named(machines.application, from, 'change');
			if (!machine.allowed(t, ['association'])) throw c.refusal('core_bad_transition', 'form');
		} else {
			row = new Record(txApp.findCachedCollectionByNameOrId('season_applications'));
			row.set('season', season.id);
			row.set('association', body.association);
			row.set('round', rc.round);
		}
		// staff's overrides and settlements name an activity by its place in the application: they follow the
		// activity where it stands now, and go with one changed or given up (the window reopened)
		if (existing.length) {
			followDecisions(
				txApp,
				season,
				row.id,
				from === 'submitted' ? c.jsonOf(row, 'activities') || [] : [],
				checked.value.activities
			);
		}
		row.set('applicant', actor.id);
		row.set('activities', checked.value.activities);
		row.set('local_criteria', checked.value.local_criteria);
		row.set('declared_section4', checked.value.declared_section4);
		row.set('declared_child_certificates', checked.value.declared_child_certificates);
		row.set('eligibility', eligibility);
		// "applied first" (a tie-breaker) counts from the application, not its last change: an admin's
		// correction, or a second admin saving it again, keeps its place; one withdrawn and sent again starts
		// anew
		var changed = existing.length && row.getString('status') !== 'withdrawn' && row.getString('submitted_at');
		row.set('status', 'submitted');
		if (!changed) row.set('submitted_at', c.nowPb());
		txApp.save(row);
		return { id: row.id, eligibility: eligibility };
	});
	return e.json(200, result);
}

/**
 * POST /api/borgerhus/seasons/{id}/withdraw { association }: withdraws the application while the window
 * is open.
 * @param {core.RequestEvent} e
 */
function withdraw(e) {
	var actor = lib('core/auth').requireUser(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.association !== 'string') throw c.refusal('season_not_booker', 'association');
	lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		var role = c.roleIn(txApp, actor.id, body.association);
		if (role !== 'admin' && role !== 'booker') throw c.refusal('season_not_booker', 'association');
		var problem = eligibilityProblem(txApp, season, body.association, actor, null);
		if (problem && problem.code === 'season_window_closed') throw c.refusal(problem.code, problem.field);
		var round = lib('season/machines').roundOf(season.getString('status'));
		var rows = txApp.findRecordsByFilter(
			'season_applications',
			bindFilter('season = {:s} && association = {:a} && ' + (round === 2 ? 'round = 2' : 'round != 2'), {
				s: season.id,
				a: body.association
			}),
			'',
			1,
			0
		);
		if (!rows.length) throw new NotFoundError('Not found.');
		// withdrawn already (another admin or booker, or a page shown before): said so, nothing changes
		if (rows[0].getString('status') === 'withdrawn')
			throw c.refusal('season_application_withdrawn_already', 'form');
		var machine = lib('core/machine');
		if (
			!machine.permitted(lib('season/machines').application, rows[0].getString('status'), 'withdrawn', [
				'association'
			])
		) {
			throw c.refusal('core_bad_transition', 'form');
		}
		rows[0].set('status', 'withdrawn');
		txApp.save(rows[0]);
		// sent again it is a new application: staff's decisions on its activities go with it
		followDecisions(txApp, season, rows[0].id, c.jsonOf(rows[0], 'activities') || [], []);
	});
	return e.json(200, { id: id });
}

/**
 * GET /api/borgerhus/seasons/{id}/copy?association=: "copy last season": the activities of the
 * association's application to the previous season, with the slot it got there first among its wishes
 * when this season offers it. For its admins and bookers.
 * @param {core.RequestEvent} e
 */
function copy(e) {
	var actor = lib('core/auth').requireUser(e);
	var id = e.request.pathValue('id');
	var association = e.request.url.query().get('association');
	var season = c.seasonOf(e.app, id, actor);
	var role = c.roleIn(e.app, actor.id, association);
	if (role !== 'admin' && role !== 'booker') throw c.refusal('season_not_booker', 'association');
	var previous = season.getString('previous');
	if (!previous) return e.json(200, { activities: [] });
	var config = c.configOf(season);
	// the times this season offers that the association's application may wish now (a room out of use takes
	// no new wish): the copy is an application this season takes as it is
	var current = e.app.findRecordsByFilter(
		'season_applications',
		bindFilter('season = {:s} && association = {:a} && round != 2', { s: season.id, a: association }),
		'',
		1,
		0
	);
	var taken = wishTaken(e.app, config, current.length ? current[0] : null);
	var offered = config.slots
		.map(function (s) {
			return s.id;
		})
		.filter(taken);
	var rows = e.app.findRecordsByFilter(
		'season_applications',
		bindFilter('season = {:s} && association = {:a} && round != 2', { s: previous, a: association }),
		'',
		1,
		0
	);
	var got = {};
	e.app
		.findRecordsByFilter(
			'season_lines',
			bindFilter('season = {:s} && association = {:a} && status = "allocated"', {
				s: previous,
				a: association
			}),
			'',
			0,
			0
		)
		.forEach(function (l) {
			got[l.getString('activity_name')] = { slot: l.getString('slot'), every: l.getInt('every') || 1 };
		});
	var activities = rows.length ? c.jsonOf(rows[0], 'activities') || [] : [];
	var out = activities.map(function (a) {
		var wishes = [];
		var had = got[a.name];
		if (had && offered.indexOf(had.slot) >= 0) wishes.push(had);
		(a.wishes || []).forEach(function (w) {
			if (offered.indexOf(w.slot) >= 0 && !wishes.some((x) => x.slot === w.slot && x.every === w.every)) {
				wishes.push(w);
			}
		});
		return {
			name: a.name,
			age_group: a.age_group,
			adult_kind: a.adult_kind,
			participants: a.participants,
			step_free: a.step_free,
			flexibility: a.flexibility,
			wishes: wishes.slice(0, lib('season/validate').MAX_WISHES)
		};
	});
	// the local criteria this season still has, as its wishes are the times it still offers: the copy is an
	// application this season takes as it is (checkApplication refuses a criterion it does not have)
	var criteria = config.local_criteria.map(function (x) {
		return x.key;
	});
	var local = rows.length ? c.jsonOf(rows[0], 'local_criteria') || [] : [];
	return e.json(200, {
		activities: out,
		local_criteria: local.filter(function (k) {
			return criteria.indexOf(k) >= 0;
		})
	});
}

/**
 * The weekly times a season's plan holds: allocated lines that repeat (a single date claimed from the
 * leftovers is not a weekly time) and whose series is not cancelled (withdrawn after no-shows, or given up).
 * The public plan shows these, and the next season's `history` tie-breaker counts these and nothing else.
 * @returns {core.Record[]}
 */
function weeklyTimes(app, seasonId) {
	var cancelled = {};
	return app
		.findRecordsByFilter(
			'season_lines',
			bindFilter('season = {:s} && status = "allocated" && every > 0', {
				s: seasonId
			}),
			'',
			0,
			0
		)
		.filter(function (l) {
			var seriesId = l.getString('series');
			if (!seriesId) return true;
			if (cancelled[seriesId] === undefined) {
				try {
					cancelled[seriesId] =
						app.findRecordById('booking_series', seriesId).getString('status') === 'cancelled';
				} catch (_) {
					cancelled[seriesId] = true;
				}
			}
			return !cancelled[seriesId];
		});
}

/**
 * Runs the allocation and writes its lines (one per activity, updated in place so objections keep their
 * line). Inside the caller's transaction.
 * @returns {{ lines: number, allocated: number, flagged: number, result: object }}
 */
function runDraft(txApp, season) {
	var rc = roundConfig(txApp, season);
	var config = rc.config;
	var roundFilter = rc.round === 2 ? ' && round = 2' : ' && round != 2';
	var apps = txApp.findRecordsByFilter(
		'season_applications',
		bindFilter('season = {:s} && status = "submitted"' + roundFilter, { s: season.id }),
		'',
		0,
		0
	);
	// an association whose season booking staff withdrew after it applied to the second round gets none of
	// the leftovers either (publish.js withdrawnRefusal): its application is left out of the round's draft
	if (rc.round === 2) {
		apps = apps.filter(function (row) {
			return !lib('season/publish').withdrawnRefusal(
				txApp,
				season.id,
				row.getString('association'),
				null,
				null
			);
		});
	}
	var previous = season.getString('previous');
	var history = {};
	if (previous) {
		weeklyTimes(txApp, previous).forEach(function (l) {
			var a = l.getString('association');
			(history[a] = history[a] || []).push(l.getString('slot'));
		});
	}
	var input = {
		season: config,
		held: rc.held,
		rooms: c.roomsOf(txApp, config),
		applications: apps.map(function (row) {
			return {
				id: row.id,
				association: row.getString('association'),
				submitted_at: row.getString('submitted_at'),
				local_criteria: c.jsonOf(row, 'local_criteria') || [],
				history: history[row.getString('association')] || [],
				activities: c.jsonOf(row, 'activities') || []
			};
		})
	};
	var result = lib('season/allocate').allocate(input);
	var existing = {};
	txApp
		.findRecordsByFilter(
			'season_lines',
			bindFilter('season = {:s} && via != "leftover"' + roundFilter, {
				s: season.id
			}),
			'',
			0,
			0
		)
		.forEach(function (l) {
			existing[l.getString('activity')] = l;
		});
	var collection = txApp.findCachedCollectionByNameOrId('season_lines');
	var allocated = 0;
	var seen = {};
	for (var i = 0; i < result.lines.length; i++) {
		var line = result.lines[i];
		seen[line.activity] = true;
		var row = existing[line.activity] || new Record(collection);
		row.set('season', season.id);
		row.set('round', rc.round);
		row.set('application', line.application);
		row.set('association', line.association);
		row.set('activity', line.activity);
		row.set('activity_name', line.activity_name);
		row.set('participants', line.participants);
		row.set('tier', line.tier);
		row.set('status', line.status);
		row.set('via', line.via);
		row.set('wish', line.wish);
		row.set('slot', line.slot);
		row.set('room', line.room);
		row.set('weekday', line.weekday);
		row.set('start_time', line.start_time);
		row.set('end_time', line.end_time);
		row.set('every', line.every);
		row.set('parity', line.parity);
		row.set('reason', line.reason);
		txApp.save(row);
		if (line.status === 'allocated') allocated++;
	}
	Object.keys(existing).forEach(function (key) {
		if (!seen[key]) txApp.delete(existing[key]);
	});
	season.set(rc.round === 2 ? 'second_drafted_at' : 'drafted_at', c.nowPb());
	txApp.save(season);
	return { lines: result.lines.length, allocated: allocated, flagged: result.flagged, result: result };
}

/** The draft may run (and be adjusted) after the window closes and until the final plan. */
function draftable(season) {
	var s = season.getString('status');
	if (s !== 'closed' && s !== 'draft_published' && s !== 'second_closed') {
		throw c.refusal('core_bad_transition', 'status');
	}
}

/**
 * POST /api/borgerhus/seasons/{id}/draft: staff run the allocation.
 * @param {core.RequestEvent} e
 */
function draft(e) {
	var actor = lib('core/auth').requireStaff(e);
	var id = e.request.pathValue('id');
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		draftable(season);
		var run = runDraft(txApp, season);
		lib('core/audit').staffAction(txApp, actor, 'season_draft_run', season, {
			lines: run.lines,
			allocated: run.allocated,
			flagged: run.flagged
		});
		return { lines: run.lines, allocated: run.allocated, flagged: run.flagged };
	});
	return e.json(200, answer);
}

function noteOf(body) {
	var note = body.note === undefined || body.note === null ? '' : body.note;
	if (typeof note !== 'string') throw c.refusal('core_invalid_value', 'note');
	var p = lib('input').textProblem(note, 1000);
	if (p) throw c.refusal(p, 'note');
	return note.trim();
}

/**
 * POST /api/borgerhus/seasons/{id}/settle { slot, winner, note? }: staff settle a flagged conflict by
 * naming the activity that gets the slot; the draft runs again with that settlement (the others go on to
 * their next wishes). Audited.
 * @param {core.RequestEvent} e
 */
function settle(e) {
	var actor = lib('core/auth').requireStaff(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	var note = noteOf(body);
	if (typeof body.slot !== 'string' || typeof body.winner !== 'string')
		throw c.refusal('core_invalid_value', 'winner');
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		draftable(season);
		var parts = body.winner.split(':');
		var flagged = txApp.findRecordsByFilter(
			'season_lines',
			bindFilter(
				'season = {:s} && status = "flagged" && slot = {:slot} && application = {:app} && activity = {:w}',
				{ s: season.id, slot: body.slot, app: parts[0] || '', w: body.winner }
			),
			'',
			1,
			0
		);
		if (!flagged.length) throw c.refusal('season_not_flagged', 'winner');
		var round = lib('season/machines').roundOf(season.getString('status'));
		var settlements = (c.jsonOf(season, 'settlements') || []).filter(function (x) {
			return x.slot !== body.slot || (x.round || 1) !== round;
		});
		settlements.push({ slot: body.slot, winner: body.winner, note: note, by: actor.id, round: round });
		season.set('settlements', settlements);
		var run = runDraft(txApp, season);
		lib('core/audit').staffAction(txApp, actor, 'season_conflict_settled', season, {
			slot: body.slot,
			winner: body.winner,
			note: note
		});
		return { lines: run.lines, allocated: run.allocated, flagged: run.flagged };
	});
	return e.json(200, answer);
}

/**
 * POST /api/borgerhus/seasons/{id}/adjust { activity, slot, every?, code, note? }: staff set a line by hand
 * (a slot, or '' for none) with a reason code; the draft runs again with the override first. Audited.
 * @param {core.RequestEvent} e
 */
function adjust(e) {
	var actor = lib('core/auth').requireStaff(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	var note = noteOf(body);
	if (typeof body.code !== 'string' || lib('season/allocate').OVERRIDE_CODES.indexOf(body.code) < 0) {
		throw c.refusal('season_reason_code_required', 'code');
	}
	if (typeof body.activity !== 'string') throw c.refusal('core_invalid_value', 'activity');
	var slot = body.slot === undefined || body.slot === null ? '' : body.slot;
	if (typeof slot !== 'string') throw c.refusal('season_slot_unknown', 'slot');
	var every = body.every === undefined ? 1 : body.every;
	if (every !== 1 && every !== 2) throw c.refusal('core_invalid_value', 'every');
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		draftable(season);
		var config = c.configOf(season);
		if (
			slot &&
			!config.slots.some(function (s) {
				return s.id === slot;
			})
		) {
			throw c.refusal('season_slot_unknown', 'slot');
		}
		var lines = txApp.findRecordsByFilter(
			'season_lines',
			bindFilter('season = {:s} && activity = {:a}', {
				s: season.id,
				a: body.activity
			}),
			'',
			1,
			0
		);
		if (!lines.length) throw c.refusal('core_unknown_record', 'activity');
		// the first round's plan is final and booked once a second round runs: the second round's draft never
		// touches it, so an override of its line would be stored and change nothing. Its bookings change as
		// bookings do (cancel, withdraw, a swap), not here
		if (lib('season/machines').roundOf(season.getString('status')) === 2 && lines[0].getInt('round') !== 2) {
			throw c.refusal('season_adjust_first_round', 'activity');
		}
		var before = {
			status: lines[0].getString('status'),
			slot: lines[0].getString('slot'),
			every: lines[0].getInt('every')
		};
		var overrides = config.overrides.filter(function (o) {
			return o.activity !== body.activity;
		});
		overrides.push({
			activity: body.activity,
			slot: slot,
			every: every,
			code: body.code,
			note: note,
			by: actor.id
		});
		season.set('overrides', overrides);
		var run = runDraft(txApp, season);
		var mine = run.result.lines.filter(function (l) {
			return l.activity === body.activity;
		})[0];
		if (mine && mine.reason.override && mine.reason.override.clash)
			throw c.refusal('season_slot_taken', 'slot');
		lib('core/audit').staffAction(txApp, actor, 'season_line_adjusted', lines[0], {
			before: before,
			after: { slot: slot, every: every },
			code: body.code,
			note: note
		});
		return { lines: run.lines, allocated: run.allocated, flagged: run.flagged };
	});
	return e.json(200, answer);
}

/**
 * GET /api/borgerhus/seasons/{id}/notes: staff's own notes on the round, for staff only: each override's
 * activity, reason code and note. The notes are read from the season's hidden `overrides` (a line carries
 * the reason code only, as its association reads it), never who wrote them.
 * @param {core.RequestEvent} e
 */
function notes(e) {
	var actor = lib('core/auth').requireStaff(e);
	var season = c.seasonOf(e.app, e.request.pathValue('id'), actor);
	var overrides = (c.jsonOf(season, 'overrides') || []).map(function (o) {
		return { activity: o.activity, code: o.code, note: o.note || '' };
	});
	return e.json(200, { overrides: overrides });
}

/**
 * POST /api/borgerhus/seasons/{id}/objections { association, line?, text }: an admin or booker of an
 * association that applied to the season (application not withdrawn) objects to the published draft,
 * within the objection window; one open objection per line and one about the draft as a whole.
 * @param {core.RequestEvent} e
 */
function object(e) {
	var actor = lib('core/auth').requireUser(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.association !== 'string') throw c.refusal('season_not_booker', 'association');
	if (typeof body.text !== 'string' || !body.text.trim()) throw c.refusal('core_required', 'text');
	var p = lib('input').textProblem(body.text, 2000);
	if (p) throw c.refusal(p, 'text');
	var line = body.line === undefined || body.line === null ? '' : body.line;
	if (typeof line !== 'string') throw c.refusal('core_invalid_value', 'line');
	var answer = lib('core/tx').route(e, function (txApp) {
		var season = c.seasonOf(txApp, id, actor);
		var role = c.roleIn(txApp, actor.id, body.association);
		if (role !== 'admin' && role !== 'booker') throw c.refusal('season_not_booker', 'association');
		var until = c.msOf(season.getString('objection_until'));
		// before the draft is published there is nothing to object to yet; after it, the window has passed
		if (['setup', 'open', 'closed'].indexOf(season.getString('status')) >= 0) {
			throw c.refusal('season_objection_not_yet', 'form');
		}
		if (season.getString('status') !== 'draft_published' || (!isNaN(until) && Date.now() > until)) {
			throw c.refusal('season_objection_closed', 'form');
		}
		// only an association that applied to the season has a draft to object to
		var applied = txApp.findRecordsByFilter(
			'season_applications',
			bindFilter('season = {:s} && association = {:a} && status = "submitted"', {
				s: season.id,
				a: body.association
			}),
			'',
			1,
			0
		);
		if (!applied.length) throw c.refusal('season_not_applicant', 'association');
		if (line) {
			var found = txApp.findRecordsByFilter(
				'season_lines',
				bindFilter('id = {:l} && season = {:s} && association = {:a}', {
					l: line,
					s: season.id,
					a: body.association
				}),
				'',
				1,
				0
			);
			if (!found.length) throw c.refusal('core_unknown_record', 'line');
		}
		// one open objection per line (and one about the draft as a whole) until staff answer it, so that
		// nobody can hold back the final plan by objecting again and again
		var open = txApp.findRecordsByFilter(
			'season_objections',
			bindFilter('season = {:s} && association = {:a} && line = {:l} && status = "open"', {
				s: season.id,
				a: body.association,
				l: line
			}),
			'',
			1,
			0
		);
		if (open.length) throw c.refusal('season_objection_open', line ? 'line' : 'form');
		var row = new Record(txApp.findCachedCollectionByNameOrId('season_objections'));
		row.set('season', season.id);
		row.set('association', body.association);
		row.set('line', line);
		row.set('author', actor.id);
		row.set('text', body.text.trim());
		row.set('status', 'open');
		txApp.save(row);
		return { id: row.id };
	});
	return e.json(200, answer);
}

/**
 * POST /api/borgerhus/season-objections/{id}/answer { answer }: staff answer an objection (adjusting the
 * line is its own action, with its reason code). The author is told. Audited.
 * @param {core.RequestEvent} e
 */
function answerObjection(e) {
	var actor = lib('core/auth').requireStaff(e);
	var body = c.bodyOf(e);
	var id = e.request.pathValue('id');
	if (typeof body.answer !== 'string' || !body.answer.trim()) throw c.refusal('core_required', 'answer');
	var p = lib('input').textProblem(body.answer, 2000);
	if (p) throw c.refusal(p, 'answer');
	lib('core/tx').route(e, function (txApp) {
		var row;
		try {
			row = txApp.findRecordById('season_objections', id);
		} catch (_) {
			throw new NotFoundError('Not found.');
		}
		// answered already (by someone else on the staff, or from a page shown before): the answer stands
		if (row.getString('status') === 'answered') throw c.refusal('season_objection_answered_already', 'form');
		if (
			!lib('core/machine').permitted(lib('season/machines').objection, row.getString('status'), 'answered', [
				'staff'
			])
		) {
			throw c.refusal('core_bad_transition', 'form');
		}
		row.set('status', 'answered');
		row.set('answer', body.answer.trim());
		row.set('answered_by', actor.id);
		row.set('answered_at', c.nowPb());
		txApp.save(row);
		var season = txApp.findRecordById('seasons', row.getString('season'));
		lib('core/audit').staffAction(txApp, actor, 'season_objection_answered', row, {
			answer: body.answer.trim()
		});
		// the author while still an admin or booker of the association, else its admins (common.js actingFor)
		c.actingFor(txApp, row.getString('association'), row.getString('author')).forEach(function (user) {
			lib('notify').notify(txApp, user, {
				kind: 'season_objection_answered',
				texts: TEXTS.answered,
				params: { season: season.getString('name'), answer: body.answer.trim() },
				link: '/saeson/' + season.id,
				dedupeKey: 'season_objection_answered:' + row.id + ':' + user
			});
		});
	});
	return e.json(200, { id: id });
}

/**
 * GET /api/borgerhus/seasons/{id}/plan?association=: the public plan of a final season, per room and weekday,
 * with association names only (no people). Asked for an association, it answers too what its claims of the
 * leftovers would be refused with (`claim_refused`, publish.js claimRefusal; '' when they are taken) and, in
 * an open second round, its application (`apply_refused`, eligibilityProblem), so its page offers no claim or
 * application the hook would refuse.
 * @param {core.RequestEvent} e
 */
function plan(e) {
	var actor = lib('core/auth').actor(e);
	var id = e.request.pathValue('id');
	var season = c.seasonOf(e.app, id, actor);
	var status = season.getString('status');
	var isFinal = lib('season/machines').FINAL.indexOf(status) >= 0;
	if (!isFinal && actor.kind !== 'staff') throw new NotFoundError('Not found.');
	var config = c.configOf(season);
	var rooms = c.roomsOf(e.app, config);
	var lines = weeklyTimes(e.app, season.id);
	var names = {};
	var rows = [];
	for (var i = 0; i < lines.length; i++) {
		var l = lines[i];
		// second-round lines show once that round is published
		if (l.getInt('round') === 2 && status !== 'leftovers') continue;
		var a = l.getString('association');
		rows.push({
			slot: l.getString('slot'),
			room: l.getString('room'),
			room_name: (rooms[l.getString('room')] || {}).name || '',
			weekday: l.getString('weekday'),
			start: l.getString('start_time'),
			end: l.getString('end_time'),
			every: l.getInt('every'),
			parity: l.getInt('parity'),
			association: c.shownName(e.app, a, actor.kind === 'staff', names)
		});
	}
	var weekdays = lib('season/allocate').WEEKDAYS;
	rows.sort(function (x, y) {
		return (
			x.room_name.localeCompare(y.room_name) ||
			weekdays.indexOf(x.weekday) - weekdays.indexOf(y.weekday) ||
			x.start.localeCompare(y.start) ||
			x.parity - y.parity
		);
	});
	// a time in a room out of use is offered to nobody: its claims are refused (rooms_inactive); its free
	// dates end with the room's season bookings
	var free = config.slots.filter(function (s) {
		if (!(rooms[s.room] || {}).active) return false;
		return !rows.some(function (r) {
			return r.slot === s.id && (r.every === 1 || rows.filter((q) => q.slot === s.id).length >= 2);
		});
	});
	var asked = e.request.url.query().get('association');
	var answer = {
		season: {
			id: season.id,
			name: season.getString('name'),
			first_date: config.first_date,
			last_date: config.last_date,
			status: status,
			leftovers: season.getString('leftovers'),
			second_until: season.getString('second_until'),
			blackout_dates: config.blackout_dates
		},
		rows: rows,
		free_dates:
			status === 'leftovers' && season.getString('leftovers') === 'fcfs'
				? lib('season/publish').freeDates(e.app, season)
				: [],
		// a slot held every other week is free in the other weeks: `every` 2 and the free weeks' `parity`;
		// a time whose dates have all passed is free no more (publish.js hasDatesLeft)
		free: free
			.map(function (s) {
				var half = rows.filter(function (r) {
					return r.slot === s.id;
				})[0];
				return {
					slot: s.id,
					room_name: (rooms[s.room] || {}).name || '',
					weekday: s.weekday,
					start: s.start,
					end: s.end,
					every: half ? 2 : 1,
					parity: half ? 1 - half.parity : 0
				};
			})
			.filter(function (f) {
				return lib('season/publish').hasDatesLeft(config, f, f.every, f.parity);
			})
	};
	if (asked) answer.claim_refused = lib('season/publish').claimRefusal(e.app, season, actor.id, asked);
	// while the second round is open, what its application would be refused with now (eligibilityProblem,
	// '' when none), so the page offers no form the hook would refuse
	if (asked && status === 'second_round' && actor.id) {
		var problem = eligibilityProblem(e.app, season, asked, actor, null);
		answer.apply_refused = problem ? problem.code : '';
	}
	return e.json(200, answer);
}

module.exports = {
	create: create,
	update: update,
	status: moveRound,
	apply: apply,
	withdraw: withdraw,
	copy: copy,
	draft: draft,
	settle: settle,
	adjust: adjust,
	notes: notes,
	object: object,
	answerObjection: answerObjection,
	plan: plan,
	runDraft: runDraft
};
