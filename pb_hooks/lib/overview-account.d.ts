/** Deletes an account inside a running transaction (PocketBase hook code). */
export function deleteAccount(
	txApp: unknown,
	userId: string,
	now?: Date
): { bookings: number; holds: number; signups: number; registrations: number };
export const ANONYMOUS_NAME: string;
