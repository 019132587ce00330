import { guestClient } from './pocketbase';

/**
 * Calls the raw API from `ip` as a guest until PocketBase limits it; returns that answer. By default a GET
 * of rooms; with `path` and POST, a collection's creates (each refused, nothing written), which share
 * their bucket with a signed-in user's creates unless a rule of the collection's own applies to them.
 */
export async function exhaustRawApi(
	ip: string,
	path = '/api/collections/rooms/records?perPage=1&fields=id',
	method: 'GET' | 'POST' = 'GET'
): Promise<{ status: number; retryAfter: string | null }> {
	const pb = guestClient(ip);
	const url = pb.buildURL(path);
	const init: RequestInit =
		method === 'POST'
			? { method, headers: { 'x-forwarded-for': ip, 'content-type': 'application/json' }, body: '{}' }
			: { headers: { 'x-forwarded-for': ip } };
	for (let round = 0; round < 40; round++) {
		const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(url, init)));
		for (const answer of answers) await answer.arrayBuffer();
		const limited = answers.find((a) => a.status === 429);
		if (limited) return { status: limited.status, retryAfter: limited.headers.get('retry-after') };
	}
	return { status: 200, retryAfter: null };
}
