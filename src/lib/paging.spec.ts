import { describe, expect, it } from 'vitest';
import { pageParam } from './paging';

describe('pageParam', () => {
	const at = (query: string, name?: string) => pageParam(new URL(`http://x/liste?${query}`), name);
	it('reads the page a list asks for, 1 for none or nonsense, never past 10,000', () => {
		expect(at('')).toBe(1);
		expect(at('side=3')).toBe(3);
		expect(at('side=abc')).toBe(1);
		expect(at('side=-4')).toBe(1);
		expect(at('side=0')).toBe(1);
		expect(at('side=99999999999999999999')).toBe(10_000);
		expect(at('kommende=2&side=5', 'kommende')).toBe(2);
	});
});
