import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { EventSource } from 'eventsource';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, PASSWORD } from '../helpers/pocketbase';

/** Opens /live through the app as the session's user and collects the change events. */
async function listen(session: AppSession, collections: string) {
	const cookie = session.cookieHeader();
	const changes: Array<{ collection: string; action: string; id: string }> = [];
	const source = new EventSource(`${inject('appUrl')}/live?c=${collections}`, {
		fetch: (input, init) =>
			fetch(input, { ...init, headers: { ...init?.headers, cookie, 'x-forwarded-for': session.ip } })
	});
	await new Promise<void>((resolve, reject) => {
		source.addEventListener('ready', () => resolve());
		source.addEventListener('error', () => reject(new Error('live stream failed')));
	});
	source.addEventListener('change', (e) => changes.push(JSON.parse(e.data)));
	return { changes, close: () => source.close() };
}

async function until(check: () => boolean, timeoutMs = 5_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe('/live: realtime with the user own rights', () => {
	it('tells a user about their own new notification, and another user nothing', async () => {
		const alice = await createUser();
		const bob = await createUser();
		const aliceSession = new AppSession();
		const bobSession = new AppSession();
		await aliceSession.signIn(alice.email, PASSWORD);
		await bobSession.signIn(bob.email, PASSWORD);
		const aliceLive = await listen(aliceSession, 'notifications');
		const bobLive = await listen(bobSession, 'notifications');

		const system = await systemClient();
		const created = await system
			.collection('notifications')
			.create({ user: alice.record.id, kind: 'test', title: 'Hej', body: 'Til Alice' });

		await until(() => aliceLive.changes.length > 0);
		expect(aliceLive.changes[0]).toEqual({ collection: 'notifications', action: 'create', id: created.id });
		// Give Bob's stream the same chance to (wrongly) hear it.
		await new Promise((r) => setTimeout(r, 300));
		expect(bobLive.changes).toEqual([]);
		aliceLive.close();
		bobLive.close();
	});

	it('refuses bad collection lists', async () => {
		const session = new AppSession();
		expect((await session.get('/live?c=')).status).toBe(400);
		expect((await session.get('/live?c=users;drop')).status).toBe(400);
		expect((await session.get('/live?c=a,b,c,d,e,f,g,h,i')).status).toBe(400);
	});
});
