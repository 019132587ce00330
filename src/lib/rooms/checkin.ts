import type { BookingRecord, RoomRecord } from '$lib/pocketbase-types';
import { phase, windowOf, type CheckinPhase } from '$rules/rooms/checkin.js';
import { toMs } from '$rules/room-claims.js';

// Check-in in the app: which button a booking offers, from the same rules the server decides with
// (pb_hooks/lib/rooms/checkin.js; docs/rules.md, "Check-in and no-shows").

type Room = Pick<RoomRecord, 'checkin_required' | 'checkin_opens_minutes' | 'checkin_grace_minutes'>;
type Booking = Pick<BookingRecord, 'status' | 'start' | 'end' | 'checked_in_at' | 'checked_out_at'> &
	Partial<Pick<BookingRecord, 'decided_at' | 'checkin_grace_minutes'>>;

/** When staff approved a booking (ms), or 0: the check-in grace runs from a late approval. */
function approvedAt(booking: Partial<Pick<BookingRecord, 'status' | 'decided_at'>>): number {
	return booking.status === 'approved' && booking.decided_at ? toMs(booking.decided_at) : 0;
}

/** Where a booking stands for check-in at `now` (ms). */
export function checkinPhase(room: Room, booking: Booking, now: number): CheckinPhase {
	return phase(
		{
			checkin_required: !!room.checkin_required,
			checkin_opens_minutes: room.checkin_opens_minutes,
			checkin_grace_minutes: room.checkin_grace_minutes
		},
		{
			status: booking.status,
			start: toMs(booking.start),
			end: toMs(booking.end),
			checked_in_at: booking.checked_in_at ?? '',
			checked_out_at: booking.checked_out_at ?? '',
			approved_at: approvedAt(booking),
			checkin_grace_minutes: booking.checkin_grace_minutes ?? 0
		},
		now
	);
}

/** "Vi er her" while check-in is open, check-out while a checked-in booking runs, otherwise nothing. */
export function attendanceAction(room: Room, booking: Booking, now: number): 'check_in' | 'check_out' | null {
	const p = checkinPhase(room, booking, now);
	if (p === 'open') return 'check_in';
	if (p === 'checked_in' && toMs(booking.start) <= now && now < toMs(booking.end)) return 'check_out';
	return null;
}

/**
 * The moments (ms) at which what a booking offers for check-in changes by the clock alone: check-in opens
 * and closes, the booking starts (check-out) and ends.
 */
export function attendanceMoments(
	room: Room,
	booking: Pick<BookingRecord, 'start' | 'end'> &
		Partial<Pick<BookingRecord, 'status' | 'decided_at' | 'checkin_grace_minutes'>>
): number[] {
	if (!room.checkin_required) return [];
	const { opens, closes } = checkinWindow(room, booking);
	return [opens, closes, toMs(booking.start), toMs(booking.end)];
}

/** When check-in opens and closes for a booking (ms). */
export function checkinWindow(
	room: Room,
	booking: Pick<BookingRecord, 'start'> &
		Partial<Pick<BookingRecord, 'status' | 'decided_at' | 'checkin_grace_minutes'>>
) {
	return windowOf(room, toMs(booking.start), approvedAt(booking), booking.checkin_grace_minutes ?? 0);
}
