import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ClosureRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus } from '$lib/server/errors';
import { bookingSchema } from '$lib/validation/rooms';
import { buildWeek } from '$lib/rooms/week';
import {
	bookableAssociations,
	addPolicyErrors,
	bookingRefusal,
	findRoom,
	onForm,
	policyOf,
	readTimes
} from '$lib/server/room-page';
import {
	addDays,
	lastBookableDate,
	lastStartWithoutCancel,
	withinOpeningHours,
	localParts,
	localToUtc,
	type OpeningHours
} from '$rules/rooms-policy.js';
import { toMs, toPbDate } from '$rules/room-claims.js';
import { getLocale } from '$lib/paraglide/runtime';
import { contentText } from '$rules/content-language.js';
import { resolve, resolveEnd, yearProblem } from '$rules/core/time.js';

const DAYS = 7;

export const load: PageServerLoad = async ({ locals, params, url, request, depends }) => {
	// The room and its week are public (busy intervals carry no details); booking needs an account.
	depends('app:rooms');
	const today = localParts(Date.now()).date;
	// a real date within the house's years, with the week after it too (?fra=9999-12-25 shows today)
	const isDate = (value: string) => {
		const noon = /^\d{4}-\d{2}-\d{2}$/.test(value) ? localToUtc(value, '12:00') : null;
		return noon !== null && !yearProblem(noon) && !yearProblem(noon + (DAYS + 1) * 86_400_000);
	};
	const isTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
	// A link from the room search (or anyone) may fill the booking form in: ?dato=&start=&slut=&antal=
	const wanted = {
		date: url.searchParams.get('dato') ?? '',
		start: url.searchParams.get('start') ?? '',
		end: url.searchParams.get('slut') ?? '',
		attendees: url.searchParams.get('antal') ?? ''
	};
	const prefill = {
		date: isDate(wanted.date) ? wanted.date : '',
		start: isTime(wanted.start) ? wanted.start : '',
		end: isTime(wanted.end) ? wanted.end : '',
		attendees: /^\d{1,5}$/.test(wanted.attendees) ? wanted.attendees : ''
	};
	const asked = url.searchParams.get('fra') ?? prefill.date;
	const from = isDate(asked) ? asked : today;
	const rangeStart = toPbDate(localToUtc(from, '00:00') as number);
	const rangeEnd = toPbDate(localToUtc(addDays(from, DAYS), '00:00') as number);
	const pb = locals.pb;
	// The room, its busy intervals and closures in one round: the week's reads name the room by its
	// slug (an indexed join in PocketBase) instead of waiting for its id (docs/performance.md, "Reads").
	const range = { slug: params.slug, start: rangeStart, end: rangeEnd };
	const [room, busy, closures, associations, seasonPlans] = await Promise.all([
		findRoom(pb, params.slug, { url, request }),
		pb.collection('room_busy').getFullList<{ start: string; end: string }>({
			filter: pb.filter('room.slug = {:slug} && start < {:end} && end > {:start}', range),
			fields: 'start,end'
		}),
		pb.collection('closures').getFullList<ClosureRecord>({
			filter: pb.filter('(room.slug = {:slug} || room = "") && start < {:end} && end > {:start}', range),
			fields: 'start,end'
		}),
		locals.user ? bookableAssociations(pb, locals.user.id) : [],
		// the final season plans running now or later (docs/rules.md, "Season application round"), read
		// beside the room rather than after it; which of them offer this room is picked below
		pb
			.collection('seasons')
			.getList<{ id: string; name: string; slots: { room: string }[] | null }>(1, 20, {
				filter: pb.filter(
					'(status = "final" || status = "second_round" || status = "second_closed" || status = "leftovers") && last_date >= {:today}',
					{ today }
				),
				sort: '-first_date',
				fields: 'id,name,slots',
				skipTotal: true
			})
			.then((r) => r.items)
	]);
	const interval = (r: { start: string; end: string }) => ({ start: toMs(r.start), end: toMs(r.end) });
	const week = buildWeek({
		from,
		days: DAYS,
		openingHours: room.opening_hours as OpeningHours | null,
		busy: busy.map(interval),
		closed: closures.map(interval),
		now: Date.now(),
		stepMinutes: room.step_minutes
	});
	// the page shows one description: the English one on an English page when there is one (docs/rules.md,
	// "Languages")
	const { description, description_en, ...shown } = room;
	return {
		room: shown,
		about: contentText(description, description_en, getLocale()),
		from,
		today,
		nowMinutes: localParts(Date.now()).minutes,
		// the same horizon the hooks refuse beyond (rule 2), shown before anyone runs into it
		lastBookable: lastBookableDate(room.horizon_days, Date.now()),
		// the latest local "YYYY-MM-DDTHH:MM" a booking can start at and never be cancelled once booked: the
		// form says so beside the times (rule 2's cancel deadline, as the hooks judge it)
		noCancelUntil: localStamp(lastStartWithoutCancel(room.cancel_hours, Date.now())),
		prefill,
		week,
		previousWeek: addDays(from, -7),
		nextWeek: addDays(from, 7),
		previousDay: addDays(from, -1),
		nextDay: addDays(from, 1),
		associations,
		signedIn: !!locals.user,
		seasonPlans: seasonPlans
			// a season loaded by the system may have no slots at all (null)
			.filter((season) => (season.slots ?? []).some((slot) => slot.room === room.id))
			.slice(0, 3)
			.map(({ id, name }) => ({ id, name }))
	};
};

/** An instant as the house's clock shows it, "YYYY-MM-DDTHH:MM" (ordered as the form's date and time). */
function localStamp(ms: number) {
	const { date, minutes } = localParts(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${date}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/**
 * The end of a booking from the form: 00:00 is the midnight that ends the day (core/time.js `resolveEnd`),
 * and an end before the start is on the next day when the room is open across that midnight (a night
 * opening, 20:00 to 02:00): 23:00 to 01:00 is then one booking, as the API takes it. Anywhere else an end
 * before the start stays on the day, and is refused as such (a slip of the finger, not a night).
 */
function endOf(openingHours: OpeningHours | null, date: string, start: string, end: string) {
	const sameDay = resolveEnd(date, end);
	if (end === '00:00' || end >= start) return sameDay;
	const startAt = resolve(date, start);
	const nextDay = resolve(addDays(date, 1), end);
	if (
		'instant' in startAt &&
		'instant' in nextDay &&
		withinOpeningHours(openingHours, startAt.instant, nextDay.instant)
	) {
		return nextDay;
	}
	return sameDay;
}

export const actions: Actions = {
	book: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const room = await findRoom(locals.pb, params.slug, { url, request, action: true });
		const values = readForm(await request.formData(), ['show_publicly']);
		// Every mistake the form can find goes back in one answer (WCAG 3.3.1): the fields' shape, the times
		// whenever their own fields are well-formed, and the room's rules whenever the times and the number
		// of attendees are readable, whatever else is missing.
		const checked = validateForm(bookingSchema, values);
		const fields: Record<string, string> = checked.ok ? {} : { ...checked.failure.errors.fields };
		// A time that does not exist that day, or occurs twice, is refused rather than guessed.
		const times = readTimes(values, fields, (date, start, end) =>
			endOf(room.opening_hours as OpeningHours | null, date, start, end)
		);
		if (times) {
			// An early, friendly answer from the hooks' own check, every rule it finds broken at its field
			// (the form's own message of a field goes first); PocketBase decides again in the write's
			// transaction.
			addPolicyErrors(fields, {
				room: policyOf(room),
				start: times.start,
				end: times.end,
				attendees: Number(values.attendees),
				now: Date.now()
			});
		}
		if (!checked.ok || !times || Object.keys(fields).length > 0) {
			return fail(400, { action: 'book' as const, values: echoValues(values), errors: onForm({ fields }) });
		}
		const { data } = checked;
		const { start, end } = times;
		let id: string;
		try {
			const created = await locals.pb.collection('bookings').create({
				room: room.id,
				booker: user.id,
				association: data.for === 'self' ? '' : data.for,
				purpose: data.purpose,
				attendees: data.attendees,
				// only an association's booking can show its name on the house's screens
				show_publicly: data.for !== 'self' && values.show_publicly === true,
				start: toPbDate(start),
				end: toPbDate(end)
			});
			id = created.id;
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'book' as const,
				values: echoValues(values),
				errors: bookingRefusal(err)
			});
		}
		redirect(303, `/bookinger?ny=${id}`);
	}
};
