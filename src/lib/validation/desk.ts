import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { codeMessage } from '$lib/server/errors';
import { phoneProblem } from '$rules/input.js';
import { bookingSchema } from './rooms';
import { entryActionSchema, recordId } from './overview';

// Forms of service at the desk (docs/rules.md, "Service at the desk"). PocketBase decides again.

/** An override of a deadline, limit or horizon: an explicit choice, always with a reason. */
const override = {
	override: z.boolean().default(false),
	override_reason: z
		.string()
		.trim()
		.max(500, { error: () => m.errors_too_long({ max: 500 }) })
		.default('')
};

function withOverride<S extends z.ZodRawShape>(shape: S) {
	return z
		.object({ ...shape, ...override })
		.refine((v) => !(v as Overridable).override || (v as Overridable).override_reason.length > 0, {
			path: ['override_reason'],
			error: () => m.desk_override_required()
		});
}

interface Overridable {
	override: boolean;
	override_reason: string;
}

/** The reason to send, or undefined when no rule is overridden. */
export function overrideOf(data: { override: boolean; override_reason: string }): string | undefined {
	return data.override ? data.override_reason : undefined;
}

const card = z
	.string()
	.trim()
	.regex(/^[0-9 ]{0,24}$/, { error: () => codeMessage('desk_card_invalid') })
	.transform((v) => v.replace(/ /g, ''))
	.refine((v) => v === '' || (v.length >= 4 && v.length <= 20), {
		error: () => codeMessage('desk_card_invalid')
	});

export const accountSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(1, { error: () => m.errors_required() })
			.max(100, { error: () => m.errors_too_long({ max: 100 }) }),
		phone: z
			.string()
			.trim()
			.max(30, { error: () => m.errors_too_long({ max: 30 }) })
			.refine((value) => !phoneProblem(value), { error: () => m.errors_phone_invalid() })
			.default(''),
		library_card: card.default('')
	})
	.refine((v) => v.phone !== '' || v.library_card !== '', {
		path: ['phone'],
		error: () => codeMessage('desk_contact_required')
	});

export const cardSchema = z.object({ library_card: card });

export const takeoverSchema = z.object({
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required() })
		.pipe(
			z
				.email({ error: () => codeMessage('desk_email_invalid') })
				.max(200, { error: () => m.errors_too_long({ max: 200 }) })
		)
});

export const deskBookingSchema = withOverride({
	room: recordId,
	purpose: bookingSchema.shape.purpose,
	attendees: bookingSchema.shape.attendees,
	date: bookingSchema.shape.date,
	start: bookingSchema.shape.start,
	end: bookingSchema.shape.end
});

export const deskHoldSchema = withOverride({ title: recordId });
export const deskRegistrationSchema = withOverride({ event: recordId });
/** A shift for the citizen; `terms`: they have heard the volunteer terms at the desk and agree to them. */
export const deskSignupSchema = withOverride({ shift: recordId, terms: z.boolean().default(false) });
export const deskEntrySchema = withOverride(entryActionSchema.shape);
