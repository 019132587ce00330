import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { EventRecord, EventState, RoomRecord, ShiftRecord, TakenPlaces } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { echoValues, LOADED_FIELD, readForm, snapshotOf, validateForm } from '$lib/forms';
import { codeMessage, failureStatus, toFormErrors } from '$lib/server/errors';
import {
	entryIdSchema,
	eventSchema,
	messageSchema,
	newShiftSchema,
	shiftSchema
} from '$lib/validation/events';
import { EVENT_FORM_FIELDS, eventBody, SHIFT_FORM_FIELDS, shiftBody } from '$lib/events/staff-forms';
import { keptField, utcToHouseLocal } from '$lib/events/time';
import { waitlistPosition } from '$rules/capacity.js';
import { EVENT } from '$rules/events-machines.js';
import { eventCancelProblem, eventMoveProblem, eventRoomProblem, toMs } from '$rules/events-rules.js';
import { RECORD_ID } from '$lib/ids';
import { m } from '$lib/paraglide/messages';
import { rosterPlaceLabel } from '$lib/events/labels';

/**
 * The question staff confirm before they cancel a volunteer's or attendee's place for them (`what`: the
 * shift and the event, or the event), worded here with the page's data.
 */
function cancelWords(person: { name: string; status: string }, what: string) {
	return {
		label: m.events_staff_cancel_for({ name: person.name }),
		question: m.confirm_staff_place_question({ name: person.name }),
		consequence: (person.status === 'waitlisted'
			? m.confirm_staff_waitlist_consequence
			: m.confirm_staff_place_consequence)({ name: person.name, title: what }),
		undo: m.confirm_staff_place_undo(),
		confirm: m.confirm_staff_place_yes({ name: person.name })
	};
}

/** Why promotions pass over a volunteer waiting for the shift, in words. */
function passedOverWords(passedOver: string | undefined) {
	if (!passedOver) return '';
	return passedOver === 'overlap' ? m.events_staff_passed_over_overlap() : m.events_staff_passed_over_terms();
}

/** One row of the staff roster route (pb_hooks/events.pb.js). */
interface RosterRow {
	id: string;
	parent: string;
	status: string;
	placed_at: string;
	checked_in_at: string;
	/** why promotions pass over a volunteer waiting for the shift (events-claims.js passedOver) */
	passed_over: 'overlap' | 'terms' | '';
	name: string;
	email: string;
	phone: string;
}
interface Roster {
	signups: RosterRow[];
	registrations: RosterRow[];
}

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	requireStaff(locals, url);
	depends('app:events');
	if (!RECORD_ID.test(params.id)) error(404);
	let event: EventRecord & TakenPlaces;
	try {
		event = await locals.pb.collection('events').getOne<EventRecord & TakenPlaces>(params.id);
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404);
		throw err;
	}
	const [shifts, roster, rooms] = await Promise.all([
		locals.pb.collection('shifts').getFullList<ShiftRecord & TakenPlaces>({
			filter: locals.pb.filter('event = {:event}', { event: event.id }),
			sort: 'start'
		}),
		locals.pb.send<Roster>(`/api/borgerhus/events/${event.id}/roster`, { method: 'GET' }),
		locals.pb.collection('rooms').getFullList<RoomRecord>({ sort: 'name', fields: 'id,name' })
	]);
	const { signups, registrations } = roster;
	const entries = (rows: { id: string; status: string; placed_at: string }[]) =>
		rows.map((r) => ({ id: r.id, status: r.status, placedAt: r.placed_at }));
	// an event that has ended keeps its times, one people have come to its start (the hook refuses a move
	// then): the form shows those fields read-only and says why
	const now = Date.now();
	// as the hook counts it (hasAttendance): tickets at the door once it has begun, volunteers at work always
	const attended = () =>
		(now >= toMs(event.start) &&
			registrations.some((r) => r.status === 'confirmed' && Boolean(r.checked_in_at))) ||
		shifts.some(
			(shift) =>
				toMs(shift.start) <= now && signups.some((s) => s.parent === shift.id && s.status === 'confirmed')
		);
	// an event that has begun or ended, or that people have come to, is no longer cancelled (the hook
	// refuses it): the form says why
	const late = event.state === 'cancelled' ? null : eventCancelProblem(event, now, attended);
	// nor is a draft whose time has begun published (the hook refuses it): it would join the history as held
	const publishLate = event.state === 'draft' && eventCancelProblem(event, now) !== null;
	// nor made a draft again while anyone holds a place in it, confirmed or waiting (the roster's rows; the
	// hook refuses it, events_unpublish_has_places): staff cancel it instead, which tells them
	const held = signups.length > 0 || registrations.length > 0;
	const other = (when: string) => new Date(toMs(when) + 60_000);
	const startFixed = eventMoveProblem(
		event,
		{ start: other(event.start), end: event.end },
		now,
		attended,
		true
	);
	const endFixed = eventMoveProblem(
		event,
		{ start: event.start, end: other(event.end) },
		now,
		attended,
		true
	);
	// and its room, like its start: the form offers only the room it keeps, and says why
	const roomFixed = eventRoomProblem(event, now, attended);
	// a cancelled event keeps both, as they were called off (the hook refuses it, events_cancelled_kept)
	const cancelled = event.state === 'cancelled';
	return {
		rooms: rooms.map((r) => ({ id: r.id, name: r.name })),
		place: {
			locked: cancelled || roomFixed !== null,
			note: cancelled
				? codeMessage('events_cancelled_kept')
				: roomFixed
					? codeMessage(roomFixed === 'over' ? 'events_room_event_over' : 'events_room_event_started')
					: ''
		},
		times: {
			startLocked: cancelled || startFixed !== null,
			endLocked: cancelled || endFixed !== null,
			note: cancelled
				? codeMessage('events_cancelled_kept')
				: startFixed
					? codeMessage(startFixed === 'over' ? 'events_move_event_over' : 'events_move_event_started')
					: ''
		},
		// the form offers the current state and the transitions staff may make from it
		states: [
			event.state || 'draft',
			...EVENT.transitions
				.filter((t) => t.from === (event.state || 'draft') && t.who.includes('staff'))
				// an event that has begun is neither cancelled nor made a draft again (its history)
				.filter((t) => !(late && (t.name === 'cancel' || t.name === 'unpublish')))
				.filter((t) => !(publishLate && t.name === 'publish'))
				.filter((t) => !(held && t.name === 'unpublish'))
				.map((t) => t.to)
		] as EventState[],
		stateNote: publishLate
			? codeMessage('events_publish_event_begun')
			: late
				? codeMessage(late === 'over' ? 'events_cancel_event_over' : 'events_cancel_event_started')
				: held && event.state === 'published'
					? codeMessage('events_unpublish_has_places')
					: '',
		event: {
			id: event.id,
			title: event.title,
			state: event.state,
			taken: event.taken,
			capacity: event.capacity,
			registration: event.registration,
			// once begun, a ticket is attendance or a no-show: the page offers no cancel of it then
			started: Date.parse(event.start.replace(' ', 'T')) <= Date.now()
		},
		loaded: snapshotOf(event, EVENT_FORM_FIELDS),
		values: {
			title: event.title,
			title_en: event.title_en ?? '',
			description: event.description,
			description_en: event.description_en ?? '',
			category: event.category,
			start: utcToHouseLocal(event.start),
			end: utcToHouseLocal(event.end),
			// the instants shown, so that a time left as it is keeps its instant (a repeated hour's too)
			[keptField('start')]: event.start,
			[keptField('end')]: event.end,
			room: event.room,
			state: event.state,
			registration: event.registration,
			capacity: String(event.capacity)
		},
		shifts: shifts.map((shift) => {
			const rows = signups.filter((s) => s.parent === shift.id);
			// a shift begun or ended with volunteers on it keeps its start, an ended one its end too
			const manned = rows.some((s) => s.status === 'confirmed');
			const shiftStart = eventMoveProblem(shift, { start: other(shift.start), end: shift.end }, now, true);
			const shiftEnd = eventMoveProblem(shift, { start: shift.start, end: other(shift.end) }, now, true);
			return {
				times: {
					startLocked: manned && shiftStart !== null,
					endLocked: manned && shiftEnd !== null,
					note:
						manned && shiftStart
							? codeMessage(shiftStart === 'over' ? 'events_shift_move_over' : 'events_shift_move_started')
							: ''
				},
				id: shift.id,
				task: shift.task,
				start: shift.start,
				end: shift.end,
				places: shift.places,
				taken: shift.taken,
				loaded: snapshotOf(shift, SHIFT_FORM_FIELDS),
				values: {
					task: shift.task,
					start: utcToHouseLocal(shift.start),
					end: utcToHouseLocal(shift.end),
					[keptField('start')]: shift.start,
					[keptField('end')]: shift.end,
					places: String(shift.places),
					description: shift.description,
					description_en: shift.description_en ?? '',
					requirements: shift.requirements
				},
				roster: rows.map((s) => {
					const position = waitlistPosition({ entries: entries(rows), id: s.id });
					return {
						id: s.id,
						status: s.status,
						position,
						passedOver: passedOverWords(s.passed_over),
						name: s.name,
						email: s.email,
						phone: s.phone,
						place: rosterPlaceLabel(s.status, position),
						cancel: cancelWords(s, `${shift.task}, ${event.title}`)
					};
				})
			};
		}),
		attendees: registrations.map((r) => {
			const position = waitlistPosition({ entries: entries(registrations), id: r.id });
			return {
				id: r.id,
				status: r.status,
				position,
				checkedIn: Boolean(r.checked_in_at),
				name: r.name,
				email: r.email,
				phone: r.phone,
				place: rosterPlaceLabel(r.status, position),
				// a ticket used at the door, or of an event begun, is attendance or a no-show: kept
				cancel:
					!r.checked_in_at && !(Date.parse(event.start.replace(' ', 'T')) <= Date.now())
						? cancelWords(r, event.title)
						: null
			};
		})
	};
};

function failure(action: string, values: Record<string, string | boolean>, err: unknown) {
	return fail(failureStatus(err), { action, values: echoValues(values), errors: toFormErrors(err) });
}

/**
 * Staff cancel one volunteer's or attendee's place on this event for them: the hook's transition (the
 * person is told, the waitlist moves up, the act is audited); a ticket used at the door is refused there.
 * A place of another event is not this page's (404), and one cancelled meanwhile is said to be (409).
 */
async function cancelPlace(
	{ request, locals, url, params }: RequestEvent,
	collection: 'signups' | 'registrations',
	action: 'cancelSignup' | 'cancelRegistration'
) {
	requireStaff(locals, url);
	const values = readForm(await request.formData());
	const checked = validateForm(entryIdSchema, values);
	if (!checked.ok) return fail(400, { action, ...checked.failure });
	const gone = (status: number, form: string) =>
		fail(status, { action, values: echoValues(values), errors: { form, fields: {} } });
	try {
		const place = await locals.pb
			.collection(collection)
			.getOne<{ status: string; event?: string; expand?: { shift?: { event: string } } }>(checked.data.id, {
				expand: collection === 'signups' ? 'shift' : '',
				fields: 'status,event,expand.shift.event'
			});
		const eventId = collection === 'signups' ? place.expand?.shift?.event : place.event;
		if (eventId !== params.id) return gone(404, m.errors_not_found());
		if (place.status === 'cancelled') return gone(409, m.events_staff_place_gone());
		await locals.pb.collection(collection).update(checked.data.id, { status: 'cancelled' });
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) return gone(404, m.errors_not_found());
		return failure(action, values, err);
	}
	return { action, done: true as const };
}

export const actions: Actions = {
	update: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const form = await request.formData();
		const values = readForm(form, ['registration']);
		const checked = validateForm(eventSchema, values);
		if (!checked.ok) return fail(400, { action: 'update', ...checked.failure });
		try {
			await locals.pb
				.collection('events')
				.update(params.id, eventBody(checked.data, form.get('image'), values[LOADED_FIELD]));
		} catch (err) {
			return failure('update', values, err);
		}
		return { action: 'update', done: true as const };
	},
	addShift: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(newShiftSchema, values);
		if (!checked.ok) return fail(400, { action: 'addShift', ...checked.failure });
		try {
			await locals.pb.collection('shifts').create({ event: params.id, ...shiftBody(checked.data) });
		} catch (err) {
			return failure('addShift', values, err);
		}
		return { action: 'addShift', done: true as const };
	},
	updateShift: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const id = validateForm(entryIdSchema, { id: values.id ?? '' });
		const checked = validateForm(shiftSchema, values);
		if (!id.ok) return fail(400, { action: 'updateShift', ...id.failure });
		if (!checked.ok) return fail(400, { action: 'updateShift', ...checked.failure, values });
		try {
			await locals.pb.collection('shifts').update(id.data.id, shiftBody(checked.data, values[LOADED_FIELD]));
		} catch (err) {
			return failure('updateShift', values, err);
		}
		return { action: 'updateShift', done: true as const };
	},
	cancelSignup: (event) => cancelPlace(event, 'signups', 'cancelSignup'),
	cancelRegistration: (event) => cancelPlace(event, 'registrations', 'cancelRegistration'),
	message: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(messageSchema, values);
		if (!checked.ok) return fail(400, { action: 'message', ...checked.failure });
		let sent = 0;
		try {
			sent = (
				await locals.pb.send<{ sent: number }>(`/api/borgerhus/events/${params.id}/message`, {
					method: 'POST',
					body: { message: checked.data.message }
				})
			).sent;
		} catch (err) {
			return failure('message', values, err);
		}
		// how many it went to, in words
		return {
			action: 'message',
			done: true as const,
			sent,
			sentWords: m.events_staff_message_sent({ count: String(sent) })
		};
	}
};
