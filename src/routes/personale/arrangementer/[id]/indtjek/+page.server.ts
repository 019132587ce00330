import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad } from './$types';
import type { EventRecord, RegistrationRecord, UserRecord } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { ticketCodeSchema } from '$lib/validation/events';
import { m } from '$lib/paraglide/messages';
import { RECORD_ID } from '$lib/ids';
import { ticketCheckinOpens, ticketCheckinProblem } from '$rules/events-rules.js';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireStaff(locals, url);
	if (!RECORD_ID.test(params.id)) error(404);
	try {
		const event = await locals.pb
			.collection('events')
			.getOne<EventRecord>(params.id, { fields: 'id,title,start,end,state' });
		const checkedIn = await locals.pb.collection('registrations').getList(1, 1, {
			filter: locals.pb.filter('event = {:event} && checked_in_at != ""', { event: event.id }),
			fields: 'id'
		});
		// the door's hours (PocketBase refuses a check-in outside them): said before anyone scans
		const door = event.state === 'cancelled' ? 'cancelled' : ticketCheckinProblem(event, Date.now());
		return {
			event: { id: event.id, title: event.title },
			checkedIn: checkedIn.totalItems,
			door,
			opens: door === 'early' ? new Date(ticketCheckinOpens(event.start)).toISOString() : ''
		};
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404);
		throw err;
	}
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(ticketCodeSchema, values);
		if (!checked.ok) return fail(400, checked.failure);
		let registration: RegistrationRecord & { expand?: { user?: UserRecord } };
		try {
			registration = await locals.pb.collection('registrations').getFirstListItem(
				locals.pb.filter('ticket_code = {:code} && event = {:event}', {
					code: checked.data.code,
					event: params.id
				}),
				{ expand: 'user' }
			);
		} catch (err) {
			if (err instanceof ClientResponseError && err.status === 404) {
				return fail(404, {
					values: echoValues(values),
					errors: { form: m.events_checkin_unknown(), fields: {} }
				});
			}
			return fail(failureStatus(err), { values: echoValues(values), errors: toFormErrors(err) });
		}
		const name = registration.expand?.user?.name ?? '';
		try {
			// the named transition "check_in" (pb_hooks/events.pb.js), never a plain field update
			await locals.pb.send(`/api/borgerhus/registrations/${registration.id}/check-in`, { method: 'POST' });
		} catch (err) {
			const errors = toFormErrors(err);
			return fail(failureStatus(err), {
				values: echoValues(values),
				errors: { ...errors, form: `${name}: ${errors.form ?? ''}` }
			});
		}
		return { done: true as const, name };
	}
};
