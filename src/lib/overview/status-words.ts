import { m } from '$lib/paraglide/messages';
import type { BookingStatus, HoldStatus, PlaceStatus } from '$lib/pocketbase-types';

// The words for the status of a user's rows in "Mine data" and its print view. The tables are typed by
// the statuses the database knows, so a new status does not build until it has its words; a value none
// of them knows still reads as words rather than as a code.

const BOOKING: Record<BookingStatus, () => string> = {
	pending: m.rooms_status_pending,
	approved: m.overview_state_booking_approved,
	rejected: m.overview_state_booking_rejected,
	cancelled: m.overview_state_booking_cancelled,
	no_show: m.overview_state_booking_no_show
};

const HOLD: Record<HoldStatus, () => string> = {
	waiting: m.overview_status_waiting,
	paused: m.overview_status_paused,
	ready: m.overview_status_ready,
	collected: m.overview_state_hold_collected,
	expired: m.overview_state_hold_expired,
	cancelled: m.overview_state_hold_cancelled
};

const PLACE: Record<PlaceStatus, () => string> = {
	confirmed: m.overview_state_place_confirmed,
	waitlisted: m.overview_state_place_waitlisted,
	cancelled: m.overview_state_place_cancelled
};

const SERIES: Record<'active' | 'cancelled', () => string> = {
	active: m.overview_data_series_active,
	cancelled: m.overview_state_booking_cancelled
};

/** A code none of the tables knows, as words: `no_show` reads "no show". */
export function readableCode(value: string): string {
	return value.replace(/[_-]+/g, ' ').trim();
}

/** The word for a status; none for a row without one (the rules give every row one). */
function wordOf<K extends string>(table: Record<K, () => string>, value: string): string {
	if (value === '') return '';
	return Object.hasOwn(table, value) ? table[value as K]() : readableCode(value);
}

/** A room booking's status. */
export const bookingStatusWord = (value: string) => wordOf(BOOKING, value);
/** A library hold's status. */
export const holdStatusWord = (value: string) => wordOf(HOLD, value);
/** A volunteer sign-up's or event registration's status. */
export const placeStatusWord = (value: string) => wordOf(PLACE, value);
/** A regular (series) booking's status. */
export const seriesStatusWord = (value: string) => wordOf(SERIES, value);

const BY_COLLECTION: Record<string, (value: string) => string> = {
	bookings: bookingStatusWord,
	booking_series: seriesStatusWord,
	holds: holdStatusWord,
	signups: placeStatusWord,
	registrations: placeStatusWord
};

/** A status of a row of any of the user's collections (the audit log's "from" and "to"). */
export function statusWordOf(collection: string, value: string): string {
	const byCollection = BY_COLLECTION[collection];
	if (byCollection) return byCollection(value);
	for (const table of [BOOKING, HOLD, PLACE, SERIES] as Record<string, () => string>[]) {
		if (Object.hasOwn(table, value)) return table[value]!();
	}
	return readableCode(value);
}
