import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { RoomRecord } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { changedOnly, echoValues, LOADED_FIELD, readForm, snapshotOf, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { roomDetailsSchema } from '$lib/validation/rooms';
import { detailsBody, photosOf, ROOM_DETAIL_FIELDS } from '$lib/rooms/details';
import { RECORD_ID } from '$lib/ids';

const FLAGS = ['step_free', 'hearing_loop', 'accessible_toilet'];

/** What the form shows of a room: its fields, its equipment as one line. */
function shown(room: RoomRecord) {
	return {
		name: room.name,
		slug: room.slug,
		description: room.description ?? '',
		description_en: room.description_en ?? '',
		facilities: ((room.facilities as string[] | null) ?? []).join(', '),
		step_free: Boolean(room.step_free),
		hearing_loop: Boolean(room.hearing_loop),
		accessible_toilet: Boolean(room.accessible_toilet),
		accessibility_notes: room.accessibility_notes ?? ''
	};
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	if (!RECORD_ID.test(params.id)) error(404);
	let room: RoomRecord;
	try {
		room = await locals.pb.collection('rooms').getOne<RoomRecord>(params.id);
	} catch {
		error(404);
	}
	const values = shown(room);
	return {
		room: { id: room.id, name: room.name, slug: room.slug, active: Boolean(room.active) },
		values,
		loaded: snapshotOf(detailsBody(values), ROOM_DETAIL_FIELDS),
		photos: ((room.photos as string[] | null) ?? []).map((name) => ({
			name,
			url: `/media/rooms/${room.id}/${encodeURIComponent(name)}?thumb=480x320`
		})),
		created: url.searchParams.get('oprettet') === '1'
	};
};

export const actions: Actions = {
	// only what the form changed (another staff member's save meanwhile stands), photos added and removed
	save: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		if (!RECORD_ID.test(params.id)) error(404);
		const form = await request.formData();
		const values = readForm(form, FLAGS);
		const checked = validateForm(roomDetailsSchema, values);
		if (!checked.ok) return fail(400, { action: 'save' as const, ...checked.failure });
		const removed = form
			.getAll('remove_photo')
			.map(String)
			.filter((name) => name.length > 0 && name.length <= 200);
		const added = photosOf(form);
		try {
			await locals.pb.collection('rooms').update(params.id, {
				...changedOnly(detailsBody(checked.data), values[LOADED_FIELD]),
				...(removed.length ? { 'photos-': removed } : {}),
				...(added.length ? { 'photos+': added } : {})
			});
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'save' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		return { action: 'save' as const, saved: true };
	},
	// a room not in use taken into use, once staff have set its rules; taking it out of use is on the rooms
	// list, where what it would cancel is shown first
	activate: async ({ locals, url, params }) => {
		requireStaff(locals, url);
		if (!RECORD_ID.test(params.id)) error(404);
		try {
			await locals.pb.collection('rooms').update(params.id, { active: true });
		} catch (err) {
			return fail(failureStatus(err), { action: 'activate' as const, errors: toFormErrors(err) });
		}
		return { action: 'activate' as const, activated: true };
	}
};
