import { fail, redirect } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { emailOnlySchema } from '$lib/validation/account';
import { readForm, validateForm } from '$lib/forms';
import { refusalCodes, toFormErrors } from '$lib/server/errors';
import { signInWithPassword } from '$lib/server/sign-in';

/** The address a verification token was issued for, shown on the form and used to sign in. */
function emailOf(token: string): string {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		return typeof payload.email === 'string' ? payload.email : '';
	} catch {
		return '';
	}
}

// Opening the link changes nothing (a mail scanner opens every link): the address is confirmed by the
// form, with the account's password (docs/rules.md, "Account, feed and reminders").
export const load: PageServerLoad = async ({ params }) => {
	const email = emailOf(params.token);
	return { email, usable: email !== '' };
};

export const actions: Actions = {
	confirm: async ({ request, locals, params, cookies }) => {
		const password = String((await request.formData()).get('password') ?? '');
		if (!password) {
			return fail(400, { action: 'confirm' as const, errors: { fields: { password: m.errors_required() } } });
		}
		try {
			await locals.pb.send('/api/borgerhus/account/confirm', {
				method: 'POST',
				body: { token: params.token, password }
			});
		} catch (err) {
			const invalid = refusalCodes(err).includes('account_confirm_invalid');
			const status = err instanceof ClientResponseError && err.status === 429 ? 429 : 400;
			return fail(status, { action: 'confirm' as const, invalid, errors: toFormErrors(err) });
		}
		// confirmed: signed in with the same password, as on the sign-in page
		let home: string;
		try {
			home = await signInWithPassword(locals.pb, cookies, emailOf(params.token), password);
		} catch {
			// confirmed, but the sign-in itself did not go through (a limit): the sign-in page takes it
			redirect(303, '/log-ind');
		}
		redirect(303, home);
	},
	resend: async ({ request, locals }) => {
		const values = readForm(await request.formData());
		const checked = validateForm(emailOnlySchema, values);
		if (!checked.ok) return fail(400, { action: 'resend' as const, ...checked.failure });
		// Same answer whether or not the email has an account, so the form reveals nothing.
		await locals.pb
			.collection('users')
			.requestVerification(checked.data.email)
			.catch(() => {});
		return { action: 'resend' as const, resent: true as const };
	}
};
