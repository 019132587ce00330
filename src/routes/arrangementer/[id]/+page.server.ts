import { error, fail } from '@sveltejs/kit';
import { overlapSkipLabel } from '$lib/server/skip-label';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad } from './$types';
import type {
	EventRecord,
	QueuePlacedAt,
	RegistrationRecord,
	ShiftRecord,
	SignupRecord,
	TakenPlaces
} from '$lib/pocketbase-types';
import { cancelBody, placeChangeFailure } from '$lib/events/places.server';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { entryIdSchema, eventIdSchema, shiftIdSchema } from '$lib/validation/events';
import { myPlaces } from '$lib/events/queries';
import { mayCancelShift, SHIFT_CANCEL_CUTOFF_HOURS } from '$rules/events-rules.js';
import { RECORD_ID } from '$lib/ids';
import { getLocale } from '$lib/paraglide/runtime';
import { contentText } from '$rules/content-language.js';

// The event page is public; signing up, registering and cancelling need an account.
export const load: PageServerLoad = async ({ locals, params, depends, url }) => {
	depends('app:events');
	if (!RECORD_ID.test(params.id)) error(404);
	let event: EventRecord & TakenPlaces;
	try {
		event = await locals.pb
			.collection('events')
			.getOne<EventRecord & TakenPlaces>(params.id, { expand: 'room' });
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404);
		throw err;
	}
	const shifts = await locals.pb.collection('shifts').getFullList<ShiftRecord & TakenPlaces>({
		filter: locals.pb.filter('event = {:event}', { event: event.id }),
		sort: 'start'
	});
	const user = locals.user;
	let signups: (SignupRecord & QueuePlacedAt)[] = [];
	let registration: RegistrationRecord | null = null;
	if (user) {
		signups = await locals.pb.collection('signups').getFullList<SignupRecord & QueuePlacedAt>({
			filter: locals.pb.filter('user = {:user} && shift.event = {:event}', { user: user.id, event: event.id })
		});
		const regs = await locals.pb.collection('registrations').getFullList<RegistrationRecord>({
			filter: locals.pb.filter('user = {:user} && event = {:event}', { user: user.id, event: event.id })
		});
		registration = regs[0] ?? null;
	}
	const places = await myPlaces(locals.pb);
	const now = new Date();
	const back = `?redirectTo=${encodeURIComponent(url.pathname)}`;
	const language = getLocale();
	return {
		cutoffHours: SHIFT_CANCEL_CUTOFF_HOURS,
		links: { signIn: `/log-ind${back}`, terms: `/frivillig${back}` },
		signedIn: Boolean(user),
		volunteer: Boolean(user?.volunteer_terms_at),
		event: {
			id: event.id,
			// the English version on an English page when there is one (docs/rules.md, "Languages")
			title: contentText(event.title, event.title_en, language),
			description: contentText(event.description, event.description_en, language),
			image: event.image,
			category: event.category,
			start: event.start,
			end: event.end,
			state: event.state,
			room: event.expand?.room?.name ?? '',
			registration: event.registration,
			placesLeft: Math.max(0, event.capacity - event.taken),
			started: new Date(event.start.replace(' ', 'T')) <= now
		},
		registration: registration
			? {
					id: registration.id,
					status: registration.status,
					position: places.registrations[registration.id],
					// used at the door: the server refuses to cancel it (events_already_checked_in)
					checkedIn: Boolean(registration.checked_in_at)
				}
			: null,
		shifts: shifts.map((shift) => {
			const mine = signups.find((s) => s.shift === shift.id);
			return {
				id: shift.id,
				task: shift.task,
				start: shift.start,
				end: shift.end,
				description: contentText(shift.description, shift.description_en, language),
				requirements: shift.requirements,
				places: shift.places,
				free: Math.max(0, shift.places - shift.taken),
				started: new Date(shift.start.replace(' ', 'T')) <= now,
				// Inside the cut-off a place on the waitlist opens only when staff take a volunteer off: said so.
				waitlistHelps: mayCancelShift({ shiftStart: shift.start, now }),
				mine: mine
					? {
							id: mine.id,
							status: mine.status,
							position: places.signups[mine.id],
							// why the waitlist passes them over: the confirmed shift they hold at the same time, if any
							skippedFor: overlapSkipLabel(places.skipped[mine.id]),
							// passed over until they accept the volunteer terms again
							withoutTerms: places.withoutTerms[mine.id] === true,
							// a place on the waitlist may be given up until the shift begins; a confirmed one
							// until the cut-off (events-rules.js)
							mayCancel:
								mine.status === 'waitlisted'
									? new Date(shift.start.replace(' ', 'T')) > now
									: mayCancelShift({ shiftStart: shift.start, now }),
							// a place still waiting once the shift has begun stays as it is: the waitlist is closed
							waitlistClosed: mine.status === 'waitlisted' && new Date(shift.start.replace(' ', 'T')) <= now
						}
					: null
			};
		})
	};
};

async function attempt(
	action: string,
	values: Record<string, string | boolean>,
	write: () => Promise<unknown>
) {
	let written: unknown;
	try {
		written = await write();
	} catch (err) {
		if (action === 'cancelSignup' || action === 'cancelRegistration') {
			const { status, errors } = placeChangeFailure(err);
			return fail(status, { action, values, errors });
		}
		return fail(failureStatus(err), { action, values, errors: toFormErrors(err) });
	}
	// a shift's sign-up is answered by that shift (its id and the place it got), apart from the ticket's
	// a place given up from the waitlist is answered as leaving the waitlist, also when a promotion reached
	// it just before (the page showed it waiting, and PocketBase let the person go)
	const left = values.seen === 'waitlisted';
	if (action === 'signup' || action === 'cancelSignup') {
		const signup = written as { shift: string; status: string };
		return { action, done: true as const, shift: signup.shift, status: signup.status, left };
	}
	return { action, done: true as const, left };
}

export const actions: Actions = {
	signup: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(shiftIdSchema, values);
		if (!checked.ok) return fail(400, { action: 'signup', ...checked.failure });
		return attempt('signup', values, () =>
			locals.pb.collection('signups').create({ shift: checked.data.shift, user: user.id })
		);
	},
	cancelSignup: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(entryIdSchema, values);
		if (!checked.ok) return fail(400, { action: 'cancelSignup', ...checked.failure });
		return attempt('cancelSignup', values, () =>
			locals.pb.collection('signups').update(checked.data.id, cancelBody(values))
		);
	},
	register: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(eventIdSchema, values);
		if (!checked.ok) return fail(400, { action: 'register', ...checked.failure });
		return attempt('register', values, () =>
			locals.pb.collection('registrations').create({ event: checked.data.event, user: user.id })
		);
	},
	cancelRegistration: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(entryIdSchema, values);
		if (!checked.ok) return fail(400, { action: 'cancelRegistration', ...checked.failure });
		return attempt('cancelRegistration', values, () =>
			locals.pb.collection('registrations').update(checked.data.id, cancelBody(values))
		);
	}
};
