/// <reference path="../../../pb_data/types.d.ts" />

// State machines (docs/rules.md, "State machines"): each entity declares its states and the transitions
// between them, each with a name and the roles that may make it. Every path that writes the entity (record
// API, custom routes, jobs, account deletion) asks its machine before it writes, inside the write's
// transaction, with the row as it stands there. Pure; SvelteKit imports it as $rules/core/machine.js, so the
// pages offer exactly the actions the machine allows.

/**
 * @typedef {'owner' | 'association' | 'staff' | 'system'} Role
 * @typedef {{ from: string, to: string, name: string, who: Role[] }} Transition
 * @typedef {{ entity: string, states: string[], transitions: Transition[] }} Machine
 */

/**
 * Declares a machine; checks that it only names its own states.
 * @param {string} entity
 * @param {string[]} states
 * @param {Transition[]} transitions
 * @returns {Machine}
 */
function define(entity, states, transitions) {
	for (var i = 0; i < transitions.length; i++) {
		var t = transitions[i];
		if (states.indexOf(t.from) < 0 || states.indexOf(t.to) < 0) {
			throw new Error(entity + ': unknown state in ' + t.name);
		}
	}
	return { entity: entity, states: states, transitions: transitions };
}

/**
 * The transition from `from` to `to`, or null when the machine has none.
 * @param {Machine} machine
 * @param {string} from
 * @param {string} to
 * @returns {Transition | null}
 */
function transitionBetween(machine, from, to) {
	for (var i = 0; i < machine.transitions.length; i++) {
		var t = machine.transitions[i];
		if (t.from === from && t.to === to) return t;
	}
	return null;
}

/**
 * The transition named `name` from the state `from`, or null.
 * @param {Machine} machine
 * @param {string} from
 * @param {string} name
 * @returns {Transition | null}
 */
function named(machine, from, name) {
	for (var i = 0; i < machine.transitions.length; i++) {
		var t = machine.transitions[i];
		if (t.from === from && t.name === name) return t;
	}
	return null;
}

/**
 * True when one of `roles` may make transition `t`.
 * @param {Transition | null} t
 * @param {Role[]} roles
 */
function allowed(t, roles) {
	if (!t) return false;
	for (var i = 0; i < roles.length; i++) if (t.who.indexOf(roles[i]) >= 0) return true;
	return false;
}

/**
 * The transition from `from` to `to` that one of `roles` may make, or null. A change to the same state
 * is no transition and is never allowed here; callers treat "no status change" themselves.
 * @param {Machine} machine
 * @param {string} from
 * @param {string} to
 * @param {Role[]} roles
 * @returns {Transition | null}
 */
function permitted(machine, from, to, roles) {
	var t = transitionBetween(machine, from, to);
	return allowed(t, roles) ? t : null;
}

/**
 * The names of the transitions out of `from` that one of `roles` may make (what a page may offer).
 * @param {Machine} machine
 * @param {string} from
 * @param {Role[]} roles
 * @returns {string[]}
 */
function available(machine, from, roles) {
	var names = [];
	for (var i = 0; i < machine.transitions.length; i++) {
		var t = machine.transitions[i];
		if (t.from === from && allowed(t, roles) && names.indexOf(t.name) < 0) names.push(t.name);
	}
	return names;
}

/**
 * Whether `state` is one the machine ends in: no transition leads out of it.
 * @param {Machine} machine
 * @param {string} state
 * @returns {boolean}
 */
function isFinal(machine, state) {
	for (var i = 0; i < machine.transitions.length; i++) {
		if (machine.transitions[i].from === state) return false;
	}
	return true;
}

module.exports = {
	isFinal: isFinal,
	define: define,
	find: transitionBetween,
	named: named,
	allowed: allowed,
	permitted: permitted,
	available: available
};
