import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { accountSchema } from '$lib/validation/desk';
import { createDeskAccount } from '$lib/server/desk';

// A desk account for a citizen without email or smartphone (docs/rules.md, "Service at the desk").
export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	return {};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(accountSchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		let id: string;
		try {
			id = (await createDeskAccount(locals.pb, checked.data)).id;
		} catch (err) {
			return fail(failureStatus(err), { values: echoValues(values), errors: toFormErrors(err) });
		}
		redirect(303, `/personale/borgere/${id}`);
	}
};
