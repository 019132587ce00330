import { describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { toFormErrors, failureStatus } from './errors';

const pbError = (status: number, data: Record<string, unknown> = {}) =>
	new ClientResponseError({ status, response: { status, message: 'x', data } });

describe('toFormErrors', () => {
	it('maps PocketBase field codes to translated messages, with field-specific meanings', () => {
		const errors = toFormErrors(
			pbError(400, {
				email: { code: 'validation_not_unique', message: 'Value must be unique.' },
				name: { code: 'validation_required', message: 'Cannot be blank.' }
			})
		);
		expect(errors).toEqual({
			fields: { email: 'Der findes allerede en konto med den e-mail.', name: 'Udfyld feltet.' }
		});
	});

	it('says a new email that is the account’s own address is that, not only that it is not valid', () => {
		const errors = toFormErrors(
			pbError(400, { newEmail: { code: 'validation_not_in_invalid', message: 'Must not be in list.' } })
		);
		expect(errors).toEqual({ fields: { newEmail: 'Det er allerede din e-mail.' } });
	});

	it('translates codes from our hooks through their registry, with "form" as the whole-request field', () => {
		const errors = toFormErrors(
			pbError(400, { form: { code: 'rooms_overlap', message: 'x' }, start: { code: 'unknown_code' } })
		);
		expect(errors).toEqual({
			form: 'Lokalet er optaget på det tidspunkt.',
			fields: { start: 'Værdien er ikke gyldig.' }
		});
	});

	it('speaks of the citizen, not to them, for an act staff made at the desk', () => {
		const refused = pbError(400, { form: { code: 'events_already_signed_up', message: 'x' } });
		expect(toFormErrors(refused).form).toBe('Du er allerede tilmeldt.');
		expect(toFormErrors(refused, { desk: true }).form).toBe('Borgeren er allerede tilmeldt.');
		// a code without desk words reads the same
		const overlap = pbError(400, { form: { code: 'rooms_overlap', message: 'x' } });
		expect(toFormErrors(overlap, { desk: true }).form).toBe('Lokalet er optaget på det tidspunkt.');
	});

	it('gives a form-level message by status when no field is named', () => {
		expect(toFormErrors(pbError(429)).form).toBe('For mange forsøg. Vent et minut, og prøv igen.');
		expect(toFormErrors(pbError(0)).form).toBe('Vi kan ikke få fat i serveren lige nu. Prøv igen om lidt.');
		expect(toFormErrors(pbError(500)).form).toBe('Noget gik galt. Prøv igen, eller kontakt huset.');
	});

	it('never shows raw text from unknown errors', () => {
		expect(toFormErrors(new Error('SQL: table users'))).toEqual({
			form: 'Noget gik galt. Prøv igen, eller kontakt huset.',
			fields: {}
		});
	});

	it('keeps client-error statuses and turns the rest into 400', () => {
		expect(failureStatus(pbError(409))).toBe(409);
		expect(failureStatus(pbError(500))).toBe(400);
		expect(failureStatus(new Error('x'))).toBe(400);
	});
});
