import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import { HOUSE_TIME_ZONE, parsePbDate } from '$lib/dates';

/**
 * A booking as staff name it on a button or a field (docs/rules.md, "Staff pages"): the room and the
 * start in house time, "Lokale 2, 3. dec 18:00" / "Lokale 2, 3 Dec 18:00", with the year when it is
 * not this year. Every control that acts on one booking carries this name, so that a screen reader's
 * list of buttons tells them apart.
 */
export function bookingName(room: string, start: string | Date, language: 'da' | 'en'): string {
	const date = new TZDate(typeof start === 'string' ? parsePbDate(start) : start, HOUSE_TIME_ZONE);
	const thisYear = new TZDate(Date.now(), HOUSE_TIME_ZONE).getFullYear() === date.getFullYear();
	const pattern =
		language === 'da'
			? thisYear
				? 'd. MMM HH:mm'
				: 'd. MMM yyyy HH:mm'
			: thisYear
				? 'd MMM HH:mm'
				: 'd MMM yyyy HH:mm';
	const when = format(date, pattern, { locale: language === 'da' ? da : enGB });
	return `${room}, ${when}`;
}
