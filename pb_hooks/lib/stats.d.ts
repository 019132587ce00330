type HouseTime = {
	localToUtc(date: string, time: string): number | null;
	addDays(date: string, days: number): string;
	localParts(ms: number): { date: string; weekday: string; minutes: number };
	openIntervals(hours: object, fromDate: string, toDate: string): number[][];
};
export interface Period {
	from: number;
	to: number;
}
export interface RoomUse {
	rooms: {
		id: string;
		name: string;
		bookings: number;
		events: number;
		minutes: number;
		openMinutes: number;
		/** The part of `minutes` inside the open time (opening hours less closures), at most `openMinutes`. */
		openUsedMinutes: number;
	}[];
	/** Booked minutes by house weekday, Monday first. */
	weekdays: number[];
	/** Booked minutes by house hour of the day, 0–23. */
	hours: number[];
}
export interface HoldStats {
	served: number;
	waitMedianHours: number;
	waitP90Hours: number;
	collected: number;
	expired: number;
	loans: number;
}
export interface VolunteerHours {
	minutes: number;
	people: number;
	signups: number;
	events: { id: string; title: string; minutes: number; people: number }[];
}
export interface NoShows {
	registered: number;
	checkedIn: number;
	noShows: number;
	events: {
		id: string;
		title: string;
		start: number;
		registered: number;
		checkedIn: number;
		noShows: number;
	}[];
}
export interface RoomNoShows {
	due: number;
	checkedIn: number;
	noShows: number;
	rooms: { id: string; name: string; due: number; checkedIn: number; noShows: number }[];
}
/** The answer of GET /api/borgerhus/stats. */
export interface Stats {
	period: { from: string; to: string; fromMs: number; toMs: number };
	rooms: RoomUse;
	library: HoldStats & { waitingNow: number; pausedNow: number; fetchingNow: number; readyNow: number };
	volunteers: VolunteerHours;
	noShows: NoShows;
	roomNoShows: RoomNoShows;
}
export const MAX_DAYS: number;
export const WEEK: readonly ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export function periodBounds(
	time: HouseTime,
	fromDate: string,
	toDate: string
):
	| Period
	| {
			error:
				| 'stats_invalid_period'
				| 'stats_period_too_long'
				| 'stats_from_invalid'
				| 'stats_to_invalid'
				| 'core_date_out_of_range';
			field: 'from' | 'to';
	  };
export function subtract(intervals: number[][], holes: number[][]): number[][];
/** A room's creation (ms, 0 when unknown) and its recorded states: in use or not from `at` on. */
export interface RoomHistory {
	created?: number;
	changes?: { at: number; active: boolean }[];
}
export function inUseSpans(room: RoomHistory): number[][];
export function roomUse(
	time: HouseTime,
	period: Period,
	rooms: ({ id: string; name: string; opening_hours: object | null } & RoomHistory)[],
	claims: { room: string; start: number; end: number; kind: 'booking' | 'event' }[],
	closures: { room: string; start: number; end: number }[]
): RoomUse;
export function percentile(values: number[], p: number): number;
export function holdStats(
	period: Period,
	holds: { status: string; placed_at: number; ready_at: number; ended_at: number; fetching: boolean }[],
	loans: { start: number }[]
): HoldStats;
export function volunteerHours(
	shifts: { user: string; event: string; title: string; start: number; end: number }[]
): VolunteerHours;
export function noShows(
	registrations: { event: string; title: string; start: number; checked_in: boolean }[]
): NoShows;
export function roomNoShows(bookings: { room: string; name: string; no_show: boolean }[]): RoomNoShows;
