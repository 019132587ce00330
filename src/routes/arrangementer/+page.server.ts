import type PocketBase from 'pocketbase';
import type { PageServerLoad } from './$types';
import {
	EVENT_CATEGORIES,
	type EventRecord,
	type ShiftRecord,
	type TakenPlaces
} from '$lib/pocketbase-types';

type ListedEvent = Omit<EventRecord, 'expand'> & TakenPlaces;
type ListedShift = Pick<ShiftRecord, 'id' | 'event' | 'task' | 'start' | 'places'> & TakenPlaces;

// The programme is public: guests see it too (the events list rule shows only published/cancelled).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:events');
	const wanted = url.searchParams.get('kategori') ?? '';
	const category = (EVENT_CATEGORIES as readonly string[]).includes(wanted) ? wanted : '';
	const now = new Date();
	const filter = category
		? locals.pb.filter('state = "published" && end >= {:now} && category = {:category}', { now, category })
		: locals.pb.filter('state = "published" && end >= {:now}', { now });
	// Narrow reads instead of expands and without a total count (docs/performance.md, "Reads"): the
	// events, then the rooms and the coming shifts of just these events, each one indexed query.
	const events = await locals.pb.collection('events').getList<ListedEvent>(1, 100, {
		filter,
		sort: 'start',
		skipTotal: true
	});
	const roomIds = [...new Set(events.items.map((event) => event.room).filter(Boolean))];
	const [rooms, shifts] = await Promise.all([
		roomIds.length
			? locals.pb.collection('rooms').getFullList<{ id: string; name: string }>({
					filter: anyOf(locals.pb, 'id', roomIds),
					fields: 'id,name'
				})
			: [],
		// PocketBase parses filters up to 3,500 characters: the events' ids go in groups of 50.
		Promise.all(
			chunks(
				events.items.map((event) => event.id),
				50
			).map((ids) =>
				locals.pb.collection('shifts').getFullList<ListedShift>({
					filter: `(${anyOf(locals.pb, 'event', ids)}) && ${locals.pb.filter('start > {:now}', { now })}`,
					sort: 'start',
					fields: 'id,event,task,start,places,taken'
				})
			)
		).then((lists) => lists.flat())
	]);
	const roomName = new Map(rooms.map((room) => [room.id, room.name]));
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
			room: roomName.get(event.room) ?? '',
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

/** `field = a || field = b ...`, each value bound as a parameter. */
function anyOf(pb: PocketBase, field: string, values: string[]): string {
	return values.map((value) => pb.filter(`${field} = {:value}`, { value })).join(' || ');
}

function chunks<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}
