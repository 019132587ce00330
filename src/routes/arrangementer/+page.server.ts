import type { PageServerLoad } from './$types';
import {
	EVENT_CATEGORIES,
	type EventRecord,
	type ShiftRecord,
	type TakenPlaces
} from '$lib/pocketbase-types';

type ListedEvent = Omit<EventRecord, 'expand'> &
	TakenPlaces & { expand?: { room?: { name: string }; shifts_via_event?: (ShiftRecord & TakenPlaces)[] } };

// The programme is public: guests see it too (the events list rule shows only published/cancelled).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:events');
	const wanted = url.searchParams.get('kategori') ?? '';
	const category = (EVENT_CATEGORIES as readonly string[]).includes(wanted) ? wanted : '';
	const now = new Date();
	const filter = category
		? locals.pb.filter('state = "published" && end >= {:now} && category = {:category}', { now, category })
		: locals.pb.filter('state = "published" && end >= {:now}', { now });
	const events = await locals.pb.collection('events').getList<ListedEvent>(1, 100, {
		filter,
		sort: 'start',
		expand: 'room,shifts_via_event'
	});
	return {
		category,
		events: events.items.map((event) => ({
			id: event.id,
			title: event.title,
			description: event.description,
			category: event.category,
			image: event.image,
			start: event.start,
			end: event.end,
			room: event.expand?.room?.name ?? '',
			registration: event.registration,
			placesLeft: event.registration ? Math.max(0, event.capacity - event.taken) : null,
			shiftsNeedingHands: (event.expand?.shifts_via_event ?? [])
				.filter((shift) => shift.taken < shift.places && new Date(shift.start.replace(' ', 'T')) > now)
				.map((shift) => ({
					id: shift.id,
					task: shift.task,
					start: shift.start,
					free: shift.places - shift.taken
				}))
		}))
	};
};
