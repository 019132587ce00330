import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { entryActionSchema } from '$lib/validation/overview';
import { fetchTimelineInput } from '$lib/overview/load.server';
import { buildTimeline, type EntryKind } from '$lib/overview/timeline';
import { attend } from '$lib/server/checkin';
import { holdChangeFailure } from '$lib/library/library.server';
import { cancelBody, placeChangeFailure } from '$lib/events/places.server';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const user = requireUser(locals, url);
	depends('app:overview');
	const now = new Date();
	const input = await fetchTimelineInput(locals.pb);
	return {
		name: user.name,
		timeline: buildTimeline(input, now, getLocale()),
		historyDays: input.historyDays,
		now: now.toISOString()
	};
};

const COLLECTION: Record<EntryKind, string> = {
	booking: 'bookings',
	hold: 'holds',
	loan: 'loans',
	shift: 'signups',
	registration: 'registrations'
};

/** Runs one change on an entry with the user's own token; PocketBase's rules and hooks decide. */
async function change(locals: App.Locals, url: URL, request: Request, action: 'cancel' | 'pause' | 'resume') {
	const user = requireUser(locals, url);
	const values = readForm(await request.formData());
	const checked = validateForm(entryActionSchema, values);
	if (!checked.ok) return fail(400, { action, ...checked.failure });
	const { kind, id } = checked.data;
	const allowed = action === 'cancel' ? kind !== 'loan' : kind === 'hold';
	if (!allowed) return fail(400, { action, values, errors: { form: toFormErrors(null).form, fields: {} } });
	const body =
		action === 'pause'
			? { status: 'paused' }
			: action === 'resume'
				? { status: 'waiting' }
				: kind === 'booking'
					? { status: 'cancelled', cancelled_by: user.id }
					: kind === 'shift' || kind === 'registration'
						? cancelBody(values)
						: { status: 'cancelled' };
	try {
		await locals.pb.collection(COLLECTION[kind]).update(id, body);
	} catch (err) {
		if (kind === 'hold' || kind === 'shift' || kind === 'registration') {
			const failure = kind === 'hold' ? holdChangeFailure(err) : placeChangeFailure(err);
			return fail(failure.status, { action, values, errors: failure.errors });
		}
		return fail(failureStatus(err), { action, values, errors: toFormErrors(err) });
	}
	return {
		action,
		done: true as const,
		key: `${kind}:${id}`,
		left: action === 'cancel' && values.seen === 'waitlisted'
	};
}

export const actions: Actions = {
	cancel: ({ locals, url, request }) => change(locals, url, request, 'cancel'),
	pause: ({ locals, url, request }) => change(locals, url, request, 'pause'),
	resume: ({ locals, url, request }) => change(locals, url, request, 'resume'),
	checkIn: ({ locals, url, request }) => attend(locals, url, request, 'check-in'),
	checkOut: ({ locals, url, request }) => attend(locals, url, request, 'check-out')
};
