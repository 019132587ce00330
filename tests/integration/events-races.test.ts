import { describe, expect, it } from 'vitest';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { outcome, codesOf } from '../helpers/scenarios';
import type {
	EventRecord,
	RegistrationRecord,
	ShiftRecord,
	SignupRecord
} from '../../src/lib/pocketbase-types';
import { arrangeEvent, createVolunteer, doorOpen, farFuture } from './events-helpers';
import { book, makeRoom, slot } from './rooms-arrange';

// Two people acting on one shift, event or ticket at the same moment (docs/rules.md, "Events and
// volunteers"): each race runs ROUNDS times on fresh rows, then the invariants are checked on what is stored:
// confirmed places never exceed the places, the waitlist moves up in sign-up order, each promotion happens
// exactly once, and no edit is lost.

const ROUNDS = 20;
/** Twenty rounds take a while on a busy machine; the rounds, not the clock, are what the tests assert. */
const TIMEOUT = 180_000;
type Place = 'signups' | 'registrations';

/** One day per round, so the shared volunteers' shifts never overlap; later than other files' events, so
 * these do not crowd the public programme's first page. */
function dayPicker() {
	const first = new Date(farFuture().getTime() + 3200 * 86_400_000);
	let n = 0;
	return () => new Date(first.getTime() + ++n * 86_400_000);
}

type Tuple<N extends number, T, R extends T[] = []> = R['length'] extends N ? R : Tuple<N, T, [T, ...R]>;
type Row = SignupRecord | RegistrationRecord;

async function volunteers<N extends number>(n: N): Promise<Tuple<N, TestUser>> {
	const out: TestUser[] = [];
	for (let i = 0; i < n; i++) out.push(await createVolunteer());
	return out as Tuple<N, TestUser>;
}

/** Signs each person up (in this order) for the shift or event. */
async function signUp<T extends TestUser[]>(
	collection: Place,
	parent: string,
	people: [...T]
): Promise<{ [K in keyof T]: Row }> {
	const rows: Row[] = [];
	for (const p of people) {
		rows.push(
			collection === 'signups'
				? await p.pb.collection('signups').create<SignupRecord>({ shift: parent, user: p.record.id })
				: await p.pb
						.collection('registrations')
						.create<RegistrationRecord>({ event: parent, user: p.record.id })
		);
	}
	return rows as { [K in keyof T]: Row };
}

/** Checks the stored queue of a shift or event: within the places, counter right, confirmed before waiting. */
async function checkQueue(collection: Place, parent: string) {
	const system = await systemClient();
	const field = collection === 'signups' ? 'shift' : 'event';
	const owner = await system
		.collection(collection === 'signups' ? 'shifts' : 'events')
		.getOne<{ places?: number; capacity?: number; taken: number }>(parent);
	const places = collection === 'signups' ? owner.places! : owner.capacity!;
	const rows = await system.collection(collection).getFullList<{ status: string; placed_at: string }>({
		filter: system.filter(`${field} = {:p} && status != "cancelled"`, { p: parent }),
		sort: 'placed_at,id'
	});
	const confirmed = rows.filter((r) => r.status === 'confirmed').length;
	expect(confirmed).toBeLessThanOrEqual(places);
	expect(owner.taken).toBe(confirmed);
	// nobody waits while a place is free, and every confirmed place came before every waiting one
	if (rows.some((r) => r.status === 'waitlisted')) expect(confirmed).toBe(places);
	const lastConfirmed = rows.map((r) => r.status).lastIndexOf('confirmed');
	expect(rows.slice(0, lastConfirmed + 1).every((r) => r.status === 'confirmed')).toBe(true);
	return { confirmed, places, rows };
}

async function promotedNotices(user: TestUser): Promise<number> {
	return (await user.pb.collection('notifications').getFullList({ filter: 'kind = "events_promoted"' }))
		.length;
}

describe('races on sign-ups and registrations', () => {
	for (const collection of ['signups', 'registrations'] as const) {
		it(
			`two confirmed ${collection} cancelled at once move the waitlist up once each, in order`,
			async () => {
				const day = dayPicker();
				const [a, b, c, d, e] = await volunteers(5);
				for (let round = 0; round < ROUNDS; round++) {
					const { event, shift } = await arrangeEvent({ start: day(), places: 2, capacity: 2 });
					const parent = collection === 'signups' ? shift.id : event.id;
					const [ra, rb, rc, rd, re] = await signUp(collection, parent, [a, b, c, d, e]);
					expect([ra, rb, rc, rd, re].map((r) => r.status)).toEqual([
						'confirmed',
						'confirmed',
						'waitlisted',
						'waitlisted',
						'waitlisted'
					]);
					const before = await Promise.all([c, d, e].map(promotedNotices));
					const results = await Promise.all([
						outcome(a.pb.collection(collection).update(ra.id, { status: 'cancelled' })),
						outcome(b.pb.collection(collection).update(rb.id, { status: 'cancelled' }))
					]);
					expect(results.map((r) => r.status)).toEqual([200, 200]);
					await checkQueue(collection, parent);
					const system = await systemClient();
					const status = async (id: string) =>
						(await system.collection(collection).getOne<{ status: string }>(id)).status;
					expect([await status(rc.id), await status(rd.id), await status(re.id)]).toEqual([
						'confirmed',
						'confirmed',
						'waitlisted'
					]);
					const after = await Promise.all([c, d, e].map(promotedNotices));
					expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 0]);
				}
			},
			TIMEOUT
		);
	}

	it(
		'a cancellation racing a new sign-up for the last place leaves both places filled, never three',
		async () => {
			const day = dayPicker();
			const [a, b, c] = await volunteers(3);
			for (let round = 0; round < ROUNDS; round++) {
				const { shift } = await arrangeEvent({ start: day(), places: 2 });
				const [ra] = await signUp('signups', shift.id, [a, b]);
				const [cancel, joined] = await Promise.all([
					outcome(a.pb.collection('signups').update(ra.id, { status: 'cancelled' })),
					outcome(c.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: c.record.id }))
				]);
				expect([cancel.status, joined.status]).toEqual([200, 200]);
				const { confirmed } = await checkQueue('signups', shift.id);
				expect(confirmed).toBe(2);
				const system = await systemClient();
				const mine = await system
					.collection('signups')
					.getOne<SignupRecord>((joined.body as SignupRecord).id);
				expect(mine.status).toBe('confirmed');
			}
		},
		TIMEOUT
	);

	it(
		'staff lowering places while volunteers sign up never leaves more confirmed than places',
		async () => {
			const day = dayPicker();
			const staff = await createUser({ staff: true });
			const [a, b, c] = await volunteers(3);
			let lowered = 0;
			let refused = 0;
			for (let round = 0; round < ROUNDS; round++) {
				const { shift } = await arrangeEvent({ start: day(), places: 3 });
				await signUp('signups', shift.id, [a]);
				const [edit, ...joins] = await Promise.all([
					outcome(staff.pb.collection('shifts').update(shift.id, { places: 1 })),
					outcome(b.pb.collection('signups').create({ shift: shift.id, user: b.record.id })),
					outcome(c.pb.collection('signups').create({ shift: shift.id, user: c.record.id }))
				]);
				expect(joins.map((j) => j.status)).toEqual([200, 200]);
				if (edit.status === 200) lowered++;
				else {
					expect(edit.status).toBe(400);
					expect(codesOf(edit.body)).toContain('events_places_below_confirmed');
					refused++;
				}
				const { places } = await checkQueue('signups', shift.id);
				expect(places).toBe(edit.status === 200 ? 1 : 3);
			}
			expect(lowered + refused).toBe(ROUNDS);
		},
		TIMEOUT
	);

	it(
		'two staff members editing different fields of one shift at once both keep their change',
		async () => {
			const day = dayPicker();
			const [s1, s2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			for (let round = 0; round < ROUNDS; round++) {
				const { shift } = await arrangeEvent({ start: day(), places: 2 });
				const results = await Promise.all([
					outcome(s1.pb.collection('shifts').update(shift.id, { task: `Garderobe ${round}` })),
					outcome(s2.pb.collection('shifts').update(shift.id, { places: 5 })),
					outcome(s1.pb.collection('shifts').update(shift.id, { description: `Husk ${round}` })),
					outcome(s2.pb.collection('shifts').update(shift.id, { requirements: 'Over 18' }))
				]);
				expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
				const system = await systemClient();
				const stored = await system.collection('shifts').getOne<ShiftRecord>(shift.id);
				expect(stored.task).toBe(`Garderobe ${round}`);
				expect(stored.places).toBe(5);
				expect(stored.description).toBe(`Husk ${round}`);
				expect(stored.requirements).toBe('Over 18');
			}
		},
		TIMEOUT
	);

	it(
		'two staff members editing different fields of one event at once both keep their change',
		async () => {
			const day = dayPicker();
			const [s1, s2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			for (let round = 0; round < ROUNDS; round++) {
				const { event } = await arrangeEvent({ start: day(), capacity: 5 });
				const results = await Promise.all([
					outcome(s1.pb.collection('events').update(event.id, { title: `Koncert ${round}` })),
					outcome(s2.pb.collection('events').update(event.id, { capacity: 9 }))
				]);
				expect(results.map((r) => r.status)).toEqual([200, 200]);
				const system = await systemClient();
				const stored = await system
					.collection('events')
					.getOne<{ title: string; capacity: number }>(event.id);
				expect(stored.title).toBe(`Koncert ${round}`);
				expect(stored.capacity).toBe(9);
			}
		},
		TIMEOUT
	);

	it(
		'an event moved onto a free time of a room while a citizen books it and another event is moved there: one holds it',
		async () => {
			const [s1, s2, citizen] = await Promise.all([
				createUser({ staff: true }),
				createUser({ staff: true }),
				createUser()
			]);
			const system = await systemClient();
			const room = await makeRoom({ buffer_minutes: 0 });
			for (let round = 0; round < ROUNDS; round++) {
				const day = 40 + round * 2;
				const make = (from: string, to: string) =>
					system.collection('events').create<EventRecord>({
						title: `Flyttes ${round}`,
						description: 'Til test',
						category: 'talk',
						...slot(day, from, to),
						room: room.id,
						state: 'published',
						registration: false,
						capacity: 0
					});
				const [a, b] = await Promise.all([make('08:00', '09:00'), make('20:00', '21:00')]);
				const target = slot(day, '12:00', '13:00');
				const results = await Promise.all([
					outcome(s1.pb.collection('events').update(a.id, target)),
					outcome(s2.pb.collection('events').update(b.id, slot(day, '12:30', '13:30'))),
					outcome(book(citizen, room.id, slot(day, '12:00', '13:00')))
				]);
				const won = results.filter((r) => r.status === 200);
				expect(won).toHaveLength(1);
				for (const lost of results.filter((r) => r.status !== 200)) {
					expect(lost.status).toBe(400);
					expect(['events_room_taken', 'rooms_overlap']).toContain(codesOf(lost.body)[0]);
				}
				// a refused move leaves its event where it was
				const [storedA, storedB] = await Promise.all([
					system.collection('events').getOne<EventRecord>(a.id),
					system.collection('events').getOne<EventRecord>(b.id)
				]);
				if (results[0]!.status !== 200) expect([storedA.start, storedA.end]).toEqual([a.start, a.end]);
				if (results[1]!.status !== 200) expect([storedB.start, storedB.end]).toEqual([b.start, b.end]);
				// one claim of the room between 12:00 and 13:30 (rule 1), in the public busy projection too
				const claims = await system.collection('room_busy').getFullList({
					filter: system.filter('room = {:room} && start < {:end} && end > {:start}', {
						room: room.id,
						start: target.start,
						end: slot(day, '12:30', '13:30').end
					})
				});
				expect(claims).toHaveLength(1);
			}
		},
		TIMEOUT
	);

	it(
		'an event moved so its shift overlaps another while its volunteer signs up for that other shift: never two overlapping confirmed shifts',
		async () => {
			const staff = await createUser({ staff: true });
			const day = dayPicker();
			for (let round = 0; round < ROUNDS; round++) {
				const [volunteer] = await volunteers(1);
				const at = day();
				const { event, shift } = await arrangeEvent({ start: at, places: 2 });
				const other = await arrangeEvent({ start: new Date(at.getTime() + 4 * 3600_000), places: 2 });
				await signUp('signups', shift.id, [volunteer]);
				const later = (iso: string, hours: number) =>
					new Date(new Date(iso.replace(' ', 'T')).getTime() + hours * 3600_000).toISOString();
				const [move, signup] = await Promise.all([
					outcome(
						staff.pb
							.collection('events')
							.update(event.id, { start: later(event.start, 4), end: later(event.end, 4) })
					),
					outcome(
						volunteer.pb.collection('signups').create({ shift: other.shift.id, user: volunteer.record.id })
					)
				]);
				const system = await systemClient();
				const confirmed = await system.collection('signups').getFullList<SignupRecord>({
					filter: system.filter('user = {:u} && status = "confirmed"', { u: volunteer.record.id }),
					expand: 'shift'
				});
				const spans = confirmed.map((s) => {
					const sh = (s.expand as { shift: ShiftRecord }).shift;
					return [
						new Date(sh.start.replace(' ', 'T')).getTime(),
						new Date(sh.end.replace(' ', 'T')).getTime()
					];
				});
				for (let i = 0; i < spans.length; i++)
					for (let j = i + 1; j < spans.length; j++)
						expect(spans[i]![0]! < spans[j]![1]! && spans[j]![0]! < spans[i]![1]!).toBe(false);
				if (move.status === 200) {
					// moved first: the sign-up for the shift now overlapping is refused
					expect(signup.status).toBe(400);
					expect(codesOf(signup.body)).toContain('events_shift_overlap');
				} else {
					// signed up first: the whole move is refused, and its shift stayed
					expect(signup.status).toBe(200);
					expect(codesOf(move.body)).toContain('events_shift_move_overlap');
					const kept = await system.collection('shifts').getOne<ShiftRecord>(shift.id);
					expect([kept.start, kept.end]).toEqual([shift.start, shift.end]);
					expect((await system.collection('events').getOne<EventRecord>(event.id)).start).toBe(event.start);
				}
			}
		},
		TIMEOUT
	);

	it(
		'checking in one ticket twice at once succeeds once',
		async () => {
			const [s1, s2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			const attendee = await createUser();
			for (let round = 0; round < ROUNDS; round++) {
				const { event } = await arrangeEvent({ start: doorOpen(), capacity: 2 });
				const [ticket] = await signUp('registrations', event.id, [attendee]);
				const path = `/api/borgerhus/registrations/${ticket.id}/check-in`;
				const results = await Promise.all([
					outcome(s1.pb.send(path, { method: 'POST' })),
					outcome(s2.pb.send(path, { method: 'POST' }))
				]);
				expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
				const refused = results.find((r) => r.status === 400)!;
				expect(codesOf(refused.body)).toContain('events_already_checked_in');
				const system = await systemClient();
				const audit = await system.collection('audit_log').getFullList({
					filter: system.filter('target_id = {:id} && action = "registrations.check_in"', { id: ticket.id })
				});
				expect(audit).toHaveLength(1);
			}
		},
		TIMEOUT
	);
});
