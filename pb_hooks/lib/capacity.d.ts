export type CapacityStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export interface QueueEntry {
	id: string;
	status: CapacityStatus | string;
	/** PocketBase date string of the moment the entry joined the queue. */
	placedAt: string;
}
export function decideStatus(input: { places: number; confirmed: number }): 'confirmed' | 'waitlisted';
export function placesLeft(input: { places: number; confirmed: number }): number;
export function queueOrder(a: QueueEntry, b: QueueEntry): number;
export function promotions(input: { places: number; entries: QueueEntry[] }): string[];
export function waitlistPosition(input: { entries: QueueEntry[]; id: string }): number;
