import type { z } from 'zod';
import type { eventSchema, shiftSchema } from '$lib/validation/events';
import { changedOnly } from '$lib/forms';
import { isChosenFile } from '$lib/uploads';

/** The event fields the staff event form saves (its `_loaded` snapshot holds them as shown). */
export const EVENT_FORM_FIELDS = [
	'title',
	'title_en',
	'description',
	'description_en',
	'category',
	'start',
	'end',
	'room',
	'state',
	'registration',
	'capacity'
] as const;

/**
 * The PocketBase body of an event form; the image only when one was chosen. Editing (with the form's
 * `_loaded` snapshot), only the fields this form changed, so that another staff member's save meanwhile
 * stands.
 */
export function eventBody(
	data: z.output<typeof eventSchema>,
	image: FormDataEntryValue | null,
	loaded?: unknown
): FormData {
	const fields = changedOnly(
		{
			title: data.title,
			title_en: data.title_en,
			description: data.description,
			description_en: data.description_en,
			category: data.category,
			start: data.start,
			end: data.end,
			room: data.room,
			state: data.state,
			registration: data.registration,
			capacity: data.capacity
		},
		loaded
	);
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		body.set(key, value instanceof Date ? value.toISOString() : String(value));
	}
	if (isChosenFile(image)) body.set('image', image);
	return body;
}

/** The shift fields the staff shift form saves (its `_loaded` snapshot holds them as shown). */
export const SHIFT_FORM_FIELDS = [
	'task',
	'start',
	'end',
	'places',
	'description',
	'description_en',
	'requirements'
] as const;

/**
 * The PocketBase body of a shift form. Editing (with the form's `_loaded` snapshot), only the fields this
 * form changed, so that another staff member's save meanwhile stands, as for the event form.
 */
export function shiftBody(data: z.output<typeof shiftSchema>, loaded?: unknown) {
	return changedOnly(
		{
			task: data.task,
			start: data.start,
			end: data.end,
			places: data.places,
			description: data.description,
			description_en: data.description_en,
			requirements: data.requirements
		},
		loaded
	);
}
