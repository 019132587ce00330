import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, guestClient, PASSWORD } from '../helpers/pocketbase';
import { arrange, inHours } from './overview-arrange';
import type PocketBase from 'pocketbase';
import { queuePlaces, type QueueHold } from '../../pb_hooks/lib/library-queue.js';
import type { TimelineInput } from '../../src/lib/overview/timeline';

/** A user with an entry of every kind, and the names to look for. */
async function userWithEverything() {
	const a = await arrange();
	const owner = await createUser({ name: 'Alma Overblik' });
	const fellow = await createUser({ name: 'Foreningsven' });
	const stranger = await createUser({ name: 'Fremmed' });
	const room = await a.room();
	const assocRoom = await a.room();
	const pastRoom = await a.room();
	const assoc = await a.association([owner.record.id, fellow.record.id]);
	const own = await a.booking({
		booker: owner.record.id,
		room: room.id,
		start: inHours(50),
		end: inHours(52),
		status: 'pending'
	});
	const assocBooking = await a.booking({
		booker: fellow.record.id,
		association: assoc.id,
		room: assocRoom.id,
		start: inHours(100),
		end: inHours(102)
	});
	const past = await a.booking({
		booker: owner.record.id,
		room: pastRoom.id,
		start: inHours(-72),
		end: inHours(-70)
	});
	// Queue: the stranger placed a hold first, so the owner is number 2; a paused hold keeps its place.
	const queued = await a.title();
	await a.hold({ patron: stranger.record.id, title: queued.id, placed_at: inHours(-48) });
	const waiting = await a.hold({ patron: owner.record.id, title: queued.id, placed_at: inHours(-24) });
	const pausedTitle = await a.title();
	await a.hold({
		patron: fellow.record.id,
		title: pausedTitle.id,
		placed_at: inHours(-10),
		status: 'paused'
	});
	await a.hold({ patron: stranger.record.id, title: pausedTitle.id, placed_at: inHours(-9) });
	const paused = await a.hold({
		patron: owner.record.id,
		title: pausedTitle.id,
		placed_at: inHours(-5),
		status: 'paused'
	});
	const readyTitle = await a.title();
	const ready = await a.hold({
		patron: owner.record.id,
		title: readyTitle.id,
		status: 'ready',
		pickup_shelf: 'R-17',
		pickup_deadline: inHours(30)
	});
	const loanTitle = await a.title();
	const loan = await a.loan({ patron: owner.record.id, title: loanTitle.id, due: inHours(24 * 10) });
	const event = await a.event();
	const shift = await a.shift({ event: event.id, start: inHours(24 * 20 - 1), end: inHours(24 * 20 + 3) });
	const signup = await a.signup({ shift: shift.id, user: owner.record.id });
	const registration = await a.registration({ event: event.id, user: owner.record.id });
	return {
		a,
		owner,
		fellow,
		stranger,
		names: {
			room: room.name,
			assocRoom: assocRoom.name,
			pastRoom: pastRoom.name,
			queued: queued.title,
			paused: pausedTitle.title,
			ready: readyTitle.title,
			loan: loanTitle.title,
			task: shift.task,
			event: event.title
		},
		ids: { own, assocBooking, past, waiting, paused, ready, loan, signup, registration }
	};
}

describe('Mit overblik: one timeline of everything a user has', () => {
	it('shows bookings (own and the association’s), holds with queue place and pickup, loans, shifts and registrations', async () => {
		const s = await userWithEverything();
		const session = new AppSession();
		expect((await session.signIn(s.owner.email, PASSWORD)).status).toBe(303);
		const response = await session.get('/overblik');
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const name of Object.values(s.names)) expect(html).toContain(name);
		expect(html).toContain('Venter på godkendelse fra personalet');
		expect(html).toContain('Du er nr. 2 i køen');
		// the paused hold keeps its place behind the earlier paused and waiting holds
		expect(html).toContain('Du beholder din plads som nr. 3 i køen');
		expect(html).toContain('Klar til afhentning på hylde R-17');
		expect(html).toContain('Lånt. Aflever senest');
		expect(html).toContain(`/kalender/booking/${s.ids.own.id}.ics`);
		expect(html).toContain(`/billet/${s.ids.registration.id}`);
		// upcoming comes before history
		expect(html.indexOf('Kommende')).toBeLessThan(html.indexOf(s.names.pastRoom));
		expect(html.indexOf(s.names.room)).toBeLessThan(html.indexOf(s.names.assocRoom));

		// the route behind it: records with their expands, and places computed from the queue rule
		const input = await s.owner.pb.send<TimelineInput>('/api/borgerhus/overview', {});
		expect(input.bookings.map((b) => b.id).sort()).toEqual(
			[s.ids.own.id, s.ids.assocBooking.id, s.ids.past.id].sort()
		);
		expect(input.bookings.find((b) => b.id === s.ids.assocBooking.id)?.expand?.room?.name).toBe(
			s.names.assocRoom
		);
		expect(input.places).toEqual({ [s.ids.waiting.id]: 2, [s.ids.paused.id]: 3 });
		expect(input.signups[0]?.expand?.shift?.expand?.event?.title).toBe(s.names.event);
	});

	it('shows another citizen none of it, through the app or the raw API', async () => {
		const s = await userWithEverything();
		const session = new AppSession();
		await session.signIn(s.stranger.email, PASSWORD);
		const html = await (await session.get('/overblik')).text();
		// (the stranger holds two of the same titles themselves, so those names may appear)
		for (const key of ['room', 'assocRoom', 'pastRoom', 'ready', 'loan', 'task'] as const)
			expect(html).not.toContain(s.names[key]);

		const pb = s.stranger.pb;
		const owner = s.owner.record.id;
		const f = (field: string) => ({ filter: pb.filter(`${field} = {:u}`, { u: owner }) });
		expect((await pb.collection('bookings').getList(1, 50, f('booker'))).items).toEqual([]);
		expect((await pb.collection('holds').getList(1, 50, f('patron'))).items).toEqual([]);
		expect((await pb.collection('loans').getList(1, 50, f('patron'))).items).toEqual([]);
		expect((await pb.collection('signups').getList(1, 50, f('user'))).items).toEqual([]);
		expect((await pb.collection('registrations').getList(1, 50, f('user'))).items).toEqual([]);
		await expect(pb.collection('holds').getOne(s.ids.waiting.id)).rejects.toMatchObject({ status: 404 });
		await expect(pb.collection('bookings').getOne(s.ids.own.id)).rejects.toMatchObject({ status: 404 });
		// the overview route answers for the token's user only
		const theirs = await pb.send<TimelineInput>('/api/borgerhus/overview', {});
		const ownerIds = Object.values(s.ids).map((r) => r.id);
		for (const list of [theirs.bookings, theirs.holds, theirs.loans, theirs.signups, theirs.registrations])
			for (const record of list) expect(ownerIds).not.toContain(record.id);
		expect(theirs.places[s.ids.waiting.id]).toBeUndefined();
		// the stranger's own two holds: first in one queue, second (behind a paused hold) in the other
		expect(Object.values(theirs.places).sort()).toEqual([1, 2]);
		expect((await pb.send<{ count: number }>('/api/borgerhus/overview/unread', {})).count).toBe(0);

		// the owner's "add to calendar" file is theirs alone
		expect((await session.get(`/kalender/booking/${s.ids.own.id}.ics`)).status).toBe(404);
	});

	it('gives every queue place as the library orders its queue, equal placement times included', async () => {
		const a = await arrange();
		const title = await a.title();
		const at = [inHours(-30), inHours(-20), inHours(-10)];
		// placement time (index into at) and status of each patron's hold; three placed at the same time
		const plan: [number, string][] = [
			[1, 'waiting'],
			[0, 'paused'],
			[1, 'waiting'],
			[1, 'ready'],
			[2, 'waiting'],
			[0, 'cancelled'],
			[1, 'paused'],
			[0, 'waiting']
		];
		const patrons = new Map<string, PocketBase>();
		for (const [time, status] of plan) {
			const patron = await createUser();
			const hold = await a.hold({ patron: patron.record.id, title: title.id, status, placed_at: at[time] });
			patrons.set(hold.id, patron.pb);
		}
		// the holds as they stand (a new copy for the ready one goes to the first in line)
		const holds = await a.system.collection('holds').getFullList<QueueHold>({
			filter: a.system.filter('title = {:t}', { t: title.id })
		});
		const expected = queuePlaces(holds);
		const queued = holds.filter((h) => expected[h.id]);
		expect(queued.length).toBeGreaterThanOrEqual(4);
		// some stand in the queue with the same placement time, so the id decides between them
		expect(new Set(queued.map((h) => h.placed_at)).size).toBeLessThan(queued.length);
		for (const hold of holds) {
			const answer = await patrons.get(hold.id)!.send<TimelineInput>('/api/borgerhus/overview', {});
			expect(answer.places[hold.id]).toBe(expected[hold.id]);
		}
	});

	it('leaves out a related record the user may not view, as an expand would', async () => {
		const a = await arrange();
		const user = await createUser();
		const room = await a.room();
		// an association the user booked for, left, and that is not (or no longer) verified
		const assoc = await a.association([]);
		await a.system.collection('associations').update(assoc.id, { verified: false });
		const booking = await a.booking({
			booker: user.record.id,
			association: assoc.id,
			room: room.id,
			start: inHours(30),
			end: inHours(32)
		});
		const visible = await a.association([user.record.id]);
		const other = await a.booking({
			booker: user.record.id,
			association: visible.id,
			room: room.id,
			start: inHours(40),
			end: inHours(42)
		});
		const answer = await user.pb.send<TimelineInput>('/api/borgerhus/overview', {});
		const row = (id: string) => answer.bookings.find((b) => b.id === id);
		expect(row(booking.id)?.expand?.room?.name).toBe(room.name);
		expect(row(booking.id)?.expand?.association).toBeUndefined();
		expect(row(other.id)?.expand?.association?.name).toBe(visible.name);
		// the records API's own expand says the same
		await expect(user.pb.collection('associations').getOne(assoc.id)).rejects.toMatchObject({ status: 404 });
	});

	it('leaves out a cancelled place of an event taken back to a draft, as the calendar feed does, and still shows the latest ten', async () => {
		const a = await arrange();
		const [user, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// ten tickets the user cancelled, of published events (the history holds ten)
		const shown: string[] = [];
		for (let i = 0; i < 10; i++) {
			const event = await a.event({ start: inHours(24 * 5 + i), end: inHours(24 * 5 + i + 1) });
			const ticket = await a.registration({ event: event.id, user: user.record.id });
			await user.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
			shown.push(ticket.id);
		}
		// and a ticket and a shift place the house cancelled, of a later event staff then took back to a draft
		const plan = `INTERN plan ${Date.now()}`;
		const later = await a.event({ start: inHours(24 * 25), end: inHours(24 * 25 + 2) });
		const shift = await a.shift({ event: later.id, start: inHours(24 * 25), end: inHours(24 * 25 + 2) });
		const ticket = await a.registration({ event: later.id, user: user.record.id });
		const place = await a.signup({ shift: shift.id, user: user.record.id });
		await staff.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(place.id, { status: 'cancelled' });
		await staff.pb.collection('events').update(later.id, { state: 'draft', title: plan });
		await expect(user.pb.collection('events').getOne(later.id)).rejects.toMatchObject({ status: 404 });

		const input = await user.pb.send<TimelineInput>('/api/borgerhus/overview', {});
		expect(input.registrations.map((r) => r.id).sort()).toEqual([...shown].sort());
		expect(input.signups).toEqual([]);
		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		const html = await (await session.get('/overblik')).text();
		for (const id of shown) expect(html).toContain(`entry-registration:${id}`);
		expect(html).not.toContain(`entry-registration:${ticket.id}`);
		expect(html).not.toContain(`entry-shift:${place.id}`);
		expect(html).not.toContain(plan);
		// no card without a title, and the ten are all there is
		expect(html).not.toMatch(/<h3[^>]*>\s*<\/h3>/);
		expect(html).not.toContain('Her ser du de 10 seneste.');
	});

	it('sends guests to sign in and refuses them the overview routes', async () => {
		const response = await new AppSession().get('/overblik');
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/log-ind/);
		for (const route of ['/api/borgerhus/overview', '/api/borgerhus/overview/unread'])
			await expect(guestClient().send(route, {})).rejects.toMatchObject({ status: 401 });
	});

	it('cancels, pauses and resumes through the app with the user’s own rights only', async () => {
		const s = await userWithEverything();
		const owner = new AppSession();
		await owner.signIn(s.owner.email, PASSWORD);
		const stranger = new AppSession();
		await stranger.signIn(s.stranger.email, PASSWORD);
		const system = s.a.system;

		const refused = await stranger.post('/overblik?/cancel', { kind: 'booking', id: s.ids.own.id });
		expect(refused.status).toBe(404);
		expect((await system.collection('bookings').getOne(s.ids.own.id)).status).toBe('pending');

		const cancelled = await owner.post('/overblik?/cancel', { kind: 'booking', id: s.ids.own.id });
		expect(cancelled.status).toBe(200);
		const booking = await system.collection('bookings').getOne(s.ids.own.id);
		expect(booking.status).toBe('cancelled');
		expect(booking.cancelled_by).toBe(s.owner.record.id);

		expect((await owner.post('/overblik?/pause', { kind: 'hold', id: s.ids.waiting.id })).status).toBe(200);
		expect((await system.collection('holds').getOne(s.ids.waiting.id)).status).toBe('paused');
		expect((await owner.post('/overblik?/resume', { kind: 'hold', id: s.ids.waiting.id })).status).toBe(200);
		expect((await system.collection('holds').getOne(s.ids.waiting.id)).status).toBe('waiting');

		const bad = await owner.post('/overblik?/cancel', { kind: 'loan', id: s.ids.loan.id });
		expect(bad.status).toBe(400);
		const hostile = await owner.post('/overblik?/cancel', { kind: 'booking', id: '") || 1=1 --' });
		expect(hostile.status).toBe(400);
	});

	it('shows the next 20 upcoming entries across kinds, then says where the rest are', async () => {
		const a = await arrange();
		const user = await createUser();
		const room = await a.room();
		// 24 weekly bookings, and one shift between the first two
		for (let week = 0; week < 24; week++)
			await a.booking({
				booker: user.record.id,
				room: room.id,
				start: inHours(24 + week * 168),
				end: inHours(26 + week * 168),
				purpose: `Uge ${week + 1}`
			});
		const event = await a.event();
		const shift = await a.shift({ event: event.id, start: inHours(100), end: inHours(103) });
		await a.signup({ shift: shift.id, user: user.record.id });
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const html = await (await session.get('/overblik')).text();
		expect(html).toContain(shift.task);
		expect(html).toContain('>Uge 19<');
		expect(html).not.toContain('>Uge 20<');
		expect(html).toContain('Her ser du de 20 næste.');
		expect(html).toMatch(/href="[^"]*\/bookinger"/);
	});

	it('shows the past as far back as PocketBase reads it, and says how far in the heading', async () => {
		const a = await arrange();
		const owner = await createUser();
		const inside = await a.room();
		const outside = await a.room();
		const input = await owner.pb.send<TimelineInput & { historyDays: number }>('/api/borgerhus/overview', {});
		const days = input.historyDays;
		expect(days).toBeGreaterThan(1);
		await a.booking({
			booker: owner.record.id,
			room: inside.id,
			start: inHours(-24 * (days - 1)),
			end: inHours(-24 * (days - 1) + 1)
		});
		await a.booking({
			booker: owner.record.id,
			room: outside.id,
			start: inHours(-24 * (days + 1)),
			end: inHours(-24 * (days + 1) + 1)
		});
		const session = new AppSession();
		expect((await session.signIn(owner.email, PASSWORD)).status).toBe(303);
		const html = await (await session.get('/overblik')).text();
		expect(html).toContain(`Overstået eller aflyst de seneste ${days} dage`);
		expect(html).toContain(inside.name);
		expect(html).not.toContain(outside.name);
	});

	it('answers many simultaneous loads with the same timeline', async () => {
		const s = await userWithEverything();
		const session = new AppSession();
		await session.signIn(s.owner.email, PASSWORD);
		const pages = await Promise.all(Array.from({ length: 10 }, () => session.get('/overblik')));
		for (const page of pages) {
			expect(page.status).toBe(200);
			expect(await page.text()).toContain('Du er nr. 2 i køen');
		}
	});
});
