/** One entry of the personal calendar feed, as the feed route returns it. */
export interface FeedEntry {
	uid: string;
	kind: 'booking' | 'pickup' | 'shift' | 'registration';
	status: string;
	title: string;
	detail: string;
	association: string;
	location: string;
	/** UTC "2006-01-02 15:04:05.000Z" */
	start: string;
	end: string;
	/** The last change of the rows the entry is made of (PocketBase's date format). */
	updated?: string;
}
/**
 * When a calendar entry last changed: the latest `updated` of the rows it is made of, by kind, its room,
 * library title and a booking's association included. The feed and the single "add to calendar" file both
 * count its SEQUENCE from it.
 */
export function changedAt(updated: {
	place?: string;
	shift?: string;
	event?: string;
	room?: string;
	association?: string;
	title?: string;
}): string;
export function isTokenShape(token: unknown): boolean;
export const TOKEN_LENGTH: number;
export function renewToken(app: unknown, userId: string): string;
export function revokeToken(app: unknown, userId: string): void;
export function userByToken(app: unknown, token: string): unknown;
export function feedEntries(app: unknown, user: unknown, now?: Date): FeedEntry[];

/** A row as the entry builders read it: its id, its last change and the fields named. */
type Row<T> = { id: string; updated?: string } & T;
type Named = { name: string; updated?: string } | null | undefined;
/**
 * One entry of the feed from the rows it is made of, as plain values: the feed and the single "add to
 * calendar" file both build their entries here, so both say the same.
 */
export function bookingEntry(
	booking: Row<{ status: string; purpose: string; start: string; end: string }>,
	room: Named,
	association: Named
): FeedEntry;
export function pickupEntry(
	hold: Row<{ pickup_shelf: string; ready_at?: string; pickup_deadline: string }>,
	title: { title: string; updated?: string } | null | undefined
): FeedEntry;
export function shiftEntry(
	signup: Row<{ status: string }>,
	shift: Row<{ task: string; start: string; end: string }>,
	event: Row<{ state: string }> | null | undefined,
	room: Named,
	eventTitle: string
): FeedEntry;
export function registrationEntry(
	registration: Row<{ status: string }>,
	event: Row<{ state: string; start: string; end: string }>,
	room: Named,
	eventTitle: string
): FeedEntry;
