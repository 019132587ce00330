import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { emailOnlySchema } from '$lib/validation/account';
import { readForm, validateForm, echoValues } from '$lib/forms';
import { toFormErrors } from '$lib/server/errors';
import { ClientResponseError } from 'pocketbase';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(emailOnlySchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		try {
			await locals.pb.collection('users').requestPasswordReset(checked.data.email);
		} catch (err) {
			// Only a rate limit or an outage is reported; an unknown email gets the same answer as a known one.
			if (
				err instanceof ClientResponseError &&
				(err.status === 429 || err.status === 0 || err.status >= 500)
			) {
				return fail(err.status || 503, { values: echoValues(values), errors: toFormErrors(err) });
			}
		}
		return { sent: true as const };
	}
};
