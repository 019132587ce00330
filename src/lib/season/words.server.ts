import { m } from '$lib/paraglide/messages';
import { formatRange } from '$lib/dates';
import type { LineReason } from '$rules/season/allocate.js';
import { LINE_STATUS, TIER_NAME, reasonLines, slotLabel, weekdayName } from './reasons';

// A season's times, lines and reasons worded by the page's server: the season's pages then load neither
// the reasons' words nor the tables of states, tiers and tie-breakers (docs/performance.md, "Every other
// page").

interface SlotsAndRooms {
	slots: { id: string; room: string; weekday: string; start: string; end: string }[];
}

/** Each of the season's times by its id, as an option reads ("tirsdag 17:00–19:00, Salen"). */
export function slotNames(season: SlotsAndRooms, rooms: Record<string, string>): Record<string, string> {
	return Object.fromEntries(season.slots.map((s) => [s.id, slotLabel(s.id, season.slots, rooms)]));
}

/** A weekly time of a plan, "tirsdag 17:00–19:00, Salen", and apart from it its weeks when it is every other week. */
export function weeklyWords(time: {
	weekday: string;
	start: string;
	end: string;
	room_name: string;
	every?: number;
	parity?: number;
}) {
	return {
		words: m.season_weekly_at({
			weekday: weekdayName(time.weekday),
			time: formatRange(time.start, time.end),
			room: time.room_name
		}),
		weeks: time.every === 2 ? ` (${time.parity ? m.season_odd_weeks() : m.season_even_weeks()})` : ''
	};
}

/**
 * A line's time, status, tier and the sentences of its reason. `names` maps an activity key to its
 * association's name; `staff` words the reason as staff read it (reasonLines).
 */
export function lineWords(
	line: {
		slot: string;
		every?: number;
		parity?: number;
		status: string;
		tier: string;
		via: string;
		wish: number;
		reason: LineReason | null;
	},
	season: SlotsAndRooms,
	rooms: Record<string, string>,
	names: Record<string, string>,
	staff = false
) {
	const label = (slot: string, every = 1, parity = 0) => slotLabel(slot, season.slots, rooms, every, parity);
	return {
		slot: label(line.slot, line.every, line.parity),
		status: LINE_STATUS[line.status]?.() ?? '',
		tier: TIER_NAME[line.tier]?.() ?? '',
		reasons: reasonLines(line, (s) => label(s), names, { staff })
	};
}
