import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { doorData } from '$lib/screens/screens.server';

// What a door sign polls (public data only).
export const GET: RequestHandler = async ({ locals, params }) => {
	return json(await doorData(locals.pb, params.slug), { headers: { 'cache-control': 'no-store' } });
};
