/// <reference path="../../../pb_data/types.d.ts" />

// The state machines of the season round (docs/rules.md, "Season application round"). Every route of
// pb_hooks/season.pb.js asks these tables inside its transaction, with the row as it stands there. Pure;
// the app imports them as $rules/season/machines.js so the pages offer exactly what the machines allow.
// Plain data in the shape core/machine.js define() returns (src/lib/season/machines.spec.ts checks them).

function define(entity, states, transitions) {
	return { entity: entity, states: states, transitions: transitions };
}

/** setup -> open -> closed -> draft_published -> final, then the leftovers: released first come, first
 * served (final -> leftovers), or offered in a second round (final -> second_round -> second_closed ->
 * leftovers), as the season's `leftovers` says. Staff move it, one step at a time. */
var season = define(
	'seasons',
	['setup', 'open', 'closed', 'draft_published', 'final', 'second_round', 'second_closed', 'leftovers'],
	[
		{ from: 'setup', to: 'open', name: 'open', who: ['staff', 'system'] },
		{ from: 'open', to: 'closed', name: 'close', who: ['staff', 'system'] },
		{ from: 'closed', to: 'open', name: 'reopen', who: ['staff', 'system'] },
		{ from: 'closed', to: 'draft_published', name: 'publish_draft', who: ['staff', 'system'] },
		{ from: 'draft_published', to: 'final', name: 'publish_final', who: ['staff', 'system'] },
		{ from: 'final', to: 'leftovers', name: 'release', who: ['staff', 'system'] },
		{ from: 'final', to: 'second_round', name: 'open_second_round', who: ['staff', 'system'] },
		{ from: 'second_round', to: 'second_closed', name: 'close_second_round', who: ['staff', 'system'] },
		{ from: 'second_closed', to: 'second_round', name: 'reopen_second_round', who: ['staff', 'system'] },
		{ from: 'second_closed', to: 'leftovers', name: 'publish_second_round', who: ['staff', 'system'] }
	]
);

/** An association's application: sent (and changed) while the window is open, or withdrawn. */
var application = define(
	'season_applications',
	['submitted', 'withdrawn'],
	[
		{ from: 'submitted', to: 'submitted', name: 'change', who: ['association'] },
		{ from: 'submitted', to: 'withdrawn', name: 'withdraw', who: ['association'] },
		{ from: 'withdrawn', to: 'submitted', name: 'resubmit', who: ['association'] }
	]
);

/** An objection to the draft: answered by staff. */
var objection = define(
	'season_objections',
	['open', 'answered'],
	[{ from: 'open', to: 'answered', name: 'answer', who: ['staff'] }]
);

/** A swap or hand-over: proposed by an admin of the giving association (its consent), consented by an
 * admin of the other; done at once, or after staff approval when the season says so. */
var swap = define(
	'season_swaps',
	['proposed', 'consented', 'done', 'declined', 'cancelled', 'rejected'],
	[
		{ from: 'proposed', to: 'done', name: 'consent', who: ['association'] },
		{ from: 'proposed', to: 'consented', name: 'consent', who: ['association'] },
		{ from: 'proposed', to: 'declined', name: 'decline', who: ['association'] },
		{ from: 'proposed', to: 'cancelled', name: 'cancel', who: ['owner'] },
		{ from: 'consented', to: 'cancelled', name: 'cancel', who: ['owner'] },
		{ from: 'consented', to: 'done', name: 'approve', who: ['staff'] },
		{ from: 'consented', to: 'rejected', name: 'reject', who: ['staff'] }
	]
);

/** Seasons in which associations see their lines (second-round lines only in `leftovers`). */
var PUBLISHED = ['draft_published', 'final', 'second_round', 'second_closed', 'leftovers'];

/** Seasons whose final plan is public. */
var FINAL = ['final', 'second_round', 'second_closed', 'leftovers'];

/** The move out of `final` each leftovers mode allows; the other is refused (season_leftovers_mode). */
var LEFTOVERS_MOVE = { fcfs: 'leftovers', second_round: 'second_round' };

/** The round a season's applications and draft belong to now: 2 in the second round, else 1. */
function roundOf(status) {
	return status === 'second_round' || status === 'second_closed' ? 2 : 1;
}

module.exports = {
	season: season,
	application: application,
	objection: objection,
	swap: swap,
	PUBLISHED: PUBLISHED,
	FINAL: FINAL,
	LEFTOVERS_MOVE: LEFTOVERS_MOVE,
	roundOf: roundOf
};
