/// <reference path="../../pb_data/types.d.ts" />

// The library's state machines (docs/rules.md, "Library"): holds, copies and loans. Every path that writes
// one of them (record API hooks in library.pb.js, the desk routes and the expiry job in library-desk.js,
// account deletion through library-desk.cancelHold) asks these tables, inside its transaction, with the
// row as it stands there. Pure; SvelteKit imports it as $rules/library-machine.js so that pages offer the
// same actions.
//
// Roles: `owner` is the patron of a hold, `staff` a staff member (at the desk or in the back office),
// `system` the server itself (a copy handed to the next in line, the expiry job, account deletion).

/** The kernel's machine functions (required when used: the tables below are plain data for the app too). */
function core() {
	return require(`${__hooks}/lib/core/machine.js`);
}

/**
 * A machine in the shape core/machine.js define() returns (a unit test checks each with define()).
 * @param {string} entity
 * @param {string[]} states
 * @param {import('./core/machine.js').Transition[]} transitions
 */
function define(entity, states, transitions) {
	return { entity, states, transitions };
}

const HOLD = define(
	'hold',
	['waiting', 'paused', 'ready', 'collected', 'expired', 'cancelled'],
	[
		{ from: 'waiting', to: 'paused', name: 'pause', who: ['owner', 'staff'] },
		{ from: 'paused', to: 'waiting', name: 'resume', who: ['owner', 'staff'] },
		{ from: 'waiting', to: 'cancelled', name: 'cancel', who: ['owner', 'staff', 'system'] },
		{ from: 'paused', to: 'cancelled', name: 'cancel', who: ['owner', 'staff', 'system'] },
		{ from: 'ready', to: 'cancelled', name: 'cancel', who: ['owner', 'staff', 'system'] },
		// the first unpaused hold gets a copy that came free (check-in, release, new copy, new hold)
		{ from: 'waiting', to: 'ready', name: 'make_ready', who: ['system'] },
		{ from: 'ready', to: 'collected', name: 'collect', who: ['staff'] },
		// the desk lends the patron a copy of the title over the counter: the hold they no longer need ends
		// with the loan (lib/library-desk.js endHoldByLoan)
		{ from: 'waiting', to: 'collected', name: 'collect', who: ['staff'] },
		{ from: 'paused', to: 'collected', name: 'collect', who: ['staff'] },
		{ from: 'ready', to: 'expired', name: 'expire', who: ['system'] },
		// its copy, still being fetched to the pickup shelf, was not found: back in the queue, in its place
		{ from: 'ready', to: 'waiting', name: 'requeue', who: ['system'] }
	]
);

/** Hold transitions a plain record update may make; the others carry fields only their actions set. */
const HOLD_PLAIN = ['pause', 'resume', 'cancel'];

const COPY = define(
	'copy',
	['shelf', 'reserved', 'loan', 'missing'],
	[
		{ from: 'shelf', to: 'reserved', name: 'reserve', who: ['system'] },
		{ from: 'reserved', to: 'shelf', name: 'release', who: ['system'] },
		{ from: 'reserved', to: 'loan', name: 'lend', who: ['staff'] },
		{ from: 'shelf', to: 'loan', name: 'lend', who: ['staff', 'system'] },
		{ from: 'loan', to: 'shelf', name: 'check_in', who: ['staff'] },
		{ from: 'shelf', to: 'missing', name: 'mark_missing', who: ['staff', 'system'] },
		{ from: 'missing', to: 'shelf', name: 'found', who: ['staff', 'system'] },
		// staff could not find a copy they went to fetch for a ready hold (its pickup deadline not started):
		// the hold goes back to the queue (lib/library-desk.js notFound)
		{ from: 'reserved', to: 'missing', name: 'not_found', who: ['staff'] },
		// a copy lost on loan: the loan ends as lost, and nobody gets the copy (lib/library-desk.js lose)
		{ from: 'loan', to: 'missing', name: 'lost', who: ['staff'] }
	]
);

// Where a copy lies is not a state of its own. `shelf` is "free for the next hold or loan", wherever it lies;
// a copy released by a pickup that ended without a loan still lies on that pickup shelf, named by its
// server-owned `on_pickup_shelf` (lib/library-desk.js releaseCopy) until the desk scans it (check-in, the
// pickup shelf of the next in line) or it is lent, marked missing or found: the desk's "Til hylderne igen"
// (shelf) and "Til afhentningshylden" (reserved) say where to fetch it from.

/**
 * Copy transitions a plain record update may make; loans and pickups go through the desk. Marking a copy
 * missing ends what it served: not found while being fetched (the hold waits again), lost on loan (the loan
 * ends as lost).
 */
const COPY_PLAIN = ['mark_missing', 'found', 'not_found', 'lost'];

const LOAN = define(
	'loan',
	['open', 'returned'],
	[{ from: 'open', to: 'returned', name: 'return', who: ['staff'] }]
);

/**
 * The state of a loan row (a loan has no status column: it is open until it is returned).
 * @param {string} returnedAt
 */
function loanState(returnedAt) {
	return returnedAt ? 'returned' : 'open';
}

/**
 * The transition from `from` to `to` that `roles` may make, or throws the refusal `code` on `field`.
 * @param {import('./core/machine.js').Machine} machine
 * @param {string} from
 * @param {string} to
 * @param {string[]} roles
 * @param {string} code
 * @param {string} [field]
 */
function require_(machine, from, to, roles, code, field) {
	const t = core().permitted(machine, from, to, /** @type {any} */ (roles));
	if (!t) require(`${__hooks}/lib/core/errors.js`).refuse(code, field);
	return /** @type {import('./core/machine.js').Transition} */ (t);
}

module.exports = {
	HOLD,
	HOLD_PLAIN,
	COPY,
	COPY_PLAIN,
	LOAN,
	loanState,
	find: (machine, from, to) => core().find(machine, from, to),
	allowed: (t, roles) => core().allowed(t, roles),
	transition: require_
};
