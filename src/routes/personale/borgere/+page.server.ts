import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { searchCitizens, type DeskCitizen } from '$lib/server/desk';

// Find a citizen at the desk (docs/rules.md, "Service at the desk"): a staff-only route of PocketBase
// searches names, emails, phone numbers and library card numbers.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	let results: DeskCitizen[] | null = null;
	if (q.length >= 2) results = (await searchCitizens(locals.pb, q)).items;
	return { q, results, deleted: url.searchParams.has('slettet') };
};
