import { beforeAll, describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import type { Stats } from '$rules/stats.js';
import { addDays, localParts } from '$rules/rooms-policy.js';
import { createUser, guestClient, type TestUser } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { arrange, type Arranged } from './overview-arrange';
import { arrangeTitle, checkIn, placeHold } from './library-helpers';

// A week of 2019 no other test touches, across the switch to summer time (Sunday 31 March, 02:00).
const PERIOD = { from: '2019-03-25', to: '2019-03-31' };
const Q = `fra=${PERIOD.from}&til=${PERIOD.to}`;
const at = (iso: string) => iso.replace('T', ' ');

describe('statistics for staff', () => {
	let a: Arranged;
	let staff: TestUser;
	let citizen: TestUser;
	let room: { id: string; name: string };
	let eventTitle: string;

	beforeAll(async () => {
		a = await arrange();
		staff = await createUser({ staff: true });
		citizen = await createUser();
		room = await a.room();
		// Tuesday 18:00–20:00 and Sunday (summer time) 18:00–19:00 house time; a pending and a cancelled
		// booking do not count.
		await a.booking({
			booker: citizen.record.id,
			room: room.id,
			start: at('2019-03-26T17:00:00Z'),
			end: at('2019-03-26T19:00:00Z')
		});
		await a.booking({
			booker: citizen.record.id,
			room: room.id,
			start: at('2019-03-31T16:00:00Z'),
			end: at('2019-03-31T17:00:00Z')
		});
		await a.booking({
			booker: citizen.record.id,
			room: room.id,
			start: at('2019-03-27T08:00:00Z'),
			end: at('2019-03-27T09:00:00Z'),
			status: 'pending'
		});
		await a.booking({
			booker: citizen.record.id,
			room: room.id,
			start: at('2019-03-28T08:00:00Z'),
			end: at('2019-03-28T09:00:00Z'),
			status: 'cancelled'
		});

		// Two holds served after 24 and 72 hours: one collected, one never collected.
		const title = await a.title();
		for (const [placed, ready, ended, status] of [
			['2019-03-25T10:00:00Z', '2019-03-26T10:00:00Z', '2019-03-27T10:00:00Z', 'collected'],
			['2019-03-24T10:00:00Z', '2019-03-27T10:00:00Z', '2019-03-30T10:00:00Z', 'expired']
		] as const) {
			const patron = await createUser();
			const hold = await a.hold({ patron: patron.record.id, title: title.id });
			await a.system.collection('holds').update(hold.id, {
				status,
				placed_at: at(placed),
				ready_at: at(ready),
				pickup_deadline: at(ended),
				ended_at: at(ended)
			});
		}
		const loan = await a.loan({
			patron: citizen.record.id,
			title: title.id,
			due: at('2019-04-25T10:00:00Z')
		});
		await a.system.collection('loans').update(loan.id, { start: at('2019-03-28T12:00:00Z') });

		// An event with a three-hour shift (two confirmed volunteers, one on the waitlist) and three
		// confirmed attendees, two of them checked in. Its title would be a formula in a spreadsheet.
		eventTitle = `=HYPERLINK("https://example.com") ${Date.now()}`;
		const event = await a.event({ title: eventTitle });
		const shift = await a.shift({
			event: event.id,
			start: at('2030-01-01T17:00:00Z'),
			end: at('2030-01-01T20:00:00Z'),
			places: 2
		});
		for (const status of ['confirmed', 'confirmed', 'waitlisted']) {
			const volunteer = await createUser();
			await a.signup({ shift: shift.id, user: volunteer.record.id, status });
		}
		for (const checked of [true, true, false]) {
			const attendee = await createUser();
			const registration = await a.registration({ event: event.id, user: attendee.record.id });
			if (checked) {
				await a.system
					.collection('registrations')
					.update(registration.id, { checked_in_at: at('2019-03-29T16:55:00Z') });
			}
		}
		await a.system
			.collection('shifts')
			.update(shift.id, { start: at('2019-03-29T17:00:00Z'), end: at('2019-03-29T20:00:00Z') });
		await a.system
			.collection('events')
			.update(event.id, { start: at('2019-03-29T17:00:00Z'), end: at('2019-03-29T19:00:00Z') });

		// An event taken back to draft after a volunteer signed up did not take place: its shift is not counted.
		const draft = await a.event({ title: `Kladde ${Date.now()}` });
		const draftShift = await a.shift({
			event: draft.id,
			start: at('2030-01-02T10:00:00Z'),
			end: at('2030-01-02T12:00:00Z'),
			places: 1
		});
		const draftVolunteer = await createUser();
		await a.signup({ shift: draftShift.id, user: draftVolunteer.record.id, status: 'confirmed' });
		await a.system
			.collection('shifts')
			.update(draftShift.id, { start: at('2019-03-27T10:00:00Z'), end: at('2019-03-27T12:00:00Z') });
		await a.system.collection('events').update(draft.id, {
			state: 'draft',
			start: at('2019-03-27T10:00:00Z'),
			end: at('2019-03-27T12:00:00Z')
		});
	});

	const stats = (pb = staff.pb, period = PERIOD) => pb.send<Stats>('/api/borgerhus/stats', { query: period });

	it('counts room use by room, house weekday and house hour, across the daylight-saving switch', async () => {
		const { rooms } = await stats();
		const ours = rooms.rooms.find((r) => r.id === room.id);
		expect(ours).toMatchObject({ name: room.name, bookings: 2, events: 0, minutes: 180 });
		// Open 00:00–23:59 every day: seven such days, the last an hour shorter.
		expect(ours?.openMinutes).toBe(7 * 1439 - 60);
		expect(rooms.weekdays).toEqual([0, 120, 0, 0, 0, 0, 60]);
		expect(rooms.hours[18]).toBe(120);
		expect(rooms.hours[19]).toBe(60);
		expect(rooms.hours.reduce((sum, m) => sum + m, 0)).toBe(180);
	});

	it('counts holds served with their waits, pickups collected and not, and loans', async () => {
		const { library } = await stats();
		expect(library).toMatchObject({
			served: 2,
			waitMedianHours: 24,
			waitP90Hours: 72,
			collected: 1,
			expired: 1,
			loans: 1
		});
	});

	it('counts a hold whose copy is still being fetched neither as served nor as ready for pickup', async () => {
		// a period around now, whatever the house's day is
		const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
		const around = { from: day(-1), to: day(1) };
		const library = async () => (await stats(staff.pb, around)).library;
		const before = await library();
		const { copies, title } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const patron = await createUser();
		// nobody waits: the copy on the open shelf is reserved for the new hold, to be fetched to the pickup shelf
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		expect([hold.status, hold.pickup_deadline]).toEqual(['ready', '']);
		const fetching = await library();
		expect(fetching.served - before.served).toBe(0);
		expect(fetching.readyNow - before.readyNow).toBe(0);
		expect(fetching.fetchingNow - before.fetchingNow).toBe(1);
		// the desk puts it on the pickup shelf: now it lies ready, and the hold has been served
		await checkIn(staff.pb, copies[0]!.barcode);
		const ready = await library();
		expect(ready.served - before.served).toBe(1);
		expect(ready.readyNow - before.readyNow).toBe(1);
		expect(ready.fetchingNow - before.fetchingNow).toBe(0);
	});

	it('counts volunteer hours of confirmed shifts and attendees who did not show up', async () => {
		const { volunteers, noShows } = await stats();
		expect(volunteers).toMatchObject({ minutes: 360, people: 2, signups: 2 });
		expect(volunteers.events).toEqual([
			expect.objectContaining({ title: eventTitle, minutes: 360, people: 2 })
		]);
		expect(noShows).toMatchObject({ registered: 3, checkedIn: 2, noShows: 1 });
	});

	it('answers staff only, and refuses a bad period with a code', async () => {
		const refused = async (promise: Promise<unknown>) => {
			try {
				await promise;
			} catch (err) {
				return err as ClientResponseError;
			}
			throw new Error('expected a refusal');
		};
		expect((await refused(stats(citizen.pb))).status).toBe(403);
		expect((await refused(stats(guestClient()))).status).toBe(401);
		const reversed = await refused(stats(staff.pb, { from: '2019-03-31', to: '2019-03-25' }));
		expect(reversed.status).toBe(400);
		expect(reversed.response.data.from.code).toBe('stats_invalid_period');
		const long = await refused(stats(staff.pb, { from: '2018-01-01', to: '2019-03-31' }));
		expect(long.response.data.from.code).toBe('stats_period_too_long');
		const hostile = await refused(stats(staff.pb, { from: "2019-03-25' OR 1=1 --", to: '2019-03-31' }));
		expect(hostile.response.data.from.code).toBe('stats_from_invalid');
		const slip = await refused(stats(staff.pb, { from: '2019-03-25', to: '9999-12-31' }));
		expect(slip.response.data.to.code).toBe('core_date_out_of_range');
		const missing = await refused(stats(staff.pb, { from: '2019-02-30', to: '2019-03-31' }));
		expect(missing.response.data.from.code).toBe('stats_from_invalid');
		const badTo = await refused(stats(staff.pb, { from: '2019-03-25', to: '2019-03-32' }));
		expect(badTo.response.data.to.code).toBe('stats_to_invalid');
	});

	it('shows the page and its CSV files to staff through the app, in the Danish spreadsheet dialect', async () => {
		const app = new AppSession();
		await app.signIn(staff.email, staff.password);
		const page = await app.get(`/personale/statistik?${Q}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Timer booket pr. ugedag');
		expect(html).toContain(room.name);

		const rooms = await app.get(`/personale/statistik/lokaler.csv?${Q}`);
		expect(rooms.headers.get('content-type')).toContain('text/csv');
		expect(rooms.headers.get('content-disposition')).toContain('statistik-lokaler-2019-03-25-2019-03-31.csv');
		const bytes = Buffer.from(await rooms.arrayBuffer());
		// A byte order mark first, so that a spreadsheet reads "Belægning" as UTF-8.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = bytes.toString('utf8');
		expect(csv).toContain('Lokale;Bookinger;Arrangementer;Timer booket;Åbne timer;Belægning (%)');
		expect(csv).toContain(`${room.name};2;0;3,0;166,9;1,8`);

		const volunteers = await (await app.get(`/personale/statistik/frivillige.csv?${Q}`)).text();
		// The title is written as text, never as a formula a spreadsheet would run.
		expect(volunteers).toContain(`"'=HYPERLINK(""https://example.com"") `);
		const roomNoShows = await (await app.get(`/personale/statistik/lokale-udeblivelser.csv?${Q}`)).text();
		expect(roomNoShows).toContain('Lokale;Bookinger med tjek-ind;Tjekket ind;Udeblevet');
		expect((await app.get(`/personale/statistik/ukendt.csv?${Q}`)).status).toBe(404);

		const bad = await (await app.get('/personale/statistik?fra=2019-03-31&til=2019-03-01')).text();
		expect(bad).toContain('Vælg en gyldig periode');
	});

	it('draws the charts on the server, and the page loads no chart library in the browser', async () => {
		// LayerCake and the d3 scales were 20 of the page's 73 kB of gzipped script, for bars that neither
		// move nor answer (docs/performance.md, "Every other page"): the server sends the bars themselves.
		const app = new AppSession();
		await app.signIn(staff.email, staff.password);
		const html = await (await app.get(`/personale/statistik?${Q}`)).text();
		expect(html).toMatch(/<div class="row[^"]*" style="top: [\d.]+%; height: [\d.]+%;">/);
		expect(html).toMatch(new RegExp(`<span class="name[^"]*">${room.name}</span>`));
		expect(html).toMatch(/<div class="column[^"]*" style="left: [\d.]+%; width: [\d.]+%;">/);
		const scripts = new Set(html.match(/\/_app\/immutable\/[^"']+\.js/g));
		expect(scripts.size).toBeGreaterThan(2);
		for (const script of scripts) {
			const code = await (await app.get(script)).text();
			expect(code.includes('[LayerCake]'), script).toBe(false);
		}
	});

	it('says which date typed into the address is no date, as a date without a time, in Danish and English', async () => {
		const app = new AppSession();
		await app.signIn(staff.email, staff.password);
		const say = async (session: AppSession, query: string) => {
			const html = await (await session.get(`/personale/statistik?${query}`)).text();
			return /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? html;
		};
		expect(await say(app, 'fra=2026-13-40&til=2026-03-31')).toBe('Fra er ikke en gyldig dato. Vælg en dato.');
		expect(await say(app, 'fra=garbage&til=2026-03-31')).toBe('Fra er ikke en gyldig dato. Vælg en dato.');
		expect(await say(app, 'fra=2026-03-01&til=2026-02-30')).toBe(
			'Til og med er ikke en gyldig dato. Vælg en dato.'
		);
		// the CSV files refuse such a period with the same words
		const csv = await app.get('/personale/statistik/lokaler.csv?fra=2026-03-01&til=garbage');
		expect(csv.status).toBe(400);
		expect(await csv.text()).toContain('Til og med er ikke en gyldig dato');
		// in English, for a reader who chose it
		const reader = await createUser({ staff: true });
		const english = new AppSession();
		await english.signIn(reader.email, reader.password);
		await english.post('/sprog', { language: 'en', redirectTo: '/personale/statistik' });
		expect(await say(english, 'fra=2026-13-40&til=2026-03-31')).toBe(
			'From is not a valid date. Choose a date.'
		);
		expect(await say(english, 'fra=2026-03-01&til=x')).toBe(
			'To (inclusive) is not a valid date. Choose a date.'
		);
	});

	it('refuses the page and the files to citizens and guests', async () => {
		const app = new AppSession();
		await app.signIn(citizen.email, citizen.password);
		expect((await app.get('/personale/statistik')).status).toBe(403);
		expect((await app.get(`/personale/statistik/lokaler.csv?${Q}`)).status).toBe(403);
		const guest = await new AppSession().get('/personale/statistik');
		expect(guest.status).toBe(303);
		expect(guest.headers.get('location')).toContain('/log-ind');
	});
});

describe('room use after an early check-out', () => {
	// a week of 2018 no other test touches
	const WEEK = { from: '2018-10-08', to: '2018-10-14' };

	it('counts a booking checked out early until its check-out, and the freed time booked again once', async () => {
		const a = await arrange();
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const room = await a.room();
		const early = await a.booking({
			booker: citizen.record.id,
			room: room.id,
			start: at('2018-10-09T08:00:00Z'),
			end: at('2018-10-09T10:00:00Z')
		});
		await a.system.collection('bookings').update(early.id, {
			checked_in_at: at('2018-10-09T07:58:00Z'),
			checked_out_at: at('2018-10-09T09:00:00Z')
		});
		// the hour freed by the check-out, booked by someone else
		await a.booking({
			booker: (await createUser()).record.id,
			room: room.id,
			start: at('2018-10-09T09:00:00Z'),
			end: at('2018-10-09T10:00:00Z')
		});
		const { rooms } = await staff.pb.send<Stats>('/api/borgerhus/stats', { query: WEEK });
		expect(rooms.rooms.find((r) => r.id === room.id)).toMatchObject({ bookings: 2, minutes: 120 });
		expect(rooms.hours.reduce((sum, m) => sum + m, 0)).toBe(120);
	});

	it('keeps the events of a room taken out of use since, in the room and in the weekday and hour totals', async () => {
		const a = await arrange();
		const staff = await createUser({ staff: true });
		const room = await a.room();
		const week = { from: '2018-10-15', to: '2018-10-21' };
		const event = await a.system.collection('events').create({
			title: 'Koncert i et lokale, der lukkede',
			room: room.id,
			start: at('2018-10-16T14:00:00Z'),
			end: at('2018-10-16T16:00:00Z'),
			state: 'published',
			category: 'concert'
		});
		const before = await staff.pb.send<Stats>('/api/borgerhus/stats', { query: week });
		await a.system.collection('rooms').update(room.id, { active: false });
		const after = await staff.pb.send<Stats>('/api/borgerhus/stats', { query: week });
		expect(after.rooms.rooms.find((r) => r.id === room.id)).toMatchObject({ events: 1, minutes: 120 });
		expect(after.rooms.weekdays).toEqual(before.rooms.weekdays);
		expect(after.rooms.hours).toEqual(before.rooms.hours);
		expect(event.id).toBeTruthy();
	});
});

describe('open hours of a room from when it came into use', () => {
	// open 08:00–22:00 every day: 14 hours on every house day of December
	const DAILY = Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['08:00', '22:00']]])
	);
	const houseDay = (pbDate: string) => localParts(Date.parse(pbDate.replace(' ', 'T'))).date;
	const daysFrom = (from: string, to: string) =>
		Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
	let staff: TestUser;

	beforeAll(async () => {
		staff = await createUser({ staff: true });
	});

	const newRoom = (active: boolean) =>
		staff.pb.collection('rooms').create({
			name: `Nyt lokale ${Date.now()}`,
			slug: `nyt-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
			capacity: 10,
			who_may_book: 'citizens',
			opening_hours: DAILY,
			active
		});
	// ten house days: the six before the room was made, its day and the three after
	const around = (day: string) => ({ from: addDays(day, -6), to: addDays(day, 3) });
	const roomIn = async (id: string, period: { from: string; to: string }) =>
		(await staff.pb.send<Stats>('/api/borgerhus/stats', { query: period })).rooms.rooms.find(
			(r) => r.id === id
		);

	it('counts a room made in the middle of the period from the house day it was made', async () => {
		const room = await newRoom(true);
		const day = houseDay(room.created);
		// its day and the three after it, not the six before it existed
		expect((await roomIn(room.id, around(day)))?.openMinutes).toBe(4 * 14 * 60);
		// a period that ended before it was made does not list it
		expect(await roomIn(room.id, { from: addDays(day, -6), to: addDays(day, -1) })).toBeUndefined();
	});

	it('does not count the days a room was out of use, from the times staff took it out of use and back', async () => {
		const room = await newRoom(true);
		const day = houseDay(room.created);
		await staff.pb.collection('rooms').update(room.id, { active: false });
		const out = await staff.pb
			.collection('audit_log')
			.getFirstListItem(`target_id = "${room.id}" && action = "rooms_update"`);
		// in use on its first day (until staff took it out of use), out of use on the days after
		const inUse = daysFrom(day, houseDay(out.created));
		expect((await roomIn(room.id, around(day)))?.openMinutes).toBe(inUse * 14 * 60);
		// made out of use, it is in use on no day until staff take it into use
		const later = await newRoom(false);
		expect(await roomIn(later.id, around(houseDay(later.created)))).toBeUndefined();
		await staff.pb.collection('rooms').update(later.id, { active: true });
		const opened = await staff.pb
			.collection('audit_log')
			.getFirstListItem(`target_id = "${later.id}" && action = "rooms_update"`);
		const first = houseDay(opened.created);
		expect((await roomIn(later.id, around(houseDay(later.created))))?.openMinutes).toBe(
			daysFrom(first, addDays(houseDay(later.created), 3)) * 14 * 60
		);
	});
});
