import { claimsOverlap } from '$rules/room-claims.js';
import { checkBookingPolicy, type RoomPolicy } from '$rules/rooms-policy.js';
import { resolve, resolveEnd } from '$rules/core/time.js';

/** The accessibility a room may offer, as its record's flags. */
export const NEEDS = ['step_free', 'hearing_loop', 'accessible_toilet'] as const;
export type Need = (typeof NEEDS)[number];

export interface SearchRoom extends RoomPolicy {
	id: string;
	buffer_minutes: number;
	facilities: string[] | null;
	step_free: boolean;
	hearing_loop: boolean;
	accessible_toilet: boolean;
}

export interface RoomQuery {
	date: string;
	start: string;
	end: string;
	attendees: number;
	needs: Need[];
	facilities: string[];
}

export interface Interval {
	room: string;
	start: number;
	end: number;
}

/**
 * The rooms free and fit for one time: big enough, with every need and facility asked for, inside their
 * own rules (opening hours, time step, shortest and longest booking, booking horizon) and clear of the
 * public busy stretches (with the room's buffer) and closures (`room` "" closes the whole house). The
 * same rules the hooks decide by (docs/rules.md, rule 2); the answer is a suggestion, the booking decides.
 * Answers `{ code }` when the time itself cannot be read that day.
 */
export function freeRooms<R extends SearchRoom>(input: {
	rooms: R[];
	query: RoomQuery;
	busy: Interval[];
	closures: Interval[];
	now: number;
}): { rooms: R[] } | { code: string; field: 'start' | 'end' } {
	const { query } = input;
	const startAt = resolve(query.date, query.start);
	if ('code' in startAt) return { code: startAt.code, field: 'start' };
	const endAt = resolveEnd(query.date, query.end);
	if ('code' in endAt) return { code: endAt.code, field: 'end' };
	const start = startAt.instant;
	const end = endAt.instant;
	if (end <= start) return { code: 'rooms_end_before_start', field: 'end' };
	// a time already gone is no room's fault: said as such, not as "no room is free"
	if (start < input.now) return { code: 'rooms_in_past', field: 'start' };
	const wanted = query.facilities.map((f) => f.toLocaleLowerCase('da'));
	const rooms = input.rooms.filter((room) => {
		if (!query.needs.every((need) => room[need])) return false;
		const has = (room.facilities ?? []).map((f) => f.toLocaleLowerCase('da'));
		if (!wanted.every((f) => has.includes(f))) return false;
		if (checkBookingPolicy({ room, start, end, attendees: query.attendees, now: input.now })) return false;
		const clash = (i: Interval, buffer: number) => claimsOverlap(start, end, i.start, i.end, buffer);
		if (input.closures.some((c) => (c.room === '' || c.room === room.id) && clash(c, 0))) return false;
		return !input.busy.some((b) => b.room === room.id && clash(b, room.buffer_minutes));
	});
	return { rooms };
}
