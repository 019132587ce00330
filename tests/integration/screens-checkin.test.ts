import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { toMs, toPbDate } from '$rules/room-claims.js';
import { localParts } from '$rules/core/time.js';
import { createUser, guestClient, systemClient } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { makeRoom } from './rooms-arrange';
import { checkIn, checkOut, release } from './rooms-checkin-arrange';
import type { DoorData } from '../../src/lib/screens/types';

// A door sign in a room that requires check-in says when the booking on now or next can be checked in and
// that the room is released otherwise (docs/rules.md, "Door signs and the lobby screen", "Check-in and
// no-shows"). The window comes from the server, by the same rule the check-in page and the release job
// use; the sign shows it for every booking that is on, and for none that is tentative (a request still
// waiting for staff cannot be checked in, and a draft event reads as such a request). It says that the
// booking on now is checked in once it is, and never whether a claim ahead is.
// Every time below is counted from one reading of the clock, and each claim asked about is the room's
// claim now or next, which the sign's data names at any hour (today's list ends at midnight).

const MINUTE = 60_000;
const ALL_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
);
const clock = (ms: number) => localParts(ms).time;

async function arrange() {
	const system = await systemClient();
	const T = Math.floor(Date.now() / MINUTE) * MINUTE;
	const at = (minutes: number) => toPbDate(T + minutes * MINUTE);
	const tag = randomUUID().slice(0, 6);
	const policy = {
		checkin_required: true,
		checkin_opens_minutes: 15,
		checkin_grace_minutes: 20,
		checkin_since: toPbDate(T - 7 * 24 * 60 * MINUTE),
		opening_hours: ALL_DAY,
		min_minutes: 1,
		step_minutes: 1,
		buffer_minutes: 0
	};
	const [booked, evented, drafted, late, plain, fresh, owner, staff] = await Promise.all([
		makeRoom({ ...policy, requires_approval: true }),
		makeRoom(policy),
		makeRoom(policy),
		makeRoom({ ...policy, checkin_grace_minutes: 15, requires_approval: true }),
		makeRoom({ ...policy, checkin_required: false, checkin_since: '' }),
		// check-in switched on just now (the server dates it)
		makeRoom({ ...policy, checkin_since: undefined }),
		createUser({ name: `Skjult Skiltbooker ${tag}` }),
		createUser({ staff: true })
	]);
	const booking = (room: string, from: number, to: number, status = 'approved') =>
		system.collection('bookings').create({
			room,
			booker: owner.record.id,
			purpose: `FORMÅL-${tag}`,
			attendees: 3,
			start: at(from),
			end: at(to),
			status
		});
	const event = (room: string, from: number, to: number, state: 'draft' | 'published') =>
		system.collection('events').create({
			title: state === 'draft' ? `Hemmeligt udkast ${tag}` : `Koncert ${tag}`,
			description: 'Til test',
			category: 'concert',
			room,
			start: at(from),
			end: at(to),
			state,
			registration: false,
			capacity: 0
		});
	const made = await Promise.all([
		booking(booked.id, -5, 40),
		booking(booked.id, 60, 90),
		event(drafted.id, 60, 90, 'draft'),
		event(evented.id, -5, 40, 'published'),
		booking(evented.id, 60, 90, 'pending'),
		booking(late.id, -20, 40, 'pending'),
		booking(plain.id, -5, 40),
		booking(fresh.id, -5, 40),
		booking(fresh.id, 60, 90)
	]);
	return { T, tag, owner, staff, rooms: { booked, evented, drafted, late, plain, fresh }, made };
}

const doorOf = (slug: string) =>
	guestClient().send<DoorData>(`/api/borgerhus/screens/rooms/${slug}`, { method: 'GET' });

describe('a door sign in a room that requires check-in', () => {
	it('names the check-in window of each booking that is on by the check-in rule, and none of a tentative claim', async () => {
		const { T, tag, owner, staff, rooms, made } = await arrange();
		const window = (start: number, opens: number, grace: number) => ({
			opens: T + (start - opens) * MINUTE,
			closes: T + (start + grace) * MINUTE
		});
		// a booking on now, and one next: both have their window
		const booked = await doorOf(rooms.booked.slug);
		expect(booked.room).toMatchObject({ checkin: true, checkinGraceMinutes: 20 });
		expect(booked.current?.checkin).toEqual(window(-5, 15, 20));
		expect(booked.next).toMatchObject({ kind: 'booking', tentative: false });
		expect(booked.next?.checkin).toEqual(window(60, 15, 20));
		// a published event is never checked in; a request still waiting for staff cannot be checked in
		// (rooms_checkin_pending), so it has no window: its time is held, not on
		const evented = await doorOf(rooms.evented.slug);
		expect(evented.current?.kind).toBe('event');
		expect(evented.current?.checkin).toBeNull();
		expect(evented.next).toMatchObject({ kind: 'booking', tentative: true, checkin: null });
		// a draft event reads as such a request: tentative, no window
		const drafted = await doorOf(rooms.drafted.slug);
		expect(drafted.next).toMatchObject({ kind: 'booking', label: '', tentative: true, checkin: null });
		// no check-in required: no window, no rule
		const plain = await doorOf(rooms.plain.slug);
		expect(plain.room).toMatchObject({ checkin: false, checkinGraceMinutes: null });
		expect(plain.current?.checkin).toBeNull();
		// required only since a moment ago: the booking that began before is never released, so it has no
		// window; the next one has
		const fresh = await doorOf(rooms.fresh.slug);
		expect(fresh.current?.checkin).toBeNull();
		expect(fresh.next?.checkin).toEqual(window(60, 15, 20));

		// approved by staff after its window had opened: the grace runs from the approval, on the sign as
		// for the release job
		const pending = made[5]!;
		await staff.pb.collection('bookings').update(pending.id, { status: 'approved' });
		const system = await systemClient();
		const decided = toMs((await system.collection('bookings').getOne(pending.id)).decided_at as string);
		const late = await doorOf(rooms.late.slug);
		expect(late.current?.checkin).toEqual({ opens: T - 35 * MINUTE, closes: decided + 15 * MINUTE });
		const closes = late.current!.checkin!.closes;
		// the check-in page says the same end to the booker
		const session = new AppSession();
		await session.signIn(owner.email, owner.password);
		const page = await (await session.get(`/lokaler/${rooms.late.slug}/tjek-ind`)).text();
		expect(page).toContain(`Tjek ind senest kl. ${clock(closes)}.`);
		const sign = await (await new AppSession().get(`/lokaler/${rooms.late.slug}/skilt?sprog=da`)).text();
		expect(sign).toContain(
			`Tjek ind nu: scan QR-koden senest kl. ${clock(closes)}, ellers frigives lokalet.`
		);
		// and the release job releases it exactly then
		expect((await release(rooms.late.id, closes - 1_000)).released).toBe(0);
		expect((await release(rooms.late.id, closes)).released).toBe(1);

		// nothing of the bookings but their times
		for (const door of [booked, evented, drafted, fresh, late]) {
			const text = JSON.stringify(door);
			for (const secret of [
				`FORMÅL-${tag}`,
				`Hemmeligt udkast ${tag}`,
				'Skjult Skiltbooker',
				owner.email,
				owner.record.id,
				...made.map((m) => m.id)
			]) {
				expect(text).not.toContain(secret);
			}
			expect(text).not.toContain('decided');
			expect(text).not.toContain('checked_in');
		}
	});

	it('says that the booking on now is checked in once its booker checked in, and nothing of it of a claim ahead', async () => {
		const { T, owner, rooms, made } = await arrange();
		const session = new AppSession();
		const sign = async (query: string) =>
			(await session.get(`/lokaler/${rooms.booked.slug}/skilt${query}`)).text();
		const open = `Tjek ind nu: scan QR-koden senest kl. ${clock(T + 15 * MINUTE)}, ellers frigives lokalet.`;
		expect((await doorOf(rooms.booked.slug)).checkedIn).toBe(false);
		expect(await sign('?sprog=da')).not.toContain('Tjekket ind');
		await checkIn(owner.pb, made[0]!.id);
		const door = await doorOf(rooms.booked.slug);
		expect(door.checkedIn).toBe(true);
		// only the claim on now: the next booking's data is as before
		expect(JSON.stringify(door.next)).not.toMatch(/checked/i);
		expect(JSON.stringify(door.today)).not.toMatch(/checked/i);
		const danish = await sign('?sprog=da');
		expect(danish).toMatch(
			/data-testid="door-checked-in"[^>]*>\s*<span aria-hidden="true">✓<\/span> Tjekket ind\s*</
		);
		// nobody is asked to check in to it any more
		expect(danish).not.toContain(open);
		expect(await sign('?sprog=en')).toContain('Checked in');
		// on paper nothing of it
		expect(await sign('?format=a4&sprog=da')).not.toContain('Tjekket ind');
		// a room without check-in and an event on now say nothing of it
		expect((await doorOf(rooms.plain.slug)).checkedIn).toBe(false);
		expect((await doorOf(rooms.evented.slug)).checkedIn).toBe(false);
		// checked out early, its time is free: nothing is on to be checked in
		await checkOut(owner.pb, made[0]!.id);
		const after = await doorOf(rooms.booked.slug);
		expect([after.state, after.checkedIn]).toEqual(['free', false]);
	});

	it('says on the sign when to check in, that it is open now, and on paper the room’s rule', async () => {
		const { T, rooms } = await arrange();
		const session = new AppSession();
		const sign = async (slug: string, query: string) =>
			(await session.get(`/lokaler/${slug}/skilt${query}`)).text();
		const danish = await sign(rooms.booked.slug, '?sprog=da');
		// the booking on now: open, until its grace ends
		expect(danish).toContain(
			`Tjek ind nu: scan QR-koden senest kl. ${clock(T + 15 * MINUTE)}, ellers frigives lokalet.`
		);
		// the claim next: when its window opens and closes, if that is today; otherwise the room's rule
		const early = `Tjek ind her fra kl. ${clock(T + 45 * MINUTE)} til kl. ${clock(T + 80 * MINUTE)}, ellers frigives lokalet.`;
		const rule =
			'Bookinger i dette lokale skal tjekkes ind med QR-koden senest 20 minutter efter start, ellers frigives lokalet.';
		if (!danish.includes(early)) {
			expect(localParts(T + 45 * MINUTE).date).not.toBe(localParts(T).date);
			expect(danish).not.toContain(rule);
		}
		const english = await sign(rooms.booked.slug, '?sprog=en');
		expect(english).toContain(
			`Check in now: scan the QR code by ${clock(T + 15 * MINUTE)}, or the room will be released.`
		);
		// an event on now, a request still waiting for staff next: no window to name, the room's rule
		const evented = await sign(rooms.evented.slug, '?sprog=da');
		expect(evented).not.toContain('Tjek ind nu');
		expect(evented).not.toContain('Tjek ind her fra');
		expect(evented).toContain(rule);

		// on paper: no "now", the room's rule
		for (const format of ['a4', 'a5']) {
			const paper = await sign(rooms.booked.slug, `?format=${format}&sprog=da`);
			expect(paper).toContain(rule);
			expect(paper).not.toContain('Tjek ind nu');
			expect(paper).not.toContain('Tjek ind her fra');
		}
		const paperEnglish = await sign(rooms.booked.slug, '?format=a4&sprog=en');
		expect(paperEnglish).toContain(
			'Bookings in this room must be checked in with the QR code within 20 minutes of the start, or the room will be released.'
		);

		// a room without check-in asks nobody to check in
		const plain = await sign(rooms.plain.slug, '?sprog=da');
		expect(plain).not.toContain('Tjek ind nu');
		expect(plain).not.toContain('ellers frigives');
	});
});
