import * as rrule from 'rrule';
import { claimsOverlap } from '$rules/room-claims.js';
import { bookingPolicyProblems, type RoomPolicy } from '$rules/rooms-policy.js';
import { resolve, resolveEnd } from '$rules/core/time.js';
import type { PreviewDate, PreviewReason } from './preview';

// rrule reaches Node as CommonJS (server build) and bundlers as ESM: take RRule from either shape.
const { RRule } = ((rrule as { default?: typeof rrule }).default ?? rrule) as typeof rrule;
type RRule = InstanceType<typeof RRule>;

/** The most dates one season booking may hold. */
export const MAX_SERIES_DATES = 60;

export interface SeriesInput {
	firstDate: string;
	lastDate: string;
	intervalWeeks: number;
}

/** The RRULE of a season booking: every n weeks on the weekday of the first date, until the last date. */
export function seriesRule(input: SeriesInput): RRule {
	const [y, m, d] = input.firstDate.split('-').map(Number) as [number, number, number];
	const [ly, lm, ld] = input.lastDate.split('-').map(Number) as [number, number, number];
	// rrule works in "floating" time when given UTC dates: the dates are local calendar dates, and the
	// wall-clock time is applied per date afterwards, so 19:00 stays 19:00 across daylight saving.
	return new RRule({
		freq: RRule.WEEKLY,
		interval: Math.max(1, Math.floor(input.intervalWeeks)),
		dtstart: new Date(Date.UTC(y, m - 1, d)),
		until: new Date(Date.UTC(ly, lm - 1, ld, 23, 59)),
		count: MAX_SERIES_DATES
	});
}

/** The local dates "YYYY-MM-DD" of a season booking. */
export function seriesDates(input: SeriesInput): string[] {
	return seriesRule(input)
		.all()
		.map((date) => date.toISOString().slice(0, 10));
}

export interface Claim {
	start: number;
	end: number;
	kind: 'booking' | 'event';
}

/**
 * Each date of a season booking as free, or with every reason it is not: the room's rules it breaks
 * (unavailable: a time that does not exist that day, outside opening hours, too far ahead...; all of them,
 * as the hooks' bookingPolicyProblems finds them), closed, colliding with a booking or an event (never
 * whose). Its state is that of the first reason.
 */
export function previewSeries(input: {
	dates: string[];
	startTime: string;
	endTime: string;
	attendees: number;
	room: RoomPolicy & { buffer_minutes: number };
	claims: Claim[];
	closures: { start: number; end: number }[];
	now: number;
}): PreviewDate[] {
	return input.dates.map((date) => {
		// A time that does not exist that date, or occurs twice, makes the date unavailable, never a guess.
		const startAt = resolve(date, input.startTime);
		// an end at 00:00 is the midnight that ends the day
		const endAt = resolveEnd(date, input.endTime);
		const timeless = (code: string): PreviewDate => ({
			date,
			state: 'unavailable',
			code,
			reasons: [{ state: 'unavailable', code }]
		});
		if ('code' in startAt) return timeless(startAt.code);
		if ('code' in endAt) return timeless(endAt.code);
		const start = startAt.instant;
		const end = endAt.instant;
		const reasons: PreviewReason[] = bookingPolicyProblems({
			room: input.room,
			start,
			end,
			attendees: input.attendees,
			now: input.now
		}).map((problem) => ({ state: 'unavailable', code: problem.code }));
		if (input.closures.some((c) => claimsOverlap(start, end, c.start, c.end, 0))) {
			reasons.push({ state: 'closed' });
		}
		for (const kind of ['booking', 'event'] as const) {
			const taken = input.claims.some(
				(c) => c.kind === kind && claimsOverlap(start, end, c.start, c.end, input.room.buffer_minutes)
			);
			if (taken) reasons.push({ state: kind });
		}
		const [first] = reasons;
		if (!first) return { date, state: 'free', reasons, start, end };
		return { date, state: first.state, ...(first.code ? { code: first.code } : {}), reasons, start, end };
	});
}
