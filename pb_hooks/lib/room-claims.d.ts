/** A date as PocketBase stores it, an ISO string, a Date, milliseconds, or a PocketBase DateTime. */
export type DateLike = string | number | Date | { string(): string };

export interface RoomConflict {
	kind: 'booking' | 'event' | 'closure';
	id: string;
}

export function toMs(value: DateLike): number;
export function toPbDate(value: DateLike): string;
export function claimsOverlap(
	aStart: DateLike,
	aEnd: DateLike,
	bStart: DateLike,
	bEnd: DateLike,
	bufferMinutes: number
): boolean;
export function bufferedWindow(
	start: DateLike,
	end: DateLike,
	bufferMinutes: number
): { start: number; end: number };
/** Only callable inside PocketBase hooks, with the transaction's app. */
export function findRoomConflict(
	app: unknown,
	claim: {
		room: string | { id: string };
		start: DateLike;
		end: DateLike;
		excludeBookingId?: string;
		excludeEventId?: string;
	}
): RoomConflict | null;
/** Only callable inside PocketBase hooks: the longest claim of each table, in ms. */
export function longestClaims(app: unknown): { bookings: number; room_busy: number };
export function overlapFloor(from: DateLike, longestMs: number): number;
