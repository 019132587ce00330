import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import PocketBase from 'pocketbase';
import { AppSession, loadedAfter, sentOverLimit } from '../helpers/app';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { validCvrNumber } from '../helpers/cvr';
import { houseDate, houseTime } from './rooms-arrange';
import { addDays, localParts } from '$rules/rooms-policy.js';
import { resolve } from '$rules/core/time.js';
import { stack } from '../helpers/stack';
import { makeAssociation, membership } from './associations-helpers';
import { MAX_FILE_BYTES } from '$lib/uploads';

// Booking through the app the way a browser without JavaScript does; PocketBase still decides.

const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);

async function makeRoom(options: Record<string, unknown> = {}) {
	const system = await systemClient();
	return system.collection('rooms').create({
		name: `Applokale ${randomUUID().slice(0, 6)}`,
		slug: `app-${randomUUID().slice(0, 12)}`,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: true,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 15,
		horizon_days: 1000,
		cancel_hours: 48,
		active: true,
		...options
	});
}

/** The staff room form as it shows a room of makeRoom (open 08-22 every day), every field as stored. */
function roomForm(room: Awaited<ReturnType<typeof makeRoom>>, loaded: string) {
	const hours = Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [
			[`open_${d}`, '08:00'],
			[`close_${d}`, '22:00']
		])
	);
	return {
		id: room.id,
		_loaded: loaded,
		capacity: String(room.capacity),
		who_may_book: room.who_may_book,
		active: 'on',
		min_minutes: String(room.min_minutes),
		max_minutes: String(room.max_minutes),
		step_minutes: String(room.step_minutes),
		buffer_minutes: String(room.buffer_minutes),
		horizon_days: String(room.horizon_days),
		cancel_hours: String(room.cancel_hours),
		checkin_opens_minutes: String(room.checkin_opens_minutes),
		checkin_grace_minutes: String(room.checkin_grace_minutes),
		...hours
	};
}

async function signedIn(user: TestUser) {
	const session = new AppSession();
	expect((await session.signIn(user.email, user.password)).status).toBe(303);
	return session;
}

/** An instant of the house's calendar: a date and a time that occurs once that day. */
const instant = (date: string, time: string) => (resolve(date, time) as { instant: number }).instant;
const someDate = () => addDays(localParts(Date.now()).date, 30 + Math.floor(Math.random() * 600));

describe('booking a room through the app', () => {
	it("the search across rooms offers an association's room for booking only to its bookers", async () => {
		const room = await makeRoom({
			who_may_book: 'associations',
			name: `Foreningslokale ${randomUUID().slice(0, 6)}`
		});
		const [citizen, booker] = await Promise.all([createUser(), createUser()]);
		await membership((await makeAssociation()).id, booker, 'booker');
		const path = `/lokaler/ledige?dato=${someDate()}&fra=12:00&til=14:00&antal=2`;
		const card = (html: string) =>
			html.slice(html.indexOf(room.name as string), html.indexOf(room.name as string) + 2500);
		const seen = await (await (await signedIn(citizen)).get(path)).text();
		expect(seen).toContain(room.name);
		expect(card(seen)).toContain('Du kan booke det, når du er booker eller administrator');
		expect(card(seen)).not.toContain(`/lokaler/${room.slug}?`);
		const offered = await (await (await signedIn(booker)).get(path)).text();
		expect(card(offered)).toContain(`/lokaler/${room.slug}?`);
		expect(card(offered)).not.toContain('Du kan booke det, når du er booker eller administrator');
	});

	it('books a room open until midnight up to midnight: 00:00 ends the day', async () => {
		const night = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '00:00']]])
		);
		const room = await makeRoom({ opening_hours: night, requires_approval: false });
		const owner = await createUser();
		const date = someDate();
		const session = await signedIn(owner);
		const form = { for: 'self', purpose: 'Filmaften', attendees: '6', date, start: '22:00', end: '00:00' };
		const booked = await session.post(`/lokaler/${room.slug}?/book`, form);
		expect(booked.status).toBe(303);
		const id = booked.headers.get('location')!.split('=')[1]!;
		const stored = await (await systemClient()).collection('bookings').getOne(id);
		expect(new Date(stored.end as string).getTime() - new Date(stored.start as string).getTime()).toBe(
			2 * 3600_000
		);
		// the search across rooms reads it the same way
		const search = await (
			await session.get(`/lokaler/ledige?dato=${addDays(date, 1)}&fra=22:00&til=00:00&antal=2`)
		).text();
		expect(search).not.toContain('Bookingen skal slutte, efter den starter.');
	});

	it('books across midnight in a room open across it; elsewhere an end before the start is refused', async () => {
		// a night opening as the staff form writes it: until 02:00, and from 20:00 to the midnight
		const nightly = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
				d,
				[
					['00:00', '02:00'],
					['20:00', '00:00']
				]
			])
		);
		const room = await makeRoom({ opening_hours: nightly, requires_approval: false });
		const owner = await createUser();
		const date = someDate();
		const session = await signedIn(owner);
		const form = { for: 'self', purpose: 'Natteskak', attendees: '4', date, start: '23:00', end: '01:00' };
		const booked = await session.post(`/lokaler/${room.slug}?/book`, form);
		expect(booked.status).toBe(303);
		const id = booked.headers.get('location')!.split('=')[1]!;
		const stored = await (await systemClient()).collection('bookings').getOne(id);
		expect(new Date(stored.end as string).getTime() - new Date(stored.start as string).getTime()).toBe(
			2 * 3600_000
		);
		// a room open by day only: 14:00 to 13:00 is a slip, not a night
		const day = await makeRoom({ requires_approval: false });
		const slip = await session.post(`/lokaler/${day.slug}?/book`, { ...form, start: '14:00', end: '13:00' });
		expect(slip.status).toBe(400);
		expect(await slip.text()).toContain('Bookingen skal slutte, efter den starter.');
	});

	it('books, shows the booking, refuses the same slot to another citizen and serves the .ics', async () => {
		const room = await makeRoom();
		const [owner, other] = await Promise.all([createUser(), createUser()]);
		const date = someDate();
		const session = await signedIn(owner);
		const form = { for: 'self', purpose: 'Læsekreds', attendees: '6', date, start: '10:00', end: '11:30' };
		// the cancellation deadline is said before booking
		expect(await (await session.get(`/lokaler/${room.slug}`)).text()).toContain(
			'Du kan aflyse bookingen op til 48 timer før start.'
		);

		const booked = await session.post(`/lokaler/${room.slug}?/book`, form);
		expect(booked.status).toBe(303);
		expect(booked.headers.get('location')).toMatch(/^\/bookinger\?ny=[a-z0-9]{15}$/);
		const id = booked.headers.get('location')!.split('=')[1]!;

		const mine = await (await session.get('/bookinger')).text();
		expect(mine).toContain(room.name);
		expect(mine).toContain('Venter på godkendelse fra personalet');

		// the week shows the slot as busy to anyone, without the purpose
		const week = await (await new AppSession().get(`/lokaler/${room.slug}?fra=${date}`)).text();
		expect(week).toContain('Optaget');
		expect(week).not.toContain('Læsekreds');
		// a week past the house's years, asked for by hand: today's week, never an error
		for (const query of ['fra=9999-12-25', 'dato=9999-12-31&start=10:00&slut=11:00', 'fra=0001-01-01']) {
			expect((await new AppSession().get(`/lokaler/${room.slug}?${query}`)).status, query).toBe(200);
		}

		const otherSession = await signedIn(other);
		const refused = await otherSession.post(`/lokaler/${room.slug}?/book`, {
			...form,
			start: '11:00',
			end: '12:00'
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Lokalet er optaget på det tidspunkt.');

		const ics = await session.get(`/bookinger/${id}/kalender.ics`);
		expect(ics.status).toBe(200);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
		const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		// the same event as Mit overblik's "add to calendar" and the subscribed feed give
		expect(event.uid).toBe(`booking-${id}@borgerhus`);
		expect(event.summary).toBe(`Booking: ${room.name}`);
		expect(event.description).toContain('Læsekreds');
		expect(event.location).toContain(room.name);
		expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(90 * 60_000);
		expect((await otherSession.get(`/bookinger/${id}/kalender.ics`)).status).toBe(404);

		// nor one that is over: the page offers no file for it
		const system = await systemClient();
		const over = await system.collection('bookings').create({
			room: room.id,
			booker: owner.record.id,
			purpose: 'Overstået møde',
			attendees: 2,
			start: new Date(Date.now() - 3 * 3600_000).toISOString(),
			end: new Date(Date.now() - 2 * 3600_000).toISOString(),
			status: 'approved'
		});
		const listed = await (await session.get('/bookinger')).text();
		expect(listed).toContain(`/bookinger/${id}/kalender.ics`);
		expect(listed).toContain('Overstået møde');
		expect(listed).not.toContain(`/bookinger/${over.id}/kalender.ics`);

		// a cancelled booking has nothing to add to a calendar
		const cancelled = await session.post('/bookinger?/cancel', { id });
		expect(cancelled.status).toBeLessThan(400);
		expect((await session.get(`/bookinger/${id}/kalender.ics`)).status).toBe(404);
	});

	it('explains policy limits and a time that does not exist on a daylight-saving day', async () => {
		const room = await makeRoom();
		const owner = await createUser();
		const session = await signedIn(owner);
		const base = { for: 'self', purpose: 'Møde', attendees: '4', date: someDate() };
		const late = await session.post(`/lokaler/${room.slug}?/book`, { ...base, start: '21:00', end: '23:00' });
		expect(late.status).toBe(400);
		expect(await late.text()).toContain('uden for lokalets åbningstid');
		const crowded = await session.post(`/lokaler/${room.slug}?/book`, {
			...base,
			attendees: '40',
			start: '10:00',
			end: '11:00'
		});
		expect(await crowded.text()).toContain('flere deltagere, end lokalet har plads til');
		const spring = `${Number(localParts(Date.now()).date.slice(0, 4)) + 1}-03-28`;
		// the last Sunday of March: find it from the 25th
		const sunday = [25, 26, 27, 28, 29, 30, 31]
			.map((d) => `${spring.slice(0, 4)}-03-${d}`)
			.find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 0)!;
		const missing = await session.post(`/lokaler/${room.slug}?/book`, {
			...base,
			date: sunday,
			start: '02:30',
			end: '03:30'
		});
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Det klokkeslæt findes ikke den dag');
	});

	it('sends guests to sign in and keeps citizens out of the staff pages', async () => {
		const guest = new AppSession();
		const redirect = await guest.get('/bookinger');
		expect(redirect.status).toBe(303);
		expect(redirect.headers.get('location')).toContain('/log-ind');
		const citizen = await signedIn(await createUser());
		expect((await citizen.get('/personale/bookinger')).status).toBe(403);
	});

	it('shows staff an event in a room taken out of use on its day, in a row of its own', async () => {
		const room = await makeRoom();
		const system = await systemClient();
		const day = someDate();
		const event = await system.collection('events').create({
			title: `Koncert i gammelt lokale ${room.slug}`,
			category: 'concert',
			room: room.id,
			start: `${day} 16:00:00.000Z`,
			end: `${day} 18:00:00.000Z`,
			state: 'published',
			registration: false,
			capacity: 0
		});
		await system.collection('rooms').update(room.id, { active: false });
		const staff = await signedIn(await createUser({ staff: true }));
		const page = await (await staff.get(`/personale/bookinger?dag=${day}`)).text();
		expect(page).toContain(event.title);
		expect(page).toContain(room.name);
	});

	it("tells staff to swipe for more hours in the day's calendar and for more days in the week's", async () => {
		const session = await signedIn(await createUser({ staff: true }));
		const day = await (await session.get('/personale/bookinger?visning=dag')).text();
		expect(day).toContain('Stryg til siden i skemaet for at se flere timer.');
		const week = await (await session.get('/personale/bookinger?visning=uge')).text();
		expect(week).toContain('Stryg til siden i skemaet for at se flere dage.');
		expect(week).not.toContain('for at se flere timer');
	});

	it("shows staff today's calendar for a day outside the house's years, never an error", async () => {
		const staff = await signedIn(await createUser({ staff: true }));
		for (const day of ['9999-12-31', '0001-01-01', '2100-12-30', '2026-02-30']) {
			expect((await staff.get(`/personale/bookinger?dag=${day}`)).status, day).toBe(200);
			expect((await staff.get(`/personale/bookinger?dag=${day}&visning=uge`)).status, day).toBe(200);
		}
	});

	it('says before and after booking that a start inside the cancel deadline can never be cancelled', async () => {
		const [room, approved] = await Promise.all([makeRoom({ requires_approval: false }), makeRoom()]);
		const owner = await createUser();
		const session = await signedIn(owner);
		// any time tomorrow starts in less than the rooms' 48 hours
		const tomorrow = addDays(localParts(Date.now()).date, 1);
		const warning = 'Bookingen starter om under 48 timer, så du kan ikke aflyse den, når den er booket.';
		const page = (slug: string, date: string) =>
			session.get(`/lokaler/${slug}?dato=${date}&start=12:00&slut=13:00`);
		expect(await (await page(room.slug, tomorrow)).text()).toContain(warning);
		expect(await (await page(room.slug, someDate())).text()).not.toContain(warning);
		expect(await (await page(approved.slug, tomorrow)).text()).toContain(
			'Bookingen starter om under 48 timer, så du kan ikke aflyse den, når huset har godkendt den.'
		);
		const form = { for: 'self', purpose: 'Sidste øjeblik', attendees: '3', start: '12:00', end: '13:00' };
		const booked = await session.post(`/lokaler/${room.slug}?/book`, { ...form, date: tomorrow });
		expect(booked.status).toBe(303);
		expect(await (await session.get(booked.headers.get('location')!)).text()).toContain(
			'er booket og godkendt. Den er din. Den starter om under 48 timer, så du kan ikke aflyse den.'
		);
		const requested = await session.post(`/lokaler/${approved.slug}?/book`, { ...form, date: tomorrow });
		expect(await (await session.get(requested.headers.get('location')!)).text()).toContain(
			'Når den er godkendt, kan du ikke aflyse den, for den starter om under 48 timer.'
		);
		const later = await session.post(`/lokaler/${room.slug}?/book`, { ...form, date: someDate() });
		expect(await (await session.get(later.headers.get('location')!)).text()).not.toContain(
			'så du kan ikke aflyse den'
		);
	});

	it('lets staff approve and the booker cancel before the deadline', async () => {
		const room = await makeRoom();
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const date = someDate();
		const ownerSession = await signedIn(owner);
		const booked = await ownerSession.post(`/lokaler/${room.slug}?/book`, {
			for: 'self',
			purpose: 'Generalforsamling',
			attendees: '8',
			date,
			start: '18:00',
			end: '20:00'
		});
		const id = booked.headers.get('location')!.split('=')[1]!;
		const staffSession = await signedIn(staff);
		const queue = await (await staffSession.get(`/personale/bookinger?lokale=${room.id}`)).text();
		expect(queue).toContain('Generalforsamling');
		const refused = await staffSession.post('/personale/bookinger?/reject', { id, reason: '' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Skriv en begrundelse.');
		expect((await staffSession.post('/personale/bookinger?/approve', { id })).status).toBe(200);
		const day = await (await staffSession.get(`/personale/bookinger?dag=${date}`)).text();
		expect(day).toContain(room.name);
		expect(day).toContain('18:00–20:00');
		expect((await owner.pb.collection('bookings').getOne(id)).status).toBe('approved');
		expect(await (await ownerSession.get('/bookinger')).text()).toContain('Godkendt');

		expect((await ownerSession.post('/bookinger?/cancel', { id })).status).toBe(200);
		expect((await owner.pb.collection('bookings').getOne(id)).status).toBe('cancelled');
	});
});

describe("a room page beside the house's seasons", () => {
	it('answers while a final season has no weekly times at all (a season the system loaded)', async () => {
		const room = await makeRoom();
		const system = await systemClient();
		const year = new Date().getUTCFullYear() + 3;
		const season = await system.collection('seasons').create({
			name: `Tom sæson ${randomUUID().slice(0, 6)}`,
			first_date: `${year}-03-01`,
			last_date: `${year}-04-25`,
			status: 'final'
		});
		try {
			expect((await system.collection('seasons').getOne(season.id)).slots).toBeNull();
			const page = await new AppSession().get(`/lokaler/${room.slug}`);
			expect(page.status).toBe(200);
			expect(await page.text()).toContain(room.name);
		} finally {
			await system.collection('seasons').delete(season.id);
		}
	});
});

describe('the requests waiting for staff', () => {
	it('come twenty at a time, oldest date first, for one room or all, and a page past the end shows the last', async () => {
		const room = await makeRoom();
		const [booker, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		const marker = randomUUID().slice(0, 8);
		// 23 requests on 23 days, made in shuffled order so that the page's order is its own
		const days = Array.from({ length: 23 }, (_, i) => 40 + i);
		for (const i of [...days.keys()].sort(() => Math.random() - 0.5)) {
			await system.collection('bookings').create({
				room: room.id,
				booker: booker.record.id,
				purpose: `Kor ${marker} nr. ${String(i + 1).padStart(2, '0')}.`,
				attendees: 5,
				start: houseTime(days[i]!, '10:00'),
				end: houseTime(days[i]!, '11:00'),
				status: 'pending'
			});
		}
		const session = await signedIn(staff);
		// the waiting requests in the order the page lists them (not the approved ones further down)
		const shown = (html: string) => {
			const waiting = html.slice(html.indexOf('id="pending-heading"'), html.indexOf('id="calendar-heading"'));
			return [...waiting.matchAll(new RegExp(`Kor ${marker} nr\\. (\\d+)\\.`, 'g'))].map((m) => Number(m[1]));
		};

		const first = await (await session.get(`/personale/bookinger?lokale=${room.id}`)).text();
		expect(first).toContain('Afventer godkendelse (23)');
		expect(shown(first)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(first).toContain('Side 1 af 2');
		expect(first).toContain(`lokale=${room.id}&amp;side=2`);
		// the room asked for is the one chosen in the filter
		expect(first).toMatch(new RegExp(`<option value="${room.id}" selected[^>]*>`));

		const second = await (await session.get(`/personale/bookinger?lokale=${room.id}&side=2`)).text();
		expect(shown(second)).toEqual([21, 22, 23]);
		expect(second).toContain('Side 2 af 2');
		// a decision's form says which room and page to answer with
		expect(second).toContain(`action="?/approve&amp;lokale=${room.id}&amp;side=2&amp;`);
		const beyond = await (await session.get(`/personale/bookinger?lokale=${room.id}&side=9`)).text();
		expect(shown(beyond)).toEqual([21, 22, 23]);

		// a decision counts down; an id that is not an id narrows nothing and breaks nothing
		const last = await system
			.collection('bookings')
			.getFirstListItem(system.filter('room = {:room} && purpose ~ {:nr}', { room: room.id, nr: 'nr. 23.' }));
		// without JavaScript the page answered after a decision is the same room and page, counted down
		const decided = await session.post(`/personale/bookinger?/approve&lokale=${room.id}&side=2`, {
			id: last.id
		});
		expect(decided.status).toBe(200);
		const answered = await decided.text();
		expect(answered).toContain('Afventer godkendelse (22)');
		expect(shown(answered)).toEqual([21, 22]);
		const after = await (await session.get(`/personale/bookinger?lokale=${room.id}&side=2`)).text();
		expect(after).toContain('Afventer godkendelse (22)');
		expect(shown(after)).toEqual([21, 22]);
		const hostile = await session.get(
			`/personale/bookinger?lokale=${encodeURIComponent('" || 1=1 || "')}&side=-3`
		);
		expect(hostile.status).toBe(200);
		expect(await hostile.text()).toContain('<option value="" selected');
	});
});

describe('the approved bookings ahead, for staff', () => {
	it('come 25 a page for one room, each page reached, with no count of them all', async () => {
		const room = await makeRoom({ requires_approval: false });
		const [booker, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		const marker = randomUUID().slice(0, 8);
		for (let i = 0; i < 27; i++) {
			await system.collection('bookings').create({
				room: room.id,
				booker: booker.record.id,
				purpose: `Møde ${marker} nr. ${String(i + 1).padStart(2, '0')}.`,
				attendees: 5,
				start: houseTime(30 + i, '10:00'),
				end: houseTime(30 + i, '11:00'),
				status: 'approved'
			});
		}
		const session = await signedIn(staff);
		const shown = (html: string) => {
			const from = html.indexOf('id="upcoming-heading"');
			const ahead = html.slice(from, html.indexOf('</section>', from));
			return [...ahead.matchAll(new RegExp(`Møde ${marker} nr\\. (\\d+)\\.`, 'g'))].map((m) => Number(m[1]));
		};
		const first = await (await session.get(`/personale/bookinger?lokale=${room.id}`)).text();
		expect(shown(first)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
		expect(first).toContain('Side 1<');
		expect(first).toContain(`lokale=${room.id}&amp;side=1&amp;kommende=2`);

		const second = await (await session.get(`/personale/bookinger?lokale=${room.id}&kommende=2`)).text();
		expect(shown(second)).toEqual([26, 27]);
		expect(second).toContain('Side 2<');
		expect(second).not.toContain('kommende=3');
		// a cancel there answers with the same page (without JavaScript)
		expect(second).toContain(`action="?/cancel&amp;lokale=${room.id}&amp;side=1&amp;kommende=2&amp;`);
		const last = await system
			.collection('bookings')
			.getFirstListItem(system.filter('room = {:room} && purpose ~ {:nr}', { room: room.id, nr: 'nr. 27.' }));
		const cancelled = await session.post(`/personale/bookinger?/cancel&lokale=${room.id}&kommende=2`, {
			id: last.id,
			reason: 'Lokalet males.'
		});
		expect(cancelled.status).toBe(200);
		expect(shown(await cancelled.text())).toEqual([26]);

		// a page past the end shows the last one there is
		const beyond = await (await session.get(`/personale/bookinger?lokale=${room.id}&kommende=9`)).text();
		expect(shown(beyond)).toEqual([26]);
		expect(beyond).toContain('Side 2<');
		// the calendar's day moves with the room and the list's page kept
		expect(second).toContain(`lokale=${room.id}&amp;side=1&amp;kommende=2&amp;dag=`);
		const odd = await session.get(`/personale/bookinger?lokale=${room.id}&kommende=abc`);
		expect(odd.status).toBe(200);
		expect(shown(await odd.text())).toHaveLength(25);
		// another room's list holds none of them
		const other = await makeRoom();
		expect(shown(await (await session.get(`/personale/bookinger?lokale=${other.id}`)).text())).toEqual([]);
	});
});

describe('season bookings through the app', () => {
	it('previews a weekly time until midnight, ending at 00:00, with every date free', async () => {
		const untilMidnight = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '00:00']]])
		);
		const room = await makeRoom({
			requires_approval: false,
			opening_hours: untilMidnight,
			buffer_minutes: 0
		});
		const owner = await createUser();
		const first = addDays(localParts(Date.now()).date, 10);
		const session = await signedIn(owner);
		const form = {
			for: 'self',
			purpose: 'Dansehold',
			attendees: '8',
			first_date: first,
			last_date: addDays(first, 14),
			interval: '1',
			start: '20:00',
			end: '00:00'
		};
		const preview = await (await session.post(`/lokaler/${room.slug}/saeson?/preview`, form)).text();
		expect(preview).not.toContain('Til kl. skal ligge efter fra kl.');
		expect(preview.match(/name="dates"/g)).toHaveLength(3);
		// any other end before the start is said at the field
		const reversed = await (
			await session.post(`/lokaler/${room.slug}/saeson?/preview`, { ...form, end: '01:00' })
		).text();
		expect(reversed).toContain('Til kl. skal ligge efter fra kl.');
	});

	it('previews every reason a date cannot be booked, closed and taken both, in Danish and in English', async () => {
		const room = await makeRoom({ requires_approval: false });
		const owner = await createUser();
		const system = await systemClient();
		// the second of three weekly dates: the room closed until 19:30 and booked from 20:00
		await system.collection('closures').create({
			room: room.id,
			start: houseTime(17, '18:00'),
			end: houseTime(17, '19:30'),
			reason: 'Maling'
		});
		await system.collection('bookings').create({
			room: room.id,
			booker: (await createUser()).record.id,
			purpose: 'Møde',
			attendees: 2,
			start: houseTime(17, '20:00'),
			end: houseTime(17, '21:00'),
			status: 'approved'
		});
		const session = await signedIn(owner);
		const form = {
			for: 'self',
			purpose: 'Korprøve',
			attendees: '8',
			first_date: houseDate(10),
			last_date: houseDate(24),
			interval: '1',
			start: '19:00',
			end: '21:00'
		};
		const segments = async () =>
			(await (await session.post(`/lokaler/${room.slug}/saeson?/preview`, form)).text())
				.split('<li class="segment')
				.slice(1);
		const da = await segments();
		expect(da).toHaveLength(3);
		expect(da[0]).toContain('name="dates"');
		expect(da[1]).not.toContain('name="dates"');
		expect(da[1]).toMatch(
			/<li class="badge[^"]*">Lukket<\/li>\s*<li class="badge[^"]*">Optaget af en anden booking<\/li>/
		);
		expect(da[2]).toContain('name="dates"');
		expect((await session.post('/sprog', { language: 'en', redirectTo: '/' })).status).toBe(303);
		const en = await segments();
		expect(en[1]).toMatch(
			/<li class="badge[^"]*">Closed<\/li>\s*<li class="badge[^"]*">Taken by another booking<\/li>/
		);
	});

	it('previews dates across a daylight-saving change, sends only the chosen free ones and cancels the rest', async () => {
		const room = await makeRoom({ requires_approval: false });
		const owner = await createUser();
		const system = await systemClient();
		// the Tuesdays around the next autumn change of clocks (last Sunday of October)
		const year = Number(localParts(Date.now()).date.slice(0, 4)) + 1;
		const tuesdays = [6, 13, 20, 27].map((d) => `${year}-10-${String(d).padStart(2, '0')}`);
		const first = tuesdays.find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 2) ?? `${year}-10-07`;
		const dates = [0, 7, 14, 21, 28].map((n) => addDays(first, n));
		// an event on the third date collides
		await system.collection('events').create({
			title: 'Koncert',
			room: room.id,
			state: 'published',
			start: `${dates[2]} 16:00:00.000Z`,
			end: `${dates[2]} 20:00:00.000Z`
		});
		const session = await signedIn(owner);
		const form = {
			for: 'self',
			purpose: 'Korprøve',
			attendees: '8',
			first_date: dates[0]!,
			last_date: dates[4]!,
			interval: '1',
			start: '19:00',
			end: '21:00'
		};
		const preview = await (await session.post(`/lokaler/${room.slug}/saeson?/preview`, form)).text();
		expect(preview).toContain('Optaget af et arrangement');
		expect(preview).not.toContain('Koncert');
		expect(preview.match(/name="dates"/g)).toHaveLength(4);

		// the user leaves out the second date; the colliding third is skipped anyway
		const body = new URLSearchParams(form);
		for (const d of [dates[0]!, dates[2]!, dates[3]!, dates[4]!]) body.append('dates', d);
		const sent = await fetch(new URL(`/lokaler/${room.slug}/saeson?/season`, session.base), {
			method: 'POST',
			headers: {
				origin: new URL(session.base).origin,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				cookie: session.cookieHeader(),
				'x-forwarded-for': session.ip
			},
			body,
			redirect: 'manual'
		});
		expect(sent.status).toBe(303);
		// the colliding date is skipped openly, with its reason
		expect(sent.headers.get('location')).toBe(`/bookinger?serie=3&sprunget=${dates[2]}.rooms_overlap`);
		const mine = await (await session.get(sent.headers.get('location')!)).text();
		expect(mine).toContain('Disse datoer blev sprunget over:');
		expect(mine).toContain('Lokalet er optaget på det tidspunkt.');
		// the three dates are one card: the weekday and time, how many are left, the dates on demand
		const weekday = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'][
			new Date(`${dates[0]}T12:00:00Z`).getUTCDay()
		];
		expect(mine).toContain(`Hver ${weekday} kl. <span class="range">19:00–21:00</span>`);
		expect(mine).toContain('Vis alle 3 datoer');
		expect(mine.match(/<h3[ >]/g)).toHaveLength(1);
		expect(mine.match(/<h4[ >]/g)).toHaveLength(3);

		const bookings = await owner.pb.collection('bookings').getFullList({ sort: 'start' });
		expect(bookings.map((b) => localParts(Date.parse(b.start.replace(' ', 'T'))).date)).toEqual([
			dates[0],
			dates[3],
			dates[4]
		]);
		// 19:00 local on both sides of the change of clocks
		for (const b of bookings) expect(localParts(Date.parse(b.start.replace(' ', 'T'))).minutes).toBe(19 * 60);
		expect(new Set(bookings.map((b) => b.series)).size).toBe(1);

		// the rest of the series: every future date before its deadline, in one transaction
		const cancel = await session.post('/bookinger?/cancelSeries', { id: bookings[1]!.id });
		expect(cancel.status).toBe(200);
		expect(await cancel.text()).toContain('3 datoer er aflyst.');
		const after = await owner.pb.collection('bookings').getFullList({ sort: 'start' });
		expect(after.map((b) => b.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
		const series = await owner.pb.collection('booking_series').getOne(bookings[0]!.series);
		expect(series.status).toBe('cancelled');
	});
});

describe('a season with a date staff gave to someone else', () => {
	it('offers the rest of the season only to its booker, counted as the server cancels it', async () => {
		const room = await makeRoom();
		const [owner, other, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const first = someDate();
		const season = await owner.pb.send<{ series: string; booked: { id: string }[] }>(
			'/api/borgerhus/series',
			{
				method: 'POST',
				body: {
					room: room.id,
					association: '',
					purpose: 'Korprøve',
					attendees: 4,
					first_date: first,
					last_date: addDays(first, 14),
					interval: 1,
					start_time: '18:00',
					end_time: '19:00'
				}
			}
		);
		expect(season.booked).toHaveLength(3);
		await staff.pb.send(`/api/borgerhus/bookings/${season.booked[1]!.id}/reassign`, {
			method: 'POST',
			body: { booker: other.record.id, reason: 'Overtager datoen' }
		});
		// the date's new booker may cancel their date, not the season
		const theirs = await (await (await signedIn(other)).get('/bookinger')).text();
		expect(theirs).toContain(room.name);
		expect(theirs).not.toContain('action="?/cancelSeries"');
		// the season's booker is offered the two dates that are still theirs, and the server cancels those two
		const session = await signedIn(owner);
		const mine = await (await session.get('/bookinger')).text();
		expect(mine).toContain('Ja, aflys 2 datoer');
		const cancel = await session.post('/bookinger?/cancelSeries', { id: season.booked[0]!.id });
		expect(cancel.status).toBe(200);
		expect(await cancel.text()).toContain('2 datoer er aflyst.');
		const system = await systemClient();
		expect((await system.collection('bookings').getOne(season.booked[1]!.id)).status).not.toBe('cancelled');
	});
});

describe('staff edit closures and policies through the app', () => {
	it('reads a closure ending at 00:00 as the midnight that ends its last day, as a booking’s end', async () => {
		const night = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '00:00']]])
		);
		const room = await makeRoom({ opening_hours: night, requires_approval: false });
		const staff = await createUser({ staff: true });
		const session = await signedIn(staff);
		// the form offers a whole day: from 00:00 to 00:00, the midnight that ends it
		const form = await (await session.get('/personale/lokaler')).text();
		expect(form).toMatch(/name="to_time"[^>]*value="00:00"|value="00:00"[^>]*name="to_time"/);
		const date = someDate();
		const added = await session.post('/personale/lokaler?/addClosure', {
			room: room.id,
			from_date: date,
			from_time: '00:00',
			to_date: date,
			to_time: '00:00',
			reason: 'Maling'
		});
		expect(added.status).toBe(200);
		const system = await systemClient();
		const [closure] = (await system.collection('closures').getList(1, 1, { filter: `room = "${room.id}"` }))
			.items;
		expect(new Date(closure!.end).getTime() - new Date(closure!.start).getTime()).toBe(
			instant(addDays(date, 1), '00:00') - instant(date, '00:00')
		);
		// its last hour is closed too, with nothing left open before midnight
		const owner = await signedIn(await createUser());
		const late = await owner.post(`/lokaler/${room.slug}?/book`, {
			for: 'self',
			purpose: 'Filmaften',
			attendees: '4',
			date,
			start: '23:00',
			end: '00:00'
		});
		expect(await late.text()).toContain('Lokalet er lukket på det tidspunkt.');
	});

	it('lists a booking until midnight in a closure’s confirmation as ending that day, 22:00–00:00', async () => {
		const night = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '00:00']]])
		);
		const room = await makeRoom({ opening_hours: night, requires_approval: false });
		const [staff, owner] = await Promise.all([createUser({ staff: true }), createUser()]);
		const date = someDate();
		const booked = await (
			await signedIn(owner)
		).post(`/lokaler/${room.slug}?/book`, {
			for: 'self',
			purpose: 'Filmaften',
			attendees: '4',
			date,
			start: '22:00',
			end: '00:00'
		});
		expect(booked.status).toBe(303);
		const asked = await (
			await signedIn(staff)
		).post('/personale/lokaler?/addClosure', {
			room: room.id,
			from_date: date,
			from_time: '00:00',
			to_date: date,
			to_time: '00:00',
			reason: 'Vandskade'
		});
		const page = await asked.text();
		const listed = /data-testid="closing-[^"]*"[\s\S]*?<\/ul>/.exec(page)?.[0] ?? '';
		expect(listed).toContain('22:00–00:00');
	});

	it('adds a closure that then closes the room, and saves opening hours', async () => {
		const room = await makeRoom();
		const [staff, owner] = await Promise.all([createUser({ staff: true }), createUser()]);
		const session = await signedIn(staff);
		expect((await session.get('/personale/lokaler')).status).toBe(200);
		const date = someDate();
		const added = await session.post('/personale/lokaler?/addClosure', {
			room: room.id,
			from_date: date,
			from_time: '00:00',
			to_date: date,
			to_time: '23:59',
			reason: 'Maling'
		});
		expect(added.status).toBe(200);
		// a confirmation that is no list of booking ids is refused with a message the form shows
		const garbled = await session.post('/personale/lokaler?/addClosure', {
			room: room.id,
			from_date: date,
			from_time: '00:00',
			to_date: date,
			to_time: '23:59',
			reason: 'Maling',
			cancel_bookings: '<script>'
		});
		expect(garbled.status).toBe(400);
		expect(await garbled.text()).toMatch(/role="alert"[^>]*>Værdien er ikke gyldig\.</);
		// the server's refusal of a date outside the house's years shows at the form's date field, and an
		// end at its start is worded for a closure, not a booking
		const far = await session.post('/personale/lokaler?/addClosure', {
			room: room.id,
			from_date: '2199-01-05',
			from_time: '00:00',
			to_date: '2199-01-06',
			to_time: '00:00',
			reason: 'Test'
		});
		expect(far.status).toBe(400);
		expect(await far.text()).toContain('Datoen ligger uden for det mulige tidsrum.');
		const empty = await session.post('/personale/lokaler?/addClosure', {
			room: room.id,
			from_date: date,
			from_time: '10:00',
			to_date: date,
			to_time: '10:00',
			reason: 'Test'
		});
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Slut skal ligge efter start.');
		const ownerSession = await signedIn(owner);
		const refused = await ownerSession.post(`/lokaler/${room.slug}?/book`, {
			for: 'self',
			purpose: 'Møde',
			attendees: '3',
			date,
			start: '10:00',
			end: '11:00'
		});
		expect(await refused.text()).toContain('Lokalet er lukket på det tidspunkt.');

		const hours = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [
				[`open_${d}`, d === 'sun' ? '' : '09:00'],
				[`close_${d}`, d === 'sun' ? '' : '17:00']
			])
		);
		const base = {
			id: room.id,
			capacity: '12',
			who_may_book: 'citizens',
			requires_approval: 'on',
			active: 'on',
			min_minutes: '30',
			max_minutes: '120',
			step_minutes: '30',
			buffer_minutes: '0',
			horizon_days: '365',
			cancel_hours: '24',
			checkin_opens_minutes: '10',
			checkin_grace_minutes: '20',
			...hours
		};
		const saved = await session.post('/personale/lokaler?/saveRoom', base);
		expect(saved.status).toBe(200);
		const system = await systemClient();
		const stored = await system.collection('rooms').getOne(room.id);
		expect(stored).toMatchObject({
			capacity: 12,
			max_minutes: 120,
			requires_approval: true,
			checkin_required: false,
			checkin_opens_minutes: 10,
			checkin_grace_minutes: 20
		});
		expect(stored.opening_hours).toMatchObject({ mon: [['09:00', '17:00']] });
		expect(stored.opening_hours.sun).toBeUndefined();

		// a day in two periods (closed for lunch) is kept, and saved again unchanged by the form
		const split = await session.post('/personale/lokaler?/saveRoom', {
			...base,
			close_tue: '12:00',
			open_tue_2: '13:00',
			close_tue_2: '21:00'
		});
		expect(split.status).toBe(200);
		const page = await (await session.get('/personale/lokaler')).text();
		expect(page).toContain(`name="open_tue_2" type="time" value="13:00"`);
		expect((await system.collection('rooms').getOne(room.id)).opening_hours.tue).toEqual([
			['09:00', '12:00'],
			['13:00', '21:00']
		]);
		// a period with an opening time but no closing time is refused, not read as closed; one that closes
		// before it opens is a slip in the form, not a night opening: refused too
		for (const [day, change, message] of [
			['wed', { close_wed: '' }, 'Skriv både hvornår lokalet åbner, og hvornår det lukker.'],
			['thu', { open_thu: '17:00', close_thu: '09:00' }, 'Lukketiden ligger før åbningstiden.']
		] as const) {
			const refused = await session.post('/personale/lokaler?/saveRoom', { ...base, ...change });
			expect(refused.status).toBe(400);
			expect(await refused.text()).toContain(message);
			expect((await system.collection('rooms').getOne(room.id)).opening_hours[day]).toEqual([
				['09:00', '17:00']
			]);
		}
		// open until midnight, and past it as a period of the next day, are written with 00:00
		const late = await session.post('/personale/lokaler?/saveRoom', {
			...base,
			open_fri: '18:00',
			close_fri: '00:00',
			open_sat: '00:00',
			close_sat: '02:00',
			open_sat_2: '09:00',
			close_sat_2: '17:00'
		});
		expect(late.status, await late.clone().text()).toBe(200);
		expect((await system.collection('rooms').getOne(room.id)).opening_hours).toMatchObject({
			fri: [['18:00', '00:00']],
			sat: [
				['00:00', '02:00'],
				['09:00', '17:00']
			]
		});
	});
});

describe("staff describe the house's rooms", () => {
	it('create a room not in use until they take it into use, then edit what it is, photos included', async () => {
		const [staff, citizen] = await Promise.all([createUser({ staff: true }), createUser()]);
		const session = await signedIn(staff);
		const name = `Nyt Mødelokale ${Math.random().toString(36).slice(2, 7)}`;
		const slug = name.toLowerCase().replace('ø', 'oe').replace(/ /g, '-');
		expect((await session.get('/personale/lokaler/ny')).status).toBe(200);
		// a name on two lines is refused, and nothing is made
		const twoLines = await session.post('/personale/lokaler/ny?/create', {
			name: `${name}\nBcc: x`,
			slug: '',
			capacity: '12',
			description: '',
			facilities: '',
			accessibility_notes: ''
		});
		expect(twoLines.status).toBe(400);
		expect(await twoLines.text()).toContain('Skriv det på én linje.');
		const created = await session.post('/personale/lokaler/ny?/create', {
			name,
			slug: '',
			capacity: '12',
			description: 'Lyst lokale med udsigt.',
			facilities: 'Projektor, Whiteboard',
			step_free: 'on',
			accessibility_notes: ''
		});
		expect(created.status).toBe(303);
		const id = /\/personale\/lokaler\/([a-z0-9]{15})/.exec(created.headers.get('location') ?? '')?.[1];
		expect(id).toBeTruthy();
		const system = await systemClient();
		const room = await system.collection('rooms').getOne(id!);
		// made not in use: nobody books it by the house's first rules before staff have set its own
		expect(room).toMatchObject({ name, slug, capacity: 12, step_free: true, active: false });
		expect(room.facilities).toEqual(['Projektor', 'Whiteboard']);
		const made = await (await session.get(`/personale/lokaler/${id}?oprettet=1`)).text();
		expect(made).toContain('Lokalet er oprettet. Det er ikke i brug endnu.');
		expect(made).toContain('Lokalet er ikke i brug, så ingen kan booke det.');
		expect(made).toContain('Tag i brug');
		// two weeks ahead: inside a new room's booking horizon, on a day it is open
		const day = houseDate(14);
		const book = async () =>
			(await signedIn(citizen)).post(`/lokaler/${slug}?/book`, {
				for: 'self',
				purpose: 'Møde',
				attendees: '4',
				date: day,
				start: '10:00',
				end: '11:00'
			});
		expect((await book()).status).not.toBe(303);
		expect(await system.collection('bookings').getFullList({ filter: `room = "${id}"` })).toEqual([]);
		// taken into use by staff (audited), its page is public and a citizen can book it
		const activated = await session.post(`/personale/lokaler/${id}?/activate`, {});
		expect(activated.status).toBe(200);
		expect(await activated.text()).toContain('Lokalet er taget i brug og kan bookes nu.');
		expect((await system.collection('rooms').getOne(id!)).active).toBe(true);
		expect(
			await system
				.collection('audit_log')
				.getFirstListItem(`target_id = "${id}" && action = "rooms_update" && details.active = true`)
		).toBeTruthy();
		expect(await (await session.get(`/personale/lokaler/${id}`)).text()).not.toContain('Tag i brug');
		expect(await (await new AppSession().get(`/lokaler/${slug}`)).text()).toContain(
			'Lyst lokale med udsigt.'
		);
		expect((await book()).status).toBe(303);
		// ticked into use on creation, it is bookable at once
		const atOnce = await session.post('/personale/lokaler/ny?/create', {
			name: `${name} B`,
			slug: '',
			capacity: '6',
			description: '',
			facilities: '',
			accessibility_notes: '',
			active: 'on'
		});
		expect(atOnce.status).toBe(303);
		const atOnceId = /\/personale\/lokaler\/([a-z0-9]{15})/.exec(atOnce.headers.get('location') ?? '')?.[1];
		expect((await system.collection('rooms').getOne(atOnceId!)).active).toBe(true);
		expect(await (await session.get(`/personale/lokaler/${atOnceId}?oprettet=1`)).text()).toContain(
			'Lokalet er oprettet.'
		);

		// editing: only what changed is sent, a photo is added and then removed again
		const page = await (await session.get(`/personale/lokaler/${id}`)).text();
		const loaded = loadedAfter(page);
		const form = new FormData();
		for (const [k, v] of Object.entries({
			_loaded: loaded,
			name,
			slug,
			description: 'Lyst lokale med udsigt over parken.',
			facilities: 'Projektor, Whiteboard, Køkken',
			step_free: 'on',
			hearing_loop: 'on',
			accessibility_notes: ''
		}))
			form.append(k, v);
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2"/></svg>';
		form.append('photos', new File([svg], 'lokale.svg', { type: 'image/svg+xml' }));
		expect((await session.postMultipart(`/personale/lokaler/${id}?/save`, form)).status).toBe(200);
		const edited = await system.collection('rooms').getOne(id!);
		expect(edited).toMatchObject({ description: 'Lyst lokale med udsigt over parken.', hearing_loop: true });
		expect(edited.facilities).toEqual(['Projektor', 'Whiteboard', 'Køkken']);
		expect(edited.photos).toHaveLength(1);
		const again = loadedAfter(await (await session.get(`/personale/lokaler/${id}`)).text());
		const removed = await session.post(`/personale/lokaler/${id}?/save`, {
			_loaded: again,
			name,
			slug,
			description: 'Lyst lokale med udsigt over parken.',
			facilities: 'Projektor, Whiteboard, Køkken',
			step_free: 'on',
			hearing_loop: 'on',
			accessibility_notes: '',
			remove_photo: edited.photos[0]
		});
		expect(removed.status).toBe(200);
		expect((await system.collection('rooms').getOne(id!)).photos).toEqual([]);
		// an address name another room has is refused at its field
		const other = await makeRoom();
		const taken = await session.post(`/personale/lokaler/${id}?/save`, {
			_loaded: again,
			name,
			slug: other.slug,
			description: '',
			facilities: '',
			accessibility_notes: ''
		});
		expect(taken.status).toBe(400);
		expect((await system.collection('rooms').getOne(id!)).slug).toBe(slug);
		// citizens reach neither page
		const citizenSession = await signedIn(citizen);
		expect((await citizenSession.get('/personale/lokaler/ny')).status).toBe(403);
		expect((await citizenSession.get(`/personale/lokaler/${id}`)).status).toBe(403);
	});

	it('take photos up to the limit the form states, as PocketBase does, and refuse a larger or empty one at its field', async () => {
		const room = await makeRoom();
		const session = await signedIn(await createUser({ staff: true }));
		const system = await systemClient();
		// one limit: PocketBase's picture fields hold what the app's forms say
		for (const [collection, field] of [
			['rooms', 'photos'],
			['events', 'image'],
			['titles', 'cover']
		] as const) {
			const schema = await system.collections.getOne(collection);
			expect(schema.fields.find((f) => f.name === field)?.maxSize, `${collection}.${field}`).toBe(
				MAX_FILE_BYTES
			);
		}
		const photo = (bytes: number, name: string) => {
			const head = '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><!--';
			const tail = '--><rect width="3" height="2"/></svg>';
			const svg = head + 'x'.repeat(bytes - head.length - tail.length) + tail;
			return new File([svg], name, { type: 'image/svg+xml' });
		};
		const save = async (...photos: File[]) => {
			const loaded = loadedAfter(await (await session.get(`/personale/lokaler/${room.id}`)).text());
			const form = new FormData();
			for (const [k, v] of Object.entries({
				_loaded: loaded,
				name: room.name,
				slug: room.slug,
				description: '',
				facilities: '',
				accessibility_notes: ''
			}))
				form.append(k, v);
			for (const file of photos) form.append('photos', file);
			return session.postMultipart(`/personale/lokaler/${room.id}?/save`, form);
		};
		// two photos of 4.5 MB each: within the limit per file and per save
		const taken = await save(photo(4_700_000, 'a.svg'), photo(4_700_000, 'b.svg'));
		expect(taken.status, await taken.clone().text()).toBe(200);
		expect((await system.collection('rooms').getOne(room.id)).photos).toHaveLength(2);
		// one over 5 MB: refused at the photo field, and nothing is added
		const tooLarge = await save(photo(MAX_FILE_BYTES + 1000, 'c.svg'));
		expect(tooLarge.status).toBe(400);
		const html = await tooLarge.text();
		expect(html).toContain('id="field-photos-error">En af filerne er for stor. En fil må højst fylde 5 MB.<');
		expect((await system.collection('rooms').getOne(room.id)).photos).toHaveLength(2);
		// a chosen file that is empty is no photo either: refused at the field, where it was left out and the
		// save said nothing; a form with no file chosen still saves
		const empty = await save(new File([], 'tom.png', { type: 'image/png' }));
		expect(empty.status).toBe(400);
		expect(await empty.text()).toMatch(/id="field-photos-error">[^<]+</);
		expect((await system.collection('rooms').getOne(room.id)).photos).toHaveLength(2);
		const none = await save(new File([], '', { type: 'application/octet-stream' }));
		expect(none.status, await none.clone().text()).toBe(200);
		expect((await system.collection('rooms').getOne(room.id)).photos).toHaveLength(2);
		// a body larger than the app takes at all: 413, said plainly with the limits
		const whole = await sentOverLimit(() =>
			save(photo(4_900_000, 'd.svg'), photo(4_900_000, 'e.svg'), photo(4_900_000, 'f.svg'))
		);
		expect(whole.status).toBe(413);
		expect(await whole.text()).toContain(
			'Det, du sendte, er for stort. Feltet siger, hvor stor en fil må være.'
		);
		expect((await system.collection('rooms').getOne(room.id)).photos).toHaveLength(2);
	});
});

describe('two staff members saving one room’s opening hours', () => {
	it('each keep the day they changed, also when one saves a form loaded before the other saved', async () => {
		const room = await makeRoom();
		const [pia, per] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const [a, b] = await Promise.all([signedIn(pia), signedIn(per)]);
		const loaded = loadedAfter(
			await (await a.get('/personale/lokaler')).text(),
			`name="id" value="${room.id}"`
		);
		const form = roomForm(room, loaded);
		const first = await a.post('/personale/lokaler?/saveRoom', { ...form, open_mon: '09:00' });
		expect(first.status, await first.clone().text()).toBe(200);
		// Per's page was loaded before Pia saved: his form still shows Monday from 08:00
		expect((await b.post('/personale/lokaler?/saveRoom', { ...form, close_tue: '19:00' })).status).toBe(200);
		const system = await systemClient();
		const stored = (await system.collection('rooms').getOne(room.id)).opening_hours;
		expect(stored.mon).toEqual([['09:00', '22:00']]);
		expect(stored.tue).toEqual([['08:00', '19:00']]);
		expect(stored.wed).toEqual([['08:00', '22:00']]);
		// both saves are in the audit log with the hours they left
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id} && action = "rooms_update"', { id: room.id }),
			sort: 'created'
		});
		expect(audit.map((x) => x.details.opening_hours.tue)).toEqual([
			[['08:00', '22:00']],
			[['08:00', '19:00']]
		]);
	});
});

describe('opening hours sent with the hours the form showed', () => {
	it('are refused when they are no opening hours, and the room keeps its own', async () => {
		const room = await makeRoom();
		const staff = await createUser({ staff: true });
		const base = {
			headers: { 'X-Borgerhus-Base-Hours': encodeURIComponent(JSON.stringify(room.opening_hours)) }
		};
		for (const hours of ['mandag 8-22', [['08:00', '22:00']]]) {
			const refused = await staff.pb
				.collection('rooms')
				.update(room.id, { opening_hours: hours }, base)
				.then(
					() => null,
					(err: { status: number; response: { data: Record<string, { code: string }> } }) => err
				);
			expect(refused?.status, JSON.stringify(hours)).toBe(400);
			expect(refused?.response.data.opening_hours?.code).toBe('rooms_opening_hours_invalid');
		}
		const stored = await (await systemClient()).collection('rooms').getOne(room.id);
		expect(stored.opening_hours).toEqual(room.opening_hours);
		// closing every day is a change like any other
		await staff.pb.collection('rooms').update(room.id, { opening_hours: null }, base);
		expect((await (await systemClient()).collection('rooms').getOne(room.id)).opening_hours).toEqual({});
	});
});

describe('two staff members saving one room’s form at once', () => {
	it('each keep the field they changed', async () => {
		const room = await makeRoom();
		const [pia, per] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const [a, b] = await Promise.all([signedIn(pia), signedIn(per)]);
		const html = await (await a.get('/personale/lokaler')).text();
		const loaded = loadedAfter(html, `name="id" value="${room.id}"`);
		// the form as both saw it: every field as stored
		const form = roomForm(room, loaded);
		const saved = await Promise.all([
			a.post('/personale/lokaler?/saveRoom', { ...form, capacity: '25' }),
			b.post('/personale/lokaler?/saveRoom', { ...form, max_minutes: '180' })
		]);
		expect(saved.map((r) => r.status)).toEqual([200, 200]);
		const stored = await (await systemClient()).collection('rooms').getOne(room.id);
		expect(stored).toMatchObject({ capacity: 25, max_minutes: 180 });

		// without JavaScript, a refused save shows the form again with what it first showed: saving it
		// then still counts only this form's changes, not the other save made meanwhile
		const again = loadedAfter(
			await (await a.get('/personale/lokaler')).text(),
			`name="id" value="${room.id}"`
		);
		const fresh = { ...form, _loaded: again, capacity: '25', max_minutes: '180' };
		await (await systemClient()).collection('rooms').update(room.id, { cancel_hours: 72 });
		const refused = await a.post('/personale/lokaler?/saveRoom', {
			...fresh,
			buffer_minutes: '5',
			close_wed: ''
		});
		expect(refused.status).toBe(400);
		const shownAgain = loadedAfter(await refused.text(), `name="id" value="${room.id}"`);
		expect(shownAgain).toBe(again);
		const fixed = await a.post('/personale/lokaler?/saveRoom', {
			...fresh,
			buffer_minutes: '5',
			_loaded: shownAgain
		});
		expect(fixed.status).toBe(200);
		expect(await (await systemClient()).collection('rooms').getOne(room.id)).toMatchObject({
			buffer_minutes: 5,
			cancel_hours: 72
		});
	});
});

describe('associations through the app', () => {
	it('a citizen creates an association, staff verify it, the admin invites a booker who accepts', async () => {
		const [founder, staff, member] = await Promise.all([
			createUser(),
			createUser({ staff: true }),
			createUser()
		]);
		const session = await signedIn(founder);
		const bad = await session.post('/foreninger?/create', {
			name: 'Løbeklubben',
			cvr: '12345678',
			contact_name: '',
			contact_email: '',
			contact_phone: '',
			description: ''
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('CVR-nummeret er ikke gyldigt');
		const created = await session.post('/foreninger?/create', {
			name: `Løbeklubben ${randomUUID().slice(0, 4)}`,
			cvr: validCvrNumber(),
			contact_name: 'Lone',
			contact_email: '',
			contact_phone: '',
			description: ''
		});
		expect(created.status).toBe(303);
		const id = created.headers.get('location')!.split('/')[2]!.split('?')[0]!;
		const system = await systemClient();
		const read = await system.collection('associations').getOne(id);
		const name = read.name as string;
		// the room's booking form offers an association only once it is verified, and only to its bookers
		const room = await makeRoom({ who_may_book: 'associations' });
		const offers = async (who: AppSession) =>
			(await (await who.get(`/lokaler/${room.slug}`)).text()).includes(`<option value="${id}"`);
		expect(await offers(session)).toBe(false);
		// how far ahead one may book is said to those who may book here, and to guests, who may sign in
		const tellsHorizon = async (who: AppSession) =>
			/Du kan booke (frem til og med|så langt frem)/.test(
				await (await who.get(`/lokaler/${room.slug}`)).text()
			);
		expect(await tellsHorizon(session)).toBe(false);
		expect(await tellsHorizon(new AppSession())).toBe(true);
		const staffSession = await signedIn(staff);
		// the form sends the association's last change as staff saw it
		expect(
			(await staffSession.post('/personale/foreninger?/verify', { id, seen: read.updated })).status
		).toBe(200);
		expect((await system.collection('associations').getOne(id)).verified).toBe(true);
		expect(await offers(session)).toBe(true);
		expect(await tellsHorizon(session)).toBe(true);
		const memberSession = await signedIn(member);
		expect(await offers(memberSession)).toBe(false);
		const invited = await session.post(`/foreninger/${id}?/invite`, { email: member.email, role: 'booker' });
		expect(invited.status).toBe(200);
		// an invitation gives no rights until the invited person accepts it
		expect(await offers(memberSession)).toBe(false);
		const pending = await system
			.collection('memberships')
			.getFirstListItem(system.filter('association = {:a} && user = {:u}', { a: id, u: member.record.id }));
		expect(pending.status).toBe('invited');
		expect(await memberSession.get('/foreninger').then((r) => r.text())).toContain(name);
		expect((await memberSession.post('/foreninger?/accept', { id: pending.id })).status).toBe(200);
		expect(await memberSession.get(`/foreninger/${id}`).then((r) => r.text())).toContain('Booker');
		expect(await offers(memberSession)).toBe(true);
		expect(await (await memberSession.get(`/lokaler/${room.slug}`)).text()).toContain(name);
		// the only admin cannot leave, and the page says why
		const own = await system
			.collection('memberships')
			.getFirstListItem(system.filter('association = {:a} && role = "admin"', { a: id }));
		const leave = await session.post(`/foreninger/${id}?/leave`, { id: own.id });
		expect(leave.status).toBe(400);
		expect(await leave.text()).toContain('Foreningen skal have mindst én administrator');
		expect((await system.collection('memberships').getOne(own.id)).status).toBe('active');
	});
});

describe('reads of claims by time across rooms', () => {
	it('find a claim that started days before the period, however long it is', async () => {
		const system = await systemClient();
		const [booker, staff] = await Promise.all([
			createUser({ name: `Langbooker ${randomUUID().slice(0, 6)}` }),
			createUser({ staff: true })
		]);
		const [long, past, control] = await Promise.all([makeRoom(), makeRoom(), makeRoom()]);
		// longer than any other claim of the suite: the bound comes from it. The system account is held to
		// rule 1 and sane times only, as for an import.
		const claim = (room: string, from: number, to: number) =>
			system.collection('bookings').create({
				room,
				booker: booker.record.id,
				purpose: 'Udstilling',
				attendees: 1,
				status: 'approved',
				start: houseTime(from, '10:00'),
				end: houseTime(to, '10:00')
			});
		await claim(long.id, -3, 40);
		await claim(past.id, -60, -50);

		const longest = await system.send<{ bookings: number; room_busy: number }>(
			'/api/borgerhus/claims/longest',
			{ method: 'GET' }
		);
		expect(longest.bookings).toBeGreaterThanOrEqual(43 * 86_400_000 - 3_600_000);
		expect(longest.room_busy).toBeGreaterThanOrEqual(43 * 86_400_000 - 3_600_000);

		// the lobby: in use now, since three days
		const lobby = await new PocketBase(stack().pbUrl).send<{ rooms: { slug: string }[] }>(
			'/api/borgerhus/screens/lobby',
			{ method: 'GET' }
		);
		expect(lobby.rooms.map((r) => r.slug)).toContain(long.slug);

		// the free-room search: busy all day in twenty days; the control room is free
		const guest = new AppSession();
		const search = await (
			await guest.get(`/lokaler/ledige?dato=${houseDate(20)}&fra=12:00&til=14:00&antal=1`)
		).text();
		expect(search).toContain(control.name);
		expect(search).not.toContain(long.name);
		// a time already gone is said as such, not as "no room is free"
		const gone = await (
			await guest.get(`/lokaler/ledige?dato=${houseDate(-1)}&fra=12:00&til=14:00&antal=1`)
		).text();
		expect(gone).toContain('Bookingen skal starte i fremtiden.');
		expect(gone).not.toContain(control.name);

		// staff's day, fifty-five days ago: a booking that began five days before it
		const staffSession = await signedIn(staff);
		const day = await (await staffSession.get(`/personale/bookinger?dag=${houseDate(-55)}`)).text();
		expect(day).toContain(booker.record.name);
		// and the upcoming list holds the one still running
		const today = await (await staffSession.get('/personale/bookinger')).text();
		expect(today).toContain(booker.record.name);
	});
});

describe('a new room whose address name another room has', () => {
	const form = (name: string, slug = '') => ({
		name,
		slug,
		capacity: '8',
		description: '',
		facilities: '',
		accessibility_notes: ''
	});

	it('is refused with the address made from its name, or the one typed, named as taken; nothing is made', async () => {
		const staff = await createUser({ staff: true });
		const session = await signedIn(staff);
		const key = randomUUID().slice(0, 8);
		const taken = await makeRoom({ name: `Applokale ${key}`, slug: `applokale-${key}` });
		const system = await systemClient();
		const before = await system.collection('rooms').getList(1, 1);
		// the name gives the taken address name
		const derived = await session.post('/personale/lokaler/ny?/create', form(taken.name));
		expect(derived.status).toBe(400);
		const derivedText = await derived.text();
		expect(derivedText).toContain(`Adressenavnet blev lavet af navnet: ${taken.slug}.`);
		expect(derivedText).toContain('Et andet lokale har allerede det adressenavn. Vælg et andet.');
		// typed: the typed address is taken, and nothing is said about the name
		const typed = await session.post(
			'/personale/lokaler/ny?/create',
			form(`Andet ${taken.name}`, taken.slug)
		);
		expect(typed.status).toBe(400);
		const typedText = await typed.text();
		expect(typedText).toContain('Et andet lokale har allerede det adressenavn. Vælg et andet.');
		expect(typedText).not.toContain('Adressenavnet blev lavet af navnet');
		expect((await system.collection('rooms').getList(1, 1)).totalItems).toBe(before.totalItems);
	});
});

describe('staff give a booking to another booker on the bookings page (POST .../reassign decides)', () => {
	/** A booking of a private citizen, a citizen who books for a verified association, and staff. */
	async function arrange() {
		const room = await makeRoom({ requires_approval: false });
		const key = randomUUID().slice(0, 6);
		const [owner, heir, outsider, staff] = await Promise.all([
			createUser({ name: `Gammel Booker ${key}` }),
			createUser({ name: `Ny Booker ${key}` }),
			createUser({ name: `Udenfor ${key}` }),
			createUser({ staff: true })
		]);
		const association = await makeAssociation({ name: `Overtagerne ${key}` });
		await membership(association.id, heir, 'booker');
		const day = 30 + Math.floor(Math.random() * 600);
		const booking = await owner.pb.collection('bookings').create({
			room: room.id,
			booker: owner.record.id,
			purpose: 'Strikkeaften',
			attendees: 4,
			start: houseTime(day, '10:00'),
			end: houseTime(day, '12:00')
		});
		const page = `/personale/bookinger/${booking.id}/skift`;
		return { room, owner, heir, outsider, association, booking, page, staff: await signedIn(staff) };
	}

	it('finds the new booker by e-mail, gives the booking with an association, audits it and tells them', async () => {
		const w = await arrange();
		// the staff list offers it beside the booking
		const list = await (await w.staff.get(`/personale/bookinger?lokale=${w.room.id}`)).text();
		expect(list).toContain(`href="${w.page}"`);
		expect(list).toContain('Skift booker');
		// the desk's search finds the person by e-mail; choosing them offers the associations they book for
		const found = await (await w.staff.get(`${w.page}?q=${encodeURIComponent(w.heir.email)}`)).text();
		expect(found).toContain(`Ny Booker`);
		expect(found).toContain(`borger=${w.heir.record.id}`);
		const chosen = await (await w.staff.get(`${w.page}?borger=${w.heir.record.id}`)).text();
		expect(chosen).toContain(`<option value="${w.association.id}"`);
		expect(chosen).toContain('name="booker"');

		const given = await w.staff.post(`${w.page}?/reassign&borger=${w.heir.record.id}`, {
			booker: w.heir.record.id,
			association: w.association.id,
			reason: 'Foreningen overtager mødet'
		});
		expect(given.status).toBe(303);
		expect(given.headers.get('location')).toBe(`${w.page}?skiftet=1`);
		const after = await (await w.staff.get(given.headers.get('location')!)).text();
		expect(after).toContain('Bookingen har fået ny booker, og bookerne har fået besked.');
		expect(after).toContain(w.association.name);

		const system = await systemClient();
		const stored = await system.collection('bookings').getOne(w.booking.id);
		expect(stored).toMatchObject({ booker: w.heir.record.id, association: w.association.id });
		const audit = await system
			.collection('audit_log')
			.getFullList({ filter: system.filter('target_id = {:id}', { id: w.booking.id }) });
		expect(audit.map((a) => a.action)).toEqual(['booking_reassigned']);
		expect(audit[0]!.details).toMatchObject({
			from: { booker: w.owner.record.id, association: '' },
			to: { booker: w.heir.record.id, association: w.association.id },
			reason: 'Foreningen overtager mødet'
		});
		const told = (await w.heir.pb.collection('notifications').getFullList()).filter(
			(n) => n.kind === 'booking_reassigned'
		);
		expect(told).toHaveLength(1);
		expect(told[0]!.title).toContain('Du har fået en booking');
		expect(told[0]!.body).toContain(`for ${w.association.name}`);
		expect(told[0]!.body).toContain('Begrundelse: Foreningen overtager mødet');
	});

	it('gives a private booking to an association of its own booker, who keeps it', async () => {
		const w = await arrange();
		const own = await makeAssociation({ name: `Bookerens egen ${randomUUID().slice(0, 6)}` });
		await membership(own.id, w.owner, 'admin');
		const offered = await (await w.staff.get(w.page)).text();
		expect(offered).toContain(`borger=${w.owner.record.id}`);
		expect(offered).toContain('og skift forening');
		const chosen = await (await w.staff.get(`${w.page}?borger=${w.owner.record.id}`)).text();
		expect(chosen).toContain(`<option value="${own.id}"`);
		const given = await w.staff.post(`${w.page}?/reassign&borger=${w.owner.record.id}`, {
			booker: w.owner.record.id,
			association: own.id
		});
		expect(given.status).toBe(303);
		const stored = await (await systemClient()).collection('bookings').getOne(w.booking.id);
		expect(stored).toMatchObject({ booker: w.owner.record.id, association: own.id });
	});

	it('says beside the form, in Danish and English, that the booking is already in that name', async () => {
		const w = await arrange();
		const post = () =>
			w.staff.post(`${w.page}?/reassign&borger=${w.owner.record.id}`, {
				booker: w.owner.record.id,
				association: '',
				reason: 'Ingenting'
			});
		const refused = await post();
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain('Bookingen står allerede i det navn. Vælg en anden booker eller forening.');
		// beside the new booker's field, which names it
		expect(html).toContain('aria-describedby="reassign-booker-error"');
		expect(html).toMatch(/id="reassign-booker-error"[^>]*>Bookingen står allerede i det navn/);
		// what was typed stays
		expect(html).toContain('>Ingenting</textarea');
		await w.staff.post('/sprog', { language: 'en', redirectTo: '/' });
		expect(await (await post()).text()).toContain(
			'The booking is already in that name. Choose another booker or association.'
		);
		const system = await systemClient();
		expect(await system.collection('bookings').getOne(w.booking.id)).toMatchObject({
			booker: w.owner.record.id,
			association: ''
		});
		const audit = await system
			.collection('audit_log')
			.getFullList({ filter: system.filter('target_id = {:id}', { id: w.booking.id }) });
		expect(audit).toEqual([]);
	});

	it('refuses a citizen who may not book for the association, in words for staff beside the association', async () => {
		const w = await arrange();
		const post = () =>
			w.staff.post(`${w.page}?/reassign&borger=${w.outsider.record.id}`, {
				booker: w.outsider.record.id,
				association: w.association.id,
				reason: ''
			});
		const refused = await post();
		expect(refused.status).toBe(400);
		const html = await refused.text();
		// the page offers the outsider no association at all; the refusal is said at the association's field
		expect(html).not.toContain(`<option value="${w.association.id}"`);
		expect(html).toMatch(
			/id="reassign-association-error"[^>]*>Personen er ikke administrator eller booker i foreningen\./
		);
		expect(html).toMatch(/aria-describedby="reassign-association-hint reassign-association-error"/);
		await w.staff.post('/sprog', { language: 'en', redirectTo: '/' });
		expect(await (await post()).text()).toContain(
			'The person is not an admin or booker of the association. Choose an association they may book for, or none.'
		);
		const stored = await (await systemClient()).collection('bookings').getOne(w.booking.id);
		expect(stored).toMatchObject({ booker: w.owner.record.id, association: '' });
	});

	it("says at once that a booking that has ended stays its holder's, and the route refuses it above the form", async () => {
		const w = await arrange();
		const system = await systemClient();
		const ended = await system.collection('bookings').create({
			room: w.room.id,
			booker: w.owner.record.id,
			purpose: 'Forbi',
			attendees: 2,
			start: houseTime(-3, '10:00'),
			end: houseTime(-3, '11:00'),
			status: 'approved'
		});
		const page = `/personale/bookinger/${ended.id}/skift`;
		const shown = await (await w.staff.get(`${page}?borger=${w.heir.record.id}`)).text();
		expect(shown).toContain('Bookingen kan ikke gives til en anden: Bookingen er slut og står, som den var');
		expect(shown).not.toContain('name="booker"');
		const refused = await w.staff.post(`${page}?/reassign&borger=${w.heir.record.id}`, {
			booker: w.heir.record.id,
			association: w.association.id
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toMatch(
			/class="notice error" role="alert">Bookingen er slut og står, som den var: Den kan ikke flyttes eller gives til en anden\./
		);
		expect(await system.collection('bookings').getOne(ended.id)).toMatchObject({
			booker: w.owner.record.id
		});
	});

	it('keeps everyone but staff out of the page and its action', async () => {
		const w = await arrange();
		for (const user of [w.owner, w.heir]) {
			const session = await signedIn(user);
			expect((await session.get(w.page)).status).toBe(403);
			const posted = await session.post(`${w.page}?/reassign`, {
				booker: w.heir.record.id,
				association: w.association.id
			});
			expect(posted.status).toBe(403);
		}
		const guest = await new AppSession().post(`${w.page}?/reassign`, { booker: w.heir.record.id });
		expect(guest.status).toBe(303);
		expect(guest.headers.get('location')).toContain('/log-ind');
		const stored = await (await systemClient()).collection('bookings').getOne(w.booking.id);
		expect(stored).toMatchObject({ booker: w.owner.record.id, association: '' });
	});
});
