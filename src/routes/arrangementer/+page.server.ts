import type { PageServerLoad } from './$types';
import {
	EVENT_CATEGORIES,
	type EventRecord,
	type ShiftRecord,
	type TakenPlaces
} from '$lib/pocketbase-types';
import { getLocale } from '$lib/paraglide/runtime';
import { contentText } from '$rules/content-language.js';
import { formatDateTime, formatTime, houseParts, parsePbDate } from '$lib/dates';

/** Whether two instants fall on one day of the house (Copenhagen time). */
function sameHouseDay(a: string, b: string): boolean {
	const x = houseParts(a);
	const y = houseParts(b);
	return x.year === y.year && x.month === y.month && x.day === y.day;
}

type ListedEvent = Pick<
	EventRecord,
	| 'id'
	| 'title'
	| 'title_en'
	| 'description'
	| 'description_en'
	| 'category'
	| 'image'
	| 'start'
	| 'end'
	| 'registration'
	| 'capacity'
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
	const language = getLocale();
	return {
		category,
		page,
		hasNext: more,
		events: events.map((event) => ({
			id: event.id,
			// the English version on an English page when there is one (docs/rules.md, "Languages")
			title: contentText(event.title, event.title_en, language),
			description: contentText(event.description, event.description_en, language),
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
					// the time alone on the event's own day, as under its date; a shift setting up the day before or
					// clearing up after midnight with its day, so nobody comes on the wrong one
					when: sameHouseDay(shift.start, event.start)
						? formatTime(shift.start)
						: formatDateTime(shift.start, language, parsePbDate(event.start)),
					free: shift.places - shift.taken
				}))
		}))
	};
};
