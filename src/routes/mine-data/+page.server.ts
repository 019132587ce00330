import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { deleteAccountSchema } from '$lib/validation/overview';
import { fetchMyData } from '$lib/overview/my-data.server';
import { myDataWords } from '$lib/overview/my-data-words.server';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	// in the reader's words (the data itself is the export, eksport.json)
	return { words: myDataWords(await fetchMyData(locals.pb), getLocale() === 'en' ? 'en' : 'da') };
};

export const actions: Actions = {
	// The whole deletion happens in one PocketBase transaction (pb_hooks/overview.pb.js): all or nothing.
	delete: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(deleteAccountSchema, values);
		if (!checked.ok) return fail(400, { action: 'delete' as const, ...checked.failure });
		try {
			await locals.pb.send('/api/borgerhus/account/delete', {
				method: 'POST',
				body: { password: checked.data.password }
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'delete' as const, values: {}, errors: toFormErrors(err) });
		}
		locals.pb.authStore.clear();
		redirect(303, '/mine-data/slettet');
	}
};
