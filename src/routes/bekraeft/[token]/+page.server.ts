import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { emailOnlySchema } from '$lib/validation/account';
import { readForm, validateForm } from '$lib/forms';

export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		await locals.pb.collection('users').confirmVerification(params.token);
		return { verified: true };
	} catch {
		return { verified: false };
	}
};

export const actions: Actions = {
	resend: async ({ request, locals }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(emailOnlySchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		// Same answer whether or not the email has an account, so the form reveals nothing.
		await locals.pb
			.collection('users')
			.requestVerification(checked.data.email)
			.catch(() => {});
		return { resent: true as const };
	}
};
