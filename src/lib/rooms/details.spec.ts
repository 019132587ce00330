import { describe, expect, it } from 'vitest';
import { detailsBody, facilitiesOf, slugOf } from './details';

describe('a room described by staff', () => {
	it('gets an address name from its name, Danish letters spelled out', () => {
		expect(slugOf('Mødelokale 3')).toBe('moedelokale-3');
		expect(slugOf('  Sal Å/Æ – café ')).toBe('sal-aa-ae-cafe');
		expect(slugOf('!!!')).toBe('');
	});

	it('reads its equipment one item per comma or line, without empty ones or repeats', () => {
		expect(facilitiesOf('Projektor, Køkken\nProjektor,, ')).toEqual(['Projektor', 'Køkken']);
		expect(facilitiesOf('')).toEqual([]);
	});

	it('keeps an address name staff typed, and makes one when left empty', () => {
		const base = {
			name: 'Lille Sal',
			slug: '',
			description: '',
			facilities: '',
			step_free: true,
			hearing_loop: false,
			accessible_toilet: false,
			accessibility_notes: ''
		};
		expect(detailsBody(base).slug).toBe('lille-sal');
		expect(detailsBody({ ...base, slug: 'salen' }).slug).toBe('salen');
	});
});
