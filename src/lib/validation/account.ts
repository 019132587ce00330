import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

// One schema per form, shared by the server action and any browser pre-check. Messages are functions,
// so they are translated when a form is checked, in the language of that request.

const email = z
	.string()
	.trim()
	.min(1, { error: () => m.errors_required() })
	.max(254, { error: () => m.errors_too_long({ max: 254 }) })
	.pipe(z.email({ error: () => m.errors_email_invalid() }));

const newPassword = z
	.string()
	.min(10, { error: () => m.errors_password_too_short() })
	.max(200, { error: () => m.errors_too_long({ max: 200 }) });

const name = z
	.string()
	.trim()
	.min(1, { error: () => m.errors_required() })
	.max(120, { error: () => m.errors_too_long({ max: 120 }) });

const phone = z
	.string()
	.trim()
	.max(30, { error: () => m.errors_too_long({ max: 30 }) })
	.regex(/^(\+?[0-9 ()-]{6,30})?$/, { error: () => m.errors_phone_invalid() });

export const language = z.enum(['da', 'en']);

export const signInSchema = z.object({
	email,
	password: z
		.string()
		.min(1, { error: () => m.errors_required() })
		.max(200, { error: () => m.errors_too_long({ max: 200 }) })
});

export const signUpSchema = z
	.object({ name, email, password: newPassword, passwordConfirm: z.string() })
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
		passwordConfirm: z.string()
	})
	.refine((v) => v.password === v.passwordConfirm, {
		path: ['passwordConfirm'],
		error: () => m.errors_password_mismatch()
	});

export const passwordResetSchema = z
	.object({ password: newPassword, passwordConfirm: z.string() })
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
