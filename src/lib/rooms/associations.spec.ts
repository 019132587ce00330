import { describe, expect, it } from 'vitest';
import {
	associationMachine,
	associationState,
	membershipMachine,
	normalizeCvr,
	validCvr
} from '$rules/rooms-associations.js';
import { available, define, named, permitted } from '$rules/core/machine.js';

describe('CVR check digit', () => {
	it.each(['29403473', '12345674', '10000009', '2940 3473'])('accepts %s', (cvr) => {
		expect(validCvr(cvr)).toBe(true);
	});
	it.each(['29403474', '12345678', '0940347', '294034731', 'abcdefgh', '', '09403473'])(
		'refuses %s',
		(cvr) => {
			expect(validCvr(cvr)).toBe(false);
		}
	);
	it('stores digits only', () => {
		expect(normalizeCvr(' 2940 3473 ')).toBe('29403473');
	});
});

// docs/rules.md, "Associations and memberships": who may make each transition.
describe('the association machine', () => {
	const machine = associationMachine();

	it('names only its own states', () => {
		expect(() => define(machine.entity, machine.states, machine.transitions)).not.toThrow();
	});

	it('lets only staff verify and unverify', () => {
		expect(available(machine, 'unverified', ['staff'])).toEqual(['verify']);
		expect(available(machine, 'unverified', ['owner', 'association', 'system'])).toEqual([]);
		expect(named(machine, 'verified', 'unverify')?.who).toEqual(['staff']);
	});

	it('sends a renamed association back to verification, whoever renames it', () => {
		for (const role of ['association', 'staff', 'system'] as const) {
			expect(named(machine, 'verified', 'resubmit')?.who).toContain(role);
		}
		expect(associationState(true)).toBe('verified');
		expect(associationState(false)).toBe('unverified');
	});
});

describe('the membership machine', () => {
	const machine = membershipMachine();

	it('names only its own states', () => {
		expect(() => define(machine.entity, machine.states, machine.transitions)).not.toThrow();
	});

	it('makes a member only by the invited person accepting', () => {
		const intoActive = machine.transitions.filter((t) => t.to === 'active');
		expect(intoActive).toEqual([{ from: 'invited', to: 'active', name: 'accept', who: ['owner'] }]);
		expect(permitted(machine, 'invited', 'active', ['association', 'staff', 'system'])).toBeNull();
	});

	it('offers the invited person accept, decline and block, and the admin withdrawal', () => {
		expect(available(machine, 'invited', ['owner'])).toEqual(['accept', 'decline', 'block']);
		expect(available(machine, 'invited', ['association'])).toEqual(['withdraw']);
	});

	it('lets nobody invite a person who blocked the association, or who is a member', () => {
		for (const from of ['blocked', 'active', 'invited']) {
			expect(named(machine, from, 'invite')).toBeNull();
		}
		expect(available(machine, 'blocked', ['owner'])).toEqual(['unblock']);
	});

	it('lets a member leave and an admin or staff remove', () => {
		expect(available(machine, 'active', ['owner'])).toEqual(['leave']);
		expect(available(machine, 'active', ['association'])).toEqual(['remove']);
		expect(available(machine, 'active', ['staff'])).toEqual(['remove']);
	});

	it('lets an admin invite again after a decline, a removal or a departure', () => {
		for (const from of ['declined', 'removed', 'left']) {
			expect(named(machine, from, 'invite')?.who).toEqual(['association', 'staff']);
		}
	});
});
