import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { roomCreateSchema } from '$lib/validation/rooms';
import { detailsBody, NEW_ROOM_RULES, photosOf, slugOf } from '$lib/rooms/details';
import { m } from '$lib/paraglide/messages';

const FLAGS = ['step_free', 'hearing_loop', 'accessible_toilet'];

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	return {};
};

export const actions: Actions = {
	// a new room: what it is, how many it holds, and the house's first rules for it (NEW_ROOM_RULES), not in
	// use until staff take it into use;
	// PocketBase's hooks check and audit it (docs/rules.md, "Rooms and bookings")
	create: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const form = await request.formData();
		const values = readForm(form, [...FLAGS, 'active']);
		const checked = validateForm(roomCreateSchema, values);
		if (!checked.ok) return fail(400, { action: 'create' as const, ...checked.failure });
		let id: string;
		try {
			const photos = photosOf(form);
			id = (
				await locals.pb.collection('rooms').create({
					...NEW_ROOM_RULES,
					...detailsBody(checked.data),
					capacity: checked.data.capacity,
					// in use at once only when staff ticked it
					active: values.active === true,
					...(photos.length ? { photos } : {})
				})
			).id;
		} catch (err) {
			const errors = toFormErrors(err);
			// an address name left empty was made from the name: a refusal of it says which one it was
			if (!checked.data.slug && errors.fields.slug) {
				errors.fields.slug = `${m.rooms_details_slug_from_name({ slug: slugOf(checked.data.name) })} ${errors.fields.slug}`;
			}
			return fail(failureStatus(err), { action: 'create' as const, values: echoValues(values), errors });
		}
		redirect(303, `/personale/lokaler/${id}?oprettet=1`);
	}
};
