import { describe, expect, it } from 'vitest';
import { createUser, guestClient, systemClient, type TestUser } from '../helpers/pocketbase';
import { codesOf, outcome } from '../helpers/scenarios';
import { book, houseDate, houseTime, makeRoom, slot } from './rooms-arrange';
import { activity, club, makeSeason, seasonRooms, send, slotId } from './season-arrange';

// Closing a room (docs/rules.md, "Closures and rooms taken out of use"): a closure or a room taken out of
// use with bookings inside is refused unless staff confirm the bookings they were shown; then each is
// cancelled with the house's reason and each booker told once, in the closing write's transaction.

interface Preview {
	bookings: { id: string; room: string; booker: string; association: string; status: string }[];
	events: { id: string; title: string }[];
}

const preview = (pb: TestUser['pb'], query: Record<string, string>) =>
	pb.send<Preview>('/api/borgerhus/rooms/closing', { query });

/** A day with nothing else on it, for the whole-house closures (no other test books this far ahead). */
const farDay = () => 700 + Math.floor(Math.random() * 250);

async function world() {
	const system = await systemClient();
	const [eva, anders, staff] = await Promise.all([
		createUser({ name: 'Ejer Eva' }),
		createUser({ name: 'Anden Anders' }),
		createUser({ staff: true, name: 'Personale Per' })
	]);
	const [room, approvalRoom] = await Promise.all([makeRoom(), makeRoom({ requires_approval: true })]);
	const day = 30 + Math.floor(Math.random() * 600);
	const [first, second, pending, outside] = await Promise.all([
		book(eva, room.id, slot(day, '10:00', '11:00')),
		book(eva, room.id, slot(day, '14:00', '15:00')),
		book(anders, approvalRoom.id, slot(day, '10:00', '11:00')),
		book(anders, room.id, slot(day + 1, '10:00', '11:00'))
	]);
	return { system, eva, anders, staff, room, approvalRoom, day, first, second, pending, outside };
}
type World = Awaited<ReturnType<typeof world>>;

const closure = (w: World, room: string, fields: Record<string, unknown> = {}) => ({
	room,
	start: houseTime(w.day, '00:00'),
	end: houseTime(w.day + 1, '00:00'),
	reason: 'Vandskade',
	...fields
});

const statusOf = async (w: World, id: string) => (await w.system.collection('bookings').getOne(id)).status;
const closuresOf = async (w: World, room: string) =>
	w.system.collection('closures').getFullList({ filter: w.system.filter('room = {:room}', { room }) });
const messagesOf = async (w: World, user: TestUser) =>
	w.system.collection('notifications').getFullList({
		filter: w.system.filter('user = {:user} && kind = "booking_cancelled"', { user: user.record.id })
	});

describe('a closure over bookings already given', () => {
	it('is refused until staff confirm, and nothing changes', async () => {
		const w = await world();
		const result = await outcome(w.staff.pb.collection('closures').create(closure(w, w.room.id)));
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toEqual(['rooms_closing_bookings']);
		expect(await closuresOf(w, w.room.id)).toHaveLength(0);
		expect(await statusOf(w, w.first.id)).toBe('approved');
		expect(await statusOf(w, w.second.id)).toBe('approved');
	});

	it('shows staff what it would cancel, and only staff', async () => {
		const w = await world();
		const query = {
			room: w.room.id,
			start: houseTime(w.day, '00:00'),
			end: houseTime(w.day + 1, '00:00')
		};
		const seen = await preview(w.staff.pb, query);
		expect(seen.bookings.map((b) => b.id).sort()).toEqual([w.first.id, w.second.id].sort());
		expect(seen.bookings[0]).toMatchObject({ booker: 'Ejer Eva', status: 'approved' });
		expect(seen.events).toEqual([]);
		for (const pb of [w.eva.pb, guestClient()]) {
			const refused = await outcome(preview(pb, query));
			expect([401, 403]).toContain(refused.status);
			expect(JSON.stringify(refused.body)).not.toContain(w.first.id);
		}
		const bad = await outcome(preview(w.staff.pb, { ...query, start: 'i morgen' }));
		expect(bad.status).toBe(400);
		expect(codesOf(bad.body)).toEqual(['core_invalid_date']);
	});

	it('cancels the confirmed bookings with its reason and tells each booker once', async () => {
		const w = await world();
		const seen = await preview(w.staff.pb, {
			room: w.room.id,
			start: houseTime(w.day, '00:00'),
			end: houseTime(w.day + 1, '00:00')
		});
		const made = await w.staff.pb
			.collection('closures')
			.create({ ...closure(w, w.room.id), cancel_bookings: seen.bookings.map((b) => b.id) });
		for (const id of [w.first.id, w.second.id]) {
			const stored = await w.system.collection('bookings').getOne(id);
			expect(stored).toMatchObject({
				status: 'cancelled',
				cancel_reason: 'Vandskade',
				cancelled_by: w.staff.record.id
			});
		}
		// the next day's booking and the other room's are untouched
		expect(await statusOf(w, w.outside.id)).toBe('approved');
		expect(await statusOf(w, w.pending.id)).toBe('pending');
		const told = await messagesOf(w, w.eva);
		expect(told).toHaveLength(1);
		expect(told[0]?.body).toContain('2 bookinger i');
		expect(told[0]?.body).toContain('Vandskade');
		expect(await messagesOf(w, w.anders)).toHaveLength(0);
		const busy = await w.system.collection('room_busy').getFullList({
			filter: w.system.filter('source = {:a} || source = {:b}', { a: w.first.id, b: w.second.id })
		});
		expect(busy).toHaveLength(0);
		const audit = await w.system.collection('audit_log').getFullList({
			filter: w.system.filter('target_id = {:id} && action = "closure_bookings_cancelled"', { id: made.id })
		});
		expect(audit).toHaveLength(1);
		expect(audit[0]?.actor).toBe(w.staff.record.id);
		expect((audit[0]?.details as { cancelled: string[] }).cancelled.sort()).toEqual(
			[w.first.id, w.second.id].sort()
		);
	});

	it('is refused again when a booking was made after staff were shown the list', async () => {
		const w = await world();
		const late = await book(w.anders, w.room.id, slot(w.day, '18:00', '19:00'));
		const result = await outcome(
			w.staff.pb
				.collection('closures')
				.create({ ...closure(w, w.room.id), cancel_bookings: [w.first.id, w.second.id] })
		);
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toEqual(['rooms_closing_bookings']);
		expect(await closuresOf(w, w.room.id)).toHaveLength(0);
		for (const b of [w.first, w.second, late]) expect(await statusOf(w, b.id)).toBe('approved');
	});

	it('refuses a list of ids that is no list, changing nothing', async () => {
		const w = await world();
		for (const cancel_bookings of [42, { id: w.first.id }, [1, 2], ['<script>'], 'a,b']) {
			const result = await outcome(
				w.staff.pb.collection('closures').create({ ...closure(w, w.room.id), cancel_bookings })
			);
			expect(result.status).toBe(400);
			expect(codesOf(result.body)).toEqual(['core_invalid_value']);
		}
		expect(await closuresOf(w, w.room.id)).toHaveLength(0);
		expect(await statusOf(w, w.first.id)).toBe('approved');
	});

	it('moved onto bookings by an update is refused the same way', async () => {
		const w = await world();
		const made = await w.staff.pb.collection('closures').create(
			closure(w, w.room.id, {
				start: houseTime(w.day + 2, '00:00'),
				end: houseTime(w.day + 3, '00:00')
			})
		);
		const moved = { start: houseTime(w.day, '09:00'), end: houseTime(w.day, '12:00') };
		const result = await outcome(w.staff.pb.collection('closures').update(made.id, moved));
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toEqual(['rooms_closing_bookings']);
		expect((await w.system.collection('closures').getOne(made.id)).start).toBe(houseTime(w.day + 2, '00:00'));
		await w.staff.pb.collection('closures').update(made.id, { ...moved, cancel_bookings: [w.first.id] });
		expect(await statusOf(w, w.first.id)).toBe('cancelled');
		expect(await statusOf(w, w.second.id)).toBe('approved');
	});

	it('over an event is refused even when confirmed: events are moved or cancelled first', async () => {
		const w = await world();
		const event = await w.system.collection('events').create({
			title: 'Koncert i lokalet',
			description: 'Til test',
			category: 'concert',
			room: w.room.id,
			state: 'published',
			...slot(w.day, '19:00', '21:00')
		});
		const query = { room: w.room.id, start: houseTime(w.day, '00:00'), end: houseTime(w.day + 1, '00:00') };
		expect((await preview(w.staff.pb, query)).events.map((e) => e.id)).toEqual([event.id]);
		const result = await outcome(
			w.staff.pb
				.collection('closures')
				.create({ ...closure(w, w.room.id), cancel_bookings: [w.first.id, w.second.id] })
		);
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toEqual(['rooms_closing_events']);
		expect(await statusOf(w, w.first.id)).toBe('approved');
		expect(await closuresOf(w, w.room.id)).toHaveLength(0);
	});

	it('leaves bookings that end as it starts or start as it ends', async () => {
		const w = await world();
		const result = await outcome(
			w.staff.pb.collection('closures').create(
				closure(w, w.room.id, {
					start: houseTime(w.day, '11:00'),
					end: houseTime(w.day, '14:00')
				})
			)
		);
		expect(result.status).toBe(200);
		expect(await statusOf(w, w.first.id)).toBe('approved');
		expect(await statusOf(w, w.second.id)).toBe('approved');
	});

	it('of the whole house cancels in every room', async () => {
		const w = await world();
		const day = farDay();
		const [here, there] = await Promise.all([
			book(w.eva, w.room.id, slot(day, '10:00', '11:00')),
			book(w.anders, w.approvalRoom.id, slot(day, '12:00', '13:00'))
		]);
		const fields = { room: '', start: houseTime(day, '09:00'), end: houseTime(day, '14:00'), reason: 'Valg' };
		const seen = await preview(w.staff.pb, { start: fields.start, end: fields.end });
		// other tests sharing this PocketBase may have bookings on the same day in other rooms
		expect(seen.bookings.map((b) => b.id)).toEqual(expect.arrayContaining([here.id, there.id]));
		await w.staff.pb
			.collection('closures')
			.create({ ...fields, cancel_bookings: seen.bookings.map((b) => b.id) });
		expect(await statusOf(w, here.id)).toBe('cancelled');
		expect(await statusOf(w, there.id)).toBe('cancelled');
		expect((await messagesOf(w, w.anders))[0]?.body).toContain('huset er lukket');
	});

	it('and a booking made at the same moment: one of the two wins, never both', async () => {
		const w = await world();
		const first = farDay();
		// several pairs at once, so that both orders happen
		const rounds = await Promise.all(
			[0, 1, 2, 3, 4, 5].map(async (n) => {
				const day = first + n;
				const fields = closure(w, w.room.id, {
					start: houseTime(day, '00:00'),
					end: houseTime(day + 1, '00:00'),
					cancel_bookings: []
				});
				return Promise.all([
					outcome(w.staff.pb.collection('closures').create(fields)),
					outcome(book(w.eva, w.room.id, slot(day, '10:00', '11:00')))
				]);
			})
		);
		for (const [closed, booked] of rounds) {
			expect([closed.status, booked.status].sort()).toEqual([200, 400]);
			if (closed.status === 400) expect(codesOf(closed.body)).toEqual(['rooms_closing_bookings']);
			else expect(codesOf(booked.body)).toEqual(['rooms_closed']);
		}
	});
});

describe('a room taken out of use', () => {
	it('is refused while bookings lie ahead, then cancels them and the room’s season bookings', async () => {
		const w = await world();
		const series = await w.eva.pb.send<{ series: string; booked: { id: string }[] }>(
			'/api/borgerhus/series',
			{
				method: 'POST',
				body: {
					room: w.room.id,
					association: '',
					purpose: 'Korprøve',
					attendees: 6,
					first_date: houseDate(w.day + 2),
					last_date: houseDate(w.day + 16),
					interval: 1,
					start_time: '18:00',
					end_time: '20:00'
				}
			}
		);
		const refused = await outcome(w.staff.pb.collection('rooms').update(w.room.id, { active: false }));
		expect(refused.status).toBe(400);
		expect(codesOf(refused.body)).toEqual(['rooms_closing_bookings']);
		expect((await w.system.collection('rooms').getOne(w.room.id)).active).toBe(true);

		const seen = await preview(w.staff.pb, { room: w.room.id });
		const ids = seen.bookings.map((b) => b.id);
		expect(ids.sort()).toEqual(
			[w.first.id, w.second.id, w.outside.id, ...series.booked.map((b) => b.id)].sort()
		);
		const noReason = await outcome(
			w.staff.pb.collection('rooms').update(w.room.id, { active: false, cancel_bookings: ids })
		);
		expect(noReason.status).toBe(400);
		expect(codesOf(noReason.body)).toEqual(['rooms_reason_required']);

		await w.staff.pb
			.collection('rooms')
			.update(w.room.id, { active: false, cancel_bookings: ids, cancel_reason: 'Lokalet rives ned' });
		expect((await w.system.collection('rooms').getOne(w.room.id)).active).toBe(false);
		for (const id of ids) expect(await statusOf(w, id)).toBe('cancelled');
		expect((await w.system.collection('booking_series').getOne(series.series)).status).toBe('cancelled');
		expect((await messagesOf(w, w.eva))[0]?.body).toContain('ikke længere kan bookes');
		expect((await messagesOf(w, w.anders))[0]?.body).toContain('Lokalet rives ned');
		// back in use: nothing to confirm
		await w.staff.pb.collection('rooms').update(w.room.id, { active: true });
	});

	it('ends the room’s season bookings still going on, with no date left to cancel too, and leaves those that have ended', async () => {
		const system = await systemClient();
		const [eva, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const [room, other] = await Promise.all([makeRoom(), makeRoom()]);
		const day = 30 + Math.floor(Math.random() * 600);
		const season = (roomId: string) =>
			eva.pb.send<{ series: string; booked: { id: string }[] }>('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: roomId,
					purpose: 'Korprøve',
					attendees: 6,
					first_date: houseDate(day),
					last_date: houseDate(day + 14),
					start_time: '18:00',
					end_time: '20:00'
				}
			});
		// a season whose dates its booker called off one by one: nothing of it is left to cancel
		const [emptied, withBooking] = await Promise.all([season(room.id), season(other.id)]);
		for (const date of emptied.booked) {
			await eva.pb.collection('bookings').update(date.id, { status: 'cancelled' });
		}
		// a season that ended last year, in the room with bookings ahead
		const ended = await system.collection('booking_series').create({
			room: other.id,
			booker: eva.record.id,
			purpose: 'Sidste års kor',
			attendees: 6,
			first_date: `${houseDate(-380)} 00:00:00.000Z`,
			last_date: `${houseDate(-366)} 00:00:00.000Z`,
			start_time: '18:00',
			end_time: '20:00',
			status: 'active'
		});
		// nothing to confirm: the room goes out of use, and the season still going on there ends with it
		await staff.pb.collection('rooms').update(room.id, { active: false });
		const statusOfSeries = async (id: string) =>
			(await system.collection('booking_series').getOne(id)).status;
		expect(await statusOfSeries(emptied.series)).toBe('cancelled');
		// confirmed: the season going on ends, the one that ended stays as it ended
		const ids = (await preview(staff.pb, { room: other.id })).bookings.map((b) => b.id);
		expect(ids.sort()).toEqual(withBooking.booked.map((b) => b.id).sort());
		await staff.pb
			.collection('rooms')
			.update(other.id, { active: false, cancel_bookings: ids, cancel_reason: 'Lokalet rives ned' });
		expect([await statusOfSeries(withBooking.series), await statusOfSeries(ended.id)]).toEqual([
			'cancelled',
			'active'
		]);
	});

	it('keeps a season booking with a date staff moved to another room: that date stays, the rest in the room is cancelled', async () => {
		const system = await systemClient();
		const [eva, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const [room, other] = await Promise.all([makeRoom(), makeRoom()]);
		const day = 30 + Math.floor(Math.random() * 600);
		const season = await eva.pb.send<{ series: string; booked: { id: string }[] }>('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: room.id,
				purpose: 'Korprøve',
				attendees: 6,
				first_date: houseDate(day),
				last_date: houseDate(day + 14),
				start_time: '18:00',
				end_time: '20:00'
			}
		});
		expect(season.booked).toHaveLength(3);
		const [first, moved, last] = season.booked.map((b) => b.id) as [string, string, string];
		// staff move the middle date to another room
		await staff.pb.collection('bookings').update(moved, { room: other.id });

		const ids = (await preview(staff.pb, { room: room.id })).bookings.map((b) => b.id);
		expect(ids.sort()).toEqual([first, last].sort());
		await staff.pb
			.collection('rooms')
			.update(room.id, { active: false, cancel_bookings: ids, cancel_reason: 'Lokalet rives ned' });

		// the dates in the room are cancelled, the one in the other room stays, and with it the season booking
		const statusOfBooking = async (id: string) => (await system.collection('bookings').getOne(id)).status;
		expect(await Promise.all([first, moved, last].map(statusOfBooking))).toEqual([
			'cancelled',
			'approved',
			'cancelled'
		]);
		expect((await system.collection('booking_series').getOne(season.series)).status).toBe('active');
		// Eva is told once, of the two dates that went
		const notes = await system.collection('notifications').getFullList({
			filter: system.filter('user = {:u} && kind = "booking_cancelled"', { u: eva.record.id })
		});
		expect(notes).toHaveLength(1);
		expect(notes[0]!.body).toContain('2 bookinger');
		// the audit entry names no season booking ended
		const entries = await system.collection('audit_log').getFullList({
			filter: system.filter('action = "room_closed_bookings_cancelled" && target_id = {:r}', { r: room.id })
		});
		expect(entries).toHaveLength(1);
		expect(entries[0]!.details).toMatchObject({ series: [] });
	});

	it('keeps its events: a room no longer bookable is still the house’s to use', async () => {
		const w = await world();
		const event = await w.staff.pb.collection('events').create({
			title: 'Foredrag',
			description: 'Til test',
			category: 'talk',
			room: w.room.id,
			state: 'published',
			...slot(w.day + 3, '19:00', '21:00')
		});
		const seen = await preview(w.staff.pb, { room: w.room.id });
		expect(seen.events).toEqual([]);
		await w.staff.pb.collection('rooms').update(w.room.id, {
			active: false,
			cancel_bookings: seen.bookings.map((b) => b.id),
			cancel_reason: 'Kun til husets egne arrangementer'
		});
		expect((await w.system.collection('events').getOne(event.id)).state).toBe('published');
		expect(await statusOf(w, w.first.id)).toBe('cancelled');
	});

	it('other changes to a room with bookings need no confirmation', async () => {
		const w = await world();
		await w.staff.pb.collection('rooms').update(w.room.id, { capacity: 12 });
		expect(await statusOf(w, w.first.id)).toBe('approved');
	});
});

describe('deleting a room', () => {
	it('is refused while anything was ever booked or planned in it, and names the room it deleted', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		// an event in a room: deleting the room would have emptied the event's room without a word
		const [eventRoom, bookedRoom, bare] = await Promise.all([makeRoom(), makeRoom(), makeRoom()]);
		const day = 30 + Math.floor(Math.random() * 600);
		const event = await staff.pb.collection('events').create({
			title: 'Foredrag',
			description: 'Til test',
			category: 'talk',
			room: eventRoom.id,
			state: 'published',
			...slot(day, '19:00', '21:00')
		});
		const citizen = await createUser();
		const booking = await book(citizen, bookedRoom.id, slot(day, '10:00', '11:00'));
		await system.collection('bookings').update(booking.id, { status: 'cancelled' });
		for (const room of [eventRoom, bookedRoom]) {
			const refused = await outcome(staff.pb.collection('rooms').delete(room.id));
			expect([refused.status, codesOf(refused.body)], room.name).toEqual([400, ['rooms_room_has_history']]);
			expect((await system.collection('rooms').getOne(room.id)).id).toBe(room.id);
		}
		expect((await system.collection('events').getOne(event.id)).room).toBe(eventRoom.id);
		expect((await outcome(citizen.pb.collection('rooms').delete(bare.id))).status).toBeGreaterThanOrEqual(
			400
		);
		// a room nothing ever happened in goes, and the audit says which
		await staff.pb.collection('rooms').delete(bare.id);
		const [entry] = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id} && action = "rooms_delete"', { id: bare.id })
		});
		expect(entry?.details).toMatchObject({ name: bare.name, capacity: bare.capacity });
	});

	it('is not refused for a closure alone: the closure goes with the room', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const room = await makeRoom();
		const day = 30 + Math.floor(Math.random() * 600);
		// closed for a refurbishment before it was ever used: nothing was booked, held or planned in it, and
		// the refusal said it had bookings, events or season times
		const closure = await staff.pb.collection('closures').create({
			room: room.id,
			start: houseTime(day, '00:00'),
			end: houseTime(day + 7, '00:00'),
			reason: 'Istandsættelse'
		});
		await staff.pb.collection('rooms').delete(room.id);
		expect((await outcome(system.collection('rooms').getOne(room.id))).status).toBe(404);
		expect((await outcome(system.collection('closures').getOne(closure.id))).status).toBe(404);
	});

	it('is refused while a season offers times in it, before anyone applied for them', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		// the season's times are in its own row, not in a relation: the room was deleted, the season still
		// offered its times, and an application for one of them was taken and could only come out unallocated
		const refused = await outcome(staff.pb.collection('rooms').delete(rooms.small));
		expect([refused.status, codesOf(refused.body)]).toEqual([400, ['rooms_room_has_history']]);
		expect((await system.collection('rooms').getOne(rooms.small)).id).toBe(rooms.small);
		const a = await club();
		await send(a.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
			declared_section4: true,
			association: a.id,
			activities: [activity('A', [slotId(rooms.small, 'mon', '17:00')])]
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		expect(await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`)).toMatchObject({ allocated: 1 });
	});
});
