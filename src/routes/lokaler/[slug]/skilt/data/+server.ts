import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { doorData } from '$lib/screens/screens.server';
import { followSlug } from '$lib/server/room-address';

// What a door sign polls (public data only). A sign shown under a former slug polls on at the room's
// address now.
export const GET: RequestHandler = async ({ locals, params, url, request }) => {
	const door = await doorData(locals.pb, params.slug);
	followSlug(params.slug, door.room.slug, { url, request });
	return json(door, { headers: { 'cache-control': 'no-store' } });
};
