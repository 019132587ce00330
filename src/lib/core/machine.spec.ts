import { describe, expect, it } from 'vitest';
import { available, define, isFinal, permitted } from '$rules/core/machine.js';

const door = define(
	'door',
	['open', 'closed', 'locked'],
	[
		{ from: 'open', to: 'closed', name: 'close', who: ['owner', 'staff'] },
		{ from: 'closed', to: 'open', name: 'open', who: ['owner'] },
		{ from: 'closed', to: 'locked', name: 'lock', who: ['staff'] }
	]
);

describe('state machine', () => {
	it('refuses a transition to a state it does not know', () => {
		expect(() => define('x', ['a'], [{ from: 'a', to: 'b', name: 'go', who: ['owner'] }])).toThrow(
			/unknown state/
		);
	});

	it('permits a declared transition to its roles only', () => {
		expect(permitted(door, 'open', 'closed', ['owner'])?.name).toBe('close');
		expect(permitted(door, 'closed', 'locked', ['owner'])).toBeNull();
		expect(permitted(door, 'closed', 'locked', ['owner', 'staff'])?.name).toBe('lock');
	});

	it('has no transition that is not declared, nor one to the same state', () => {
		expect(permitted(door, 'locked', 'open', ['owner', 'staff', 'system'])).toBeNull();
		expect(permitted(door, 'open', 'open', ['owner', 'staff', 'system'])).toBeNull();
	});

	it('lists what a role may do from a state', () => {
		expect(available(door, 'closed', ['owner'])).toEqual(['open']);
		expect(available(door, 'closed', ['staff'])).toEqual(['lock']);
		expect(available(door, 'locked', ['staff'])).toEqual([]);
	});

	it('tells a state nothing leads out of', () => {
		expect(isFinal(door, 'locked')).toBe(true);
		expect(isFinal(door, 'open')).toBe(false);
		expect(isFinal(door, 'closed')).toBe(false);
	});
});
