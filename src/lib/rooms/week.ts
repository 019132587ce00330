import { addDays, localParts, localToUtc, openIntervals, type OpeningHours } from '$rules/rooms-policy.js';

/** What a stretch of a day is for someone looking at a room: free, busy, closed or outside opening hours. */
export type SlotKind = 'free' | 'busy' | 'closed' | 'outside';

export interface DaySegment {
	kind: SlotKind;
	/** Copenhagen wall-clock times "HH:MM" ("24:00" for the end of the day). */
	from: string;
	to: string;
}

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
 * The days from `from` (local date) with their stretches: closures win over busy, busy over free, and
 * what lies outside opening hours is "outside". Others' bookings are only "busy" here (docs/rules.md, "Rooms and bookings").
 */
export function buildWeek(input: {
	from: string;
	days: number;
	openingHours: OpeningHours | null;
	busy: Interval[];
	closed: Interval[];
}): WeekDay[] {
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
		for (const i of [...input.busy, ...input.closed]) {
			add(i.start);
			add(i.end);
		}
		const sorted = [...points].sort((a, b) => a - b);
		const segments: DaySegment[] = [];
		for (let p = 0; p < sorted.length - 1; p++) {
			const a = sorted[p] as number;
			const b = sorted[p + 1] as number;
			const kind: SlotKind = within(input.closed, a)
				? 'closed'
				: !within(open, a)
					? 'outside'
					: within(input.busy, a)
						? 'busy'
						: 'free';
			const previous = segments[segments.length - 1];
			if (previous && previous.kind === kind) previous.to = hhmm(b, end);
			else segments.push({ kind, from: hhmm(a, end), to: hhmm(b, end) });
		}
		week.push({ date, segments });
	}
	return week;
}

/** What tapping a free stretch puts into the booking form: a local date and "HH:MM" times. */
export interface SlotChoice {
	date: string;
	start: string;
	end: string;
}

const DEFAULT_MINUTES = 120;

function minutesOf(time: string): number {
	const [h, m] = time.split(':').map(Number) as [number, number];
	return h * 60 + m;
}

function timeOf(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The booking a tap on a free stretch suggests: from its start (or from now, on today), on the room's time
 * step, clear of the buffer next to a busy neighbour, two hours long within the room's minimum and maximum
 * and the stretch. Null when nothing bookable fits in what is left of the stretch.
 */
export function slotChoice(input: {
	date: string;
	segment: DaySegment;
	/** The kinds of the stretches just before and after, when any. */
	before?: SlotKind;
	after?: SlotKind;
	room: { step_minutes: number; min_minutes: number; max_minutes: number; buffer_minutes: number };
	/** Minutes of the day now, when `date` is today. */
	nowMinutes?: number;
}): SlotChoice | null {
	const { room } = input;
	const step = room.step_minutes > 0 ? room.step_minutes : 1;
	const buffer = room.buffer_minutes > 0 ? room.buffer_minutes : 0;
	let from = minutesOf(input.segment.from) + (input.before === 'busy' ? buffer : 0);
	// "24:00" cannot be typed in a time field: the day's last bookable end is one step before midnight.
	const to = Math.min(minutesOf(input.segment.to), 24 * 60 - 1) - (input.after === 'busy' ? buffer : 0);
	if (input.nowMinutes !== undefined) from = Math.max(from, input.nowMinutes + 1);
	const start = Math.ceil(from / step) * step;
	let length = Math.max(DEFAULT_MINUTES, room.min_minutes || 0);
	if (room.max_minutes > 0) length = Math.min(length, room.max_minutes);
	length = Math.min(length, Math.floor((to - start) / step) * step);
	if (length <= 0 || length < (room.min_minutes || 0)) return null;
	return { date: input.date, start: timeOf(start), end: timeOf(start + length) };
}
