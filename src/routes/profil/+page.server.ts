import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { emailChangeSchema, passwordChangeSchema, profileSchema } from '$lib/validation/account';
import { changedOnly, readForm, validateForm, echoValues, LOADED_FIELD, snapshotOf } from '$lib/forms';
import { toFormErrors, failureStatus } from '$lib/server/errors';
import { requireUser } from '$lib/server/guards';
import { rememberLanguage } from '$lib/server/language';
import { endSessionsOf } from '$lib/server/live/hub';
import { m } from '$lib/paraglide/messages';

/** The fields the profile form saves (its `_loaded` snapshot holds them as shown). */
const PROFILE_FIELDS = ['name', 'phone', 'language', 'notify_email', 'notify_reminders'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	const profile = {
		name: user.name,
		email: user.email,
		phone: user.phone,
		language: user.language || 'da',
		notify_email: user.notify_email,
		notify_reminders: user.notify_reminders
	};
	return {
		saved: url.searchParams.has('gemt'),
		profile,
		// what the form shows, so that a save sends only what was changed in it
		loaded: snapshotOf(profile, PROFILE_FIELDS)
	};
};

export const actions: Actions = {
	save: async ({ request, locals, url, cookies }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData(), ['notify_email', 'notify_reminders']);
		const checked = validateForm(profileSchema, values);
		if (!checked.ok) return fail(400, { action: 'save' as const, ...checked.failure });
		// only what was changed in the form: a language chosen meanwhile (/sprog, another tab) stays
		const changed = changedOnly(checked.data, values[LOADED_FIELD]);
		try {
			await locals.pb.collection('users').update(user.id, changed);
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'save' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		if (changed.language) rememberLanguage(cookies, changed.language);
		// Redirect, so the confirmation (and the whole page) shows in the language just chosen.
		redirect(303, '/profil?gemt=1');
	},

	password: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(passwordChangeSchema, values);
		if (!checked.ok) return fail(400, { action: 'password' as const, ...checked.failure });
		try {
			await locals.pb.collection('users').update(user.id, checked.data);
		} catch (err) {
			return fail(failureStatus(err), { action: 'password' as const, values: {}, errors: toFormErrors(err) });
		}
		// A new password revokes every session, this one included.
		locals.pb.authStore.clear();
		redirect(303, '/log-ind?changed=password');
	},

	signOutEverywhere: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		try {
			await locals.pb.send('/api/borgerhus/account/sign-out-everywhere', { method: 'POST' });
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'everywhere' as const,
				values: {},
				errors: toFormErrors(err)
			});
		}
		// every session token of the account has ended; the live streams in this process end with them
		endSessionsOf(user.id);
		locals.pb.authStore.clear();
		redirect(303, '/log-ind?changed=everywhere');
	},

	email: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(emailChangeSchema, values);
		if (!checked.ok) return fail(400, { action: 'email' as const, ...checked.failure });
		// the address the account has already: said plainly here (PocketBase refuses it too, in words of its own)
		if (checked.data.newEmail.toLowerCase() === user.email.toLowerCase()) {
			return fail(400, {
				action: 'email' as const,
				values: echoValues(values),
				errors: { fields: { newEmail: m.errors_email_same() } }
			});
		}
		try {
			await locals.pb.collection('users').requestEmailChange(checked.data.newEmail);
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'email' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		return { action: 'email' as const, sentTo: checked.data.newEmail };
	}
};
