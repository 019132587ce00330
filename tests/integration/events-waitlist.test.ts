import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import type {
	RegistrationRecord,
	ShiftRecord,
	SignupRecord,
	TakenPlaces
} from '../../src/lib/pocketbase-types';
import { arrangeEvent, arrangeShift, createVolunteer, farFuture, statusOf } from './events-helpers';

// docs/rules.md, "Places, the waitlist and overlapping shifts": a person whose place someone else cancels is
// told (once, in their language, with the time), and a new sign-up never takes a free place while someone
// earlier on the waitlist could take it.

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A moment as the house writes it in messages (core/time.js format), in house time. */
function houseTime(date: Date, language: 'da' | 'en'): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', {
			timeZone: 'Europe/Copenhagen',
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(date)
			.map((p) => [p.type, p.value])
	);
	const time = `${parts.hour}:${parts.minute}`;
	return language === 'da'
		? `${parts.weekday} ${parts.day}. ${parts.month} kl. ${time}`
		: `${parts.weekday} ${parts.day} ${parts.month}, ${time}`;
}

interface Note {
	kind: string;
	title: string;
	body: string;
	link: string;
}

async function inbox(person: TestUser, kind: string): Promise<Note[]> {
	return person.pb.collection('notifications').getFullList<Note>({ filter: `kind = "${kind}"` });
}

async function speaksEnglish(person: TestUser): Promise<void> {
	const system = await systemClient();
	await system.collection('users').update(person.record.id, { language: 'en' });
}

describe('a person whose place someone else cancels is told', () => {
	it('tells a volunteer and an attendee once when staff cancel, in their language, with the time', async () => {
		const start = farFuture();
		const { event, shift } = await arrangeEvent({ start, places: 1, capacity: 1 });
		const [v, waiting, attendee] = await Promise.all([createVolunteer(), createVolunteer(), createUser()]);
		await speaksEnglish(attendee);
		const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const sw = await waiting.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: waiting.record.id });
		const r = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: attendee.record.id });
		const staff = await createUser({ staff: true });
		// what the staff event page's cancelSignup action sends
		await staff.pb.collection('signups').update(s.id, { status: 'cancelled' });
		await staff.pb.collection('registrations').update(r.id, { status: 'cancelled' });

		const shiftNotes = await inbox(v, 'events_place_cancelled');
		expect(shiftNotes).toHaveLength(1);
		expect(shiftNotes[0]).toMatchObject({
			title: 'Din vagt er annulleret: Billetkontrol',
			body: `Huset har annulleret din vagt "Billetkontrol" til ${event.title}, ${houseTime(start, 'da')}.`,
			link: `/arrangementer/${event.id}`
		});
		const ticketNotes = await inbox(attendee, 'events_place_cancelled');
		expect(ticketNotes).toHaveLength(1);
		expect(ticketNotes[0]).toMatchObject({
			title: `Your registration has been cancelled: ${event.title}`,
			body: `The house has cancelled your registration for ${event.title}, ${houseTime(start, 'en')}.`,
			link: `/arrangementer/${event.id}`
		});
		// the waitlist still moves up, and the one who moved up is told that, not a cancellation
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect(await inbox(waiting, 'events_promoted')).toHaveLength(1);
		expect(await inbox(waiting, 'events_place_cancelled')).toHaveLength(0);
	});

	it('tells a volunteer whom staff take off a waitlist that they are off the waitlist, not that their shift is cancelled', async () => {
		const start = farFuture();
		const { event, shift } = await arrangeEvent({ start, places: 1 });
		const [v, waiting, english] = await Promise.all([
			createVolunteer(),
			createVolunteer(),
			createVolunteer()
		]);
		await speaksEnglish(english);
		await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		const sw = await waiting.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: waiting.record.id });
		const se = await english.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: english.record.id });
		expect([sw.status, se.status]).toEqual(['waitlisted', 'waitlisted']);
		const staff = await createUser({ staff: true });
		await staff.pb.collection('signups').update(sw.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(se.id, { status: 'cancelled' });

		const [danish] = await inbox(waiting, 'events_place_cancelled');
		expect(danish).toMatchObject({
			title: 'Du er ikke længere på ventelisten: Billetkontrol',
			body: `Huset har taget dig af ventelisten til vagten "Billetkontrol" til ${event.title}, ${houseTime(start, 'da')}.`,
			link: `/arrangementer/${event.id}`
		});
		const [other] = await inbox(english, 'events_place_cancelled');
		expect(other).toMatchObject({
			title: 'You are no longer on the waitlist: Billetkontrol',
			body: `The house has taken you off the waitlist for the shift "Billetkontrol" at ${event.title}, ${houseTime(start, 'en')}.`
		});
	});

	it('tells the person once when two staff members cancel the same place at once', async () => {
		for (let round = 0; round < 3; round++) {
			const { shift } = await arrangeEvent({ places: 2 });
			const v = await createVolunteer();
			const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
			const [one, two] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			await Promise.all([
				one.pb.collection('signups').update(s.id, { status: 'cancelled' }),
				two.pb.collection('signups').update(s.id, { status: 'cancelled' })
			]);
			expect(await statusOf('signups', s.id)).toBe('cancelled');
			expect(await inbox(v, 'events_place_cancelled')).toHaveLength(1);
		}
	});

	it('tells the person when the system cancels their place through the API', async () => {
		const { shift } = await arrangeEvent({ places: 2 });
		const v = await createVolunteer();
		const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const system = await systemClient();
		await system.collection('signups').update(s.id, { status: 'cancelled' });
		expect(await inbox(v, 'events_place_cancelled')).toHaveLength(1);
	});

	it('does not tell a person who cancels themselves, and a desk act sends one message, not two', async () => {
		const { event, shift } = await arrangeEvent({ places: 2, capacity: 2 });
		const [v, citizen] = await Promise.all([createVolunteer(), createUser()]);
		const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		await v.pb.collection('signups').update(s.id, { status: 'cancelled' });
		expect(await inbox(v, 'events_place_cancelled')).toHaveLength(0);

		const r = await citizen.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: citizen.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb
			.collection('registrations')
			.update(r.id, { status: 'cancelled' }, { headers: { 'X-Borgerhus-For': citizen.record.id } });
		expect(await statusOf('registrations', r.id)).toBe('cancelled');
		expect(await inbox(citizen, 'desk_update')).toHaveLength(1);
		expect(await inbox(citizen, 'events_place_cancelled')).toHaveLength(0);
	});

	it('tells the people of a cancelled event once, with the event’s own message', async () => {
		const { event, shift } = await arrangeEvent({ places: 1, capacity: 1 });
		const [v, attendee] = await Promise.all([createVolunteer(), createUser()]);
		await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		await attendee.pb.collection('registrations').create({ event: event.id, user: attendee.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb.collection('events').update(event.id, { state: 'cancelled' });
		for (const person of [v, attendee]) {
			expect(await inbox(person, 'events_cancelled')).toHaveLength(1);
			expect(await inbox(person, 'events_place_cancelled')).toHaveLength(0);
		}
	});
});

/**
 * Shift S (one place): C confirmed, W waiting; W confirmed on shift T of the same event, which staff then
 * move onto S, so C's cancellation skips W (they keep their place in the queue) and S has a free place.
 */
async function skippedVolunteer() {
	const day = farFuture();
	const { event, shift: s } = await arrangeEvent({
		start: new Date(day.getTime() + 2 * HOUR),
		places: 1,
		hours: 1
	});
	const t = await arrangeShift(event.id, new Date(day.getTime() + 5 * HOUR), 1, 1);
	const [c, w] = await Promise.all([createVolunteer(), createVolunteer()]);
	const sc = await c.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: c.record.id });
	const sw = await w.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: w.record.id });
	const tw = await w.pb.collection('signups').create<SignupRecord>({ shift: t.id, user: w.record.id });
	expect([sc.status, sw.status, tw.status]).toEqual(['confirmed', 'waitlisted', 'confirmed']);
	const staff = await createUser({ staff: true });
	await staff.pb.collection('shifts').update(t.id, {
		start: new Date(day.getTime() + 2.5 * HOUR),
		end: new Date(day.getTime() + 3.5 * HOUR)
	});
	await c.pb.collection('signups').update(sc.id, { status: 'cancelled' });
	expect(await statusOf('signups', sw.id)).toBe('waitlisted');
	const system = await systemClient();
	expect((await system.collection('shifts').getOne(s.id)).taken).toBe(0);
	return { day, s, t, w, sw, tw, staff };
}

describe('the system correcting a place onto another shift or event', () => {
	it('brings the place’s old shift in line too: its counter, and its waitlist moves up', async () => {
		const start = farFuture();
		const { event, shift: first } = await arrangeEvent({ start, places: 1 });
		const second = await arrangeShift(event.id, new Date(start.getTime() + 4 * HOUR), 1, 2);
		const [v, w] = await Promise.all([createVolunteer(), createVolunteer()]);
		const sv = await v.pb.collection('signups').create<SignupRecord>({ shift: first.id, user: v.record.id });
		const sw = await w.pb.collection('signups').create<SignupRecord>({ shift: first.id, user: w.record.id });
		expect([sv.status, sw.status]).toEqual(['confirmed', 'waitlisted']);
		const system = await systemClient();
		// a volunteer written on the wrong shift, moved to the right one by the house's maintenance
		await system.collection('signups').update(sv.id, { shift: second.id });
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		const taken = async (id: string) =>
			(await system.collection('shifts').getOne<{ taken: number }>(id)).taken;
		expect([await taken(first.id), await taken(second.id)]).toEqual([1, 1]);
		expect(await inbox(w, 'events_promoted')).toHaveLength(1);
	});

	it('brings a ticket’s old event in line too', async () => {
		const { event: one } = await arrangeEvent({ capacity: 1 });
		const { event: two } = await arrangeEvent({ capacity: 2 });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const ra = await a.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: one.id, user: a.record.id });
		const rb = await b.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: one.id, user: b.record.id });
		expect([ra.status, rb.status]).toEqual(['confirmed', 'waitlisted']);
		const system = await systemClient();
		await system.collection('registrations').update(ra.id, { event: two.id });
		expect(await statusOf('registrations', rb.id)).toBe('confirmed');
		const taken = async (id: string) =>
			(await system.collection('events').getOne<{ taken: number }>(id)).taken;
		expect([await taken(one.id), await taken(two.id)]).toEqual([1, 1]);
	});
});

describe('the waitlist with registration switched off', () => {
	it('still moves those already waiting up when a place is freed or added, and takes no one new', async () => {
		const { event } = await arrangeEvent({ capacity: 1 });
		const [a, b, c, late] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
		const register = (who: TestUser) =>
			who.pb.collection('registrations').create<RegistrationRecord>({ event: event.id, user: who.record.id });
		const first = await register(a);
		const second = await register(b);
		const third = await register(c);
		expect([first.status, second.status, third.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
		const system = await systemClient();
		await system.collection('events').update(event.id, { registration: false });
		await expect(register(late)).rejects.toMatchObject({ status: 400 });
		// a place freed: the first in line gets it
		await system.collection('registrations').update(first.id, { status: 'cancelled' });
		expect(await statusOf('registrations', second.id)).toBe('confirmed');
		expect(await statusOf('registrations', third.id)).toBe('waitlisted');
		// a place added: the next one
		await system.collection('events').update(event.id, { capacity: 2 });
		expect(await statusOf('registrations', third.id)).toBe('confirmed');
	});
});

describe('a skipped waiting volunteer keeps their turn', () => {
	it('moves them up when staff move the overlapping shift away, before any newcomer', async () => {
		const { day, s, t, w, sw, staff } = await skippedVolunteer();
		await staff.pb.collection('shifts').update(t.id, {
			start: new Date(day.getTime() + 5 * HOUR),
			end: new Date(day.getTime() + 6 * HOUR)
		});
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect(await inbox(w, 'events_promoted')).toHaveLength(1);
		const n = await createVolunteer();
		const sn = await n.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: n.record.id });
		expect(sn.status).toBe('waitlisted');
		const system = await systemClient();
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
	});

	it('moves them up when their overlapping shift is cancelled', async () => {
		const { s, w, sw, tw, staff } = await skippedVolunteer();
		await staff.pb.collection('signups').update(tw.id, { status: 'cancelled' });
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		const system = await systemClient();
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
		expect(await inbox(w, 'events_promoted')).toHaveLength(1);
	});

	it('moves them up when the system removes their overlapping sign-up, before any newcomer', async () => {
		for (let round = 0; round < 2; round++) {
			const { s, w, sw, tw } = await skippedVolunteer();
			// the system removes W's sign-up for T (maintenance): the place W was passed over for is theirs, as
			// after a cancellation of T, in the delete's transaction
			const system = await systemClient();
			await system.collection('signups').delete(tw.id);
			expect(await statusOf('signups', sw.id)).toBe('confirmed');
			const [n1, n2] = await Promise.all([createVolunteer(), createVolunteer()]);
			const [a, b] = await Promise.all([
				n1.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: n1.record.id }),
				n2.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: n2.record.id })
			]);
			expect([a.status, b.status]).toEqual(['waitlisted', 'waitlisted']);
			expect(await statusOf('signups', sw.id)).toBe('confirmed');
			expect(await inbox(w, 'events_promoted')).toHaveLength(1);
			expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
		}
	});
});

describe('the system correcting a place by hand', () => {
	it('moves a volunteer passed over for that place up when it is no longer confirmed', async () => {
		const { s, w, sw, tw } = await skippedVolunteer();
		const system = await systemClient();
		// W's place on T written off as cancelled from the paper list, with its date
		await system
			.collection('signups')
			.update(tw.id, { status: 'cancelled', cancelled_at: new Date(Date.now() - HOUR) });
		expect(await statusOf('signups', tw.id)).toBe('cancelled');
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
		expect(await inbox(w, 'events_promoted')).toHaveLength(1);
	});

	it('moves a volunteer passed over for that place up when the place is written on another person', async () => {
		const { s, t, sw, tw } = await skippedVolunteer();
		const other = await createVolunteer();
		const system = await systemClient();
		await system.collection('signups').update(tw.id, { user: other.record.id });
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
		expect((await system.collection('shifts').getOne(t.id)).taken).toBe(1);
	});
});

describe('the system deleting a shift or an event with places', () => {
	it('moves a volunteer passed over for holding its shift up', async () => {
		const { s, t, w, sw } = await skippedVolunteer();
		const system = await systemClient();
		await system.collection('shifts').delete(t.id);
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
		expect(await inbox(w, 'events_promoted')).toHaveLength(1);
	});

	it('moves a volunteer passed over for holding a shift of the deleted event up', async () => {
		const day = farFuture();
		const { shift: s } = await arrangeEvent({
			start: new Date(day.getTime() + 2 * HOUR),
			places: 1,
			hours: 1
		});
		const { event: other, shift: t } = await arrangeEvent({
			start: new Date(day.getTime() + 5 * HOUR),
			places: 1,
			hours: 1
		});
		const [c, w] = await Promise.all([createVolunteer(), createVolunteer()]);
		const sc = await c.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: c.record.id });
		const sw = await w.pb.collection('signups').create<SignupRecord>({ shift: s.id, user: w.record.id });
		const tw = await w.pb.collection('signups').create<SignupRecord>({ shift: t.id, user: w.record.id });
		expect([sc.status, sw.status, tw.status]).toEqual(['confirmed', 'waitlisted', 'confirmed']);
		const staff = await createUser({ staff: true });
		// the other event's shift set up at the time W waits for, so C's leaving passes W over
		await staff.pb.collection('shifts').update(t.id, {
			start: new Date(day.getTime() + 2.5 * HOUR),
			end: new Date(day.getTime() + 3.5 * HOUR)
		});
		await c.pb.collection('signups').update(sc.id, { status: 'cancelled' });
		expect(await statusOf('signups', sw.id)).toBe('waitlisted');
		const system = await systemClient();
		await system.collection('events').delete(other.id);
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
	});
});

describe('a waiting volunteer who withdrew the volunteer terms', () => {
	it('is not moved up and keeps their turn, and accepting the terms again moves them up at once', async () => {
		const staff = await createUser({ staff: true });
		const { shift } = await arrangeEvent({ places: 1 });
		const [a, v, w] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const sv = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const sw = await w.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: w.record.id });
		expect([sa.status, sv.status, sw.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
		await v.pb.collection('users').update(v.record.id, { volunteer_terms_at: '' });
		// a place added: the next one with the terms moves up, V keeps the first place on the list
		await staff.pb.collection('shifts').update(shift.id, { places: 2 });
		expect(await statusOf('signups', sv.id)).toBe('waitlisted');
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect(await inbox(v, 'events_promoted')).toHaveLength(0);
		// a place freed: nobody with the terms waits, so it stays free
		await staff.pb.collection('signups').update(sa.id, { status: 'cancelled' });
		expect(await statusOf('signups', sv.id)).toBe('waitlisted');
		const system = await systemClient();
		expect((await system.collection('shifts').getOne(shift.id)).taken).toBe(1);
		// the terms accepted again: the free place is V's in the same write, and V is told once
		await v.pb.collection('users').update(v.record.id, { volunteer_terms_at: new Date() });
		expect(await statusOf('signups', sv.id)).toBe('confirmed');
		expect((await system.collection('shifts').getOne(shift.id)).taken).toBe(2);
		expect(await inbox(v, 'events_promoted')).toHaveLength(1);
	});
});

describe('the waitlist around the start', () => {
	it('moves a skipped volunteer up when staff move the shift they wait for away from the overlap', async () => {
		const { day, s, w, sw, staff } = await skippedVolunteer();
		await staff.pb.collection('shifts').update(s.id, {
			start: new Date(day.getTime() + 4 * HOUR),
			end: new Date(day.getTime() + 5 * HOUR)
		});
		expect(await statusOf('signups', sw.id)).toBe('confirmed');
		expect(await inbox(w, 'events_promoted')).toHaveLength(1);
		const system = await systemClient();
		expect((await system.collection('shifts').getOne(s.id)).taken).toBe(1);
	});

	it('moves nobody up into an event or a shift that has begun, and the person cannot undo a place then', async () => {
		const { event, shift } = await arrangeEvent({
			start: new Date(Date.now() + 4 * DAY),
			places: 1,
			capacity: 1
		});
		const [a, b] = [await createVolunteer(), await createVolunteer()];
		const ra = await a.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: a.record.id });
		const rb = await b.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: b.record.id });
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const sb = await b.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: b.record.id });
		expect([ra.status, rb.status, sa.status, sb.status]).toEqual([
			'confirmed',
			'waitlisted',
			'confirmed',
			'waitlisted'
		]);
		// the event began an hour ago
		const system = await systemClient();
		const begun = { start: new Date(Date.now() - HOUR), end: new Date(Date.now() + HOUR) };
		await system.collection('events').update(event.id, begun);
		await system.collection('shifts').update(shift.id, begun);

		// the attendee who did not come cannot cancel afterwards (the no-show would vanish)
		const own = await a.pb
			.collection('registrations')
			.update(ra.id, { status: 'cancelled' })
			.catch((err: { response: { data: Record<string, { code: string }> } }) => err.response.data);
		expect(own).toMatchObject({ form: { code: 'events_cancel_started' } });
		expect(await statusOf('registrations', ra.id)).toBe('confirmed');

		// staff may correct it, but nobody on the waitlist is moved up into what has begun
		const staff = await createUser({ staff: true });
		await staff.pb.collection('registrations').update(ra.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(sa.id, { status: 'cancelled' });
		expect(await statusOf('registrations', rb.id)).toBe('waitlisted');
		expect(await statusOf('signups', sb.id)).toBe('waitlisted');
		expect(await inbox(b, 'events_promoted')).toHaveLength(0);
		expect((await system.collection('events').getOne(event.id)).taken).toBe(0);
		expect((await system.collection('shifts').getOne(shift.id)).taken).toBe(0);
		// nor can a place still waiting be given up then: it is history too
		const waiting = await b.pb
			.collection('registrations')
			.update(rb.id, { status: 'cancelled' })
			.catch((err: { response: { data: Record<string, { code: string }> } }) => err.response.data);
		expect(waiting).toMatchObject({ form: { code: 'events_waitlist_started' } });
		expect(await statusOf('registrations', rb.id)).toBe('waitlisted');
	});

	it('lets a waiting volunteer leave the waitlist inside the cut-off, not a confirmed one', async () => {
		const { shift } = await arrangeEvent({ start: new Date(Date.now() + DAY), places: 1 });
		const [a, b] = [await createVolunteer(), await createVolunteer()];
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const sb = await b.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: b.record.id });
		expect([sa.status, sb.status]).toEqual(['confirmed', 'waitlisted']);
		const late = await a.pb
			.collection('signups')
			.update(sa.id, { status: 'cancelled' })
			.catch((err: { response: { data: Record<string, { code: string }> } }) => err.response.data);
		expect(late).toMatchObject({ form: { code: 'events_cancel_too_late' } });
		await b.pb.collection('signups').update(sb.id, { status: 'cancelled' });
		expect(await statusOf('signups', sb.id)).toBe('cancelled');
		expect(await statusOf('signups', sa.id)).toBe('confirmed');
	});
});

/** The refusal code of a write, or '' when it went through. */
async function refusal(write: Promise<unknown>): Promise<string> {
	return write.then(
		() => '',
		(err: { response?: { data?: Record<string, { code?: string }> } }) =>
			err.response?.data?.form?.code ?? JSON.stringify(err.response?.data ?? err)
	);
}

/**
 * A full shift a day ahead (inside the cut-off): one confirmed volunteer (`held`), two waiting (`first`,
 * `second`, in that order), and a staff member.
 */
async function fullShiftInsideCutoff() {
	const { event, shift } = await arrangeEvent({ start: new Date(Date.now() + DAY), places: 1 });
	const [a, b, c, staff] = [
		await createVolunteer(),
		await createVolunteer(),
		await createVolunteer(),
		await createUser({ staff: true })
	];
	const held = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
	const first = await b.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: b.record.id });
	const second = await c.pb
		.collection('signups')
		.create<SignupRecord>({ shift: shift.id, user: c.record.id });
	expect([held.status, first.status, second.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
	return { event, shift, a, b, c, staff, held, first, second };
}

async function takenOf(shiftId: string): Promise<number> {
	const system = await systemClient();
	return (await system.collection('shifts').getOne<ShiftRecord & { taken: number }>(shiftId)).taken;
}

// docs/rules.md, "Places, the waitlist and overlapping shifts": a volunteer who leaves the waitlist inside the
// cut-off just as a promotion reaches them is let go; a confirmed place held knowingly is not.
describe('leaving the waitlist as a promotion reaches the person', () => {
	it('lets a volunteer leave whom a promotion reached just before, and moves the next one up', async () => {
		const { shift, b, staff, held, first, second } = await fullShiftInsideCutoff();
		// staff take the confirmed volunteer off: the first waiting one is moved up
		await staff.pb.collection('signups').update(held.id, { status: 'cancelled' });
		expect(await statusOf('signups', first.id)).toBe('confirmed');
		// their "leave the waitlist", sent from the page that showed them waiting, arrives after it
		await b.pb.collection('signups').update(first.id, { status: 'cancelled', seen: 'waitlisted' });
		expect(await statusOf('signups', first.id)).toBe('cancelled');
		expect(await statusOf('signups', second.id)).toBe('confirmed');
		expect(await takenOf(shift.id)).toBe(1);
		const system = await systemClient();
		// their own act: not marked as cancelled by the house
		expect((await system.collection('signups').getOne(first.id)).cancelled_by_house).toBe(false);
	});

	it('lets the volunteer go when the leave arrives first, and moves the next one up', async () => {
		const { shift, b, staff, held, first, second } = await fullShiftInsideCutoff();
		await b.pb.collection('signups').update(first.id, { status: 'cancelled', seen: 'waitlisted' });
		await staff.pb.collection('signups').update(held.id, { status: 'cancelled' });
		expect(await statusOf('signups', first.id)).toBe('cancelled');
		expect(await statusOf('signups', second.id)).toBe('confirmed');
		expect(await takenOf(shift.id)).toBe(1);
	});

	it('lets the volunteer go when the leave and the promotion arrive at once', async () => {
		const { shift, b, staff, held, first, second } = await fullShiftInsideCutoff();
		await Promise.all([
			staff.pb.collection('signups').update(held.id, { status: 'cancelled' }),
			b.pb.collection('signups').update(first.id, { status: 'cancelled', seen: 'waitlisted' })
		]);
		expect(await statusOf('signups', held.id)).toBe('cancelled');
		expect(await statusOf('signups', first.id)).toBe('cancelled');
		expect(await statusOf('signups', second.id)).toBe('confirmed');
		expect(await takenOf(shift.id)).toBe(1);
	});

	it('still refuses a confirmed place the volunteer took themselves, whatever the request says', async () => {
		const { a, held } = await fullShiftInsideCutoff();
		expect(
			await refusal(a.pb.collection('signups').update(held.id, { status: 'cancelled', seen: 'waitlisted' }))
		).toBe('events_cancel_too_late');
		expect(await statusOf('signups', held.id)).toBe('confirmed');
	});

	it('still refuses a place moved up and then taken again by the volunteer themselves', async () => {
		const { b, staff, held, first, second } = await fullShiftInsideCutoff();
		await staff.pb.collection('signups').update(second.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(held.id, { status: 'cancelled' });
		expect(await statusOf('signups', first.id)).toBe('confirmed');
		// staff take them off too, and they sign up again for the place now free: their own choice
		await staff.pb.collection('signups').update(first.id, { status: 'cancelled' });
		const { shift } = await systemClient().then((system) => system.collection('signups').getOne(first.id));
		const again = await b.pb.collection('signups').create<SignupRecord>({ shift, user: b.record.id });
		expect([again.id, again.status]).toEqual([first.id, 'confirmed']);
		expect(
			await refusal(b.pb.collection('signups').update(first.id, { status: 'cancelled', seen: 'waitlisted' }))
		).toBe('events_cancel_too_late');
		expect(await statusOf('signups', first.id)).toBe('confirmed');
	});

	it('still refuses a place moved up longer ago, or one the volunteer saw confirmed', async () => {
		const { b, staff, held, first, second } = await fullShiftInsideCutoff();
		await staff.pb.collection('signups').update(held.id, { status: 'cancelled' });
		expect(await statusOf('signups', first.id)).toBe('confirmed');
		// the page showed the confirmed place: a cancel from it is a confirmed place's
		expect(
			await refusal(b.pb.collection('signups').update(first.id, { status: 'cancelled', seen: 'confirmed' }))
		).toBe('events_cancel_too_late');
		expect(await refusal(b.pb.collection('signups').update(first.id, { status: 'cancelled' }))).toBe(
			'events_cancel_too_late'
		);
		// moved up longer ago than the leave's minutes: the place is theirs like any confirmed one
		const system = await systemClient();
		await system
			.collection('signups')
			.update(first.id, { promoted_at: new Date(Date.now() - 16 * 60_000).toISOString() });
		expect(
			await refusal(b.pb.collection('signups').update(first.id, { status: 'cancelled', seen: 'waitlisted' }))
		).toBe('events_cancel_too_late');
		expect(await statusOf('signups', first.id)).toBe('confirmed');
		expect(await statusOf('signups', second.id)).toBe('waitlisted');
		// the field is the server's: nobody else sets it
		expect(
			await b.pb
				.collection('signups')
				.update(first.id, { promoted_at: new Date().toISOString() })
				.then(
					() => '',
					(err: { response?: { data?: Record<string, { code?: string }> } }) =>
						err.response?.data?.promoted_at?.code ?? ''
				)
		).toBe('events_field_locked');
	});

	it('the event page, Mit overblik and the shifts page send the waitlist place they showed', async () => {
		const { event, shift, b, staff, held, first, second } = await fullShiftInsideCutoff();
		const session = new AppSession();
		expect((await session.signIn(b.email, b.password)).status).toBe(303);
		const seen = 'name="seen" value="waitlisted"';
		for (const path of [`/arrangementer/${event.id}`, '/overblik', '/frivillig']) {
			expect(await (await session.get(path)).text(), path).toContain(seen);
		}
		await staff.pb.collection('signups').update(held.id, { status: 'cancelled' });
		expect(await statusOf('signups', first.id)).toBe('confirmed');
		// the form as the page showed it, sent after the promotion
		const response = await session.post(`/arrangementer/${event.id}?/cancelSignup`, {
			id: first.id,
			seen: 'waitlisted'
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Du er ikke længere på ventelisten til vagten Billetkontrol.');
		expect(await statusOf('signups', first.id)).toBe('cancelled');
		expect(await statusOf('signups', second.id)).toBe('confirmed');
		expect(await takenOf(shift.id)).toBe(1);
	});
});

/**
 * An event with `capacity` places starting `startsIn` ms from now, each place taken by a guest in turn
 * (`held`), and three guests waiting (`first`, `second`, `third`, in that order), and a staff member.
 */
async function fullEvent(capacity: number, startsIn: number) {
	const people = await Promise.all(
		Array.from({ length: capacity + 3 }, () => createUser({ name: 'Test Gæst' }))
	);
	const staff = await createUser({ staff: true });
	const { event } = await arrangeEvent({ start: new Date(Date.now() + startsIn), capacity });
	const rows: RegistrationRecord[] = [];
	for (const person of people) {
		rows.push(
			await person.pb
				.collection('registrations')
				.create<RegistrationRecord>({ event: event.id, user: person.record.id })
		);
	}
	expect(rows.map((r) => r.status)).toEqual([
		...Array.from({ length: capacity }, () => 'confirmed'),
		'waitlisted',
		'waitlisted',
		'waitlisted'
	]);
	const [first, second, third] = rows.slice(capacity);
	const [b, c, d] = people.slice(capacity);
	return {
		event,
		staff,
		held: rows.slice(0, capacity),
		holders: people.slice(0, capacity),
		first: first!,
		second: second!,
		third: third!,
		b: b!,
		c: c!,
		d: d!
	};
}

async function eventTakenOf(eventId: string): Promise<number> {
	const system = await systemClient();
	return (await system.collection('events').getOne<{ taken: number }>(eventId)).taken;
}

// docs/rules.md, "Places, the waitlist and overlapping shifts": once a shift or an event has begun, a place
// still waiting for it is history as a confirmed one is (the person waited and got no place). Its person can
// no longer give it up, through the API, the app's forms or the desk; staff still can.
describe('a place still waiting once the shift or event has begun', () => {
	/** An event and its shift, each with one place held and one person waiting, begun an hour ago. */
	async function begunWithWaiting() {
		const { event, shift } = await arrangeEvent({ start: farFuture(), places: 1, capacity: 1 });
		const [a, b, other, staff] = [
			await createVolunteer(),
			await createVolunteer(),
			await createVolunteer(),
			await createUser({ staff: true })
		];
		await a.pb.collection('registrations').create({ event: event.id, user: a.record.id });
		await a.pb.collection('signups').create({ shift: shift.id, user: a.record.id });
		const registration = await b.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: b.record.id });
		const signup = await b.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: b.record.id });
		expect([registration.status, signup.status]).toEqual(['waitlisted', 'waitlisted']);
		const system = await systemClient();
		const begun = { start: new Date(Date.now() - HOUR), end: new Date(Date.now() + HOUR) };
		await system.collection('events').update(event.id, begun);
		await system.collection('shifts').update(shift.id, begun);
		return { event, shift, b, other, staff, registration, signup };
	}

	/** The fields of a place that its person's refused write must leave as they were. */
	async function stored(collection: 'signups' | 'registrations', id: string) {
		const system = await systemClient();
		const row = await system.collection(collection).getOne(id);
		return {
			status: row.status,
			cancelled_at: row.cancelled_at,
			off_waitlist_by_house: row.off_waitlist_by_house,
			placed_at: row.placed_at,
			updated: row.updated
		};
	}

	it('refuses the person leaving it through the API, with their own token or another’s, and leaves the row as it was', async () => {
		const { b, other, registration, signup } = await begunWithWaiting();
		for (const [collection, row] of [
			['signups', signup],
			['registrations', registration]
		] as const) {
			const before = await stored(collection, row.id);
			for (const body of [
				{ status: 'cancelled' },
				{ status: 'cancelled', seen: 'waitlisted' },
				{ status: 'cancelled', seen: 'confirmed' }
			]) {
				expect(await refusal(b.pb.collection(collection).update(row.id, body)), JSON.stringify(body)).toBe(
					'events_waitlist_started'
				);
			}
			// every other field, and any other status, stays the server's, as before it began
			const fields: [string, unknown][] = [
				['status', 'confirmed'],
				['status', 'waitlisted'],
				['cancelled_at', new Date().toISOString()],
				['placed_at', new Date().toISOString()],
				['promoted_at', new Date().toISOString()],
				['off_waitlist_by_house', true],
				['cancelled_by_house', true],
				['user', other.record.id]
			];
			for (const [field, value] of fields) {
				expect(await refusal(b.pb.collection(collection).update(row.id, { [field]: value })), field).not.toBe(
					''
				);
			}
			// no delete for anyone but the system, and nobody else's token reaches the row
			expect(await refusal(b.pb.collection(collection).delete(row.id))).not.toBe('');
			expect(await refusal(other.pb.collection(collection).update(row.id, { status: 'cancelled' }))).not.toBe(
				''
			);
			expect(await stored(collection, row.id)).toEqual(before);
		}
	});

	it('refuses it at the desk too, with a reason or without, and two leaves at once change nothing', async () => {
		const { b, staff, registration, signup } = await begunWithWaiting();
		for (const [collection, row] of [
			['signups', signup],
			['registrations', registration]
		] as const) {
			const before = await stored(collection, row.id);
			for (const headers of [
				{ 'X-Borgerhus-For': b.record.id } as Record<string, string>,
				{ 'X-Borgerhus-For': b.record.id, 'X-Borgerhus-Override': encodeURIComponent('borgeren ringede') }
			]) {
				expect(
					await refusal(staff.pb.collection(collection).update(row.id, { status: 'cancelled' }, { headers }))
				).toBe('events_waitlist_started');
			}
			const both = await Promise.all([
				refusal(b.pb.collection(collection).update(row.id, { status: 'cancelled' }, { requestKey: null })),
				refusal(
					b.pb
						.collection(collection)
						.update(row.id, { status: 'cancelled', seen: 'waitlisted' }, { requestKey: null })
				)
			]);
			expect(both).toEqual(['events_waitlist_started', 'events_waitlist_started']);
			expect(await stored(collection, row.id)).toEqual(before);
		}
	});

	it('lets staff still take the person off, also when the person’s leave arrives at once', async () => {
		const { event, shift, b, staff, registration, signup } = await begunWithWaiting();
		for (const [collection, row] of [
			['signups', signup],
			['registrations', registration]
		] as const) {
			const [own, house] = await Promise.all([
				refusal(b.pb.collection(collection).update(row.id, { status: 'cancelled' }, { requestKey: null })),
				refusal(staff.pb.collection(collection).update(row.id, { status: 'cancelled' }, { requestKey: null }))
			]);
			expect(house).toBe('');
			expect(own).not.toBe('');
			const system = await systemClient();
			expect(await system.collection(collection).getOne(row.id)).toMatchObject({
				status: 'cancelled',
				off_waitlist_by_house: true,
				cancelled_by_house: false
			});
		}
		expect(await eventTakenOf(event.id)).toBe(1);
		expect(await takenOf(shift.id)).toBe(1);
	});

	it('the event page, the shifts page, Mit overblik, the desk and their forms: no leave offered, the reason said, the form refused', async () => {
		const { event, b, staff, registration, signup } = await begunWithWaiting();
		const session = new AppSession();
		expect((await session.signIn(b.email, b.password)).status).toBe(303);
		const page = await (await session.get(`/arrangementer/${event.id}`)).text();
		expect(page).not.toContain('action="?/cancelRegistration"');
		expect(page).not.toContain('action="?/cancelSignup"');
		expect(page.match(/Det er begyndt, så ventelisten er lukket/g)).toHaveLength(2);
		const shifts = await (await session.get('/frivillig')).text();
		expect(shifts).not.toContain('action="?/cancel"');
		expect(shifts).toContain('Det er begyndt, så ventelisten er lukket');
		expect(shifts).not.toContain('Vagten begynder snart');
		const overview = await (await session.get('/overblik')).text();
		expect(overview).not.toContain('action="?/cancel"');
		expect(overview.match(/Det er begyndt, så ventelisten er lukket/g)).toHaveLength(2);
		// the desk's page of the citizen offers no override for it either, and says why
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		const citizen = await (await desk.get(`/personale/borgere/${b.record.id}`)).text();
		expect(citizen).not.toContain('action="?/cancel"');
		// counted in the page's markup: its data, which the browser takes over with, holds the cards' words too
		const shown = citizen.replace(/<script[\s\S]*?<\/script>/g, '');
		expect(shown.match(/borgeren kan ikke længere forlade den/g)).toHaveLength(2);
		for (const [path, id] of [
			[`/arrangementer/${event.id}?/cancelRegistration`, registration.id],
			[`/arrangementer/${event.id}?/cancelSignup`, signup.id],
			['/frivillig?/cancel', signup.id]
		] as const) {
			const response = await session.post(path, { id, seen: 'waitlisted' });
			expect(response.status, path).toBe(400);
			expect(await response.text(), path).toContain('så du kan ikke længere forlade ventelisten');
		}
		expect(await statusOf('registrations', registration.id)).toBe('waitlisted');
		expect(await statusOf('signups', signup.id)).toBe('waitlisted');
	});
});

// docs/rules.md, "Places, the waitlist and overlapping shifts": registrations have no cut-off before the
// event begins, so the leave of the waitlist matters for a promotion just before the start. The guest is let
// go, before the start or just after it; a confirmed place held knowingly is still theirs once it has begun.
describe('leaving the waitlist of an event as a promotion reaches the guest just before it starts', () => {
	it('lets the guest go when the leave arrives before the start, and moves the next one up', async () => {
		const { event, staff, held, first, second, b } = await fullEvent(1, 10 * 60_000);
		const session = new AppSession();
		expect((await session.signIn(b.email, b.password)).status).toBe(303);
		expect(await (await session.get(`/arrangementer/${event.id}`)).text()).toContain(
			'name="seen" value="waitlisted"'
		);
		// ten minutes before the start staff take the confirmed guest off: the first waiting one is moved up
		await staff.pb.collection('registrations').update(held[0]!.id, { status: 'cancelled' });
		expect(await statusOf('registrations', first.id)).toBe('confirmed');
		// their "Afmeld" from the page that showed them waiting arrives after it
		const response = await session.post(`/arrangementer/${event.id}?/cancelRegistration`, {
			id: first.id,
			seen: 'waitlisted'
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Du er ikke længere på ventelisten.');
		expect(await statusOf('registrations', first.id)).toBe('cancelled');
		expect(await statusOf('registrations', second.id)).toBe('confirmed');
		expect(await eventTakenOf(event.id)).toBe(1);
		const system = await systemClient();
		expect((await system.collection('registrations').getOne(first.id)).cancelled_by_house).toBe(false);
	});

	it('lets the guest go when the leave arrives just after the start, moving nobody up into what has begun; a place held knowingly stays', async () => {
		// three places: one kept by the guest who took it, two given up so that two waiting guests move up
		const { event, staff, held, holders, first, second, third, b, c, d } = await fullEvent(3, 10 * 60_000);
		await staff.pb.collection('registrations').update(held[1]!.id, { status: 'cancelled' });
		await staff.pb.collection('registrations').update(held[2]!.id, { status: 'cancelled' });
		expect(await statusOf('registrations', first.id)).toBe('confirmed');
		expect(await statusOf('registrations', second.id)).toBe('confirmed');
		// the event begins a moment after the promotions, however long they took (the system moves it there)
		const system = await systemClient();
		const start = Date.now() + 1_000;
		await system.collection('events').update(event.id, {
			start: new Date(start).toISOString(),
			end: new Date(start + 2 * 3_600_000).toISOString()
		});
		const promotedAt = (await system.collection('registrations').getOne(first.id)).promoted_at as string;
		expect(Date.parse(promotedAt.replace(' ', 'T'))).toBeLessThan(start);
		// the leave, sent from the waitlist place the guest saw, arrives once the event has begun
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now()) + 500));
		await b.pb.collection('registrations').update(first.id, { status: 'cancelled', seen: 'waitlisted' });
		expect(await statusOf('registrations', first.id)).toBe('cancelled');
		expect((await system.collection('registrations').getOne(first.id)).cancelled_by_house).toBe(false);
		// the place stays free: nobody is moved up into an event that has begun
		expect(await statusOf('registrations', third.id)).toBe('waitlisted');
		expect(await inbox(d, 'events_promoted')).toHaveLength(0);
		expect(await eventTakenOf(event.id)).toBe(2);

		// a place the guest took themselves is attendance or a no-show now, whatever the request says
		expect(
			await refusal(
				holders[0]!.pb
					.collection('registrations')
					.update(held[0]!.id, { status: 'cancelled', seen: 'waitlisted' })
			)
		).toBe('events_cancel_started');
		// so is a place moved up that the page showed confirmed, or whose page said nothing
		expect(
			await refusal(
				c.pb.collection('registrations').update(second.id, { status: 'cancelled', seen: 'confirmed' })
			)
		).toBe('events_cancel_started');
		expect(await refusal(c.pb.collection('registrations').update(second.id, { status: 'cancelled' }))).toBe(
			'events_cancel_started'
		);
		// and one moved up longer ago than the leave's minutes
		await system
			.collection('registrations')
			.update(second.id, { promoted_at: new Date(Date.now() - 16 * 60_000).toISOString() });
		expect(
			await refusal(
				c.pb.collection('registrations').update(second.id, { status: 'cancelled', seen: 'waitlisted' })
			)
		).toBe('events_cancel_started');
		expect(await statusOf('registrations', held[0]!.id)).toBe('confirmed');
		expect(await statusOf('registrations', second.id)).toBe('confirmed');
		expect(await statusOf('registrations', third.id)).toBe('waitlisted');
		expect(await eventTakenOf(event.id)).toBe(2);
	});
});

describe('more places, answered as stored', () => {
	it('answers staff raising a shift’s places or an event’s capacity with the confirmed places after the waitlist moved up', async () => {
		const { event, shift } = await arrangeEvent({ start: farFuture(), places: 1, capacity: 1 });
		const [v1, v2, a1, a2] = await Promise.all([
			createVolunteer(),
			createVolunteer(),
			createUser(),
			createUser()
		]);
		for (const v of [v1, v2]) {
			await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		}
		for (const a of [a1, a2]) {
			await a.pb
				.collection('registrations')
				.create<RegistrationRecord>({ event: event.id, user: a.record.id });
		}
		const staff = await createUser({ staff: true });
		const system = await systemClient();

		const raisedShift = await staff.pb
			.collection('shifts')
			.update<ShiftRecord & TakenPlaces>(shift.id, { places: 3 });
		const storedShift = await system.collection('shifts').getOne<ShiftRecord & TakenPlaces>(shift.id);
		expect(storedShift.taken).toBe(2);
		expect(raisedShift).toMatchObject({ places: 3, taken: 2, updated: storedShift.updated });

		const raisedEvent = await staff.pb.collection('events').update(event.id, { capacity: 5 });
		const storedEvent = await system.collection('events').getOne(event.id);
		expect(storedEvent.taken).toBe(2);
		expect(raisedEvent).toMatchObject({ capacity: 5, taken: 2, updated: storedEvent.updated });
	});
});
