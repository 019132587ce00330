import { m } from '$lib/paraglide/messages';
import { formatDateTime, formatTime, houseParts } from '$lib/dates';

// Words of the door's check-in page only (a module of its own, so no other page loads them).

/**
 * When a booking's check-in opens, as the door's page says it: the time alone on the house day of `now`
 * ("Tjek-ind åbner kl. 08:45."), else with its day, for the page lists the next hours, past midnight too
 * ("Tjek-ind åbner mandag 7. december kl. 08:45.").
 */
export function checkinOpensLabel(opens: number, now: number, language: 'da' | 'en'): string {
	const [day, today] = [houseParts(opens), houseParts(now)];
	const sameDay = day.year === today.year && day.month === today.month && day.day === today.day;
	return sameDay
		? m.checkin_opens_at({ time: formatTime(new Date(opens)) }, { locale: language })
		: m.checkin_opens_on(
				{ when: formatDateTime(new Date(opens), language, new Date(now)) },
				{ locale: language }
			);
}
