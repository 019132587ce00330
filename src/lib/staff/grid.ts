import { addDays, localParts, localToUtc, openIntervals } from '$rules/rooms-policy.js';
import type { OpeningHours } from '$rules/rooms-policy.js';

// The staff calendar across rooms (docs/rules.md, "Staff pages"): rooms as rows, the hours of a day (or
// the days of a week) as columns, and in the cells what occupies the room: bookings, events and closures.
// Pure: the page loads the rows, this lays them out in house time.

export type ItemKind = 'booking' | 'event' | 'closure';

export interface GridItem {
	kind: ItemKind;
	id: string;
	/** Empty for a closure of the whole house. */
	room: string;
	start: number;
	end: number;
	/** Who or what: the association or booker, the event's title, the closure's reason. */
	label: string;
	/** 'da' on an English page when the label is the house's Danish text (an event's title, a closure's reason). */
	lang?: 'da';
	/** A booking's status ('pending' | 'approved'), an event's state; '' for closures. */
	status: string;
	/** Where staff open it. */
	href: string;
	/** A booking checked out before its end: it holds the room only until then (its `end` is that time). */
	checkedOut?: boolean;
}

/**
 * Until when a booking holds its room: its end, or the check-out when the group left early (the rest of
 * the slot is free for others, as PocketBase's claim check reads it). Dates as PocketBase stores them.
 */
export function heldUntil(booking: { end: string; checked_out_at?: string }): {
	end: string;
	checkedOut: boolean;
} {
	const out = booking.checked_out_at ?? '';
	return out && out < booking.end ? { end: out, checkedOut: true } : { end: booking.end, checkedOut: false };
}

export interface GridRoom {
	id: string;
	name: string;
	opening_hours: OpeningHours | null;
}

/** One cell of a row: what lies in the columns [from, from + span). */
export interface GridCell {
	span: number;
	/** 'outside': the room is not open then; 'free'; 'busy': items in `items`. */
	state: 'outside' | 'free' | 'busy';
	items: GridItem[];
}

export interface GridRow {
	room: GridRoom;
	cells: GridCell[];
}

export interface Column {
	/** The hour "HH" of a day view, or the date "YYYY-MM-DD" of a week view. */
	key: string;
	start: number;
	end: number;
}

const HOUR = 60 * 60 * 1000;

/** The hour columns of a day: from the earliest opening to the latest closing of any room (08-22 at least). */
export function dayColumns(day: string, rooms: GridRoom[], items: GridItem[]): Column[] {
	let first = 8;
	let last = 22;
	const dayStart = localToUtc(day, '00:00') as number;
	const dayEnd = localToUtc(addDays(day, 1), '00:00') as number;
	const hourOf = (ms: number) => Math.floor(localParts(ms).minutes / 60);
	for (const room of rooms) {
		for (const [open, close] of openIntervals(room.opening_hours, day, day)) {
			if (close <= dayStart || open >= dayEnd) continue;
			first = Math.min(first, open <= dayStart ? 0 : hourOf(open));
			last = Math.max(last, close >= dayEnd ? 24 : Math.ceil(localParts(close).minutes / 60));
		}
	}
	for (const item of items) {
		if (item.kind === 'closure' || item.end <= dayStart || item.start >= dayEnd) continue;
		first = Math.min(first, item.start <= dayStart ? 0 : hourOf(item.start));
		last = Math.max(last, item.end >= dayEnd ? 24 : Math.ceil(localParts(item.end).minutes / 60));
	}
	const columns: Column[] = [];
	for (let h = first; h < last; h++) {
		const hh = String(h).padStart(2, '0');
		const start = localToUtc(day, `${hh}:00`) ?? dayStart + h * HOUR;
		const next =
			h + 1 === 24 ? dayEnd : (localToUtc(day, `${String(h + 1).padStart(2, '0')}:00`) ?? start + HOUR);
		columns.push({ key: hh, start, end: next });
	}
	return columns;
}

/** The seven day columns of a week from `day`. */
export function weekColumns(day: string): Column[] {
	return Array.from({ length: 7 }, (_, i) => {
		const date = addDays(day, i);
		return {
			key: date,
			start: localToUtc(date, '00:00') as number,
			end: localToUtc(addDays(date, 1), '00:00') as number
		};
	});
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }) {
	return a.start < b.end && b.start < a.end;
}

/**
 * The rows of the grid: per room, one cell per column, neighbouring cells with the same contents joined
 * into one (colspan), so that a booking from 18 to 20 is one cell across two hours.
 */
export function gridRows(rooms: GridRoom[], items: GridItem[], columns: Column[]): GridRow[] {
	if (columns.length === 0) return rooms.map((room) => ({ room, cells: [] }));
	const from = columns[0]!.start;
	const to = columns[columns.length - 1]!.end;
	return rooms.map((room) => {
		const open = openIntervals(room.opening_hours, localParts(from).date, localParts(to).date).map(
			([start, end]) => ({ start, end })
		);
		const mine = items
			.filter((item) => item.room === room.id || (item.kind === 'closure' && item.room === ''))
			.sort((a, b) => a.start - b.start);
		const cells: GridCell[] = [];
		for (const column of columns) {
			const inside = mine.filter((item) => overlaps(item, column));
			const state: GridCell['state'] =
				inside.length > 0 ? 'busy' : open.some((o) => overlaps(o, column)) ? 'free' : 'outside';
			const last = cells[cells.length - 1];
			const same =
				last &&
				last.state === state &&
				last.items.length === inside.length &&
				last.items.every((item, i) => item === inside[i]);
			if (same) last.span++;
			else cells.push({ span: 1, state, items: inside });
		}
		return { room, cells };
	});
}
