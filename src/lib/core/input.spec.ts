import { describe, expect, it } from 'vitest';
import { checkBody, dateProblem, textProblem, type FieldSpec } from '$rules/input.js';

// The door check of every client body (docs/rules.md, "Mit overblik, account and bad input").
const FIELDS: FieldSpec[] = [
	{ name: 'id', type: 'text', system: true, required: true, autogeneratePattern: '[a-z0-9]{15}' },
	{ name: 'name', type: 'text', required: true, max: 20 },
	{ name: 'count', type: 'number', min: 1, max: 10, onlyInt: true },
	{ name: 'open', type: 'bool' },
	{ name: 'start', type: 'date' },
	{ name: 'kind', type: 'select', values: ['a', 'b'] },
	{ name: 'tags', type: 'select', values: ['a', 'b'], maxSelect: 2 },
	{ name: 'room', type: 'relation', collectionId: 'rooms' },
	{ name: 'extra', type: 'json' }
];
const KNOWN = 'abcdefghij12345';
const check = (body: unknown, create = false) =>
	checkBody(FIELDS, body, { create, exists: (_c, id) => id === KNOWN });

describe('checkBody', () => {
	it('lets a well-formed body through, as JSON and as form text', () => {
		expect(
			check(
				{
					name: 'Sal Æ 🙂',
					count: 3,
					open: true,
					start: '2026-05-01 10:00:00.000Z',
					kind: 'a',
					tags: ['a', 'b'],
					room: KNOWN,
					extra: { any: [1] }
				},
				true
			)
		).toBeNull();
		expect(
			check({ count: '3', open: 'on', start: '2026-05-01T12:00:00+02:00', room: '', kind: '' })
		).toBeNull();
	});

	it.each([
		[{ name: 42 }, 'name', 'core_invalid_value'],
		[{ name: ' \t' }, 'name', 'core_text_blank'],
		[{ name: 'a\u0000b' }, 'name', 'core_text_hidden'],
		[{ name: 'abc\u202e' }, 'name', 'core_text_hidden'],
		[{ name: 'x'.repeat(21) }, 'name', 'core_text_too_long'],
		[{ name: 'Klub\r\nBcc: x' }, 'name', 'core_text_one_line'],
		[{ name: 'Klub\u2028B' }, 'name', 'core_text_one_line'],
		[{ count: '' }, 'count', 'core_invalid_value'],
		[{ count: null }, 'count', 'core_invalid_value'],
		[{ count: 'abc' }, 'count', 'core_invalid_value'],
		[{ count: 2.5 }, 'count', 'core_invalid_value'],
		[{ count: 11 }, 'count', 'core_number_out_of_range'],
		[{ count: -1 }, 'count', 'core_number_out_of_range'],
		[{ open: 'ja' }, 'open', 'core_invalid_value'],
		[{ start: '2026-05-01 10:00:00' }, 'start', 'core_time_no_zone'],
		[{ start: '2026-02-30 10:00:00Z' }, 'start', 'core_invalid_date'],
		[{ start: '9999-12-31 10:00:00Z' }, 'start', 'core_date_out_of_range'],
		[{ start: 1700000000 }, 'start', 'core_invalid_value'],
		[{ kind: 'c' }, 'kind', 'core_invalid_value'],
		[{ kind: ['a'] }, 'kind', 'core_invalid_value'],
		[{ tags: ['a', 'z'] }, 'tags', 'core_invalid_value'],
		[{ room: 'zzzzzzzzzzzzzzz' }, 'room', 'core_unknown_record'],
		[{ room: '../etc' }, 'room', 'core_invalid_value'],
		[{ room: [] }, 'room', 'core_invalid_value'],
		// a modifier changes the stored value past every check that looks for the field by its name
		[{ 'count+': 1 }, 'count', 'core_field_modifier'],
		[{ 'count-': 1 }, 'count', 'core_field_modifier'],
		[{ '+tags': 'a' }, 'tags', 'core_field_modifier'],
		[{ 'room+': 'zzzzzzzzzzzzzzz' }, 'room', 'core_field_modifier']
	])('refuses %j on %s with %s', (body, field, code) => {
		expect(check(body)).toEqual({ field, code });
	});

	it('refuses a body that is not an object, and a create without its required fields', () => {
		expect(check([1, 2])).toEqual({ field: 'form', code: 'core_invalid_value' });
		expect(check('text')).toEqual({ field: 'form', code: 'core_invalid_value' });
		expect(check({}, true)).toEqual({ field: 'name', code: 'core_required' });
		expect(check({})).toBeNull();
	});
});

describe('dateProblem and textProblem', () => {
	it('knows the calendar', () => {
		expect(dateProblem('2028-02-29 10:00:00.000Z')).toBe('');
		expect(dateProblem('2026-02-29 10:00:00.000Z')).toBe('core_invalid_date');
		expect(dateProblem('2026-03-29 02:30:00')).toBe('core_time_no_zone');
		expect(dateProblem('0001-01-01 00:00:00.000Z')).toBe('core_date_out_of_range');
	});

	it('refuses a date of spaces instead of taking it as an empty field', () => {
		for (const blank of [' ', '\t', '\n \n', '\u00a0', '\u3000', '\ufeff ']) {
			expect(dateProblem(blank)).toBe('core_invalid_date');
		}
		// '' is an empty field: PocketBase's own required check answers for a required one
		expect(dateProblem('')).toBe('');
	});

	it('refuses control, invisible and direction characters, and keeps the joiners of emoji and scripts', () => {
		for (const hostile of [
			'a\u009bb',
			'a\u0085b',
			'\u200b\u2060\ufeff',
			'a\u200eb',
			'a\u200fb',
			'a\u061cb',
			'An\u2062na',
			'Anna\u3164',
			'a\u034fb'
		]) {
			expect(textProblem(hostile, 100), JSON.stringify(hostile)).toBe('core_text_hidden');
		}
		expect(textProblem('Familie 👨\u200d👩\u200d👧', 100)).toBe('');
		expect(textProblem('می\u200cخواهم', 100)).toBe('');
	});

	it('keeps a soft hyphen in a pasted title, and refuses it in a name or an address, where it makes a lookalike', () => {
		expect(textProblem('Kommunalbestyrelses\u00admedlemmernes håndbog', 200, true)).toBe('');
		expect(textProblem('An\u00adna Hansen', 200, true, true)).toBe('core_text_invisible');
	});

	it('counts characters, not UTF-16 units, and refuses a text far over its limit before reading it', () => {
		// 100 characters of two units each fit a limit of 100; one more does not
		expect(textProblem('😀'.repeat(100), 100)).toBe('');
		expect(textProblem('😀'.repeat(101), 100)).toBe('core_text_too_long');
		expect(textProblem('a'.repeat(101), 100)).toBe('core_text_too_long');
		// a megabyte is too long whatever it holds: no scan of it for hidden characters or line breaks
		const huge = 'a'.repeat(1_000_000) + '\u0000\n';
		expect(textProblem(huge, 100, true)).toBe('core_text_too_long');
		expect(textProblem(huge, 0, true)).toBe('core_text_too_long');
	});

	it('keeps names and titles on one line, and lets other text hold several', () => {
		expect(textProblem('Linje 1\nLinje 2', 100)).toBe('');
		expect(textProblem('Linje 1\nLinje 2', 100, true)).toBe('core_text_one_line');
		expect(textProblem('Linje 1\rLinje 2', 100, true)).toBe('core_text_one_line');
		expect(textProblem('Én linje', 100, true)).toBe('');
		const described: FieldSpec[] = [{ name: 'description', type: 'text', max: 100 }];
		expect(checkBody(described, { description: 'a\nb' }, { create: true, exists: () => true })).toBeNull();
	});

	it('counts characters, not UTF-16 units', () => {
		expect(textProblem('🙂🙂', 2)).toBe('');
		expect(textProblem('🙂🙂🙂', 2)).toBe('core_text_too_long');
	});
});
