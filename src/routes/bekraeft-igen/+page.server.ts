import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { emailOnlySchema } from '$lib/validation/account';
import { readForm, validateForm } from '$lib/forms';

// Sends the verification mail again, offered where a sign-in was refused (docs/rules.md, "Staff pages and
// messages"). The answer is the same whether or not the address has an account or is confirmed already.
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(emailOnlySchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		await locals.pb
			.collection('users')
			.requestVerification(checked.data.email)
			.catch(() => {});
		return { resent: true as const, email: checked.data.email };
	}
};
