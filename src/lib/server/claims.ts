import type PocketBase from 'pocketbase';

/** The longest claim of bookings and of the busy projection, in ms (GET /api/borgerhus/claims/longest). */
export interface LongestClaims {
	bookings: number;
	room_busy: number;
}

/**
 * Asked before a read of claims by time across rooms, whose filter then bounds the start with
 * `overlapFloor` (`$rules/room-claims.js`): without that bound such a read walks the house's whole history.
 */
export function longestClaims(pb: PocketBase): Promise<LongestClaims> {
	return pb.send<LongestClaims>('/api/borgerhus/claims/longest', { method: 'GET' });
}
