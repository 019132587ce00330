import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { fetchMyData } from '$lib/overview/my-data.server';
import { myDataWords } from '$lib/overview/my-data-words.server';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	return { words: myDataWords(await fetchMyData(locals.pb), getLocale() === 'en' ? 'en' : 'da') };
};
