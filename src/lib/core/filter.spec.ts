import { describe, expect, it } from 'vitest';
import { bindFilter } from '$rules/core/filter.js';

// docs/rules.md, "The door": the hooks' own filters get their values in one pass, quoted as the filter
// language reads them (PocketBase's placeholders mangle empty, nested and non-printable values).
describe('bindFilter', () => {
	it('writes an empty string as an empty string', () => {
		expect(bindFilter('line = {:l}', { l: '' })).toBe('line = ""');
	});

	it('never reads a value for placeholders', () => {
		expect(bindFilter('a = {:a} && b = {:b}', { a: '{:b}', b: '" || id != "' })).toBe(
			'a = "{:b}" && b = "\\" || id != \\""'
		);
	});

	it('escapes only the backslash and the quote, and keeps every other character as it is', () => {
		expect(bindFilter('name = {:n}', { n: 'a\\b"c\u00a0d\u200de\nf' })).toBe(
			'name = "a\\\\b\\"c\u00a0d\u200de\nf"'
		);
	});

	it('writes numbers, flags and nothing as themselves', () => {
		expect(
			bindFilter('n = {:n} && f = {:f} && x = {:x} && y = {:y}', { n: 2, f: false, x: null, y: NaN })
		).toBe('n = 2 && f = false && x = null && y = null');
	});

	it('writes a list or an object from a request as its JSON text', () => {
		expect(bindFilter('id = {:id}', { id: ['a', 'b'] })).toBe('id = "[\\"a\\",\\"b\\"]"');
	});

	it('refuses a value with U+0000, which the filter language cannot write', () => {
		expect(() => bindFilter('code = {:c}', { c: 'ab\u0000cd' })).toThrow(/core_invalid_value/);
	});

	it('fills the same name twice and throws for a name without a value', () => {
		expect(bindFilter('a = {:x} || b = {:x}', { x: 'q' })).toBe('a = "q" || b = "q"');
		expect(() => bindFilter('a = {:missing}', {})).toThrow(/missing/);
	});
});
