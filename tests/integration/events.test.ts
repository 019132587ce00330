import { describe, expect, it } from 'vitest';
import { createUser, guestClient, systemClient } from '../helpers/pocketbase';
import type { RegistrationRecord, SignupRecord } from '../../src/lib/pocketbase-types';
import {
	arrangeEvent,
	arrangeShift,
	codeOf,
	createVolunteer,
	doorOpen,
	farFuture,
	refusal,
	statusOf
} from './events-helpers';
import { TICKET_CHECKIN_OPENS_MINUTES } from '$rules/events-rules.js';
import codes from '$rules/core/codes.js';

// Rules 3, 5, 6 of docs/rules.md for shifts and registrations, through PocketBase's API with users' own tokens.

describe('volunteer sign-ups through the API', () => {
	it('decides the status itself and refuses a status sent by the client', async () => {
		const { shift } = await arrangeEvent({ places: 1 });
		const a = await createVolunteer();
		const refused = await refusal(
			a.pb.collection('signups').create({ shift: shift.id, user: a.record.id, status: 'confirmed' })
		);
		expect(refused.status).toBe(400);
		const first = await a.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: a.record.id });
		expect(first.status).toBe('confirmed');
		const b = await createVolunteer();
		const second = await b.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: b.record.id });
		expect(second.status).toBe('waitlisted');
		const system = await systemClient();
		expect((await system.collection('shifts').getOne(shift.id)).taken).toBe(1);
	});

	it('needs the volunteer terms and a sign-in, and only for oneself', async () => {
		const { shift } = await arrangeEvent();
		const citizen = await createUser();
		expect(
			(await refusal(citizen.pb.collection('signups').create({ shift: shift.id, user: citizen.record.id })))
				.status
		).toBe(400);
		const volunteer = await createVolunteer();
		const other = await createVolunteer();
		expect(
			(await refusal(volunteer.pb.collection('signups').create({ shift: shift.id, user: other.record.id })))
				.status
		).toBe(400);
		expect(
			(await refusal(guestClient().collection('signups').create({ shift: shift.id, user: other.record.id })))
				.status
		).toBe(400);
	});

	it('lets exactly the free places win when many sign up at once, in sign-up order', async () => {
		const { shift } = await arrangeEvent({ places: 5 });
		const early = await Promise.all([createVolunteer(), createVolunteer()]);
		for (const v of early) await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		const crowd = await Promise.all(Array.from({ length: 30 }, () => createVolunteer()));
		const results = await Promise.all(
			crowd.map((v) =>
				v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id })
			)
		);
		expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(3);
		expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(27);
		const system = await systemClient();
		const all = await system.collection('signups').getFullList<SignupRecord & { placed_at: string }>({
			filter: system.filter('shift = {:shift}', { shift: shift.id }),
			sort: 'placed_at,id'
		});
		expect(all.filter((s) => s.status === 'confirmed')).toHaveLength(5);
		// every confirmed sign-up came before every waitlisted one
		const lastConfirmed = all.map((s) => s.status).lastIndexOf('confirmed');
		expect(all.slice(0, lastConfirmed + 1).every((s) => s.status === 'confirmed')).toBe(true);
		expect((await system.collection('shifts').getOne(shift.id)).taken).toBe(5);
	}, 90_000); // thirty people arranged one by one: slow on a busy machine

	it('refuses a second sign-up for the same shift, and reopens a cancelled one at the back', async () => {
		const { shift } = await arrangeEvent({ places: 1 });
		const a = await createVolunteer();
		const b = await createVolunteer();
		const first = await a.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const again = await refusal(a.pb.collection('signups').create({ shift: shift.id, user: a.record.id }));
		expect(codeOf(again.error)).toBe('events_already_signed_up');
		await b.pb.collection('signups').create({ shift: shift.id, user: b.record.id });
		await a.pb.collection('signups').update(first.id, { status: 'cancelled' });
		const reopened = await a.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: a.record.id });
		expect(reopened.id).toBe(first.id);
		expect(reopened.status).toBe('waitlisted');
	});

	it('moves the first on the waitlist up at once when a confirmed volunteer cancels, and tells them', async () => {
		const { shift } = await arrangeEvent({ places: 1 });
		const [a, b, c] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const sb = await b.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: b.record.id });
		const sc = await c.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: c.record.id });
		await a.pb.collection('signups').update(sa.id, { status: 'cancelled' });
		expect(await statusOf('signups', sb.id)).toBe('confirmed');
		expect(await statusOf('signups', sc.id)).toBe('waitlisted');
		const inbox = await b.pb.collection('notifications').getFullList({ filter: 'kind = "events_promoted"' });
		expect(inbox).toHaveLength(1);
		expect(
			(await c.pb.collection('notifications').getFullList({ filter: 'kind = "events_promoted"' })).length
		).toBe(0);
	});

	it('tells the volunteer moved up when their shift is, as two shifts of an event may share a task', async () => {
		// a Monday in May, 18:00 and 20:00 house time: two ticket checks of one concert
		const { event, shift: first } = await arrangeEvent({
			start: new Date('2032-05-03T16:00:00Z'),
			places: 1,
			hours: 2
		});
		const system = await systemClient();
		const second = await system.collection('shifts').create({
			event: event.id,
			task: 'Billetkontrol',
			start: '2032-05-03 18:00:00.000Z',
			end: '2032-05-03 20:00:00.000Z',
			places: 1
		});
		const [a, b, english] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
		await system.collection('users').update(english.record.id, { language: 'en' });
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: second.id, user: a.record.id });
		await b.pb.collection('signups').create({ shift: second.id, user: b.record.id });
		const sa2 = await a.pb.collection('signups').create<SignupRecord>({ shift: first.id, user: a.record.id });
		await english.pb.collection('signups').create({ shift: first.id, user: english.record.id });
		await a.pb.collection('signups').update(sa.id, { status: 'cancelled' });
		await a.pb.collection('signups').update(sa2.id, { status: 'cancelled' });
		const promoted = async (person: { pb: typeof a.pb }) =>
			(await person.pb.collection('notifications').getFullList({ filter: 'kind = "events_promoted"' }))[0];
		expect((await promoted(b))?.body).toBe(
			`En plads blev ledig, og du er nu bekræftet på vagten "Billetkontrol" til ${event.title}, mandag 3. maj kl. 20:00–22:00.`
		);
		expect((await promoted(english))?.body).toBe(
			`A place became free, and you are now confirmed for the shift "Billetkontrol" at ${event.title}, Monday 3 May, 18:00–20:00.`
		);
	});

	it('tells a volunteer moved up inside the cut-off that they can no longer cancel it themselves', async () => {
		// a day ahead: inside the 48 hours in which a volunteer cannot cancel a shift themselves
		const { event, shift } = await arrangeEvent({ places: 1, start: new Date(Date.now() + 24 * 3600_000) });
		const [a, b, english] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
		const system = await systemClient();
		await system.collection('users').update(english.record.id, { language: 'en' });
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const sb = await b.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: b.record.id });
		await english.pb.collection('signups').create({ shift: shift.id, user: english.record.id });
		const staff = await createUser({ staff: true });
		const promoted = async (person: { pb: typeof a.pb }) =>
			(await person.pb.collection('notifications').getFullList({ filter: 'kind = "events_promoted"' }))[0];
		await staff.pb.collection('signups').update(sa.id, { status: 'cancelled' });
		expect((await promoted(b))?.body).toMatch(
			new RegExp(
				`^En plads blev ledig, og du er nu bekræftet på vagten "Billetkontrol" til ${event.title}, .+\\. ` +
					'Der er under 48 timer til vagten, så du kan ikke længere afmelde dig selv\\. ' +
					'Kan du ikke komme, så kontakt personalet\\.$'
			)
		);
		await staff.pb.collection('signups').update(sb.id, { status: 'cancelled' });
		expect((await promoted(english))?.body).toMatch(
			new RegExp(
				`^A place became free, and you are now confirmed for the shift "Billetkontrol" at ${event.title}, .+\\. ` +
					'The shift is less than 48 hours away, so you can no longer cancel it yourself\\. ' +
					'If you cannot come, please contact the staff\\.$'
			)
		);
		// outside the cut-off the notice stays as it was (the test above)
		const far = await arrangeEvent({ places: 1 });
		const [c, d] = await Promise.all([createVolunteer(), createVolunteer()]);
		const sc = await c.pb
			.collection('signups')
			.create<SignupRecord>({ shift: far.shift.id, user: c.record.id });
		await d.pb.collection('signups').create({ shift: far.shift.id, user: d.record.id });
		await c.pb.collection('signups').update(sc.id, { status: 'cancelled' });
		// (the cut-off's sentence, not its number: a time such as 09:48 holds "48")
		const notice = (await promoted(d))?.body;
		expect(notice).toMatch(/^En plads blev ledig, og du er nu bekræftet på vagten/);
		expect(notice).not.toContain('Der er under 48 timer til vagten');
	});

	it('keeps one confirmed place when a cancellation races a new sign-up', async () => {
		for (let round = 0; round < 3; round++) {
			const { shift } = await arrangeEvent({ places: 1 });
			const [a, b, c] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
			const sa = await a.pb
				.collection('signups')
				.create<SignupRecord>({ shift: shift.id, user: a.record.id });
			const sb = await b.pb
				.collection('signups')
				.create<SignupRecord>({ shift: shift.id, user: b.record.id });
			const [, sc] = await Promise.all([
				a.pb.collection('signups').update(sa.id, { status: 'cancelled' }),
				c.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: c.record.id })
			]);
			expect(await statusOf('signups', sb.id)).toBe('confirmed');
			expect(await statusOf('signups', sc.id)).toBe('waitlisted');
		}
	});

	it('refuses a shift that overlaps another of the volunteer’s shifts, and allows one that touches it', async () => {
		const start = farFuture();
		const { event, shift } = await arrangeEvent({ start, hours: 2 });
		const overlapping = await arrangeShift(event.id, new Date(start.getTime() + 3600_000), 2);
		const after = await arrangeShift(event.id, new Date(start.getTime() + 2 * 3600_000), 1);
		const v = await createVolunteer();
		await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		const refused = await refusal(
			v.pb.collection('signups').create({ shift: overlapping.id, user: v.record.id })
		);
		expect(refused.status).toBe(400);
		expect(codeOf(refused.error)).toBe('events_shift_overlap');
		const ok = await v.pb.collection('signups').create<SignupRecord>({ shift: after.id, user: v.record.id });
		expect(ok.status).toBe('confirmed');
	});

	it('says so when the overlapping shift is one the volunteer only waits for, in both languages', async () => {
		const start = farFuture();
		const { event, shift: full } = await arrangeEvent({ start, hours: 2, places: 1 });
		const overlapping = await arrangeShift(event.id, new Date(start.getTime() + 3600_000), 2);
		const [holder, v] = await Promise.all([createVolunteer(), createVolunteer()]);
		await holder.pb.collection('signups').create({ shift: full.id, user: holder.record.id });
		const waiting = await v.pb
			.collection('signups')
			.create<SignupRecord>({ shift: full.id, user: v.record.id });
		expect(waiting.status).toBe('waitlisted');
		const refused = await refusal(
			v.pb.collection('signups').create({ shift: overlapping.id, user: v.record.id })
		);
		expect(refused.status).toBe(400);
		// not "you already have a shift at that time": they have none, they wait for one
		expect(codeOf(refused.error)).toBe('events_shift_overlap_waiting');
		expect(codes.events_shift_overlap_waiting?.da).toBe(
			'Du står på ventelisten til en anden vagt på det tidspunkt. Forlad ventelisten først, hvis du hellere vil tage denne vagt.'
		);
		expect(codes.events_shift_overlap_waiting?.en).toBe(
			'You are on the waitlist for another shift at that time. Leave that waitlist first if you would rather take this shift.'
		);
		// left, the volunteer may take the other shift
		await v.pb.collection('signups').update(waiting.id, { status: 'cancelled' });
		const taken = await v.pb
			.collection('signups')
			.create<SignupRecord>({ shift: overlapping.id, user: v.record.id });
		expect(taken.status).toBe('confirmed');
	});

	it('does not hold a volunteer to a waitlist of a shift that has begun, which moves nobody up any more', async () => {
		const now = Date.now();
		const { event, shift: begun } = await arrangeEvent({ start: new Date(now + 2 * 3600_000), places: 1 });
		const [holder, v] = await Promise.all([createVolunteer(), createVolunteer()]);
		await holder.pb.collection('signups').create({ shift: begun.id, user: holder.record.id });
		const waiting = await v.pb
			.collection('signups')
			.create<SignupRecord>({ shift: begun.id, user: v.record.id });
		expect(waiting.status).toBe('waitlisted');
		// the long shift began an hour ago (arranged as found); a short one during it is still to come
		const system = await systemClient();
		await system.collection('shifts').update(begun.id, {
			start: new Date(now - 3600_000),
			end: new Date(now + 5 * 3600_000)
		});
		const later = await arrangeShift(event.id, new Date(now + 3 * 3600_000), 1);
		const taken = await v.pb
			.collection('signups')
			.create<SignupRecord>({ shift: later.id, user: v.record.id });
		expect(taken.status).toBe('confirmed');
	});

	it('refuses a volunteer’s cancellation after the cut-off; staff may still cancel', async () => {
		const { shift } = await arrangeEvent({ start: new Date(Date.now() + 24 * 3600_000), places: 1 });
		const v = await createVolunteer();
		const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const refused = await refusal(v.pb.collection('signups').update(s.id, { status: 'cancelled' }));
		expect(codeOf(refused.error)).toBe('events_cancel_too_late');
		expect(await statusOf('signups', s.id)).toBe('confirmed');
		const staff = await createUser({ staff: true });
		await staff.pb.collection('signups').update(s.id, { status: 'cancelled' });
		expect(await statusOf('signups', s.id)).toBe('cancelled');
	});

	it('lets nobody but the volunteer and staff see a sign-up', async () => {
		const { shift } = await arrangeEvent();
		const v = await createVolunteer();
		const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const other = await createVolunteer();
		const filter = `shift = "${shift.id}"`;
		expect(await other.pb.collection('signups').getFullList({ filter })).toHaveLength(0);
		expect((await refusal(other.pb.collection('signups').getOne(s.id))).status).toBe(404);
		expect(await guestClient().collection('signups').getFullList({ filter })).toHaveLength(0);
		expect(await v.pb.collection('signups').getFullList({ filter })).toHaveLength(1);
		const staff = await createUser({ staff: true });
		expect(await staff.pb.collection('signups').getFullList({ filter })).toHaveLength(1);
		// and nobody can make a waitlisted place confirmed by hand
		const w = await createVolunteer();
		const full = await arrangeEvent({ places: 1 });
		await v.pb.collection('signups').create({ shift: full.shift.id, user: v.record.id });
		const ws = await w.pb
			.collection('signups')
			.create<SignupRecord>({ shift: full.shift.id, user: w.record.id });
		const byHand = await refusal(w.pb.collection('signups').update(ws.id, { status: 'confirmed' }));
		expect([byHand.status, codeOf(byHand.error, 'status')]).toEqual([400, 'events_field_locked']);
		expect(
			(await refusal(staff.pb.collection('signups').update(ws.id, { status: 'confirmed' }))).status
		).toBe(400);
		expect(await statusOf('signups', ws.id)).toBe('waitlisted');
	});

	it('answers bad input with a clear error, never a 500', async () => {
		const v = await createVolunteer();
		const unknown = await refusal(
			v.pb.collection('signups').create({ shift: 'doesnotexist123', user: v.record.id })
		);
		expect(unknown.status).toBe(400);
		const staff = await createUser({ staff: true });
		const start = farFuture();
		const reversed = await refusal(
			staff.pb.collection('events').create({
				title: 'Baglæns',
				start,
				end: new Date(start.getTime() - 3600_000),
				state: 'draft'
			})
		);
		expect(reversed.status).toBe(400);
		expect(codeOf(reversed.error, 'end')).toBe('events_end_before_start');
		const hostile = await refusal(
			staff.pb
				.collection('events')
				.create({ title: 'x'.repeat(5000), start, end: new Date(start.getTime() + 1) })
		);
		expect(hostile.status).toBe(400);
	});
});

describe('attendee registrations through the API', () => {
	it('keeps the house marks right through a place taken off the waitlist, taken again, moved up, cancelled and re-added at the desk', async () => {
		const { event } = await arrangeEvent({ capacity: 1 });
		const [holder, user, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const system = await systemClient();
		const marks = async (id: string) => {
			const row = await system.collection('registrations').getOne<RegistrationRecord>(id);
			return { status: row.status, house: row.cancelled_by_house, off: row.off_waitlist_by_house };
		};
		const held = await holder.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: holder.record.id });
		const mine = await user.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: user.record.id });
		// at the desk staff act as the citizen asks: their own act, no mark
		const desk = { headers: { 'X-Borgerhus-For': user.record.id } };
		await staff.pb.collection('registrations').update(mine.id, { status: 'cancelled' }, desk);
		expect(await marks(mine.id)).toEqual({ status: 'cancelled', house: false, off: false });
		await user.pb.collection('registrations').create({ event: event.id, user: user.record.id });
		// staff take the user off the waitlist
		await staff.pb.collection('registrations').update(mine.id, { status: 'cancelled' });
		expect(await marks(mine.id)).toEqual({ status: 'cancelled', house: false, off: true });
		// the user signs up again: the same row, on the waitlist, neither mark left
		const again = await user.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: user.record.id });
		expect(again.id).toBe(mine.id);
		expect(await marks(mine.id)).toEqual({ status: 'waitlisted', house: false, off: false });
		// moved up when the holder leaves; then staff cancel the confirmed place
		await holder.pb.collection('registrations').update(held.id, { status: 'cancelled' });
		expect(await marks(mine.id)).toEqual({ status: 'confirmed', house: false, off: false });
		await staff.pb.collection('registrations').update(mine.id, { status: 'cancelled' });
		expect(await marks(mine.id)).toEqual({ status: 'cancelled', house: true, off: false });
		// staff add the user again at the desk: active, neither mark left
		await staff.pb.collection('registrations').create({ event: event.id, user: user.record.id }, desk);
		expect(await marks(mine.id)).toEqual({ status: 'confirmed', house: false, off: false });
		// the user's own cancel leaves both marks off; no client sets either, through any update
		await user.pb.collection('registrations').update(mine.id, { status: 'cancelled' });
		expect(await marks(mine.id)).toEqual({ status: 'cancelled', house: false, off: false });
		for (const change of [{ off_waitlist_by_house: true }, { cancelled_by_house: true }]) {
			for (const pb of [user.pb, staff.pb]) {
				expect(
					(await refusal(pb.collection('registrations').update(mine.id, change))).status
				).toBeGreaterThanOrEqual(400);
			}
		}
		expect(await marks(mine.id)).toEqual({ status: 'cancelled', house: false, off: false });
	});

	it('uses the same confirmed / waitlist rule, with a ticket code, and moves up on cancel', async () => {
		const { event } = await arrangeEvent({ capacity: 1 });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const ra = await a.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: a.record.id });
		const rb = await b.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: b.record.id });
		expect(ra.status).toBe('confirmed');
		expect(ra.ticket_code).toMatch(/^[a-z0-9]{24}$/);
		expect(rb.status).toBe('waitlisted');
		await a.pb.collection('registrations').update(ra.id, { status: 'cancelled' });
		expect(await statusOf('registrations', rb.id)).toBe('confirmed');
	});

	it('lets exactly the free places win under concurrency', async () => {
		const { event } = await arrangeEvent({ capacity: 4 });
		const people = await Promise.all(Array.from({ length: 20 }, () => createUser()));
		const results = await Promise.all(
			people.map((p) =>
				p.pb.collection('registrations').create<RegistrationRecord>({ event: event.id, user: p.record.id })
			)
		);
		expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(4);
		const system = await systemClient();
		expect((await system.collection('events').getOne(event.id)).taken).toBe(4);
	}, 90_000); // thirty people arranged one by one: slow on a busy machine

	it('lets staff check in a confirmed ticket once; the attendee cannot check in themselves', async () => {
		const { event } = await arrangeEvent({ capacity: 1, start: doorOpen() });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const ra = await a.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: a.record.id });
		const rb = await b.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: b.record.id });
		// the update rule forbids an attendee checked_in_at: refused by name, nothing changes
		const selfCheckIn = await refusal(
			a.pb.collection('registrations').update(ra.id, { checked_in_at: new Date() })
		);
		expect([selfCheckIn.status, codeOf(selfCheckIn.error, 'checked_in_at')]).toEqual([
			400,
			'events_field_locked'
		]);
		const staff = await createUser({ staff: true });
		// checked_in_at is the server's: staff check in through the named transition, not a field update
		const plain = await refusal(
			staff.pb.collection('registrations').update(ra.id, { checked_in_at: new Date() })
		);
		expect(codeOf(plain.error, 'checked_in_at')).toBe('events_field_locked');
		const checkIn = (id: string) =>
			staff.pb.send(`/api/borgerhus/registrations/${id}/check-in`, { method: 'POST' });
		await checkIn(ra.id);
		const twice = await refusal(checkIn(ra.id));
		expect(codeOf(twice.error)).toBe('events_already_checked_in');
		const waiting = await refusal(checkIn(rb.id));
		expect(codeOf(waiting.error)).toBe('events_ticket_not_confirmed');
		const audit = await staff.pb.collection('audit_log').getFullList({
			filter: staff.pb.filter('target_id = {:id}', { id: ra.id })
		});
		expect(audit.length).toBe(1);
	});

	it('undoes a check-in when its event moves so far that the door has not opened yet', async () => {
		const staff = await createUser({ staff: true });
		const { event } = await arrangeEvent({ capacity: 3, start: doorOpen() });
		const [early, kept] = await Promise.all([createUser(), createUser()]);
		const tickets = await Promise.all(
			[early, kept].map((u) =>
				u.pb.collection('registrations').create<RegistrationRecord>({ event: event.id, user: u.record.id })
			)
		);
		for (const t of tickets)
			await staff.pb.send(`/api/borgerhus/registrations/${t.id}/check-in`, { method: 'POST' });
		const system = await systemClient();
		const moveTo = async (minutes: number) => {
			const start = new Date(Date.now() + minutes * 60_000);
			await staff.pb
				.collection('events')
				.update(event.id, { start, end: new Date(start.getTime() + 2 * 3600_000) });
		};
		// half an hour later: the door is still open, the check-ins stand
		await moveTo(90);
		expect((await system.collection('registrations').getOne(tickets[0]!.id)).checked_in_at).not.toBe('');
		// a week later: not checked in at this event's door; the holder may cancel again
		await moveTo(7 * 24 * 60);
		for (const t of tickets) {
			expect((await system.collection('registrations').getOne(t.id)).checked_in_at).toBe('');
		}
		await early.pb.collection('registrations').update(tickets[0]!.id, { status: 'cancelled' });
		expect((await system.collection('registrations').getOne(tickets[0]!.id)).status).toBe('cancelled');
	});

	it('checks a ticket in only at the door: from three hours before the start until the end', async () => {
		const staff = await createUser({ staff: true });
		const checkIn = (id: string) =>
			staff.pb.send(`/api/borgerhus/registrations/${id}/check-in`, { method: 'POST' });
		const system = await systemClient();
		// a ticket taken while the event lay ahead; then the event is moved to `start` (it may have begun)
		const ticketFor = async (start: Date, hours: number) => {
			const { event } = await arrangeEvent({ capacity: 2 });
			const holder = await createUser();
			const ticket = await holder.pb
				.collection('registrations')
				.create<RegistrationRecord>({ event: event.id, user: holder.record.id });
			await system
				.collection('events')
				.update(event.id, { start, end: new Date(start.getTime() + hours * 3600_000) });
			return ticket;
		};
		const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
		// weeks ahead: a mistyped code must not use it up
		const early = await ticketFor(at(14 * 24 * 60), 2);
		const tooEarly = await refusal(checkIn(early.id));
		expect([tooEarly.status, codeOf(tooEarly.error)]).toEqual([400, 'events_checkin_not_open']);
		// just before the door opens, and just after
		const before = await ticketFor(at(TICKET_CHECKIN_OPENS_MINUTES + 5), 2);
		expect(codeOf((await refusal(checkIn(before.id))).error)).toBe('events_checkin_not_open');
		const open = await ticketFor(at(TICKET_CHECKIN_OPENS_MINUTES - 5), 2);
		await checkIn(open.id);
		// begun, and still on: late arrivals are let in
		const begun = await ticketFor(at(-60), 2);
		await checkIn(begun.id);
		// over: nothing to check in to
		const over = await ticketFor(at(-180), 2);
		const ended = await refusal(checkIn(over.id));
		expect(codeOf(ended.error)).toBe('events_checkin_over');
		for (const ticket of [early, before, over]) {
			expect((await system.collection('registrations').getOne(ticket.id)).checked_in_at).toBe('');
		}
		for (const ticket of [open, begun]) {
			expect((await system.collection('registrations').getOne(ticket.id)).checked_in_at).not.toBe('');
		}
	});
});

describe('staff and events', () => {
	it('cancelling an event cancels every place and tells everyone signed up', async () => {
		const { event, shift } = await arrangeEvent({ capacity: 2, places: 1 });
		const [v1, v2, attendee] = await Promise.all([createVolunteer(), createVolunteer(), createUser()]);
		const s1 = await v1.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: v1.record.id });
		const s2 = await v2.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: v2.record.id });
		const r = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: attendee.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb.collection('events').update(event.id, { state: 'cancelled' });
		expect(await statusOf('signups', s1.id)).toBe('cancelled');
		expect(await statusOf('signups', s2.id)).toBe('cancelled');
		expect(await statusOf('registrations', r.id)).toBe('cancelled');
		for (const person of [v1, v2, attendee]) {
			const inbox = await person.pb
				.collection('notifications')
				.getFullList({ filter: 'kind = "events_cancelled"' });
			expect(inbox).toHaveLength(1);
		}
		// nobody moved up from the waitlist of a cancelled event
		expect(
			await v2.pb.collection('notifications').getFullList({ filter: 'kind = "events_promoted"' })
		).toHaveLength(0);
	});

	it('tells each person of a cancelled event only of the places they held, in their language', async () => {
		const start = farFuture();
		const { event, shift } = await arrangeEvent({ start, capacity: 2, places: 1 });
		const second = await arrangeShift(event.id, new Date(start.getTime() + 3 * 3600_000), 1, 3);
		const [guest, volunteer, both, waiting, english, ticketWaiting] = await Promise.all([
			createUser(),
			createVolunteer(),
			createVolunteer(),
			createVolunteer(),
			createVolunteer(),
			createVolunteer()
		]);
		const system = await systemClient();
		await system.collection('users').update(english.record.id, { language: 'en' });
		await guest.pb.collection('registrations').create({ event: event.id, user: guest.record.id });
		await volunteer.pb.collection('signups').create({ shift: shift.id, user: volunteer.record.id });
		await volunteer.pb.collection('signups').create({ shift: second.id, user: volunteer.record.id });
		await both.pb.collection('registrations').create({ event: event.id, user: both.record.id });
		await both.pb.collection('signups').create({ shift: second.id, user: both.record.id });
		await waiting.pb.collection('signups').create({ shift: shift.id, user: waiting.record.id });
		await english.pb.collection('signups').create({ shift: second.id, user: english.record.id });
		// a ticket (on the event's waitlist: its two places are taken), and a place on the full shift's waitlist
		await ticketWaiting.pb
			.collection('registrations')
			.create({ event: event.id, user: ticketWaiting.record.id });
		await ticketWaiting.pb.collection('signups').create({ shift: shift.id, user: ticketWaiting.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb.collection('events').update(event.id, { state: 'cancelled' });
		const body = async (person: { pb: typeof guest.pb }) => {
			const notes = await person.pb
				.collection('notifications')
				.getFullList<{ body: string }>({ filter: 'kind = "events_cancelled"' });
			expect(notes).toHaveLength(1);
			return notes[0]!.body;
		};
		const title = event.title;
		// a guest with a ticket had no shift, a volunteer no ticket
		expect(await body(guest)).toBe(`${title} er desværre aflyst. Din tilmelding er annulleret.`);
		expect(await body(volunteer)).toBe(`${title} er desværre aflyst. Dine vagter er annulleret.`);
		expect(await body(both)).toBe(`${title} er desværre aflyst. Din tilmelding og din vagt er annulleret.`);
		// one who only waited never had the shift
		expect(await body(waiting)).toBe(
			`${title} er desværre aflyst. Du er ikke længere på ventelisten til vagten.`
		);
		expect(await body(english)).toBe(
			`Unfortunately ${title} has been cancelled. Your shift has been cancelled.`
		);
		// a ticket and only a place on a shift's waitlist: no shift was theirs
		expect(await body(ticketWaiting)).toBe(
			`${title} er desværre aflyst. Din tilmelding er annulleret, og du er ikke længere på ventelisten til vagten.`
		);
	});

	it('moving an event tells everyone with a place, once per move, in their language', async () => {
		const { event, shift } = await arrangeEvent({ capacity: 1, places: 1 });
		const [volunteer, attendee, waiting, gone] = await Promise.all([
			createVolunteer(),
			createUser(),
			createUser(),
			createUser()
		]);
		await volunteer.pb.collection('signups').create({ shift: shift.id, user: volunteer.record.id });
		await attendee.pb.collection('registrations').create({ event: event.id, user: attendee.record.id });
		await waiting.pb.collection('registrations').create({ event: event.id, user: waiting.record.id });
		const left = await gone.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: gone.record.id });
		await gone.pb.collection('registrations').update(left.id, { status: 'cancelled' });
		const system = await systemClient();
		await system.collection('users').update(attendee.record.id, { language: 'en' });
		const staff = await createUser({ staff: true });
		const moved = async (person: { pb: typeof staff.pb }) =>
			person.pb.collection('notifications').getFullList({ filter: 'kind = "events_moved"', sort: 'created' });

		// a new title is no move
		await staff.pb.collection('events').update(event.id, { title: `${event.title} (ny titel)` });
		expect(await moved(attendee)).toHaveLength(0);
		const later = new Date(Date.parse(event.start.replace(' ', 'T')) + 7 * 24 * 3600_000);
		const end = new Date(later.getTime() + 2 * 3600_000);
		await staff.pb.collection('events').update(event.id, { start: later, end });
		const [message] = await moved(waiting);
		expect(message?.title).toBe(`Flyttet: ${event.title} (ny titel)`);
		expect(message?.body).toContain('er flyttet til');
		expect(message?.link).toBe(`/arrangementer/${event.id}`);
		// the volunteer's shift moved along: they are told of their shift instead, once
		expect(await moved(volunteer)).toHaveLength(0);
		const shiftMoved = await volunteer.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "events_shift_moved"' });
		expect(shiftMoved).toHaveLength(1);
		const [english] = await moved(attendee);
		expect(english?.title).toBe(`Moved: ${event.title} (ny titel)`);
		expect(await moved(gone)).toHaveLength(0);
		// an edit that keeps the time tells nobody again; each move tells again, also back to a time before
		await staff.pb.collection('events').update(event.id, { start: later, end, description: 'Ny tekst' });
		expect(await moved(attendee)).toHaveLength(1);
		await staff.pb.collection('events').update(event.id, {
			start: new Date(later.getTime() + 3600_000),
			end: new Date(end.getTime() + 3600_000)
		});
		expect(await moved(attendee)).toHaveLength(2);
		await staff.pb.collection('events').update(event.id, { start: later, end });
		expect(await moved(attendee)).toHaveLength(3);
		// the end alone moved: the message names the new end
		const longer = new Date(end.getTime() + 3600_000);
		await staff.pb.collection('events').update(event.id, { end: longer });
		const last = (await moved(waiting)).at(-1);
		const parts = new Intl.DateTimeFormat('da-DK', {
			timeZone: 'Europe/Copenhagen',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(longer);
		// "–21:56", or "–lørdag 17. november kl. 00:56" when the end falls on the next day
		expect(last?.body).toMatch(
			new RegExp(`–([^.]+ \\d+\\. \\p{L}+ kl\\. )?${parts.replace('.', ':')}\\.`, 'u')
		);
	});

	it('moving an event moves its coming shifts along; a begun shift stays; a clash refuses the whole move', async () => {
		const system = await systemClient();
		const start = farFuture();
		const hour = 3600_000;
		const { event, shift } = await arrangeEvent({ start, places: 1 });
		const setup = await arrangeShift(event.id, new Date(start.getTime() - 2 * hour), 2, 1);
		// a shift that has begun (the event's first day began an hour ago) keeps its time
		const begun = await arrangeShift(event.id, new Date(Date.now() - hour), 3, 1);
		const [volunteer, waiting, elsewhere, both] = await Promise.all([
			createVolunteer(),
			createVolunteer(),
			createVolunteer(),
			createVolunteer()
		]);
		await volunteer.pb.collection('signups').create({ shift: shift.id, user: volunteer.record.id });
		await waiting.pb.collection('signups').create({ shift: shift.id, user: waiting.record.id });
		await elsewhere.pb.collection('signups').create({ shift: setup.id, user: elsewhere.record.id });
		// one volunteer waits for two of the event's shifts (setting up, then the shift itself)
		await both.pb.collection('signups').create({ shift: setup.id, user: both.record.id });
		await both.pb.collection('signups').create({ shift: shift.id, user: both.record.id });
		// the waiting volunteer also holds a ticket: the event's own message reaches them too
		await waiting.pb.collection('registrations').create({ event: event.id, user: waiting.record.id });
		const staff = await createUser({ staff: true });
		const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ');
		const shiftTimes = async () =>
			Object.fromEntries(
				await Promise.all(
					[shift, setup, begun].map(async (s) => {
						const row = await system.collection('shifts').getOne(s.id);
						return [s.id, [row.start, row.end]];
					})
				)
			);
		const before = await shiftTimes();

		// another event's shift, a day later at the moved setup time: its volunteer "elsewhere" would hold
		// two overlapping confirmed shifts, so the move is refused and nothing changes
		const day = 24 * hour;
		const other = await arrangeEvent({ start: new Date(start.getTime() + day - 2 * hour), hours: 1 });
		await elsewhere.pb.collection('signups').create({ shift: other.shift.id, user: elsewhere.record.id });
		const refused = await refusal(
			staff.pb.collection('events').update(event.id, {
				start: new Date(start.getTime() + day),
				end: new Date(start.getTime() + day + 2 * hour)
			})
		);
		expect(refused.status).toBe(400);
		expect(codeOf(refused.error, 'start')).toBe('events_shift_move_overlap');
		expect((await system.collection('events').getOne(event.id)).start).toBe(event.start);
		expect(await shiftTimes()).toEqual(before);

		// two days later: the coming shifts keep their distance to the start, the begun one stays
		const twoDays = 2 * day;
		await staff.pb.collection('events').update(event.id, {
			start: new Date(start.getTime() + twoDays),
			end: new Date(start.getTime() + twoDays + 2 * hour)
		});
		const after = await shiftTimes();
		expect(after[shift.id]).toEqual([
			at(start.getTime() + twoDays),
			at(start.getTime() + twoDays + 2 * hour)
		]);
		expect(after[setup.id]).toEqual([
			at(start.getTime() + twoDays - 2 * hour),
			at(start.getTime() + twoDays)
		]);
		expect(after[begun.id]).toEqual(before[begun.id]);
		// each volunteer is told once, of their shift (confirmed and waiting alike), not twice; one who also
		// holds a ticket hears the event's new time too
		const movedKinds = async (person: typeof volunteer) =>
			(await person.pb.collection('notifications').getFullList({ filter: 'kind ~ "moved"' }))
				.map((n) => n.kind)
				.sort();
		for (const person of [volunteer, elsewhere])
			expect(await movedKinds(person)).toEqual(['events_shift_moved']);
		expect(await movedKinds(waiting)).toEqual(['events_moved', 'events_shift_moved']);
		const [told] = await volunteer.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "events_shift_moved"' });
		expect(told?.title).toBe('Din vagt er flyttet: Billetkontrol');
		// one message for the move to a volunteer with two of its shifts, naming both
		expect(await movedKinds(both)).toEqual(['events_shift_moved']);
		const [toBoth] = await both.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "events_shift_moved"' });
		expect(toBoth?.title).toBe(`Dine vagter er flyttet: ${event.title}`);
		expect(toBoth?.body).toMatch(/Dine vagter til .* er flyttet: \S+ .*, Billetkontrol /);

		// a new end alone moves no shift
		await staff.pb
			.collection('events')
			.update(event.id, { end: new Date(start.getTime() + twoDays + 3 * hour) });
		expect(await shiftTimes()).toEqual(after);
		// nor is a shift still to come moved into the past (it would stay there): the move is refused
		const intoPast = await refusal(
			staff.pb
				.collection('events')
				.update(event.id, { start: new Date(Date.now() + hour), end: new Date(Date.now() + 3 * hour) })
		);
		expect(codeOf(intoPast.error, 'start')).toBe('events_shifts_into_past');
		expect(await shiftTimes()).toEqual(after);
	});

	it('never moves a coming event or shift to before now, nor draws an end in past a coming shift', async () => {
		const hour = 3600_000;
		const staff = await createUser({ staff: true });
		const start = new Date(Date.now() + 20 * hour);
		const { event, shift } = await arrangeEvent({ start, places: 1 });
		const [first, second] = await Promise.all([createVolunteer(), createVolunteer()]);
		await first.pb.collection('signups').create({ shift: shift.id, user: first.record.id });
		await second.pb.collection('signups').create({ shift: shift.id, user: second.record.id });
		const system = await systemClient();
		const stored = async () => {
			const [e, s] = await Promise.all([
				system.collection('events').getOne(event.id),
				system.collection('shifts').getOne(shift.id)
			]);
			return [e.start, e.end, s.start, s.end];
		};
		const before = await stored();
		// a shift edited straight into the past: its places and waitlist would stand still
		const shiftBack = await refusal(
			staff.pb
				.collection('shifts')
				.update(shift.id, { start: new Date(Date.now() - hour), end: new Date(Date.now() + hour) })
		);
		expect(codeOf(shiftBack.error, 'start')).toBe('events_shift_into_past');
		// the event moved to before now (it has no shift still to come that would say so)
		const eventBack = await refusal(
			staff.pb.collection('events').update(event.id, {
				start: new Date(Date.now() - 2 * hour),
				end: new Date(Date.now() + 2 * hour)
			})
		);
		expect(codeOf(eventBack.error, 'start')).toBe('events_moved_into_past');
		expect(await stored()).toEqual(before);

		// an end drawn in far before a shift still to come (a clearing-up shift 2 days after)
		const late = await arrangeShift(event.id, new Date(start.getTime() + 26 * hour), 2);
		const drawnIn = await refusal(
			staff.pb.collection('events').update(event.id, { end: new Date(start.getTime() + hour) })
		);
		expect(codeOf(drawnIn.error, 'end')).toBe('events_end_leaves_shifts');
		expect((await system.collection('events').getOne(event.id)).end).toBe(before[1]);
		// once the late shift is moved with it, the end may be drawn in
		await staff.pb.collection('shifts').update(late.id, {
			start: new Date(start.getTime() + hour),
			end: new Date(start.getTime() + 2 * hour)
		});
		await staff.pb.collection('events').update(event.id, { end: new Date(start.getTime() + hour) });
		// a shift the system placed outside the window does not block an edit of anything else
		const outside = await arrangeShift(event.id, new Date(start.getTime() + 40 * hour), 1);
		await staff.pb.collection('events').update(event.id, { title: 'Nyt navn', capacity: 9 });
		await system.collection('shifts').delete(outside.id);
		// and a coming shift moved later, or an event moved later, is a move as before
		await staff.pb.collection('shifts').update(shift.id, {
			start: new Date(start.getTime() + 30 * 60_000),
			end: new Date(start.getTime() + hour)
		});
	});

	it('moving a shift tells its volunteers, confirmed and waiting, once per move', async () => {
		const { event, shift } = await arrangeEvent({ start: new Date('2032-05-03T16:00:00Z'), places: 1 });
		const [confirmed, waiting, gone, elsewhere] = await Promise.all([
			createVolunteer(),
			createVolunteer(),
			createVolunteer(),
			createVolunteer()
		]);
		await confirmed.pb.collection('signups').create({ shift: shift.id, user: confirmed.record.id });
		await waiting.pb.collection('signups').create({ shift: shift.id, user: waiting.record.id });
		const left = await gone.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: gone.record.id });
		await gone.pb.collection('signups').update(left.id, { status: 'cancelled' });
		const other = await arrangeShift(event.id, new Date('2032-05-03T20:00:00Z'), 1);
		await elsewhere.pb.collection('signups').create({ shift: other.id, user: elsewhere.record.id });
		const staff = await createUser({ staff: true });
		const told = (person: { pb: typeof staff.pb }) =>
			person.pb.collection('notifications').getFullList({ filter: 'kind = "events_shift_moved"' });

		// more places is no move
		await staff.pb.collection('shifts').update(shift.id, { places: 1, task: 'Billetkontrol' });
		expect(await told(confirmed)).toHaveLength(0);
		await staff.pb
			.collection('shifts')
			.update(shift.id, { start: '2032-05-03 17:00:00.000Z', end: '2032-05-03 19:00:00.000Z' });
		for (const person of [confirmed, waiting]) {
			const [message] = await told(person);
			expect(message?.title).toBe('Din vagt er flyttet: Billetkontrol');
			// house time: 19:00 to 21:00 on a Monday in May; far ahead, they may still cancel themselves
			expect(message?.body).toContain('mandag 3. maj kl. 19:00–21:00');
			expect(message?.body).toContain('afmeld dig på arrangementets side');
			expect(message?.link).toBe(`/arrangementer/${event.id}`);
		}
		expect(await told(gone)).toHaveLength(0);
		expect(await told(elsewhere)).toHaveLength(0);
		await staff.pb.collection('shifts').update(shift.id, { end: '2032-05-03 19:30:00.000Z' });
		expect(await told(waiting)).toHaveLength(2);
	});

	it('a moved shift that ends on another day names the day of its end, in each language', async () => {
		// clearing up through the night after the event: a Monday evening in May until Tuesday morning
		const { event } = await arrangeEvent({ start: new Date('2032-05-03T16:00:00Z'), places: 1 });
		const night = await arrangeShift(event.id, new Date('2032-05-03T18:00:00Z'), 12, 1);
		const [volunteer, english] = await Promise.all([createVolunteer(), createVolunteer()]);
		const system = await systemClient();
		await system.collection('users').update(english.record.id, { language: 'en' });
		await volunteer.pb.collection('signups').create({ shift: night.id, user: volunteer.record.id });
		await english.pb.collection('signups').create({ shift: night.id, user: english.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb.collection('shifts').update(night.id, { start: '2032-05-03 19:00:00.000Z' });
		const told = async (person: { pb: typeof staff.pb }) =>
			(await person.pb.collection('notifications').getFullList({ filter: 'kind = "events_shift_moved"' }))[0]
				?.body;
		// 21:00 on Monday until 08:00 on Tuesday, house time: not "21:00–08:00" as if it ended that morning
		expect(await told(volunteer)).toContain('mandag 3. maj kl. 21:00–tirsdag 4. maj kl. 08:00');
		expect(await told(english)).toContain('Monday 3 May, 21:00–Tuesday 4 May, 08:00');
	});

	it('a shift moved inside the cut-off sends its volunteers to staff, as they can no longer cancel', async () => {
		const start = new Date(Date.now() + 30 * 3600_000);
		const { shift } = await arrangeEvent({ start, places: 1 });
		const volunteer = await createVolunteer();
		await volunteer.pb.collection('signups').create({ shift: shift.id, user: volunteer.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb.collection('shifts').update(shift.id, { end: new Date(start.getTime() + 3 * 3600_000) });
		const [message] = await volunteer.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "events_shift_moved"' });
		expect(message?.body).toContain('kontakt personalet');
		expect(message?.body).not.toContain('afmeld dig');
	});

	it('sends a message to all volunteers of an event; citizens may not', async () => {
		const { event, shift } = await arrangeEvent({ places: 1 });
		const [v1, v2] = await Promise.all([createVolunteer(), createVolunteer()]);
		await v1.pb.collection('signups').create({ shift: shift.id, user: v1.record.id });
		await v2.pb.collection('signups').create({ shift: shift.id, user: v2.record.id });
		const path = `/api/borgerhus/events/${event.id}/message`;
		const refused = await refusal(v1.pb.send(path, { method: 'POST', body: { message: 'Hej' } }));
		expect(refused.status).toBe(403);
		const staff = await createUser({ staff: true });
		const empty = await refusal(staff.pb.send(path, { method: 'POST', body: { message: '  ' } }));
		expect(empty.status).toBe(400);
		const result = await staff.pb.send<{ sent: number }>(path, {
			method: 'POST',
			body: { message: 'Husk nøglen {x}' }
		});
		expect(result.sent).toBe(2);
		const inbox = await v2.pb.collection('notifications').getFullList({ filter: 'kind = "events_message"' });
		expect(inbox[0]?.body).toBe('Husk nøglen {x}');
		// the roster with contact details is for staff only
		const roster = `/api/borgerhus/events/${event.id}/roster`;
		expect((await refusal(v1.pb.send(roster, { method: 'GET' }))).status).toBe(403);
		const rows = await staff.pb.send<{ signups: { email: string }[] }>(roster, { method: 'GET' });
		expect(rows.signups.map((r) => r.email).sort()).toEqual([v1.email, v2.email].sort());
	});

	it('sends the same message to an event once, when staff send it twice at once or again a moment later', async () => {
		const { event, shift } = await arrangeEvent({ places: 1 });
		const volunteer = await createVolunteer();
		await volunteer.pb.collection('signups').create({ shift: shift.id, user: volunteer.record.id });
		const staff = await createUser({ staff: true });
		const path = `/api/borgerhus/events/${event.id}/message`;
		const send = (message: string) =>
			staff.pb.send<{ sent: number }>(path, { method: 'POST', body: { message }, requestKey: null }).then(
				(body) => ({ status: 200, code: '', sent: body.sent }),
				(err: { status: number; response?: { data?: { message?: { code?: string } } } }) => ({
					status: err.status,
					code: err.response?.data?.message?.code ?? '',
					sent: 0
				})
			);
		const both = await Promise.all([send('Husk kaffen'), send('Husk kaffen')]);
		expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
		expect(both.find((r) => r.status === 400)?.code).toBe('events_message_repeat');
		// again a moment later, and with other spaces around it: still the same message
		expect(await send('  Husk kaffen ')).toMatchObject({ status: 400, code: 'events_message_repeat' });
		// another message goes through
		expect(await send('Husk også kagen')).toMatchObject({ status: 200, sent: 1 });
		const inbox = await volunteer.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "events_message"', sort: 'created' });
		expect(inbox.map((n) => n.body)).toEqual(['Husk kaffen', 'Husk også kagen']);
	});

	it('fills the waitlist when staff add places to a shift', async () => {
		const { shift } = await arrangeEvent({ places: 1 });
		const [a, b, c] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
		await a.pb.collection('signups').create({ shift: shift.id, user: a.record.id });
		const sb = await b.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: b.record.id });
		const sc = await c.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: c.record.id });
		const staff = await createUser({ staff: true });
		// the counter is the server's: sending it is refused, and nothing changes
		const counter = await refusal(staff.pb.collection('shifts').update(shift.id, { places: 2, taken: 99 }));
		expect(codeOf(counter.error, 'taken')).toBe('events_field_locked');
		expect(await statusOf('signups', sb.id)).toBe('waitlisted');
		await staff.pb.collection('shifts').update(shift.id, { places: 2 });
		expect(await statusOf('signups', sb.id)).toBe('confirmed');
		expect(await statusOf('signups', sc.id)).toBe('waitlisted');
		const system = await systemClient();
		expect((await system.collection('shifts').getOne(shift.id)).taken).toBe(2);
	});
});

describe('promotion never makes two confirmed shifts overlap', () => {
	it('skips a waiting volunteer who now holds an overlapping confirmed shift; they keep their place', async () => {
		const start = farFuture();
		const { event, shift } = await arrangeEvent({ start, places: 1, hours: 2 });
		const later = await arrangeShift(event.id, new Date(start.getTime() + 4 * 3600_000), 2, 1);
		const [a, w, x] = await Promise.all([createVolunteer(), createVolunteer(), createVolunteer()]);
		const sa = await a.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: a.record.id });
		const sw = await w.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: w.record.id });
		const sx = await x.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: x.record.id });
		await w.pb.collection('signups').create({ shift: later.id, user: w.record.id });
		// staff move the later shift onto the first one: w waits there, so the move is allowed
		const staff = await createUser({ staff: true });
		await staff.pb.collection('shifts').update(later.id, {
			start: new Date(start.getTime() + 3600_000),
			end: new Date(start.getTime() + 3 * 3600_000)
		});
		await a.pb.collection('signups').update(sa.id, { status: 'cancelled' });
		expect(await statusOf('signups', sw.id)).toBe('waitlisted');
		expect(await statusOf('signups', sx.id)).toBe('confirmed');
	});
});

describe('events claim their room like bookings', () => {
	it('refuses an event moved onto a booked room, and frees the room when cancelled', async () => {
		const system = await systemClient();
		const slug = `sal-${Math.random().toString(36).slice(2, 8)}`;
		const room = await system.collection('rooms').create({ name: `Testsal ${slug}`, slug, capacity: 50 });
		const booker = await createUser();
		const start = farFuture();
		const end = new Date(start.getTime() + 2 * 3600_000);
		await system.collection('bookings').create({
			room: room.id,
			booker: booker.record.id,
			purpose: 'Generalforsamling',
			attendees: 10,
			start,
			end,
			status: 'approved'
		});
		const staff = await createUser({ staff: true });
		const elsewhere = new Date(start.getTime() + 7 * 86_400_000);
		const event = await staff.pb.collection('events').create({
			title: 'Flyttes',
			start: elsewhere,
			end: new Date(elsewhere.getTime() + 3600_000),
			room: room.id,
			state: 'published'
		});
		const moved = await refusal(
			staff.pb.collection('events').update(event.id, {
				start: new Date(start.getTime() + 3600_000),
				end: new Date(end.getTime() + 3600_000)
			})
		);
		expect(moved.status).toBe(400);
		expect(codeOf(moved.error, 'room')).toBe('events_room_taken');
		const onTop = await refusal(
			staff.pb.collection('events').create({ title: 'Oveni', start, end, room: room.id, state: 'draft' })
		);
		expect(codeOf(onTop.error, 'room')).toBe('events_room_taken');
		// many simultaneous events for one free slot: exactly one wins
		const slot = new Date(start.getTime() + 14 * 86_400_000);
		const results = await Promise.allSettled(
			Array.from({ length: 10 }, (_, i) =>
				staff.pb.collection('events').create({
					title: `Kapløb ${i}`,
					start: slot,
					end: new Date(slot.getTime() + 3600_000),
					room: room.id,
					state: 'published'
				})
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		// a cancelled event releases the room
		await staff.pb.collection('events').update(event.id, { state: 'cancelled' });
		const replacement = await staff.pb.collection('events').create({
			title: 'Erstatning',
			start: elsewhere,
			end: new Date(elsewhere.getTime() + 3600_000),
			room: room.id,
			state: 'draft'
		});
		expect(replacement.id).toBeTruthy();
	});

	it('says the room is closed, not taken, for an event moved or put onto a closure of it', async () => {
		const system = await systemClient();
		const slug = `sal-${Math.random().toString(36).slice(2, 8)}`;
		const room = await system.collection('rooms').create({ name: `Testsal ${slug}`, slug, capacity: 50 });
		const start = farFuture();
		const end = new Date(start.getTime() + 4 * 3600_000);
		await system
			.collection('closures')
			.create({ room: room.id, start: start.toISOString(), end: end.toISOString(), reason: 'Maling' });
		const staff = await createUser({ staff: true });
		const elsewhere = new Date(start.getTime() + 7 * 86_400_000);
		const event = await staff.pb.collection('events').create({
			title: 'Flyttes',
			start: elsewhere,
			end: new Date(elsewhere.getTime() + 3600_000),
			room: room.id,
			state: 'published'
		});
		const moved = await refusal(
			staff.pb.collection('events').update(event.id, {
				start: new Date(start.getTime() + 3600_000),
				end: new Date(start.getTime() + 2 * 3600_000)
			})
		);
		expect(moved.status).toBe(400);
		expect(codeOf(moved.error, 'room')).toBe('rooms_closed');
		const onTop = await refusal(
			staff.pb.collection('events').create({ title: 'Oveni', start, end, room: room.id, state: 'draft' })
		);
		expect(codeOf(onTop.error, 'room')).toBe('rooms_closed');
		const stored = await system.collection('events').getOne(event.id);
		expect(Date.parse(stored.start.replace(' ', 'T'))).toBe(elsewhere.getTime());
	});
});
