import { describe, expect, it } from 'vitest';
import { decideStatus, placesLeft, promotions, waitlistPosition } from '$rules/capacity.js';
import {
	eventCancelProblem,
	eventMoveProblem,
	eventRoomProblem,
	leavesWaitlist,
	mayCancelShift,
	overlaps,
	rangeProblem,
	validRange,
	SHIFT_CANCEL_CUTOFF_HOURS,
	WAITLIST_LEAVE_MINUTES
} from '$rules/events-rules.js';

const at = (minute: number) => `2030-01-01 10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('decideStatus', () => {
	it('confirms while places remain and waitlists afterwards', () => {
		expect(decideStatus({ places: 2, confirmed: 0 })).toBe('confirmed');
		expect(decideStatus({ places: 2, confirmed: 1 })).toBe('confirmed');
		expect(decideStatus({ places: 2, confirmed: 2 })).toBe('waitlisted');
		expect(decideStatus({ places: 0, confirmed: 0 })).toBe('waitlisted');
	});
	it('never confirms beyond the places when entries arrive one by one', () => {
		let confirmed = 0;
		for (let i = 0; i < 50; i++) if (decideStatus({ places: 10, confirmed }) === 'confirmed') confirmed++;
		expect(confirmed).toBe(10);
	});
});

describe('placesLeft', () => {
	it('is never negative', () => {
		expect(placesLeft({ places: 3, confirmed: 1 })).toBe(2);
		expect(placesLeft({ places: 3, confirmed: 5 })).toBe(0);
	});
});

describe('promotions', () => {
	const entries = [
		{ id: 'c1', status: 'confirmed', placedAt: at(1) },
		{ id: 'w3', status: 'waitlisted', placedAt: at(5) },
		{ id: 'w1', status: 'waitlisted', placedAt: at(3) },
		{ id: 'x', status: 'cancelled', placedAt: at(0) },
		{ id: 'w2', status: 'waitlisted', placedAt: at(4) }
	];
	it('moves up the first waitlisted in sign-up order, as many as places are free', () => {
		expect(promotions({ places: 1, entries })).toEqual([]);
		expect(promotions({ places: 2, entries })).toEqual(['w1']);
		expect(promotions({ places: 3, entries })).toEqual(['w1', 'w2']);
		expect(promotions({ places: 10, entries })).toEqual(['w1', 'w2', 'w3']);
	});
	it('breaks equal times by id so the order is total', () => {
		const tied = [
			{ id: 'b', status: 'waitlisted', placedAt: at(1) },
			{ id: 'a', status: 'waitlisted', placedAt: at(1) }
		];
		expect(promotions({ places: 1, entries: tied })).toEqual(['a']);
	});
	it('promotes nobody when places are over-full', () => {
		const full = [
			{ id: 'c1', status: 'confirmed', placedAt: at(1) },
			{ id: 'c2', status: 'confirmed', placedAt: at(2) },
			{ id: 'w', status: 'waitlisted', placedAt: at(3) }
		];
		expect(promotions({ places: 1, entries: full })).toEqual([]);
	});
});

describe('waitlistPosition', () => {
	const entries = [
		{ id: 'c', status: 'confirmed', placedAt: at(1) },
		{ id: 'w2', status: 'waitlisted', placedAt: at(4) },
		{ id: 'w1', status: 'waitlisted', placedAt: at(3) }
	];
	it('counts from 1 in sign-up order, and is 0 when not waiting', () => {
		expect(waitlistPosition({ entries, id: 'w1' })).toBe(1);
		expect(waitlistPosition({ entries, id: 'w2' })).toBe(2);
		expect(waitlistPosition({ entries, id: 'c' })).toBe(0);
		expect(waitlistPosition({ entries, id: 'nope' })).toBe(0);
	});
});

describe('shift rules', () => {
	it('overlap excludes touching ranges', () => {
		expect(overlaps({ start: at(0), end: at(30) }, { start: at(29), end: at(40) })).toBe(true);
		expect(overlaps({ start: at(0), end: at(30) }, { start: at(30), end: at(40) })).toBe(false);
		expect(overlaps({ start: at(10), end: at(20) }, { start: at(0), end: at(59) })).toBe(true);
	});
	it('cut-off is the named number of hours before the shift', () => {
		const start = new Date('2030-01-03T10:00:00Z');
		const justBefore = new Date(start.getTime() - SHIFT_CANCEL_CUTOFF_HOURS * 3600_000);
		expect(mayCancelShift({ shiftStart: start, now: justBefore })).toBe(true);
		expect(mayCancelShift({ shiftStart: start, now: new Date(justBefore.getTime() + 1000) })).toBe(false);
	});
	it('a leave of the waitlist crossed by a promotion is a leave for the named minutes only', () => {
		const promotedAt = at(10);
		const within = Date.parse('2030-01-01T10:10:00Z') + WAITLIST_LEAVE_MINUTES * 60_000;
		const input = { seen: 'waitlisted', status: 'confirmed', promotedAt, now: within };
		expect(leavesWaitlist(input)).toBe(true);
		expect(leavesWaitlist({ ...input, now: within + 1000 })).toBe(false);
		// a place the person took themselves, one they saw confirmed, one not confirmed
		expect(leavesWaitlist({ ...input, promotedAt: '' })).toBe(false);
		expect(leavesWaitlist({ ...input, seen: 'confirmed' })).toBe(false);
		expect(leavesWaitlist({ ...input, seen: undefined })).toBe(false);
		expect(leavesWaitlist({ ...input, status: 'waitlisted' })).toBe(false);
	});
	it('an event is cancelled only before it begins', () => {
		const event = { start: at(10), end: at(20) };
		expect(eventCancelProblem(event, at(9))).toBeNull();
		expect(eventCancelProblem(event, at(10))).toBe('started');
		expect(eventCancelProblem(event, Date.parse('2030-01-01T10:19:59Z'))).toBe('started');
		expect(eventCancelProblem(event, at(20))).toBe('over');
	});
	it('an event that has ended keeps its times; one under way keeps its start once people have come', () => {
		const event = { start: at(10), end: at(20) };
		const later = { start: at(30), end: at(40) };
		const longer = { start: at(10), end: at(25) };
		// still to come: any move (the hook refuses one into the past on its own)
		expect(eventMoveProblem(event, later, at(9), true)).toBeNull();
		// under way: the start stays once anyone came, the end may move (ending early, running late)
		expect(eventMoveProblem(event, later, at(10), true)).toBe('started');
		expect(eventMoveProblem(event, later, Date.parse('2030-01-01T10:19:59Z'), () => true)).toBe('started');
		expect(eventMoveProblem(event, { start: at(5), end: at(20) }, at(15), true)).toBe('started');
		expect(eventMoveProblem(event, later, at(15), false)).toBeNull();
		expect(eventMoveProblem(event, longer, at(15), true)).toBeNull();
		expect(eventMoveProblem(event, { start: at(10), end: at(16) }, at(15), true)).toBeNull();
		// ended: neither start nor end moves, attendance or not
		expect(eventMoveProblem(event, later, at(20), false)).toBe('over');
		expect(eventMoveProblem(event, longer, at(20), false)).toBe('over');
		// the same times written back are no move; attendance is asked only when it decides
		let asked = 0;
		const attended = () => ++asked > 0;
		expect(eventMoveProblem(event, { start: at(10), end: at(20) }, at(25), attended)).toBeNull();
		expect(eventMoveProblem(event, longer, at(15), attended)).toBeNull();
		expect(eventMoveProblem(event, later, at(9), attended)).toBeNull();
		expect(asked).toBe(0);
	});
	it('an event people came to before its start keeps its start (volunteers setting up)', () => {
		const event = { start: at(10), end: at(20) };
		const later = { start: at(30), end: at(40) };
		expect(eventMoveProblem(event, later, at(9), true, true)).toBe('started');
		expect(eventMoveProblem(event, later, at(9), false, true)).toBeNull();
		// its end alone still moves
		expect(eventMoveProblem(event, { start: at(10), end: at(25) }, at(9), true, true)).toBeNull();
		// a shift (no `early`) is under way from its own start only
		expect(eventMoveProblem(event, later, at(9), true)).toBeNull();
		// nor is it cancelled then
		expect(eventCancelProblem(event, at(9), true)).toBe('started');
		expect(eventCancelProblem(event, at(9), () => false)).toBeNull();
		expect(eventCancelProblem(event, at(9))).toBeNull();
	});
	it('an event keeps its room once it has ended, and once people have come, before its start too', () => {
		const event = { start: at(10), end: at(20) };
		expect(eventRoomProblem(event, at(9), false)).toBeNull();
		expect(eventRoomProblem(event, at(9), true)).toBe('started');
		expect(eventRoomProblem(event, at(10), true)).toBe('started');
		expect(eventRoomProblem(event, at(15), false)).toBeNull();
		expect(eventRoomProblem(event, at(20), false)).toBe('over');
		// attendance is asked only when it decides
		let asked = 0;
		const attended = () => ++asked > 0;
		expect(eventRoomProblem(event, at(25), attended)).toBe('over');
		expect(asked).toBe(0);
	});
	it('a range must end after it starts and be real dates', () => {
		expect(validRange({ start: at(1), end: at(2) })).toBe(true);
		expect(validRange({ start: at(2), end: at(2) })).toBe(false);
		expect(validRange({ start: 'nonsense', end: at(2) })).toBe(false);
	});
});

describe('sane event and shift times', () => {
	it('accepts a range inside the years the house plans for', () => {
		expect(rangeProblem({ start: '2031-05-01 17:00:00.000Z', end: '2031-05-01 19:00:00.000Z' })).toBeNull();
	});
	it('refuses years like 0001 and 9999, non-dates, and reversed or empty ranges', () => {
		expect(rangeProblem({ start: '0001-05-01 17:00:00.000Z', end: '2031-05-01 19:00:00.000Z' })).toEqual({
			code: 'core_date_out_of_range',
			field: 'start'
		});
		expect(rangeProblem({ start: '2031-05-01 17:00:00.000Z', end: '9999-05-01 19:00:00.000Z' })).toEqual({
			code: 'core_date_out_of_range',
			field: 'end'
		});
		expect(rangeProblem({ start: 'i morgen', end: '2031-05-01 19:00:00.000Z' })?.code).toBe(
			'core_invalid_date'
		);
		expect(rangeProblem({ start: '', end: '2031-05-01 19:00:00.000Z' })?.code).toBe('core_invalid_date');
		expect(rangeProblem({ start: '2031-05-01 19:00:00.000Z', end: '2031-05-01 19:00:00.000Z' })).toEqual({
			code: 'events_end_before_start',
			field: 'end'
		});
	});
});
