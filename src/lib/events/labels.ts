import { m } from '$lib/paraglide/messages';
import type { EventCategory, EventState } from '$lib/pocketbase-types';

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
