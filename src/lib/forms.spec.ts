import { describe, expect, it } from 'vitest';
import { changedOnly, failureMessage, readForm, snapshotOf, validateForm, type FormFailure } from './forms';
import { z } from 'zod';
import { signUpSchema, profileSchema, signInSchema, passwordChangeSchema } from './validation/account';
import {
	associationSchema,
	isCalendarDay,
	memberSchema,
	roomCreateSchema,
	seasonSchema
} from './validation/rooms';
import { eventSchema, newEventSchema, newShiftSchema, ticketCodeSchema } from './validation/events';
import { readSearch } from './validation/library';

describe('readForm', () => {
	it('turns checkboxes into booleans and keeps strings', () => {
		const form = new FormData();
		form.set('name', 'Mette');
		form.set('notify_email', 'on');
		expect(readForm(form, ['notify_email', 'notify_reminders'])).toEqual({
			name: 'Mette',
			notify_email: true,
			notify_reminders: false
		});
	});
});

describe('validateForm', () => {
	it('returns translated messages per field and never echoes passwords', () => {
		const result = validateForm(signUpSchema, {
			name: ' ',
			email: 'nope',
			password: 'kort',
			passwordConfirm: 'kort'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.failure.errors.fields).toEqual({
			name: 'Udfyld feltet.',
			email: 'Skriv en gyldig e-mail, fx navn@eksempel.dk.',
			password: 'Adgangskoden skal have mindst 10 tegn.'
		});
		expect(result.failure.values).toEqual({ name: ' ', email: 'nope' });
	});

	it('asks for an empty password and its repetition to be filled in, not for more characters', () => {
		const result = validateForm(signUpSchema, {
			name: 'Mette',
			email: 'mette@example.dk',
			password: '',
			passwordConfirm: ''
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.failure.errors.fields).toEqual({
			password: 'Udfyld feltet.',
			passwordConfirm: 'Udfyld feltet.'
		});
	});

	it('reports mismatching passwords on the confirmation field', () => {
		const result = validateForm(signUpSchema, {
			name: 'Mette',
			email: 'mette@example.dk',
			password: 'langt-nok-kodeord',
			passwordConfirm: 'et-andet-kodeord'
		});
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.failure.errors.fields.passwordConfirm).toBe('De to adgangskoder er ikke ens.');
	});

	it('accepts and trims a valid profile', () => {
		const result = validateForm(profileSchema, {
			name: '  Mette Borger ',
			phone: '+45 20 30 40 50',
			language: 'en',
			notify_email: true,
			notify_reminders: false
		});
		expect(result).toEqual({
			ok: true,
			data: {
				name: 'Mette Borger',
				phone: '+45 20 30 40 50',
				language: 'en',
				notify_email: true,
				notify_reminders: false
			}
		});
	});

	it('rejects hostile or huge input with a message instead of throwing', () => {
		const result = validateForm(profileSchema, {
			name: 'x'.repeat(10_000),
			phone: '<script>',
			language: 'fr',
			notify_email: true,
			notify_reminders: true
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.failure.errors.fields).sort()).toEqual(['language', 'name', 'phone']);
		expect(result.failure.errors.fields.name).toBe('Teksten er for lang (højst 120 tegn).');
	});
});

describe('validateForm with checks that have no message of their own', () => {
	it('gives the translated text, never the library default', () => {
		const schema = z.object({
			note: z.string().max(5),
			name: z.string().min(1),
			mail: z.email(),
			count: z.coerce.number().int().max(3)
		});
		const result = validateForm(schema, { note: 'x'.repeat(6), name: '', mail: 'nope', count: '9' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.failure.errors.fields).toEqual({
			note: 'Teksten er for lang (højst 5 tegn).',
			name: 'Udfyld feltet.',
			mail: 'Skriv en gyldig e-mail, fx navn@eksempel.dk.',
			count: 'Værdien er ikke gyldig.'
		});
	});

	it.each([
		['sign-in password', signInSchema, { email: 'a@b.dk', password: 'x'.repeat(201) }, 'password', 200],
		[
			'old password',
			passwordChangeSchema,
			{ oldPassword: 'x'.repeat(201), password: 'langt-nok-kodeord', passwordConfirm: 'langt-nok-kodeord' },
			'oldPassword',
			200
		],
		[
			'association e-mail',
			associationSchema,
			{
				name: 'F',
				cvr: '',
				contact_name: '',
				contact_email: `${'x'.repeat(250)}@b.dk`,
				contact_phone: '',
				description: ''
			},
			'contact_email',
			254
		],
		['invite e-mail', memberSchema, { email: `${'x'.repeat(250)}@b.dk`, role: 'member' }, 'email', 254]
	] as const)('says the %s is too long in Danish', (_, schema, values, field, max) => {
		const result = validateForm(schema as z.ZodType, values);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.failure.errors.fields[field]).toBe(`Teksten er for lang (højst ${max} tegn).`);
	});
});

describe('ticket code at the door', () => {
	it('takes the code as the ticket shows it, in groups of 4 with spaces', () => {
		const result = validateForm(ticketCodeSchema, { code: ' ABCD efgh 1234 5678 ijkl mnop ' });
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.data.code).toBe('abcdefgh12345678ijklmnop');
		expect(validateForm(ticketCodeSchema, { code: 'abcd efgh' }).ok).toBe(false);
	});
});

describe('a new event or shift in a form', () => {
	const event = {
		title: 'Foredrag',
		description: '',
		category: 'talk',
		start: '2025-06-12T19:00',
		end: '2025-06-12T21:00',
		room: '',
		state: 'published',
		registration: true,
		capacity: '40'
	};
	it('is refused a start before now at the start field, with the server’s words; an edit is not', () => {
		const created = validateForm(newEventSchema, event);
		expect(created.ok).toBe(false);
		if (!created.ok)
			expect(created.failure.errors.fields.start).toBe(
				'Et nyt arrangement kan ikke begynde før nu. Tjek dato og år.'
			);
		const shift = validateForm(newShiftSchema, {
			task: 'Kaffe',
			start: event.start,
			end: event.end,
			places: '2',
			description: '',
			requirements: ''
		});
		expect(shift.ok).toBe(false);
		if (!shift.ok)
			expect(shift.failure.errors.fields.start).toBe('En ny vagt kan ikke begynde før nu. Tjek dato og år.');
		// editing an event that has been held keeps its times as they are
		expect(validateForm(eventSchema, event).ok).toBe(true);
		expect(
			validateForm(newEventSchema, { ...event, start: '2099-06-12T19:00', end: '2099-06-12T21:00' }).ok
		).toBe(true);
	});
});

describe('changedOnly', () => {
	const shown = snapshotOf(
		{
			capacity: 12,
			active: true,
			start: '2027-01-05 18:00:00.000Z',
			hours: { tue: [['09:00', '17:00']], mon: [] },
			note: ''
		},
		['capacity', 'active', 'start', 'hours', 'note']
	);

	it('keeps only what differs from what the form showed, whatever the types', () => {
		expect(
			changedOnly(
				{
					capacity: 12,
					active: false,
					start: new Date('2027-01-05T18:00:00Z'),
					hours: { mon: [], tue: [['09:00', '17:00']] },
					note: '',
					extra: 'x'
				},
				shown
			)
		).toEqual({ active: false, extra: 'x' });
		expect(changedOnly({ capacity: '13', start: new Date('2027-01-05T19:00:00Z') }, shown)).toEqual({
			capacity: '13',
			start: new Date('2027-01-05T19:00:00Z')
		});
	});

	it('sends every field without a readable snapshot', () => {
		for (const loaded of [undefined, '', 'ikke json', '[1]', 'null']) {
			expect(changedOnly({ capacity: 12 }, loaded)).toEqual({ capacity: 12 });
		}
	});
});

describe('a day in a form', () => {
	it('is a day of the calendar: 30 February is refused with its message, not rolled into March', () => {
		for (const day of ['2027-02-28', '2028-02-29', '2027-12-31']) expect(isCalendarDay(day), day).toBe(true);
		for (const day of ['2027-02-29', '2027-02-30', '2027-04-31', '2027-13-01', '2027-00-10', '0099-01-01'])
			expect(isCalendarDay(day), day).toBe(false);
		const season = seasonSchema.safeParse({
			for: 'self',
			purpose: 'Strik',
			attendees: 5,
			first_date: '2027-02-30',
			last_date: '2027-03-20',
			interval: 1,
			start: '10:00',
			end: '11:00'
		});
		expect(season.success).toBe(false);
		// a weekly time that ends when or before it starts is refused on its end field
		const backwards = seasonSchema.safeParse({
			for: 'self',
			purpose: 'Strik',
			attendees: 5,
			first_date: '2027-03-01',
			last_date: '2027-03-20',
			interval: 1,
			start: '18:00',
			end: '18:00'
		});
		expect(backwards.success).toBe(false);
		expect(backwards.error?.issues.map((i) => i.path.join('.'))).toEqual(['end']);
		expect(season.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['first_date', 'Datoen findes ikke. Vælg en dag i kalenderen.']
		]);
	});

	it('left empty asks to be filled in, and one that is no date says so, never that a time is wrong', () => {
		const season = seasonSchema.safeParse({
			for: 'self',
			purpose: 'Strik',
			attendees: 5,
			first_date: '',
			last_date: '1. marts',
			interval: 1,
			start: '',
			end: '11:00'
		});
		expect(season.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['first_date', 'Udfyld feltet.'],
			['last_date', 'Datoen findes ikke. Vælg en dag i kalenderen.'],
			['start', 'Udfyld feltet.']
		]);
	});
});

describe('whole numbers in a form', () => {
	const capacity = (value: string) => {
		const result = validateForm(roomCreateSchema, {
			name: 'Salen',
			slug: '',
			description: '',
			capacity: value
		});
		return result.ok ? undefined : result.failure.errors.fields.capacity;
	};
	it('asks for an empty field and says the range of a number out of it', () => {
		expect(capacity('')).toBe('Udfyld feltet.');
		expect(capacity(' ')).toBe('Udfyld feltet.');
		expect(capacity('0')).toBe('Skriv et helt tal fra 1 til 100000.');
		expect(capacity('2,5')).toBe('Skriv et helt tal fra 1 til 100000.');
		expect(capacity('mange')).toBe('Skriv et helt tal fra 1 til 100000.');
		expect(capacity('100001')).toBe('Skriv et helt tal fra 1 til 100000.');
		expect(capacity(' 40 ')).toBeUndefined();
	});
});

describe('failureMessage', () => {
	const failure = (errors: FormFailure['errors']): FormFailure => ({ values: {}, errors });
	it('shows the form’s message, else a field’s the form has no input for', () => {
		expect(failureMessage(null)).toBeUndefined();
		expect(failureMessage(failure({ form: 'Hele formularen', fields: { status: 'Status' } }))).toBe(
			'Hele formularen'
		);
		expect(failureMessage(failure({ fields: { status: 'Reservationen er ikke klar.' } }))).toBe(
			'Reservationen er ikke klar.'
		);
		// a field the form shows beside its input is not repeated above it
		expect(failureMessage(failure({ fields: { purpose: 'Skal udfyldes.' } }), ['purpose'])).toBeUndefined();
		expect(
			failureMessage(failure({ fields: { purpose: 'Skal udfyldes.', slot: 'Tiden er taget.' } }), ['purpose'])
		).toBe('Tiden er taget.');
	});
});

describe('readSearch', () => {
	it('cuts a search longer than 200 characters instead of dropping it', () => {
		const long = 'x'.repeat(5000);
		expect(readSearch(new URLSearchParams({ q: long })).q).toBe('x'.repeat(200));
		expect(readSearch(new URLSearchParams({ q: '  Marie Grubbe ' })).q).toBe('Marie Grubbe');
	});
});
