import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/guards';
import { fetchMyData } from '$lib/overview/my-data.server';

// "Mine data" as a JSON file: everything the house holds about the signed-in user, read with their token.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const data = await fetchMyData(locals.pb, user.id, new Date());
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="borgerhus-mine-data.json"',
			'cache-control': 'private, no-store'
		}
	});
};
