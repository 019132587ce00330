import { describe, expect, it } from 'vitest';
import { movedAddress } from './room-address';

describe('movedAddress', () => {
	const at = (path: string) => new URL(path, 'http://localhost');

	it('keeps the page below the room and its query as written', () => {
		expect(movedAddress(at('/lokaler/gammel'), 'ny')).toBe('/lokaler/ny');
		expect(movedAddress(at('/lokaler/gammel/skilt?format=a4'), 'ny')).toBe('/lokaler/ny/skilt?format=a4');
		expect(movedAddress(at('/lokaler/gammel/skilt/data'), 'ny')).toBe('/lokaler/ny/skilt/data');
		expect(movedAddress(at('/lokaler/gammel?/book'), 'ny')).toBe('/lokaler/ny?/book');
		expect(movedAddress(at('/lokaler/gammel?fra=2030-01-07&antal=3'), 'ny')).toBe(
			'/lokaler/ny?fra=2030-01-07&antal=3'
		);
	});

	it('after a form action, the page without the action’s name', () => {
		expect(movedAddress(at('/lokaler/gammel/tjek-ind?/checkIn'), 'ny', true)).toBe('/lokaler/ny/tjek-ind');
		expect(movedAddress(at('/lokaler/gammel/tjek-ind?%2FcheckIn=&x=1'), 'ny', true)).toBe(
			'/lokaler/ny/tjek-ind?x=1'
		);
		expect(movedAddress(at('/lokaler/gammel/tjek-ind?%E0=1'), 'ny', true)).toBe('/lokaler/ny/tjek-ind?%E0=1');
	});
});
