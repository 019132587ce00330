import { fail, redirect } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type {
	BookingRecord,
	CopyRecord,
	EventRecord,
	HoldRecord,
	LoanRecord,
	RoomRecord,
	ShiftRecord,
	TitleRecord
} from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors, refusalCodes } from '$lib/server/errors';
import { formatDateTime, parsePbDate, toPbDate } from '$lib/dates';
import { cancelDeadline } from '$rules/rooms-policy.js';
import { m } from '$lib/paraglide/messages';
import { resolveEnd } from '$rules/core/time.js';
import { activeHoldFilter } from '$rules/core/status.js';
import { addPolicyErrors, bookingRefusal, policyOf, readTimes } from '$lib/server/room-page';
import { buildTimeline, type EntryKind, type TimelineEntry } from '$lib/overview/timeline';
import { deskWords } from '$lib/overview/desk-words';
import { wordEntry } from '$lib/overview/worded';
import { getLocale } from '$lib/paraglide/runtime';
import {
	acceptVolunteerTerms,
	deleteDeskAccount,
	deskOptions,
	readCitizenOr404,
	setCard,
	takeOver
} from '$lib/server/desk';
import { deskPageWords, titleWords } from '$lib/server/desk-words';
import { idSchema } from '$lib/validation/rooms';
import { RECORD_ID } from '$lib/ids';
import { anyFieldFilter } from '$lib/library/search';
import {
	cardSchema,
	deskBookingSchema,
	deskEntrySchema,
	deskHoldSchema,
	deskRegistrationSchema,
	deskSignupSchema,
	overrideOf,
	takeoverSchema
} from '$lib/validation/desk';

// One citizen at the desk (docs/rules.md, "Service at the desk"): their overview as Mit overblik shows it,
// and every act made FOR them through their own record API calls (the desk header names them), so
// PocketBase applies their rules and limits, audits the act with both identities and tells them.

const COLLECTION: Record<EntryKind, string> = {
	booking: 'bookings',
	hold: 'holds',
	loan: 'loans',
	shift: 'signups',
	registration: 'registrations'
};

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	requireStaff(locals, url);
	depends('app:desk');
	const now = new Date();
	const { citizen, overview } = await readCitizenOr404(locals.pb, params.id);
	// in the staff member's language, the house's texts in Danish as on every staff page (docs/rules.md,
	// "Languages"): a shift's task and an event's title are marked as Danish on an English page
	const timeline = buildTimeline(overview, now, getLocale(), { danish: true });
	// the desk may also cancel past a deadline, as an override with a reason; a ticket checked in is
	// attendance, and a waiting place of what has begun is history, which no override undoes (PocketBase
	// refuses both), so neither is offered
	const final = ['ticket_checked_in', 'waitlist_closed'];
	for (const entry of timeline.upcoming) {
		if (entry.noCancel && !final.includes(entry.noCancel) && !entry.actions.includes('cancel'))
			entry.actions = [...entry.actions, 'cancel'];
	}
	const titleQuery = (url.searchParams.get('titel') ?? '').trim().slice(0, 100);
	const titleSearch = anyFieldFilter(titleQuery.length >= 2 ? titleQuery : '', [
		'title',
		'creator',
		'identifier'
	]);
	const [rooms, events, shifts, titles] = await Promise.all([
		locals.pb.collection('rooms').getFullList<RoomRecord>({
			filter: 'active = true',
			sort: 'name',
			fields: 'id,name',
			requestKey: null
		}),
		locals.pb.collection('events').getList<EventRecord>(1, 50, {
			filter: locals.pb.filter('state = "published" && registration = true && start > {:now}', {
				now: toPbDate(now)
			}),
			sort: 'start',
			fields: 'id,title,start',
			skipTotal: true,
			requestKey: null
		}),
		locals.pb.collection('shifts').getList<ShiftRecord>(1, 50, {
			filter: locals.pb.filter('event.state = "published" && start > {:now}', { now: toPbDate(now) }),
			sort: 'start',
			expand: 'event',
			fields: 'id,task,start,expand.event.title',
			skipTotal: true,
			requestKey: null
		}),
		titleSearch.filter
			? locals.pb.collection('titles').getList<TitleRecord>(1, 10, {
					filter: locals.pb.filter(titleSearch.filter, titleSearch.params),
					sort: 'title',
					fields: 'id,title,creator',
					skipTotal: true,
					requestKey: null
				})
			: null
	]);
	// the cards' words of the citizen, by name, worded here (src/lib/overview/worded.ts)
	const language = getLocale() === 'en' ? 'en' : 'da';
	const words = deskWords(citizen.name);
	const worded = (entries: TimelineEntry[]) =>
		entries.map((entry) => ({ ...entry, words: wordEntry(entry, words, language) }));
	return {
		citizen,
		// the page's headings, labels and buttons, worded here (src/lib/server/desk-words.ts)
		words: deskPageWords(citizen),
		timeline: { ...timeline, upcoming: worded(timeline.upcoming), history: worded(timeline.history) },
		now: now.toISOString(),
		rooms,
		events: events.items,
		shifts: shifts.items,
		titleQuery,
		titles: titles?.items.map(titleWords) ?? null
	};
};

type Event = RequestEvent;

async function act<T>(
	event: Event,
	action: string,
	schema: z.ZodType,
	run: (data: T, citizenId: string) => Promise<unknown>,
	checkboxes: string[] = ['override']
) {
	requireStaff(event.locals, event.url);
	const values = readForm(await event.request.formData(), checkboxes);
	const checked = validateForm(schema, values);
	if (!checked.ok) return fail(400, { action, ...checked.failure });
	try {
		await run(checked.data as T, event.params.id);
	} catch (err) {
		return fail(failureStatus(err), {
			action,
			values: echoValues(values),
			errors:
				err instanceof DeskRefusal ? { form: err.message, fields: {} } : toFormErrors(err, { desk: true })
		});
	}
	return { action, done: true as const };
}

type Override = { override: boolean; override_reason: string };

/** The desk booking form's fields, where a refusal of each is shown (`times`: the two times together). */
const DESK_BOOKING_FIELDS = [
	'room',
	'date',
	'start',
	'end',
	'times',
	'purpose',
	'attendees',
	'override_reason'
];

/** The room the desk books, for the early check of its rules; null when PocketBase does not show it. */
async function deskRoom(pb: App.Locals['pb'], id: string): Promise<RoomRecord | null> {
	try {
		return await pb.collection('rooms').getOne<RoomRecord>(id, { requestKey: null });
	} catch {
		return null;
	}
}

export const actions: Actions = {
	// every mistake of the booking in one answer (WCAG 3.3.1): the fields' shape, the times and the room's
	// rules together; PocketBase applies the rules again for the citizen (and the override)
	book: async (event) => {
		requireStaff(event.locals, event.url);
		const values = readForm(await event.request.formData(), ['override']);
		const checked = validateForm(deskBookingSchema, values);
		const fields: Record<string, string> = checked.ok ? {} : { ...checked.failure.errors.fields };
		// an end at 00:00 is the midnight that ends the day, as on the room page
		const times = readTimes(values, fields, (date, _start, end) => resolveEnd(date, end));
		if (times) {
			// the room's rules from the hooks' own check, each at its field, as the room page says them;
			// PocketBase decides again for the citizen, and an override lets staff book past the horizon
			const room = fields.room ? null : await deskRoom(event.locals.pb, String(values.room));
			addPolicyErrors(
				fields,
				{
					room: room && policyOf(room),
					start: times.start,
					end: times.end,
					attendees: Number(values.attendees),
					now: Date.now(),
					skipHorizon: values.override === true
				},
				true
			);
		}
		if (!checked.ok || !times || Object.keys(fields).length > 0) {
			return fail(400, { action: 'book', values: echoValues(values), errors: { fields } });
		}
		const data = checked.data as Override & { room: string; purpose: string; attendees: number };
		try {
			await event.locals.pb.collection('bookings').create(
				{
					room: data.room,
					booker: event.params.id,
					purpose: data.purpose,
					attendees: data.attendees,
					start: toPbDate(new Date(times.start)),
					end: toPbDate(new Date(times.end))
				},
				deskOptions(event.params.id, overrideOf(data))
			);
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'book',
				values: echoValues(values),
				errors: bookingRefusal(err, { desk: true, fields: DESK_BOOKING_FIELDS })
			});
		}
		return { action: 'book', done: true as const };
	},
	hold: (event) =>
		act<Override & { title: string }>(event, 'hold', deskHoldSchema, (data, citizen) =>
			event.locals.pb
				.collection('holds')
				.create({ title: data.title, patron: citizen }, deskOptions(citizen, overrideOf(data)))
		),
	// a copy lent over the counter, scanned by its barcode; PocketBase ends the citizen's active hold on the
	// title with the loan (lib/library-desk.js endHoldByLoan), and the desk is told what became of it
	lend: async (event) => {
		requireStaff(event.locals, event.url);
		const values = readForm(await event.request.formData(), []);
		const code = String(values.code ?? '').trim();
		const pb = event.locals.pb;
		const citizen = event.params.id;
		try {
			type Found = CopyRecord & { expand?: { title?: TitleRecord } };
			const found = code
				? await pb.collection('copies').getList<Found>(1, 1, {
						filter: pb.filter('barcode = {:b}', { b: code }),
						expand: 'title',
						requestKey: null
					})
				: null;
			// by its barcode first, then by its id, as the check-in finds a copy (lib/library-desk.js findCopy)
			const copy =
				found?.items[0] ??
				(RECORD_ID.test(code)
					? await pb
							.collection('copies')
							.getOne<Found>(code, { expand: 'title', requestKey: null })
							.catch((err: unknown) => {
								if (err instanceof ClientResponseError && err.status === 404) return undefined;
								throw err;
							})
					: undefined);
			// the hold as it was: read only to say what the loan did to it (PocketBase decides)
			const before = copy
				? (
						await pb.collection('holds').getList<HoldRecord>(1, 1, {
							filter: pb.filter(`patron = {:p} && title = {:t} && ${activeHoldFilter()}`, {
								p: citizen,
								t: copy.title
							}),
							requestKey: null
						})
					).items[0]
				: undefined;
			// an unknown barcode is sent as it is, and refused by PocketBase (library_copy_unknown)
			const loan = await pb
				.collection('loans')
				.create<LoanRecord>({ copy: copy?.id ?? code, patron: citizen }, { requestKey: null });
			let holdEnded = false;
			let released: 'next' | 'shelf' | '' = '';
			if (before) {
				holdEnded = (await pb.collection('holds').getOne<HoldRecord>(before.id)).status === 'collected';
				if (holdEnded && before.status === 'ready' && before.copy && before.copy !== loan.copy) {
					const aside = await pb.collection('copies').getOne<CopyRecord>(before.copy, { requestKey: null });
					if (aside.status === 'reserved') released = 'next';
					else if (aside.status === 'shelf' && aside.on_pickup_shelf) released = 'shelf';
				}
			}
			// what the loan did, in words here: the loan, and the citizen's hold on the title it ended
			const language = getLocale() === 'en' ? 'en' : 'da';
			const title = copy?.expand?.title?.title ?? '';
			const lent = [
				m.desk_lent({ title, due: formatDateTime(loan.due, language) }),
				holdEnded ? m.desk_lent_hold_ended() : '',
				released === 'next' ? m.desk_lent_copy_next() : released === 'shelf' ? m.desk_lent_copy_back() : ''
			];
			return { action: 'lend', done: true as const, lent: lent.filter(Boolean).join(' ') };
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'lend',
				values: echoValues(values),
				errors: toFormErrors(err, { desk: true })
			});
		}
	},
	register: (event) =>
		act<Override & { event: string }>(event, 'register', deskRegistrationSchema, (data, citizen) =>
			event.locals.pb
				.collection('registrations')
				.create({ event: data.event, user: citizen }, deskOptions(citizen, overrideOf(data)))
		),
	// a citizen who has not accepted the volunteer terms hears them at the desk; the tick records their yes
	// (PocketBase refuses a shift without it, lib/events-claims.js)
	signup: (event) =>
		act<Override & { shift: string; terms: boolean }>(
			event,
			'signup',
			deskSignupSchema,
			async (data, citizen) => {
				const signUp = () =>
					event.locals.pb
						.collection('signups')
						.create({ shift: data.shift, user: citizen }, deskOptions(citizen, overrideOf(data)));
				try {
					await signUp();
				} catch (err) {
					if (!refusalCodes(err).includes('events_volunteer_terms')) throw err;
					// said to staff at the tick box, not to the citizen ("Godkend ..., før du ...")
					if (!data.terms) {
						throw new ClientResponseError({
							status: 400,
							response: { data: { terms: { code: 'desk_volunteer_terms' } } }
						});
					}
					// the terms are recorded only when they are what stands in the way of this shift
					await acceptVolunteerTerms(event.locals.pb, citizen);
					await signUp();
				}
			},
			['override', 'terms']
		),
	// "Vi er her" and "Tjek ud nu" on the citizen's booking, by staff at the desk (the check-in route lets
	// staff act for those present, and audits it on the booker's behalf)
	checkIn: (event) => attendFor(event, 'check-in'),
	checkOut: (event) => attendFor(event, 'check-out'),
	cancel: (event) => change(event, 'cancel'),
	pause: (event) => change(event, 'pause'),
	resume: (event) => change(event, 'resume'),
	card: async ({ locals, url, request, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(cardSchema, values);
		if (!checked.ok) return fail(400, { action: 'card', ...checked.failure });
		try {
			await setCard(locals.pb, params.id, checked.data.library_card);
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'card',
				values: echoValues(values),
				errors: toFormErrors(err, { desk: true })
			});
		}
		return { action: 'card', done: true as const };
	},
	takeover: async ({ locals, url, request, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(takeoverSchema, values);
		if (!checked.ok) return fail(400, { action: 'takeover', ...checked.failure });
		try {
			await takeOver(locals.pb, params.id, checked.data.email);
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'takeover',
				values: echoValues(values),
				errors: toFormErrors(err, { desk: true })
			});
		}
		return { action: 'takeover', done: true as const };
	},
	// a desk account deleted at the citizen's request, as their own deletion would (pb_hooks/lib/desk.js)
	delete: async ({ locals, url, params }) => {
		requireStaff(locals, url);
		try {
			await deleteDeskAccount(locals.pb, params.id);
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'delete',
				values: {},
				errors: toFormErrors(err, { desk: true })
			});
		}
		redirect(303, '/personale/borgere?slettet=1');
	}
};

/** Checks the citizen's booking in or out, with staff's token, through the booking's named route. */
function attendFor(event: Event, what: 'check-in' | 'check-out') {
	return act<{ id: string }>(event, what === 'check-in' ? 'check_in' : 'check_out', idSchema, (data) =>
		event.locals.pb.send(`/api/borgerhus/bookings/${encodeURIComponent(data.id)}/${what}`, {
			method: 'POST'
		})
	);
}

/** Cancel, pause or resume one of the citizen's entries, as the citizen would (with an optional override). */
function change(event: Event, action: 'cancel' | 'pause' | 'resume') {
	return act<Override & { kind: EntryKind; id: string }>(
		event,
		action,
		deskEntrySchema,
		async (data, citizen) => {
			const allowed = action === 'cancel' ? data.kind !== 'loan' : data.kind === 'hold';
			if (!allowed) throw new ClientResponseError({ status: 400, response: { data: {} } });
			const body =
				action === 'pause'
					? { status: 'paused' }
					: action === 'resume'
						? { status: 'waiting' }
						: data.kind === 'booking'
							? { status: 'cancelled', cancelled_by: citizen }
							: { status: 'cancelled' };
			try {
				await event.locals.pb
					.collection(COLLECTION[data.kind])
					.update(data.id, body, deskOptions(citizen, overrideOf(data)));
			} catch (err) {
				if (data.kind === 'booking' && refusalCodes(err).includes('rooms_cancel_deadline'))
					await refuseWithDeadline(event.locals.pb, data.id);
				throw err;
			}
		}
	);
}

/** A refusal worded by the page's server, for staff, in place of the refusal code's general words. */
class DeskRefusal extends Error {}

/**
 * A cancel past the citizen's deadline is refused with when the deadline was, in the words of the
 * booking's card; when the booking cannot be read, the code's own words stand.
 */
async function refuseWithDeadline(pb: App.Locals['pb'], id: string) {
	const booking = await pb
		.collection('bookings')
		.getOne<BookingRecord>(id, { fields: 'start,cancel_hours', requestKey: null })
		.catch(() => null);
	if (!booking?.start) return;
	const deadline = cancelDeadline(booking.cancel_hours ?? 0, parsePbDate(booking.start).getTime());
	const when = formatDateTime(new Date(deadline), getLocale() === 'en' ? 'en' : 'da');
	throw new DeskRefusal(m.desk_no_cancel_booking_deadline_passed({ when }));
}
