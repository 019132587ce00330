import { fail, redirect } from '@sveltejs/kit';
import { overlapSkipLabel } from '$lib/server/skip-label';
import type { Actions, PageServerLoad } from './$types';
import type { EventRecord, ShiftRecord, SignupRecord } from '$lib/pocketbase-types';
import { cancelBody, placeChangeFailure } from '$lib/events/places.server';
import { requireUser, safeRedirectTarget } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { entryIdSchema, volunteerTermsSchema } from '$lib/validation/events';
import { myPlaces } from '$lib/events/queries';
import { mayCancelShift, shiftCancelDeadline, SHIFT_CANCEL_CUTOFF_HOURS } from '$rules/events-rules.js';
import { formatDateTime } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { contentText } from '$rules/content-language.js';

type MySignup = SignupRecord & { expand?: { shift?: ShiftRecord & { expand?: { event?: EventRecord } } } };

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:events');
	const user = requireUser(locals, url);
	const now = new Date();
	const signups = await locals.pb.collection('signups').getFullList<MySignup>({
		filter: locals.pb.filter('user = {:user} && status != "cancelled" && shift.end >= {:now}', {
			user: user.id,
			now
		}),
		sort: 'shift.start',
		expand: 'shift.event'
	});
	const places = await myPlaces(locals.pb);
	const language = getLocale() === 'en' ? 'en' : 'da';
	return {
		acceptedAt: user.volunteer_terms_at,
		cutoffHours: SHIFT_CANCEL_CUTOFF_HOURS,
		redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), ''),
		shifts: signups
			.map((s) => ({
				id: s.id,
				status: s.status,
				position: places.signups[s.id],
				// why the waitlist passes them over: the confirmed shift they hold at the same time, if any
				skippedFor: overlapSkipLabel(places.skipped[s.id]),
				// passed over until they accept the volunteer terms again
				withoutTerms: places.withoutTerms[s.id] === true,
				task: s.expand?.shift?.task ?? '',
				start: s.expand?.shift?.start ?? '',
				end: s.expand?.shift?.end ?? '',
				eventId: s.expand?.shift?.event ?? '',
				// the English title on an English page when there is one (docs/rules.md, "Languages")
				eventTitle: contentText(
					s.expand?.shift?.expand?.event?.title ?? '',
					s.expand?.shift?.expand?.event?.title_en,
					getLocale()
				),
				// the waitlist may be left until the shift begins, a confirmed place until the cut-off
				mayCancel:
					s.status === 'waitlisted'
						? new Date((s.expand?.shift?.start ?? '').replace(' ', 'T')) > now
						: mayCancelShift({ shiftStart: s.expand?.shift?.start ?? '', now }),
				// a place still waiting once the shift has begun stays as it is: the waitlist is closed
				waitlistClosed:
					s.status === 'waitlisted' && new Date((s.expand?.shift?.start ?? '').replace(' ', 'T')) <= now
			}))
			// until when they can leave, worded here as Mit overblik words it: the waitlist until the start,
			// a confirmed place until the cut-off
			.map((shift) => ({
				...shift,
				cancelUntil: shift.mayCancel
					? m.overview_cancel_until_shift({
							when: formatDateTime(
								shift.status === 'waitlisted' ? shift.start : new Date(shiftCancelDeadline(shift.start)),
								language
							)
						})
					: ''
			}))
	};
};

export const actions: Actions = {
	accept: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData(), ['accept']);
		const checked = validateForm(volunteerTermsSchema, values);
		if (!checked.ok) return fail(400, { action: 'accept', ...checked.failure });
		try {
			await locals.pb.collection('users').update(user.id, { volunteer_terms_at: new Date() });
		} catch (err) {
			return fail(failureStatus(err), { action: 'accept', values, errors: toFormErrors(err) });
		}
		const back = safeRedirectTarget(String(values.redirectTo ?? ''), '/frivillig');
		redirect(303, back);
	},
	cancel: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(entryIdSchema, values);
		if (!checked.ok) return fail(400, { action: 'cancel', ...checked.failure });
		try {
			await locals.pb.collection('signups').update(checked.data.id, cancelBody(values));
		} catch (err) {
			const { status, errors } = placeChangeFailure(err);
			return fail(status, { action: 'cancel', values, errors });
		}
		return { action: 'cancel', done: true as const, left: values.seen === 'waitlisted' };
	}
};
