import type PocketBase from 'pocketbase';

/** The caller's own waitlist places, by sign-up and registration id (computed inside PocketBase). */
export interface MyPlaces {
	signups: Record<string, number>;
	registrations: Record<string, number>;
}

/** Reads the signed-in user's waitlist places; an empty answer for guests. */
export async function myPlaces(pb: PocketBase): Promise<MyPlaces> {
	if (!pb.authStore.isValid) return { signups: {}, registrations: {} };
	return pb.send<MyPlaces>('/api/borgerhus/events/my-places', { method: 'GET' });
}

/** The public URL of an event image (through the app's /media pass-through). */
export function eventImageUrl(event: { id: string; image: string }, thumb = '480x270'): string {
	return event.image ? `/media/events/${event.id}/${event.image}?thumb=${thumb}` : '';
}
