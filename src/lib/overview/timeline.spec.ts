import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineInput } from './timeline';
import type {
	BookingRecord,
	HoldRecord,
	LoanRecord,
	RegistrationRecord,
	RoomRecord,
	SignupRecord
} from '$lib/pocketbase-types';

const now = new Date('2026-06-01T10:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3600_000).toISOString().replace('T', ' ');
const empty: TimelineInput = {
	user: 'me',
	roles: {},
	bookings: [],
	holds: [],
	loans: [],
	signups: [],
	registrations: [],
	places: {}
};

const booking = (id: string, start: number, status: BookingRecord['status']) =>
	({
		id,
		booker: 'me',
		association: '',
		start: at(start),
		end: at(start + 2),
		status,
		purpose: '',
		reason: '',
		cancel_reason: ''
	}) as BookingRecord;

describe('buildTimeline', () => {
	it("links each entry's title to the page of its room, title or event, when the user may see it", () => {
		const withRoom = {
			...booking('b1', 24, 'approved'),
			expand: { room: { id: 'r1', name: 'Salen', slug: 'salen', cancel_hours: 48 } }
		} as unknown as BookingRecord;
		const t = buildTimeline(
			{
				...empty,
				bookings: [withRoom, booking('b2', 30, 'approved')],
				loans: [
					{
						id: 'l1',
						title: 't1',
						patron: 'me',
						due: at(72),
						returned_at: '',
						expand: { title: { id: 't1', title: 'Kongens Fald' } }
					} as unknown as LoanRecord
				]
			},
			now
		);
		const href = Object.fromEntries(t.upcoming.map((e) => [e.id, e.href]));
		expect(href).toEqual({ b1: '/lokaler/salen', b2: undefined, l1: '/bibliotek/t1' });
	});

	it("offers cancel of an association's booking as the booking machine would", () => {
		const of = (id: string, association: string, booker: string) => ({
			...booking(id, 5, 'approved'),
			association,
			booker
		});
		const t = buildTimeline(
			{
				...empty,
				roles: { club: 'admin', choir: 'member', team: 'booker' },
				bookings: [
					of('mine-club', 'club', 'me'),
					of('other-club', 'club', 'someone'),
					of('mine-choir', 'choir', 'me'),
					of('other-choir', 'choir', 'someone'),
					of('mine-left', 'gone', 'me'),
					of('private', '', 'me')
				]
			},
			now
		);
		const byId = Object.fromEntries(t.upcoming.map((e) => [e.id, e]));
		// admins and bookers cancel the association's bookings, whoever booked them
		expect(byId['mine-club']?.actions).toContain('cancel');
		expect(byId['other-club']?.actions).toContain('cancel');
		expect(byId['private']?.actions).toContain('cancel');
		// a booker who is now a plain member, or no longer a member, cannot (rule 3), and is told why
		for (const id of ['mine-choir', 'other-choir', 'mine-left']) {
			expect(byId[id]?.actions, id).not.toContain('cancel');
			expect(byId[id]?.noCancel, id).toBe('booking_not_yours');
		}
	});

	it('marks the entries staff made for the user at the desk, and only those', () => {
		const t = buildTimeline(
			{
				...empty,
				bookings: [booking('desk', 5, 'approved'), booking('own', 8, 'approved')],
				desk: { desk: true }
			},
			now
		);
		expect(t.upcoming.map((e) => [e.id, e.atDesk ?? false])).toEqual([
			['desk', true],
			['own', false]
		]);
	});

	it('puts upcoming entries first, soonest first, and history newest first', () => {
		const t = buildTimeline(
			{
				...empty,
				bookings: [
					booking('later', 48, 'approved'),
					booking('sooner', 5, 'pending'),
					booking('old', -72, 'approved'),
					booking('older', -200, 'cancelled')
				]
			},
			now
		);
		expect(t.upcoming.map((e) => e.id)).toEqual(['sooner', 'later']);
		expect(t.history.map((e) => e.id)).toEqual(['old', 'older']);
		expect(t.history[0]?.state).toBe('booking_done');
		expect(t.history[1]?.state).toBe('booking_cancelled');
	});

	it('offers cancel only before the start, and a calendar file only for live entries', () => {
		const running = booking('running', -1, 'approved');
		const t = buildTimeline({ ...empty, bookings: [running, booking('next', 3, 'approved')] }, now);
		expect(t.upcoming.find((e) => e.id === 'running')?.actions).toEqual(['calendar']);
		expect(t.upcoming.find((e) => e.id === 'next')?.actions).toEqual(['calendar', 'cancel']);
	});

	it('offers cancel only before the cancellation deadline the booking was given, and says why not after it', () => {
		// the room's deadline changed since: the bookings keep the one they were given
		const room = { name: 'Salen', cancel_hours: 0 } as RoomRecord;
		const withRoom = (b: BookingRecord) => ({ ...b, cancel_hours: 24, expand: { room } }) as BookingRecord;
		const t = buildTimeline(
			{
				...empty,
				bookings: [
					withRoom(booking('inside', 10, 'approved')),
					withRoom(booking('outside', 30, 'approved')),
					withRoom(booking('request', 10, 'pending')),
					withRoom(booking('rejected', 30, 'rejected'))
				]
			},
			now
		);
		const byId = Object.fromEntries([...t.upcoming, ...t.history].map((e) => [e.id, e]));
		// past its deadline: when that was, for the card to say
		expect(byId.inside).toMatchObject({
			actions: ['calendar'],
			noCancel: 'booking_deadline_passed',
			cancelDeadline: '2026-05-31T20:00:00.000Z'
		});
		expect(byId.inside?.cancelUntil).toBeUndefined();
		expect(byId.outside).toMatchObject({
			actions: ['calendar', 'cancel'],
			cancelUntil: '2026-06-01T16:00:00.000Z'
		});
		expect(byId.outside?.noCancel).toBeUndefined();
		expect(byId.outside?.cancelDeadline).toBeUndefined();
		// a request still pending may be withdrawn at any time, with no deadline to tell
		expect(byId.request).toMatchObject({ actions: ['calendar', 'cancel'] });
		expect(byId.request?.cancelUntil).toBeUndefined();
		expect(byId.request?.noCancel).toBeUndefined();
		expect(byId.rejected).toMatchObject({ actions: [], upcoming: false });
		expect(byId.rejected?.noCancel).toBeUndefined();
	});

	it("offers a shift's cancel only before its cut-off", () => {
		const signup = (id: string, startHours: number, status: SignupRecord['status']) =>
			({
				id,
				status,
				expand: { shift: { task: 'Bar', start: at(startHours), end: at(startHours + 3) } }
			}) as SignupRecord;
		const t = buildTimeline(
			{
				...empty,
				signups: [
					signup('soon', 24, 'confirmed'),
					signup('later', 72, 'confirmed'),
					signup('waiting', 24, 'waitlisted')
				]
			},
			now
		);
		const byId = Object.fromEntries(t.upcoming.map((e) => [e.id, e]));
		expect(byId.soon).toMatchObject({ actions: ['calendar'], noCancel: 'shift_cutoff_passed' });
		expect(byId.later).toMatchObject({
			actions: ['calendar', 'cancel'],
			cancelUntil: '2026-06-02T10:00:00.000Z'
		});
		// the waitlist may be left until the shift begins
		expect(byId.waiting).toMatchObject({ actions: ['cancel'], cancelUntil: new Date(at(24)).toISOString() });
		expect(byId.waiting?.noCancel).toBeUndefined();
	});

	it('says a place still waiting for what has begun stays on the closed waitlist, and offers no cancel', () => {
		const signup = (id: string, startHours: number, status: SignupRecord['status']) =>
			({
				id,
				status,
				expand: { shift: { task: 'Bar', start: at(startHours), end: at(startHours + 3) } }
			}) as SignupRecord;
		const registration = (id: string, startHours: number, status: RegistrationRecord['status']) =>
			({
				id,
				status,
				expand: { event: { title: 'Koncert', start: at(startHours), end: at(startHours + 3) } }
			}) as unknown as RegistrationRecord;
		const t = buildTimeline(
			{
				...empty,
				signups: [signup('waitingBegun', -1, 'waitlisted'), signup('confirmedBegun', -1, 'confirmed')],
				registrations: [
					registration('ticketWaitingBegun', -1, 'waitlisted'),
					registration('ticketWaitingAhead', 2, 'waitlisted')
				]
			},
			now
		);
		const byId = Object.fromEntries(t.upcoming.map((e) => [e.id, e]));
		expect(byId.waitingBegun).toMatchObject({ actions: [], noCancel: 'waitlist_closed' });
		expect(byId.ticketWaitingBegun).toMatchObject({ actions: [], noCancel: 'waitlist_closed' });
		expect(byId.confirmedBegun?.noCancel).toBeUndefined();
		expect(byId.ticketWaitingAhead).toMatchObject({ actions: ['cancel'] });
		expect(byId.ticketWaitingAhead?.noCancel).toBeUndefined();
		// over, it is history with nothing to say
		const later = buildTimeline({ ...empty, signups: [signup('over', -5, 'waitlisted')] }, now);
		expect(later.history.find((e) => e.id === 'over')?.noCancel).toBeUndefined();
	});

	it("offers a registration's cancel only before the event begins", () => {
		const registration = (id: string, startHours: number) =>
			({
				id,
				status: 'confirmed',
				expand: { event: { title: 'Koncert', start: at(startHours), end: at(startHours + 3) } }
			}) as unknown as RegistrationRecord;
		const t = buildTimeline(
			{ ...empty, registrations: [registration('ahead', 2), registration('begun', -1)] },
			now
		);
		const byId = Object.fromEntries(t.upcoming.map((e) => [e.id, e]));
		expect(byId.ahead?.actions).toContain('cancel');
		expect(byId.begun?.actions).not.toContain('cancel');
		expect(byId.begun?.actions).toContain('ticket');
	});

	it('gives the reader the English title where written, a staff page the Danish, marked as Danish', () => {
		const event = { title: 'Koncert', title_en: 'Concert', start: at(24), end: at(27) };
		const input = {
			...empty,
			registrations: [{ id: 'r', status: 'confirmed', expand: { event } } as unknown as RegistrationRecord],
			signups: [
				{
					id: 's',
					status: 'confirmed',
					expand: { shift: { task: 'Bar', ...event, expand: { event } } }
				} as unknown as SignupRecord
			]
		};
		const entries = (language: string, danish?: boolean) =>
			Object.fromEntries(buildTimeline(input, now, language, { danish }).upcoming.map((e) => [e.id, e]));
		expect(entries('en').r).toMatchObject({ title: 'Concert', titleLang: undefined });
		expect(entries('en').s).toMatchObject({
			title: 'Bar',
			titleLang: 'da',
			detail: 'Concert',
			detailLang: undefined
		});
		expect(entries('en', true).r).toMatchObject({ title: 'Koncert', titleLang: 'da' });
		expect(entries('en', true).s).toMatchObject({ titleLang: 'da', detail: 'Koncert', detailLang: 'da' });
		expect(entries('da', true).r).toMatchObject({ title: 'Koncert', titleLang: undefined });
		expect(entries('da', true).s).toMatchObject({
			titleLang: undefined,
			detail: 'Koncert',
			detailLang: undefined
		});
	});

	it('treats an entry without a status as not active', () => {
		const t = buildTimeline(
			{
				...empty,
				bookings: [booking('b', 5, '')],
				holds: [{ id: 'h', status: '', placed_at: at(-5), pickup_deadline: '' } as unknown as HoldRecord]
			},
			now
		);
		expect(t.upcoming).toEqual([]);
		expect(t.history.every((e) => e.actions.length === 0)).toBe(true);
	});

	it('gives holds their queue place and actions by status', () => {
		const hold = (id: string, status: HoldRecord['status']) =>
			({ id, status, placed_at: at(-5), pickup_deadline: status === 'ready' ? at(20) : '' }) as HoldRecord;
		const t = buildTimeline(
			{
				...empty,
				holds: [hold('w', 'waiting'), hold('p', 'paused'), hold('r', 'ready'), hold('x', 'expired')],
				places: { w: 3, p: 1 }
			},
			now
		);
		const byId = Object.fromEntries([...t.upcoming, ...t.history].map((e) => [e.id, e]));
		expect(byId.w).toMatchObject({ state: 'hold_waiting', place: 3, actions: ['pause', 'cancel'] });
		expect(byId.p).toMatchObject({ state: 'hold_paused', place: 1, actions: ['resume', 'cancel'] });
		expect(byId.r).toMatchObject({ state: 'hold_ready', actions: ['calendar', 'cancel'], upcoming: true });
		expect(byId.x).toMatchObject({ state: 'hold_expired', actions: [], upcoming: false });
	});

	it('tells a ready hold without a pickup deadline apart: its copy is still being fetched', () => {
		const fetching = {
			id: 'f',
			status: 'ready',
			placed_at: at(-5),
			pickup_shelf: 'R07',
			pickup_deadline: ''
		} as HoldRecord;
		const [entry] = buildTimeline({ ...empty, holds: [fetching] }, now).upcoming;
		expect(entry).toMatchObject({
			state: 'hold_fetching',
			shelf: 'R07',
			actions: ['cancel'],
			upcoming: true
		});
		expect(entry?.deadline).toBeUndefined();
		expect(entry?.at).toBe(at(-5));
	});

	it('marks overdue loans', () => {
		const loan = (id: string, due: number) => ({ id, due: at(due), returned_at: '' }) as LoanRecord;
		const t = buildTimeline({ ...empty, loans: [loan('late', -24), loan('ok', 48)] }, now);
		expect(t.upcoming.map((e) => [e.id, e.state])).toEqual([
			['late', 'loan_overdue'],
			['ok', 'loan_open']
		]);
	});

	it('shows the first entries across kinds up to the limits and says when there are more', () => {
		const loan = (id: string, dueHours: number) =>
			({ id, due: at(dueHours), returned_at: '', start: at(-24) }) as LoanRecord;
		const input: TimelineInput = {
			...empty,
			bookings: [booking('b1', 1, 'approved'), booking('b2', 30, 'approved'), booking('b3', 50, 'approved')],
			loans: [loan('l1', 10), loan('l2', 40)],
			limits: { upcoming: 3, history: 2 }
		};
		const t = buildTimeline(input, now);
		expect(t.upcoming.map((e) => e.id)).toEqual(['b1', 'l1', 'b2']);
		expect(t.more).toEqual({ upcoming: true, history: false });
		const exact = buildTimeline({ ...input, limits: { upcoming: 5, history: 2 } }, now);
		expect(exact.upcoming).toHaveLength(5);
		expect(exact.more.upcoming).toBe(false);
	});
});
