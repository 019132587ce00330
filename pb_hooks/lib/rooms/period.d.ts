// Cancelling a period of bookings: see period.js. The app reads its limits only.
export const MAX_DAYS: number;
export const MAX_BOOKINGS: number;
export function readBody(body: Record<string, unknown>): unknown;
export function cancelPeriod(e: unknown): unknown;
