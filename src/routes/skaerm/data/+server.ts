import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { lobbyData } from '$lib/screens/screens.server';

// What the lobby screen polls (public data only).
export const GET: RequestHandler = async ({ locals }) => {
	return json(await lobbyData(locals.pb), { headers: { 'cache-control': 'no-store' } });
};
