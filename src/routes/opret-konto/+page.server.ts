import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUpSchema } from '$lib/validation/account';
import { readForm, validateForm, echoValues } from '$lib/forms';
import { toFormErrors, failureStatus } from '$lib/server/errors';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/overblik');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(signUpSchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		const { name, email, password, passwordConfirm } = checked.data;
		// One answer for a new address and a taken one: the mail tells the owner which (docs/rules.md, "Accounts").
		try {
			await locals.pb.send('/api/borgerhus/account/signup', {
				method: 'POST',
				body: { name, email, password, passwordConfirm, language: getLocale() }
			});
		} catch (err) {
			return fail(failureStatus(err), { values: echoValues(values), errors: toFormErrors(err) });
		}
		return { done: true as const, email };
	}
};
