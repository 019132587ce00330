import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTimeRange } from '$lib/dates';
import { contentText } from '$rules/content-language.js';
import type { EventCategory, EventState } from '$lib/pocketbase-types';
import type { OverlappingShift } from './queries';

/** Translated name of an event category. */
export function categoryLabel(category: EventCategory | ''): string {
	switch (category) {
		case 'concert':
			return m.events_category_concert();
		case 'talk':
			return m.events_category_talk();
		case 'market':
			return m.events_category_market();
		case 'workshop':
			return m.events_category_workshop();
		case 'children':
			return m.events_category_children();
		default:
			return m.events_category_other();
	}
}

/** Translated name of an event state. */
export function stateLabel(state: EventState | ''): string {
	switch (state) {
		case 'published':
			return m.events_state_published();
		case 'cancelled':
			return m.events_state_cancelled();
		default:
			return m.events_state_draft();
	}
}

/** The same for staff reading a roster about other people. */
export function rosterPlaceLabel(status: string, position: number | undefined): string {
	if (status === 'confirmed') return m.events_staff_place_confirmed();
	if (status === 'waitlisted') return m.events_staff_place_waitlisted({ position: String(position ?? '?') });
	return m.events_place_cancelled();
}

/** "Confirmed", "Waitlist place 3" or "Cancelled" for a sign-up or registration. */
export function placeLabel(status: string, position: number | undefined): string {
	if (status === 'confirmed') return m.events_place_confirmed();
	if (status === 'waitlisted') return m.events_place_waitlisted({ position: String(position ?? '?') });
	return m.events_place_cancelled();
}

/**
 * Why a waiting volunteer does not move up: they hold a confirmed shift at the same time (named with its
 * event and time), and keep their place until it goes.
 */
export function overlapSkipLabel(other: OverlappingShift): string {
	const language = getLocale();
	const event = contentText(other.title, other.title_en, language).text;
	const time = formatDateTimeRange(other.start, other.end, language);
	return m.events_place_skipped_overlap({ shift: `${other.task}, ${event}, ${time}` });
}
