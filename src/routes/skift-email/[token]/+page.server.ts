import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages';
import { emailChangeConfirmSchema } from '$lib/validation/account';
import { readForm, validateForm } from '$lib/forms';
import { toFormErrors, failureStatus } from '$lib/server/errors';

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(emailChangeConfirmSchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		try {
			await locals.pb.collection('users').confirmEmailChange(params.token, checked.data.password);
		} catch (err) {
			const errors = toFormErrors(err);
			if (errors.fields.token) errors.form = m.errors_link_expired();
			return fail(failureStatus(err), { values: {}, errors });
		}
		// PocketBase revokes existing sessions when the email changes; sign in again with the new one.
		locals.pb.authStore.clear();
		return { done: true as const };
	}
};
