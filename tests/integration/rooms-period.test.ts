import { describe, expect, it } from 'vitest';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { codesOf, outcome } from '../helpers/scenarios';
import { book, houseDate, join, makeAssociation, makeRoom, slot } from './rooms-arrange';

// Cancel a period (docs/rules.md, "Cancel a period"): preview and commit through the booking machine in one
// transaction, deadline-passed bookings kept with their reason, non-members refused, all or nothing.

interface Answer {
	cancellable?: { id: string; code?: string }[];
	cancelled?: { id: string }[];
	kept: { id: string; code: string }[];
}

const cancelPeriod = (user: TestUser, body: Record<string, unknown>) =>
	user.pb.send<Answer>('/api/borgerhus/bookings/cancel-period', { method: 'POST', body });

async function world() {
	const [owner, booker, admin, member, other] = await Promise.all([
		createUser({ name: 'Ejer Eva' }),
		createUser({ name: 'Booker Bo' }),
		createUser({ name: 'Admin Alma' }),
		createUser({ name: 'Medlem Mia' }),
		createUser({ name: 'Anden Anders' })
	]);
	const [room, association] = await Promise.all([makeRoom(), makeAssociation()]);
	await Promise.all([
		join(association.id, booker, 'booker'),
		join(association.id, admin, 'admin'),
		join(association.id, member, 'member')
	]);
	const day = someDay();
	// the owner's: three in the period, one after it, one tomorrow (inside the 48-hour deadline)
	const inPeriod = await Promise.all([
		book(owner, room.id, slot(day, '10:00', '11:00')),
		book(owner, room.id, slot(day + 1, '10:00', '11:00')),
		book(owner, room.id, slot(day + 2, '10:00', '11:00'))
	]);
	const after = await book(owner, room.id, slot(day + 10, '10:00', '11:00'));
	const late = await book(owner, room.id, slot(1, '20:00', '21:00'));
	// the association's: two by the booker in the period
	const club = await Promise.all([
		book(booker, room.id, { ...slot(day, '14:00', '15:00'), association: association.id }),
		book(booker, room.id, { ...slot(day + 1, '14:00', '15:00'), association: association.id })
	]);
	return { owner, booker, admin, member, other, room, association, day, inPeriod, after, late, club };
}

/** A day far enough ahead for every deadline, near enough for a period of at most 366 days. */
const someDay = () => 30 + Math.floor(Math.random() * 300);

const statusOf = async (id: string) =>
	(await (await systemClient()).collection('bookings').getOne(id)).status;

describe('cancel a period', () => {
	it('previews what will go and what cannot (deadline), changing nothing', async () => {
		const w = await world();
		const answer = await cancelPeriod(w.owner, {
			from: houseDate(0),
			to: houseDate(w.day + 2),
			preview: true
		});
		expect(answer.cancellable?.map((b) => b.id).sort()).toEqual(w.inPeriod.map((b) => b.id).sort());
		expect(answer.kept).toEqual([expect.objectContaining({ id: w.late.id, code: 'rooms_cancel_deadline' })]);
		for (const b of [...w.inPeriod, w.late]) expect(await statusOf(b.id)).toBe('approved');
	});

	it('withdraws a request still pending inside the deadline, as a single cancel does; keeps an approved one', async () => {
		const room = await makeRoom({ requires_approval: true, cancel_hours: 48 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const [pending, approved] = [
			await book(owner, room.id, slot(1, '19:00', '20:00')),
			await book(owner, room.id, slot(1, '08:00', '09:00'))
		];
		await staff.pb.collection('bookings').update(approved.id, { status: 'approved' });
		const period = { from: houseDate(0), to: houseDate(3) };
		const preview = await cancelPeriod(owner, { ...period, preview: true });
		expect(preview.cancellable?.map((b) => b.id)).toEqual([pending.id]);
		expect(preview.kept).toEqual([
			expect.objectContaining({ id: approved.id, code: 'rooms_cancel_deadline' })
		]);
		const answer = await cancelPeriod(owner, { ...period, preview: false, ids: [pending.id, approved.id] });
		expect(answer.cancelled?.map((b) => b.id)).toEqual([pending.id]);
		expect(await statusOf(pending.id)).toBe('cancelled');
		expect(await statusOf(approved.id)).toBe('approved');
	});

	it('commits in one step: each through the cancel transition, one message, one audit entry', async () => {
		const w = await world();
		const system = await systemClient();
		const answer = await cancelPeriod(w.owner, {
			from: houseDate(0),
			to: houseDate(w.day + 2),
			preview: false
		});
		expect(answer.cancelled?.length).toBe(3);
		for (const b of w.inPeriod) {
			const stored = await system.collection('bookings').getOne(b.id);
			expect(stored.status).toBe('cancelled');
			expect(stored.cancelled_by).toBe(w.owner.record.id);
		}
		expect(await statusOf(w.late.id)).toBe('approved');
		expect(await statusOf(w.after.id)).toBe('approved');
		const busy = await system
			.collection('room_busy')
			.getFullList({ filter: w.inPeriod.map((b) => `source = "${b.id}"`).join(' || ') });
		expect(busy).toHaveLength(0);
		const messages = await system
			.collection('notifications')
			.getFullList({ filter: `user = "${w.owner.record.id}" && kind = "bookings_period_cancelled"` });
		expect(messages).toHaveLength(1);
		expect(messages[0]?.body).toContain(`Du har aflyst ${w.inPeriod.length} bookinger fra`);
		// the days as people read them, never an ISO date
		expect(messages[0]?.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		const audit = await system
			.collection('audit_log')
			.getFullList({ filter: `actor = "${w.owner.record.id}" && action = "bookings_period_cancelled"` });
		expect(audit).toHaveLength(1);
		expect((audit[0]?.details as { cancelled: string[] }).cancelled.sort()).toEqual(
			w.inPeriod.map((b) => b.id).sort()
		);
	});

	it('an admin cancels the association’s bookings; the booker is told once', async () => {
		const w = await world();
		const system = await systemClient();
		const answer = await cancelPeriod(w.admin, {
			from: houseDate(w.day),
			to: houseDate(w.day + 1),
			scope: w.association.id,
			preview: false
		});
		expect(answer.cancelled?.map((b) => b.id).sort()).toEqual(w.club.map((b) => b.id).sort());
		for (const b of w.inPeriod) expect(await statusOf(b.id)).toBe('approved');
		const told = await system
			.collection('notifications')
			.getFullList({ filter: `user = "${w.booker.record.id}" && kind = "bookings_period_cancelled"` });
		expect(told).toHaveLength(1);
		expect(told[0]?.body).toContain(`aflyst af en administrator i ${w.association.name}`);
		// the booker's Mine data says a fellow user did it, not the staff, and names nobody
		const mine = (await w.booker.pb.send('/api/borgerhus/mydata', {})) as {
			audit: { action: string; target: string; by: string }[];
		};
		const acts = mine.audit.filter((a) => w.club.some((b) => b.id === a.target));
		expect(acts.length).toBeGreaterThan(0);
		expect(new Set(acts.map((a) => a.by))).toEqual(new Set(['other']));
		expect(JSON.stringify(mine)).not.toContain(w.admin.record.id);
	});

	it('names an association renamed since by a verified name only in the booker’s message', async () => {
		const w = await world();
		const system = await systemClient();
		// renamed by its admin: unverified again until staff look at the new name
		const renamed = 'Kultur- og Borgerhusets kundeservice';
		await w.admin.pb.collection('associations').update(w.association.id, { name: renamed });
		expect((await system.collection('associations').getOne(w.association.id)).verified).toBe(false);
		await cancelPeriod(w.admin, {
			from: houseDate(w.day),
			to: houseDate(w.day + 1),
			scope: w.association.id,
			preview: false
		});
		const told = await system
			.collection('notifications')
			.getFullList({ filter: `user = "${w.booker.record.id}" && kind = "bookings_period_cancelled"` });
		expect(told).toHaveLength(1);
		expect(told[0]?.body).toContain(
			'aflyst af en administrator i en forening (navnet venter på godkendelse)'
		);
		expect(told[0]?.body).not.toContain(renamed);
	});

	it.each([
		['a plain member', 'member'],
		['someone outside', 'other']
	] as const)('%s is refused the association’s bookings and nothing changes', async (_name, who) => {
		const w = await world();
		const result = await outcome(
			cancelPeriod(w[who], {
				from: houseDate(w.day),
				to: houseDate(w.day + 1),
				scope: w.association.id,
				preview: false
			})
		);
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toContain('rooms_period_scope');
		for (const b of w.club) expect(await statusOf(b.id)).toBe('approved');
	});

	it('is all or nothing: one id that is not the person’s refuses the whole request', async () => {
		const w = await world();
		const result = await outcome(
			cancelPeriod(w.owner, {
				from: houseDate(0),
				to: houseDate(w.day + 2),
				preview: false,
				ids: [...w.inPeriod.map((b) => b.id), w.club[0]!.id]
			})
		);
		expect(result.status).toBe(400);
		expect(codesOf(result.body)).toContain('rooms_period_changed');
		for (const b of [...w.inPeriod, ...w.club]) expect(await statusOf(b.id)).toBe('approved');
	});

	it('counts only active bookings against its limit of 500', async () => {
		const w = await world();
		const system = await systemClient();
		// 501 cancelled bookings in the period (a long history), one active
		const day = w.day + 3;
		const at = (minute: number) => {
			const start = new Date(Date.parse(slot(day, '06:00', '07:00').start) + minute * 60_000);
			return start.toISOString().replace('T', ' ');
		};
		await Promise.all(
			Array.from({ length: 501 }, (_, i) =>
				system.collection('bookings').create({
					room: w.room.id,
					booker: w.owner.record.id,
					purpose: 'Aflyst før',
					attendees: 1,
					start: at(i),
					end: at(i + 1),
					status: 'cancelled'
				})
			)
		);
		const answer = await cancelPeriod(w.owner, { from: houseDate(day), to: houseDate(day) });
		expect(answer.cancellable).toEqual([]);
		const both = await cancelPeriod(w.owner, { from: houseDate(w.day), to: houseDate(day) });
		expect(both.cancellable?.map((b) => b.id).sort()).toEqual(w.inPeriod.map((b) => b.id).sort());
	});

	it('refuses bad periods and answers nothing-to-cancel with the kept bookings', async () => {
		const w = await world();
		const bad = [
			[{ from: '2026-13-01', to: houseDate(3) }, 'rooms_period_invalid'],
			[{ from: houseDate(5), to: houseDate(3) }, 'rooms_period_invalid'],
			[{ from: houseDate(0), to: houseDate(400) }, 'rooms_period_too_long'],
			[{ from: houseDate(0), to: houseDate(3), scope: 'nogen' }, 'core_invalid_value'],
			[{ from: houseDate(0), to: houseDate(3), preview: 'nej' }, 'core_invalid_value'],
			[{ from: '0001-01-01', to: houseDate(3) }, 'rooms_period_invalid']
		] as const;
		for (const [body, code] of bad) {
			const result = await outcome(cancelPeriod(w.owner, body));
			expect(result.status, JSON.stringify(body)).toBe(400);
			expect(codesOf(result.body), JSON.stringify(body)).toContain(code);
		}
		const nothing = await outcome(
			cancelPeriod(w.owner, { from: houseDate(0), to: houseDate(2), preview: false })
		);
		expect(nothing.status).toBe(400);
		expect(codesOf(nothing.body)).toContain('rooms_period_nothing');
		expect((nothing.body as Answer).kept.map((k) => k.code)).toEqual(['rooms_cancel_deadline']);
		expect(await statusOf(w.late.id)).toBe('approved');
	});

	it('races a single cancel: each booking is cancelled exactly once, by one of them', async () => {
		const system = await systemClient();
		for (let round = 0; round < 20; round++) {
			const owner = await createUser();
			const room = await makeRoom();
			const day = someDay();
			const bookings = await Promise.all([
				book(owner, room.id, slot(day, '10:00', '11:00')),
				book(owner, room.id, slot(day, '12:00', '13:00'))
			]);
			const target = bookings[round % 2]!;
			const preview = await cancelPeriod(owner, { from: houseDate(day), to: houseDate(day), preview: true });
			const [period, single] = await Promise.all([
				outcome(
					cancelPeriod(owner, {
						from: houseDate(day),
						to: houseDate(day),
						preview: false,
						ids: preview.cancellable!.map((b) => b.id)
					})
				),
				outcome(owner.pb.collection('bookings').update(target.id, { status: 'cancelled' }))
			]);
			expect(period.status).toBe(200);
			const answer = period.body as Answer;
			expect(single.status).toBe(200);
			// the period cancelled the other booking always, and the target only when it came first; a
			// single cancel arriving after it changes nothing (and tells nobody again)
			expect(answer.cancelled!.map((b) => b.id)).toContain(bookings[(round + 1) % 2]!.id);
			const periodGotTarget = answer.cancelled!.some((b) => b.id === target.id);
			const keptTarget = answer.kept.some((b) => b.id === target.id && b.code === 'rooms_booking_closed');
			expect(periodGotTarget).toBe(!keptTarget);
			const singleMessages = await system.collection('notifications').getFullList({
				filter: `user = "${owner.record.id}" && kind = "booking_cancelled"`
			});
			expect(singleMessages).toHaveLength(periodGotTarget ? 0 : 1);
			for (const b of bookings) expect(await statusOf(b.id)).toBe('cancelled');
			const busy = await system.collection('room_busy').getFullList({ filter: `room = "${room.id}"` });
			expect(busy).toHaveLength(0);
		}
	});

	it('works through the app: preview, then confirm', async () => {
		const w = await world();
		const session = new AppSession();
		expect((await session.signIn(w.owner.email, w.owner.password)).status).toBe(303);
		const page = await session.get('/bookinger/aflys-periode');
		expect(page.status).toBe(200);
		const preview = await session.post('/bookinger/aflys-periode?/preview', {
			from: houseDate(0),
			to: houseDate(w.day + 2),
			scope: 'own'
		});
		const html = await preview.text();
		expect(preview.status).toBe(200);
		for (const b of w.inPeriod) expect(html).toContain(b.id);
		// the booking past its deadline is kept, and the page says why in the reader's words
		expect(html).toContain('Fristen for at aflyse er overskredet. Kontakt huset.');
		expect(await statusOf(w.inPeriod[0]!.id)).toBe('approved');
		const body = new URLSearchParams({ from: houseDate(0), to: houseDate(w.day + 2), scope: 'own' });
		for (const b of w.inPeriod) body.append('ids', b.id);
		const commit = await session.post('/bookinger/aflys-periode?/cancel', body);
		expect(commit.status, (await commit.text()).slice(0, 3000)).toBe(303);
		expect(commit.headers.get('location')).toContain('aflyst=3');
		for (const b of w.inPeriod) expect(await statusOf(b.id)).toBe('cancelled');
	});

	it('says so above the form when a booking changed after the preview, and cancels nothing', async () => {
		const w = await world();
		const session = new AppSession();
		expect((await session.signIn(w.owner.email, w.owner.password)).status).toBe(303);
		const [first, moved] = w.inPeriod;
		// moved out of the period in another tab after the preview
		await w.owner.pb.collection('bookings').update(moved!.id, slot(w.day + 20, '10:00', '11:00'));
		const body = new URLSearchParams({ from: houseDate(0), to: houseDate(w.day + 2), scope: 'own' });
		for (const b of [first!, moved!]) body.append('ids', b.id);
		const commit = await session.post('/bookinger/aflys-periode?/cancel', body);
		expect(commit.status).toBe(400);
		const html = await commit.text();
		expect(html).toMatch(/<[^>]+role="alert"[^>]*>[^<]*En af bookingerne er ændret siden oversigten/);
		for (const b of [first!, moved!]) expect(await statusOf(b.id)).toBe('approved');
	});
});
