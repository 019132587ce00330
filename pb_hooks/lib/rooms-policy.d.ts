export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
/** Per weekday a list of [open, close] as "HH:MM"; close at or before open closes the next day. */
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;

export interface RoomPolicy {
	capacity: number;
	opening_hours: OpeningHours | null;
	min_minutes: number;
	max_minutes: number;
	step_minutes: number;
	horizon_days: number;
	active: boolean;
}

export interface PolicyError {
	code: string;
	field: string;
}

export const WEEKDAYS: Weekday[];
export function houseOffsetMinutes(ms: number): number;
export function localParts(ms: number): { date: string; weekday: Weekday; minutes: number };
export function localToUtc(date: string, time: string): number | null;
export function localEndToUtc(date: string, time: string): number | null;
export function addDays(date: string, days: number): string;
export function openIntervals(
	openingHours: OpeningHours | null,
	fromDate: string,
	toDate: string
): [number, number][];
export function withinOpeningHours(
	openingHours: OpeningHours | null,
	startMs: number,
	endMs: number
): boolean;
/**
 * Every problem of a booking under its room's policy, at most one per field, in the order the rules are
 * checked (checkBookingPolicy is the first); without a room only the checks that need none.
 */
export function bookingPolicyProblems(input: {
	room: RoomPolicy | null;
	start: number;
	end: number;
	attendees: number;
	now: number;
	skipHorizon?: boolean;
	running?: boolean;
}): PolicyError[];
export function checkBookingPolicy(input: {
	room: RoomPolicy;
	start: number;
	end: number;
	attendees: number;
	now: number;
	skipHorizon?: boolean;
	/** a booking that has begun: only its end is judged against the clock */
	running?: boolean;
}): PolicyError | null;
/** The latest instant a booking may start at; Infinity when the room has no horizon. */
export function horizonEnd(horizonDays: number, now: number): number;
/** The last local date a booking can start on, or null when the room has no horizon. */
export function lastBookableDate(horizonDays: number, now: number): string | null;
export function cancelDeadline(cancelHours: number, start: number): number;
export function lastStartWithoutCancel(cancelHours: number, now: number): number;
export function mayCancel(cancelHours: number, start: number, now: number, status?: string): boolean;
export function inUse(status: string, checkedInAt: string, start: number, now: number): boolean;
