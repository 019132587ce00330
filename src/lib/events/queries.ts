import type PocketBase from 'pocketbase';

/** A confirmed shift of the caller's that overlaps a shift they wait for (the record's fields as stored). */
export interface OverlappingShift {
	shift: string;
	task: string;
	start: string;
	end: string;
	event: string;
	title: string;
	title_en: string;
}

/**
 * The caller's own waitlist places, by sign-up and registration id (computed inside PocketBase), and, by
 * sign-up id, the confirmed shift for which promotions pass over a waiting sign-up (docs/rules.md, "Places,
 * the waitlist and overlapping shifts"), and the waiting sign-ups it passes over because the caller has
 * withdrawn the volunteer terms.
 */
export interface MyPlaces {
	signups: Record<string, number>;
	registrations: Record<string, number>;
	skipped: Record<string, OverlappingShift>;
	withoutTerms: Record<string, true>;
}

/** Reads the signed-in user's waitlist places; an empty answer for guests. */
export async function myPlaces(pb: PocketBase): Promise<MyPlaces> {
	if (!pb.authStore.isValid) return { signups: {}, registrations: {}, skipped: {}, withoutTerms: {} };
	return pb.send<MyPlaces>('/api/borgerhus/events/my-places', { method: 'GET' });
}

/** The public URL of an event image (through the app's /media pass-through). */
export function eventImageUrl(event: { id: string; image: string }, thumb = '480x270'): string {
	return event.image ? `/media/events/${event.id}/${event.image}?thumb=${thumb}` : '';
}
