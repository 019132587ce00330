import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';
import { language as languageSchema } from '$lib/validation/account';
import { rememberLanguage } from '$lib/server/language';
import { safeRedirectTarget } from '$lib/server/guards';

/** Switches the language: the cookie for everyone, and the profile too when signed in. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	// a form is all this takes; anything else is bad input, not a failure of the server
	const form = await request.formData().catch(() => error(400, m.errors_invalid_value()));
	const parsed = languageSchema.safeParse(form.get('language'));
	const target = safeRedirectTarget(String(form.get('redirectTo') ?? ''), '/');
	if (parsed.success) {
		rememberLanguage(cookies, parsed.data);
		if (locals.user) {
			await locals.pb
				.collection('users')
				.update(locals.user.id, { language: parsed.data })
				.catch(() => {}); // the cookie already holds the choice; the profile is a convenience
		}
	}
	redirect(303, target);
};
