import { guestClient } from './pocketbase';

/** Calls the raw API from `ip` until PocketBase limits it; returns that answer. */
export async function exhaustRawApi(ip: string): Promise<{ status: number; retryAfter: string | null }> {
	const pb = guestClient(ip);
	const url = pb.buildURL('/api/collections/rooms/records?perPage=1&fields=id');
	for (let round = 0; round < 40; round++) {
		const answers = await Promise.all(
			Array.from({ length: 50 }, () => fetch(url, { headers: { 'x-forwarded-for': ip } }))
		);
		for (const answer of answers) await answer.arrayBuffer();
		const limited = answers.find((a) => a.status === 429);
		if (limited) return { status: limited.status, retryAfter: limited.headers.get('retry-after') };
	}
	return { status: 200, retryAfter: null };
}
