import { describe, expect, it } from 'vitest';
import { createUser, systemClient } from '../helpers/pocketbase';
import { codesOf, outcome } from '../helpers/scenarios';
import { book, houseDate, makeRoom, slot } from './rooms-arrange';

// Two people acting on one booking at once (docs/rules.md, "Rooms and bookings"): each pair of requests is
// fired together with Promise.all, many rounds, and the stored rows must show one consistent outcome.

const ROUNDS = 20;

describe('races on bookings', () => {
	it('staff approval against the booker’s move: never approved at a time staff did not see', async () => {
		const room = await makeRoom({ requires_approval: true, buffer_minutes: 0 });
		const [owner, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		for (let round = 0; round < ROUNDS; round++) {
			const day = 40 + round * 3;
			const booking = await book(owner, room.id, slot(day, '10:00', '11:00'));
			const moved = slot(day, '14:00', '15:00');
			const [approve, move] = await Promise.all([
				outcome(staff.pb.collection('bookings').update(booking.id, { status: 'approved' })),
				outcome(owner.pb.collection('bookings').update(booking.id, moved))
			]);
			expect(approve.status).toBe(200);
			expect(move.status).toBe(200);
			const stored = await system.collection('bookings').getOne(booking.id);
			// no lost update: the move is kept whichever came first
			expect({ start: stored.start, end: stored.end }).toEqual(moved);
			const approvedAt = (approve.body as { start: string }).start;
			if (stored.status === 'approved') {
				// approved after the move: staff approved the moved booking
				expect(approvedAt).toBe(moved.start);
			} else {
				// approved before the move: the move sent it back for approval
				expect(stored.status).toBe('pending');
				expect(approvedAt).toBe(booking.start);
				expect(stored.decided_by).toBe('');
			}
		}
	});

	it('two staff members deciding one booking: one decision, one audit entry, one message', async () => {
		const room = await makeRoom({ requires_approval: true });
		const [owner, staffA, staffB] = await Promise.all([
			createUser(),
			createUser({ staff: true }),
			createUser({ staff: true })
		]);
		const system = await systemClient();
		for (let round = 0; round < ROUNDS; round++) {
			const booking = await book(owner, room.id, slot(40 + round * 3, '10:00', '11:00'));
			const [a, b] = await Promise.all([
				outcome(staffA.pb.collection('bookings').update(booking.id, { status: 'approved' })),
				outcome(
					staffB.pb.collection('bookings').update(booking.id, { status: 'rejected', reason: 'Optaget' })
				)
			]);
			const winners = [a, b].filter((r) => r.status === 200);
			expect(winners).toHaveLength(1);
			const loser = [a, b].find((r) => r.status !== 200)!;
			expect(loser.status).toBe(400);
			const stored = await system.collection('bookings').getOne(booking.id);
			expect(stored.status).toBe(a.status === 200 ? 'approved' : 'rejected');
			expect(stored.decided_by).toBe(a.status === 200 ? staffA.record.id : staffB.record.id);
			const audit = await system.collection('audit_log').getFullList({
				filter: system.filter('target_id = {:id}', { id: booking.id })
			});
			expect(audit).toHaveLength(1);
			const notes = await system.collection('notifications').getFullList({
				// the decision's message (the booker's receipt of the request is another kind)
				filter: system.filter('dedupe_key ~ {:id} && kind != "booking_received"', { id: booking.id })
			});
			expect(notes).toHaveLength(1);
		}
	});

	it('two simultaneous updates of different fields both stay', async () => {
		const room = await makeRoom({ capacity: 50 });
		const owner = await createUser();
		const system = await systemClient();
		for (let round = 0; round < ROUNDS; round++) {
			const booking = await book(owner, room.id, slot(40 + round * 3, '10:00', '11:00'));
			const purpose = `Runde ${round}`;
			const attendees = 10 + round;
			const [p, a] = await Promise.all([
				outcome(owner.pb.collection('bookings').update(booking.id, { purpose })),
				outcome(owner.pb.collection('bookings').update(booking.id, { attendees }))
			]);
			expect([p.status, a.status]).toEqual([200, 200]);
			const stored = await system.collection('bookings').getOne(booking.id);
			expect({ purpose: stored.purpose, attendees: stored.attendees }).toEqual({ purpose, attendees });
		}
	});

	it('two staff members changing different fields of one room or closure at once: both changes stay', async () => {
		const room = await makeRoom();
		const [first, second] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const system = await systemClient();
		const closure = await system.collection('closures').create({
			room: room.id,
			start: slot(700, '08:00', '09:00').start,
			end: slot(700, '08:00', '09:00').end,
			reason: 'Rengøring'
		});
		for (let round = 0; round < 10; round++) {
			const [a, b, c, d] = await Promise.all([
				outcome(first.pb.collection('rooms').update(room.id, { capacity: 20 + round })),
				outcome(second.pb.collection('rooms').update(room.id, { step_minutes: round % 2 ? 30 : 15 })),
				outcome(first.pb.collection('closures').update(closure.id, { reason: `Maling ${round}` })),
				outcome(
					second.pb
						.collection('closures')
						.update(closure.id, { end: slot(700, '08:00', `1${round % 2}:00`).end })
				)
			]);
			expect([a.status, b.status, c.status, d.status]).toEqual([200, 200, 200, 200]);
			expect(await system.collection('rooms').getOne(room.id)).toMatchObject({
				capacity: 20 + round,
				step_minutes: round % 2 ? 30 : 15
			});
			expect(await system.collection('closures').getOne(closure.id)).toMatchObject({
				reason: `Maling ${round}`,
				end: slot(700, '08:00', `1${round % 2}:00`).end
			});
		}
	});

	it('two season bookings for overlapping dates: no overlap is ever stored', async () => {
		const room = await makeRoom({ buffer_minutes: 0 });
		const [first, second] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		for (let round = 0; round < ROUNDS; round++) {
			const day = 40 + round * 30;
			const body = (offset: number) => ({
				room: room.id,
				purpose: 'Sæson',
				attendees: 4,
				first_date: houseDate(day + offset),
				last_date: houseDate(day + 21),
				interval: 1,
				start_time: '18:00',
				end_time: '20:00'
			});
			const results = await Promise.all([
				outcome(first.pb.send('/api/borgerhus/series', { method: 'POST', body: body(0) })),
				outcome(second.pb.send('/api/borgerhus/series', { method: 'POST', body: body(7) }))
			]);
			const stored = await system.collection('bookings').getFullList({
				filter: system.filter('room = {:room} && start >= {:from} && start < {:to}', {
					room: room.id,
					from: slot(day - 1, '00:00', '01:00').start,
					to: slot(day + 22, '00:00', '01:00').start
				}),
				sort: 'start'
			});
			const starts = stored.map((b) => b.start);
			expect(new Set(starts).size).toBe(starts.length);
			// every date is booked once, by one of the two, and each answer says which dates it got
			expect(stored).toHaveLength(4);
			const booked = results.flatMap((r) =>
				r.status === 200 ? (r.body as { booked: { id: string }[] }).booked.map((b) => b.id) : []
			);
			expect(booked.sort()).toEqual(stored.map((b) => b.id).sort());
			for (const r of results) {
				if (r.status !== 200) expect(JSON.stringify(r.body)).toContain('rooms_series_nothing');
			}
		}
	});

	it('five citizens booking overlapping times at once: one booking is stored, the others are refused', async () => {
		const room = await makeRoom({ buffer_minutes: 15 });
		const people = await Promise.all([createUser(), createUser(), createUser(), createUser(), createUser()]);
		const system = await systemClient();
		for (let round = 0; round < ROUNDS; round++) {
			const day = 40 + round * 2;
			// each overlaps every other one, or comes within the room's buffer of it
			const times = [
				['10:00', '12:00'],
				['10:30', '12:30'],
				['11:00', '13:00'],
				['11:30', '13:30'],
				['12:00', '14:00']
			] as const;
			const results = await Promise.all(
				people.map((person, i) => outcome(book(person, room.id, slot(day, times[i]![0], times[i]![1]))))
			);
			const stored = await system.collection('bookings').getFullList({
				filter: system.filter('room = {:room} && start >= {:from} && start < {:to}', {
					room: room.id,
					from: slot(day, '00:00', '01:00').start,
					to: slot(day + 1, '00:00', '01:00').start
				})
			});
			expect(stored).toHaveLength(1);
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			for (const r of results) if (r.status !== 200) expect(codesOf(r.body)).toContain('rooms_overlap');
		}
	});

	it('staff lowering a room’s capacity while a citizen books for more: accepted only if written before', async () => {
		const [citizen, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		for (let round = 0; round < ROUNDS; round++) {
			// the checks that read only the room run before the write's transaction too: the one inside
			// decides on the room as it is when the booking is written (docs/performance.md, "Writes")
			const room = await makeRoom({ capacity: 20, buffer_minutes: 0 });
			const [booking, lowered] = await Promise.all([
				outcome(book(citizen, room.id, { ...slot(40 + round, '10:00', '11:00'), attendees: 12 })),
				outcome(staff.pb.collection('rooms').update(room.id, { capacity: 8 }))
			]);
			expect(lowered.status).toBe(200);
			const changed = (lowered.body as { updated: string }).updated;
			if (booking.status === 200) {
				const stored = await system.collection('bookings').getOne((booking.body as { id: string }).id);
				expect(stored.created <= changed).toBe(true);
			} else {
				expect(codesOf(booking.body)).toContain('rooms_over_capacity');
				const stored = await system.collection('bookings').getFullList({
					filter: system.filter('room = {:room}', { room: room.id })
				});
				expect(stored).toHaveLength(0);
			}
		}
	});
	it('staff asking for approval while a citizen books: the receipt says what the booking became', async () => {
		const [citizen, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const system = await systemClient();
		const wording = { pending: 'Vi har modtaget din booking', approved: 'Din booking er bekræftet' };
		for (let round = 0; round < ROUNDS; round++) {
			// the receipt is worded before the write's transaction for the status the room gives then; the
			// booking's status is decided inside it, and the receipt follows that (docs/performance.md, "Writes")
			const room = await makeRoom({ requires_approval: false, buffer_minutes: 0 });
			const [booking, changed] = await Promise.all([
				outcome(book(citizen, room.id, slot(40 + round, '10:00', '11:00'))),
				outcome(staff.pb.collection('rooms').update(room.id, { requires_approval: true }))
			]);
			expect(changed.status).toBe(200);
			expect(booking.status).toBe(200);
			const id = (booking.body as { id: string }).id;
			const stored = await system.collection('bookings').getOne<{ status: 'pending' | 'approved' }>(id);
			const receipts = await system.collection('notifications').getFullList<{ title: string }>({
				filter: system.filter('dedupe_key = {:key}', { key: `booking-received-${id}` })
			});
			expect(receipts).toHaveLength(1);
			expect(receipts[0]!.title).toContain(wording[stored.status]);
		}
	});
});
