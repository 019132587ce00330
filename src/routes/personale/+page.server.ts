import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	// Staff read through their own token; PocketBase's rules grant staff what they may see.
	const count = async (collection: string) =>
		(await locals.pb.collection(collection).getList(1, 1, { fields: 'id', skipTotal: false })).totalItems;
	const [users, rooms, titles, events] = await Promise.all([
		count('users'),
		count('rooms'),
		count('titles'),
		count('events')
	]);
	return { counts: { users, rooms, titles, events } };
};
