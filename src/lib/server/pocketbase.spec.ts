import { describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { clientAddressOf, countsAgainstLimit, sessionEnded, UNKNOWN_ADDRESS } from './pocketbase';

const answered = (status: number) => new ClientResponseError({ status, response: {} });

describe('the session check', () => {
	it('ends the session when PocketBase refuses the token or no longer knows the account', () => {
		for (const status of [400, 401, 403, 404]) expect(sessionEnded(answered(status))).toBe(true);
	});

	it('keeps the session when PocketBase is unreachable, busy or failing', () => {
		for (const status of [0, 429, 500, 502, 503]) expect(sessionEnded(answered(status))).toBe(false);
		expect(sessionEnded(new TypeError('fetch failed'))).toBe(false);
	});
});

describe("the user's address for PocketBase's limits", () => {
	it('is the address adapter-node reads', () => {
		expect(clientAddressOf({ getClientAddress: () => '203.0.113.7' })).toBe('203.0.113.7');
	});

	it('is one shared, limited address when it cannot be read, never this server’s own', () => {
		const unreadable = {
			getClientAddress: () => {
				throw new Error('Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent');
			}
		};
		expect(clientAddressOf(unreadable)).toBe(UNKNOWN_ADDRESS);
		expect(UNKNOWN_ADDRESS).not.toMatch(/^(127\.|::1$)/);
	});

	it('is sent with writes and sign-in, not with page reads or the session refresh', () => {
		expect(countsAgainstLimit('http://pb/api/collections/users/auth-with-password', 'POST')).toBe(true);
		expect(countsAgainstLimit('http://pb/api/collections/bookings/records', 'GET')).toBe(false);
		expect(countsAgainstLimit('http://pb/api/collections/users/auth-refresh', 'POST')).toBe(false);
	});
});
