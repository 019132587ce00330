import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { EventRecord, EventState, RoomRecord, TakenPlaces } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { eventSchema } from '$lib/validation/events';
import { eventBody } from '$lib/events/staff-forms';
import { INITIAL_EVENT } from '$rules/events-machines.js';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const [events, rooms] = await Promise.all([
		locals.pb.collection('events').getList<EventRecord & TakenPlaces>(1, 200, {
			filter: locals.pb.filter('end >= {:since}', { since: new Date(Date.now() - 30 * 86_400_000) }),
			sort: 'start',
			expand: 'room',
			skipTotal: true
		}),
		locals.pb.collection('rooms').getFullList<RoomRecord>({ sort: 'name', fields: 'id,name' })
	]);
	return {
		rooms: rooms.map((r) => ({ id: r.id, name: r.name })),
		// a new event starts as a draft or published (the event machine)
		states: INITIAL_EVENT as EventState[],
		events: events.items.map((e) => ({
			id: e.id,
			title: e.title,
			start: e.start,
			end: e.end,
			state: e.state,
			room: e.expand?.room?.name ?? '',
			registration: e.registration,
			capacity: e.capacity,
			taken: e.taken
		}))
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const form = await request.formData();
		const values = readForm(form, ['registration']);
		const checked = validateForm(eventSchema, values);
		if (!checked.ok) return fail(400, { action: 'create', ...checked.failure });
		let id: string;
		try {
			id = (await locals.pb.collection('events').create(eventBody(checked.data, form.get('image')))).id;
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'create',
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		redirect(303, `/personale/arrangementer/${id}`);
	}
};
