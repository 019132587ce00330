import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, randomIp } from '../helpers/pocketbase';
import { exhaustRawApi } from '../helpers/limits';
import { makeRoom } from './rooms-arrange';

// Many people behind one address (docs/performance.md, "Load from one address"): the reads the app makes
// for a page do not count against PocketBase's per-address limit, while the raw API, sign-in and writes
// from that address stay limited, and a limited request is answered 429 with Retry-After.

describe('load from one address', () => {
	it('answers a limited raw API call with 429 and Retry-After, and still serves 30 page loads from that address at once', async () => {
		const room = await makeRoom();
		const user = await createUser();
		const ip = randomIp();
		const signedIn = new AppSession(ip);
		expect((await signedIn.signIn(user.email, user.password)).status).toBe(303);

		const raw = await exhaustRawApi(ip);
		expect(raw.status).toBe(429);
		expect(Number(raw.retryAfter)).toBeGreaterThan(0);

		// The same address, now limited on the raw API, opens pages through the app: all are served.
		const paths = [`/lokaler/${room.slug}`, '/arrangementer', '/', '/bibliotek'];
		const loads = await Promise.all(
			Array.from({ length: 30 }, (_, i) => {
				const path = paths[i % paths.length] ?? '/';
				return i % 5 === 0 ? signedIn.get('/overblik') : new AppSession(ip).get(path);
			})
		);
		const statuses = await Promise.all(
			loads.map(async (response) => {
				await response.text();
				return response.status;
			})
		);
		expect(statuses).toEqual(Array.from({ length: 30 }, () => 200));
	});

	it('keeps the limit on sign-in through the app, answered 429 with Retry-After in the user language', async () => {
		const user = await createUser();
		const ip = randomIp();
		const session = new AppSession(ip);
		let last: Response | undefined;
		for (let i = 0; i < 11; i++) last = await session.signIn(user.email, 'wrong-password-123');
		expect(last?.status).toBe(429);
		expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await last?.text()).toContain('For mange forsøg');

		const base = new URL(session.base);
		const english = await fetch(new URL('/log-ind', base), {
			method: 'POST',
			headers: {
				origin: base.origin,
				accept: 'text/html',
				'accept-language': 'en',
				'content-type': 'application/x-www-form-urlencoded',
				'x-forwarded-for': ip
			},
			body: new URLSearchParams({ email: user.email, password: user.password }),
			redirect: 'manual'
		});
		expect(english.status).toBe(429);
		expect(Number(english.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await english.text()).toContain('Too many attempts');
	});
});
