// What a room is, as staff describe it (its name, address name, description, equipment and accessibility),
// apart from its rules for booking, which the rooms list edits. The form's values become the record's
// fields here; PocketBase's hooks decide (docs/rules.md, "Rooms and bookings").
import { isChosenFile } from '$lib/uploads';

/** The room fields of the staff's room page; its `_loaded` snapshot holds them as shown. */
export const ROOM_DETAIL_FIELDS = [
	'name',
	'slug',
	'description',
	'description_en',
	'facilities',
	'step_free',
	'hearing_loop',
	'accessible_toilet',
	'accessibility_notes'
] as const;

/**
 * A new room's rules until staff set them on the rooms list: open every day, bookable by citizens. It is
 * made not in use (`active` false) unless staff tick it into use at once: nobody books it by rules staff
 * have not chosen yet.
 */
export const NEW_ROOM_RULES = {
	who_may_book: 'citizens',
	requires_approval: false,
	active: false,
	opening_hours: Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri']
			.map((d) => [d, [['08:00', '22:00']]])
			.concat(['sat', 'sun'].map((d) => [d, [['09:00', '17:00']]]))
	),
	min_minutes: 30,
	max_minutes: 240,
	step_minutes: 30,
	buffer_minutes: 0,
	horizon_days: 180,
	cancel_hours: 24
} as const;

/** An address name from a room's name: "Mødelokale 3" -> "moedelokale-3". */
export function slugOf(name: string): string {
	return name
		.toLowerCase()
		.replace(/æ/g, 'ae')
		.replace(/ø/g, 'oe')
		.replace(/å/g, 'aa')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/, '');
}

/** The equipment as typed, one item per comma or line, without empty ones or repeats. */
export function facilitiesOf(text: string): string[] {
	const items = text
		.split(/[,\n]/)
		.map((f) => f.trim())
		.filter(Boolean);
	return [...new Set(items)];
}

/** The form's values as record fields (the address name from the name when left empty). */
export function detailsBody(data: {
	name: string;
	slug: string;
	description: string;
	description_en?: string;
	facilities: string;
	step_free: boolean;
	hearing_loop: boolean;
	accessible_toilet: boolean;
	accessibility_notes: string;
}) {
	return {
		name: data.name,
		slug: data.slug || slugOf(data.name),
		description: data.description,
		description_en: data.description_en,
		facilities: facilitiesOf(data.facilities),
		step_free: data.step_free,
		hearing_loop: data.hearing_loop,
		accessible_toilet: data.accessible_toilet,
		accessibility_notes: data.accessibility_notes
	};
}

/** The photos chosen in a form (`isChosenFile`: an empty one chosen too, which PocketBase refuses). */
export function photosOf(form: FormData): File[] {
	return form.getAll('photos').filter(isChosenFile);
}
