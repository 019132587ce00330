import { describe, expect, it } from 'vitest';
import { createUser, guestClient, systemClient } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { formatTime } from '$lib/dates';
import { codesOf, outcome } from '../helpers/scenarios';
import { waitForMail } from '../helpers/mail';
import { seasonOf } from '$rules/rooms/checkin.js';
import { addDays, localParts } from '$rules/rooms-policy.js';
import type { Stats } from '$rules/stats.js';
import { toMs, toPbDate } from '$rules/room-claims.js';
import { book, join, makeAssociation, makeRoom, slot, someDay } from './rooms-arrange';
import {
	arrangeAssociation,
	bookingAt,
	busyOf,
	checkIn,
	checkinRoom,
	checkOut,
	fromNow,
	notificationsOf,
	release
} from './rooms-checkin-arrange';
import { stack } from '../helpers/stack';

// Check-in and no-shows (docs/rules.md, "Check-in and no-shows"): who may check in and when, early
// check-out, the release job (twice, at once), a check-in racing the release, the season's counts, the
// house rule's warning and staff withdrawing the rest of a season.

const MINUTE = 60_000;
const ROUNDS = 20;

async function refused(request: Promise<unknown>) {
	const result = await outcome(request);
	return { status: result.status, codes: codesOf(result.body) };
}

describe('checking in', () => {
	it('is allowed to the booker while the window is open, once', async () => {
		const room = await checkinRoom();
		const owner = await createUser();
		const booking = await bookingAt(owner, room.id, 5);
		const first = (await checkIn(owner.pb, booking.id)) as { checked_in_at: string; already: boolean };
		expect(first.already).toBe(false);
		const system = await systemClient();
		const stored = await system.collection('bookings').getOne(booking.id);
		expect(stored.status).toBe('approved');
		expect(stored.checked_in_at).toBe(first.checked_in_at);
		expect(stored.checked_in_by).toBe(owner.record.id);
		// scanning the door twice answers the first check-in and changes nothing
		const again = (await checkIn(owner.pb, booking.id)) as { checked_in_at: string; already: boolean };
		expect(again).toMatchObject({ already: true, checked_in_at: first.checked_in_at });
	});

	it('is refused before the window opens and after the grace period', async () => {
		const room = await checkinRoom();
		const owner = await createUser();
		const early = await bookingAt(owner, room.id, 60);
		// a booking whose grace ended five minutes ago, before the job has run: refused all the same
		const late = await bookingAt(owner, room.id, -20, 60);
		const system = await systemClient();
		expect(await refused(checkIn(owner.pb, early.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_not_open']
		});
		expect(await refused(checkIn(owner.pb, late.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_closed']
		});
		for (const id of [early.id, late.id]) {
			expect((await system.collection('bookings').getOne(id)).checked_in_at).toBe('');
		}
	});

	it('is allowed to every active member of the association, and refused to anyone else', async () => {
		const room = await checkinRoom({ who_may_book: 'associations' });
		const { association, booker, member, outsider } = await arrangeAssociation();
		const booking = await bookingAt(booker, room.id, 0, 60, { association: association.id });
		const other = await bookingAt(booker, room.id, 70, 60, { association: association.id });
		expect(await refused(checkIn(outsider.pb, booking.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_not_yours']
		});
		// an unknown id answers alike: nothing is told about other people's bookings
		expect(await refused(checkIn(outsider.pb, 'abcdefghijklmno'))).toEqual({
			status: 400,
			codes: ['rooms_checkin_not_yours']
		});
		expect((await outcome(checkIn(guestClient(), booking.id))).status).toBe(401);
		expect(((await checkIn(member.pb, booking.id)) as { already: boolean }).already).toBe(false);
		const system = await systemClient();
		expect((await system.collection('bookings').getOne(booking.id)).checked_in_by).toBe(member.record.id);
		expect((await system.collection('bookings').getOne(other.id)).checked_in_at).toBe('');
	});

	it("is offered on the room's page to the association's active members: a booker removed since keeps only their own", async () => {
		const room = await checkinRoom();
		const { association, booker, member } = await arrangeAssociation();
		const clubs = await bookingAt(booker, room.id, 0, 60, {
			association: association.id,
			purpose: 'Foreningens bestyrelsesmøde'
		});
		await bookingAt(booker, room.id, 70, 60, { purpose: 'Mit eget møde' });
		const page = async (user: typeof booker) => {
			const session = new AppSession();
			await session.signIn(user.email, user.password);
			const response = await session.get(`/lokaler/${room.slug}/tjek-ind`);
			expect(response.status).toBe(200);
			return response.text();
		};
		const before = await page(booker);
		expect(before).toContain('Foreningens bestyrelsesmøde');
		expect(before).toContain('Mit eget møde');

		const system = await systemClient();
		const membership = await system
			.collection('memberships')
			.getFirstListItem(
				system.filter('association = {:a} && user = {:u}', { a: association.id, u: booker.record.id })
			);
		await system.collection('memberships').update(membership.id, { status: 'removed' });
		// PocketBase still lets them read the booking they made; the page lists what they may check in
		const after = await page(booker);
		expect(after).not.toContain('Foreningens bestyrelsesmøde');
		expect(after).toContain('Mit eget møde');
		expect(await refused(checkIn(booker.pb, clubs.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_not_yours']
		});
		// the members still have it, with the button
		const members = await page(member);
		expect(members).toContain('Foreningens bestyrelsesmøde');
		expect(members).toMatch(/<button[^>]*>\s*Vi er her\s*<\/button>/);
		expect(members).not.toContain('Mit eget møde');
	});

	it('by staff is audited as done for the booker', async () => {
		const room = await checkinRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const booking = await bookingAt(owner, room.id, 5);
		await checkIn(staff.pb, booking.id);
		const system = await systemClient();
		const entries = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id} && action = "booking_checked_in"', { id: booking.id })
		});
		expect(entries).toHaveLength(1);
		expect(entries[0]!.actor).toBe(staff.record.id);
		expect(entries[0]!.details.on_behalf_of).toBe(owner.record.id);
	});

	it("by staff at the desk, from the citizen's page: the buttons it shows check in and out", async () => {
		const room = await checkinRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const booking = await bookingAt(owner, room.id, -5);
		const session = new AppSession();
		await session.signIn(staff.email, staff.password);
		const page = `/personale/borgere/${owner.record.id}`;
		const before = await (await session.get(page)).text();
		expect(before).toContain('action="?/checkIn"');
		const done = await session.post(`${page}?/checkIn`, { id: booking.id });
		expect(done.status).toBe(200);
		// in staff's words, and with no promise of a message: a check-in sends the citizen none
		// read in the markup: the page's data for the browser carries the desk's words for every outcome
		const doneText = (await done.text()).replace(/<script[\s\S]*?<\/script>/g, '');
		expect(doneText).toContain('Borgeren er tjekket ind.');
		expect(doneText).not.toContain('Borgeren får besked i sin indbakke');
		const system = await systemClient();
		const checkedIn = await system.collection('bookings').getOne(booking.id);
		expect(checkedIn.checked_in_at).not.toBe('');
		expect(checkedIn.checked_in_by).toBe(staff.record.id);
		// checked in, the page offers the check-out, which frees the rest of the slot now
		const after = await (await session.get(page)).text();
		expect(after).toContain('action="?/checkOut"');
		const out = await session.post(`${page}?/checkOut`, { id: booking.id });
		expect(out.status).toBe(200);
		expect(await out.text()).toContain('Borgeren er tjekket ud');
		expect((await system.collection('bookings').getOne(booking.id)).checked_out_at).not.toBe('');
		// the route still decides: a second check-out is refused with its message on the page
		const again = await session.post(`${page}?/checkOut`, { id: booking.id });
		expect(again.status).toBe(400);
	});

	it('released while it runs, stays in Mit overblik as a no-show and in the calendar feed as called off', async () => {
		const room = await checkinRoom();
		const owner = await createUser();
		const booking = await bookingAt(owner, room.id, -20, 180);
		const overview = async () =>
			JSON.stringify(await owner.pb.send('/api/borgerhus/overview', { method: 'GET' }));
		expect(await overview()).toContain(booking.id);
		expect((await release(room.id)).released).toBe(1);
		const after = JSON.parse(await overview()) as { bookings: { id: string; status: string }[] };
		expect(after.bookings.find((b) => b.id === booking.id)?.status).toBe('no_show');
		const session = new AppSession();
		await session.signIn(owner.email, owner.password);
		const page = await (await session.get('/overblik')).text();
		expect(page).toContain(room.name);
		expect(page).toContain('Udeblevet');
		const renewed = await session.post('/overblik/kalender?/renew', {});
		const feedUrl = (await renewed.text()).match(/https?:\/\/[^"\s<]+\/kalender\/[A-Za-z0-9]{48}\.ics/);
		expect(feedUrl).not.toBeNull();
		const feed = (await (await new AppSession().get(new URL(feedUrl![0]).pathname)).text()).replace(
			/\r\n /g,
			''
		);
		const event = feed.split('BEGIN:VEVENT').find((v) => v.includes(`booking-${booking.id}`));
		expect(event).toContain('STATUS:CANCELLED');
	});

	it('is refused for a cancelled, rejected, pending or released booking, and where no check-in is needed', async () => {
		const room = await checkinRoom();
		const plain = await makeRoom({ buffer_minutes: 0 });
		const owner = await createUser();
		const cancelled = await bookingAt(owner, room.id, 0, 30, { status: 'cancelled' });
		const rejected = await bookingAt(owner, room.id, 0, 30, { status: 'rejected' });
		const pending = await bookingAt(owner, room.id, 40, 30, { status: 'pending' });
		const released = await bookingAt(owner, room.id, -600, 30, { status: 'no_show' });
		const free = await bookingAt(owner, plain.id, 0, 30);
		const cases: [string, string][] = [
			[cancelled.id, 'rooms_booking_closed'],
			[rejected.id, 'rooms_booking_closed'],
			[pending.id, 'rooms_checkin_pending'],
			[released.id, 'rooms_booking_no_show'],
			[free.id, 'rooms_checkin_off']
		];
		for (const [id, code] of cases) {
			expect(await refused(checkIn(owner.pb, id)), code).toEqual({ status: 400, codes: [code] });
		}
	});

	it('the system may write a no-show, and a booking back to pending, telling nobody', async () => {
		const room = await checkinRoom();
		const owner = await createUser();
		const booking = await book(owner, room.id, slot(40, '10:00', '11:00'));
		const system = await systemClient();
		// arranging history as it finds it: no message has words for either, so the change is answered and
		// nobody is told, where it failed with a 500
		for (const status of ['no_show', 'pending'] as const) {
			expect((await system.collection('bookings').update(booking.id, { status })).status).toBe(status);
		}
		const kinds = (
			await system.collection('notifications').getFullList({ filter: `user = "${owner.record.id}"` })
		).map((n) => n.kind);
		expect(kinds).not.toContain('booking_no_show');
		expect(kinds).not.toContain('booking_pending');
	});

	it('fields cannot be set through the record API, staff included', async () => {
		const room = await checkinRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const booking = await book(owner, room.id, slot(40, '10:00', '11:00'));
		const system = await systemClient();
		for (const field of [
			'checked_in_at',
			'checked_out_at',
			'released_at',
			'checked_in_by',
			'checkin_grace_minutes'
		]) {
			const value =
				field === 'checked_in_by' ? owner.record.id : field === 'checkin_grace_minutes' ? 120 : fromNow(0);
			for (const actor of [owner, staff]) {
				const result = await refused(actor.pb.collection('bookings').update(booking.id, { [field]: value }));
				expect(result.status, `${field} by ${actor.record.name}`).toBeGreaterThanOrEqual(400);
				if (result.status === 400) expect(result.codes).toContain('core_field_locked');
			}
		}
		// a no-show is the job's transition, not a status anyone sends
		expect(await refused(staff.pb.collection('bookings').update(booking.id, { status: 'no_show' }))).toEqual({
			status: 400,
			codes: ['rooms_bad_transition']
		});
		const created = await refused(
			owner.pb.collection('bookings').create({
				room: room.id,
				booker: owner.record.id,
				purpose: 'Møde',
				attendees: 2,
				...slot(41, '10:00', '11:00'),
				checked_in_at: fromNow(0)
			})
		);
		expect(created.status).toBe(400);
		expect(created.codes).toContain('core_field_locked');
		const stored = await system.collection('bookings').getOne(booking.id);
		expect([stored.checked_in_at, stored.checked_out_at, stored.released_at, stored.status]).toEqual([
			'',
			'',
			'',
			'approved'
		]);
		expect(stored.checkin_grace_minutes).toBe(0);
	});
});

describe('checking out early', () => {
	it('frees the rest of the slot at once', async () => {
		const room = await checkinRoom();
		const owner = await createUser();
		const booking = await bookingAt(owner, room.id, -10, 120);
		expect(await refused(checkOut(owner.pb, booking.id))).toEqual({
			status: 400,
			codes: ['rooms_checkout_not_checked_in']
		});
		await checkIn(owner.pb, booking.id);
		const system = await systemClient();
		// the rest of the slot is taken until the check-out
		const rest = { start: fromNow(30), end: fromNow(90) };
		const before = await refused(
			system.collection('bookings').create({
				room: room.id,
				booker: owner.record.id,
				attendees: 2,
				status: 'approved',
				...rest
			})
		);
		expect(before.codes).toContain('rooms_overlap');
		const out = (await checkOut(owner.pb, booking.id)) as { checked_out_at: string };
		const busy = (await busyOf(room.id)).filter((b) => b.source === booking.id);
		expect(busy).toHaveLength(1);
		expect(busy[0]!.end).toBe(out.checked_out_at);
		expect(toMs(busy[0]!.end)).toBeLessThan(toMs(booking.end as string));
		const taken = await system.collection('bookings').create({
			room: room.id,
			booker: owner.record.id,
			attendees: 2,
			status: 'approved',
			...rest
		});
		expect(taken.id).toBeTruthy();
		expect(await refused(checkOut(owner.pb, booking.id))).toEqual({
			status: 400,
			codes: ['rooms_checkout_over']
		});
	});

	it('tells the booker once when staff check their booking out, and nobody when the booker does', async () => {
		const [room, elsewhere] = await Promise.all([checkinRoom(), checkinRoom()]);
		const [owner, other, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		// the booker's own check-out tells nobody
		const own = await bookingAt(owner, elsewhere.id, -10, 60);
		await checkIn(owner.pb, own.id);
		await checkOut(owner.pb, own.id);
		expect(await notificationsOf(owner, 'booking_ended')).toHaveLength(0);
		// staff ending someone's booking early, the room given free for the rest of it: the booker is told once
		const booking = await bookingAt(other, room.id, -5, 60);
		await checkIn(other.pb, booking.id);
		const [a, b] = await Promise.all([
			outcome(checkOut(staff.pb, booking.id)),
			outcome(checkOut(staff.pb, booking.id))
		]);
		expect([a.status, b.status].sort()).toEqual([200, 400]);
		const told = await notificationsOf(other, 'booking_ended');
		expect(told).toHaveLength(1);
		expect(told[0]!.title).toBe('Din booking er tjekket ud');
		expect(told[0]!.body).toContain(`Personalet har tjekket din booking i ${room.name} ud`);
		expect(told[0]!.body).toContain('Lokalet er frit for andre resten af tiden.');
		expect(told[0]!.link).toBe('/bookinger');
	});
});

describe('the staff calendar', () => {
	it('shows a booking checked out early until its check-out, marked so', async () => {
		const room = await checkinRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const booking = await bookingAt(owner, room.id, -10, 120);
		await checkIn(owner.pb, booking.id);
		const session = new AppSession();
		await session.signIn(staff.email, staff.password);
		const day = localParts(toMs(booking.start as string)).date;
		const cellOf = (html: string) => {
			const row = html.slice(html.indexOf(`>${room.name}</th>`));
			return row.slice(0, row.indexOf('</tr>'));
		};
		const time = (value: string) => formatTime(new Date(toMs(value)));
		const before = cellOf(await (await session.get(`/personale/bookinger?dag=${day}`)).text());
		expect(before).toContain(`${time(booking.start as string)}–${time(booking.end as string)}`);
		const out = (await checkOut(owner.pb, booking.id)) as { checked_out_at: string };
		const after = cellOf(await (await session.get(`/personale/bookinger?dag=${day}`)).text());
		expect(after).toContain(`${time(booking.start as string)}–${time(out.checked_out_at)}`);
		expect(after).toContain('Tjekket ud');
		expect(after).not.toContain(time(booking.end as string));
	});
});

/** Opening hours of a room open all day every day, so a booking may lie at any time of the test's day. */
const ALL_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
);

describe('a move', () => {
	// a check-in belongs to the slot it was made for (docs/rules.md, "Check-in and no-shows")
	const attendance = (b: Record<string, unknown>) => [b.checked_in_at, b.checked_in_by, b.checked_out_at];

	it('of a booking checked in before its start holds its new slot: nobody else books it', async () => {
		const room = await checkinRoom();
		const [owner, other, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		// the window opens 15 minutes before the start; one under way keeps its start ("a booking that has
		// begun or ended", below)
		const booking = await bookingAt(owner, room.id, 10, 60);
		await checkIn(owner.pb, booking.id);
		const to = slot(someDay(), '10:00', '11:00');
		const moved = await staff.pb.collection('bookings').update(booking.id, to);
		// the overlap rule counts it, and the busy projection holds the whole new slot
		expect(await refused(book(other, room.id, to))).toEqual({ status: 400, codes: ['rooms_overlap'] });
		const busy = (await busyOf(room.id)).filter((b) => b.source === booking.id);
		expect(busy.map((b) => [b.start, b.end])).toEqual([[to.start, to.end]]);
		expect(moved.status).toBe('approved');
		expect(attendance(moved)).toEqual(['', '', '']);
		const system = await systemClient();
		const active = await system.collection('bookings').getFullList({
			filter: system.filter(
				'room = {:room} && start = {:start} && (status = "approved" || status = "pending")',
				{
					room: room.id,
					start: to.start
				}
			)
		});
		expect(active.map((b) => b.id)).toEqual([booking.id]);
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id} && action = "booking_moved"', { id: booking.id })
		});
		expect(audit.map((a) => a.details.cleared)).toEqual([['checked_in_at', 'checked_in_by']]);
	});

	it('of a booking checked in by staff or by its booker is released as a no-show at its new time', async () => {
		const room = await checkinRoom({ checkin_opens_minutes: 240, cancel_hours: 0 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		// staff move a booking checked in half an hour before its start to another day
		const running = await bookingAt(owner, room.id, 30, 60);
		await checkIn(owner.pb, running.id);
		const day = someDay();
		const first = slot(day, '14:00', '15:00');
		const moved = await staff.pb.collection('bookings').update(running.id, first);
		// the booker checks in early (the window opens four hours before) and moves it himself
		const early = await bookingAt(owner, room.id, 90, 60);
		await checkIn(owner.pb, early.id);
		expect((await system.collection('bookings').getOne(early.id)).checked_in_at).not.toBe('');
		const second = slot(day + 1, '14:00', '15:00');
		const own = await owner.pb.collection('bookings').update(early.id, second);
		// within the grace of the new slot nothing is due; after it, both are released, once
		expect((await release(room.id, toMs(first.start) + 10 * MINUTE)).released).toBe(0);
		expect((await release(room.id, toMs(first.end) + 30 * MINUTE)).released).toBe(1);
		expect((await system.collection('bookings').getOne(running.id)).status).toBe('no_show');
		expect((await release(room.id, toMs(second.end) + 30 * MINUTE)).released).toBe(1);
		expect((await system.collection('bookings').getOne(early.id)).status).toBe('no_show');
		expect((await busyOf(room.id)).map((b) => b.source)).toEqual([]);
		expect(attendance(moved)).toEqual(['', '', '']);
		expect([own.status, own.checked_in_at]).toEqual(['approved', '']);
	});

	it('of only the end keeps the check-in: the booking holds its room until the new end', async () => {
		const room = await checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// starts on a whole minute ten minutes from now: the window is open
		const start = Math.ceil((Date.now() + 10 * MINUTE) / MINUTE) * MINUTE;
		const booking = await bookingAt(owner, room.id, 0, 60, {
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE)
		});
		const checked = (await checkIn(owner.pb, booking.id)) as { checked_in_at: string };
		const end = toPbDate(start + 90 * MINUTE);
		const moved = await staff.pb.collection('bookings').update(booking.id, { end });
		expect(attendance(moved)).toEqual([checked.checked_in_at, owner.record.id, '']);
		const busy = (await busyOf(room.id)).filter((b) => b.source === booking.id);
		expect(busy.map((b) => b.end)).toEqual([end]);
		expect((await release(room.id, start + 30 * MINUTE)).released).toBe(0);
		const system = await systemClient();
		expect((await system.collection('bookings').getOne(booking.id)).status).toBe('approved');
	});

	it('of the end of a booking under way: staff extend it, also after a check-out by mistake', async () => {
		const room = await checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// began ten minutes ago, on a whole minute; checked in, then checked out by mistake
		const start = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
		const booking = await bookingAt(owner, room.id, 0, 60, {
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE)
		});
		const checked = (await checkIn(owner.pb, booking.id)) as { checked_in_at: string };
		await checkOut(owner.pb, booking.id);
		expect((await busyOf(room.id)).filter((b) => b.source === booking.id).map((b) => b.end)).not.toEqual([
			toPbDate(start + 60 * MINUTE)
		]);
		// the booker cannot (the change deadline has passed); nor may anyone move the start of it (it has
		// begun), or end it in the past
		const later = toPbDate(start + 90 * MINUTE);
		expect((await refused(owner.pb.collection('bookings').update(booking.id, { end: later }))).codes).toEqual(
			['rooms_change_deadline']
		);
		expect(
			(await refused(staff.pb.collection('bookings').update(booking.id, { start: toPbDate(start + MINUTE) })))
				.codes
		).toEqual(['rooms_booking_started']);
		expect(
			(
				await refused(
					staff.pb.collection('bookings').update(booking.id, { end: toPbDate(start + 5 * MINUTE) })
				)
			).codes
		).toEqual(['rooms_end_in_past']);
		// staff give it half an hour more: the check-in stands, the check-out is undone, the room is held
		const moved = await staff.pb.collection('bookings').update(booking.id, { end: later });
		expect(attendance(moved)).toEqual([checked.checked_in_at, owner.record.id, '']);
		expect((await busyOf(room.id)).filter((b) => b.source === booking.id).map((b) => b.end)).toEqual([later]);
		const other = await createUser();
		expect(
			(
				await refused(
					other.pb.collection('bookings').create({
						room: room.id,
						booker: other.record.id,
						purpose: 'Bagefter',
						attendees: 2,
						start: toPbDate(start + 70 * MINUTE),
						end: toPbDate(start + 100 * MINUTE)
					})
				)
			).codes
		).toEqual(['rooms_overlap']);
	});

	it('racing a check-in has one outcome: never a check-in of the old slot in the new one, 10 rounds', async () => {
		const room = await checkinRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		const day = someDay();
		const rounds = 10;
		let last = 0;
		const stamps: unknown[][] = [];
		for (let round = 0; round < rounds; round++) {
			// its window open, ten minutes before its start
			const booking = await bookingAt(owner, room.id, 10, 60);
			const to = slot(day + round, '14:00', '15:00');
			last = toMs(to.end);
			const [checked, moved] = await Promise.all([
				outcome(checkIn(owner.pb, booking.id)),
				outcome(staff.pb.collection('bookings').update(booking.id, to))
			]);
			expect(moved.status).toBe(200);
			// the check-in first (then the move clears it), or the move first (then its window is not open)
			if (checked.status !== 200) expect(codesOf(checked.body)).toEqual(['rooms_checkin_not_open']);
			const stored = await system.collection('bookings').getOne(booking.id);
			expect([stored.start, stored.status]).toEqual([to.start, 'approved']);
			stamps.push(attendance(stored));
		}
		// nobody came to any new slot: every booking is released there
		expect((await release(room.id, last + 30 * MINUTE)).released).toBe(rounds);
		expect(stamps).toEqual(Array.from({ length: rounds }, () => ['', '', '']));
	});
});

describe('the release job', () => {
	it('releases a booking not checked in after its grace, once, even run twice at once', async () => {
		const room = await checkinRoom();
		const [owner, present] = await Promise.all([createUser({ name: 'Udeblevne Ulla' }), createUser()]);
		const system = await systemClient();
		await system.collection('users').update(owner.record.id, { notify_email: true });
		const due = await bookingAt(owner, room.id, -40, 25);
		const checked = await bookingAt(present, room.id, -24 * 60, 60, { checked_in_at: fromNow(-24 * 60) });
		const notYet = await bookingAt(present, room.id, 115, 60);
		const earlier = await bookingAt(present, room.id, -3 * 60, 30);
		// a booking that started before the room required check-in is never released
		const older = await bookingAt(present, room.id, 0, 30, {
			start: fromNow(-8 * 24 * 60),
			end: fromNow(-8 * 24 * 60 + 30)
		});
		const fresh = await bookingAt(present, room.id, -10, 30);
		const [a, b] = await Promise.all([release(room.id), release(room.id)]);
		expect(a.released + b.released).toBe(2);
		const statuses = async (ids: string[]) =>
			Promise.all(ids.map(async (id) => (await system.collection('bookings').getOne(id)).status));
		// the booking 40 minutes ago and the one 3 hours ago are due
		expect(await statuses([due.id, earlier.id])).toEqual(['no_show', 'no_show']);
		expect(await statuses([checked.id, notYet.id, older.id, fresh.id])).toEqual([
			'approved',
			'approved',
			'approved',
			'approved'
		]);
		const stored = await system.collection('bookings').getOne(due.id);
		expect(stored.released_at).not.toBe('');
		expect((await busyOf(room.id)).map((r) => r.source)).not.toContain(due.id);
		expect(await notificationsOf(owner, 'booking_no_show')).toHaveLength(1);
		const mail = await waitForMail(stack().mailDir, owner.email, /frigivet/);
		expect(mail.text).toContain(seasonOf(toMs(due.start as string)).label);
		// a released booking changes no more, and says why: released, not rejected or cancelled
		const staff = await createUser({ staff: true });
		for (const [who, change] of [
			[owner, { purpose: 'Nyt formål' }],
			[owner, { status: 'cancelled' }],
			[staff, { status: 'cancelled', cancel_reason: 'Ryddet op' }],
			[staff, { end: toPbDate(toMs(stored.end as string) + 30 * MINUTE) }]
		] as const) {
			expect(
				await refused(who.pb.collection('bookings').update(due.id, change)),
				JSON.stringify(change)
			).toEqual({
				status: 400,
				codes: ['rooms_booking_no_show']
			});
		}
		// run again later: nothing more
		const third = await release(room.id);
		expect(third.released).toBe(0);
		expect(await notificationsOf(owner, 'booking_no_show')).toHaveLength(1);
	});

	it("tells a booker who left the association nothing of its booking released: it is the association's, its admins are told", async () => {
		const room = await checkinRoom({ who_may_book: 'associations' });
		const { association, admin, booker } = await arrangeAssociation();
		const stayed = await createUser();
		await join(association.id, stayed, 'booker');
		const system = await systemClient();
		const left = await bookingAt(booker, room.id, -40, 25, { association: association.id });
		const kept = await bookingAt(stayed, room.id, -100, 25, { association: association.id });
		const leaving = await system
			.collection('memberships')
			.getFirstListItem(
				system.filter('association = {:a} && user = {:u}', { a: association.id, u: booker.record.id })
			);
		await booker.pb.send(`/api/borgerhus/memberships/${leaving.id}/leave`, { method: 'POST' });
		await release(room.id);
		expect((await system.collection('bookings').getOne(left.id)).status).toBe('no_show');
		expect((await system.collection('bookings').getOne(kept.id)).status).toBe('no_show');
		// the former booker could not check it in, and keeps seeing it, but is not told it counts as a no-show
		expect(await refused(checkIn(booker.pb, left.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_not_yours']
		});
		expect(await notificationsOf(booker, 'booking_no_show')).toHaveLength(0);
		// a booker still of the association is told as before; its admins hear of the one nobody books for it
		// now (docs/rules.md, "Who is told of a booking"), not of a booking with a booker of its own
		expect(await notificationsOf(stayed, 'booking_no_show')).toHaveLength(1);
		const toAdmin = await notificationsOf(admin, 'booking_no_show');
		expect(toAdmin).toHaveLength(1);
		expect(toAdmin[0]!.title).toContain(association.name);
	});

	it('counts the grace from a late approval: the group refused as pending can check in once approved', async () => {
		const room = await checkinRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// started 20 minutes ago, past the 15 minutes' grace, and still waiting for staff
		const pending = await bookingAt(owner, room.id, -20, 60, { status: 'pending' });
		expect(await refused(checkIn(owner.pb, pending.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_pending']
		});
		await staff.pb.collection('bookings').update(pending.id, { status: 'approved' });
		// not released at once for a check-in nobody could make
		expect((await release(room.id)).released).toBe(0);
		await checkIn(owner.pb, pending.id);
		const system = await systemClient();
		const stored = await system.collection('bookings').getOne(pending.id);
		expect([stored.status, stored.checked_in_at !== '']).toEqual(['approved', true]);
		// without a check-in it is due when the grace after the approval has passed
		const second = await checkinRoom({ requires_approval: true });
		const other = await bookingAt(owner, second.id, -30, 90, { status: 'pending' });
		await staff.pb.collection('bookings').update(other.id, { status: 'approved' });
		expect((await release(second.id)).released).toBe(0);
		expect((await release(second.id, Date.now() + 16 * MINUTE)).released).toBe(1);
		expect((await system.collection('bookings').getOne(other.id)).status).toBe('no_show');
		// approved only after it ended: nobody ever could check in, so never a no-show
		const over = await bookingAt(owner, second.id, -120, 30, { status: 'pending' });
		await staff.pb.collection('bookings').update(over.id, { status: 'approved' });
		expect((await release(second.id, Date.now() + 60 * MINUTE)).released).toBe(0);
		expect((await system.collection('bookings').getOne(over.id)).status).toBe('approved');

		// through the app: the room's check-in page offers "Vi er her" after the late approval, and it works
		const third = await checkinRoom({ requires_approval: true });
		const waiting = await bookingAt(owner, third.id, -20, 60, { status: 'pending' });
		const session = new AppSession();
		await session.signIn(owner.email, owner.password);
		const button = /<button[^>]*>\s*Vi er her\s*<\/button>/;
		expect(await (await session.get(`/lokaler/${third.slug}/tjek-ind`)).text()).not.toMatch(button);
		await staff.pb.collection('bookings').update(waiting.id, { status: 'approved' });
		expect(await (await session.get(`/lokaler/${third.slug}/tjek-ind`)).text()).toMatch(button);
		const done = await session.post(`/lokaler/${third.slug}/tjek-ind?/checkIn`, { id: waiting.id });
		expect(done.status).toBe(200);
		expect((await system.collection('bookings').getOne(waiting.id)).checked_in_at).not.toBe('');
	});

	it('counts the grace from an approval the system made by a plain update: every decision is stamped when it is made', async () => {
		const room = await checkinRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		// started 20 minutes ago, past the 15 minutes' grace, and approved by the system (maintenance, an import)
		const pending = await bookingAt(owner, room.id, -20, 60, { status: 'pending' });
		await system.collection('bookings').update(pending.id, { status: 'approved' });
		const approved = await system.collection('bookings').getOne(pending.id);
		expect([approved.decided_at !== '', approved.decided_by]).toEqual([true, '']);
		expect((await release(room.id)).released).toBe(0);
		await checkIn(owner.pb, pending.id);
		// one staff rejected and the system approves after all: the decision is the system's, not staff's
		const second = await checkinRoom({ requires_approval: true });
		const rejected = await bookingAt(owner, second.id, -20, 60, { status: 'pending' });
		await staff.pb.collection('bookings').update(rejected.id, { status: 'rejected', reason: 'Fejl' });
		const before = await system.collection('bookings').getOne(rejected.id);
		await system.collection('bookings').update(rejected.id, { status: 'approved' });
		const after = await system.collection('bookings').getOne(rejected.id);
		expect(after.decided_by).toBe('');
		expect(after.decided_at > before.decided_at).toBe(true);
		// a rejection by the system is stamped too; back to pending, the decision is gone
		const third = await bookingAt(owner, second.id, 120, 60, { status: 'pending' });
		await system.collection('bookings').update(third.id, { status: 'rejected' });
		expect((await system.collection('bookings').getOne(third.id)).decided_at).not.toBe('');
		await system.collection('bookings').update(third.id, { status: 'pending' });
		const back = await system.collection('bookings').getOne(third.id);
		expect([back.decided_at, back.decided_by]).toEqual(['', '']);
		// an import that names the decision keeps the one it names
		await system.collection('bookings').update(third.id, {
			status: 'approved',
			decided_by: staff.record.id,
			decided_at: '2026-01-05 10:00:00.000Z'
		});
		const named = await system.collection('bookings').getOne(third.id);
		expect([named.decided_by, named.decided_at]).toEqual([staff.record.id, '2026-01-05 10:00:00.000Z']);
	});

	it('stamps a booking made approved as decided when it is made, by no one; a request and a data load are not', async () => {
		const [open, asking] = await Promise.all([checkinRoom(), checkinRoom({ requires_approval: true })]);
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		const made = await book(owner, open.id, slot(40, '10:00', '11:00'));
		const staffs = await book(staff, open.id, slot(40, '12:00', '13:00'));
		const request = await book(owner, asking.id, slot(40, '10:00', '11:00'));
		const loaded = await bookingAt(owner, asking.id, 24 * 60, 60);
		const read = (id: string) => system.collection('bookings').getOne(id);
		for (const booking of [made, staffs]) {
			const stored = await read(booking.id);
			expect([stored.status, stored.decided_at !== '', stored.decided_by]).toEqual(['approved', true, '']);
		}
		expect([(await read(request.id)).status, (await read(request.id)).decided_at]).toEqual(['pending', '']);
		// the system's data load names its status and keeps what it sends of its decision
		expect((await read(loaded.id)).decided_at).toBe('');
	});

	it('stamps the dates of a weekly season booking made approved as decided when they are made, by no one, as a single booking', async () => {
		const [open, asking] = await Promise.all([checkinRoom(), checkinRoom({ requires_approval: true })]);
		const owner = await createUser();
		const system = await systemClient();
		const first = addDays(localParts(Date.now()).date, 40);
		const season = (room: string) =>
			owner.pb.send<{ series: string; booked: { id: string }[] }>('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room,
					purpose: 'Korprøve',
					attendees: 4,
					first_date: first,
					last_date: addDays(first, 14),
					start_time: '10:00',
					end_time: '11:00'
				}
			});
		const [approved, requested] = await Promise.all([season(open.id), season(asking.id)]);
		const datesOf = (series: string) =>
			system.collection('bookings').getFullList({ filter: system.filter('series = {:series}', { series }) });
		const made = await datesOf(approved.series);
		expect(made).toHaveLength(3);
		for (const date of made) {
			expect([date.status, date.decided_at !== '', date.decided_by]).toEqual(['approved', true, '']);
		}
		for (const date of await datesOf(requested.series)) {
			expect([date.status, date.decided_at, date.decided_by]).toEqual(['pending', '', '']);
		}
	});

	it('counts the grace from an approval a change under way gave: the room asks for approval no more', async () => {
		// open all day: the extension below may end at any hour the test runs at
		const room = await checkinRoom({
			requires_approval: true,
			step_minutes: 1,
			min_minutes: 1,
			opening_hours: ALL_DAY
		});
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// started 20 minutes ago (on the minute, the room's step), past the 15 minutes' grace
		const start = Math.floor((Date.now() - 20 * MINUTE) / MINUTE) * MINUTE;
		const pending = await bookingAt(owner, room.id, -20, 60, {
			status: 'pending',
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE)
		});
		const system = await systemClient();
		await system.collection('rooms').update(room.id, { requires_approval: false });
		// staff extend it: it is approved as a booking made in the room now would be, at this moment
		await staff.pb.collection('bookings').update(pending.id, { end: toPbDate(start + 120 * MINUTE) });
		expect((await system.collection('bookings').getOne(pending.id)).status).toBe('approved');
		expect((await release(room.id)).released).toBe(0);
		await checkIn(owner.pb, pending.id);
		const stored = await system.collection('bookings').getOne(pending.id);
		expect([stored.status, stored.checked_in_at !== '']).toEqual(['approved', true]);
		expect(await notificationsOf(owner, 'booking_no_show')).toHaveLength(0);
	});

	it('never releases a booking before the time its booker was told: a shorter grace is for bookings made after it', async () => {
		const room = await checkinRoom({ checkin_grace_minutes: 30 });
		const owner = await createUser();
		const system = await systemClient();
		// started ten minutes ago: the door's page tells its booker to check in by half an hour after the start
		const told = await bookingAt(owner, room.id, -10, 60, { purpose: 'Læsekreds' });
		const start = toMs(told.start as string);
		const deadline = `Tjek ind senest kl. ${formatTime(new Date(start + 30 * MINUTE))}.`;
		const page = async () => {
			const session = new AppSession();
			await session.signIn(owner.email, owner.password);
			return (await session.get(`/lokaler/${room.slug}/tjek-ind`)).text();
		};
		expect(await page()).toContain(deadline);
		// staff shorten the room's grace to five minutes meanwhile
		const staff = await createUser({ staff: true });
		expect(
			(await outcome(staff.pb.collection('rooms').update(room.id, { checkin_grace_minutes: 5 }))).status
		).toBe(200);
		// the page still tells the same time, and the job keeps to it
		expect(await page()).toContain(deadline);
		expect((await release(room.id)).released).toBe(0);
		expect((await release(room.id, start + 29 * MINUTE)).released).toBe(0);
		expect((await system.collection('bookings').getOne(told.id)).status).toBe('approved');
		expect((await release(room.id, start + 30 * MINUTE)).released).toBe(1);
		expect((await system.collection('bookings').getOne(told.id)).status).toBe('no_show');
		// a booking made after the change gets the room's grace as it is now
		const later = await bookingAt(owner, room.id, 180, 60);
		const laterStart = toMs(later.start as string);
		expect((await release(room.id, laterStart + 4 * MINUTE)).released).toBe(0);
		expect((await release(room.id, laterStart + 5 * MINUTE)).released).toBe(1);
		expect((await system.collection('bookings').getOne(later.id)).status).toBe('no_show');
	});

	it('gives a booking moved to another room or start the grace a new booking there gets; a new end keeps the longer one', async () => {
		const [room, other] = await Promise.all([
			checkinRoom({ checkin_grace_minutes: 30 }),
			checkinRoom({ checkin_grace_minutes: 5 })
		]);
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		const day = someDay();
		const [moved, stretched, later] = await Promise.all([
			book(owner, room.id, slot(day, '10:00', '11:00')),
			book(owner, room.id, slot(day, '12:00', '13:00')),
			book(owner, room.id, slot(day, '14:00', '15:00'))
		]);
		// staff shorten the room's grace: the bookings given there keep the half hour they were told
		expect(
			(await outcome(staff.pb.collection('rooms').update(room.id, { checkin_grace_minutes: 5 }))).status
		).toBe(200);
		const graceOf = async (id: string) =>
			(await system.collection('bookings').getOne(id)).checkin_grace_minutes as number;
		expect(await graceOf(moved.id)).toBe(30);
		// moved to another room, or to another start, it is a new slot: the room's grace as it is now
		await owner.pb.collection('bookings').update(moved.id, { room: other.id });
		await owner.pb.collection('bookings').update(later.id, slot(day, '16:00', '17:00'));
		// a new end keeps the slot it was told of
		await owner.pb.collection('bookings').update(stretched.id, { end: slot(day, '12:00', '13:30').end });
		expect([await graceOf(moved.id), await graceOf(later.id), await graceOf(stretched.id)]).toEqual([
			0, 0, 30
		]);
		// and the job frees the moved booking when the room it is in now says so
		const start = toMs(slot(day, '10:00', '11:00').start);
		expect((await release(other.id, start + 5 * MINUTE)).released).toBe(1);
		expect((await system.collection('bookings').getOne(moved.id)).status).toBe('no_show');
	});

	it('a check-in racing the release has exactly one outcome, 20 rounds', async () => {
		const room = await checkinRoom();
		const owner = await createUser();
		const system = await systemClient();
		const outcomes = { checkedIn: 0, released: 0 };
		for (let round = 0; round < ROUNDS; round++) {
			// the window is open now; the job runs as at the end of the grace period
			const booking = await bookingAt(owner, room.id, -5, 60);
			const [checked, job] = await Promise.all([
				outcome(checkIn(owner.pb, booking.id)),
				release(room.id, Date.now() + 11 * MINUTE)
			]);
			const stored = await system.collection('bookings').getOne(booking.id);
			if (checked.status === 200) {
				outcomes.checkedIn++;
				expect(stored.status).toBe('approved');
				expect(stored.checked_in_at).not.toBe('');
				expect(job.released).toBe(0);
				expect((await busyOf(room.id)).map((r) => r.source)).toContain(booking.id);
			} else {
				outcomes.released++;
				expect(codesOf(checked.body)).toEqual(['rooms_booking_no_show']);
				expect(stored.status).toBe('no_show');
				expect(stored.checked_in_at).toBe('');
				expect(job.released).toBe(1);
				expect((await busyOf(room.id)).map((r) => r.source)).not.toContain(booking.id);
			}
			// clear the room for the next round
			await system.collection('bookings').update(booking.id, { status: 'cancelled' });
		}
		expect(outcomes.checkedIn + outcomes.released).toBe(ROUNDS);
	});
});

describe('no-shows per season', () => {
	it('are counted per association and booker; the house rule warns the admins once', async () => {
		const room = await checkinRoom({ who_may_book: 'associations' });
		const { association, admin, booker } = await arrangeAssociation();
		const staff = await createUser({ staff: true });
		// three bookings of this season that nobody checked in, hours apart
		const season = seasonOf(Date.now());
		const hoursAgo = [5, 4, 3].filter((h) => Date.now() - h * 60 * MINUTE >= season.from);
		for (const h of hoursAgo) {
			await bookingAt(booker, room.id, -h * 60, 30, { association: association.id });
		}
		await Promise.all([release(room.id), release(room.id)]);
		await release(room.id);
		const warnings = await notificationsOf(admin, 'noshow_threshold');
		expect(warnings).toHaveLength(hoursAgo.length >= 3 ? 1 : 0);
		const report = (await staff.pb.send('/api/borgerhus/rooms/no-shows', {})) as {
			threshold: number;
			current: string;
			seasons: {
				label: string;
				associations: { id: string; count: number; reached: boolean }[];
				bookers: { id: string; count: number }[];
			}[];
			series: { id: string }[];
		};
		expect(report.threshold).toBe(3);
		const current = report.seasons.find((s) => s.label === season.label)!;
		const row = current.associations.find((a) => a.id === association.id)!;
		expect(row.count).toBe(hoursAgo.length);
		expect(row.reached).toBe(hoursAgo.length >= 3);
		expect(current.bookers.find((p) => p.id === booker.record.id)!.count).toBe(hoursAgo.length);
		// staff only
		expect((await outcome(booker.pb.send('/api/borgerhus/rooms/no-shows', {}))).status).toBe(403);
		expect((await outcome(guestClient().send('/api/borgerhus/rooms/no-shows', {}))).status).toBe(401);
	});

	it('staff withdraw the rest of a season booking with a reason: audited, the booker told', async () => {
		const room = await checkinRoom({ who_may_book: 'associations' });
		const { association, booker } = await arrangeAssociation();
		const staff = await createUser({ staff: true });
		const series = (await booker.pb.send('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: room.id,
				association: association.id,
				purpose: 'Træning',
				attendees: 8,
				first_date: slot(30, '10:00', '11:00').start.slice(0, 10),
				last_date: slot(80, '10:00', '11:00').start.slice(0, 10),
				interval: 1,
				start_time: '18:00',
				end_time: '19:00'
			}
		})) as { series: string; booked: { id: string }[] };
		expect(series.booked.length).toBeGreaterThan(3);
		const path = `/api/borgerhus/series/${series.series}/cancel`;
		// a citizen cannot withdraw, and staff must give a reason
		expect(
			(await outcome(booker.pb.send(path, { method: 'POST', body: { withdraw: true, reason: 'x' } }))).status
		).toBe(403);
		expect(await refused(staff.pb.send(path, { method: 'POST', body: { withdraw: true } }))).toEqual({
			status: 400,
			codes: ['rooms_reason_required']
		});
		const result = (await staff.pb.send(path, {
			method: 'POST',
			body: { withdraw: true, reason: 'Tre udeblivelser i sæsonen' }
		})) as { cancelled: { id: string }[]; kept: unknown[] };
		expect(result.cancelled).toHaveLength(series.booked.length);
		const system = await systemClient();
		const rows = await system.collection('bookings').getFullList({
			filter: system.filter('series = {:series}', { series: series.series })
		});
		expect(rows.every((r) => r.status === 'cancelled' && r.cancelled_by === staff.record.id)).toBe(true);
		expect((await system.collection('booking_series').getOne(series.series)).status).toBe('cancelled');
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id}', { id: series.series })
		});
		expect(audit.map((a) => a.action)).toEqual(['booking_series_withdrawn']);
		expect(audit[0]!.details.reason).toBe('Tre udeblivelser i sæsonen');
		const told = await notificationsOf(booker, 'booking_series_withdrawn');
		expect(told).toHaveLength(1);
		expect(told[0]!.body).toContain('Tre udeblivelser i sæsonen');
	});
});

describe('the statistics', () => {
	it('count room no-shows next to event no-shows, per room', async () => {
		const room = await checkinRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await bookingAt(owner, room.id, -4 * 60, 30, { checked_in_at: fromNow(-4 * 60) });
		await bookingAt(owner, room.id, -3 * 60, 30);
		await bookingAt(owner, room.id, -2 * 60, 30);
		await release(room.id);
		const today = localParts(Date.now()).date;
		const stats = await staff.pb.send<Stats>('/api/borgerhus/stats', {
			query: { from: addDays(today, -1), to: today }
		});
		const row = stats.roomNoShows.rooms.find((r) => r.id === room.id)!;
		expect(row).toMatchObject({ due: 3, checkedIn: 1, noShows: 2 });
		expect(stats.roomNoShows.noShows).toBeGreaterThanOrEqual(2);
		expect(stats.noShows).toBeTruthy();
	});
});

describe('the room policy', () => {
	it('is validated with coded refusals and dates the requirement when switched on', async () => {
		const room = await makeRoom();
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const cases: [Record<string, unknown>, string][] = [
			[{ checkin_required: true, checkin_grace_minutes: 2 }, 'rooms_checkin_grace_invalid'],
			[{ checkin_required: true, checkin_grace_minutes: 200 }, 'rooms_checkin_grace_invalid'],
			[{ checkin_required: true, checkin_opens_minutes: 300 }, 'rooms_checkin_opens_invalid'],
			[{ checkin_since: fromNow(-60) }, 'core_field_locked']
		];
		for (const [body, code] of cases) {
			expect(await refused(staff.pb.collection('rooms').update(room.id, body)), code).toEqual({
				status: 400,
				codes: [code]
			});
		}
		const unchanged = await system.collection('rooms').getOne(room.id);
		expect([unchanged.checkin_required, unchanged.checkin_since]).toEqual([false, '']);
		const before = Date.now();
		await staff.pb
			.collection('rooms')
			.update(room.id, { checkin_required: true, checkin_opens_minutes: 30, checkin_grace_minutes: 10 });
		const on = await system.collection('rooms').getOne(room.id);
		expect(toMs(on.checkin_since)).toBeGreaterThanOrEqual(before - 1000);
		// a later edit keeps the date; switching off clears it
		await staff.pb.collection('rooms').update(room.id, { checkin_grace_minutes: 20 });
		expect((await system.collection('rooms').getOne(room.id)).checkin_since).toBe(on.checkin_since);
		await staff.pb.collection('rooms').update(room.id, { checkin_required: false });
		expect((await system.collection('rooms').getOne(room.id)).checkin_since).toBe('');
	});
});

describe('check-in switched on over bookings already given', () => {
	it('tells each of their bookers once, with how many, the first and when to check in', async () => {
		const room = await makeRoom({ buffer_minutes: 0 });
		const [staff, eva, anders, ole] = await Promise.all([
			createUser({ staff: true }),
			createUser({ name: 'Ejer Eva' }),
			createUser({ name: 'Anden Anders' }),
			createUser({ name: 'Aflyst Ole' })
		]);
		const day = someDay();
		const first = await book(eva, room.id, slot(day, '10:00', '11:00'));
		await book(eva, room.id, slot(day + 7, '10:00', '11:00'));
		await book(anders, room.id, slot(day, '12:00', '13:00'));
		const gone = await book(ole, room.id, slot(day, '14:00', '15:00'));
		await ole.pb.collection('bookings').update(gone.id, { status: 'cancelled' });

		await staff.pb
			.collection('rooms')
			.update(room.id, { checkin_required: true, checkin_opens_minutes: 30, checkin_grace_minutes: 10 });
		const told = await notificationsOf(eva, 'room_checkin_required');
		expect(told).toHaveLength(1);
		expect(told[0]?.title).toContain('kræver nu tjek-ind');
		expect(told[0]?.body).toContain('2 bookinger');
		expect(told[0]?.body).toContain(formatTime(new Date(toMs(first.start))));
		expect(told[0]?.body).toContain('fra 30 minutter før starten til 10 minutter efter');
		expect(told[0]?.texts.en.body).toContain('2 bookings');
		expect(await notificationsOf(anders, 'room_checkin_required')).toHaveLength(1);
		expect((await notificationsOf(anders, 'room_checkin_required'))[0]?.body).toContain(
			'1 booking der, den '
		);
		expect(await notificationsOf(ole, 'room_checkin_required')).toHaveLength(0);
		// a later edit of the policy tells nobody again
		await staff.pb.collection('rooms').update(room.id, { checkin_grace_minutes: 20 });
		expect(await notificationsOf(eva, 'room_checkin_required')).toHaveLength(1);
	});

	it("tells of an association's bookings only a booker who may still book for it", async () => {
		const room = await makeRoom({ buffer_minutes: 0 });
		const { association, booker, member } = await arrangeAssociation();
		const [staff, stayed] = await Promise.all([createUser({ staff: true }), createUser()]);
		await join(association.id, stayed, 'booker');
		const day = someDay();
		await book(booker, room.id, { ...slot(day, '10:00', '11:00'), association: association.id });
		// and one of their own, which stays theirs
		await book(booker, room.id, slot(day, '16:00', '17:00'));
		await book(stayed, room.id, { ...slot(day, '12:00', '13:00'), association: association.id });
		const system = await systemClient();
		const leaving = await system
			.collection('memberships')
			.getFirstListItem(
				system.filter('association = {:a} && user = {:u}', { a: association.id, u: booker.record.id })
			);
		await booker.pb.send(`/api/borgerhus/memberships/${leaving.id}/leave`, { method: 'POST' });
		await staff.pb.collection('rooms').update(room.id, { checkin_required: true });
		const told = await notificationsOf(booker, 'room_checkin_required');
		expect(told).toHaveLength(1);
		// the association's time is not theirs to check in any more: only their own booking is counted
		expect(told[0]?.body).toContain('1 booking der');
		expect(await notificationsOf(stayed, 'room_checkin_required')).toHaveLength(1);
		expect(await notificationsOf(member, 'room_checkin_required')).toHaveLength(0);
	});
});

describe('a booking that has begun or ended', () => {
	// where and when it was, whose it was and whether anyone came are history (docs/rules.md, "A booking
	// keeps its history"): a move clears the check-in, a cancel or another holder rewrites the statistics
	const atDesk = (citizen: string, reason?: string) => {
		const headers: Record<string, string> = { 'X-Borgerhus-For': citizen };
		if (reason !== undefined) headers['X-Borgerhus-Override'] = encodeURIComponent(reason);
		return { headers };
	};

	it('that has ended keeps its room, times, holder and status: for staff, its booker, the desk and the app', async () => {
		const [room, other] = await Promise.all([checkinRoom({ cancel_hours: 0 }), checkinRoom()]);
		const { association, booker, admin } = await arrangeAssociation();
		const [second, staff] = await Promise.all([makeAssociation(), createUser({ staff: true })]);
		await join(second.id, booker, 'booker');
		const system = await systemClient();
		// checked in while it ran; it ended ten minutes ago (the system arranges the past)
		const booking = await bookingAt(booker, room.id, -5, 60, { association: association.id });
		await checkIn(booker.pb, booking.id);
		await system.collection('bookings').update(booking.id, { start: fromNow(-70), end: fromNow(-10) });
		const before = await system.collection('bookings').getOne(booking.id);
		expect(before.checked_in_at).not.toBe('');
		const over = { status: 400, codes: ['rooms_booking_over'] };
		const ahead = slot(someDay(), '10:00', '11:00');
		// moved: its times, its end alone, its room, by staff or by its booker
		for (const change of [ahead, { end: fromNow(30) }, { room: other.id }]) {
			expect(await refused(staff.pb.collection('bookings').update(booking.id, change))).toEqual(over);
			expect(await refused(booker.pb.collection('bookings').update(booking.id, change))).toEqual(over);
		}
		expect(
			await refused(booker.pb.collection('bookings').update(booking.id, { association: second.id }))
		).toEqual(over);
		// given to someone else: its no-show or check-in would count for another association or booker
		for (const body of [{ association: second.id }, { booker: admin.record.id }]) {
			expect(
				await refused(
					staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
						method: 'POST',
						body: { ...body, reason: 'Rettelse' }
					})
				)
			).toEqual(over);
		}
		// cancelled afterwards: by staff, its booker, an admin of its association, or at the desk with an override
		const cancelOver = { status: 400, codes: ['rooms_cancel_booking_over'] };
		expect(
			await refused(
				staff.pb.collection('bookings').update(booking.id, { status: 'cancelled', cancel_reason: 'Fejl' })
			)
		).toEqual(cancelOver);
		for (const who of [booker, admin]) {
			expect(
				await refused(who.pb.collection('bookings').update(booking.id, { status: 'cancelled' }))
			).toEqual(cancelOver);
		}
		expect(
			await refused(
				staff.pb
					.collection('bookings')
					.update(
						booking.id,
						{ status: 'cancelled', cancelled_by: booker.record.id },
						atDesk(booker.record.id, 'Ringede')
					)
			)
		).toEqual(cancelOver);
		// through the app: the staff's bookings page and the booker's own, told why
		const staffSession = new AppSession();
		await staffSession.signIn(staff.email, staff.password);
		const staffCancel = await staffSession.post('/personale/bookinger?/cancel', {
			id: booking.id,
			reason: 'Fejl'
		});
		expect(staffCancel.status).toBe(400);
		expect(await staffCancel.text()).toContain('Bookingen er slut, så den kan ikke aflyses.');
		const own = new AppSession();
		await own.signIn(booker.email, booker.password);
		const ownCancel = await own.post('/bookinger?/cancel', { id: booking.id });
		expect(ownCancel.status).toBe(400);
		expect(await ownCancel.text()).toContain('Bookingen er slut, så den kan ikke aflyses.');
		// nothing changed
		const after = await system.collection('bookings').getOne(booking.id);
		for (const field of [
			'room',
			'start',
			'end',
			'booker',
			'association',
			'status',
			'checked_in_at',
			'checked_in_by'
		]) {
			expect([field, after[field]]).toEqual([field, before[field]]);
		}
		// the system arranges history as it finds it
		await system.collection('bookings').update(booking.id, { end: fromNow(-5) });
	});

	it('released as a no-show stays its association’s: nobody gives it to another', async () => {
		const room = await checkinRoom();
		const { association, booker } = await arrangeAssociation();
		const [second, staff] = await Promise.all([makeAssociation(), createUser({ staff: true })]);
		await join(second.id, booker, 'booker');
		const booking = await bookingAt(booker, room.id, -40, 30, { association: association.id });
		expect((await release(room.id)).released).toBe(1);
		expect(
			await refused(
				staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
					method: 'POST',
					body: { association: second.id, reason: 'Rettelse' }
				})
			)
		).toEqual({ status: 400, codes: ['rooms_booking_no_show'] });
		const system = await systemClient();
		const stored = await system.collection('bookings').getOne(booking.id);
		expect([stored.status, stored.association]).toEqual(['no_show', association.id]);
	});

	it('not checked in when its grace ended is a no-show before the job runs: nobody cancels it or gives it away', async () => {
		const room = await checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1, cancel_hours: 0 });
		const { association, booker, admin } = await arrangeAssociation();
		const [second, staff] = await Promise.all([makeAssociation(), createUser({ staff: true })]);
		await join(second.id, booker, 'booker');
		// began 40 minutes ago, 15 minutes' grace: due, the release job has not run
		const start = Math.floor((Date.now() - 40 * MINUTE) / MINUTE) * MINUTE;
		const booking = await bookingAt(booker, room.id, 0, 90, {
			association: association.id,
			start: toPbDate(start),
			end: toPbDate(start + 90 * MINUTE)
		});
		expect(await refused(checkIn(booker.pb, booking.id))).toEqual({
			status: 400,
			codes: ['rooms_checkin_closed']
		});
		const due = { status: 400, codes: ['rooms_booking_due'] };
		// given to another association or booker: the no-show would count for them
		for (const body of [{ association: second.id }, { booker: admin.record.id }]) {
			expect(
				await refused(
					staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
						method: 'POST',
						body: { ...body, reason: 'Rettelse' }
					})
				),
				JSON.stringify(body)
			).toEqual(due);
		}
		expect(
			await refused(
				staff.pb
					.collection('bookings')
					.update(booking.id, { association: second.id }, atDesk(booker.record.id, 'Ringede'))
			)
		).toEqual(due);
		// cancelled: by staff with a reason, or at the desk for its booker with an override
		expect(
			await refused(
				staff.pb.collection('bookings').update(booking.id, { status: 'cancelled', cancel_reason: 'Fejl' })
			)
		).toEqual(due);
		expect(
			await refused(
				staff.pb
					.collection('bookings')
					.update(
						booking.id,
						{ status: 'cancelled', cancelled_by: booker.record.id },
						atDesk(booker.record.id, 'Ringede')
					)
			)
		).toEqual(due);
		// closing the room over it still closes the room; the booking is left to the release
		const closed = await staff.pb.collection('closures').create({
			room: room.id,
			start: toPbDate(Date.now()),
			end: toPbDate(start + 3 * 60 * MINUTE),
			reason: 'Vandskade',
			cancel_bookings: [booking.id]
		});
		expect(closed.id).toBeTruthy();
		// the job releases it as its association's no-show
		expect((await release(room.id)).released).toBe(1);
		const system = await systemClient();
		const stored = await system.collection('bookings').getOne(booking.id);
		expect([stored.status, stored.association, stored.booker]).toEqual([
			'no_show',
			association.id,
			booker.record.id
		]);
	});

	it('under way keeps its room and start once begun; its end may still move', async () => {
		const [room, other] = await Promise.all([
			checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1, cancel_hours: 0 }),
			checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1 })
		]);
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const start = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
		const booking = await bookingAt(owner, room.id, 0, 60, {
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE)
		});
		await checkIn(owner.pb, booking.id);
		const started = { status: 400, codes: ['rooms_booking_started'] };
		const ahead = slot(someDay(), '10:00', '11:00');
		for (const change of [
			ahead,
			{ room: other.id },
			{ room: other.id, end: toPbDate(start + 90 * MINUTE) }
		]) {
			expect(await refused(staff.pb.collection('bookings').update(booking.id, change))).toEqual(started);
			expect(await refused(owner.pb.collection('bookings').update(booking.id, change))).toEqual(started);
		}
		const system = await systemClient();
		const kept = await system.collection('bookings').getOne(booking.id);
		expect([kept.room, kept.start, kept.checked_in_at !== '']).toEqual([room.id, toPbDate(start), true]);
		// its end moves, and the check-in stands
		const later = toPbDate(start + 90 * MINUTE);
		const moved = await staff.pb.collection('bookings').update(booking.id, { end: later });
		expect([moved.end, moved.checked_in_at]).toEqual([later, kept.checked_in_at]);
	});

	it('under way may get more attendees, up to the room’s capacity', async () => {
		const room = await checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1, cancel_hours: 0, capacity: 8 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const start = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
		const booking = await bookingAt(owner, room.id, 0, 60, {
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE)
		});
		await checkIn(owner.pb, booking.id);
		// two more came
		const more = await staff.pb.collection('bookings').update(booking.id, { attendees: 6 });
		expect([more.attendees, more.start, more.checked_in_at !== '']).toEqual([6, toPbDate(start), true]);
		const both = await staff.pb
			.collection('bookings')
			.update(booking.id, { attendees: 7, end: toPbDate(start + 90 * MINUTE) });
		expect([both.attendees, both.end]).toEqual([7, toPbDate(start + 90 * MINUTE)]);
		expect(await refused(staff.pb.collection('bookings').update(booking.id, { attendees: 9 }))).toEqual({
			status: 400,
			codes: ['rooms_over_capacity']
		});
	});

	it('under way and checked in is in use: nobody cancels it or gives it away; staff check it out', async () => {
		const room = await checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1, cancel_hours: 0 });
		const { association, booker, admin } = await arrangeAssociation();
		const [second, staff] = await Promise.all([makeAssociation(), createUser({ staff: true })]);
		await join(second.id, booker, 'booker');
		const start = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
		const booking = await bookingAt(booker, room.id, 0, 60, {
			association: association.id,
			start: toPbDate(start),
			end: toPbDate(start + 60 * MINUTE)
		});
		await checkIn(booker.pb, booking.id);
		const system = await systemClient();
		const before = await system.collection('bookings').getOne(booking.id);
		const inUse = { status: 400, codes: ['rooms_booking_in_use'] };
		// cancelled: its use would leave the statistics; by staff, its booker's association, the desk
		expect(
			await refused(
				staff.pb.collection('bookings').update(booking.id, { status: 'cancelled', cancel_reason: 'Fejl' })
			)
		).toEqual(inUse);
		expect(
			await refused(admin.pb.collection('bookings').update(booking.id, { status: 'cancelled' }))
		).toEqual(inUse);
		expect(
			await refused(
				staff.pb
					.collection('bookings')
					.update(
						booking.id,
						{ status: 'cancelled', cancelled_by: booker.record.id },
						atDesk(booker.record.id, 'Ringede')
					)
			)
		).toEqual(inUse);
		// given to another holder: the check-in would count for them
		for (const body of [{ association: second.id }, { booker: admin.record.id }]) {
			expect(
				await refused(
					staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
						method: 'POST',
						body: { ...body, reason: 'Rettelse' }
					})
				),
				JSON.stringify(body)
			).toEqual(inUse);
		}
		expect(
			await refused(booker.pb.collection('bookings').update(booking.id, { association: second.id }))
		).toEqual(inUse);
		const kept = await system.collection('bookings').getOne(booking.id);
		for (const field of ['status', 'association', 'booker', 'checked_in_at', 'checked_out_at']) {
			expect([field, kept[field]]).toEqual([field, before[field]]);
		}
		// the staff's bookings page offers the check-out instead of the cancellation, and refuses the cancel
		const session = new AppSession();
		await session.signIn(staff.email, staff.password);
		const page = await session.get(`/personale/bookinger?lokale=${room.id}`);
		const html = await page.text();
		expect(html).toContain(`Tjekket ind kl. ${formatTime(before.checked_in_at)}`);
		expect(html).toContain('Tjek ud og frigør lokalet');
		const cancel = await session.post('/personale/bookinger?/cancel', { id: booking.id, reason: 'Fejl' });
		expect(cancel.status).toBe(400);
		expect(await cancel.text()).toContain('Der er tjekket ind, og bookingen er i gang');
		const out = await session.post('/personale/bookinger?/checkOut', { id: booking.id });
		expect(out.status).toBe(200);
		expect(await out.text()).toContain('Tjekket ud. Lokalet er frit resten af tiden.');
		const done = await system.collection('bookings').getOne(booking.id);
		expect([done.status, done.checked_in_at, done.checked_out_at !== '']).toEqual([
			'approved',
			before.checked_in_at,
			true
		]);
		// the rest of the slot is free: the busy interval ends at the check-out
		const busy = await busyOf(room.id);
		expect(busy.map((b) => b.end)).toEqual([done.checked_out_at]);
	});

	it('in use when its room closes is checked out then, its booker told; one nobody has come to yet is cancelled', async () => {
		const [room, other] = await Promise.all([
			checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1 }),
			checkinRoom({ opening_hours: ALL_DAY, step_minutes: 1 })
		]);
		const [came, late, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const start = Math.floor((Date.now() - 5 * MINUTE) / MINUTE) * MINUTE;
		const times = { start: toPbDate(start), end: toPbDate(start + 2 * 60 * MINUTE) };
		const [used, waiting] = await Promise.all([
			bookingAt(came, room.id, 0, 60, times),
			bookingAt(late, other.id, 0, 60, times)
		]);
		await checkIn(came.pb, used.id);
		const system = await systemClient();
		const checkedIn = (await system.collection('bookings').getOne(used.id)).checked_in_at;
		const until = toPbDate(start + 3 * 60 * MINUTE);
		// staff are shown which one ends instead of being cancelled
		const shown = await staff.pb.send<{ bookings: { id: string; in_use: boolean }[] }>(
			'/api/borgerhus/rooms/closing',
			{ query: { room: room.id, start: toPbDate(Date.now()), end: until } }
		);
		expect(shown.bookings.map((b) => [b.id, b.in_use])).toEqual([[used.id, true]]);
		const from = Math.floor(Date.now() / 1000) * 1000 + 1000;
		for (const [where, booking] of [
			[room.id, used],
			[other.id, waiting]
		] as const) {
			await staff.pb.collection('closures').create({
				room: where,
				start: toPbDate(from),
				end: until,
				reason: 'Vandskade',
				cancel_bookings: [booking.id]
			});
		}
		const ended = await system.collection('bookings').getOne(used.id);
		expect([ended.status, ended.checked_in_at, ended.checked_out_at]).toEqual([
			'approved',
			checkedIn,
			toPbDate(from)
		]);
		expect((await system.collection('bookings').getOne(waiting.id)).status).toBe('cancelled');
		const [told, cancelledToo] = await Promise.all([
			notificationsOf(came, 'booking_ended'),
			notificationsOf(came, 'booking_cancelled')
		]);
		expect(told).toHaveLength(1);
		expect(told[0]?.body).toContain('slutter');
		expect(told[0]?.body).toContain('Vandskade');
		expect(cancelledToo).toHaveLength(0);
		expect(await notificationsOf(late, 'booking_cancelled')).toHaveLength(1);
		// its use counts until the closure; the rest of its time is the closure's
		expect((await busyOf(room.id)).map((b) => b.end)).toEqual([toPbDate(from)]);
	});

	it('that has ended still pending may be decided late, approved or rejected', async () => {
		const room = await checkinRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const request = await bookingAt(owner, room.id, -120, 30, { status: 'pending' });
		const rejected = await staff.pb
			.collection('bookings')
			.update(request.id, { status: 'rejected', reason: 'Ingen svarede i tide' });
		expect(rejected.status).toBe('rejected');
	});
	it('still pending may be withdrawn by its booker past the deadline, also once it has ended; an approved one not', async () => {
		const room = await makeRoom({ requires_approval: true, cancel_hours: 48 });
		const owner = await createUser();
		const ended = await bookingAt(owner, room.id, -120, 30, { status: 'pending' });
		const soon = await bookingAt(owner, room.id, 60, 60, { status: 'pending' });
		const approved = await bookingAt(owner, room.id, 3 * 60, 60);
		for (const request of [ended, soon]) {
			const withdrawn = await owner.pb.collection('bookings').update(request.id, { status: 'cancelled' });
			expect(withdrawn.status).toBe('cancelled');
		}
		expect(
			await refused(owner.pb.collection('bookings').update(approved.id, { status: 'cancelled' }))
		).toEqual({ status: 400, codes: ['rooms_cancel_deadline'] });
	});
});
