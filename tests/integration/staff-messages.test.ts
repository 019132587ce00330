import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { readMails, waitForMail } from '../helpers/mail';
import { book, houseDate, houseTime, join, makeAssociation, makeRoom, slot, someDay } from './rooms-arrange';
import { arrangeEvent, createVolunteer } from './events-helpers';
import { arrangeTitle, checkIn, placeHold } from './library-helpers';
import ICAL from 'ical.js';
import { deadlineAfter } from '$rules/house.js';
import { localParts } from '$rules/core/time.js';
import { stack } from '../helpers/stack';
import { outcome } from '../helpers/scenarios';
import {
	bookingAt,
	checkIn as checkInBooking,
	checkOut as checkOutBooking,
	checkinRoom,
	release as releaseDue
} from './rooms-checkin-arrange';

// Staff decisions and the messages they send (docs/rules.md, "Messages" and "Staff pages"): the reason of
// an approval reaches the booker and the audit log, one decision over many dates is one message and one
// mail, and dates in messages read as people read them in the reader's language.

const mailDir = () => stack().mailDir;
const ISO = /\d{4}-\d{2}-\d{2}/;

async function mailable(user: TestUser, language: 'da' | 'en' = 'da') {
	const system = await systemClient();
	await system.collection('users').update(user.record.id, { notify_email: true, language });
}

async function notificationsOf(userId: string) {
	const system = await systemClient();
	return system
		.collection('notifications')
		.getFullList({ filter: system.filter('user = {:u}', { u: userId }), sort: 'created' });
}

async function auditOf(id: string) {
	const system = await systemClient();
	return system.collection('audit_log').getFullList({ filter: system.filter('target_id = {:id}', { id }) });
}

async function signedIn(user: TestUser) {
	const session = new AppSession();
	expect((await session.signIn(user.email, user.password)).status).toBe(303);
	return session;
}

describe('approving with a reason', () => {
	it('stores the reason, tells the booker in their language and audits it (API)', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await mailable(owner, 'en');
		const day = someDay();
		const booking = await book(owner, room.id, slot(day, '18:00', '19:00'));
		expect(booking.status).toBe('pending');

		const approved = await staff.pb
			.collection('bookings')
			.update(booking.id, { status: 'approved', reason: 'Nøglen ligger i receptionen' });
		expect(approved.status).toBe('approved');
		expect(approved.reason).toBe('Nøglen ligger i receptionen');
		expect(approved.decided_by).toBe(staff.record.id);

		const notes = (await notificationsOf(owner.record.id)).filter((n) => n.kind === 'booking_approved');
		expect(notes).toHaveLength(1);
		expect(notes[0]!.title).toBe('Your booking is approved');
		expect(notes[0]!.body).toContain('Message from the staff: Nøglen ligger i receptionen');
		expect(notes[0]!.body).toMatch(/18:00/);
		expect(notes[0]!.body).not.toMatch(ISO);

		const mail = await waitForMail(mailDir(), owner.email, /Your booking is approved/);
		expect(mail.text).toContain('Nøglen ligger i receptionen');
		expect(mail.text).not.toMatch(ISO);

		const audit = await auditOf(booking.id);
		expect(audit.map((a) => a.action)).toContain('booking_approved');
		const entry = audit.find((a) => a.action === 'booking_approved')!;
		expect(entry.actor).toBe(staff.record.id);
		expect((entry.details as { reason: string }).reason).toBe('Nøglen ligger i receptionen');
	});

	it('a citizen still cannot write a reason, and an approval without a reason says nothing extra', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const booking = await book(owner, room.id, slot(someDay(), '10:00', '11:00'));
		await expect(
			owner.pb.collection('bookings').update(booking.id, { status: 'approved', reason: 'Selv' })
		).rejects.toMatchObject({ status: expect.any(Number) });
		expect((await staff.pb.collection('bookings').getOne(booking.id)).status).toBe('pending');
		await staff.pb.collection('bookings').update(booking.id, { status: 'approved' });
		const note = (await notificationsOf(owner.record.id)).find((n) => n.kind === 'booking_approved')!;
		expect(note.body).not.toContain('personalet');
		expect(note.body).toMatch(/er godkendt\.$/);
	});

	it('through the staff page: the reason of an approval and of a rejection reach the booker', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const day = someDay();
		const [first, second] = await Promise.all([
			book(owner, room.id, slot(day, '10:00', '11:00')),
			book(owner, room.id, slot(day, '14:00', '15:00'))
		]);
		const session = await signedIn(staff);
		const page = await (await session.get(`/personale/bookinger?lokale=${room.id}`)).text();
		// every decision button names its booking
		expect(page).toContain(`aria-label="Godkend booking af ${room.name}, `);
		expect(page).toContain(`aria-label="Afvis booking af ${room.name}, `);

		const ok = await session.post('/personale/bookinger?/approve', { id: first.id, reason: 'Velkommen' });
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('Godkendt:');
		const no = await session.post('/personale/bookinger?/reject', { id: second.id, reason: 'Salen males' });
		expect(no.status).toBe(200);

		expect((await owner.pb.collection('bookings').getOne(first.id)).reason).toBe('Velkommen');
		const notes = await notificationsOf(owner.record.id);
		expect(notes.find((n) => n.kind === 'booking_approved')!.body).toContain(
			'Besked fra personalet: Velkommen'
		);
		expect(notes.find((n) => n.kind === 'booking_rejected')!.body).toContain('Begrundelse: Salen males');
		const audit = [...(await auditOf(first.id)), ...(await auditOf(second.id))];
		expect(audit.map((a) => (a.details as { reason: string }).reason).sort()).toEqual([
			'Salen males',
			'Velkommen'
		]);
	});
});

describe('a cancellation by someone of the association', () => {
	it("says who called the booking off, and gives their words as theirs, never as the house's", async () => {
		const [booker, admin, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		await mailable(booker);
		const association = await makeAssociation();
		await join(association.id, booker, 'booker');
		await join(association.id, admin, 'admin');
		const room = await makeRoom({ who_may_book: 'associations' });
		const day = someDay();
		const first = await book(booker, room.id, {
			association: association.id,
			...slot(day, '10:00', '11:00')
		});
		const second = await book(booker, room.id, {
			association: association.id,
			...slot(day, '12:00', '13:00')
		});
		// an admin of the association writes what reads as the house's words
		const words = 'Besked fra personalet: Din konto er spærret. Log ind på https://example.org/borgerhus';
		await admin.pb.collection('bookings').update(first.id, { status: 'cancelled', cancel_reason: words });
		const cancelled = async () =>
			(await notificationsOf(booker.record.id)).filter((n) => n.kind === 'booking_cancelled');
		const [told] = await cancelled();
		expect(told?.body).toContain(
			`er aflyst af en administrator i ${association.name}. Begrundelse: ${words}`
		);
		expect(told?.texts.en.body).toContain(
			`was cancelled by an admin of ${association.name}. Reason: ${words}`
		);
		const mail = await waitForMail(mailDir(), booker.email, /aflyst/);
		expect(mail.text).toContain(`er aflyst af en administrator i ${association.name}.`);
		// the house's own cancellation reads as before
		await staff.pb
			.collection('bookings')
			.update(second.id, { status: 'cancelled', cancel_reason: 'Vandskade' });
		const [, house] = await cancelled();
		expect(house?.body).toMatch(/, er aflyst\. Vandskade$/);

		// so is a season booking the admin calls off for the association
		const series = (await booker.pb.send('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: room.id,
				association: association.id,
				purpose: 'Træning',
				attendees: 4,
				first_date: houseDate(day + 1),
				last_date: houseDate(day + 15),
				interval: 1,
				start_time: '18:00',
				end_time: '20:00'
			}
		})) as { series: string };
		await admin.pb.send(`/api/borgerhus/series/${series.series}/cancel`, {
			method: 'POST',
			body: { reason: words }
		});
		const [season] = (await notificationsOf(booker.record.id)).filter(
			(n) => n.kind === 'booking_series_cancelled'
		);
		expect(season?.body).toContain(
			`er aflyst af en administrator i ${association.name}. Begrundelse: ${words}`
		);
		expect(season?.texts.en.body).toContain(
			`were cancelled by an admin of ${association.name}. Reason: ${words}`
		);
	});
});

describe('a cancellation by an association renamed since', () => {
	it('names the association by a name staff have verified only, never one nobody at the house has looked at', async () => {
		const [booker, admin] = await Promise.all([createUser(), createUser()]);
		await mailable(booker);
		const association = await makeAssociation();
		await join(association.id, booker, 'booker');
		await join(association.id, admin, 'admin');
		const room = await makeRoom({ who_may_book: 'associations' });
		const day = someDay();
		const booking = await book(booker, room.id, {
			association: association.id,
			...slot(day, '10:00', '11:00')
		});
		const series = (await booker.pb.send('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: room.id,
				association: association.id,
				purpose: 'Træning',
				attendees: 4,
				first_date: houseDate(day + 1),
				last_date: houseDate(day + 15),
				interval: 1,
				start_time: '18:00',
				end_time: '20:00'
			}
		})) as { series: string };
		// renamed by its admin: unverified again until staff look at the new name
		const renamed = 'Kultur- og Borgerhusets kundeservice';
		await admin.pb.collection('associations').update(association.id, { name: renamed });
		expect((await (await systemClient()).collection('associations').getOne(association.id)).verified).toBe(
			false
		);
		await admin.pb
			.collection('bookings')
			.update(booking.id, { status: 'cancelled', cancel_reason: 'Flyttet' });
		await admin.pb.send(`/api/borgerhus/series/${series.series}/cancel`, {
			method: 'POST',
			body: { reason: 'Flyttet' }
		});
		const told = (await notificationsOf(booker.record.id)).filter((n) =>
			['booking_cancelled', 'booking_series_cancelled'].includes(n.kind)
		);
		expect(told).toHaveLength(2);
		for (const n of told) {
			expect(n.body).not.toContain(renamed);
			expect(n.texts.en.body).not.toContain(renamed);
			expect(n.body).toContain('er aflyst af en administrator i en forening (navnet venter på godkendelse).');
			expect(n.texts.en.body).toMatch(
				/(was|were) cancelled by an admin of an association \(its name awaits approval\)\./
			);
		}
		const mail = await waitForMail(mailDir(), booker.email, /aflyst/);
		expect(mail.text).not.toContain(renamed);
	});
});

describe('one decision over many dates', () => {
	it('approving a whole series with a message sends one notification and one mail', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await mailable(owner);
		const day = someDay();
		const answer = await owner.pb.send<{ series: string; booked: { id: string }[] }>(
			'/api/borgerhus/series',
			{
				method: 'POST',
				body: {
					room: room.id,
					association: '',
					purpose: 'Korprøve',
					attendees: 6,
					first_date: houseDate(day),
					last_date: houseDate(day + 35),
					interval: 1,
					start_time: '18:00',
					end_time: '20:00'
				}
			}
		);
		expect(answer.booked.length).toBe(6);
		const decided = await staff.pb.send<{ decided: unknown[] }>(
			`/api/borgerhus/series/${answer.series}/approve`,
			{ method: 'POST', body: { reason: 'Husk at rydde op' } }
		);
		expect(decided.decided).toHaveLength(6);

		const notes = (await notificationsOf(owner.record.id)).filter(
			(n) => n.kind.startsWith('booking_') && n.kind !== 'booking_series_received'
		);
		expect(notes.map((n) => n.kind)).toEqual(['booking_series_approved']);
		expect(notes[0]!.body).toContain('6 datoer');
		expect(notes[0]!.body).toContain('Husk at rydde op');
		expect(notes[0]!.body).not.toMatch(ISO);

		await waitForMail(mailDir(), owner.email, /sæsonbooking er godkendt/);
		// give a second mail time to show up if there were one
		await new Promise((r) => setTimeout(r, 1500));
		const mails = readMails(mailDir()).filter((m) => m.to.includes(owner.email.toLowerCase()));
		// one receipt for the request, one mail for the decision: never one per date
		expect(mails.map((m) => m.subject).sort()).toEqual([
			`Din sæsonbooking er godkendt`,
			`Vi har modtaget din sæsonbooking: ${room.name}`
		]);
		for (const b of answer.booked) {
			expect((await owner.pb.collection('bookings').getOne(b.id)).reason).toBe('Husk at rydde op');
		}
	});
});

describe('the back office', () => {
	it('staff land on the back office after signing in, citizens on Mit overblik, an asked page wins', async () => {
		const [citizen, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const staffIn = await new AppSession().signIn(staff.email, staff.password);
		expect(staffIn.headers.get('location')).toBe('/personale');
		const citizenIn = await new AppSession().signIn(citizen.email, citizen.password);
		expect(citizenIn.headers.get('location')).toBe('/overblik');
		const asked = await new AppSession().post('/log-ind?redirectTo=%2Fpersonale%2Fskranke', {
			email: staff.email,
			password: staff.password
		});
		expect(asked.headers.get('location')).toBe('/personale/skranke');
	});

	it('never sends anyone off the site after signing in or switching language', async () => {
		const citizen = await createUser();
		// browsers drop the tab, which would make "/<tab>/other.example" read as "//other.example"
		const offSite = encodeURIComponent('/\t/other.example/log-ind');
		const signingIn = await new AppSession().post(`/log-ind?redirectTo=${offSite}`, {
			email: citizen.email,
			password: citizen.password
		});
		expect(signingIn.headers.get('location')).toBe('/overblik');
		const session = await signedIn(citizen);
		expect((await session.get(`/log-ind?redirectTo=${offSite}`)).headers.get('location')).toBe('/overblik');
		// "/.//other.example" resolves to the path "//other.example"
		for (const dotted of ['/.//other.example/x', '/%2e//other.example/x']) {
			const target = encodeURIComponent(dotted);
			expect((await session.get(`/log-ind?redirectTo=${target}`)).headers.get('location')).toBe('/overblik');
			const viaForm = await new AppSession().post(`/log-ind?redirectTo=${target}`, {
				email: citizen.email,
				password: citizen.password
			});
			expect(viaForm.headers.get('location')).toBe('/overblik');
		}
		const language = await session.post('/sprog', { language: 'da', redirectTo: '/\t/other.example/' });
		expect(language.headers.get('location')).toBe('/');
		// a body that is no form is bad input, not a failure
		const json = await fetch(new URL('/sprog', session.base), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: new URL(session.base).origin,
				cookie: session.cookieHeader()
			},
			body: JSON.stringify({ language: 'da' }),
			redirect: 'manual'
		});
		expect(json.status).toBe(400);
	});

	it('the hub counts what waits: pending requests among them', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const session = await signedIn(staff);
		const count = async () => {
			const html = await (await session.get('/personale')).text();
			const match = html.match(
				/<span class="value[^"]*">(\d+)<\/span>\s*<span class="label[^"]*">Bookinger til godkendelse/
			);
			expect(match, 'the pending count on the hub').not.toBeNull();
			return Number(match![1]);
		};
		const before = await count();
		await book(owner, room.id, slot(someDay(), '10:00', '11:00'));
		expect(await count()).toBe(before + 1);
		const html = await (await session.get('/personale')).text();
		for (const label of ['Afhentninger på hylden', 'Lån over tiden', 'Vagter der mangler frivillige'])
			expect(html).toContain(label);
		// a hold whose copy is still to be fetched counts as work for the pickup shelf, not as a pickup on it
		const figure = async (label: string) => {
			const page = await (await session.get('/personale')).text();
			const found = page.match(
				new RegExp(`<span class="value[^"]*">(\\d+)</span>\\s*<span class="label[^"]*">${label}`)
			);
			expect(found, label).not.toBeNull();
			return Number(found![1]);
		};
		const [onShelf, toFetch] = [
			await figure('Afhentninger på hylden'),
			await figure('Skal hentes frem til afhentning')
		];
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const hold = await placeHold(owner.pb, title.id, owner.record.id);
		expect(await figure('Afhentninger på hylden')).toBe(onShelf);
		expect(await figure('Skal hentes frem til afhentning')).toBe(toFetch + 1);
		// scanned onto the pickup shelf, then given up with nobody waiting: a copy to put back on the shelves
		const back = await figure('Skal tilbage på hylderne');
		await checkIn(staff.pb, copies[0]!.barcode);
		expect(await figure('Afhentninger på hylden')).toBe(onShelf + 1);
		await owner.pb.collection('holds').update(hold.id, { status: 'cancelled' });
		expect(await figure('Skal tilbage på hylderne')).toBe(back + 1);
	});
});

describe('receipts', () => {
	it("a booking request is confirmed in the booker's language, by mail only when they chose mail", async () => {
		const room = await makeRoom({ requires_approval: true });
		const [english, quiet] = await Promise.all([createUser(), createUser()]);
		await mailable(english, 'en');
		const day = someDay();
		await book(english, room.id, slot(day, '10:00', '11:00'));
		await book(quiet, room.id, slot(day, '14:00', '15:00'));
		const mail = await waitForMail(mailDir(), english.email, /We have received your booking/);
		expect(mail.text).toContain(room.name);
		expect(mail.text).toMatch(/10:00/);
		expect(mail.text).not.toMatch(ISO);
		// the quiet user (no mail chosen) has the message in the inbox and no mail
		const notes = await notificationsOf(quiet.record.id);
		expect(notes.map((n) => n.title)).toContain(`Vi har modtaget din booking: ${room.name}`);
		await new Promise((r) => setTimeout(r, 1000));
		expect(readMails(mailDir()).filter((m) => m.to.includes(quiet.email.toLowerCase()))).toHaveLength(0);
	});

	it('a registration sends its ticket with a calendar file that opens', async () => {
		const { event } = await arrangeEvent({ capacity: 5 });
		const user = await createUser();
		await mailable(user);
		const registration = await user.pb
			.collection('registrations')
			.create({ event: event.id, user: user.record.id });
		const mail = await waitForMail(mailDir(), user.email, /Din billet/);
		expect(mail.subject).toBe(`Din billet: ${event.title}`);
		expect(mail.text).toContain(`/billet/${registration.id}`);
		const ics = mail.text.match(/https?:\/\/\S+\/kalender\/registration\/[a-z0-9]{15}\.ics/)?.[0];
		expect(ics, 'the calendar file is linked').toBeTruthy();
		expect(mail.text).not.toMatch(ISO);
		const session = await signedIn(user);
		const file = await session.get(new URL(ics!).pathname);
		expect(file.status).toBe(200);
		const calendar = new ICAL.Component(ICAL.parse(await file.text()));
		expect(new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).summary).toBe(event.title);
	});

	it("a shift sign-up says confirmed or waiting list, each in the volunteer's language", async () => {
		const { shift } = await arrangeEvent({ places: 1 });
		const [first, second] = await Promise.all([createVolunteer(), createVolunteer()]);
		await Promise.all([mailable(first), mailable(second, 'en')]);
		await first.pb.collection('signups').create({ shift: shift.id, user: first.record.id });
		await second.pb.collection('signups').create({ shift: shift.id, user: second.record.id });
		const confirmed = await waitForMail(mailDir(), first.email, /Du har vagten/);
		expect(confirmed.text).toContain('Billetkontrol');
		const waiting = await waitForMail(mailDir(), second.email, /waiting list/);
		expect(waiting.subject).toBe('You are on the waiting list for the shift: Billetkontrol');
		expect(waiting.text).not.toMatch(ISO);
	});
});

describe('the calendar feed', () => {
	it("carries the room and the house's address, TENTATIVE for a pending booking, and alarms only for people who want reminders", async () => {
		const room = await makeRoom({ requires_approval: true });
		const [wants, not] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		await system.collection('users').update(wants.record.id, { notify_reminders: true });
		await system.collection('users').update(not.record.id, { notify_reminders: false });
		const day = someDay();
		const feedOf = async (user: TestUser) => {
			await book(
				user,
				room.id,
				slot(day, user === wants ? '10:00' : '14:00', user === wants ? '11:00' : '15:00')
			);
			const session = await signedIn(user);
			const html = await (await session.post('/overblik/kalender?/renew', {})).text();
			const url = html.match(/https?:\/\/[^"\s<]+\/kalender\/[A-Za-z0-9]{48}\.ics/)![0];
			// the page offers one-tap subscription and says how often calendars refresh
			expect(html).toContain(`href="${url.replace(/^https?:\/\//, 'webcal://')}"`);
			expect(html).toContain('cirka hver time');
			const text = await (await new AppSession().get(new URL(url).pathname)).text();
			return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
		};
		const [mine] = await feedOf(wants);
		expect(String(mine!.getFirstPropertyValue('location'))).toBe(
			`${room.name}, Kultur- & Borgerhuset, Torvet 1`
		);
		expect(String(mine!.getFirstPropertyValue('status'))).toBe('TENTATIVE');
		const alarm = mine!.getFirstSubcomponent('valarm');
		expect(alarm, 'a reminder for someone who wants reminders').not.toBeNull();
		expect(String(alarm!.getFirstPropertyValue('trigger'))).toBe('-PT1H');
		const [theirs] = await feedOf(not);
		expect(theirs!.getFirstSubcomponent('valarm')).toBeNull();
	});
});

describe('pickup and loan deadlines', () => {
	it("fall on the house's closing time of the day, across a change of clocks", () => {
		// Friday 23 October 2026, 10:17 summer time; seven days later is Friday 30 October, winter time
		const from = Date.parse('2026-10-23T08:17:00Z');
		const deadline = deadlineAfter(from, 7);
		expect(localParts(deadline)).toMatchObject({ date: '2026-10-30', time: '18:00' });
		expect(new Date(deadline).toISOString()).toBe('2026-10-30T17:00:00.000Z');
		// 28 days from Saturday 7 March 2026 (winter) is Saturday 4 April (summer), closing at 16:00
		const loan = deadlineAfter(Date.parse('2026-03-07T15:59:00Z'), 28);
		expect(new Date(loan).toISOString()).toBe('2026-04-04T14:00:00.000Z');
	});

	it('a copy put on the pickup shelf gets a deadline at closing time, not the minute it was put there', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const patron = await createUser();
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		await staff.pb.send('/api/library/checkin', { method: 'POST', body: { code: copies[0]!.barcode } });
		const ready = await system.collection('holds').getOne(hold.id);
		expect(ready.status).toBe('ready');
		const parts = localParts(Date.parse(String(ready.pickup_deadline).replace(' ', 'T')));
		expect(['16:00', '18:00', '21:00']).toContain(parts.time);
		const notes = await notificationsOf(patron.record.id);
		const readyNote = notes.find((n) => n.kind === 'hold_ready')!;
		expect(readyNote.body).toContain(`kl. ${parts.time}`);
		expect(readyNote.body).not.toMatch(ISO);
	});
});

describe('the audit log in words', () => {
	it('says who did what to which booking, with a link, filtered by person, area and period', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff, other] = await Promise.all([
			createUser(),
			createUser({ staff: true, name: 'Personale Pia' }),
			createUser({ staff: true, name: 'Personale Per' })
		]);
		const day = someDay();
		const booking = await book(owner, room.id, slot(day, '18:00', '19:00'));
		await staff.pb.collection('bookings').update(booking.id, { status: 'approved', reason: 'Velkommen' });
		const session = await signedIn(staff);
		// the house's date (the log's filter reads house dates), not UTC's: they differ in the hour after midnight
		const today = houseDate(0);
		const html = await (
			await session.get(`/personale/log?person=${staff.record.id}&omraade=lokaler&fra=${today}&til=${today}`)
		).text();
		expect(html).toContain('Personale Pia');
		expect(html).toContain('godkendte');
		expect(html).toContain(`${room.name}, `);
		expect(html).toContain(`href="/personale/bookinger?dag=${houseDate(day)}"`);
		expect(html).toContain('Begrundelse: Velkommen');
		// another person, another area, another period: not there
		for (const query of [`person=${other.record.id}`, 'omraade=bibliotek', `fra=2020-01-01&til=2020-01-02`]) {
			const filtered = await (await session.get(`/personale/log?${query}`)).text();
			expect(filtered, query).not.toContain(`href="/personale/bookinger?dag=${houseDate(day)}"`);
		}
		// an area no page has, named like what every object has: the whole log, not an error
		for (const area of ['constructor', '__proto__', 'toString', 'ukendt']) {
			const response = await session.get(`/personale/log?omraade=${area}`);
			expect(response.status, area).toBe(200);
			expect(await response.text(), area).toContain(`href="/personale/bookinger?dag=${houseDate(day)}"`);
		}
	});
});

// An association's booking whose booker left the association, or may no longer book for it, is the
// association's business: staff's acts on it, a closure and the release reach its active admins, never the
// person who left (docs/rules.md, "Who is told of a booking").
describe('an association booking whose booker no longer books for it', () => {
	async function arrange() {
		const [booker, admin, second, member, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const association = await makeAssociation();
		const [bookerMembership] = await Promise.all([
			join(association.id, booker, 'booker'),
			join(association.id, admin, 'admin'),
			join(association.id, second, 'admin'),
			join(association.id, member, 'member')
		]);
		const [room, approvalRoom] = await Promise.all([
			makeRoom({ who_may_book: 'associations', cancel_hours: 0 }),
			makeRoom({ who_may_book: 'associations', requires_approval: true })
		]);
		const system = await systemClient();
		/** The booker leaves the association (rule 3: no longer its booker). */
		const leave = () => system.collection('memberships').update(bookerMembership.id, { status: 'left' });
		return {
			booker,
			admin,
			second,
			member,
			staff,
			association,
			room,
			approvalRoom,
			system,
			leave,
			bookerMembership
		};
	}
	const kinds = async (user: TestUser, prefix = 'booking_') =>
		(await notificationsOf(user.record.id)).filter(
			(n) => n.kind.startsWith(prefix) && !n.kind.endsWith('_received')
		);

	it("staff's rejection and cancellation reach the admins, not the one who left", async () => {
		const w = await arrange();
		await mailable(w.admin);
		const day = someDay();
		const [request, booking] = await Promise.all([
			book(w.booker, w.approvalRoom.id, { association: w.association.id, ...slot(day, '08:00', '09:00') }),
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day, '10:00', '11:00') })
		]);
		await w.leave();
		await w.staff.pb
			.collection('bookings')
			.update(request.id, { status: 'rejected', reason: 'Lokalet er optaget af huset' });
		// nor may staff move it or change its number while nobody books it (rule 3, checked as at a booking)
		for (const change of [slot(day, '12:00', '13:00'), { attendees: 7 }]) {
			expect((await outcome(w.staff.pb.collection('bookings').update(booking.id, change))).status).toBe(400);
		}
		await w.staff.pb
			.collection('bookings')
			.update(booking.id, { status: 'cancelled', cancel_reason: 'Vandskade' });
		// the person who left hears nothing more of the association's time, nor does a plain member
		expect(await kinds(w.booker)).toEqual([]);
		expect(await kinds(w.member)).toEqual([]);
		for (const admin of [w.admin, w.second]) {
			const told = await kinds(admin);
			expect(told.map((n) => n.kind)).toEqual(['booking_rejected', 'booking_cancelled']);
			for (const n of told) {
				expect(n.title).toContain(`for ${w.association.name}`);
				expect(n.body).toContain(`Du får beskeden som administrator i ${w.association.name}`);
				expect(n.texts.en.body).toContain(`You get this message as an admin of ${w.association.name}`);
				expect(n.body).not.toMatch(ISO);
				expect(n.link).toBe('/bookinger');
			}
			expect(told[0]!.body).toContain('Lokalet er optaget af huset');
			expect(told[1]!.body).toContain('Vandskade');
		}
		await waitForMail(mailDir(), w.admin.email, /er aflyst/);
	});

	it("staff's check-out and the release of a no-show reach the admins, not the one who left", async () => {
		const w = await arrange();
		const room = await checkinRoom({ who_may_book: 'associations' });
		const [used, missed] = await Promise.all([
			bookingAt(w.booker, room.id, -5, 60, { association: w.association.id }),
			bookingAt(w.booker, room.id, -120, 60, { association: w.association.id })
		]);
		await checkInBooking(w.booker.pb, used.id);
		await w.leave();
		await checkOutBooking(w.staff.pb, used.id);
		await releaseDue(room.id);
		expect(await kinds(w.booker)).toEqual([]);
		for (const admin of [w.admin, w.second]) {
			const told = await kinds(admin);
			expect(told.map((n) => n.kind)).toEqual(['booking_ended', 'booking_no_show']);
			expect(told[0]!.title).toBe(`En booking for ${w.association.name} er tjekket ud`);
			expect(told[0]!.body).toContain(`Personalet har tjekket bookingen i ${room.name} ud`);
			expect(told[1]!.title).toBe(`En booking for ${w.association.name} er frigivet`);
			expect(told[1]!.texts.en.title).toBe(`A booking for ${w.association.name} was released`);
		}
		expect((await w.system.collection('bookings').getOne(missed.id)).status).toBe('no_show');
	});

	it('check-in switched on and a period one admin cancels reach the other admins, not the one who left', async () => {
		const w = await arrange();
		const day = someDay();
		const [a, b] = await Promise.all([
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day, '10:00', '11:00') }),
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day + 1, '10:00', '11:00') })
		]);
		await w.leave();
		await w.staff.pb.collection('rooms').update(w.room.id, { checkin_required: true });
		for (const admin of [w.admin, w.second]) {
			const told = await kinds(admin, 'room_checkin_required');
			expect(told).toHaveLength(1);
			expect(told[0]!.body).toContain(`${w.association.name} har 2 bookinger der`);
			expect(told[0]!.body).toContain('Du får beskeden som administrator');
		}
		await w.admin.pb.send('/api/borgerhus/bookings/cancel-period', {
			method: 'POST',
			body: { from: houseDate(day), to: houseDate(day + 1), scope: w.association.id, preview: false }
		});
		expect((await w.system.collection('bookings').getOne(a.id)).status).toBe('cancelled');
		expect((await w.system.collection('bookings').getOne(b.id)).status).toBe('cancelled');
		const second = await kinds(w.second, 'bookings_period_cancelled');
		expect(second).toHaveLength(1);
		expect(second[0]!.body).toContain('2 af foreningens bookinger fra ');
		expect(second[0]!.body).toContain(`aflyst af en administrator i ${w.association.name}`);
		// the admin who cancelled hears only their own receipt, the former booker nothing
		expect((await kinds(w.admin, 'bookings_period_cancelled')).map((n) => n.title)).toEqual([
			'Bookinger aflyst'
		]);
		expect(await kinds(w.booker, '')).toEqual([]);
	});

	it("staff giving the booking to the association's admin tell the admin, not the one who left", async () => {
		const w = await arrange();
		const booking = await book(w.booker, w.room.id, {
			association: w.association.id,
			...slot(someDay(), '10:00', '11:00')
		});
		await w.leave();
		await w.staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: w.admin.record.id, reason: 'Bookeren er stoppet' }
		});
		expect(await kinds(w.booker)).toEqual([]);
		expect((await kinds(w.admin)).map((n) => n.kind)).toEqual(['booking_reassigned']);
		// the other admin, who was told of it for the association, hears who has it now
		const told = await kinds(w.second);
		expect(told.map((n) => n.kind)).toEqual(['booking_reassigned']);
		expect(told[0]!.title).toContain(`for ${w.association.name}`);
	});

	it("staff giving the booking to another of the association's bookers tell its admins who has it now", async () => {
		const w = await arrange();
		const booking = await book(w.booker, w.room.id, {
			association: w.association.id,
			...slot(someDay(), '10:00', '11:00')
		});
		await w.leave();
		const newBooker = await createUser({ name: 'Ulla Nybooker' });
		await join(w.association.id, newBooker, 'booker');
		await w.staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: newBooker.record.id, reason: 'Bookeren er stoppet' }
		});
		expect((await kinds(newBooker)).map((n) => n.kind)).toEqual(['booking_reassigned']);
		// the person who left hears nothing more of it, nor does a plain member; each admin once
		expect(await kinds(w.booker)).toEqual([]);
		expect(await kinds(w.member)).toEqual([]);
		for (const admin of [w.admin, w.second]) {
			const told = await kinds(admin);
			expect(told.map((n) => n.kind)).toEqual(['booking_reassigned']);
			expect(told[0]!.title).toBe(
				`En booking for ${w.association.name} har fået en ny booker: ${w.room.name}`
			);
			expect(told[0]!.body).toContain('står stadig i foreningens navn');
			expect(told[0]!.body).toContain('Personalet har givet den til Ulla Nybooker');
			expect(told[0]!.body).toContain('Begrundelse: Bookeren er stoppet');
			expect(told[0]!.body).toContain(`Du får beskeden som administrator i ${w.association.name}`);
			expect(told[0]!.texts.en.title).toBe(
				`A booking for ${w.association.name} has a new booker: ${w.room.name}`
			);
			expect(told[0]!.body).not.toMatch(ISO);
		}
		// from now on its messages go to the new booker, not to the admins
		await w.staff.pb
			.collection('bookings')
			.update(booking.id, { status: 'cancelled', cancel_reason: 'Vandskade' });
		expect((await kinds(newBooker)).map((n) => n.kind)).toEqual(['booking_reassigned', 'booking_cancelled']);
		expect((await kinds(w.admin)).map((n) => n.kind)).toEqual(['booking_reassigned']);
	});

	it('staff moving the booking to another association tell its admins it moved away when its booker had left', async () => {
		const w = await arrange();
		const booking = await book(w.booker, w.room.id, {
			association: w.association.id,
			...slot(someDay(), '10:00', '11:00')
		});
		await w.leave();
		const [other, newBooker] = await Promise.all([makeAssociation(), createUser()]);
		await join(other.id, newBooker, 'booker');
		const moved = await w.staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: newBooker.record.id, association: other.id, reason: 'Foreningen har opgivet tiden' }
		});
		expect(moved.association).toBe(other.id);
		// the person who left hears nothing more of it, nor does a plain member; each admin once
		expect(await kinds(w.booker)).toEqual([]);
		expect(await kinds(w.member)).toEqual([]);
		for (const admin of [w.admin, w.second]) {
			const told = await kinds(admin);
			expect(told.map((n) => n.kind)).toEqual(['booking_reassigned']);
			expect(told[0]!.title).toContain(`for ${w.association.name}`);
			expect(told[0]!.body).toContain('Begrundelse: Foreningen har opgivet tiden');
			expect(told[0]!.body).toContain(`Du får beskeden som administrator i ${w.association.name}`);
			expect(told[0]!.texts.en.body).toContain(`You get this message as an admin of ${w.association.name}`);
			// who has it now is not theirs to know
			expect(told[0]!.body).not.toContain(other.name);
		}
		expect((await kinds(newBooker)).map((n) => n.kind)).toEqual(['booking_reassigned']);
	});

	it('staff deciding while the booker leaves tell exactly one side: the booker or the admins', async () => {
		const w = await arrange();
		const day = someDay();
		const bookings = await Promise.all(
			['09:00', '12:00', '15:00'].map((from, i) =>
				book(w.booker, w.approvalRoom.id, {
					association: w.association.id,
					...slot(day, from, ['10:00', '13:00', '16:00'][i]!)
				})
			)
		);
		await Promise.all([
			w.leave(),
			...bookings.map((b) =>
				w.staff.pb.collection('bookings').update(b.id, { status: 'rejected', reason: 'Optaget' })
			)
		]);
		const toBooker = (await kinds(w.booker)).filter((n) => n.kind === 'booking_rejected');
		const toAdmin = (await kinds(w.admin)).filter((n) => n.kind === 'booking_rejected');
		// each decision was told once, to whoever acted for the association when it committed: the booker
		// before they left, its admins after
		expect(toBooker.length + toAdmin.length).toBe(3);
		const left = (await w.system.collection('memberships').getOne(w.bookerMembership.id)).updated;
		for (const n of toBooker) expect(n.created <= left).toBe(true);
		for (const n of toAdmin) expect(n.created >= left).toBe(true);
		for (const n of toAdmin) expect(n.title).toContain(w.association.name);
		for (const n of toBooker) expect(n.title).toBe('Din booking er afvist');
	});

	it('an admin who booked is told once, as the booker; an association with no active admin tells nobody', async () => {
		const w = await arrange();
		const day = someDay();
		const own = await book(w.admin, w.room.id, {
			association: w.association.id,
			...slot(day, '10:00', '11:00')
		});
		await w.staff.pb
			.collection('bookings')
			.update(own.id, { status: 'cancelled', cancel_reason: 'Vandskade' });
		const told = await kinds(w.admin);
		expect(told.map((n) => n.title)).toEqual(['Din booking er aflyst']);
		expect(await kinds(w.second)).toEqual([]);

		// the booker left and the association has no admin left: nobody is told, the former booker neither
		const lapsed = await book(w.booker, w.room.id, {
			association: w.association.id,
			...slot(day, '14:00', '15:00')
		});
		await w.leave();
		const admins = await w.system.collection('memberships').getFullList({
			filter: w.system.filter('association = {:a} && role = "admin"', { a: w.association.id })
		});
		for (const m of admins) await w.system.collection('memberships').update(m.id, { status: 'left' });
		await w.staff.pb
			.collection('bookings')
			.update(lapsed.id, { status: 'cancelled', cancel_reason: 'Vandskade' });
		expect(await kinds(w.booker)).toEqual([]);
		expect((await kinds(w.admin)).length).toBe(1);
		expect(await kinds(w.second)).toEqual([]);
	});

	it('a closure and a season decision reach the admins, once each, with the association named', async () => {
		const w = await arrange();
		const day = someDay();
		const [a, b] = await Promise.all([
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day, '10:00', '11:00') }),
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day, '14:00', '15:00') })
		]);
		const series = await w.booker.pb.send<{ series: string }>('/api/borgerhus/series', {
			method: 'POST',
			body: {
				room: w.approvalRoom.id,
				association: w.association.id,
				purpose: 'Træning',
				attendees: 4,
				first_date: houseDate(day + 1),
				last_date: houseDate(day + 15),
				interval: 1,
				start_time: '18:00',
				end_time: '20:00'
			}
		});
		await w.leave();
		await w.staff.pb.collection('closures').create({
			room: w.room.id,
			start: houseTime(day, '00:00'),
			end: houseTime(day + 1, '00:00'),
			reason: 'Vandskade',
			cancel_bookings: [a.id, b.id]
		});
		await w.staff.pb.send(`/api/borgerhus/series/${series.series}/reject`, {
			method: 'POST',
			body: { reason: 'Optaget' }
		});
		expect(await kinds(w.booker)).toEqual([]);
		for (const admin of [w.admin, w.second]) {
			const told = await kinds(admin);
			expect(told.map((n) => n.kind)).toEqual(['booking_cancelled', 'booking_series_rejected']);
			expect(told[0]!.body).toContain(`2 bookinger for ${w.association.name}`);
			expect(told[0]!.body).toContain('Vandskade');
			expect(told[1]!.title).toBe(`En sæsonbooking for ${w.association.name} er afvist`);
		}
	});

	it('staff who are themselves an admin of it are not told of the closure they made, as of a cancellation', async () => {
		const w = await arrange();
		await join(w.association.id, w.staff, 'admin');
		const day = someDay();
		const [a, own] = await Promise.all([
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day, '10:00', '11:00') }),
			book(w.booker, w.room.id, { association: w.association.id, ...slot(day, '14:00', '15:00') })
		]);
		await w.leave();
		await w.staff.pb
			.collection('bookings')
			.update(own.id, { status: 'cancelled', cancel_reason: 'Vandskade' });
		await w.staff.pb.collection('closures').create({
			room: w.room.id,
			start: houseTime(day, '00:00'),
			end: houseTime(day + 1, '00:00'),
			reason: 'Vandskade',
			cancel_bookings: [a.id]
		});
		expect(await kinds(w.staff)).toEqual([]);
		expect((await kinds(w.admin)).map((n) => n.kind)).toEqual(['booking_cancelled', 'booking_cancelled']);
	});

	it('staff who are themselves an admin of it are not told of check-in they switched on', async () => {
		const w = await arrange();
		await join(w.association.id, w.staff, 'admin');
		await book(w.booker, w.room.id, { association: w.association.id, ...slot(someDay(), '10:00', '11:00') });
		await w.leave();
		await w.staff.pb.collection('rooms').update(w.room.id, { checkin_required: true });
		expect(await kinds(w.staff, 'room_')).toEqual([]);
		expect((await kinds(w.admin, 'room_checkin_required')).map((n) => n.kind)).toEqual([
			'room_checkin_required'
		]);
	});
});

describe('a new number of attendees', () => {
	it("staff's change tells the booker with the new number, once an hour; the booker's own change tells nobody", async () => {
		const room = await makeRoom({ cancel_hours: 0 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const booking = await book(owner, room.id, slot(someDay(), '10:00', '11:00'));
		const told = async () =>
			(await notificationsOf(owner.record.id)).filter((n) => n.kind === 'booking_attendees');
		await owner.pb.collection('bookings').update(booking.id, { attendees: 5 });
		expect(await told()).toEqual([]);
		await staff.pb.collection('bookings').update(booking.id, { attendees: 8 });
		const [first] = await told();
		expect(first?.title).toBe(`Nyt antal deltagere: ${room.name}`);
		expect(first?.body).toContain('Personalet har ændret antallet af deltagere i din booking');
		expect(first?.body).toContain('til 8. Før: 5.');
		expect(first?.texts.en.body).toContain('to 8. Before: 5.');
		expect(first?.body).not.toMatch(ISO);
		const system = await systemClient();
		await system.collection('notifications').update(first!.id, { read_at: new Date().toISOString() });
		// staff correcting it again within the hour rewrite the message, unread again: no second message
		await staff.pb.collection('bookings').update(booking.id, { attendees: 6 });
		const again = await told();
		expect(again).toHaveLength(1);
		expect(again[0]!.body).toContain('til 6. Før: 8.');
		expect(again[0]!.read_at).toBe('');
		// a move that changes the number says it with the new time, in one message
		await staff.pb
			.collection('bookings')
			.update(booking.id, { ...slot(someDay(), '12:00', '13:00'), attendees: 3 });
		const moved = (await notificationsOf(owner.record.id)).filter((n) => n.kind === 'booking_moved');
		expect(moved).toHaveLength(1);
		expect(moved[0]!.body).toContain('Antal deltagere: 3.');
		expect(await told()).toHaveLength(1);
	});
});
