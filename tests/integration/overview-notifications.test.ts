import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { startStack } from '../../src/cli/stack.mjs';
import { AppSession } from '../helpers/app';
import { readMails, waitForMail } from '../helpers/mail';
import { createUser, guestClient, PASSWORD, systemClient, type TestUser } from '../helpers/pocketbase';
import { outcome } from '../helpers/scenarios';
import { arrange, inHours } from './overview-arrange';
import { arrangeEvent } from './events-helpers';
import { arrangeTitle, checkIn, placeHold } from './library-helpers';
import { send, draftOut } from './season-arrange';
import { stack } from '../helpers/stack';

const RUN = '/api/borgerhus/overview/reminders/run';

async function runJob() {
	const { system } = await arrange();
	return system.send<{ booking: number; shift: number; pickup: number; loan: number }>(RUN, {
		method: 'POST'
	});
}

async function settings(user: TestUser, data: Record<string, unknown>) {
	const { system } = await arrange();
	await system.collection('users').update(user.record.id, data);
}

async function notificationsOf(userId: string) {
	const { system } = await arrange();
	return system.collection('notifications').getFullList({
		filter: system.filter('user = {:u}', { u: userId }),
		sort: 'created'
	});
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!ok(value) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
		value = await read();
	}
	return value;
}

describe('reminders: 24 hours before, sent once', () => {
	it('reminds of a booking, a shift, a pickup and a loan exactly once across repeated and simultaneous runs', async () => {
		const a = await arrange();
		const user = await createUser({ name: 'Påmindes' });
		await settings(user, { notify_reminders: true, notify_email: true });
		const room = await a.room();
		const booking = await a.booking({
			booker: user.record.id,
			room: room.id,
			start: inHours(3),
			end: inHours(5)
		});
		const later = await a.booking({
			booker: user.record.id,
			room: room.id,
			start: inHours(30),
			end: inHours(31)
		});
		const pending = await a.booking({
			booker: user.record.id,
			room: room.id,
			start: inHours(6),
			end: inHours(7),
			status: 'pending'
		});
		const event = await a.event();
		const shift = await a.shift({ event: event.id, start: inHours(10), end: inHours(12) });
		const signup = await a.signup({ shift: shift.id, user: user.record.id });
		const title = await a.title();
		const hold = await a.hold({
			patron: user.record.id,
			title: title.id,
			status: 'ready',
			pickup_shelf: 'H-3',
			pickup_deadline: inHours(20)
		});
		const loanTitle = await a.title();
		const loan = await a.loan({ patron: user.record.id, title: loanTitle.id, due: inHours(40) });

		await runJob();
		// twice more at the same moment, then once again: nothing new
		await Promise.all([runJob(), runJob()]);
		const again = await runJob();
		expect(again).toEqual({ booking: 0, shift: 0, pickup: 0, loan: 0 });

		// (other areas may tell the user other things, e.g. that the hold is ready: only reminders count)
		const mine = (await notificationsOf(user.record.id)).filter((n) => n.kind.startsWith('reminder_'));
		const keys = mine.map((n) => n.dedupe_key);
		const count = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).length;
		expect(count(`reminder:booking:${booking.id}:`)).toBe(1);
		expect(count(`reminder:booking:${later.id}:`)).toBe(0);
		expect(count(`reminder:booking:${pending.id}:`)).toBe(0);
		expect(count(`reminder:shift:${signup.id}:`)).toBe(1);
		expect(count(`reminder:pickup:${hold.id}`)).toBe(1);
		expect(count(`reminder:loan:${loan.id}:`)).toBe(1);
		expect(mine).toHaveLength(4);
		const bookingReminder = mine.find((n) => n.kind === 'reminder_booking');
		expect(bookingReminder?.title).toContain(room.name);
		expect(bookingReminder?.title).toMatch(/^Påmindelse/);
		expect(mine.find((n) => n.kind === 'reminder_pickup')?.body).toContain('hylde H-3');
	});

	it('does not remind of a booking cancelled while the run is under way', async () => {
		const a = await arrange();
		const user = await createUser({ name: 'Aflyser' });
		// mailed reminders: each takes a moment, so the run lasts while the booking is cancelled
		await settings(user, { notify_reminders: true, notify_email: true });
		const room = await a.room();
		const bookings = [];
		for (let i = 0; i < 10; i++) {
			bookings.push(
				await a.booking({
					booker: user.record.id,
					room: room.id,
					start: inHours(3 + i),
					end: inHours(3.5 + i)
				})
			);
		}
		const last = bookings[bookings.length - 1]!;
		const run = runJob();
		await new Promise((resolve) => setTimeout(resolve, 250));
		await a.system.collection('bookings').update(last.id, { status: 'cancelled', cancel_reason: 'Aflyst' });
		await run;
		const keys = (await notificationsOf(user.record.id)).map((n) => n.dedupe_key);
		expect(keys.filter((k) => k.startsWith(`reminder:booking:${last.id}:`))).toEqual([]);
		// the others were reminded once each
		for (const b of bookings.slice(0, -1)) {
			expect(keys.filter((k) => k.startsWith(`reminder:booking:${b.id}:`))).toHaveLength(1);
		}
	});

	it("reminds of an association's booking its booker while they may book for it, else its admins", async () => {
		const a = await arrange();
		const [stays, left, quiet] = await Promise.all([
			createUser({ name: 'Bliver' }),
			createUser({ name: 'Gået' }),
			createUser({ name: 'Stille' })
		]);
		await settings(stays, { notify_reminders: true, notify_email: false });
		await settings(left, { notify_reminders: true, notify_email: false });
		// an admin who turned reminders off gets none, as for their own bookings
		await settings(quiet, { notify_reminders: false, notify_email: false });
		const room = await a.room();
		const association = await a.association([stays.record.id, left.record.id, quiet.record.id]);
		const theirs = await a.booking({
			booker: stays.record.id,
			association: association.id,
			room: room.id,
			start: inHours(3),
			end: inHours(4)
		});
		const leftBehind = await a.booking({
			booker: left.record.id,
			association: association.id,
			room: room.id,
			start: inHours(5),
			end: inHours(6)
		});
		const membership = await a.system
			.collection('memberships')
			.getFirstListItem(
				a.system.filter('association = {:a} && user = {:u}', { a: association.id, u: left.record.id })
			);
		await a.system.collection('memberships').update(membership.id, { status: 'left' });
		await Promise.all([runJob(), runJob()]);
		await runJob();
		const reminders = async (userId: string) =>
			(await notificationsOf(userId)).filter((n) => n.kind === 'reminder_booking');
		const mine = await reminders(stays.record.id);
		// its own booking as its booker, the one whose booker left as the association's admin, once each
		expect(mine).toHaveLength(2);
		expect(mine.map((n) => n.dedupe_key)).toEqual(
			expect.arrayContaining([
				expect.stringContaining(`reminder:booking:${theirs.id}:`),
				expect.stringContaining(`reminder:booking:${leftBehind.id}:`)
			])
		);
		const asAdmin = mine.find((n) => n.dedupe_key.includes(leftBehind.id));
		expect(asAdmin?.title).toContain(association.name);
		expect(asAdmin?.body).toMatch(/administrator|admin/);
		expect(mine.find((n) => n.dedupe_key.includes(theirs.id))?.body).not.toMatch(/administrator|admin/);
		expect(await reminders(left.record.id)).toEqual([]);
		expect(await reminders(quiet.record.id)).toEqual([]);
	});

	it('reminds the new booker of a booking staff gave them after its reminder went out, once', async () => {
		const a = await arrange();
		const [first, second] = await Promise.all([
			createUser({ name: 'Først' }),
			createUser({ name: 'Overtager' })
		]);
		await settings(first, { notify_reminders: true, notify_email: false });
		await settings(second, { notify_reminders: true, notify_email: false });
		const staff = await createUser({ staff: true });
		const room = await a.room();
		const booking = await a.booking({
			booker: first.record.id,
			room: room.id,
			start: inHours(5),
			end: inHours(6)
		});
		await runJob();
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: second.record.id, reason: 'Syg' }
		});
		await runJob();
		await runJob();
		const reminders = async (userId: string) =>
			(await notificationsOf(userId)).filter((n) => n.kind === 'reminder_booking');
		expect(await reminders(first.record.id)).toHaveLength(1);
		expect(await reminders(second.record.id)).toHaveLength(1);
	});

	it('says a pickup not collected goes to the next in line only when someone waits for the title', async () => {
		const a = await arrange();
		const [alone, first, next, english] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser()
		]);
		for (const user of [alone, first, english]) await settings(user, { notify_reminders: true });
		await settings(english, { language: 'en' });
		const ready = (patron: TestUser, title: string) =>
			a.hold({
				patron: patron.record.id,
				title,
				status: 'ready',
				pickup_shelf: 'R07',
				pickup_deadline: inHours(20)
			});
		const lone = await a.title();
		await ready(alone, lone.id);
		const wanted = await a.title();
		await ready(first, wanted.id);
		await a.hold({ patron: next.record.id, title: wanted.id });
		const unwanted = await a.title();
		await ready(english, unwanted.id);
		await runJob();
		const reminder = async (user: TestUser) => {
			const notes = await notificationsOf(user.record.id);
			return notes.find((n) => n.kind === 'reminder_pickup')?.body ?? '';
		};
		// nobody waits: the hold runs out, and the copy goes back to the shelf
		expect(await reminder(alone)).toMatch(/, ellers udløber din reservation\.$/);
		expect(await reminder(first)).toMatch(/, ellers går den videre til den næste i køen\.$/);
		expect(await reminder(english)).toMatch(/, or your hold expires\.$/);
	});

	it('reminds an English reader of a shift on its day', async () => {
		const a = await arrange();
		const user = await createUser();
		await settings(user, { notify_reminders: true, language: 'en' });
		const event = await a.event();
		const shift = await a.shift({ event: event.id, start: inHours(10), end: inHours(12) });
		await a.signup({ shift: shift.id, user: user.record.id });
		await runJob();
		const note = (await notificationsOf(user.record.id)).find((n) => n.kind === 'reminder_shift');
		expect(note?.title).toMatch(/^Reminder: your shift on \w+day \d+ \w+, \d\d:\d\d$/);
		expect(note?.body).toMatch(
			new RegExp(
				`^You have a shift as ${shift.task} at ${event.title} on \\w+day \\d+ \\w+, \\d\\d:\\d\\d\\.`
			)
		);
	});

	it('respects notify_reminders = false', async () => {
		const a = await arrange();
		const user = await createUser();
		await settings(user, { notify_reminders: false, notify_email: true });
		const room = await a.room();
		await a.booking({ booker: user.record.id, room: room.id, start: inHours(2), end: inHours(3) });
		await runJob();
		expect((await notificationsOf(user.record.id)).filter((n) => n.kind.startsWith('reminder_'))).toEqual([]);
	});

	it('reminds of every due loan, more than the job reads at a time (200), once each', async () => {
		const a = await arrange();
		const user = await createUser({ name: 'Låner mange' });
		await settings(user, { notify_reminders: true, notify_email: false });
		const title = await a.title();
		const loans: { id: string }[] = [];
		for (let i = 0; i < 210; i += 15) {
			const batch = Array.from({ length: Math.min(15, 210 - i) }, () =>
				a.loan({ patron: user.record.id, title: title.id, due: inHours(30) })
			);
			loans.push(...(await Promise.all(batch)));
		}
		await runJob();
		await runJob();
		const keys = (await notificationsOf(user.record.id)).map((n) => n.dedupe_key);
		const counts = loans.map((l) => keys.filter((k) => k.startsWith(`reminder:loan:${l.id}:`)).length);
		expect(counts.filter((c) => c !== 1)).toEqual([]);
		expect(keys.filter((k) => k.startsWith('reminder:loan:'))).toHaveLength(210);
	});

	it('is for the system account only', async () => {
		const citizen = await createUser();
		const staff = await createUser({ staff: true });
		await expect(guestClient().send(RUN, { method: 'POST' })).rejects.toMatchObject({ status: 401 });
		await expect(citizen.pb.send(RUN, { method: 'POST' })).rejects.toMatchObject({ status: 403 });
		await expect(staff.pb.send(RUN, { method: 'POST' })).rejects.toMatchObject({ status: 403 });
	});
});

describe('notify(): in-app and by email, as the user chose', () => {
	it('mails in the user’s language', async () => {
		const a = await arrange();
		const english = await createUser({ name: 'English Reader' });
		await settings(english, { language: 'en', notify_reminders: true, notify_email: true });
		const room = await a.room();
		await a.booking({ booker: english.record.id, room: room.id, start: inHours(4), end: inHours(5) });
		await runJob();
		const mail = await waitForMail(stack().mailDir, english.email, /Reminder/);
		expect(mail.subject.startsWith(`Reminder: ${room.name} `)).toBe(true);
		expect(mail.text).toContain(`You have booked ${room.name}`);
		expect(mail.text).toContain('Kind regards');
		expect(mail.text).not.toContain('Påmindelse');
	});

	it('keeps a long subject within what a mail header may be, shortened with an ellipsis', async () => {
		const { system } = await arrange();
		const user = await createUser({ name: 'Lang Emne' });
		await settings(user, { notify_email: true });
		// 200 characters, as long as a title may be, none of them ASCII: each is several bytes once encoded
		const title = 'æøå'.repeat(67).slice(0, 200);
		const note = await system
			.collection('notifications')
			.create({ user: user.record.id, kind: 'test', title, body: 'Hej' });
		const mail = await waitForMail(stack().mailDir, user.email, /^æøå/);
		// no line of a header may pass 998 characters (RFC 5322)
		const lines = mail.subject_header.split(/\r?\n/);
		expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998);
		expect(mail.subject.endsWith('…')).toBe(true);
		expect(title.startsWith(mail.subject.slice(0, -1))).toBe(true);
		// the message in the inbox keeps its whole title, and the mail's text says it whole
		expect((await system.collection('notifications').getOne(note.id)).title).toBe(title);
		expect(mail.subject.length).toBeLessThan(title.length);
	});

	it('sends no mail when notify_email is off, but keeps the in-app message', async () => {
		const a = await arrange();
		const quiet = await createUser();
		await settings(quiet, { notify_reminders: true, notify_email: false });
		const room = await a.room();
		await a.booking({ booker: quiet.record.id, room: room.id, start: inHours(4), end: inHours(5) });
		await runJob();
		const [note] = await until(
			() => notificationsOf(quiet.record.id),
			(list) => list.length === 1 && list[0]?.emailed_at !== ''
		);
		expect(note?.emailed_at).not.toBe('');
		await new Promise((r) => setTimeout(r, 300));
		expect(readMails(stack().mailDir).filter((m) => m.to.includes(quiet.email.toLowerCase()))).toEqual([]);
	});
});

describe('inbox', () => {
	it('lists the user’s messages, marks one read, and lets nobody else read or change them', async () => {
		const { system } = await arrange();
		const owner = await createUser();
		const other = await createUser();
		const note = await system
			.collection('notifications')
			.create({ user: owner.record.id, kind: 'test', title: 'Din booking er godkendt', body: 'Vel mødt' });
		await system
			.collection('notifications')
			.create({ user: owner.record.id, kind: 'test', title: 'Anden besked', body: 'Hej' });

		const unread = (pb: typeof owner.pb) =>
			pb.send<{ count: number }>('/api/borgerhus/overview/unread', {}).then((r) => r.count);
		expect(await unread(owner.pb)).toBe(2);
		expect(await unread(other.pb)).toBe(0);

		const session = new AppSession();
		await session.signIn(owner.email, PASSWORD);
		const page = await (await session.get('/indbakke')).text();
		expect(page).toContain('Din booking er godkendt');
		expect(page).toContain('Ulæst');
		// the badge in the navigation
		expect(page).toContain('2 ulæste beskeder');

		const otherSession = new AppSession();
		await otherSession.signIn(other.email, PASSWORD);
		expect(await (await otherSession.get('/indbakke')).text()).not.toContain('Din booking er godkendt');
		expect((await otherSession.post('/indbakke?/read', { id: note.id })).status).toBe(404);
		await expect(other.pb.collection('notifications').getOne(note.id)).rejects.toMatchObject({ status: 404 });
		// the owner may change read_at only
		await expect(
			owner.pb.collection('notifications').update(note.id, { title: 'Ændret' })
		).rejects.toMatchObject({ status: 400, response: { data: { title: { code: 'core_field_locked' } } } });

		// read when the house is told so, whatever date is sent; a later date does not move it
		const before = Date.now();
		await owner.pb.collection('notifications').update(note.id, { read_at: '2001-01-01 00:00:00.000Z' });
		const readAt = (await system.collection('notifications').getOne(note.id)).read_at;
		expect(Date.parse(readAt.replace(' ', 'T'))).toBeGreaterThanOrEqual(before - 2_000);
		await owner.pb.collection('notifications').update(note.id, { read_at: '2099-01-01 00:00:00.000Z' });
		expect((await system.collection('notifications').getOne(note.id)).read_at).toBe(readAt);
		// and unread again when the owner says so
		await owner.pb.collection('notifications').update(note.id, { read_at: '' });
		expect((await system.collection('notifications').getOne(note.id)).read_at).toBe('');

		expect((await session.post('/indbakke?/read', { id: note.id })).status).toBe(200);
		expect((await system.collection('notifications').getOne(note.id)).read_at).not.toBe('');
		expect(await unread(owner.pb)).toBe(1);
		expect((await session.post('/indbakke?/readAll', {})).status).toBe(200);
		const left = await owner.pb.collection('notifications').getList(1, 10, { filter: 'read_at = ""' });
		expect(left.totalItems).toBe(0);
	});
});

describe('a message in both languages', () => {
	it('is read in the language the person reads now, and the owner cannot change either', async () => {
		const a = await arrange();
		const reader = await createUser();
		await settings(reader, { language: 'da', notify_reminders: true, notify_email: false });
		const room = await a.room();
		await a.booking({ booker: reader.record.id, room: room.id, start: inHours(4), end: inHours(5) });
		await runJob();
		const [note] = await until(
			() => notificationsOf(reader.record.id),
			(list) => list.length === 1
		);
		expect(note?.title).toMatch(/^Påmindelse: /);
		expect(note?.texts?.en?.title).toMatch(/^Reminder: /);
		// its time written in each language too, never the Danish one in the English text
		expect(note?.title).toMatch(/ kl\. \d\d:\d\d$/);
		expect(note?.texts?.en?.title).not.toMatch(/ kl\. /);
		expect(note?.texts?.en?.body).not.toMatch(/ kl\. /);

		// the person switches to English: the inbox shows the message in English
		await settings(reader, { language: 'en' });
		const session = new AppSession();
		await session.signIn(reader.email, PASSWORD);
		await session.post('/sprog', { language: 'en', redirectTo: '/indbakke' });
		const english = await (await session.get('/indbakke')).text();
		expect(english).toContain(`Reminder: ${room.name}`);
		expect(english).not.toContain('Påmindelse');
		await session.post('/sprog', { language: 'da', redirectTo: '/indbakke' });
		expect(await (await session.get('/indbakke')).text()).toContain(`Påmindelse: ${room.name}`);

		await expect(
			reader.pb.collection('notifications').update(note!.id, { texts: { da: { title: 'x', body: 'y' } } })
		).rejects.toMatchObject({ status: 400, response: { data: { texts: { code: 'core_field_locked' } } } });
	});
});

describe('a long inbox', () => {
	it('shows every message, fifty to a page, newest first, and offers "mark all read" from any page', async () => {
		const { system } = await arrange();
		const owner = await createUser();
		const notes = system.collection('notifications');
		// 60 messages, message 1 the oldest; the last ten read, so page 2 holds only unread ones
		for (let i = 1; i <= 60; i++) {
			await notes.create({
				user: owner.record.id,
				kind: 'test',
				title: `Besked nr. ${i}.`,
				body: 'Hej',
				read_at: i > 50 ? new Date() : ''
			});
		}
		const session = new AppSession();
		await session.signIn(owner.email, PASSWORD);
		const first = await (await session.get('/indbakke')).text();
		expect(first).toContain('Besked nr. 60.');
		expect(first).toContain('Besked nr. 11.');
		expect(first).not.toContain('Besked nr. 10.');
		expect(first).toContain('Side 1 af 2');
		expect(first).toContain('href="/indbakke?side=2"');
		// all fifty unread ones count, though the first page shows forty
		expect(first).toContain('Markér alle som læst');
		const second = await (await session.get('/indbakke?side=2')).text();
		expect(second).toContain('Besked nr. 10.');
		expect(second).toContain('Besked nr. 1.');
		expect(second).not.toContain('Besked nr. 11.');
		expect(second).toContain('Forrige side');
		expect(second).not.toContain('Næste side');
		expect(await (await session.get('/indbakke?side=9')).text()).toContain('Til de nyeste beskeder');
		// the app's own addresses in a message are links; one that would leave the app through its path is not
		// made one ("//elsewhere" after the app's origin)
		const origin = new URL(session.base).origin;
		await notes.create({
			user: owner.record.id,
			kind: 'test',
			title: 'Adresser',
			body: `Kalender: ${origin}/kalender/x.ics og ${origin}//evil.example/log-ind og https://example.org/a`
		});
		const linked = await (await session.get('/indbakke')).text();
		expect(linked).toContain(`href="${origin}/kalender/x.ics"`);
		expect(linked).not.toMatch(/href="\/\/evil/);
		expect(linked).not.toContain('href="https://example.org/a"');
		expect((await session.post('/indbakke?side=2&/readAll', {})).status).toBe(200);
		expect(
			(
				await notes.getList(1, 1, {
					filter: system.filter('user = {:u} && read_at = ""', { u: owner.record.id })
				})
			).totalItems
		).toBe(0);
	});
});

describe('mail the mail server refuses', () => {
	// the test mail server refuses every address at this domain as a mailbox that does not exist
	const refusedAddress = () =>
		`afvist-${Date.now() % 1_000_000}-${Math.random().toString(36).slice(2, 6)}@afvist.test.borgerhus.dk`;
	const MAX_TRIES = 12;

	it('leaves a message read that the user read while its mail was being tried', async () => {
		const { system } = await arrange();
		const user = await createUser({ name: 'Læser Imens' });
		const address = refusedAddress();
		await settings(user, { notify_email: true, email: address });
		const owner = guestClient();
		await owner.collection('users').authWithPassword(address, PASSWORD);
		const notes = system.collection('notifications');
		const rows = [];
		for (let i = 0; i < 40; i++) {
			rows.push(
				await notes.create({ user: user.record.id, kind: 'test', title: `Besked ${i}`, body: 'Hej' })
			);
		}
		const all = () => notes.getFullList({ filter: system.filter('user = {:u}', { u: user.record.id }) });
		await until(all, (list) => list.every((r) => r.mail_tries === 1), 20_000);
		const past = new Date(Date.now() - 1000).toISOString();
		await Promise.all(rows.map((r) => notes.update(r.id, { mail_after: past })));
		// the safety net tries them all again while the user reads them all
		await Promise.all([
			system.crons.run('notifications-mail'),
			...rows.map((r) =>
				owner.collection('notifications').update(r.id, { read_at: new Date().toISOString() })
			)
		]);
		const tried = await until(all, (list) => list.every((r) => r.mail_tries === 2), 20_000);
		expect(tried.every((r) => r.mail_tries === 2)).toBe(true);
		expect(tried.filter((r) => r.read_at === '').map((r) => r.title)).toEqual([]);
	});

	it("keeps the mailer's bookkeeping written while the owner marks the message read", async () => {
		const { system } = await arrange();
		const user = await createUser({ name: 'Læser Samtidig' });
		const notes = system.collection('notifications');
		const rows = [];
		for (let i = 0; i < 60; i++) {
			rows.push(
				await notes.create({ user: user.record.id, kind: 'test', title: `Besked ${i}`, body: 'Hej' })
			);
		}
		const after = new Date(Date.now() + 3_600_000).toISOString();
		// the mailer's failed try (as the system writes it) and the owner's "read" reach each row at once
		await Promise.all(
			rows.flatMap((r) => [
				notes.update(r.id, { mail_tries: 3, mail_after: after }),
				user.pb.collection('notifications').update(r.id, { read_at: new Date().toISOString() })
			])
		);
		const stored = await notes.getFullList({ filter: system.filter('user = {:u}', { u: user.record.id }) });
		expect(stored.filter((r) => r.mail_tries !== 3).map((r) => r.title)).toEqual([]);
		expect(stored.filter((r) => r.read_at === '').map((r) => r.title)).toEqual([]);
	});

	it('is tried again after a growing wait, given up after its last try, and holds no later message back', async () => {
		const { system } = await arrange();
		const user = await createUser({ name: 'Afvist Adresse' });
		await settings(user, { notify_email: true, email: refusedAddress() });
		const notes = system.collection('notifications');
		const note = (title: string) => notes.create({ user: user.record.id, kind: 'test', title, body: 'Hej' });
		const read = (id: string) => notes.getOne(id);
		const triedOnce = async (id: string) => {
			const row = await until(
				() => read(id),
				(r) => r.mail_tries === 1
			);
			expect(row.mail_tries, 'the mail after the commit was tried and failed').toBe(1);
			return row;
		};
		const due = (id: string) => notes.update(id, { mail_after: new Date(Date.now() - 1000).toISOString() });
		/** Runs the safety net and waits until it has reached `sentinel`, the newest message it handles. */
		const runUntil = async (sentinel: string, tries: number) => {
			await system.crons.run('notifications-mail');
			const row = await until(
				() => read(sentinel),
				(r) => r.mail_tries === tries,
				10_000
			);
			expect(row.mail_tries).toBe(tries);
			return row;
		};

		const first = await triedOnce((await note('Første besked')).id);
		// the next try waits a minute: the mail after the commit and the safety net do not hammer the server
		const wait = Date.parse(first.mail_after.replace(' ', 'T')) - Date.now();
		expect(wait).toBeGreaterThan(20_000);
		expect(wait).toBeLessThan(70_000);
		expect(first.emailed_at).toBe('');

		const repeated = await triedOnce((await note('Gentaget besked')).id);
		for (let tries = 2; tries <= MAX_TRIES; tries++) {
			await due(repeated.id);
			const row = await runUntil(repeated.id, tries);
			if (tries < MAX_TRIES) {
				// each wait is twice the one before (1, 2, 4 ... minutes), at most six hours
				const waited = Date.parse(row.mail_after.replace(' ', 'T')) - Date.now();
				const minutes = Math.min(2 ** (tries - 1), 6 * 60);
				expect(waited, `after try ${tries}`).toBeGreaterThan(minutes * 60_000 - 30_000);
				expect(waited, `after try ${tries}`).toBeLessThan(minutes * 60_000 + 30_000);
			} else expect(row.mail_after).toBe('');
		}
		// the first message is older, so the safety net reached it before the newer one each time: not due, not tried
		expect((await read(first.id)).mail_tries).toBe(1);

		// given up: the last try's message is not tried again, even when the net runs past it
		const sentinel = await triedOnce((await note('Senere besked')).id);
		await due(repeated.id);
		await due(sentinel.id);
		await runUntil(sentinel.id, 2);
		expect((await read(repeated.id)).mail_tries).toBe(MAX_TRIES);
		expect((await read(repeated.id)).emailed_at).toBe('');

		// once the address takes mail, the next due try sends the message and stamps it
		const fixed = `rettet-${user.email}`;
		await settings(user, { email: fixed });
		await due(first.id);
		await system.crons.run('notifications-mail');
		const sent = await until(
			() => read(first.id),
			(r) => r.emailed_at !== '',
			10_000
		);
		expect(sent.emailed_at).not.toBe('');
		expect((await waitForMail(stack().mailDir, fixed, /^Første besked$/)).text).toContain('Hej');
		// the owner sees the message in the inbox, but not the mailer's bookkeeping, and cannot change it
		// (a new address signs the account out: sign in again with it)
		const owner = guestClient();
		await owner.collection('users').authWithPassword(fixed, PASSWORD);
		const own = await owner.collection('notifications').getOne(first.id);
		expect(own.title).toBe('Første besked');
		expect(own).not.toHaveProperty('mail_tries');
		expect(own).not.toHaveProperty('mail_after');
		for (const body of [{ mail_tries: 0 }, { mail_after: '' }]) {
			const answer = await owner
				.collection('notifications')
				.update(repeated.id, body)
				.then(
					() => 200,
					(err: { status: number }) => err.status
				);
			expect(answer, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
		}
		expect((await read(repeated.id)).mail_tries).toBe(MAX_TRIES);

		// the user's data export says which mails were refused, and how often
		const session = new AppSession();
		await session.signIn(fixed, PASSWORD);
		const exported = (await (await session.get('/mine-data/eksport.json')).json()) as {
			notifications: { title: string; emailed_at: string; mail_failed_tries: number }[];
		};
		const byTitle = Object.fromEntries(exported.notifications.map((n) => [n.title, n]));
		expect(byTitle['Første besked']).toMatchObject({ mail_failed_tries: 1 });
		expect(byTitle['Første besked']?.emailed_at).not.toBe('');
		expect(byTitle['Gentaget besked']).toMatchObject({ mail_failed_tries: MAX_TRIES, emailed_at: '' });
		expect(byTitle['Senere besked']).toMatchObject({ mail_failed_tries: 2 });
	});
});

describe('a message longer than the inbox keeps', () => {
	it('never stops the write that makes it: a long title is shortened, the page it links to says it whole', async () => {
		const system = await systemClient();
		const mine = async (userId: string, kind: string) =>
			(await notificationsOf(userId)).filter((n) => n.kind === kind);

		// an event's title may be 200 characters, and "Din billet: " comes before it
		const { event } = await arrangeEvent({ capacity: 5 });
		const eventTitle = `Koncert ${'og fællessang '.repeat(14)}i gården`.slice(0, 200);
		await system.collection('events').update(event.id, { title: eventTitle });
		const guest = await createUser();
		const ticket = await outcome(
			guest.pb.collection('registrations').create({ event: event.id, user: guest.record.id })
		);
		expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
		const [receipt] = await mine(guest.record.id, 'registration_received');
		expect(receipt?.title).toHaveLength(200);
		expect(receipt?.title).toMatch(/^Din billet: Koncert og fællessang .*…$/);
		expect(receipt?.texts?.en?.title).toHaveLength(200);

		// a library title may be 300 characters: the desk checks in a copy for a hold on it
		const staff = await createUser({ staff: true });
		const patron = await createUser();
		const bookTitle = `Fortællinger ${'fra det gamle Nørreby '.repeat(15)}`.trim().slice(0, 300);
		const { title, copies } = await arrangeTitle({ copies: 1, title: bookTitle });
		await placeHold(patron.pb, title.id, patron.record.id);
		const desk = await outcome(checkIn(staff.pb, copies[0]!.barcode));
		expect(desk.status, JSON.stringify(desk.body)).toBe(200);
		const [ready] = await mine(patron.record.id, 'hold_ready');
		expect(ready?.title).toHaveLength(200);
		expect(ready?.title.endsWith('…')).toBe(true);
		// the body names the whole title
		expect(ready?.body).toContain(bookTitle);

		// staff answer an objection with the 2000 characters an answer may have; the message puts the season's
		// name before it
		const { season, a } = await draftOut(staff);
		const [line] = await system.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		const objection = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/objections`, {
			association: a.id,
			line: line!.id,
			text: 'Vi fik ingen tid.'
		})) as { id: string };
		const answer = 'Tak for jeres indsigelse. '.repeat(80).slice(0, 1999) + '.';
		const answered = await outcome(
			send(staff.pb, `/api/borgerhus/season-objections/${objection.id}/answer`, { answer })
		);
		expect(answered.status, JSON.stringify(answered.body)).toBe(200);
		const [told] = await mine(a.admin.record.id, 'season_objection_answered');
		expect(told?.body).toHaveLength(2000);
		expect(told?.body.endsWith('…')).toBe(true);
		expect((await system.collection('season_objections').getOne(objection.id)).answer).toBe(answer);
	});

	it('keeps a staff message of the 2000 characters it may have whole, whatever characters it is written in', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const { event, shift } = await arrangeEvent({ places: 3 });
		const volunteer = await createUser();
		await volunteer.pb.collection('users').update(volunteer.record.id, { volunteer_terms_at: new Date() });
		await volunteer.pb.collection('signups').create({ shift: shift.id, user: volunteer.record.id });
		// each of these takes six bytes in the stored JSON of both languages' texts, where a letter takes one
		for (const message of ['&'.repeat(2000), '<>'.repeat(1000)]) {
			const sent = await outcome(
				staff.pb.send(`/api/borgerhus/events/${event.id}/message`, { method: 'POST', body: { message } })
			);
			expect(sent.status, JSON.stringify(sent.body)).toBe(200);
			const told = (await notificationsOf(volunteer.record.id)).filter((n) => n.kind === 'events_message');
			expect(told.at(-1)?.body).toBe(message);
			expect(told.at(-1)?.texts?.en?.body).toBe(message);
		}
		expect(
			(
				await system.collection('notifications').getFullList({
					filter: system.filter('user = {:u} && kind = "events_message"', { u: volunteer.record.id })
				})
			).length
		).toBe(2);
	});
});

describe('the dates of a data load (system/dates)', () => {
	const DATES = '/api/borgerhus/system/dates';
	it('dates a message for the system account only, never after now, and nothing but messages and audit lines', async () => {
		const system = await systemClient();
		const user = await createUser();
		const message = await system
			.collection('notifications')
			.create({ user: user.record.id, kind: 'test', title: 'Gammel nyhed', body: '', link: '' });
		const at = '2026-01-05 09:30:00.000Z';
		const body = { rows: [{ collection: 'notifications', id: message.id, at }] };
		expect(await outcome(user.pb.send(DATES, { method: 'POST', body }))).toMatchObject({ status: 403 });
		const staff = await createUser({ staff: true });
		expect(await outcome(staff.pb.send(DATES, { method: 'POST', body }))).toMatchObject({ status: 403 });
		const later = new Date(Date.now() + 3600_000).toISOString();
		for (const row of [
			{ collection: 'notifications', id: message.id, at: later },
			{ collection: 'bookings', id: message.id, at },
			{ collection: 'notifications', id: message.id, at: 'yesterday' }
		])
			expect(await outcome(system.send(DATES, { method: 'POST', body: { rows: [row] } }))).toMatchObject({
				status: 400
			});
		expect(await system.send(DATES, { method: 'POST', body })).toEqual({ updated: 1 });
		const dated = await user.pb.collection('notifications').getOne(message.id);
		expect([dated.created, dated.updated]).toEqual([at, at]);
	});

	it('does not exist in a PocketBase started as production is', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'borgerhus-production-'));
		const stack = await startStack({
			dataDir: join(dir, 'pb_data'),
			mailDir: join(dir, 'mail'),
			quiet: true,
			dataLoadDates: false,
			log: () => undefined
		});
		try {
			const system = new PocketBase(stack.pbUrl);
			const person = {
				email: 'borger@example.dk',
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name: 'Borger'
			};
			await system
				.collection('_superusers')
				.authWithPassword(stack.superuser.email, stack.superuser.password);
			const message = await system.collection('notifications').create({
				user: (await system.collection('users').create(person)).id,
				kind: 'test',
				title: 'Ny',
				body: ''
			});
			const body = {
				rows: [{ collection: 'notifications', id: message.id, at: '2026-01-05 09:30:00.000Z' }]
			};
			expect(await outcome(system.send(DATES, { method: 'POST', body }))).toMatchObject({ status: 404 });
			expect((await system.collection('notifications').getOne(message.id)).created).toBe(message.created);
		} finally {
			await stack.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
