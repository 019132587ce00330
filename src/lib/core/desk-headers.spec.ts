import { describe, expect, it } from 'vitest';
import { readDeskHeaders, ruleName } from '$rules/desk-headers.js';

// The desk's headers are read once, the same way for the door, the hooks and the rules (docs/rules.md,
// "Service at the desk"): by their own spelling and once, as PocketBase's rules name every header alike.
describe("the desk's headers", () => {
	it('names a header as PocketBase does for its rules', () => {
		for (const name of [
			'X-Borgerhus-For',
			'X_borgerhus_for',
			'X.borgerhus.for',
			'X--Borgerhus--For',
			'-X-Borgerhus-For-',
			'X-Borgerhus_For',
			'x~borgerhus|for'
		]) {
			expect(ruleName(name), name).toBe('x_borgerhus_for');
		}
		expect(ruleName('X-Borgerhus-Override')).toBe('x_borgerhus_override');
		// a capital after a small letter starts a word; Go's canonical names have none
		expect(ruleName('XBorgerhusFor')).toBe('xborgerhus_for');
		expect(ruleName('Xborgerhusfor')).toBe('xborgerhusfor');
		expect(ruleName('X-Token')).toBe('x_token');
	});

	it('reads the citizen and the reason in their own spelling, once each', () => {
		expect(readDeskHeaders({ Accept: ['*/*'] })).toEqual({ citizen: '', override: '', problem: false });
		expect(readDeskHeaders(null)).toEqual({ citizen: '', override: '', problem: false });
		expect(
			readDeskHeaders({ 'X-Borgerhus-For': ['abc'], 'X-Borgerhus-Override': ['fordi'], 'X-Borgerhus': ['x'] })
		).toEqual({ citizen: 'abc', override: 'fordi', problem: false });
		expect(readDeskHeaders({ 'X-Borgerhus-For': [''] })).toEqual({
			citizen: '',
			override: '',
			problem: false
		});
	});

	it('finds a problem in another spelling or a second value, whatever else came', () => {
		const problem = { citizen: '', override: '', problem: true };
		expect(readDeskHeaders({ X_borgerhus_for: ['abc'] })).toEqual(problem);
		expect(readDeskHeaders({ 'X-Borgerhus-For': ['abc'], X_borgerhus_for: ['abc'] })).toEqual(problem);
		expect(readDeskHeaders({ 'X-Borgerhus-For': ['abc'], 'X.borgerhus.override': ['fordi'] })).toEqual(
			problem
		);
		expect(readDeskHeaders({ 'X-Borgerhus-For': ['abc', 'def'] })).toEqual(problem);
		expect(readDeskHeaders({ 'X-Borgerhus-Override': ['fordi', 'fordi'] })).toEqual(problem);
		expect(readDeskHeaders({ 'X-Borgerhus-For': [] })).toEqual(problem);
		// Go's name for a header sent in capitals is its canonical one; the raw capitals are not it
		expect(readDeskHeaders({ 'X-BORGERHUS-FOR': ['abc'] })).toEqual(problem);
	});
});
