import { fail, redirect } from '@sveltejs/kit';
import { pageParam } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';
import type { EventRecord, EventState, RoomRecord, TakenPlaces } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { newEventSchema } from '$lib/validation/events';
import { eventBody } from '$lib/events/staff-forms';
import { INITIAL_EVENT } from '$rules/events-machines.js';

/** Events on a page of the staff list. */
const PER_PAGE = 50;
/** How long an event stays in the current list after it ended, before it is among the past ones. */
const RECENT_DAYS = 30;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	// the current list (upcoming, and ended within RECENT_DAYS) runs forward in time; the past one back
	const past = url.searchParams.get('visning') === 'tidligere';
	const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
	const page = pageParam(url);
	const list = (n: number) =>
		locals.pb.collection('events').getList<EventRecord & TakenPlaces>(n, PER_PAGE, {
			filter: locals.pb.filter(past ? 'end < {:since}' : 'end >= {:since}', { since }),
			sort: past ? '-start,-id' : 'start,id',
			expand: 'room'
		});
	const [asked, rooms] = await Promise.all([
		list(page),
		locals.pb.collection('rooms').getFullList<RoomRecord>({ sort: 'name', fields: 'id,name' })
	]);
	// a page past the end shows the last page there is
	const events =
		asked.items.length === 0 && page > asked.totalPages && asked.totalPages > 0
			? await list(asked.totalPages)
			: asked;
	return {
		rooms: rooms.map((r) => ({ id: r.id, name: r.name })),
		// a new event starts as a draft or published (the event machine)
		states: INITIAL_EVENT as EventState[],
		past,
		page: events.page,
		pages: events.totalPages,
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
		const checked = validateForm(newEventSchema, values);
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
