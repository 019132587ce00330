import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { saveTitle } from '$lib/library/catalogue.server';

export const load: PageServerLoad = ({ locals, url }) => {
	requireStaff(locals, url);
	return {};
};

export const actions: Actions = { save: (event) => saveTitle(event) };
