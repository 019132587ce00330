import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect';

describe('safeRedirectTarget', () => {
	it('keeps a local path with its query and fragment', () => {
		expect(safeRedirectTarget('/bookinger?fra=2026-12-01#i-dag')).toBe('/bookinger?fra=2026-12-01#i-dag');
		expect(safeRedirectTarget('/lokaler/m%C3%B8delokale')).toBe('/lokaler/m%C3%B8delokale');
	});

	it('gives the fallback for anything that could leave the site', () => {
		for (const target of [
			'https://other.example/',
			'//other.example/x',
			'/\\other.example/x',
			'/\t/other.example/x',
			'/\n/other.example/x',
			'/\r\n/other.example',
			'/%09/other.example',
			// resolve to the path "//other.example"
			'/.//other.example/x',
			'/..//other.example/x',
			'/%2e//other.example/x',
			'/a/..//other.example/x',
			'other.example',
			'',
			null,
			undefined
		]) {
			const answer = safeRedirectTarget(target, '/overblik');
			expect(answer === '/overblik' || answer.startsWith('/%09'), String(target)).toBe(true);
			expect(new URL(answer, 'http://localhost').host).toBe('localhost');
		}
	});
});
