import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, guestClient, PASSWORD, systemClient, uniqueEmail } from '../helpers/pocketbase';
import { linkFrom, waitForMail } from '../helpers/mail';
import { outcome } from '../helpers/scenarios';
import { stack } from '../helpers/stack';
import { arrange, inHours } from './overview-arrange';
import { arrangeEvent, createVolunteer, statusOf } from './events-helpers';

async function userWithData() {
	const a = await arrange();
	const user = await createUser({ name: 'Data Ejer' });
	await a.system
		.collection('users')
		.update(user.record.id, { phone: '+45 12 34 56 78', notify_reminders: true });
	const assoc = await a.association([user.record.id]);
	const room = await a.room();
	const future = await a.booking({
		booker: user.record.id,
		room: room.id,
		start: inHours(24 * 5),
		end: inHours(24 * 5 + 2),
		purpose: 'Fødselsdag for Data Ejer'
	});
	const past = await a.booking({
		booker: user.record.id,
		room: room.id,
		start: inHours(-24 * 5),
		end: inHours(-24 * 5 + 2),
		purpose: 'Privat middag'
	});
	const title = await a.title();
	const hold = await a.hold({ patron: user.record.id, title: title.id });
	const event = await a.event();
	// one place: the user is confirmed, the next volunteer waits
	const shift = await a.shift({
		event: event.id,
		start: inHours(24 * 6),
		end: inHours(24 * 6 + 3),
		places: 1
	});
	const signup = await a.signup({ shift: shift.id, user: user.record.id });
	// a volunteer: only one who has accepted the volunteer terms moves up from the waitlist
	const next = await createUser({ name: 'Næste Frivillig' });
	await next.pb.collection('users').update(next.record.id, { volunteer_terms_at: new Date() });
	const waiting = await a.signup({ shift: shift.id, user: next.record.id, status: 'waitlisted' });
	const registration = await a.registration({ event: event.id, user: user.record.id });
	const note = await a.system
		.collection('notifications')
		.create({ user: user.record.id, kind: 'test', title: 'Hej Data Ejer', body: 'Personlig besked' });
	return {
		a,
		user,
		assoc,
		room,
		future,
		past,
		title,
		hold,
		shift,
		signup,
		next,
		waiting,
		registration,
		note
	};
}

describe('Mine data: see and export everything', () => {
	it('exports the user’s data as JSON and as a readable document, and nobody else’s', async () => {
		const s = await userWithData();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const response = await session.get('/mine-data/eksport.json');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(/attachment/);
		const data = await response.json();
		expect(data.profile).toMatchObject({ name: 'Data Ejer', email: s.user.email, phone: '+45 12 34 56 78' });
		expect(data.memberships).toEqual([expect.objectContaining({ association: s.assoc.name, role: 'admin' })]);
		expect(data.bookings.map((b: { id: string }) => b.id).sort()).toEqual([s.future.id, s.past.id].sort());
		expect(data.holds).toEqual([expect.objectContaining({ id: s.hold.id, title: s.title.title })]);
		expect(data.signups).toEqual([expect.objectContaining({ id: s.signup.id, task: s.shift.task })]);
		expect(data.registrations).toEqual([expect.objectContaining({ id: s.registration.id })]);
		expect(data.notifications).toEqual([expect.objectContaining({ title: 'Hej Data Ejer' })]);
		expect(JSON.stringify(data)).not.toContain('Næste Frivillig');
		expect(JSON.stringify(data)).not.toContain(s.next.email);

		const page = await (await session.get('/mine-data')).text();
		expect(page).toContain('Fødselsdag for Data Ejer');
		expect(page).toContain('/profil');
		const document = await session.get('/mine-data/dokument');
		expect(document.status).toBe(200);
		expect(await document.text()).toContain(s.shift.task);

		const other = new AppSession();
		await other.signIn(s.next.email, PASSWORD);
		const theirs = await (await other.get('/mine-data/eksport.json')).json();
		expect(theirs.profile.email).toBe(s.next.email);
		expect(JSON.stringify(theirs)).not.toContain('Data Ejer');
		expect((await new AppSession().get('/mine-data/eksport.json')).status).toBe(303);
	});
});

describe('deleting an account', () => {
	it('says before the deletion everything it deletes, the library card and the places signed in from too', async () => {
		const user = await createUser();
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const page = await (await session.get('/mine-data')).text();
		for (const gone of [
			'dit lånerkort',
			'dit profilbillede',
			'din accept af frivilligvilkårene',
			'de steder, du har logget ind fra',
			'invitationer, der venter på din e-mail'
		]) {
			expect(page).toContain(gone);
		}
	});

	it('refuses a wrong password and changes nothing', async () => {
		const s = await userWithData();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const response = await session.post('/mine-data?/delete', { password: 'not-the-password' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Adgangskoden er forkert.');
		const user = await s.a.system.collection('users').getOne(s.user.record.id);
		expect(user).toMatchObject({ name: 'Data Ejer', deleted_at: '' });
		expect((await s.a.system.collection('bookings').getOne(s.future.id)).status).toBe('approved');
		expect((await s.a.system.collection('signups').getOne(s.signup.id)).status).toBe('confirmed');
		await expect(
			guestClient().send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } })
		).rejects.toMatchObject({ status: 401 });
	});

	it('releases the future, anonymises the past and stops sign-in, all in one go', async () => {
		const s = await userWithData();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const response = await session.post('/mine-data?/delete', { password: PASSWORD });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/mine-data/slettet');
		const goodbye = await (await session.get('/mine-data/slettet')).text();
		expect(goodbye).toContain('statistik');

		const system = s.a.system;
		const user = await system.collection('users').getOne(s.user.record.id);
		expect(user.name).toBe('Slettet bruger');
		expect(user.phone).toBe('');
		expect(user.email).not.toBe(s.user.email);
		expect(user.deleted_at).not.toBe('');

		const future = await system.collection('bookings').getOne(s.future.id);
		expect(future.status).toBe('cancelled');
		const past = await system.collection('bookings').getOne(s.past.id);
		expect(past.status).toBe('approved'); // kept for statistics
		expect(past.purpose).toBe(''); // without the personal text
		expect((await system.collection('holds').getOne(s.hold.id)).status).toBe('cancelled');
		const signup = await system.collection('signups').getOne(s.signup.id);
		expect(signup.status).toBe('cancelled');
		expect(signup.cancelled_at).not.toBe('');
		// The released place went to the first on the waitlist, in the same transaction.
		expect((await system.collection('signups').getOne(s.waiting.id)).status).toBe('confirmed');
		expect((await system.collection('registrations').getOne(s.registration.id)).status).toBe('cancelled');
		await expect(system.collection('notifications').getOne(s.note.id)).rejects.toMatchObject({ status: 404 });
		const memberships = await system
			.collection('memberships')
			.getFullList({ filter: system.filter('user = {:u}', { u: s.user.record.id }) });
		expect(memberships).toEqual([]);

		// sign-in stops, and the old session and API token are dead
		await expect(
			guestClient().collection('users').authWithPassword(s.user.email, PASSWORD)
		).rejects.toMatchObject({ status: 400 });
		expect((await session.get('/overblik')).status).toBe(303);
		await expect(s.user.pb.collection('bookings').getList(1, 1)).resolves.toMatchObject({ items: [] });
		await expect(s.user.pb.collection('users').authRefresh()).rejects.toMatchObject({ status: 401 });
		const again = new AppSession();
		expect((await again.signIn(s.user.email, PASSWORD)).status).toBe(400);
	});

	it('is all or nothing: when the last step fails, the releases before it are rolled back', async () => {
		const s = await userWithData();
		// Stands in for any failing step: an account (only the system account can make one in that
		// domain) already holds the address the deleted account would get, so the final save of the
		// user fails after the bookings, holds and sign-ups were released inside the transaction.
		await s.a.system.collection('users').create({
			email: `deleted-${s.user.record.id}@borgerhus.invalid`,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Optager adressen',
			verified: true
		});
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const response = await session.post('/mine-data?/delete', { password: PASSWORD });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Kontoen kunne ikke slettes, og intet er ændret');

		const system = s.a.system;
		expect(await system.collection('users').getOne(s.user.record.id)).toMatchObject({
			name: 'Data Ejer',
			email: s.user.email,
			deleted_at: ''
		});
		expect((await system.collection('bookings').getOne(s.future.id)).status).toBe('approved');
		expect((await system.collection('bookings').getOne(s.past.id)).purpose).toBe('Privat middag');
		expect((await system.collection('holds').getOne(s.hold.id)).status).toBe('waiting');
		expect((await system.collection('signups').getOne(s.signup.id)).status).toBe('confirmed');
		expect((await system.collection('notifications').getOne(s.note.id)).title).toBe('Hej Data Ejer');
		expect((await session.get('/overblik')).status).toBe(200);
	});

	it('keeps the deleted accounts’ address domain out of reach of sign-up', async () => {
		const guest = guestClient();
		for (const email of ['deleted-abcdefghijklmno@borgerhus.invalid', 'Desk-Abc@Borgerhus.Invalid']) {
			await expect(
				guest.send('/api/borgerhus/account/signup', {
					method: 'POST',
					body: { email, password: PASSWORD, passwordConfirm: PASSWORD, name: 'Optager' }
				})
			).rejects.toMatchObject({
				status: 400,
				response: { data: { email: { code: 'validation_invalid_email' } } }
			});
		}
		const system = await systemClient();
		expect(
			await system.collection('users').getList(1, 1, { filter: 'email:lower = "desk-abc@borgerhus.invalid"' })
		).toMatchObject({ totalItems: 0 });
	});
	it('releases a waitlist place also of a shift or event already begun, so a later move never promotes it', async () => {
		const system = await systemClient();
		const { event, shift } = await arrangeEvent({ places: 1, capacity: 1 });
		const [first, waiting] = await Promise.all([createVolunteer(), createVolunteer()]);
		const confirmed = await first.pb.collection('signups').create({ shift: shift.id, user: first.record.id });
		const queued = await waiting.pb
			.collection('signups')
			.create({ shift: shift.id, user: waiting.record.id });
		await first.pb.collection('registrations').create({ event: event.id, user: first.record.id });
		const ticket = await waiting.pb
			.collection('registrations')
			.create({ event: event.id, user: waiting.record.id });
		expect([confirmed.status, queued.status, ticket.status]).toEqual([
			'confirmed',
			'waitlisted',
			'waitlisted'
		]);
		// the event began an hour ago
		const began = {
			start: new Date(Date.now() - 3600_000).toISOString(),
			end: new Date(Date.now() + 3600_000).toISOString()
		};
		await system.collection('events').update(event.id, began);
		await system.collection('shifts').update(shift.id, began);
		await waiting.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
		expect(await statusOf('signups', queued.id)).toBe('cancelled');
		expect(await statusOf('registrations', ticket.id)).toBe('cancelled');
		// moved to next week and a place freed: nobody deleted is moved up
		const later = {
			start: new Date(Date.now() + 7 * 86_400_000).toISOString(),
			end: new Date(Date.now() + 7 * 86_400_000 + 3600_000).toISOString()
		};
		await system.collection('events').update(event.id, later);
		await system.collection('shifts').update(shift.id, later);
		await first.pb.collection('signups').update(confirmed.id, { status: 'cancelled' });
		expect(await statusOf('signups', queued.id)).toBe('cancelled');
	});
});

describe('an account and other writes to it at the same moment', () => {
	/** The user's row as stored, hidden fields included. */
	async function stored(id: string) {
		return (await systemClient()).collection('users').getOne(id);
	}

	it('keeps neither the picture nor the library card of a deleted account', async () => {
		const user = await createUser({ name: 'Billede Ejer' });
		const system = await systemClient();
		const picture = new FormData();
		// a 1x1 PNG
		const png = Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
			'base64'
		);
		picture.append('avatar', new Blob([png], { type: 'image/png' }), 'mig.png');
		picture.append('library_card', `${Date.now()}`.slice(-12));
		const before = await system.collection('users').update(user.record.id, picture);
		expect(before.avatar).not.toBe('');
		const fileUrl = system.files.getURL(before, before.avatar);
		expect((await fetch(fileUrl)).status).toBe(200);

		await user.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
		const after = await stored(user.record.id);
		expect([after.avatar, after.library_card, after.deleted_at !== '']).toEqual(['', '', true]);
		expect((await fetch(fileUrl)).status).toBe(404);
	});

	it('a profile save during the deletion does not bring the account back', { timeout: 120_000 }, async () => {
		for (let round = 0; round < 3; round++) {
			const s = await userWithData();
			// more to release, so the deletion's transaction lasts a while
			for (let i = 0; i < 15; i++) {
				await s.a.booking({
					booker: s.user.record.id,
					room: s.room.id,
					start: inHours(24 * 8 + i * 3),
					end: inHours(24 * 8 + i * 3 + 1),
					purpose: `Møde ${i}`
				});
			}
			await s.user.pb.send('/api/borgerhus/calendar/renew', { method: 'POST' });
			const deletion = s.user.pb.send('/api/borgerhus/account/delete', {
				method: 'POST',
				body: { password: PASSWORD }
			});
			// profile saves every few milliseconds while the deletion runs: some load the row before it commits
			const saves: Promise<unknown>[] = [];
			for (let i = 0; i < 40; i++) {
				saves.push(
					s.user.pb
						.collection('users')
						.update(s.user.record.id, { name: `Nyt navn ${i}` })
						.then(
							() => 200,
							(err: { status: number }) => err.status
						)
				);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			await deletion;
			const statuses = await Promise.all(saves);
			const user = await stored(s.user.record.id);
			expect([user.name, user.phone, user.calendar_token, user.deleted_at !== '']).toEqual([
				'Slettet bruger',
				'',
				'',
				true
			]);
			expect(user.email).toBe(`deleted-${s.user.record.id}@borgerhus.invalid`);
			// each save was made before the deletion (then anonymised by it) or refused after
			for (const status of statuses) expect([200, 400, 401, 404]).toContain(status);
			await expect(
				guestClient().collection('users').authWithPassword(s.user.email, PASSWORD)
			).rejects.toMatchObject({ status: 400 });
		}
	});

	it('a profile save and a revoked calendar address both hold', { timeout: 120_000 }, async () => {
		const user = await createUser();
		for (let round = 0; round < 30; round++) {
			await user.pb.send('/api/borgerhus/calendar/renew', { method: 'POST' });
			const name = `Navn ${round}`;
			await Promise.all([
				user.pb.send('/api/borgerhus/calendar/revoke', { method: 'POST' }),
				user.pb.collection('users').update(user.record.id, { name })
			]);
			const row = await stored(user.record.id);
			expect([row.name, row.calendar_token]).toEqual([name, '']);
		}
	});
});

// PocketBase's confirm routes load the account, hash the new password, then save: the save writes only the
// fields it changed onto the row as it stands (docs/rules.md, "Account, feed and reminders"). Each race runs
// several rounds with the second write sent a little later each round, so some rounds meet the hash.
describe('a mailed link confirmed while another write changes the account', () => {
	const NEW_PASSWORD = 'nyt-kodeord-12345';
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	/** Sets the bcrypt cost of the users' passwords (the test stack hashes at 4, production at 10). */
	async function hashCost(cost: number) {
		const system = await systemClient();
		const users = await system.collections.getOne('users');
		await system.collections.update('users', {
			fields: users.fields.map((field) => (field.name === 'password' ? { ...field, cost } : field))
		});
	}
	// at production's cost the hash takes as long as it does for the house, so the other write meets it
	beforeAll(() => hashCost(10));
	afterAll(() => hashCost(4));

	/** The token of the newest password link mailed to `address` (a new password's, or a take-over's). */
	async function resetToken(address: string) {
		const mail = await waitForMail(stack().mailDir, address, /adgangskode|Din konto i Borgerhus er klar/i);
		return new URL(linkFrom(mail, '/nulstil-adgangskode/')).pathname.split('/').at(-1)!;
	}

	function confirmReset(token: string, password = NEW_PASSWORD) {
		return outcome(guestClient().collection('users').confirmPasswordReset(token, password, password));
	}

	async function feedStatus(token: string) {
		const response = await fetch(`${stack().pbUrl}/api/borgerhus/calendar/feed`, {
			headers: { 'X-Feed-Token': token }
		});
		return response.status;
	}

	it('a calendar address renewed meanwhile stays renewed', { timeout: 180_000 }, async () => {
		let renewals = 0;
		for (let round = 0; round < 14; round++) {
			const user = await createUser({ name: `Nulstil ${round}` });
			const first = await user.pb.send<{ token: string }>('/api/borgerhus/calendar/renew', {
				method: 'POST'
			});
			await guestClient().collection('users').requestPasswordReset(user.email);
			const token = await resetToken(user.email);
			const [confirmed, renewed] = await Promise.all([
				confirmReset(token),
				sleep(round * 2).then(() =>
					outcome(user.pb.send<{ token: string }>('/api/borgerhus/calendar/renew', { method: 'POST' }))
				)
			]);
			expect(confirmed.status, `round ${round}`).toBe(200);
			// the new password ends the session: a renewal after it is refused, one before it holds
			if (renewed.status !== 200) continue;
			const second = (renewed.body as { token: string }).token;
			renewals++;
			expect
				.soft([await feedStatus(first.token), await feedStatus(second)], `round ${round}`)
				.toEqual([404, 200]);
		}
		// the renewal met the confirmation in some rounds: otherwise nothing was tried
		expect(renewals).toBeGreaterThan(0);
	});

	it('a library card set at the desk meanwhile stays set', { timeout: 180_000 }, async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true, name: 'Skranke' });
		for (let round = 0; round < 8; round++) {
			const user = await createUser({ name: `Kort ${round}` });
			await guestClient().collection('users').requestPasswordReset(user.email);
			const token = await resetToken(user.email);
			const card = `${Date.now()}`.slice(-8) + round;
			const [confirmed, set] = await Promise.all([
				confirmReset(token),
				sleep(round * 6).then(() =>
					outcome(
						staff.pb.send(`/api/borgerhus/desk/citizens/${user.record.id}/card`, {
							method: 'POST',
							body: { library_card: card }
						})
					)
				)
			]);
			expect([confirmed.status, set.status], `round ${round}`).toEqual([200, 200]);
			const row = await system.collection('users').getOne(user.record.id);
			expect.soft(row.library_card, `round ${round}`).toBe(card);
			// and the new password is the account's
			const signIn = outcome(guestClient().collection('users').authWithPassword(user.email, NEW_PASSWORD));
			expect.soft((await signIn).status, `round ${round}`).toBe(200);
		}
	});

	it('a take-over corrected meanwhile keeps the corrected address', { timeout: 180_000 }, async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true, name: 'Skranke' });
		const STRANGER = 'fremmed-kode-12345';
		let corrections = 0;
		for (let round = 0; round < 12; round++) {
			const account = await staff.pb.send<{ id: string }>('/api/borgerhus/desk/accounts', {
				method: 'POST',
				body: { name: `Tove ${round}`, phone: '22113344' }
			});
			const mistyped = uniqueEmail('forkert');
			const corrected = uniqueEmail('rettet');
			const takeover = `/api/borgerhus/desk/citizens/${account.id}/takeover`;
			await staff.pb.send(takeover, { method: 'POST', body: { email: mistyped } });
			// whoever owns the mistyped mailbox follows its link while staff correct the address
			const token = await resetToken(mistyped);
			// the correction starts first in the early rounds, the confirmation in the later ones
			const lead = (round - 6) * 6;
			const [confirmed, again] = await Promise.all([
				sleep(Math.max(0, -lead)).then(() => confirmReset(token, STRANGER)),
				sleep(Math.max(0, lead)).then(() =>
					outcome(staff.pb.send(takeover, { method: 'POST', body: { email: corrected } }))
				)
			]);
			expect([200, 400], `round ${round}`).toContain(confirmed.status);
			// confirmed first: the address is verified and the take-over is done, so it cannot be corrected
			if (again.status !== 200) continue;
			corrections++;
			const row = await system.collection('users').getOne(account.id);
			expect.soft([row.email, row.verified], `round ${round}`).toEqual([corrected, false]);
			for (const address of [mistyped, corrected]) {
				const signIn = await outcome(guestClient().collection('users').authWithPassword(address, STRANGER));
				expect.soft(signIn.status, `round ${round}, ${address}`).toBe(400);
			}
			// the link mailed to the corrected address is the one that works
			expect.soft((await confirmReset(await resetToken(corrected))).status, `round ${round}`).toBe(200);
		}
		expect(corrections).toBeGreaterThan(0);
	});
});

describe('password checks made with a session', () => {
	const wrongOld = (pb: import('pocketbase').default, id: string, oldPassword: string) =>
		pb
			.collection('users')
			.update(id, { oldPassword, password: 'ein-neues-kodeord-1', passwordConfirm: 'ein-neues-kodeord-1' })
			.then(
				() => ({ status: 200, code: '', retry: null as string | null }),
				(err: { status: number; response: { data?: Record<string, { code?: string }> } }) => ({
					status: err.status,
					code: Object.values(err.response.data ?? {})[0]?.code ?? '',
					retry: null as string | null
				})
			);
	const deletion = async (pb: import('pocketbase').default, password: string) => {
		const answer = await fetch(`${pb.baseURL}/api/borgerhus/account/delete`, {
			method: 'POST',
			headers: { authorization: pb.authStore.token, 'content-type': 'application/json' },
			body: JSON.stringify({ password })
		});
		const body = (await answer.json()) as { data?: Record<string, { code?: string }> };
		return {
			status: answer.status,
			code: Object.values(body.data ?? {})[0]?.code ?? '',
			retry: answer.headers.get('retry-after')
		};
	};

	it('count wrong passwords per account, from any address, and refuse further checks for a while', async () => {
		const user = await createUser();
		const other = await createUser();
		const system = await systemClient();
		// four wrong passwords, then the right one: the count starts again
		for (let i = 0; i < 3; i++)
			expect((await wrongOld(user.pb, user.record.id, `feil-${i}-kodeord`)).status).toBe(400);
		expect((await deletion(user.pb, 'stadig-forkert')).status).toBe(400);
		const changed = await user.pb.collection('users').update(user.record.id, {
			oldPassword: PASSWORD,
			password: 'nyt-kodeord-123',
			passwordConfirm: 'nyt-kodeord-123'
		});
		expect(changed.id).toBe(user.record.id);
		await user.pb.collection('users').authWithPassword(user.email, 'nyt-kodeord-123');

		// five wrong passwords in a row, the deletion's and the profile's together, from two addresses
		const elsewhere = guestClient();
		elsewhere.authStore.save(user.pb.authStore.token, user.pb.authStore.record);
		for (let i = 0; i < 3; i++) expect((await deletion(user.pb, `forkert-${i}`)).status).toBe(400);
		for (let i = 0; i < 2; i++)
			expect((await wrongOld(elsewhere, user.record.id, `forkert-igen-${i}`)).code).toBe(
				'validation_invalid_old_password'
			);
		// now even the right password is refused for a while, with a coded 429 and when to try again
		const locked = await deletion(user.pb, 'nyt-kodeord-123');
		expect(locked).toMatchObject({ status: 429, code: 'account_password_attempts' });
		expect(Number(locked.retry)).toBeGreaterThan(800);
		expect(Number(locked.retry)).toBeLessThanOrEqual(900);
		const lockedOld = await wrongOld(user.pb, user.record.id, 'nyt-kodeord-123');
		expect(lockedOld).toMatchObject({ status: 429, code: 'account_password_attempts' });
		expect((await system.collection('users').getOne(user.record.id)).deleted_at).toBe('');
		// the account still signs in, and other accounts are not affected
		await user.pb.collection('users').authWithPassword(user.email, 'nyt-kodeord-123');
		expect((await deletion(other.pb, 'forkert')).status).toBe(400);
	});

	it('count checks sent at once as they arrive: no more than the limit is compared', async () => {
		const user = await createUser();
		// a burst of guesses from one stolen session, sent together: each was let past the limit before any
		// was counted, and compared in full
		const answers = await Promise.all(
			Array.from({ length: 30 }, (_, i) => deletion(user.pb, `gæt-${i}-kodeord`))
		);
		const compared = answers.filter((answer) => answer.status === 400).length;
		const refused = answers.filter(
			(answer) => answer.status === 429 && answer.code === 'account_password_attempts'
		);
		expect([compared, refused.length]).toEqual([5, 25]);
		// the right password too, until the window has passed
		expect(await deletion(user.pb, PASSWORD)).toMatchObject({
			status: 429,
			code: 'account_password_attempts'
		});
	});

	it('refuse an old password sent as a number, which the count would not see', async () => {
		const user = await createUser();
		const system = await systemClient();
		await system
			.collection('users')
			.update(user.record.id, { password: '4711471147', passwordConfirm: '4711471147' });
		await user.pb.collection('users').authWithPassword(user.email, '4711471147');
		const asNumber = (oldPassword: number | boolean) =>
			wrongOld(user.pb, user.record.id, oldPassword as unknown as string);
		// more guesses than the limit, none of them compared: refused as bad input, the account not locked
		for (let i = 0; i < 7; i++)
			expect(await asNumber(1000000000 + i)).toMatchObject({ status: 400, code: 'core_invalid_value' });
		expect(await asNumber(true)).toMatchObject({ status: 400, code: 'core_invalid_value' });
		// the right password as a number changes nothing either; as text it does
		expect(await asNumber(4711471147)).toMatchObject({ status: 400, code: 'core_invalid_value' });
		const changed = await user.pb.collection('users').update(user.record.id, {
			oldPassword: '4711471147',
			password: 'nyt-kodeord-123',
			passwordConfirm: 'nyt-kodeord-123'
		});
		expect(changed.id).toBe(user.record.id);
	});

	it('through the app: the message says to wait, in the reader’s language', async () => {
		const user = await createUser();
		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		for (let i = 0; i < 5; i++) {
			const refused = await session.post('/profil?/password', {
				oldPassword: `forkert-${i}-kodeord`,
				password: 'a-new-password-123',
				passwordConfirm: 'a-new-password-123'
			});
			expect(refused.status).toBe(400);
		}
		const locked = await session.post('/mine-data?/delete', { password: PASSWORD });
		expect(locked.status).toBe(429);
		const page = await locked.text();
		expect(page, page.slice(page.indexOf('<main'), page.indexOf('<main') + 3000)).toContain(
			'Du har skrevet en forkert adgangskode for mange gange'
		);
	});

	it('limit confirming a new address per address, as the mail endpoints are', async () => {
		const guest = guestClient();
		const answers: number[] = [];
		for (let i = 0; i < 7; i++) {
			answers.push(
				await guest
					.collection('users')
					.confirmEmailChange('not.a.token', 'et-kodeord-1')
					.then(
						() => 200,
						(err: { status: number }) => err.status
					)
			);
		}
		expect(answers.slice(0, 5).every((s) => s === 400)).toBe(true);
		expect(answers.at(-1)).toBe(429);
	});
});

describe('the volunteer terms on the account', () => {
	it('are accepted at the time the house receives it, whatever date the user sends', async () => {
		const user = await createUser();
		const system = await systemClient();
		const stored = async () =>
			Date.parse(
				String((await system.collection('users').getOne(user.record.id)).volunteer_terms_at).replace(' ', 'T')
			);
		for (const sent of ['2030-01-01 00:00:00.000Z', '2020-01-01 00:00:00.000Z']) {
			const before = Date.now();
			await user.pb.collection('users').update(user.record.id, { volunteer_terms_at: '' });
			await user.pb.collection('users').update(user.record.id, { volunteer_terms_at: sent });
			const at = await stored();
			expect(at, sent).toBeGreaterThanOrEqual(before - 2_000);
			expect(at, sent).toBeLessThanOrEqual(Date.now() + 2_000);
		}
		// the date already stored, sent again with the profile, stays as it was
		const first = (await system.collection('users').getOne(user.record.id)).volunteer_terms_at;
		await new Promise((resolve) => setTimeout(resolve, 20));
		await user.pb.collection('users').update(user.record.id, { volunteer_terms_at: first, name: 'Ny Navn' });
		expect((await system.collection('users').getOne(user.record.id)).volunteer_terms_at).toBe(first);
		// and an empty one withdraws them
		await user.pb.collection('users').update(user.record.id, { volunteer_terms_at: '' });
		expect((await system.collection('users').getOne(user.record.id)).volunteer_terms_at).toBe('');
	});
});
