import { describe, expect, it } from 'vitest';
import { EventSource } from 'eventsource';
import { AppSession } from '../helpers/app';
import { createUser, randomIp, systemClient, PASSWORD, type TestUser } from '../helpers/pocketbase';
import { AUDIENCES } from '../../src/lib/server/live/audience';
import { makeAssociation, makeRoom, join, book, slot, someDay } from './rooms-arrange';
import { arrangeEvent, farFuture } from './events-helpers';
import { stack } from '../helpers/stack';

interface Change {
	collection: string;
	action: string;
	id: string;
}

/** Opens /live through the app as the session's user and collects the change events. */
async function listen(session: AppSession, collections: string) {
	const cookie = session.cookieHeader();
	const changes: Change[] = [];
	const source = new EventSource(`${stack().appUrl}/live?c=${collections}`, {
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

/**
 * One /live connection as a browser opens it (no reconnecting): the changes it heard, and whether the
 * server ended it. `cookie` is the Cookie header (empty: a guest).
 */
async function stream(collections: string, cookie = '', ip = randomIp()) {
	const abort = new AbortController();
	const response = await fetch(`${stack().appUrl}/live?c=${collections}`, {
		headers: { accept: 'text/event-stream', 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) },
		signal: abort.signal
	});
	expect(response.status).toBe(200);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	const state = {
		changes: [] as Change[],
		ended: false,
		/** The ready message's `age`: ms since the server last heard of a change in these collections. */
		age: undefined as unknown,
		close: () => abort.abort()
	};
	let markReady = () => {};
	const ready = new Promise<void>((resolve) => (markReady = resolve));
	void (async () => {
		let buffer = '';
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				buffer += decoder.decode(value, { stream: true });
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					if (message.startsWith('event: ready')) {
						state.age = JSON.parse(message.slice(message.indexOf('data: ') + 6)).age;
						markReady();
					}
					if (message.startsWith('event: change'))
						state.changes.push(JSON.parse(message.slice(message.indexOf('data: ') + 6)));
				}
			}
		} catch {
			// aborted by the test
		}
		state.ended = true;
		markReady();
	})();
	await ready;
	return state;
}

/** Waits for what should come; generous, as it returns the moment it holds (a loaded machine is slow). */
async function until(check: () => boolean, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** The same chance to (wrongly) hear a change that the ones who should hear it had, and more. */
const grace = () => new Promise((r) => setTimeout(r, 500));

async function signedIn(user: TestUser): Promise<AppSession> {
	const session = new AppSession();
	expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
	return session;
}

async function notify(userId: string) {
	const system = await systemClient();
	return system
		.collection('notifications')
		.create({ user: userId, kind: 'test', title: 'Hej', body: 'Test' });
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

	it('tells a new stream how long ago its collections last changed, so a page older than that reloads', async () => {
		const [alice, bob] = await Promise.all([createUser(), createUser()]);
		const [session, bobSession] = await Promise.all([signedIn(alice), signedIn(bob)]);
		const aliceLive = await stream('notifications', session.cookieHeader(), session.ip);
		// the process has listened for a second at least before the change
		await new Promise((r) => setTimeout(r, 1_000));
		const before = Date.now();
		const created = await notify(alice.record.id);
		await until(() => aliceLive.changes.some((change) => change.id === created.id));
		expect(aliceLive.changes.map((change) => change.id)).toContain(created.id);
		// a stream of Alice's opened now (a page whose data was read before the change) learns it is recent
		const later = await stream('notifications', session.cookieHeader(), session.ip);
		expect(typeof later.age).toBe('number');
		expect(later.age as number).toBeGreaterThanOrEqual(0);
		expect(later.age as number).toBeLessThanOrEqual(Date.now() - before);
		// a guest's or Bob's is not told when Alice's inbox changed (an invitation's notice would say that
		// the address invited has an account)
		const [guest, bobLive] = await Promise.all([
			stream('notifications'),
			stream('notifications', bobSession.cookieHeader(), bobSession.ip)
		]);
		expect(guest.age as number).toBeGreaterThan(Date.now() - before);
		expect(bobLive.age as number).toBeGreaterThan(Date.now() - before);
		for (const l of [aliceLive, later, guest, bobLive]) l.close();
	});

	it('refuses bad collection lists', async () => {
		const session = new AppSession();
		expect((await session.get('/live?c=')).status).toBe(400);
		expect((await session.get('/live?c=users;drop')).status).toBe(400);
		expect((await session.get('/live?c=a,b,c,d,e,f,g,h,i')).status).toBe(400);
	});
});

describe('/live: one shared subscription, each change only to those who may see the record', () => {
	it('serves each collection by the rules PocketBase has for it (audience.ts follows every rule change)', async () => {
		const system = await systemClient();
		for (const [name, audience] of Object.entries(AUDIENCES)) {
			const collection = await system.collections.getOne(name);
			expect({ name, list: collection.listRule, view: collection.viewRule }).toEqual({
				name,
				list: audience.rule,
				view: audience.rule
			});
		}
	});

	it('a booking: the booker, the association active members and staff hear it; nobody else', async () => {
		const system = await systemClient();
		const [booker, member, former, other, staff] = await Promise.all([
			createUser({ name: 'Booker' }),
			createUser({ name: 'Medlem' }),
			createUser({ name: 'Tidligere' }),
			createUser({ name: 'Anden' }),
			createUser({ staff: true, name: 'Personale' })
		]);
		const [room, ownRoom, association] = await Promise.all([
			makeRoom({ who_may_book: 'associations' }),
			makeRoom(),
			makeAssociation()
		]);
		const [, , formerMembership] = await Promise.all([
			join(association.id, booker, 'booker'),
			join(association.id, member, 'member'),
			join(association.id, former, 'member')
		]);
		await system.collection('memberships').delete(formerMembership.id);
		const live = async (user: TestUser) => {
			const session = await signedIn(user);
			return stream('bookings', session.cookieHeader(), session.ip);
		};
		const [bookerLive, memberLive, formerLive, otherLive, staffLive] = await Promise.all([
			live(booker),
			live(member),
			live(former),
			live(other),
			live(staff)
		]);
		const guestLive = await stream('bookings');

		const day = someDay();
		await new Promise((r) => setTimeout(r, 1_000));
		const start = Date.now();
		const booking = await book(booker, room.id, {
			...slot(day, '10:00', '11:00'),
			association: association.id
		});
		const heard = { collection: 'bookings', action: 'create', id: booking.id };
		// staff hear every booking of the house, also the house's own jobs' changes to other tests' bookings
		// (the minute's release of a no-show): of theirs, the ones this test makes
		const ours = new Set([booking.id]);
		const staffHeard = () => staffLive.changes.filter((c) => ours.has(c.id));
		await until(() => [bookerLive, memberLive].every((l) => l.changes.length > 0) && staffHeard().length > 0);
		await grace();
		expect(bookerLive.changes).toEqual([heard]);
		expect(memberLive.changes).toEqual([heard]);
		expect(staffHeard()).toEqual([heard]);
		expect(formerLive.changes).toEqual([]);
		expect(otherLive.changes).toEqual([]);
		expect(guestLive.changes).toEqual([]);
		// a stream opened now is told how recent the last change it could hear is: an active member's of
		// the association's booking, a former member's and a guest's not of it
		const since = Date.now() - start;
		const [memberAgain, formerAgain, guestAgain] = await Promise.all([
			live(member),
			live(former),
			stream('bookings')
		]);
		expect(memberAgain.age as number).toBeLessThanOrEqual(Date.now() - start);
		for (const l of [formerAgain, guestAgain]) expect(l.age as number).toBeGreaterThan(since);
		for (const l of [memberAgain, formerAgain, guestAgain]) l.close();

		// A booking of one's own (no association): the booker and staff only.
		const own = await book(other, ownRoom.id, slot(day, '12:00', '13:00'));
		ours.add(own.id);
		const ownHeard = { collection: 'bookings', action: 'create', id: own.id };
		await until(() => otherLive.changes.length > 0 && staffHeard().length > 1);
		await grace();
		expect(otherLive.changes).toEqual([ownHeard]);
		expect(staffHeard()).toEqual([heard, ownHeard]);
		expect(bookerLive.changes).toEqual([heard]);
		expect(memberLive.changes).toEqual([heard]);
		expect(guestLive.changes).toEqual([]);
		for (const l of [bookerLive, memberLive, formerLive, otherLive, staffLive, guestLive]) l.close();
	});

	it('a guest hears public changes only; a draft event reaches staff alone until it is published', async () => {
		const system = await systemClient();
		const [alice, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const [aliceSession, staffSession] = await Promise.all([signedIn(alice), signedIn(staff)]);
		const collections = 'closures,events,shifts,notifications,holds,users';
		const guestLive = await stream(collections);
		const aliceLive = await stream(collections, aliceSession.cookieHeader(), aliceSession.ip);
		const staffLive = await stream(collections, staffSession.cookieHeader(), staffSession.ip);

		const room = await makeRoom();
		const start = farFuture();
		const closure = await system.collection('closures').create({
			room: room.id,
			start,
			end: new Date(start.getTime() + 3_600_000),
			reason: 'Maling'
		});
		const note = await notify(alice.record.id);
		const { event: draft, shift } = await arrangeEvent({ state: 'draft' });
		const closureHeard = { collection: 'closures', action: 'create', id: closure.id };
		const draftHeard = { collection: 'events', action: 'create', id: draft.id };
		const shiftHeard = { collection: 'shifts', action: 'create', id: shift.id };
		// staff read every hold of the house, which the house's own job changes when another test's pickup
		// runs out: of what staff hear, the rows this test makes (Alice's notification among them)
		const ours = new Set([closure.id, note.id, draft.id, shift.id]);
		const staffHeard = () => staffLive.changes.filter((c) => ours.has(c.id));
		await until(
			() => guestLive.changes.length > 0 && staffHeard().length > 2 && aliceLive.changes.length > 1
		);
		await grace();
		expect(guestLive.changes).toEqual([closureHeard]);
		// Her notification (its creation and any update after it), and nothing else but the closure.
		expect(aliceLive.changes).toContainEqual({ collection: 'notifications', action: 'create', id: note.id });
		expect(aliceLive.changes.filter((c) => c.collection !== 'notifications')).toEqual([closureHeard]);
		expect(aliceLive.changes.every((c) => c.collection !== 'notifications' || c.id === note.id)).toBe(true);
		// Staff are not told of someone else's notification (its rule has no staff part). PocketBase sends
		// the changes of two writes made one right after the other in either order, so they are compared as
		// a set.
		expect(staffHeard()).toHaveLength(3);
		expect(staffHeard()).toEqual(expect.arrayContaining([closureHeard, draftHeard, shiftHeard]));

		await system.collection('events').update(draft.id, { state: 'published' });
		const published = { collection: 'events', action: 'update', id: draft.id };
		await until(() =>
			[guestLive, aliceLive, staffLive].every((l) =>
				l.changes.some((c) => c.collection === 'events' && c.action === 'update')
			)
		);
		expect(guestLive.changes).toEqual([closureHeard, published]);
		expect(aliceLive.changes).toContainEqual(published);
		expect(staffHeard()).toHaveLength(4);
		expect(staffHeard()).toEqual(expect.arrayContaining([closureHeard, draftHeard, shiftHeard, published]));
		expect(staffHeard().at(-1)).toEqual(published);

		// The shift of a published event is public now.
		await system.collection('shifts').update(shift.id, { places: 3 });
		const shiftChanged = { collection: 'shifts', action: 'update', id: shift.id };
		await until(() => guestLive.changes.length > 2);
		expect(guestLive.changes).toEqual([closureHeard, published, shiftChanged]);
		for (const l of [guestLive, aliceLive, staffLive]) l.close();
	});

	it('a guest hears of a busy row only when something public about it changed', async () => {
		const system = await systemClient();
		const citizen = await createUser();
		const room = await makeRoom();
		const day = someDay();
		const event = await system.collection('events').create({
			title: 'Udkast',
			description: 'Til test',
			category: 'concert',
			room: room.id,
			...slot(day, '18:00', '20:00'),
			state: 'draft',
			registration: false,
			capacity: 0
		});
		const booking = await book(citizen, room.id, { ...slot(day, '10:00', '11:00'), purpose: 'Privat' });
		const rowOf = async (source: string) =>
			(await system.collection('room_busy').getFirstListItem(`source = "${source}"`)).id;
		const ours = new Set([await rowOf(event.id), await rowOf(booking.id)]);
		const guestLive = await stream('room_busy');
		const heard = () => guestLive.changes.filter((c) => ours.has(c.id));

		// nothing the public reads of either row changes: a draft event's description, a private purpose
		await system.collection('events').update(event.id, { description: 'Ny tekst, stadig et udkast' });
		await citizen.pb.collection('bookings').update(booking.id, { purpose: 'Noget andet' });
		// the booking moved: its row changes, and the guest hears that alone
		await citizen.pb.collection('bookings').update(booking.id, slot(day, '12:00', '13:00'));
		const moved = { collection: 'room_busy', action: 'update', id: await rowOf(booking.id) };
		await until(() => heard().length > 0);
		await grace();
		expect(heard()).toEqual([moved]);
		guestLive.close();
	});

	it('in a room out of use, a guest hears a published event’s busy row and never a draft event’s; staff hear both', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const room = await makeRoom();
		const day = someDay();
		const event = (title: string, state: string, from: string, to: string) =>
			system.collection('events').create({
				title,
				description: 'Til test',
				category: 'concert',
				room: room.id,
				...slot(day, from, to),
				state,
				registration: false,
				capacity: 0
			});
		const published = await event('Koncert', 'published', '10:00', '12:00');
		const draft = await event('Udkast', 'draft', '18:00', '20:00');
		await system.collection('rooms').update(room.id, { active: false });
		const rowOf = async (source: string) =>
			(await system.collection('room_busy').getFirstListItem(`source = "${source}"`)).id;
		const rows = { [await rowOf(published.id)]: 'published', [await rowOf(draft.id)]: 'draft' };
		const session = await signedIn(staff);
		const [guestLive, staffLive] = await Promise.all([
			stream('room_busy'),
			stream('room_busy', session.cookieHeader(), session.ip)
		]);
		const heard = (live: { changes: Change[] }) =>
			live.changes.filter((c) => c.id in rows).map((c) => rows[c.id]);

		// each moves within the room: only its times change, so each row keeps its id
		await system.collection('events').update(draft.id, slot(day, '19:00', '21:00'));
		await system.collection('events').update(published.id, slot(day, '11:00', '13:00'));
		await until(() => heard(staffLive).length === 2 && heard(guestLive).length > 0);
		await grace();
		expect(heard(staffLive)).toEqual(['draft', 'published']);
		expect(heard(guestLive)).toEqual(['published']);
		guestLive.close();
		staffLive.close();
	});

	it('a session that ends stops hearing: signing out, a new password, a deleted account, staff rights taken away', async () => {
		const system = await systemClient();
		const [outUser, passwordUser, deletedUser, demoted] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const [outSession, passwordSession, deletedSession, demotedSession] = await Promise.all([
			signedIn(outUser),
			signedIn(passwordUser),
			signedIn(deletedUser),
			signedIn(demoted)
		]);
		const passwordCookie = passwordSession.cookieHeader();
		const outLive = await stream('notifications', outSession.cookieHeader(), outSession.ip);
		const passwordLive = await stream('notifications', passwordCookie, passwordSession.ip);
		const deletedLive = await stream('notifications', deletedSession.cookieHeader(), deletedSession.ip);
		const demotedLive = await stream('events', demotedSession.cookieHeader(), demotedSession.ip);

		// Signing out ends the stream; the browser connects again with the cookie it now has (none).
		expect((await outSession.post('/log-ud', {})).status).toBe(303);
		await until(() => outLive.ended);
		expect(outLive.ended).toBe(true);
		const outAgain = await stream('notifications', outSession.cookieHeader(), outSession.ip);

		// A new password revokes the tokens made before: the stream ends, and the old cookie is a guest's.
		await system.collection('users').update(passwordUser.record.id, {
			password: 'a-new-password-456',
			passwordConfirm: 'a-new-password-456'
		});
		await until(() => passwordLive.ended);
		expect(passwordLive.ended).toBe(true);
		const passwordAgain = await stream('notifications', passwordCookie, passwordSession.ip);

		await system.collection('users').delete(deletedUser.record.id);
		await until(() => deletedLive.ended);
		expect(deletedLive.ended).toBe(true);

		await system.collection('users').update(demoted.record.id, { staff: false });
		const { event: draft } = await arrangeEvent({ state: 'draft' });
		await notify(outUser.record.id);
		await notify(passwordUser.record.id);
		await grace();
		expect(outAgain.changes).toEqual([]);
		expect(passwordAgain.changes).toEqual([]);
		expect(demotedLive.changes).toEqual([]);
		expect(demotedLive.ended).toBe(false);

		// The demoted user's stream still hears what everyone may see.
		await system.collection('events').update(draft.id, { state: 'published' });
		await until(() => demotedLive.changes.length > 0);
		expect(demotedLive.changes).toEqual([{ collection: 'events', action: 'update', id: draft.id }]);
		for (const l of [outAgain, passwordAgain, demotedLive]) l.close();
	});
});
