import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/guards';
import { fetchMyData } from '$lib/overview/my-data.server';

// "Mine data" as a JSON file: everything the house holds about the signed-in user.
export const GET: RequestHandler = async ({ locals, url }) => {
	requireUser(locals, url);
	const data = await fetchMyData(locals.pb);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="borgerhus-mine-data.json"',
			'cache-control': 'private, no-store'
		}
	});
};
