// The season allocation (docs/rules.md, "Season application round"): a pure, deterministic function from a
// season's set-up and its applications to one line per activity, each with the reason it got what it got.
// No database, no clock, no randomness: the hooks call it inside the draft's transaction, the app and the
// benchmark import it as $rules/season/allocate.js, and the same input always gives the same lines.
//
// How it goes:
//   * every activity has a tier: the house's own activities (when the season has that tier), then the law's
//     three (§21: children and young people, folkeoplysende adult education, other adult activities);
//   * tier by tier, round by round: in each round every activity still without a slot proposes its next
//     wish (then, when its wishes are spent, the next slot its flexibility allows); proposals for one slot
//     are decided by the local criteria met, a step-free room's preference for activities that need it, and
//     the season's tie-breakers in order; staff's settlement of a flagged conflict decides last;
//   * a slot is a weekly time in a room; it has two halves (even and odd weeks of the season), so two
//     every-other-week activities can share it; no half is ever given twice;
//   * when two activities of the same tier are still equal after every criterion and not both can have the
//     slot, both lines are flagged and the slot is held for staff: never decided by chance;
//   * a wish is skipped, with its reason, when the room is too small, not step-free for an activity that
//     needs it, or when every date of the slot is a blackout date; blackout dates are left out of the dates;
//   * staff overrides (a slot or none, with a reason code) are applied before any tier;
//   * `held` halves (a second round: what the final plan already gave) are never given.

var time =
	typeof __hooks === 'undefined' ? require('../core/time.js') : require(__hooks + '/lib/core/time.js');

var LAW_TIERS = ['children', 'education', 'adults'];
var TIERS = ['house'].concat(LAW_TIERS);
var TIE_BREAKERS = ['history', 'participants_per_hour', 'applied_first'];
var FLEXIBILITY = ['none', 'time', 'room', 'any'];
var AGE_GROUPS = ['children', 'youth', 'adults', 'seniors', 'mixed'];
var ADULT_KINDS = ['education', 'other'];
var OVERRIDE_CODES = ['objection_upheld', 'conflict_settled', 'accessibility', 'house_need', 'correction'];
var WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function dayMs(date) {
	return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

function dayOf(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/** Monday = 0 ... Sunday = 6 of "YYYY-MM-DD". */
function weekdayIndex(date) {
	return (new Date(dayMs(date)).getUTCDay() + 6) % 7;
}

/**
 * The dates of a weekly slot in the season: every `weekday` from first_date to last_date, every week or
 * every other week (`parity` 0 = the even weeks counted from the season's first week), blackout dates left
 * out and listed.
 * @param {{ first_date: string, last_date: string, blackout_dates?: string[] }} season
 * @param {string} weekday 'mon'..'sun'
 * @param {number} every 1 or 2
 * @param {number} parity 0 or 1
 * @returns {{ dates: string[], blackout: string[] }}
 */
function datesOf(season, weekday, every, parity) {
	var out = { dates: [], blackout: [] };
	var first = dayMs(season.first_date);
	var last = dayMs(season.last_date);
	if (!(first <= last)) return out;
	var monday = first - weekdayIndex(season.first_date) * 86400000;
	var wd = WEEKDAYS.indexOf(weekday);
	if (wd < 0) return out;
	var blackout = season.blackout_dates || [];
	for (var week = 0; monday + week * 7 * 86400000 <= last; week++) {
		if (every === 2 && week % 2 !== parity) continue;
		var ms = monday + (week * 7 + wd) * 86400000;
		if (ms < first || ms > last) continue;
		var date = dayOf(ms);
		if (blackout.indexOf(date) >= 0) out.blackout.push(date);
		else out.dates.push(date);
	}
	return out;
}

/**
 * The tier of an activity and why, in the season's order.
 * @returns {{ tier: string, index: number, why: string }}
 */
function tierOf(season, application, activity) {
	var order = tierOrder(season);
	var tier;
	var why;
	if (
		order.indexOf('house') >= 0 &&
		(season.house_associations || []).indexOf(application.association) >= 0
	) {
		tier = 'house';
		why = 'house_own';
	} else if (activity.age_group === 'children' || activity.age_group === 'youth') {
		tier = 'children';
		why = 'age_group';
	} else if (activity.adult_kind === 'education') {
		tier = 'education';
		why = 'adult_education';
	} else {
		tier = 'adults';
		why = 'adult_other';
	}
	return { tier: tier, index: order.indexOf(tier), why: why };
}

/** The season's tier order: an optional house tier first, then the law's three in the law's order. */
function tierOrder(season) {
	var tiers = season.tiers || [];
	return (tiers.indexOf('house') >= 0 ? ['house'] : []).concat(LAW_TIERS);
}

/** The local criteria of the season an application meets. */
function localMet(season, application) {
	var keys = (season.local_criteria || []).map(function (c) {
		return c.key;
	});
	return (application.local_criteria || []).filter(function (k, i, all) {
		return keys.indexOf(k) >= 0 && all.indexOf(k) === i;
	}).length;
}

function minutes(hhmm) {
	return +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5);
}

/**
 * Compares two proposals for one slot: negative when `a` goes first. `by` names the first criterion that
 * differs, or null when they are equal on every one (a real conflict).
 */
function compare(ctx, slot, a, b) {
	var room = ctx.rooms[slot.room] || {};
	var steps = [
		['local', b.local - a.local],
		['accessibility', room.step_free ? (b.activity.step_free ? 1 : 0) - (a.activity.step_free ? 1 : 0) : 0]
	];
	var breakers = ctx.season.tie_breakers || [];
	for (var i = 0; i < breakers.length; i++) {
		var t = breakers[i];
		if (t === 'history') steps.push([t, had(b, slot) - had(a, slot)]);
		else if (t === 'participants_per_hour') steps.push([t, perHour(b, slot) - perHour(a, slot)]);
		else if (t === 'applied_first') steps.push([t, appliedOrder(a) - appliedOrder(b)]);
	}
	var settled = ctx.settled[slot.id];
	if (settled) steps.push(['staff_settled', (b.key === settled ? 1 : 0) - (a.key === settled ? 1 : 0)]);
	for (var s = 0; s < steps.length; s++) {
		if (steps[s][1] !== 0) return { cmp: steps[s][1], by: steps[s][0] };
	}
	return { cmp: 0, by: null };
}

function had(p, slot) {
	var history = p.application.history || [];
	return history.indexOf(slot.id) >= 0 ? 1 : 0;
}

function perHour(p, slot) {
	// an end at 00:00 is the midnight that ends the day
	var length = time.endMinutes(slot.end) - minutes(slot.start);
	return length > 0 ? (p.activity.participants * 60) / length : 0;
}

function appliedOrder(p) {
	var at = p.application.submitted_at || '';
	// earlier text sorts first; equal times tie
	return at ? Date.parse(at.replace(' ', 'T')) || 0 : Number.MAX_SAFE_INTEGER;
}

/** The halves of a slot a proposal needs: both for every week, one (the first free) for every other. */
function halvesFor(owner, slotId, every) {
	var a = owner[slotId + '#0'];
	var b = owner[slotId + '#1'];
	if (every === 1) return !a && !b ? [0, 1] : null;
	if (!a) return [0];
	if (!b) return [1];
	return null;
}

/**
 * Why a room cannot hold an activity, or null: more participants than its capacity ('capacity'), or a need
 * for step-free access it does not meet ('accessibility'). The allocation's rule, and a swap's.
 * @param {{ capacity?: number, step_free?: boolean }} room
 * @param {{ participants: number, step_free?: boolean }} activity
 * @returns {'capacity' | 'accessibility' | null}
 */
function roomMisfit(room, activity) {
	if (room.capacity && activity.participants > room.capacity) return 'capacity';
	if (activity.step_free && !room.step_free) return 'accessibility';
	return null;
}

/** Why a slot cannot serve an activity at all, or null. */
function unsuitable(ctx, slot, activity, every) {
	if (!slot) return 'not_offered';
	var room = ctx.rooms[slot.room];
	// a room deleted or taken out of use since the set-up offers nothing: its dates would not be booked
	if (!room || room.active === false) return 'not_offered';
	var misfit = roomMisfit(room, activity);
	if (misfit) return misfit;
	var key = slot.id + '/' + every;
	if (ctx.hasDates[key] === undefined) {
		var ok = false;
		for (var parity = 0; parity < (every === 2 ? 2 : 1); parity++) {
			if (datesOf(ctx.season, slot.weekday, every, parity).dates.length) ok = true;
		}
		ctx.hasDates[key] = ok;
	}
	return ctx.hasDates[key] ? null : 'blackout';
}

/** The candidates of an activity: its wishes in order, then what its flexibility allows. */
function candidatesOf(ctx, activity) {
	var out = [];
	var seen = {};
	var wishes = activity.wishes || [];
	for (var i = 0; i < wishes.length; i++) {
		var every = wishes[i].every === 2 ? 2 : 1;
		out.push({ slot: wishes[i].slot, every: every, wish: i, via: 'wish' });
		seen[wishes[i].slot + '/' + every] = true;
	}
	var flex = activity.flexibility || 'none';
	if (flex === 'none' || !wishes.length) return out;
	var base = wishes[0].every === 2 ? 2 : 1;
	var wished = wishes
		.map(function (w) {
			return ctx.slots[w.slot];
		})
		.filter(Boolean);
	var list = ctx.season.slots || [];
	for (var s = 0; s < list.length; s++) {
		var slot = list[s];
		if (seen[slot.id + '/' + base]) continue;
		var fits = wished.some(function (w) {
			if (flex === 'time') return w.room === slot.room;
			if (flex === 'room') return w.weekday === slot.weekday && w.start === slot.start && w.end === slot.end;
			return true;
		});
		if (fits) out.push({ slot: slot.id, every: base, wish: -1, via: 'flexibility' });
	}
	return out;
}

function lineOf(p, status) {
	return {
		activity: p.key,
		application: p.application.id,
		association: p.application.association,
		activity_name: p.activity.name || '',
		participants: p.activity.participants || 0,
		tier: p.tier.tier,
		status: status,
		via: 'none',
		wish: -1,
		slot: '',
		room: '',
		weekday: '',
		start_time: '',
		end_time: '',
		every: 0,
		parity: 0,
		reason: {
			tier: p.tier.tier,
			tier_rank: p.tier.index + 1,
			tier_why: p.tier.why,
			local: p.local,
			skipped: [],
			contests: [],
			flagged_with: [],
			blackout: []
		}
	};
}

function place(ctx, p, cand, halves, via) {
	var slot = ctx.slots[cand.slot];
	for (var h = 0; h < halves.length; h++)
		ctx.owner[slot.id + '#' + halves[h]] = { key: p.key, tier: p.tier.index };
	var line = p.line;
	line.status = 'allocated';
	line.via = via || cand.via;
	line.wish = cand.wish;
	line.slot = slot.id;
	line.room = slot.room;
	line.weekday = slot.weekday;
	line.start_time = slot.start;
	line.end_time = slot.end;
	line.every = cand.every;
	line.parity = cand.every === 2 ? halves[0] : 0;
	line.reason.blackout = datesOf(ctx.season, slot.weekday, cand.every, line.parity).blackout;
	p.done = true;
}

/** The activity that holds a half of a slot, for a loser's reason. */
function holderOf(ctx, slotId) {
	return ctx.owner[slotId + '#0'] || ctx.owner[slotId + '#1'] || null;
}

function lose(ctx, p, cand, by, winnerKey) {
	var winner = ctx.byKey[winnerKey];
	p.line.reason.contests.push({
		slot: cand.slot,
		wish: cand.wish,
		lost_to: winnerKey || '',
		lost_to_association: winner ? winner.application.association : '',
		by: by
	});
	p.next++;
}

/** Decides the proposals for one slot in one round. */
function resolve(ctx, slotId, proposals) {
	var slot = ctx.slots[slotId];
	proposals.sort(function (a, b) {
		var c = compare(ctx, slot, a, b).cmp;
		return c !== 0 ? c : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
	});
	var groups = [];
	for (var i = 0; i < proposals.length; i++) {
		var last = groups[groups.length - 1];
		if (last && compare(ctx, slot, last[0], proposals[i]).cmp === 0) last.push(proposals[i]);
		else groups.push([proposals[i]]);
	}
	var winner = null;
	for (var g = 0; g < groups.length; g++) {
		var group = groups[g];
		// tries the whole group on a copy of the halves: every week first, then by key
		var trial = {};
		trial[slotId + '#0'] = ctx.owner[slotId + '#0'];
		trial[slotId + '#1'] = ctx.owner[slotId + '#1'];
		var order = group.slice().sort(function (a, b) {
			return a.cand.every - b.cand.every || (a.key < b.key ? -1 : 1);
		});
		var got = [];
		var anyAlone = false;
		for (var k = 0; k < order.length; k++) {
			if (halvesFor(ctx.owner, slotId, order[k].cand.every)) anyAlone = true;
			var halves = halvesFor(trial, slotId, order[k].cand.every);
			if (halves) {
				for (var h = 0; h < halves.length; h++) trial[slotId + '#' + halves[h]] = { key: order[k].key };
				got.push({ p: order[k], halves: halves });
			}
		}
		if (got.length === order.length) {
			for (var n = 0; n < got.length; n++) place(ctx, got[n].p, got[n].p.cand, got[n].halves);
			winner = winner || got[0].p;
			continue;
		}
		if (!anyAlone || group.length === 1) {
			// nothing left for this group: it lost to the one ranked before it (or to an earlier holder)
			for (var m = 0; m < group.length; m++) {
				var p = group[m];
				var holder = holderOf(ctx, slotId);
				var by = winner
					? compare(ctx, slot, winner, p).by
					: holder && holder.tier < p.tier.index
						? 'tier'
						: 'wish_order';
				if (holder && holder.held) by = 'held_for_conflict';
				lose(ctx, p, p.cand, by, winner ? winner.key : holder ? holder.key : '');
			}
			continue;
		}
		// equal on every criterion and not all fit: flagged for staff, the free halves held
		var keys = group.map(function (x) {
			return x.key;
		});
		for (var f = 0; f < group.length; f++) {
			var q = group[f];
			q.line.status = 'flagged';
			q.line.slot = slotId;
			q.line.room = slot.room;
			q.line.weekday = slot.weekday;
			q.line.start_time = slot.start;
			q.line.end_time = slot.end;
			q.line.every = q.cand.every;
			q.line.wish = q.cand.wish;
			q.line.via = q.cand.via;
			q.line.reason.flagged_with = keys.filter(function (k2) {
				return k2 !== q.key;
			});
			q.done = true;
		}
		for (var half = 0; half < 2; half++) {
			if (!ctx.owner[slotId + '#' + half]) {
				ctx.owner[slotId + '#' + half] = { key: keys[0], tier: group[0].tier.index, held: true };
			}
		}
		ctx.flagged += group.length;
	}
}

/**
 * Allocates a season.
 * @param {object} input see allocate.d.ts
 * @returns {{ lines: object[], flagged: number }}
 */
function allocate(input) {
	var season = input.season;
	var ctx = {
		season: season,
		rooms: input.rooms || {},
		slots: {},
		owner: {},
		settled: {},
		byKey: {},
		hasDates: {},
		flagged: 0
	};
	(season.slots || []).forEach(function (s) {
		ctx.slots[s.id] = s;
	});
	(season.settlements || []).forEach(function (s) {
		ctx.settled[s.slot] = s.winner;
	});
	// halves already held by the plan (a second round allocates only around them): never given again
	(input.held || []).forEach(function (unit) {
		ctx.owner[unit] = { key: '', tier: -1, taken: true };
	});
	var all = [];
	var apps = (input.applications || []).slice().sort(function (a, b) {
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
	apps.forEach(function (application) {
		var local = localMet(season, application);
		(application.activities || []).forEach(function (activity) {
			var p = {
				key: application.id + ':' + activity.key,
				application: application,
				activity: activity,
				tier: tierOf(season, application, activity),
				local: local,
				next: 0,
				done: false
			};
			p.candidates = candidatesOf(ctx, activity);
			p.line = lineOf(p, 'unallocated');
			ctx.byKey[p.key] = p;
			all.push(p);
		});
	});
	// staff overrides first: the slot they name (or none), with their reason code. The line carries the
	// code only: staff's note stays on the season (a hidden field), for staff to read, never the association
	(season.overrides || []).forEach(function (o) {
		var p = ctx.byKey[o.activity];
		if (!p || p.done) return;
		p.done = true;
		p.line.reason.override = { code: o.code };
		p.line.via = 'override';
		if (!o.slot) return;
		var every = o.every === 2 ? 2 : 1;
		// a slot of the season this run does not offer is held whole already (the second round leaves out
		// what the final plan holds): as taken as a half that is held
		var halves = ctx.slots[o.slot] ? halvesFor(ctx.owner, o.slot, every) : null;
		if (!halves) {
			p.line.reason.override.clash = true;
			return;
		}
		var wishIndex = -1;
		(p.activity.wishes || []).forEach(function (w, i) {
			if (wishIndex < 0 && w.slot === o.slot) wishIndex = i;
		});
		place(ctx, p, { slot: o.slot, every: every, wish: wishIndex, via: 'override' }, halves, 'override');
	});
	var order = tierOrder(season);
	for (var t = 0; t < order.length; t++) {
		var tier = all.filter(function (p) {
			return p.tier.index === t && !p.done;
		});
		for (var guard = 0; guard < 100000; guard++) {
			var bySlot = {};
			var any = false;
			for (var i = 0; i < tier.length; i++) {
				var p = tier[i];
				if (p.done) continue;
				var cand = null;
				while (p.next < p.candidates.length) {
					var c = p.candidates[p.next];
					var why = unsuitable(ctx, ctx.slots[c.slot], p.activity, c.every);
					if (why) {
						if (c.via === 'wish') p.line.reason.skipped.push({ slot: c.slot, wish: c.wish, why: why });
						p.next++;
						continue;
					}
					if (!halvesFor(ctx.owner, c.slot, c.every)) {
						var holder = holderOf(ctx, c.slot);
						if (c.via === 'wish') {
							var by = holder.taken
								? 'taken'
								: holder.held
									? 'held_for_conflict'
									: holder.tier < t
										? 'tier'
										: 'wish_order';
							lose(ctx, p, c, by, holder.key);
						} else p.next++;
						continue;
					}
					cand = c;
					break;
				}
				if (!cand) {
					p.done = true;
					continue;
				}
				p.cand = cand;
				(bySlot[cand.slot] = bySlot[cand.slot] || []).push(p);
				any = true;
			}
			if (!any) break;
			Object.keys(bySlot)
				.sort()
				.forEach(function (slotId) {
					resolve(ctx, slotId, bySlot[slotId]);
				});
		}
	}
	return {
		lines: all.map(function (p) {
			return p.line;
		}),
		flagged: ctx.flagged
	};
}

/**
 * The halves ("slot#parity") a stored line holds: both for every week, one for every other week.
 * @param {{ slot: string, every: number, parity: number }} line
 * @returns {string[]}
 */
function unitsOf(line) {
	if (!line.slot) return [];
	return line.every === 2 ? [line.slot + '#' + (line.parity || 0)] : [line.slot + '#0', line.slot + '#1'];
}

module.exports = {
	allocate: allocate,
	datesOf: datesOf,
	roomMisfit: roomMisfit,
	tierOf: tierOf,
	tierOrder: tierOrder,
	unitsOf: unitsOf,
	LAW_TIERS: LAW_TIERS,
	TIERS: TIERS,
	TIE_BREAKERS: TIE_BREAKERS,
	FLEXIBILITY: FLEXIBILITY,
	AGE_GROUPS: AGE_GROUPS,
	ADULT_KINDS: ADULT_KINDS,
	OVERRIDE_CODES: OVERRIDE_CODES,
	WEEKDAYS: WEEKDAYS
};
