import { describe, expect, it } from 'vitest';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { codesOf, outcome } from '../helpers/scenarios';
import { AppSession } from '../helpers/app';
import { book, houseDate, houseTime, join, makeAssociation, makeRoom, slot, someDay } from './rooms-arrange';

// A fair share of a room (docs/rules.md, "Rooms and bookings"): a room's `max_upcoming` limits how many
// active bookings that have not ended one booker, or one association, holds in it at a time. Decided by
// the hooks inside the write's transaction (lib/rooms-bookings.js, overShare).

const LIMIT = 'rooms_too_many_upcoming';

function desk(citizenId: string, reason?: string) {
	const headers: Record<string, string> = { 'X-Borgerhus-For': citizenId };
	if (reason !== undefined) headers['X-Borgerhus-Override'] = encodeURIComponent(reason);
	return { headers };
}

/** `count` bookings of `user` in `room` on one far day, an hour each from 08:00, as they would be made. */
async function bookHours(user: TestUser, room: string, day: number, count: number, fields = {}) {
	const made = [];
	for (let i = 0; i < count; i++) {
		made.push(await book(user, room, { ...hour(day, i), ...fields }));
	}
	return made;
}

/** The i-th hour of a day from 08:00 (08:00-08:30, 09:00-09:30, ...), clear of the room's 15-minute buffer. */
function hour(day: number, i: number) {
	const h = String(8 + i).padStart(2, '0');
	return slot(day, `${h}:00`, `${h}:30`);
}

describe('a fair share of a room', () => {
	it('refuses a booking past the limit; a cancelled or past booking frees a place; others are not held', async () => {
		const system = await systemClient();
		const room = await makeRoom({ max_upcoming: 2 });
		const [citizen, other] = await Promise.all([createUser(), createUser()]);
		// a booking that has ended holds no place (made by the system, which may write the past)
		await system.collection('bookings').create({
			room: room.id,
			booker: citizen.record.id,
			purpose: 'Før',
			attendees: 2,
			start: houseTime(-2, '10:00'),
			end: houseTime(-2, '11:00'),
			status: 'approved'
		});
		const day = someDay();
		const [first] = await bookHours(citizen, room.id, day, 2);
		const refused = await outcome(book(citizen, room.id, hour(day, 5)));
		expect(refused.status).toBe(400);
		expect(codesOf(refused.body)).toEqual([LIMIT]);
		// another booker's share is their own
		expect((await outcome(book(other, room.id, hour(day, 7)))).status).toBe(200);
		// nothing was stored by the refusal
		const held = await system.collection('bookings').getFullList({
			filter: system.filter('room = {:room} && booker = {:b} && end > @now', {
				room: room.id,
				b: citizen.record.id
			})
		});
		expect(held).toHaveLength(2);
		// a cancelled booking frees its place
		await citizen.pb.collection('bookings').update(first!.id, { status: 'cancelled' });
		expect((await outcome(book(citizen, room.id, hour(day, 5)))).status).toBe(200);
		expect(codesOf((await outcome(book(citizen, room.id, hour(day, 9)))).body)).toEqual([LIMIT]);
	});

	it("counts an association's bookings together, apart from its bookers' private bookings", async () => {
		const room = await makeRoom({ max_upcoming: 2 });
		const association = await makeAssociation();
		const [booker, admin] = await Promise.all([createUser(), createUser()]);
		await Promise.all([join(association.id, booker, 'booker'), join(association.id, admin, 'admin')]);
		const day = someDay();
		const a = { association: association.id };
		await book(booker, room.id, { ...hour(day, 0), ...a });
		await book(admin, room.id, { ...hour(day, 1), ...a });
		// the association holds two, whoever made them
		expect(codesOf((await outcome(book(booker, room.id, { ...hour(day, 2), ...a }))).body)).toEqual([LIMIT]);
		expect(codesOf((await outcome(book(admin, room.id, { ...hour(day, 3), ...a }))).body)).toEqual([LIMIT]);
		// the booker's private share is apart from the association's
		await bookHours(booker, room.id, day + 1, 2);
		expect(codesOf((await outcome(book(booker, room.id, hour(day + 1, 4)))).body)).toEqual([LIMIT]);
	});

	it('lets a booking move within its room at the limit, and refuses a move into a room at the limit', async () => {
		const [limited, open] = await Promise.all([makeRoom({ max_upcoming: 2 }), makeRoom()]);
		const citizen = await createUser();
		const day = someDay();
		const [first] = await bookHours(citizen, limited.id, day, 2);
		// a new time in the same room: the citizen still holds two
		const moved = await citizen.pb.collection('bookings').update(first!.id, hour(day, 6));
		expect(moved.start).toBe(hour(day, 6).start);
		const elsewhere = await book(citizen, open.id, hour(day, 3));
		const refused = await outcome(
			citizen.pb.collection('bookings').update(elsewhere.id, { room: limited.id, ...hour(day, 8) })
		);
		expect(codesOf(refused.body)).toEqual([LIMIT]);
		// the booking stayed where it was
		const system = await systemClient();
		expect((await system.collection('bookings').getOne(elsewhere.id)).room).toBe(open.id);
	});

	it('an ended booking, which holds no place, is not moved ahead to hold one again, with or without a place left', async () => {
		const system = await systemClient();
		const room = await makeRoom({ max_upcoming: 1 });
		const [staff, citizen, other] = await Promise.all([
			createUser({ staff: true }),
			createUser(),
			createUser()
		]);
		const past = (booker: string, days: number) =>
			system.collection('bookings').create({
				room: room.id,
				booker,
				purpose: 'Før',
				attendees: 2,
				start: houseTime(days, '10:00'),
				end: houseTime(days, '11:00'),
				status: 'approved'
			});
		const [full, free] = [await past(citizen.record.id, -2), await past(other.record.id, -3)];
		const day = someDay();
		await book(citizen, room.id, hour(day, 0));
		// it keeps its times (docs/rules.md, "A booking keeps its history"), whatever the share says
		for (const [ended, at] of [
			[full, 4],
			[free, 6]
		] as const) {
			const moved = await outcome(staff.pb.collection('bookings').update(ended.id, hour(day, at)));
			expect(moved.status).toBe(400);
			expect(codesOf(moved.body)).toEqual(['rooms_booking_over']);
			expect((await system.collection('bookings').getOne(ended.id)).end).toBe(ended.end);
		}
	});

	it("staff's reassign gives the new holder a place of their share, and is refused when none is left", async () => {
		const system = await systemClient();
		const room = await makeRoom({ max_upcoming: 1 });
		const [staff, citizen] = await Promise.all([createUser({ staff: true }), createUser()]);
		const day = someDay();
		await book(citizen, room.id, hour(day, 0));
		// staff book for the house (not held to it) and hand the bookings to the citizen at the limit
		const [first, second] = await bookHours(staff, room.id, day + 1, 2);
		const reassign = (id: string, booker: string) =>
			outcome(
				staff.pb.send(`/api/borgerhus/bookings/${id}/reassign`, {
					method: 'POST',
					body: { booker, reason: 'Til borgeren' }
				})
			);
		for (const b of [first!, second!]) {
			const refused = await reassign(b.id, citizen.record.id);
			expect(refused.status).toBe(400);
			expect(codesOf(refused.body)).toEqual([LIMIT]);
			expect((await system.collection('bookings').getOne(b.id)).booker).toBe(staff.record.id);
		}
		const held = await system.collection('bookings').getFullList({
			filter: system.filter('room = {:room} && booker = {:b} && end > @now', {
				room: room.id,
				b: citizen.record.id
			})
		});
		expect(held).toHaveLength(1);
		// another citizen with a place left takes it
		const other = await createUser();
		expect((await reassign(first!.id, other.record.id)).status).toBe(200);
		// an association's booking given to another of its bookers keeps its holder: not counted again
		const association = await makeAssociation();
		const [a, b] = await Promise.all([createUser(), createUser()]);
		await Promise.all([join(association.id, a, 'booker'), join(association.id, b, 'booker')]);
		const theirs = await book(a, room.id, { ...hour(day, 3), association: association.id });
		expect((await reassign(theirs.id, b.record.id)).status).toBe(200);
	});

	it('skips the dates of a weekly series past the limit, and lists them', async () => {
		const room = await makeRoom({ max_upcoming: 3 });
		const citizen = await createUser();
		const answer = (await citizen.pb.send('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: room.id,
				association: '',
				purpose: 'Strikkeklub',
				attendees: 4,
				first_date: houseDate(7),
				last_date: houseDate(63),
				interval: 1,
				start_time: '10:00',
				end_time: '11:00'
			}
		})) as { booked: { date: string }[]; skipped: { date: string; code: string }[] };
		expect(answer.booked.map((b) => b.date)).toEqual([7, 14, 21].map(houseDate));
		expect(answer.skipped).toEqual(
			[28, 35, 42, 49, 56, 63].map((d) => ({ date: houseDate(d), code: LIMIT }))
		);
		// at the limit a series books nothing, and says why for each date
		const none = await outcome(
			citizen.pb.send('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: room.id,
					association: '',
					purpose: 'Strikkeklub',
					attendees: 4,
					first_date: houseDate(70),
					last_date: houseDate(77),
					interval: 1,
					start_time: '10:00',
					end_time: '11:00'
				}
			})
		);
		expect(codesOf(none.body)).toEqual(['rooms_series_nothing']);
		expect((none.body as { skipped: { code: string }[] }).skipped.map((s) => s.code)).toEqual([LIMIT, LIMIT]);
	});

	it('does not hold staff booking for the house, nor the system; staff at the desk book under the citizen’s share', async () => {
		const system = await systemClient();
		const room = await makeRoom({ max_upcoming: 1 });
		const [staff, citizen] = await Promise.all([createUser({ staff: true }), createUser()]);
		const day = someDay();
		// the house's own use
		await bookHours(staff, room.id, day, 3);
		// the system's loads
		for (let i = 3; i < 5; i++) {
			await system.collection('bookings').create({
				room: room.id,
				booker: citizen.record.id,
				purpose: 'Indlæst',
				attendees: 2,
				...hour(day, i),
				status: 'approved'
			});
		}
		// the citizen holds two now (over the limit set after them): nothing more, from the desk either
		expect(codesOf((await outcome(book(citizen, room.id, hour(day, 6)))).body)).toEqual([LIMIT]);
		const base = { room: room.id, booker: citizen.record.id, purpose: 'Ved skranken', attendees: 2 };
		const atDesk = await outcome(
			staff.pb.collection('bookings').create({ ...base, ...hour(day, 7) }, desk(citizen.record.id))
		);
		expect(codesOf(atDesk.body)).toEqual([LIMIT]);
		// an override at the desk is for deadlines and the horizon, not for another booker's fair share
		const overridden = await outcome(
			staff.pb
				.collection('bookings')
				.create({ ...base, ...hour(day, 8) }, desk(citizen.record.id, 'Borgeren beder om det'))
		);
		expect(codesOf(overridden.body)).toEqual([LIMIT]);
	});

	it("holds a staff member who books for an association to the association's share: a booking, a season, a reassign", async () => {
		const room = await makeRoom({ max_upcoming: 1 });
		const association = await makeAssociation();
		const [staff, booker] = await Promise.all([createUser({ staff: true }), createUser()]);
		await Promise.all([join(association.id, staff, 'booker'), join(association.id, booker, 'booker')]);
		const day = someDay();
		const a = { association: association.id };
		await book(staff, room.id, { ...hour(day, 0), ...a });
		// the association holds its one place, whichever of its bookers made it and asks next
		expect(codesOf((await outcome(book(staff, room.id, { ...hour(day, 2), ...a }))).body)).toEqual([LIMIT]);
		expect(codesOf((await outcome(book(booker, room.id, { ...hour(day, 4), ...a }))).body)).toEqual([LIMIT]);
		// a season in its name skips every date past the share
		const season = await outcome(
			staff.pb.send('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: room.id,
					association: association.id,
					purpose: 'Træning',
					attendees: 4,
					first_date: houseDate(7),
					last_date: houseDate(14),
					interval: 1,
					start_time: '10:00',
					end_time: '11:00'
				}
			})
		);
		expect(codesOf(season.body)).toEqual(['rooms_series_nothing']);
		expect((season.body as { skipped: { code: string }[] }).skipped.map((s) => s.code)).toEqual([
			LIMIT,
			LIMIT
		]);
		// the staff member's own bookings are the house's use, not held to it; nor handed to the association
		// past its share
		const [house] = await bookHours(staff, room.id, day + 1, 2);
		const handed = await outcome(
			staff.pb.send(`/api/borgerhus/bookings/${house!.id}/reassign`, {
				method: 'POST',
				body: { association: association.id, reason: 'Til foreningen' }
			})
		);
		expect(codesOf(handed.body)).toEqual([LIMIT]);
		const system = await systemClient();
		const held = await system.collection('bookings').getFullList({
			filter: system.filter('room = {:room} && association = {:a}', { room: room.id, a: association.id })
		});
		expect(held).toHaveLength(1);
	});

	it('lets only one of two bookings made at once take the last place', async () => {
		const room = await makeRoom({ max_upcoming: 2 });
		const citizen = await createUser();
		const day = someDay();
		await book(citizen, room.id, hour(day, 0));
		const results = await Promise.all([
			outcome(book(citizen, room.id, hour(day, 3))),
			outcome(book(citizen, room.id, hour(day, 6)))
		]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
		expect(codesOf(results.find((r) => r.status === 400)!.body)).toEqual([LIMIT]);
	});

	it('sets no limit with 0', async () => {
		const room = await makeRoom({ max_upcoming: 0 });
		const citizen = await createUser();
		expect(await bookHours(citizen, room.id, someDay(), 6)).toHaveLength(6);
	});

	it('is said on the room page and beside the booking form of the app', async () => {
		const room = await makeRoom({ max_upcoming: 1 });
		const citizen = await createUser();
		const session = new AppSession();
		expect((await session.signIn(citizen.email, citizen.password)).status).toBe(303);
		const page = await (await session.get(`/lokaler/${room.slug}`)).text();
		expect(page).toContain('Du kan have højst 1 kommende booking her ad gangen.');
		const date = houseDate(someDay());
		const form = { for: 'self', purpose: 'Læsekreds', attendees: '3', date, start: '10:00', end: '11:00' };
		expect((await session.post(`/lokaler/${room.slug}?/book`, form)).status).toBe(303);
		const refused = await session.post(`/lokaler/${room.slug}?/book`, {
			...form,
			start: '14:00',
			end: '15:00'
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(
			'Du har allerede så mange kommende bookinger af lokalet, som én booker kan have på én gang.'
		);
		// a room without a limit says nothing of one
		const open = await makeRoom();
		expect(await (await session.get(`/lokaler/${open.slug}`)).text()).not.toContain(
			'data-testid="max-upcoming"'
		);
	});
});

describe("the staff rooms form and a room's fair share", () => {
	it('shows the limit with its hint and saves it', async () => {
		const room = await makeRoom();
		const staff = await createUser({ staff: true });
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const page = await (await session.get('/personale/lokaler')).text();
		expect(page).toContain('Højst kommende bookinger pr. booker');
		expect(page).toContain('0 = ingen grænse.');
		const hours = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [
				[`open_${d}`, '08:00'],
				[`close_${d}`, '22:00']
			])
		);
		const saved = await session.post('/personale/lokaler?/saveRoom', {
			id: room.id,
			capacity: String(room.capacity),
			who_may_book: room.who_may_book,
			active: 'on',
			min_minutes: String(room.min_minutes),
			max_minutes: String(room.max_minutes),
			step_minutes: String(room.step_minutes),
			buffer_minutes: String(room.buffer_minutes),
			horizon_days: String(room.horizon_days),
			max_upcoming: '3',
			cancel_hours: String(room.cancel_hours),
			checkin_opens_minutes: String(room.checkin_opens_minutes),
			checkin_grace_minutes: String(room.checkin_grace_minutes),
			...hours
		});
		expect(saved.status).toBe(200);
		const system = await systemClient();
		expect((await system.collection('rooms').getOne(room.id)).max_upcoming).toBe(3);
		// the save's audit entry holds the limit as saved, with the other booking limits
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id} && action = "rooms_update"', { id: room.id })
		});
		expect(JSON.stringify(audit.map((a) => a.details))).toContain('"max_upcoming":3');
	});
});
