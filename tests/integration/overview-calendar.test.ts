import { describe, expect, it, vi } from 'vitest';
import ICAL from 'ical.js';
import { AppSession } from '../helpers/app';
import { createUser, guestClient, PASSWORD, systemClient } from '../helpers/pocketbase';
import { makeRoom, slot } from './rooms-arrange';
import { arrange, inHours } from './overview-arrange';
import { arrangeEvent, createVolunteer } from './events-helpers';
import type { RegistrationRecord, SignupRecord } from '../../src/lib/pocketbase-types';
import { codesOf, outcome } from '../helpers/scenarios';

/** Parses iCalendar with ical.js, a parser independent of the generator the app uses. */
function parseEvents(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return calendar.getAllSubcomponents('vevent').map((v) => {
		const event = new ICAL.Event(v);
		return {
			uid: event.uid,
			summary: event.summary,
			description: event.description,
			start: event.startDate.toJSDate(),
			end: event.endDate.toJSDate(),
			status: String(v.getFirstPropertyValue('status') ?? '')
		};
	});
}

/** A PocketBase date to whole seconds, as iCalendar carries it. */
const seconds = (pbDate: string) => Math.floor(new Date(pbDate.replace(' ', 'T')).getTime() / 1000) * 1000;

/** Asks for a new feed address through the app, as the calendar page does, and returns its path. */
async function renew(session: AppSession): Promise<string> {
	const response = await session.post('/overblik/kalender?/renew', {});
	expect(response.status).toBe(200);
	const html = await response.text();
	const url = html.match(/https?:\/\/[^"\s<]+\/kalender\/([A-Za-z0-9]{48})\.ics/);
	expect(url, 'the new feed address is shown once').not.toBeNull();
	return new URL(url![0]).pathname;
}

async function userWithCalendar() {
	const a = await arrange();
	const user = await createUser({ name: 'Kalender Bruger' });
	const room = await a.room();
	const start = inHours(24 * 7);
	const booking = await a.booking({
		booker: user.record.id,
		room: room.id,
		start,
		end: inHours(24 * 7 + 2),
		status: 'pending'
	});
	const cancelled = await a.booking({
		booker: user.record.id,
		room: room.id,
		start: inHours(24 * 8),
		end: inHours(24 * 8 + 1),
		status: 'cancelled'
	});
	const title = await a.title();
	const deadline = inHours(48);
	const hold = await a.hold({
		patron: user.record.id,
		title: title.id,
		status: 'ready',
		pickup_shelf: 'K-9',
		pickup_deadline: deadline
	});
	const event = await a.event();
	const shift = await a.shift({ event: event.id, start: inHours(24 * 3), end: inHours(24 * 3 + 4) });
	const signup = await a.signup({ shift: shift.id, user: user.record.id });
	const registration = await a.registration({ event: event.id, user: user.record.id });
	return {
		a,
		user,
		room,
		title,
		event,
		shift,
		booking,
		cancelled,
		hold,
		signup,
		registration,
		start,
		deadline
	};
}

describe('personal calendar feed', () => {
	it('holds bookings, pickups, shifts and registrations, parsed by an independent parser', async () => {
		const s = await userWithCalendar();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const path = await renew(session);

		// calendar apps carry no cookie: the secret URL alone opens the feed
		const feed = await new AppSession().get(path);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
		const events = parseEvents(await feed.text());
		const byUid = Object.fromEntries(events.map((e) => [e.uid, e]));
		expect(byUid[`booking-${s.booking.id}@borgerhus`]).toMatchObject({
			summary: `Booking: ${s.room.name}`,
			status: 'TENTATIVE'
		});
		expect(byUid[`booking-${s.booking.id}@borgerhus`]?.start.getTime()).toBe(seconds(s.start));
		expect(byUid[`booking-${s.cancelled.id}@borgerhus`]).toBeUndefined();
		expect(byUid[`pickup-${s.hold.id}@borgerhus`]?.summary).toBe(`Hent: ${s.title.title}`);
		expect(byUid[`pickup-${s.hold.id}@borgerhus`]?.description).toContain('Hylde K-9');
		expect(byUid[`shift-${s.signup.id}@borgerhus`]).toMatchObject({
			summary: `Vagt: ${s.shift.task}`,
			status: 'CONFIRMED'
		});
		expect(byUid[`registration-${s.registration.id}@borgerhus`]?.summary).toBe(s.event.title);
		expect(events).toHaveLength(4);
	});

	it('keeps what someone else called off, marked cancelled, and drops what the user cancelled', async () => {
		const s = await userWithCalendar();
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		// staff cancel the registration; the user cancels their own shift
		await staff.pb.collection('registrations').update(s.registration.id, { status: 'cancelled' });
		await s.user.pb.collection('signups').update(s.signup.id, { status: 'cancelled' });
		// staff cancel a booking, the user another; staff reject a request
		const other = await s.a.booking({
			booker: s.user.record.id,
			room: s.room.id,
			start: inHours(24 * 9),
			end: inHours(24 * 9 + 1)
		});
		await staff.pb.collection('bookings').update(s.booking.id, { status: 'rejected', reason: 'Lukket.' });
		const own = await s.a.booking({
			booker: s.user.record.id,
			room: s.room.id,
			start: inHours(24 * 10),
			end: inHours(24 * 10 + 1)
		});
		await staff.pb.collection('bookings').update(other.id, { status: 'cancelled', cancel_reason: 'Maling.' });
		await s.user.pb.collection('bookings').update(own.id, { status: 'cancelled' });
		// the user cancels at the desk: staff act for them (X-Borgerhus-For), the user's own cancel
		const atDesk = await s.a.booking({
			booker: s.user.record.id,
			room: s.room.id,
			start: inHours(24 * 11),
			end: inHours(24 * 11 + 1)
		});
		const forUser = { headers: { 'X-Borgerhus-For': s.user.record.id } };
		await staff.pb
			.collection('bookings')
			.update(atDesk.id, { status: 'cancelled', cancelled_by: s.user.record.id }, forUser);
		const deskShift = await s.a.shift({
			event: (await s.a.event()).id,
			start: inHours(24 * 21),
			end: inHours(24 * 21 + 2)
		});
		const deskPlace = await s.a.signup({ shift: deskShift.id, user: s.user.record.id });
		await staff.pb.collection('signups').update(deskPlace.id, { status: 'cancelled' }, forUser);
		// an event the house cancels: the place of a second user's shift on it goes along
		const event = await s.a.event();
		const shift = await s.a.shift({ event: event.id, start: inHours(24 * 20), end: inHours(24 * 20 + 2) });
		const place = await s.a.signup({ shift: shift.id, user: s.user.record.id });
		await system.collection('events').update(event.id, { state: 'cancelled' });
		// a waitlist place was never in the feed: cancelled by staff, it does not come in as "Aflyst"
		const full = await s.a.event();
		await system.collection('events').update(full.id, { capacity: 1 });
		await s.a.registration({ event: full.id, user: staff.record.id });
		const waiting = await s.a.registration({ event: full.id, user: s.user.record.id });
		expect((await system.collection('registrations').getOne(waiting.id)).status).toBe('waitlisted');
		await staff.pb.collection('registrations').update(waiting.id, { status: 'cancelled' });

		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const events = parseEvents(await (await new AppSession().get(await renew(session))).text());
		const byUid = Object.fromEntries(events.map((e) => [e.uid.replace('@borgerhus', ''), e]));
		expect(byUid[`registration-${s.registration.id}`]).toMatchObject({ status: 'CANCELLED' });
		expect(byUid[`registration-${s.registration.id}`]?.description).toContain('Aflyst');
		expect(byUid[`booking-${s.booking.id}`]).toMatchObject({ status: 'CANCELLED' });
		expect(byUid[`booking-${other.id}`]).toMatchObject({ status: 'CANCELLED' });
		expect(byUid[`shift-${place.id}`]).toMatchObject({ status: 'CANCELLED' });
		expect(byUid[`shift-${s.signup.id}`]).toBeUndefined();
		expect(byUid[`booking-${own.id}`]).toBeUndefined();
		expect(byUid[`booking-${atDesk.id}`]).toBeUndefined();
		expect(byUid[`shift-${deskPlace.id}`]).toBeUndefined();
		expect(byUid[`registration-${waiting.id}`]).toBeUndefined();
		expect(byUid[`booking-${s.cancelled.id}`]).toBeUndefined();

		// the mark is the server's: neither the person nor staff set it through the API
		const refusedCode = (promise: Promise<unknown>) =>
			promise.then(
				() => '',
				(err: { response?: { data?: Record<string, { code?: string }> } }) =>
					err.response?.data?.cancelled_by_house?.code ?? ''
			);
		const open = await s.a.event();
		expect(
			await refusedCode(
				s.user.pb
					.collection('registrations')
					.create({ event: open.id, user: s.user.record.id, cancelled_by_house: true })
			)
		).toBe('events_field_locked');
		const mine = await s.user.pb
			.collection('registrations')
			.create({ event: open.id, user: s.user.record.id });
		for (const who of [s.user, staff]) {
			expect(
				await refusedCode(who.pb.collection('registrations').update(mine.id, { cancelled_by_house: true }))
			).toBe('events_field_locked');
		}
		expect((await system.collection('registrations').getOne(mine.id)).cancelled_by_house).toBe(false);

		// taken again, the place is on again
		await s.user.pb.collection('registrations').create({ event: s.event.id, user: s.user.record.id });
		const again = parseEvents(await (await new AppSession().get(await renew(session))).text());
		expect(again.find((e) => e.uid === `registration-${s.registration.id}@borgerhus`)).toMatchObject({
			status: 'CONFIRMED'
		});
	});

	it('stops the old address on renewal and on revoke', async () => {
		const system = await systemClient();
		const s = await userWithCalendar();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const first = await renew(session);
		const second = await renew(session);
		expect(second).not.toBe(first);
		expect((await new AppSession().get(first)).status).toBe(404);
		expect((await new AppSession().get(second)).status).toBe(200);
		const token = second.slice('/kalender/'.length, -'.ics'.length);
		const feed = (t: string) =>
			guestClient().send('/api/borgerhus/calendar/feed', { headers: { 'X-Feed-Token': t } });
		await expect(feed(token)).resolves.toBeTruthy();
		// the feed's key stays out of PocketBase's request log, which keeps the paths asked for for days
		const logged = await vi.waitFor(
			async () => {
				const list = await system.send<{ items: unknown[] }>('/api/logs', {
					query: { filter: `data.url ~ '/api/borgerhus/calendar/feed'`, perPage: 50 }
				});
				if (list.items.length < 2) throw new Error('the feed requests are not logged yet');
				return list.items;
			},
			{ timeout: 20_000, interval: 250 }
		);
		expect(JSON.stringify(logged)).not.toContain(token);

		expect((await session.post('/overblik/kalender?/revoke', {})).status).toBe(200);
		expect((await new AppSession().get(second)).status).toBe(404);
		await expect(feed(token)).rejects.toMatchObject({
			status: 404
		});
	});

	it('gives an account deleted meanwhile no new address and says so', async () => {
		const system = await systemClient();
		const user = await createUser();
		const { token } = await user.pb.send<{ token: string }>('/api/borgerhus/calendar/renew', {
			method: 'POST'
		});
		expect((await new AppSession().get(`/kalender/${token}.ics`)).status).toBe(200);
		// the deletion's mark as it stands inside the transaction of a request PocketBase let in before it
		// (its session loaded before the deletion committed): set alone, the session still loads
		await system.collection('users').update(user.record.id, { deleted_at: new Date().toISOString() });
		for (const path of ['/api/borgerhus/calendar/renew', '/api/borgerhus/calendar/revoke']) {
			const answer = await outcome(user.pb.send(path, { method: 'POST' }));
			// not an address that finds nobody, nor "stopped" for a feed the deletion stops
			expect([answer.status, codesOf(answer.body)]).toEqual([400, ['overview_account_deleted']]);
		}
		expect((await new AppSession().get(`/kalender/${token}.ics`)).status).toBe(404);
	});

	it('never shows or accepts the token through the records API, and refuses guessed tokens', async () => {
		const s = await userWithCalendar();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const path = await renew(session);
		const me = await s.user.pb.collection('users').getOne(s.user.record.id);
		expect(me.calendar_token).toBeUndefined();
		// a user cannot choose their own token: the hidden field is not written from the API
		const chosen = 'a'.repeat(48);
		await s.user.pb
			.collection('users')
			.update(s.user.record.id, { calendar_token: chosen })
			.catch(() => null);
		expect((await new AppSession().get(`/kalender/${chosen}.ics`)).status).toBe(404);
		expect((await new AppSession().get(path)).status).toBe(200);
		const guess = await Promise.all(
			['c'.repeat(48), 'x', '../../api/health', `${'b'.repeat(47)}%00`].map((t) =>
				new AppSession().get(`/kalender/${encodeURIComponent(t)}.ics`)
			)
		);
		for (const response of guess) expect(response.status).toBe(404);
		await expect(
			guestClient().send('/api/borgerhus/calendar/renew', { method: 'POST' })
		).rejects.toMatchObject({
			status: 401
		});
	});

	it('adds a single entry to the calendar for its owner only', async () => {
		const s = await userWithCalendar();
		const owner = new AppSession();
		await owner.signIn(s.user.email, PASSWORD);
		const response = await owner.get(`/kalender/shift/${s.signup.id}.ics`);
		expect(response.status).toBe(200);
		const [event] = parseEvents(await response.text());
		expect(event?.summary).toBe(`Vagt: ${s.shift.task}`);

		const pickup = parseEvents(await (await owner.get(`/kalender/hold/${s.hold.id}.ics`)).text());
		// "collect by": the event ends at the pickup deadline
		expect(pickup[0]?.end.getTime()).toBe(seconds(s.deadline));

		const stranger = await createUser();
		const other = new AppSession();
		await other.signIn(stranger.email, PASSWORD);
		expect((await other.get(`/kalender/shift/${s.signup.id}.ics`)).status).toBe(404);
		expect((await new AppSession().get(`/kalender/shift/${s.signup.id}.ics`)).status).toBe(303);
	});
});

describe('a feed with many entries', () => {
	it('gives the single file of an entry the SEQUENCE the feed gives it, also after the entry changed', async () => {
		const s = await userWithCalendar();
		const owner = new AppSession();
		await owner.signIn(s.user.email, PASSWORD);
		const path = await renew(owner);
		/** SEQUENCE and LAST-MODIFIED of each event of a calendar, by UID. */
		const versions = (text: string) =>
			Object.fromEntries(
				new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => [
					String(v.getFirstPropertyValue('uid')),
					{
						sequence: v.getFirstPropertyValue('sequence'),
						lastModified: String(v.getFirstPropertyValue('last-modified') ?? '')
					}
				])
			);
		const singles = [
			['booking', s.booking.id, `booking-${s.booking.id}@borgerhus`],
			['hold', s.hold.id, `pickup-${s.hold.id}@borgerhus`],
			['shift', s.signup.id, `shift-${s.signup.id}@borgerhus`],
			['registration', s.registration.id, `registration-${s.registration.id}@borgerhus`]
		] as const;
		const compare = async () => {
			const feed = versions(await (await new AppSession().get(path)).text());
			for (const [kind, id, uid] of singles) {
				const response = await owner.get(`/kalender/${kind}/${id}.ics`);
				expect(response.status, kind).toBe(200);
				const single = versions(await response.text())[uid];
				expect(typeof single?.sequence, kind).toBe('number');
				expect(single, kind).toEqual(feed[uid]);
			}
			return feed;
		};
		const before = await compare();
		// the shift moves an hour later: the single file follows the feed
		const system = await systemClient();
		await system.collection('shifts').update(s.shift.id, {
			start: inHours(24 * 3 + 1),
			end: inHours(24 * 3 + 5)
		});
		const after = await compare();
		const uid = `shift-${s.signup.id}@borgerhus`;
		expect(Number(after[uid]?.sequence)).toBeGreaterThanOrEqual(Number(before[uid]?.sequence));
	});

	it('raises the SEQUENCE of an entry whose room or library title is renamed, in the feed and in the single file', async () => {
		const s = await userWithCalendar();
		const owner = new AppSession();
		await owner.signIn(s.user.email, PASSWORD);
		const path = await renew(owner);
		const uids = {
			booking: `booking-${s.booking.id}@borgerhus`,
			hold: `pickup-${s.hold.id}@borgerhus`
		};
		/** SEQUENCE, SUMMARY and LOCATION of the booking and the pickup, in the feed and in each single file. */
		const read = async () => {
			const of = (text: string, uid: string) => {
				const event = new ICAL.Component(ICAL.parse(text))
					.getAllSubcomponents('vevent')
					.find((v) => String(v.getFirstPropertyValue('uid')) === uid);
				return {
					sequence: Number(event?.getFirstPropertyValue('sequence')),
					summary: String(event?.getFirstPropertyValue('summary') ?? ''),
					location: String(event?.getFirstPropertyValue('location') ?? '')
				};
			};
			const feed = await (await new AppSession().get(path)).text();
			const booking = await (await owner.get(`/kalender/booking/${s.booking.id}.ics`)).text();
			const hold = await (await owner.get(`/kalender/hold/${s.hold.id}.ics`)).text();
			return {
				feed: { booking: of(feed, uids.booking), hold: of(feed, uids.hold) },
				single: { booking: of(booking, uids.booking), hold: of(hold, uids.hold) }
			};
		};
		const before = await read();
		expect(before.single).toEqual(before.feed);
		// SEQUENCE counts whole seconds: the renames come in a later second than every row was written
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const system = await systemClient();
		const roomName = `Omdøbt sal ${Date.now()}`;
		const titleName = `Omdøbt titel ${Date.now()}`;
		await system.collection('rooms').update(s.room.id, { name: roomName });
		await system.collection('titles').update(s.title.id, { title: titleName });
		const after = await read();
		expect(after.single).toEqual(after.feed);
		expect(after.feed.booking.location).toContain(roomName);
		expect(after.feed.hold.summary).toContain(titleName);
		expect(after.feed.booking.sequence).toBeGreaterThan(before.feed.booking.sequence);
		expect(after.feed.hold.sequence).toBeGreaterThan(before.feed.hold.sequence);
	});

	it("raises the SEQUENCE of an association's booking when the association it names is renamed, in the feed and in the single file", async () => {
		const a = await arrange();
		const user = await createUser({ name: 'Foreningsbooker' });
		const room = await a.room();
		const association = await a.association([user.record.id]);
		const booking = await a.booking({
			booker: user.record.id,
			room: room.id,
			association: association.id,
			start: inHours(24 * 5),
			end: inHours(24 * 5 + 2)
		});
		const owner = new AppSession();
		await owner.signIn(user.email, PASSWORD);
		const path = await renew(owner);
		const uid = `booking-${booking.id}@borgerhus`;
		const of = (text: string) => {
			const event = new ICAL.Component(ICAL.parse(text))
				.getAllSubcomponents('vevent')
				.find((v) => String(v.getFirstPropertyValue('uid')) === uid);
			return {
				sequence: Number(event?.getFirstPropertyValue('sequence')),
				lastModified: String(event?.getFirstPropertyValue('last-modified') ?? ''),
				description: String(event?.getFirstPropertyValue('description') ?? '')
			};
		};
		const read = async () => ({
			feed: of(await (await new AppSession().get(path)).text()),
			single: of(await (await owner.get(`/kalender/booking/${booking.id}.ics`)).text())
		});
		const before = await read();
		expect(before.feed.description).toContain(association.name);
		expect(before.single.sequence).toBe(before.feed.sequence);
		// SEQUENCE counts whole seconds: the rename comes in a later second than every row was written
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const renamed = `Omdøbt forening ${Date.now()}`;
		await a.system.collection('associations').update(association.id, { name: renamed });
		const after = await read();
		// the feed says the new name, and says it as a change of the entry
		expect(after.feed.description).toContain(renamed);
		expect(after.feed.sequence).toBeGreaterThan(before.feed.sequence);
		expect(after.feed.lastModified).not.toBe(before.feed.lastModified);
		expect(after.single.sequence).toBe(after.feed.sequence);
		expect(after.single.lastModified).toBe(after.feed.lastModified);
	});

	it("gives the single file of an association's booking the description and summary the feed gives it, the association's name included", async () => {
		const a = await arrange();
		const user = await createUser({ name: 'Foreningsbooker' });
		const room = await a.room();
		const association = await a.association([user.record.id]);
		const booking = await a.booking({
			booker: user.record.id,
			room: room.id,
			association: association.id,
			purpose: 'Bestyrelsesmøde',
			start: inHours(24 * 6),
			end: inHours(24 * 6 + 2)
		});
		const owner = new AppSession();
		await owner.signIn(user.email, PASSWORD);
		const path = await renew(owner);
		const uid = `booking-${booking.id}`;
		const feed = parseEvents(await (await new AppSession().get(path)).text()).find(
			(e) => e.uid === `${uid}@borgerhus`
		);
		const response = await owner.get(`/kalender/booking/${booking.id}.ics`);
		expect(response.status).toBe(200);
		const single = parseEvents(await response.text())[0];
		expect(feed?.description).toContain(association.name);
		expect(feed?.description).toContain('Bestyrelsesmøde');
		expect(single).toEqual(feed);
	});

	it('names no association the user may no longer read: one renamed after the user left is left out, as in the single file', async () => {
		const a = await arrange();
		const [user, admin] = await Promise.all([
			createUser({ name: 'Tidligere booker' }),
			createUser({ name: 'Anden admin' })
		]);
		const room = await a.room();
		const association = await a.association([user.record.id, admin.record.id]);
		const booking = await a.booking({
			booker: user.record.id,
			room: room.id,
			association: association.id,
			purpose: 'Generalforsamling',
			start: inHours(24 * 6),
			end: inHours(24 * 6 + 2)
		});
		const owner = new AppSession();
		await owner.signIn(user.email, PASSWORD);
		const path = await renew(owner);
		const uid = `booking-${booking.id}@borgerhus`;
		const read = async () => ({
			feed: parseEvents(await (await new AppSession().get(path)).text()).find((e) => e.uid === uid),
			single: parseEvents(await (await owner.get(`/kalender/booking/${booking.id}.ics`)).text())[0]
		});
		expect((await read()).feed?.description).toContain(association.name);
		// the user leaves; the association's other admin renames it, which takes it back to the house's
		// verification: its new name is for its active members and staff until then
		const own = await a.system
			.collection('memberships')
			.getFirstListItem(
				a.system.filter('association = {:a} && user = {:u}', { a: association.id, u: user.record.id })
			);
		await user.pb.send(`/api/borgerhus/memberships/${own.id}/leave`, { method: 'POST' });
		const renamed = `Ukendt navn ${Date.now()}`;
		await admin.pb.collection('associations').update(association.id, { name: renamed });
		expect((await a.system.collection('associations').getOne(association.id)).verified).toBe(false);
		await expect(user.pb.collection('associations').getOne(association.id)).rejects.toMatchObject({
			status: 404
		});
		const after = await read();
		// the booking is still the user's, without the name they may not read
		expect(after.feed?.description).toContain('Generalforsamling');
		expect(after.feed?.description).not.toContain(renamed);
		expect(after.single).toEqual(after.feed);
	});

	it('says nothing of an event taken back to a draft: a ticket and a shift the house cancelled first leave the feed, as the single file has none', async () => {
		const { event, shift } = await arrangeEvent({ places: 1 });
		const user = await createVolunteer();
		const ticket = await user.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: user.record.id });
		const place = await user.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: user.record.id });
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const path = await renew(session);
		const feed = async () => parseEvents(await (await new AppSession().get(path)).text());
		expect((await feed()).map((e) => e.summary)).toContain(event.title);
		// the house cancels both places, takes the event back to a draft and plans it anew
		const staff = await createUser({ staff: true });
		await staff.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(place.id, { status: 'cancelled' });
		await staff.pb.collection('events').update(event.id, { state: 'draft' });
		const plan = `Ikke annonceret ${Date.now()}`;
		await staff.pb.collection('events').update(event.id, { title: plan });
		const after = await feed();
		const uids = after.map((e) => e.uid);
		expect(uids).not.toContain(`registration-${ticket.id}@borgerhus`);
		expect(uids).not.toContain(`shift-${place.id}@borgerhus`);
		expect(JSON.stringify(after)).not.toContain(plan);
		for (const [kind, id] of [
			['registration', ticket.id],
			['shift', place.id]
		]) {
			expect((await session.get(`/kalender/${kind}/${id}.ics`)).status, kind).toBe(404);
		}
	});

	it('leaves out a waitlist place the house took the user off, as one never in the feed, and keeps a confirmed one it cancelled', async () => {
		const { event } = await arrangeEvent({ capacity: 1 });
		const [holder, user] = await Promise.all([createVolunteer(), createVolunteer()]);
		await holder.pb.collection('registrations').create({ event: event.id, user: holder.record.id });
		const waiting = await user.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: user.record.id });
		expect(waiting.status).toBe('waitlisted');
		const confirmedOther = await arrangeEvent({ places: 1 });
		const place = await user.pb
			.collection('signups')
			.create<SignupRecord>({ shift: confirmedOther.shift.id, user: user.record.id });
		const staff = await createUser({ staff: true });
		// both at once: the house takes the user off one waitlist and cancels their confirmed shift elsewhere
		await Promise.all([
			staff.pb.collection('registrations').update(waiting.id, { status: 'cancelled' }),
			staff.pb.collection('signups').update(place.id, { status: 'cancelled' })
		]);
		const system = await systemClient();
		expect(await system.collection('registrations').getOne(waiting.id)).toMatchObject({
			cancelled_by_house: false,
			off_waitlist_by_house: true
		});
		expect(await system.collection('signups').getOne(place.id)).toMatchObject({
			cancelled_by_house: true,
			off_waitlist_by_house: false
		});
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const byUid = Object.fromEntries(
			parseEvents(await (await new AppSession().get(await renew(session))).text()).map((e) => [e.uid, e])
		);
		expect(byUid[`registration-${waiting.id}@borgerhus`]).toBeUndefined();
		expect(byUid[`shift-${place.id}@borgerhus`]?.status).toBe('CANCELLED');
		// nobody but the server sets the mark: not the person, not staff
		for (const pb of [user.pb, staff.pb]) {
			const refused = await pb
				.collection('registrations')
				.update(waiting.id, { off_waitlist_by_house: false })
				.then(
					() => 0,
					(err: { status: number }) => err.status
				);
			expect(refused).toBeGreaterThanOrEqual(400);
		}
		const created = await user.pb
			.collection('registrations')
			.create({ event: event.id, user: user.record.id, off_waitlist_by_house: true })
			.then(
				() => '',
				(err: { response?: { data?: Record<string, { code?: string }> } }) =>
					err.response?.data?.off_waitlist_by_house?.code ?? ''
			);
		expect(created).toBe('events_field_locked');
		expect((await system.collection('registrations').getOne(waiting.id)).off_waitlist_by_house).toBe(true);
	});

	it('holds every coming entry in time order, none cut off, however many and however far ahead', async () => {
		const system = await systemClient();
		const user = await createUser({ name: 'Travl Forening' });
		const room = await makeRoom({ buffer_minutes: 0 });
		const slots = Array.from({ length: 520 }, (_, i) =>
			slot(2 + Math.floor(i / 2), i % 2 ? '12:00' : '10:00', i % 2 ? '13:00' : '11:00')
		);
		const ids: string[] = [];
		for (let i = 0; i < slots.length; i += 20) {
			const made = await Promise.all(
				slots.slice(i, i + 20).map((s) =>
					system.collection('bookings').create({
						room: room.id,
						booker: user.record.id,
						purpose: 'Ugentlig træning',
						attendees: 8,
						status: 'approved',
						...s
					})
				)
			);
			ids.push(...made.map((b) => b.id));
		}
		// well over a year ahead
		const far = await system.collection('bookings').create({
			room: room.id,
			booker: user.record.id,
			purpose: 'Langt ude',
			attendees: 8,
			status: 'approved',
			...slot(420, '10:00', '11:00')
		});

		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const feed = await new AppSession().get(await renew(session));
		expect(feed.status).toBe(200);
		const events = parseEvents(await feed.text());
		const uids = events.map((e) => e.uid);
		expect(uids).toEqual([...ids, far.id].map((id) => `booking-${id}@borgerhus`));
	});
});
