import { addDays, localParts, localToUtc, openIntervals, type OpeningHours } from '$rules/rooms-policy.js';
import type { DaySegment, SlotKind } from './slot';

export interface WeekDay {
	date: string;
	segments: DaySegment[];
}

export interface Interval {
	start: number;
	end: number;
}

function hhmm(ms: number, dayEnd: number): string {
	if (ms >= dayEnd) return '24:00';
	const minutes = localParts(ms).minutes;
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Midnight (Copenhagen) at the start of a local date, in ms. Midnight always exists in Copenhagen. */
export function dayStart(date: string): number {
	return localToUtc(date, '00:00') as number;
}

/**
 * The first moment from `now` at which a booking can start: the next whole minute of the room's step
 * (steps count from local midnight, as the booking form's times do). Before it a free stretch is gone: a
 * minute left before the next booking is no time anyone can book.
 */
function nextStep(now: number, stepMinutes = 1): number {
	const step = stepMinutes > 0 ? stepMinutes : 1;
	const minute = Math.ceil(now / 60_000) * 60_000; // Copenhagen's offsets are whole hours
	const minutes = localParts(minute).minutes;
	return minute + ((step - (minutes % step)) % step) * 60_000;
}

/**
 * The days from `from` (local date) with their stretches: closures win over busy, busy over free, and
 * what lies outside opening hours is "outside". Others' bookings are only "busy" here (docs/rules.md, "Rooms and bookings").
 * Free opening hours before `now` (rounded up to the room's next step) are "past": nobody can book them any more.
 */
export function buildWeek(input: {
	from: string;
	days: number;
	openingHours: OpeningHours | null;
	busy: Interval[];
	closed: Interval[];
	now?: number;
	/** The room's time step in minutes: no booking can start before the next step after `now`. */
	stepMinutes?: number;
}): WeekDay[] {
	const now = input.now === undefined ? -Infinity : nextStep(input.now, input.stepMinutes);
	const last = addDays(input.from, input.days - 1);
	const open = openIntervals(input.openingHours, input.from, last);
	const within = (list: Interval[] | [number, number][], t: number) =>
		list.some((i) => (Array.isArray(i) ? i[0] <= t && t < i[1] : i.start <= t && t < i.end));
	const week: WeekDay[] = [];
	for (let d = 0; d < input.days; d++) {
		const date = addDays(input.from, d);
		const start = dayStart(date);
		const end = dayStart(addDays(date, 1));
		const points = new Set<number>([start, end]);
		const add = (t: number) => {
			if (t > start && t < end) points.add(t);
		};
		for (const [s, e] of open) {
			add(s);
			add(e);
		}
		add(now);
		for (const i of [...input.busy, ...input.closed]) {
			add(i.start);
			add(i.end);
		}
		const sorted = [...points].sort((a, b) => a - b);
		const segments: DaySegment[] = [];
		for (let p = 0; p < sorted.length - 1; p++) {
			const a = sorted[p] as number;
			const b = sorted[p + 1] as number;
			// a booking that has ended stays busy (the room's buffer after it still counts for the next one)
			const kind: SlotKind = within(input.closed, a)
				? 'closed'
				: !within(open, a)
					? 'outside'
					: within(input.busy, a)
						? 'busy'
						: a < now
							? 'past'
							: 'free';
			const previous = segments[segments.length - 1];
			if (previous && previous.kind === kind) previous.to = hhmm(b, end);
			else segments.push({ kind, from: hhmm(a, end), to: hhmm(b, end) });
		}
		week.push({ date, segments });
	}
	return week;
}
