import { describe, expect, it } from 'vitest';
import { readForm, validateForm } from './forms';
import { signUpSchema, profileSchema } from './validation/account';

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
