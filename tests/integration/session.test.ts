import { describe, expect, it } from 'vitest';
import { getTokenPayload } from 'pocketbase';
import { KEPT_SECONDS } from '$lib/offline';
import { AppSession } from '../helpers/app';
import { appWithoutPocketBase } from '../helpers/app-without-pocketbase';
import { createUser, guestClient, PASSWORD, systemClient } from '../helpers/pocketbase';

// The app reads the signed-in user's own record afresh on every request, with the session's token
// (src/hooks.server.ts): a revoked session loses access at once, a changed record counts at once, and
// the token is renewed only when it nears its end (docs/performance.md, "Reads").
async function signedIn(options: { staff?: boolean; name?: string } = {}) {
	const user = await createUser(options);
	const session = new AppSession();
	expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
	return { user, session };
}

/** The session's cookie with the record copy in it changed (a browser can send any cookie). */
function tampered(session: AppSession, change: (record: Record<string, unknown>) => void): string {
	const raw = session.cookie('pb_auth') ?? '';
	const value = JSON.parse(decodeURIComponent(raw)) as { token: string; record: Record<string, unknown> };
	change(value.record);
	return `pb_auth=${encodeURIComponent(JSON.stringify(value))}`;
}

describe('a signed-in session', () => {
	it('is signed out at the next request once the password changes', async () => {
		const { user, session } = await signedIn();
		expect((await session.get('/overblik')).status).toBe(200);
		const system = await systemClient();
		await system
			.collection('users')
			.update(user.record.id, { password: 'a-new-password-123', passwordConfirm: 'a-new-password-123' });
		const after = await session.get('/overblik');
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toContain('/log-ind');
	});

	it('is signed out at the next request once the account is gone', async () => {
		const { user, session } = await signedIn();
		expect((await session.get('/overblik')).status).toBe(200);
		await (await systemClient()).collection('users').delete(user.record.id);
		expect((await session.get('/overblik')).status).toBe(303);
	});

	it('loses the staff pages at the next request once staff is taken away, and keeps the citizen ones', async () => {
		const { user, session } = await signedIn({ staff: true });
		expect((await session.get('/personale')).status).toBe(200);
		await (await systemClient()).collection('users').update(user.record.id, { staff: false });
		expect((await session.get('/personale')).status).toBe(403);
		expect((await session.get('/overblik')).status).toBe(200);
	});

	it("acts as the token's user whatever the cookie's copy of the record says", async () => {
		const other = await createUser({ name: 'Anden Borger Cookie' });
		const { session } = await signedIn({ staff: true, name: 'Personale Cookie' });
		const cookie = tampered(session, (record) => {
			record.id = other.record.id;
			record.name = 'Anden Borger Cookie';
			record.staff = true;
		});
		const response = await fetch(new URL('/overblik', session.base), {
			headers: { cookie, accept: 'text/html', 'x-forwarded-for': session.ip },
			redirect: 'manual'
		});
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Personale Cookie');
		expect(html).not.toContain('Anden Borger Cookie');
	});

	it('stays signed in across requests with the same token while it is far from its end', async () => {
		const { session } = await signedIn();
		const token = JSON.parse(decodeURIComponent(session.cookie('pb_auth') ?? '')).token as string;
		for (let i = 0; i < 3; i++) expect((await session.get('/overblik')).status).toBe(200);
		// a token far from its end is kept, not minted anew on every request
		expect(JSON.parse(decodeURIComponent(session.cookie('pb_auth') ?? '')).token).toBe(token);
	});

	it("reads the user's own record and unread count in one request, for the token's user only", async () => {
		const user = await createUser({ name: 'Borger Session' });
		const system = await systemClient();
		await system
			.collection('notifications')
			.create({ user: user.record.id, kind: 'test', title: 'Hej', body: '' });
		const session = await user.pb.send<{ record: Record<string, unknown>; unread: number }>(
			'/api/borgerhus/session',
			{}
		);
		expect(session.unread).toBe(1);
		// as the records API gives the user their own record: the email shown, hidden fields never
		expect(session.record).toMatchObject({ id: user.record.id, name: 'Borger Session', email: user.email });
		expect(session.record).toEqual(await user.pb.collection('users').getOne(user.record.id));
		for (const hidden of ['password', 'tokenKey', 'calendar_token'])
			expect(session.record).not.toHaveProperty(hidden);
		await expect(guestClient().send('/api/borgerhus/session', {})).rejects.toMatchObject({ status: 401 });
		// a revoked token reads nothing
		await system
			.collection('users')
			.update(user.record.id, { password: 'a-new-password-123', passwordConfirm: 'a-new-password-123' });
		await expect(user.pb.send('/api/borgerhus/session', {})).rejects.toMatchObject({ status: 401 });
	});

	it('counts unread messages after a form action, not before it', async () => {
		const { user, session } = await signedIn();
		const system = await systemClient();
		const note = { user: user.record.id, kind: 'test', body: '' };
		const first = await system.collection('notifications').create({ ...note, title: 'Første' });
		await system.collection('notifications').create({ ...note, title: 'Anden' });
		expect(await (await session.get('/indbakke')).text()).toContain('2 ulæste beskeder');
		// without JavaScript the action's answer is the page itself: its badge counts after the change
		const answer = await session.post('/indbakke?/read', { id: first.id });
		expect(answer.status).toBe(200);
		const html = await answer.text();
		expect(html).toContain('1 ulæst besked');
		expect(html).not.toContain('2 ulæste beskeder');
		expect(await (await session.get('/overblik')).text()).toContain('1 ulæst besked');
	});
});

// Signing out everywhere (docs/rules.md, "Account, feed and reminders"): a new token key ends every session.
describe('signing out everywhere', () => {
	it("ends every session of the account, this one included, and no one else's", async () => {
		const { user, session } = await signedIn({ name: 'Glemte Gitte' });
		// the same account on the library's computer, a token copied from it, and someone else
		const elsewhere = new AppSession();
		expect((await elsewhere.signIn(user.email, PASSWORD)).status).toBe(303);
		const copied = guestClient();
		await copied.collection('users').authWithPassword(user.email, PASSWORD);
		const other = await signedIn();

		const page = await (await session.get('/profil')).text();
		expect(page).toContain('Log ud alle steder');
		const ended = await session.post('/profil?/signOutEverywhere', {});
		expect(ended.status).toBe(303);
		expect(ended.headers.get('location')).toBe('/log-ind?changed=everywhere');
		expect(ended.headers.get('clear-site-data')).toBe('"cache", "storage"');
		expect(await (await session.get('/log-ind?changed=everywhere')).text()).toContain(
			'Du er logget ud alle steder.'
		);

		const there = await elsewhere.get('/overblik');
		expect(there.status).toBe(303);
		expect(there.headers.get('location')).toMatch(/^\/log-ind/);
		expect(there.headers.get('clear-site-data')).toBe('"cache", "storage"');
		await expect(copied.collection('users').authRefresh()).rejects.toMatchObject({ status: 401 });
		expect((await other.session.get('/overblik')).status).toBe(200);
		// the password still works: signing in again starts a new session
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		expect((await session.get('/overblik')).status).toBe(200);
	});

	it('is for the signed-in account only: not for guests, not at the desk', async () => {
		const [citizen, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await expect(
			guestClient().send('/api/borgerhus/account/sign-out-everywhere', { method: 'POST' })
		).rejects.toMatchObject({ status: 401 });
		await expect(
			staff.pb.send('/api/borgerhus/account/sign-out-everywhere', {
				method: 'POST',
				headers: { 'X-Borgerhus-For': citizen.record.id }
			})
		).rejects.toMatchObject({ status: 403 });
		// the citizen's session is untouched by either
		await citizen.pb.collection('users').authRefresh();
		const guest = await new AppSession().post('/profil?/signOutEverywhere', {});
		expect(guest.status).toBe(303);
		expect(guest.headers.get('location')).toMatch(/^\/log-ind\?redirectTo=/);
	});
});

// A session that ends takes the pages kept for offline use with it (src/hooks.server.ts, docs/offline.md):
// the browser is told to clear them on the answer that ends it, whatever ends it.
describe('the pages kept for offline use', () => {
	const CLEAR = '"cache", "storage"';

	it('stay while the session lasts, and are cleared once when a revoked session reaches the app', async () => {
		const { user, session } = await signedIn();
		expect((await session.get('/overblik')).headers.get('clear-site-data')).toBeNull();
		await (
			await systemClient()
		)
			.collection('users')
			.update(user.record.id, { password: 'a-new-password-123', passwordConfirm: 'a-new-password-123' });
		const ended = await session.get('/overblik');
		expect(ended.status).toBe(303);
		expect(ended.headers.get('clear-site-data')).toBe(CLEAR);
		// the cookie went with it: the next answer is a guest's, with nothing to clear
		expect((await session.get('/')).headers.get('clear-site-data')).toBeNull();
	});

	it('are cleared when a lapsed session reaches the app: the cookie outlives its token by as long as pages are kept', async () => {
		const { user, session } = await signedIn();
		const signIn = await session.signIn(user.email, PASSWORD);
		const line = signIn.headers.getSetCookie().find((c) => c.startsWith('pb_auth='))!;
		const expires = Date.parse(/expires=([^;]+)/i.exec(line)![1]!);
		const { token } = JSON.parse(decodeURIComponent(session.cookie('pb_auth')!)) as { token: string };
		const exp = (getTokenPayload(token).exp as number) * 1000;
		// the browser drops a cookie at its expiry without asking the app: it must still be sent once the
		// token has lapsed, for as long as the service worker keeps pages (14 days)
		expect(expires - exp).toBe(KEPT_SECONDS * 1000);

		// a token that lapsed (a one-second token of the same user) still in the browser's cookie
		const system = await systemClient();
		const short = await system.collection('users').impersonate(user.record.id, 1);
		await new Promise((resolve) => setTimeout(resolve, 2100));
		const cookie = `pb_auth=${encodeURIComponent(JSON.stringify({ token: short.authStore.token, record: user.record }))}`;
		const lapsed = await fetch(new URL('/overblik', session.base), {
			headers: { cookie, accept: 'text/html', 'x-forwarded-for': session.ip },
			redirect: 'manual'
		});
		expect(lapsed.status).toBe(303);
		expect(lapsed.headers.get('location')).toMatch(/^\/log-ind/);
		expect(lapsed.headers.get('clear-site-data')).toBe(CLEAR);
		// and the cookie goes, so the next request is a guest's with nothing more to clear
		const deleted = lapsed.headers.getSetCookie().find((c) => c.startsWith('pb_auth='))!;
		expect(deleted).toMatch(/expires=thu, 01 jan 1970/i);
	});

	it('are cleared by a new password set in the profile, and not by a refused one', async () => {
		const { session } = await signedIn();
		const refused = await session.post('/profil?/password', {
			oldPassword: 'not-the-password',
			password: 'a-new-password-123',
			passwordConfirm: 'a-new-password-123'
		});
		expect(refused.status).toBe(400);
		expect(refused.headers.get('clear-site-data')).toBeNull();
		const changed = await session.post('/profil?/password', {
			oldPassword: PASSWORD,
			password: 'a-new-password-123',
			passwordConfirm: 'a-new-password-123'
		});
		expect(changed.status).toBe(303);
		expect(changed.headers.get('clear-site-data')).toBe(CLEAR);
	});

	it('are cleared when the account is deleted', async () => {
		const { session } = await signedIn();
		const deleted = await session.post('/mine-data?/delete', { password: PASSWORD });
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get('location')).toBe('/mine-data/slettet');
		expect(deleted.headers.get('clear-site-data')).toBe(CLEAR);
	});

	it('name whose they are, so a new version fetches them again only for the same person', async () => {
		const { user, session } = await signedIn();
		expect((await session.get('/overblik')).headers.get('x-borgerhus-user')).toBe(user.record.id);
		expect((await session.get('/arrangementer')).headers.get('x-borgerhus-user')).toBe(user.record.id);
		// a guest's answer says so, its page's data too (which SvelteKit makes private, as a signed-in one)
		for (const address of ['/arrangementer', '/arrangementer/__data.json']) {
			const guest = await new AppSession().get(address);
			expect(guest.status, address).toBe(200);
			expect(guest.headers.get('x-borgerhus-user'), address).toBe('-');
		}
	});

	it('are cleared by a sign-out made offline with the first request that reaches the app, for the person it names only', async () => {
		const { user, session } = await signedIn();
		// the mark the device leaves when it signs out offline (src/lib/offline.ts), beside the session's cookie
		const ask = (mark: string) =>
			fetch(new URL('/overblik', session.base), {
				headers: {
					cookie: `${session.cookieHeader()}; borgerhus_signed_out=${mark}`,
					accept: 'text/html',
					'x-forwarded-for': session.ip
				},
				redirect: 'manual'
			});
		const markGone = (response: Response) =>
			response.headers.getSetCookie().find((c) => c.startsWith('borgerhus_signed_out='));
		// a mark naming someone else ends nobody's session, and goes
		const other = await ask('someoneelse1234');
		expect(other.status).toBe(200);
		expect(other.headers.get('clear-site-data')).toBeNull();
		expect(markGone(other)).toMatch(/max-age=0|expires=thu, 01 jan 1970/i);
		// the person's own ends the session before the page is answered as theirs
		const ended = await ask(user.record.id);
		expect(ended.status).toBe(303);
		expect(ended.headers.get('location')).toMatch(/^\/log-ind/);
		expect(ended.headers.get('clear-site-data')).toBe(CLEAR);
		expect(ended.headers.getSetCookie().find((c) => c.startsWith('pb_auth='))).toMatch(
			/expires=thu, 01 jan 1970/i
		);
		expect(markGone(ended)).toMatch(/max-age=0|expires=thu, 01 jan 1970/i);
	});

	it('are cleared by signing out while PocketBase does not answer: signing out needs nothing of it', async () => {
		const { session } = await signedIn();
		const cookie = session.cookieHeader();
		// the same browser's cookie, sent to the app while its PocketBase is down (restarting, say)
		const app = await appWithoutPocketBase();
		try {
			const signOut = await fetch(new URL('/log-ud', app.origin), {
				method: 'POST',
				headers: {
					cookie,
					origin: app.origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: '',
				redirect: 'manual'
			});
			expect(signOut.status).toBe(303);
			expect(signOut.headers.get('clear-site-data')).toBe(CLEAR);
			const deleted = signOut.headers.getSetCookie().find((c) => c.startsWith('pb_auth='));
			expect(deleted).toMatch(/expires=thu, 01 jan 1970/i);
			// any other page still waits for PocketBase, and the session stays for when it is back
			const page = await fetch(new URL('/overblik', app.origin), {
				headers: { cookie, accept: 'text/html' },
				redirect: 'manual'
			});
			expect(page.status).toBe(503);
			expect(page.headers.get('clear-site-data')).toBeNull();
		} finally {
			await app.stop();
		}
	});

	it('are cleared when another account signs in on the same browser, not at a first sign-in', async () => {
		const first = await createUser();
		const second = await createUser();
		const session = new AppSession();
		const signedInFirst = await session.signIn(first.email, PASSWORD);
		expect(signedInFirst.status).toBe(303);
		expect(signedInFirst.headers.get('clear-site-data')).toBeNull();
		const again = await session.signIn(first.email, PASSWORD);
		expect(again.headers.get('clear-site-data')).toBeNull();
		const other = await session.signIn(second.email, PASSWORD);
		expect(other.status).toBe(303);
		expect(other.headers.get('clear-site-data')).toBe(CLEAR);
	});
});

// The privacy notice is rendered for its reader like any page: in their language, with their header.
describe('the privacy notice', () => {
	it("speaks the reader's language and shows who is signed in", async () => {
		const { session } = await signedIn({ name: 'Borger Privatliv' });
		const mine = await (await session.get('/privatliv')).text();
		expect(mine).toContain('Hvad huset gemmer om dig');
		expect(mine).toContain('Log ud');
		expect(mine).not.toContain('>Log ind<');

		const english = await fetch(new URL('/privatliv', session.base), {
			headers: { accept: 'text/html', 'accept-language': 'en-GB,en;q=0.8', 'x-forwarded-for': session.ip }
		});
		const html = await english.text();
		expect(html).toContain('<html lang="en"');
		expect(html).toContain('What the house keeps about you');
	});

	it('names every kind of data Mine data shows, the places signed in from and the staff’s log too', async () => {
		const page = await (await new AppSession().get('/privatliv')).text();
		for (const kind of [
			'dit lånerkort',
			'profilbillede',
			'sæsonansøgninger',
			'foreningens kontaktoplysninger',
			'logget ind fra',
			'en kode lavet af IP-adressen og browseren',
			'Personalets log'
		]) {
			expect(page).toContain(kind);
		}
	});

	it('tells how long the request log is kept, as PocketBase is set to keep it', async () => {
		const page = await (await new AppSession().get('/privatliv')).text();
		expect(page).toContain('Hver linje i loggen slettes efter 5 dage');
		const settings = await (await systemClient()).settings.getAll();
		expect(settings.logs).toMatchObject({ maxDays: 5, logIP: true });
	});
});
