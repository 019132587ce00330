import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { emailOnlySchema } from '$lib/validation/account';
import { readForm, validateForm } from '$lib/forms';

/** The address a (now confirmed) verification token was issued for, to fill in the sign-in form. */
function emailOf(token: string): string {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		return typeof payload.email === 'string' ? payload.email : '';
	} catch {
		return '';
	}
}

export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		await locals.pb.collection('users').confirmVerification(params.token);
		return { verified: true, email: emailOf(params.token) };
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
