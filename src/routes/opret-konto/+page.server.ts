import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUpSchema } from '$lib/validation/account';
import { readForm, validateForm, echoValues } from '$lib/forms';
import { toFormErrors, failureStatus } from '$lib/errors';
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
		try {
			await locals.pb.collection('users').create({
				name,
				email,
				password,
				passwordConfirm,
				emailVisibility: false,
				language: getLocale(),
				notify_email: true,
				notify_reminders: true
			});
		} catch (err) {
			return fail(failureStatus(err), { values: echoValues(values), errors: toFormErrors(err) });
		}
		// The account exists now; a failed mail can be sent again from the sign-in help, so it is not fatal.
		await locals.pb
			.collection('users')
			.requestVerification(email)
			.catch((err) => console.error('verification mail failed', err));
		return { done: true as const, email };
	}
};
