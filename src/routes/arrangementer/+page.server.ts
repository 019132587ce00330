import type { PageServerLoad } from './$types';
import {
	EVENT_CATEGORIES,
	type EventRecord,
	type ShiftRecord,
	type TakenPlaces
} from '$lib/pocketbase-types';

type ListedEvent = Pick<
	EventRecord,
	'id' | 'title' | 'description' | 'category' | 'image' | 'start' | 'end' | 'registration' | 'capacity'
> &
	TakenPlaces & { room: string };
type ListedShift = Pick<ShiftRecord, 'id' | 'event' | 'task' | 'start' | 'places'> & TakenPlaces;

// The programme is public: guests see it too (the events' and shifts' view rules decide, in PocketBase).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:events');
	const wanted = url.searchParams.get('kategori') ?? '';
	const category = (EVENT_CATEGORIES as readonly string[]).includes(wanted) ? wanted : '';
	const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get('side') ?? '1', 10) || 1));
	// One request: a page of the coming published events with their room's name and their coming
	// shifts, read with a join in PocketBase (pb_hooks/lib/events-programme.js; docs/performance.md,
	// "Reads").
	const { events, shifts, more } = await locals.pb.send<{
		events: ListedEvent[];
		shifts: ListedShift[];
		more: boolean;
	}>('/api/borgerhus/events/programme', {
		query: { page, ...(category ? { category } : {}) },
		requestKey: null
	});
	return {
		category,
		page,
		hasNext: more,
		events: events.map((event) => ({
			id: event.id,
			title: event.title,
			description: event.description,
			category: event.category,
			image: event.image,
			start: event.start,
			end: event.end,
			room: event.room,
			registration: event.registration,
			placesLeft: event.registration ? Math.max(0, event.capacity - event.taken) : null,
			shiftsNeedingHands: shifts
				.filter((shift) => shift.event === event.id && shift.taken < shift.places)
				.map((shift) => ({
					id: shift.id,
					task: shift.task,
					start: shift.start,
					free: shift.places - shift.taken
				}))
		}))
	};
};
