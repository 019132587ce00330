// A room's day as stretches, and what a tap on a free stretch suggests. Apart from week.ts, which builds the
// week on the server from the house's opening hours and time zone: the room page's script needs only this.

/**
 * What a stretch of a day is for someone looking at a room: free, busy, closed, outside opening hours, or
 * opening hours already gone today.
 */
export type SlotKind = 'free' | 'busy' | 'closed' | 'outside' | 'past';

export interface DaySegment {
	kind: SlotKind;
	/** Copenhagen wall-clock times "HH:MM" ("24:00" for the end of the day). */
	from: string;
	to: string;
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

/** "HH:MM" of minutes of the day; the midnight that ends the day (1440) is "00:00", as the form reads an end. */
function timeOf(minutes: number): string {
	const m = minutes % (24 * 60);
	return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
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
	// a stretch to "24:00" runs to the midnight that ends the day: the end is then "00:00"
	const to = minutesOf(input.segment.to) - (input.after === 'busy' ? buffer : 0);
	if (input.nowMinutes !== undefined) from = Math.max(from, input.nowMinutes + 1);
	const start = Math.ceil(from / step) * step;
	let length = Math.max(DEFAULT_MINUTES, room.min_minutes || 0);
	if (room.max_minutes > 0) length = Math.min(length, room.max_minutes);
	length = Math.min(length, Math.floor((to - start) / step) * step);
	if (length <= 0 || length < (room.min_minutes || 0)) return null;
	return { date: input.date, start: timeOf(start), end: timeOf(start + length) };
}
