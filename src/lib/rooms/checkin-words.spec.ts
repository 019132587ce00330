import { describe, expect, it } from 'vitest';
import { checkinOpensLabel } from './checkin-words';

// The door's check-in page lists the next 12 hours: a window opening on another house day says which day.

describe('when check-in opens, on the door’s page', () => {
	// Sunday 6 December 2026, 22:30 in Copenhagen (21:30 UTC)
	const now = Date.UTC(2026, 11, 6, 21, 30);

	it('says the time alone later the same house day', () => {
		const opens = Date.UTC(2026, 11, 6, 22, 45);
		expect(checkinOpensLabel(opens, now, 'da')).toBe('Tjek-ind åbner kl. 23:45.');
		expect(checkinOpensLabel(opens, now, 'en')).toBe('Check-in opens at 23:45.');
	});

	it('names the day when it opens after midnight, house time', () => {
		// 00:15 on Monday in Copenhagen is still Sunday in UTC
		const justAfter = Date.UTC(2026, 11, 6, 23, 15);
		expect(checkinOpensLabel(justAfter, now, 'da')).toBe('Tjek-ind åbner mandag 7. december kl. 00:15.');
		const morning = Date.UTC(2026, 11, 7, 7, 45);
		expect(checkinOpensLabel(morning, now, 'da')).toBe('Tjek-ind åbner mandag 7. december kl. 08:45.');
		expect(checkinOpensLabel(morning, now, 'en')).toBe('Check-in opens Monday 7 December, 08:45.');
	});
});
