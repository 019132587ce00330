import { formatShortDateTime } from '$lib/dates';

/**
 * A booking as staff name it on a button or a field (docs/rules.md, "Staff pages"): the room and the
 * start in house time, "Lokale 2, 3. dec. 18:00" / "Lokale 2, 3 Dec 18:00", with the year when it is
 * not this year. Every control that acts on one booking carries this name, so that a screen reader's
 * list of buttons tells them apart.
 */
export function bookingName(room: string, start: string | Date, language: 'da' | 'en'): string {
	return `${room}, ${formatShortDateTime(start, language)}`;
}
