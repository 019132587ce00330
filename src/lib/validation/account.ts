import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { phoneProblem } from '$rules/input.js';

// One schema per form, shared by the server action and any browser pre-check. Messages are functions,
// so they are translated when a form is checked, in the language of that request.

const email = z
	.string()
	.trim()
	.min(1, { error: () => m.errors_required() })
	.max(254, { error: () => m.errors_too_long({ max: 254 }) })
	.pipe(z.email({ error: () => m.errors_email_invalid() }));

/**
 * PocketBase keeps passwords as bcrypt hashes, which read at most 72 bytes: it takes 71 characters and no
 * more than 72 bytes (an æ is two), and says only "not valid" beyond, so the form says why first.
 */
const MAX_PASSWORD_CHARS = 71;
const MAX_PASSWORD_BYTES = 72;

const newPassword = z
	.string()
	.min(1, { error: () => m.errors_required() })
	.min(10, { error: () => m.errors_password_too_short() })
	.max(MAX_PASSWORD_CHARS, { error: () => m.errors_password_too_long() })
	.refine((value) => new TextEncoder().encode(value).length <= MAX_PASSWORD_BYTES, {
		error: () => m.errors_password_too_long()
	});

/** The new password written again; an empty one is asked for, not called different. */
const passwordConfirm = z.string().min(1, { error: () => m.errors_required() });

const name = z
	.string()
	.trim()
	.min(1, { error: () => m.errors_required() })
	.max(120, { error: () => m.errors_too_long({ max: 120 }) });

const phone = z
	.string()
	.trim()
	.max(30, { error: () => m.errors_too_long({ max: 30 }) })
	.refine((value) => !phoneProblem(value), { error: () => m.errors_phone_invalid() });

export const language = z.enum(['da', 'en']);

export const signInSchema = z.object({
	email,
	password: z
		.string()
		.min(1, { error: () => m.errors_required() })
		.max(200, { error: () => m.errors_too_long({ max: 200 }) })
});

export const signUpSchema = z
	.object({ name, email, password: newPassword, passwordConfirm })
	.refine((v) => v.password === v.passwordConfirm, {
		path: ['passwordConfirm'],
		error: () => m.errors_password_mismatch()
	});

export const emailOnlySchema = z.object({ email });

export const profileSchema = z.object({
	name,
	phone,
	language,
	notify_email: z.boolean(),
	notify_reminders: z.boolean()
});

export const passwordChangeSchema = z
	.object({
		oldPassword: z
			.string()
			.min(1, { error: () => m.errors_required() })
			.max(200, { error: () => m.errors_too_long({ max: 200 }) }),
		password: newPassword,
		passwordConfirm
	})
	.refine((v) => v.password === v.passwordConfirm, {
		path: ['passwordConfirm'],
		error: () => m.errors_password_mismatch()
	});

export const passwordResetSchema = z
	.object({ password: newPassword, passwordConfirm })
	.refine((v) => v.password === v.passwordConfirm, {
		path: ['passwordConfirm'],
		error: () => m.errors_password_mismatch()
	});

export const emailChangeSchema = z.object({ newEmail: email });

export const emailChangeConfirmSchema = z.object({
	password: z
		.string()
		.min(1, { error: () => m.errors_required() })
		.max(200, { error: () => m.errors_too_long({ max: 200 }) })
});
