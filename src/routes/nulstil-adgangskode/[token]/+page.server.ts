import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages';
import { passwordResetSchema } from '$lib/validation/account';
import { readForm, validateForm } from '$lib/forms';
import { toFormErrors, failureStatus } from '$lib/server/errors';

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(passwordResetSchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		try {
			await locals.pb
				.collection('users')
				.confirmPasswordReset(params.token, checked.data.password, checked.data.passwordConfirm);
		} catch (err) {
			const errors = toFormErrors(err);
			// A bad or used token is reported on the token field; show it as a message about the link.
			if (errors.fields.token) errors.form = m.errors_link_expired();
			return fail(failureStatus(err), { values: {}, errors });
		}
		return { done: true as const };
	}
};
