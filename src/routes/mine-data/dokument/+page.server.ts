import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { fetchMyData } from '$lib/overview/my-data.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	return { data: await fetchMyData(locals.pb) };
};
