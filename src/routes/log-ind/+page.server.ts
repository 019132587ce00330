import { fail, redirect } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { signInSchema } from '$lib/validation/account';
import { readForm, validateForm, echoValues } from '$lib/forms';
import { toFormErrors } from '$lib/server/errors';
import { safeRedirectTarget } from '$lib/server/guards';
import { homeOf, signInWithPassword } from '$lib/server/sign-in';

export const load: PageServerLoad = ({ locals, url }) => {
	const asked = url.searchParams.get('redirectTo');
	if (locals.user) redirect(303, safeRedirectTarget(asked, homeOf(locals.user)));
	// no target asked for: the action sends each person home (staff to the back office)
	const changed = url.searchParams.get('changed');
	return {
		redirectTo: asked ? safeRedirectTarget(asked) : '',
		askedToSignIn: url.searchParams.has('redirectTo'),
		// why the session just ended, when the person ended it themselves (profile page)
		ended: changed === 'password' || changed === 'everywhere' ? changed : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(signInSchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		let home: string;
		try {
			home = await signInWithPassword(locals.pb, cookies, checked.data.email, checked.data.password);
		} catch (err) {
			// PocketBase answers 400 for a wrong password, an unknown email and an unverified account alike.
			const tooMany = err instanceof ClientResponseError && err.status === 429;
			const form = tooMany ? m.errors_too_many_attempts() : m.errors_invalid_credentials();
			const status = tooMany ? 429 : 400;
			if (!(err instanceof ClientResponseError) || err.status >= 500 || err.status === 0) {
				return fail(503, { values: echoValues(values), errors: toFormErrors(err) });
			}
			return fail(status, { values: echoValues(values), errors: { form, fields: {} } });
		}
		const asked = String(values.redirectTo || url.searchParams.get('redirectTo') || '');
		redirect(303, safeRedirectTarget(asked, home));
	}
};
