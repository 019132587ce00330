import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { name: user.name };
};
