import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { handOverData, readCitizenOr404 } from '$lib/server/desk';
import { myDataWords } from '$lib/overview/my-data-words.server';
import { getLocale } from '$lib/paraglide/runtime';

// A desk account's citizen cannot sign in to "Mine data", so staff show and print it for them at the desk
// (docs/rules.md, "Desk accounts and the take-over"). Reading it is an act, audited by PocketBase, so it is
// a form action, never a page load that a link's preloading could set off.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	const { citizen } = await readCitizenOr404(locals.pb, params.id);
	return { citizen };
};

export const actions: Actions = {
	default: async ({ locals, url, params }) => {
		requireStaff(locals, url);
		try {
			const data = await handOverData(locals.pb, params.id);
			return { words: myDataWords(data, getLocale() === 'en' ? 'en' : 'da') };
		} catch (err) {
			return fail(failureStatus(err), { errors: toFormErrors(err) });
		}
	}
};
