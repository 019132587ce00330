export interface QueueHold {
	id: string;
	status: string;
	placed_at: string;
}

export const MAX_ACTIVE_HOLDS: number;
export const PICKUP_DAYS: number;
export const LOAN_DAYS: number;
export const BULK_MAX_TITLES: number;
export const QUEUED_STATUSES: readonly string[];
export function isQueued(status: string): boolean;
export function compareHolds(a: QueueHold, b: QueueHold): number;
export function queueOf<H extends QueueHold>(holds: H[]): H[];
export function queuePlaces(holds: QueueHold[]): Record<string, number>;
export function placeOf(holds: QueueHold[], holdId: string): number;
export function placeSql(alias: string): string;
export function nextHold<H extends QueueHold>(holds: H[]): H | null;
export function isExpired(hold: { status: string; pickup_deadline: string }, now: string): boolean;
export function toPbDate(date: Date): string;
export function addDays(from: Date, days: number): string;
export function deadline(from: Date, days: number, app?: unknown): string;
export function pickupShelf(patronId: string): string;
