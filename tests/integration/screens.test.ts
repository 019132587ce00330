import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { toMs, toPbDate } from '$rules/room-claims.js';
import { addDays, localParts, localToUtc } from '$rules/rooms-policy.js';
import { createUser, guestClient, listen, systemClient, type TestUser } from '../helpers/pocketbase';
import { stack } from '../helpers/stack';
import { AppSession } from '../helpers/app';
import { appWithoutPocketBase } from '../helpers/app-without-pocketbase';
import { codesOf, outcome } from '../helpers/scenarios';
import { book, join, makeAssociation, makeRoom, slot, someDay } from './rooms-arrange';
import type { DoorData, LobbyData } from '../../src/lib/screens/types';

// Door signs and the lobby screen (docs/rules.md, "Door signs and the lobby screen"): public, and showing
// nothing the public room page does not: no purpose, no booker, no private booking's details; an
// association's name only when its booker chose to show it.

const MINUTE = 60_000;

/** Waits for what should come; returns the moment it holds (a loaded machine is slow). */
async function until(check: () => boolean, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

const at = (minutes: number) => toPbDate(Math.floor(Date.now() / MINUTE) * MINUTE + minutes * MINUTE);

interface Arranged {
	secrets: string[];
	association: { id: string; name: string };
	hiddenAssociation: { id: string; name: string };
	rooms: {
		privateRoom: { id: string; slug: string };
		shown: { id: string; slug: string };
		hidden: { id: string; slug: string };
		eventRoom: { id: string; slug: string };
	};
	eventTitle: string;
	draftTitle: string;
	booker: TestUser;
}

/** Bookings going on right now (made by the system account, which may book the present), one per room. */
async function arrange(): Promise<Arranged> {
	const system = await systemClient();
	const tag = randomUUID().slice(0, 6);
	const [owner, booker] = await Promise.all([
		createUser({ name: `Hemmelig Hansen ${tag}` }),
		createUser({ name: `Skjult Bookersen ${tag}` })
	]);
	const [privateRoom, shown, hidden, eventRoom, association, hiddenAssociation] = await Promise.all([
		makeRoom({ name: `Skærmlokale privat ${tag}` }),
		makeRoom({ name: `Skærmlokale vist ${tag}` }),
		makeRoom({ name: `Skærmlokale skjult ${tag}` }),
		makeRoom({ name: `Skærmlokale arrangement ${tag}` }),
		makeAssociation(),
		makeAssociation()
	]);
	await Promise.all([join(association.id, booker, 'booker'), join(hiddenAssociation.id, booker, 'admin')]);
	const now = { start: at(-30), end: at(30) };
	const purpose = (what: string) => `FORMÅL-${what}-${tag}`;
	const create = (fields: Record<string, unknown>) =>
		system.collection('bookings').create({ attendees: 3, ...fields });
	const bookings = await Promise.all([
		create({ room: privateRoom.id, booker: owner.record.id, purpose: purpose('privat'), ...now }),
		create({
			room: shown.id,
			booker: booker.record.id,
			association: association.id,
			show_publicly: true,
			purpose: purpose('vist'),
			...now
		}),
		create({
			room: hidden.id,
			booker: booker.record.id,
			association: hiddenAssociation.id,
			purpose: purpose('skjult'),
			...now
		}),
		// the private room's next booking, later
		create({
			room: privateRoom.id,
			booker: owner.record.id,
			purpose: purpose('senere'),
			start: at(120),
			end: at(150)
		})
	]);
	const eventTitle = `Offentlig koncert ${tag}`;
	const draftTitle = `Hemmeligt udkast ${tag}`;
	await system.collection('events').create({
		title: eventTitle,
		description: 'Til test',
		category: 'concert',
		room: eventRoom.id,
		...now,
		state: 'published',
		registration: false,
		capacity: 0
	});
	await system.collection('events').create({
		title: draftTitle,
		description: 'Til test',
		category: 'concert',
		room: eventRoom.id,
		start: at(60),
		end: at(90),
		state: 'draft',
		registration: false,
		capacity: 0
	});
	return {
		secrets: [
			purpose(''),
			`Hemmelig Hansen ${tag}`,
			`Skjult Bookersen ${tag}`,
			owner.email,
			booker.email,
			owner.record.id,
			booker.record.id,
			hiddenAssociation.name,
			draftTitle,
			...bookings.map((b) => b.id)
		].concat(bookings.map((b) => String(b.purpose))),
		association: { id: association.id, name: association.name },
		hiddenAssociation: { id: hiddenAssociation.id, name: hiddenAssociation.name },
		rooms: {
			privateRoom: { id: privateRoom.id, slug: privateRoom.slug },
			shown: { id: shown.id, slug: shown.slug },
			hidden: { id: hidden.id, slug: hidden.slug },
			eventRoom: { id: eventRoom.id, slug: eventRoom.slug }
		},
		eventTitle,
		draftTitle,
		booker
	};
}

function expectNoSecrets(text: string, secrets: string[]) {
	for (const secret of secrets) expect(text, secret).not.toContain(secret.replace(/-$/, ''));
}

describe('the lobby screen and the door signs read only public data', () => {
	it('the lobby route shows rooms in use and events, with a name only where chosen', async () => {
		const ctx = await arrange();
		const lobby = await guestClient().send<LobbyData>('/api/borgerhus/screens/lobby', { method: 'GET' });
		const inRoom = (id: string) =>
			lobby.rooms.filter((r) => r.slug === Object.values(ctx.rooms).find((x) => x.id === id)?.slug);
		// the private room has its booking now and one later today (unless that is past midnight)
		expect(inRoom(ctx.rooms.privateRoom.id).length).toBeGreaterThan(0);
		expect(inRoom(ctx.rooms.privateRoom.id).every((r) => r.label === '')).toBe(true);
		expect(inRoom(ctx.rooms.shown.id).map((r) => r.label)).toEqual([ctx.association.name]);
		expect(inRoom(ctx.rooms.hidden.id).map((r) => r.label)).toEqual(['']);
		// the published event on now; the draft event later is not on
		expect(inRoom(ctx.rooms.eventRoom.id).map((r) => r.label)).toEqual([ctx.eventTitle]);
		expect(lobby.events.map((e) => e.title)).toContain(ctx.eventTitle);
		expect(lobby.events.map((e) => e.title)).not.toContain(ctx.draftTitle);
		expectNoSecrets(JSON.stringify(lobby), ctx.secrets);
	});

	it('a door sign says busy now, with the next claim, and nothing private', async () => {
		const ctx = await arrange();
		const guest = guestClient();
		const door = await guest.send<DoorData>(`/api/borgerhus/screens/rooms/${ctx.rooms.privateRoom.slug}`, {
			method: 'GET'
		});
		expect(door.state).toBe('busy');
		expect(door.current?.label).toBe('');
		expect(door.next?.start).toBeGreaterThan(Date.now());
		expectNoSecrets(JSON.stringify(door), ctx.secrets);
		const shown = await guest.send<DoorData>(`/api/borgerhus/screens/rooms/${ctx.rooms.shown.slug}`, {
			method: 'GET'
		});
		expect(shown.current?.label).toBe(ctx.association.name);
		const missing = await outcome(guest.send('/api/borgerhus/screens/rooms/no-such-room', { method: 'GET' }));
		expect(missing.status).toBe(404);
	});

	it('the pages and their polled data through the app carry no private detail, signed in as staff too', async () => {
		const ctx = await arrange();
		const session = new AppSession();
		for (const path of [
			'/skaerm',
			'/skaerm?sprog=en',
			'/skaerm/data',
			`/lokaler/${ctx.rooms.privateRoom.slug}/skilt`,
			`/lokaler/${ctx.rooms.privateRoom.slug}/skilt?format=a5`,
			`/lokaler/${ctx.rooms.hidden.slug}/skilt/data`
		]) {
			const response = await session.get(path);
			expect(response.status, path).toBe(200);
			expectNoSecrets(await response.text(), ctx.secrets);
		}
		const sign = await (await session.get(`/lokaler/${ctx.rooms.shown.slug}/skilt`)).text();
		expect(sign).toContain(ctx.association.name);
		// the room needs no check-in: the sign asks nobody to check in
		expect(sign).not.toContain('data:image/svg+xml;base64,');
		expect(sign).not.toContain('id="door-check-in"');
		const checked = await makeRoom({ checkin_required: true, checkin_since: '2020-01-01 00:00:00.000Z' });
		const door = await (await session.get(`/lokaler/${checked.slug}/skilt`)).text();
		expect(door).toContain('data:image/svg+xml;base64,');
		expect(door).toContain(`/lokaler/${checked.slug}/tjek-ind`);
		expect((await session.get('/lokaler/no-such-room/skilt')).status).toBe(404);
	});

	it('room_busy carries the public label and never the source', async () => {
		const ctx = await arrange();
		const rows = await guestClient()
			.collection('room_busy')
			.getFullList({ filter: `room = "${ctx.rooms.shown.id}" || room = "${ctx.rooms.privateRoom.id}"` });
		expect(rows.map((r) => r.label).sort()).toEqual(['', '', ctx.association.name].sort());
		expect(rows.every((r) => r.source === undefined)).toBe(true);
		expectNoSecrets(JSON.stringify(rows), ctx.secrets);
	});
});

describe('a draft event holds its room without saying it is an event', () => {
	it('a guest reads a busy row like a private booking’s until the event is published', async () => {
		const system = await systemClient();
		const guest = guestClient();
		const room = await makeRoom({ name: `Skærmlokale udkast ${randomUUID().slice(0, 6)}` });
		const title = `Uanmeldt arrangement ${randomUUID().slice(0, 6)}`;
		const event = await system.collection('events').create({
			title,
			description: 'Til test',
			category: 'concert',
			room: room.id,
			start: at(60),
			end: at(90),
			state: 'draft',
			registration: false,
			capacity: 0
		});
		const rows = async () =>
			(await guest.collection('room_busy').getFullList({ filter: `room = "${room.id}"` })).map((r) => ({
				kind: r.kind,
				label: r.label,
				tentative: r.tentative
			}));
		// like a request still waiting for staff: it holds the room, but is not on
		const asRequest = { kind: 'booking', label: '', tentative: true };
		expect(await rows()).toEqual([asRequest]);
		const sign = await guest.send<DoorData>(`/api/borgerhus/screens/rooms/${room.slug}`, { method: 'GET' });
		expect(sign.next).toMatchObject(asRequest);
		expect(JSON.stringify(sign)).not.toContain(title);
		await system.collection('events').update(event.id, { state: 'published' });
		expect(await rows()).toEqual([{ kind: 'event', label: title, tentative: false }]);
		await system.collection('events').update(event.id, { state: 'draft' });
		expect(await rows()).toEqual([asRequest]);
	});

	it('a busy row’s id never follows an event from public to draft or back', async () => {
		const system = await systemClient();
		const guest = guestClient();
		const room = await makeRoom();
		const day = someDay();
		const title = `Koncert ${randomUUID().slice(0, 6)}`;
		const event = await system.collection('events').create({
			title,
			description: 'Til test',
			category: 'concert',
			room: room.id,
			...slot(day, '18:00', '20:00'),
			state: 'published',
			registration: false,
			capacity: 0
		});
		const rows = async () =>
			(await guest.collection('room_busy').getFullList({ filter: `room = "${room.id}"` })).map((r) => ({
				id: r.id,
				kind: r.kind,
				label: r.label,
				start: r.start
			}));
		const [published] = await rows();
		expect(published).toMatchObject({ kind: 'event', label: title });

		// taken back to draft: a new row, which the public cannot tie to the event it saw
		await system.collection('events').update(event.id, { state: 'draft' });
		const [draft] = await rows();
		expect(draft).toMatchObject({ kind: 'booking', label: '' });
		expect(draft!.id).not.toBe(published!.id);

		// the draft moved: its row follows it as any booking's does, still under no id the public saw
		const moved = slot(day + 1, '19:00', '21:00');
		await system.collection('events').update(event.id, moved);
		expect(await rows()).toEqual([{ ...draft, start: moved.start }]);

		// published again: a new row once more, so the event does not reveal the draft's row either
		await system.collection('events').update(event.id, { state: 'published' });
		const [again] = await rows();
		expect(again).toMatchObject({ kind: 'event', label: title, start: moved.start });
		expect([published!.id, draft!.id]).not.toContain(again!.id);
	});
});

describe('a request still waiting for staff holds its room, but is not on', () => {
	/**
	 * Two rooms that require approval and check-in, each with a booking on now and one next, all under an
	 * association's name its booker chose to show: in one room still waiting for staff, in the other approved.
	 */
	async function arrangeWaiting() {
		const system = await systemClient();
		const tag = randomUUID().slice(0, 6);
		const [booker, staff, association] = await Promise.all([
			createUser({ name: `Ventende Vera ${tag}` }),
			createUser({ staff: true }),
			makeAssociation()
		]);
		const policy = {
			requires_approval: true,
			checkin_required: true,
			checkin_since: '2020-01-01 00:00:00.000Z'
		};
		const [waiting, approved] = await Promise.all([
			makeRoom({ name: `Skærmlokale venter ${tag}`, ...policy }),
			makeRoom({ name: `Skærmlokale godkendt ${tag}`, ...policy })
		]);
		await join(association.id, booker, 'admin');
		const create = (room: string, status: string, from: number, to: number) =>
			system.collection('bookings').create({
				room,
				booker: booker.record.id,
				association: association.id,
				show_publicly: true,
				purpose: `FORMÅL-${tag}`,
				attendees: 3,
				start: at(from),
				end: at(to),
				status
			});
		const [waitingNow, waitingNext] = await Promise.all([
			create(waiting.id, 'pending', -5, 40),
			create(waiting.id, 'pending', 60, 90),
			create(approved.id, 'approved', -5, 40),
			create(approved.id, 'approved', 60, 90)
		]);
		return {
			tag,
			booker,
			staff,
			association,
			waiting,
			approved,
			waitingNow: waitingNow!,
			waitingNext: waitingNext!
		};
	}
	const lobbyNow = () => guestClient().send<LobbyData>('/api/borgerhus/screens/lobby', { method: 'GET' });
	const doorOf = (slug: string) =>
		guestClient().send<DoorData>(`/api/borgerhus/screens/rooms/${slug}`, { method: 'GET' });

	it('the lobby lists only approved bookings, and a request once staff approve it', async () => {
		const w = await arrangeWaiting();
		const inRoom = (lobby: LobbyData, slug: string) => lobby.rooms.filter((r) => r.slug === slug);
		const before = await lobbyNow();
		// the request waiting for staff is not on: the lobby does not say it is
		expect(inRoom(before, w.waiting.slug)).toEqual([]);
		expect(inRoom(before, w.approved.slug).length).toBeGreaterThan(0);
		expect(inRoom(before, w.approved.slug)[0]).toMatchObject({ label: w.association.name, tentative: false });
		const system = await systemClient();
		const rowOf = async () =>
			system.collection('room_busy').getFirstListItem(`source = "${w.waitingNow.id}"`);
		const held = await rowOf();
		expect(held.tentative).toBe(true);
		await w.staff.pb.collection('bookings').update(w.waitingNow.id, { status: 'approved' });
		// on a new row: its id does not tell which tentative row (a request's or a draft event's) it had been
		const on = await rowOf();
		expect(on.tentative).toBe(false);
		expect(on.id).not.toBe(held.id);
		const after = await lobbyNow();
		expect(inRoom(after, w.waiting.slug)[0]).toMatchObject({
			start: toMs(w.waitingNow.start as string),
			label: w.association.name,
			tentative: false
		});
	});

	it('a door sign shows a request’s time as held and awaiting approval, with no check-in, until staff approve it', async () => {
		const w = await arrangeWaiting();
		const waiting = await doorOf(w.waiting.slug);
		// the room is not free (nobody else can book the time), but what holds it is not confirmed
		expect(waiting.state).toBe('busy');
		expect(waiting.current).toMatchObject({ kind: 'booking', tentative: true, checkin: null });
		expect(waiting.next).toMatchObject({ kind: 'booking', tentative: true, checkin: null });
		const approved = await doorOf(w.approved.slug);
		expect(approved.current).toMatchObject({ kind: 'booking', tentative: false });
		expect(approved.current?.checkin).not.toBeNull();
		expect(approved.next?.checkin).not.toBeNull();

		// the sign says so in words, in Danish and in English, and asks nobody to check in to it
		const session = new AppSession();
		const sign = async (slug: string, language: string) =>
			(await session.get(`/lokaler/${slug}/skilt?sprog=${language}`)).text();
		const danish = await sign(w.waiting.slug, 'da');
		// now: reserved, awaiting approval (not "Optaget"); next: the same in its row
		expect(danish).toMatch(/<p class="big[^"]*">Reserveret<\/p>/);
		expect(danish).toContain('Afventer godkendelse');
		expect(danish).not.toMatch(/<p class="big[^"]*">Optaget<\/p>/);
		expect(danish).toContain('Reserveret – afventer godkendelse');
		expect(danish).not.toContain('Tjek ind nu');
		expect(danish).not.toContain('Tjek ind her fra');
		const english = await sign(w.waiting.slug, 'en');
		expect(english).toContain('Reserved – awaiting approval');
		expect(english).not.toContain('Check in now');
		const confirmed = await sign(w.approved.slug, 'da');
		expect(confirmed).not.toContain('afventer godkendelse');
		expect(confirmed).toContain('Tjek ind nu');
		for (const text of [danish, english, JSON.stringify(waiting)]) {
			for (const secret of [`FORMÅL-${w.tag}`, `Ventende Vera ${w.tag}`, w.booker.email, w.waitingNow.id])
				expect(text).not.toContain(secret);
		}

		// approved: an ordinary booking on the sign, with its check-in (the grace from the approval)
		await w.staff.pb.collection('bookings').update(w.waitingNow.id, { status: 'approved' });
		const after = await doorOf(w.waiting.slug);
		expect(after.current).toMatchObject({ tentative: false });
		expect(after.current?.checkin).not.toBeNull();
		expect(after.next).toMatchObject({ tentative: true, checkin: null });
		expect(await sign(w.waiting.slug, 'da')).toContain('Tjek ind nu');
	});
});

describe('a room taken out of use where the house still holds an event', () => {
	it('the lobby names the room, and its door sign shows the event that day only', async () => {
		const system = await systemClient();
		const tag = randomUUID().slice(0, 6);
		const room = await makeRoom({
			name: `Skærmlokale ude af brug ${tag}`,
			checkin_required: true,
			checkin_since: '2020-01-01 00:00:00.000Z'
		});
		const title = `Husets egen koncert ${tag}`;
		await system.collection('events').create({
			title,
			description: 'Til test',
			category: 'concert',
			room: room.id,
			start: at(-30),
			end: at(30),
			state: 'published',
			registration: false,
			capacity: 0
		});
		// allowed on purpose: the house may still hold its own events in a room out of use
		await system.collection('rooms').update(room.id, { active: false });

		const guest = guestClient();
		const lobby = await guest.send<LobbyData>('/api/borgerhus/screens/lobby', { method: 'GET' });
		expect(lobby.events.find((e) => e.title === title)?.room).toBe(room.name);
		expect(lobby.rooms.filter((r) => r.slug === room.slug).map((r) => [r.room, r.label])).toEqual([
			[room.name, title]
		]);

		const door = await guest.send<DoorData>(`/api/borgerhus/screens/rooms/${room.slug}`, { method: 'GET' });
		expect(door.state).toBe('busy');
		expect(door.current?.label).toBe(title);
		// nothing to book or check in to in a room out of use
		expect(door.room.checkin).toBe(false);
		const session = new AppSession();
		const sign = await session.get(`/lokaler/${room.slug}/skilt`);
		expect(sign.status).toBe(200);
		const html = await sign.text();
		expect(html).toContain(title);
		expect(html).not.toContain('id="door-check-in"');
		expect((await session.get(`/lokaler/${room.slug}/skilt/data`)).status).toBe(200);

		// a room out of use with no event that day has no sign
		const unused = await makeRoom({ active: false });
		const missing = await outcome(
			guest.send(`/api/borgerhus/screens/rooms/${unused.slug}`, { method: 'GET' })
		);
		expect(missing.status).toBe(404);
		expect((await session.get(`/lokaler/${unused.slug}/skilt`)).status).toBe(404);
	});

	it('a room out of use keeps its door sign after midnight while an event that began the evening before runs', async () => {
		const system = await systemClient();
		const tag = randomUUID().slice(0, 6);
		const room = await makeRoom({ name: `Natlokale ude af brug ${tag}` });
		// from 22:00 the house evening before this house day until half an hour from now: across midnight
		const today = localParts(Date.now()).date;
		const start = localToUtc(addDays(today, -1), '22:00') as number;
		const title = `Nattens koncert ${tag}`;
		await system.collection('events').create({
			title,
			description: 'Til test',
			category: 'concert',
			room: room.id,
			start: toPbDate(start),
			end: at(30),
			state: 'published',
			registration: false,
			capacity: 0
		});
		await system.collection('rooms').update(room.id, { active: false });

		const guest = guestClient();
		const door = await outcome(
			guest.send<DoorData>(`/api/borgerhus/screens/rooms/${room.slug}`, { method: 'GET' })
		);
		expect(door.status).toBe(200);
		expect((door.body as DoorData).state).toBe('busy');
		expect((door.body as DoorData).current?.label).toBe(title);
		const session = new AppSession();
		const sign = await session.get(`/lokaler/${room.slug}/skilt`);
		expect(sign.status).toBe(200);
		expect(await sign.text()).toContain(title);
		expect((await session.get(`/lokaler/${room.slug}/skilt/data`)).status).toBe(200);
		const lobby = await guest.send<LobbyData>('/api/borgerhus/screens/lobby', { method: 'GET' });
		expect(lobby.rooms.filter((r) => r.slug === room.slug).map((r) => r.label)).toEqual([title]);
	});
	it('a draft event in a room out of use is not shown: the room reads as out of use, not busy', async () => {
		const system = await systemClient();
		const tag = randomUUID().slice(0, 6);
		const event = (room: string, title: string, state: string, start: string, end: string) =>
			system.collection('events').create({
				title,
				description: 'Til test',
				category: 'concert',
				room,
				start,
				end,
				state,
				registration: false,
				capacity: 0
			});
		// a room out of use whose only claim today is a draft event
		const quiet = await makeRoom({ name: `Udkastlokale ude af brug ${tag}` });
		const draftTitle = `Hemmeligt udkast ${tag}`;
		await event(quiet.id, draftTitle, 'draft', at(-30), at(30));
		await system.collection('rooms').update(quiet.id, { active: false });
		// a room out of use with a published event now and a draft event after it
		const mixed = await makeRoom({ name: `Blandet lokale ude af brug ${tag}` });
		const title = `Husets koncert ${tag}`;
		await event(mixed.id, title, 'published', at(-30), at(30));
		await event(mixed.id, `Andet udkast ${tag}`, 'draft', at(60), at(90));
		await system.collection('rooms').update(mixed.id, { active: false });

		const guest = guestClient();
		const session = new AppSession();
		const missing = await outcome(
			guest.send(`/api/borgerhus/screens/rooms/${quiet.slug}`, { method: 'GET' })
		);
		expect(missing.status).toBe(404);
		expect((await session.get(`/lokaler/${quiet.slug}/skilt`)).status).toBe(404);

		const door = await guest.send<DoorData>(`/api/borgerhus/screens/rooms/${mixed.slug}`, { method: 'GET' });
		expect(door.state).toBe('busy');
		expect(door.current?.label).toBe(title);
		expect(door.next).toBeNull();
		expect(door.today.map((c) => [c.kind, c.label])).toEqual([['event', title]]);

		const lobby = await guest.send<LobbyData>('/api/borgerhus/screens/lobby', { method: 'GET' });
		expect(lobby.rooms.filter((r) => r.slug === quiet.slug)).toEqual([]);
		expect(lobby.rooms.filter((r) => r.slug === mixed.slug).map((r) => r.label)).toEqual([title]);
	});

	it('a draft event in a room out of use is not in the busy rows a guest or a citizen reads either', async () => {
		const system = await systemClient();
		const [citizen, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const tag = randomUUID().slice(0, 6);
		const room = await makeRoom({ name: `Lukket lokale med udkast ${tag}` });
		const event = (title: string, state: string, start: string, end: string) =>
			system.collection('events').create({
				title,
				description: 'Til test',
				category: 'concert',
				room: room.id,
				start,
				end,
				state,
				registration: false,
				capacity: 0
			});
		const title = `Husets koncert ${tag}`;
		const published = await event(title, 'published', at(60), at(90));
		const draft = await event(`Uanmeldt udkast ${tag}`, 'draft', at(120), at(150));
		await system.collection('rooms').update(room.id, { active: false });
		const draftRow = await system.collection('room_busy').getFirstListItem(`source = "${draft.id}"`);
		// nothing but the house's own events can hold a room out of use: a nameless row there could only be
		// an event nobody announced, which the screens do not show (shownKinds) and the records API must not
		for (const who of [guestClient(), citizen.pb]) {
			const rows = await who.collection('room_busy').getFullList({ filter: `room = "${room.id}"` });
			expect(rows.map((r) => [r.kind, r.label])).toEqual([['event', title]]);
			expect((await outcome(who.collection('room_busy').getOne(draftRow.id))).status).toBe(404);
			const rooms = await who.collection('rooms').getFullList({
				filter: `id = "${room.id}" && room_busy_via_room.tentative ?= true`
			});
			expect(rooms).toEqual([]);
		}
		// nor does PocketBase's own realtime tell a guest of it
		const heard = await listen(stack().pbUrl, '', ['room_busy/*']);
		await system.collection('events').update(draft.id, { start: at(125), end: at(155) });
		await system.collection('events').update(published.id, { start: at(65), end: at(95) });
		const publishedRow = await system.collection('room_busy').getFirstListItem(`source = "${published.id}"`);
		await until(() => heard.text().includes(publishedRow.id));
		expect(heard.text()).not.toContain(draftRow.id);
		heard.close();
		// staff plan the house: they still read it
		const all = await staff.pb.collection('room_busy').getFullList({ filter: `room = "${room.id}"` });
		expect(all.map((r) => r.kind).sort()).toEqual(['booking', 'event']);
		// taken into use again, its rows read as any room's
		await system.collection('rooms').update(room.id, { active: true });
		const again = await guestClient()
			.collection('room_busy')
			.getFullList({ filter: `room = "${room.id}"` });
		expect(again.map((r) => r.id).sort()).toEqual(
			[draftRow.id, ...all.filter((r) => r.kind === 'event').map((r) => r.id)].sort()
		);
	});
});

describe('show_publicly is the booker’s choice', () => {
	async function world() {
		const [booker, admin, member, other, staff] = await Promise.all([
			createUser({ name: 'Booker Bo' }),
			createUser({ name: 'Admin Alma' }),
			createUser({ name: 'Medlem Mia' }),
			createUser(),
			createUser({ staff: true })
		]);
		const [room, association] = await Promise.all([makeRoom(), makeAssociation()]);
		await Promise.all([
			join(association.id, booker, 'booker'),
			join(association.id, admin, 'admin'),
			join(association.id, member, 'member')
		]);
		const day = someDay();
		const booking = await book(booker, room.id, {
			...slot(day, '10:00', '11:00'),
			association: association.id
		});
		return { booker, admin, member, other, staff, room, association, booking, day };
	}
	const label = async (source: string) => {
		const system = await systemClient();
		const rows = await system.collection('room_busy').getFullList({ filter: `source = "${source}"` });
		return rows[0]?.label;
	};

	it('the booker sets it when booking, and the association’s name becomes public', async () => {
		const w = await world();
		const shown = await book(w.booker, w.room.id, {
			...slot(w.day, '13:00', '14:00'),
			association: w.association.id,
			show_publicly: true
		});
		expect(shown.show_publicly).toBe(true);
		expect(await label(shown.id)).toBe(w.association.name);
		expect(await label(w.booking.id)).toBe('');
	});

	it('shows only a verified name: a renamed association is unnamed until staff verify it again', async () => {
		const w = await world();
		const shown = await book(w.booker, w.room.id, {
			...slot(w.day, '13:00', '14:00'),
			association: w.association.id,
			show_publicly: true
		});
		expect(await label(shown.id)).toBe(w.association.name);
		const renamed = `Omdøbt ${Date.now()}`;
		await w.admin.pb.collection('associations').update(w.association.id, { name: renamed });
		expect(await label(shown.id)).toBe('');
		// a later save of the booking does not bring the unverified name back
		await w.booker.pb.collection('bookings').update(shown.id, { purpose: 'Bestyrelsesmøde' });
		expect(await label(shown.id)).toBe('');
		await w.staff.pb.send(`/api/borgerhus/associations/${w.association.id}/verify`, { method: 'POST' });
		expect(await label(shown.id)).toBe(renamed);
		await w.staff.pb.send(`/api/borgerhus/associations/${w.association.id}/unverify`, { method: 'POST' });
		expect(await label(shown.id)).toBe('');
	});

	it('a name taken down leaves no id the public saw under it, and one put up shows no earlier id', async () => {
		const w = await world();
		const guest = guestClient();
		const row = async () => {
			const rows = await guest.collection('room_busy').getFullList({ filter: `room = "${w.room.id}"` });
			expect(rows).toHaveLength(1);
			return { id: rows[0]!.id, label: rows[0]!.label };
		};
		const hidden = await row();
		await w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: true });
		const shown = await row();
		expect(shown.label).toBe(w.association.name);
		expect(shown.id).not.toBe(hidden.id);
		// the booker takes the name down
		await w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: false });
		const down = await row();
		expect(down.label).toBe('');
		expect([hidden.id, shown.id]).not.toContain(down.id);
		// staff withdraw the association's verification
		await w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: true });
		const up = await row();
		expect(up.label).toBe(w.association.name);
		await w.staff.pb.send(`/api/borgerhus/associations/${w.association.id}/unverify`, { method: 'POST' });
		const unverified = await row();
		expect(unverified.label).toBe('');
		expect([hidden.id, shown.id, down.id, up.id]).not.toContain(unverified.id);
	});

	it('a booker removed from the association can no longer put its name up, nor take it down', async () => {
		const w = await world();
		const system = await systemClient();
		const [membership] = await system.collection('memberships').getFullList({
			filter: system.filter('association = {:a} && user = {:u}', {
				a: w.association.id,
				u: w.booker.record.id
			})
		});
		await w.admin.pb.send(`/api/borgerhus/memberships/${membership!.id}/remove`, { method: 'POST' });
		const put = await outcome(
			w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: true })
		);
		expect([put.status, codesOf(put.body)]).toEqual([400, ['rooms_not_booker']]);
		expect(await label(w.booking.id)).toBe('');
		// the admin may; the booking is no longer the removed booker's to change (rule 3), so the
		// association's admins and bookers take the name down
		await w.admin.pb.collection('bookings').update(w.booking.id, { show_publicly: true });
		expect(await label(w.booking.id)).toBe(w.association.name);
		const down = await outcome(
			w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: false })
		);
		expect([down.status, codesOf(down.body)]).toEqual([400, ['rooms_not_booker']]);
		expect(await label(w.booking.id)).toBe(w.association.name);
		await w.admin.pb.collection('bookings').update(w.booking.id, { show_publicly: false });
		expect(await label(w.booking.id)).toBe('');
	});

	it('a private booking cannot be shown by name', async () => {
		const w = await world();
		const result = await outcome(
			book(w.booker, w.room.id, { ...slot(w.day, '13:00', '14:00'), show_publicly: true })
		);
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toContain('rooms_show_publicly_private');
		const season = await outcome(
			w.booker.pb.send('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: w.room.id,
					purpose: 'Træning',
					attendees: 4,
					first_date: slot(w.day, '10:00', '11:00').start.slice(0, 10),
					last_date: slot(w.day + 14, '10:00', '11:00').start.slice(0, 10),
					interval: 1,
					start_time: '16:00',
					end_time: '17:00',
					show_publicly: true
				}
			})
		);
		expect(season.status).toBe(400);
		expect(codesOf(season.body)).toContain('rooms_show_publicly_private');
	});

	it.each([
		['the booker', 'booker', 200, ''],
		['an admin of the association', 'admin', 200, ''],
		['staff', 'staff', 400, 'core_forbidden'],
		['a plain member', 'member', 404, ''],
		['someone else', 'other', 404, '']
	] as const)('%s (%s) changing it', async (_name, who, status, code) => {
		const w = await world();
		const result = await outcome(
			w[who].pb.collection('bookings').update(w.booking.id, { show_publicly: true })
		);
		expect(result.status, JSON.stringify(result.body)).toBe(status);
		if (code) expect(codesOf(result.body)).toContain(code);
		const system = await systemClient();
		const stored = await system.collection('bookings').getOne(w.booking.id);
		expect(stored.show_publicly).toBe(status === 200);
		expect(await label(w.booking.id)).toBe(status === 200 ? w.association.name : '');
	});

	it('turning it off hides the name again; a cancelled booking leaves the screens', async () => {
		const w = await world();
		await w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: true });
		await w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: false });
		expect(await label(w.booking.id)).toBe('');
		const bad = await outcome(
			w.booker.pb.collection('bookings').update(w.booking.id, { show_publicly: 'ja' })
		);
		expect(bad.status).toBe(400);
		await w.booker.pb.collection('bookings').update(w.booking.id, { status: 'cancelled' });
		expect(await label(w.booking.id)).toBeUndefined();
	});

	it('a season booking shown publicly shows each date by name', async () => {
		const w = await world();
		const first = slot(w.day, '10:00', '11:00').start;
		const answer = await w.booker.pb.send<{ booked: { id: string }[] }>('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: w.room.id,
				association: w.association.id,
				purpose: 'Træning',
				attendees: 4,
				first_date: new Date(Date.parse(first.replace(' ', 'T'))).toISOString().slice(0, 10),
				last_date: new Date(Date.parse(first.replace(' ', 'T')) + 14 * 86_400_000).toISOString().slice(0, 10),
				interval: 1,
				start_time: '16:00',
				end_time: '17:00',
				show_publicly: true
			}
		});
		expect(answer.booked.length).toBeGreaterThan(0);
		for (const b of answer.booked) expect(await label(b.id)).toBe(w.association.name);
	});
});

// An unattended screen opened while PocketBase does not answer (a TV restarting during an update) shows a
// page that loads itself again, never an error page nothing would leave. The built app on its own, with
// PocketBase's address pointing nowhere.
describe('the lobby screen and a door sign without PocketBase', () => {
	it('wait and load themselves again instead of showing an error page', async () => {
		const app = await appWithoutPocketBase();
		try {
			for (const [path, language, text] of [
				['/skaerm', 'da', 'Skærmen forbinder til huset'],
				['/skaerm?sprog=en', 'en', 'The screen is connecting to the house'],
				['/lokaler/salen/skilt', 'da', 'Skærmen forbinder til huset']
			] as const) {
				const response = await fetch(`${app.origin}${path}`, {
					headers: { 'accept-language': 'da' }
				});
				expect(response.status, path).toBe(200);
				const html = await response.text();
				expect(html, path).toContain(text);
				expect(html, path).toContain(`lang="${language}"`);
				expect(html, path).toContain('data-waiting');
				expect(html, path).not.toContain('http-equiv="refresh"');
			}
			// a sign's address that cannot be a room is still "not found"
			expect((await fetch(`${app.origin}/lokaler/Ikke%20et%20rum/skilt`)).status).toBe(404);
		} finally {
			await app.stop();
		}
	});
});

describe('a screen in the language chosen for it', () => {
	it('names that language on the page itself, whatever the language of the browser showing it', async () => {
		const room = await makeRoom({ name: `Sprogskilt ${randomUUID().slice(0, 6)}` });
		const session = new AppSession();
		const pageLanguage = async (path: string) => {
			const response = await session.get(path);
			expect(response.status, path).toBe(200);
			return /<html lang="([^"]*)"/.exec(await response.text())?.[1];
		};
		// a browser in Danish (the first language) shows a screen set to English
		expect(await pageLanguage('/skaerm?sprog=en')).toBe('en');
		expect(await pageLanguage(`/lokaler/${room.slug}/skilt?sprog=en`)).toBe('en');
		// and one switched to English shows a screen set to Danish
		await session.post('/sprog', { language: 'en', redirectTo: '/' });
		expect(await pageLanguage('/skaerm?sprog=da')).toBe('da');
		expect(await pageLanguage(`/lokaler/${room.slug}/skilt?sprog=da`)).toBe('da');
		// without a choice, the browser's language, as on every page
		expect(await pageLanguage(`/lokaler/${room.slug}/skilt`)).toBe('en');
		expect(await pageLanguage('/lokaler?sprog=da')).toBe('en');
	});
});

describe('the house’s own words on a screen in English', () => {
	it('are marked as Danish, as on every English page', async () => {
		const ctx = await arrange();
		const session = new AppSession();
		const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const markedDanish = (html: string, text: string) =>
			new RegExp(`<[^>]*\\blang="da"[^>]*>\\s*${escaped(text)}\\s*<`).test(html);
		const lobby = await (await session.get('/skaerm?sprog=en')).text();
		expect(lobby).toContain(ctx.eventTitle);
		expect(markedDanish(lobby, ctx.eventTitle), 'an event’s title').toBe(true);
		expect(markedDanish(lobby, ctx.association.name), 'an association’s name').toBe(true);
		const event = await (await session.get(`/lokaler/${ctx.rooms.eventRoom.slug}/skilt?sprog=en`)).text();
		expect(markedDanish(event, ctx.eventTitle), 'the event now on its door').toBe(true);
		const shown = await (await session.get(`/lokaler/${ctx.rooms.shown.slug}/skilt?sprog=en`)).text();
		expect(markedDanish(shown, ctx.association.name), 'the association now on its door').toBe(true);
		// the screen's own words are English, and not marked otherwise
		expect(markedDanish(shown, 'Booked')).toBe(false);
	});
});
