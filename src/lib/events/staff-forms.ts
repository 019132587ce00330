import type { z } from 'zod';
import type { eventSchema, shiftSchema } from '$lib/validation/events';

/** The PocketBase body of an event form; the image only when one was chosen. */
export function eventBody(data: z.output<typeof eventSchema>, image: FormDataEntryValue | null): FormData {
	const body = new FormData();
	body.set('title', data.title);
	body.set('description', data.description);
	body.set('category', data.category);
	body.set('start', data.start.toISOString());
	body.set('end', data.end.toISOString());
	body.set('room', data.room);
	body.set('state', data.state);
	body.set('registration', String(data.registration));
	body.set('capacity', String(data.capacity));
	if (image instanceof File && image.size > 0) body.set('image', image);
	return body;
}

/** The PocketBase body of a shift form. */
export function shiftBody(data: z.output<typeof shiftSchema>) {
	return {
		task: data.task,
		start: data.start,
		end: data.end,
		places: data.places,
		description: data.description,
		requirements: data.requirements
	};
}
