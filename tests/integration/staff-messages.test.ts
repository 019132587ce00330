import { describe, expect, inject, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { readMails, waitForMail } from '../helpers/mail';
import { book, houseDate, makeRoom, slot, someDay } from './rooms-arrange';

// Staff decisions and the messages they send (docs/rules.md, "Messages" and "Staff pages"): the reason of
// an approval reaches the booker and the audit log, one decision over many dates is one message and one
// mail, and dates in messages read as people read them in the reader's language.

const mailDir = () => inject('mailDir');
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
		const page = await (await session.get('/personale/bookinger')).text();
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

describe('one decision over many dates', () => {
	it('approving a whole series with a message sends one notification and one mail', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await mailable(owner);
		const day = someDay();
		const answer = await owner.pb.send<{ series: string; booked: { id: string }[] }>('/api/borgerhus/series', {
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
		});
		expect(answer.booked.length).toBe(6);
		const decided = await staff.pb.send<{ decided: unknown[] }>(
			`/api/borgerhus/series/${answer.series}/approve`,
			{ method: 'POST', body: { reason: 'Husk at rydde op' } }
		);
		expect(decided.decided).toHaveLength(6);

		const notes = (await notificationsOf(owner.record.id)).filter((n) => n.kind.startsWith('booking_'));
		expect(notes.map((n) => n.kind)).toEqual(['booking_series_approved']);
		expect(notes[0]!.body).toContain('6 datoer');
		expect(notes[0]!.body).toContain('Husk at rydde op');
		expect(notes[0]!.body).not.toMatch(ISO);

		await waitForMail(mailDir(), owner.email, /sæsonbooking er godkendt/);
		// give a second mail time to show up if there were one
		await new Promise((r) => setTimeout(r, 1500));
		const mails = readMails(mailDir()).filter((m) => m.to.includes(owner.email.toLowerCase()));
		expect(mails).toHaveLength(1);
		for (const b of answer.booked) {
			expect((await owner.pb.collection('bookings').getOne(b.id)).reason).toBe('Husk at rydde op');
		}
	});
});
