import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type PocketBase from 'pocketbase';
import type { ClosureRecord, MembershipRecord, RoomRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors, type FormErrors } from '$lib/errors';
import { bookingSchema, seasonSchema } from '$lib/validation/rooms';
import { previewSeries, seriesDates } from '$lib/rooms/series';
import type { PreviewDate } from '$lib/rooms/preview';
import { ruleMessage } from '$lib/rooms/rule-message';
import { codeMessage } from '$lib/errors';
import { buildWeek } from '$lib/rooms/week';
import {
	addDays,
	checkBookingPolicy,
	lastBookableDate,
	localParts,
	localToUtc,
	type OpeningHours
} from '$rules/rooms-policy.js';
import { toMs, toPbDate } from '$rules/room-claims.js';
import { resolve } from '$rules/core/time.js';

const DAYS = 7;

interface SeasonAnswer {
	series: string;
	booked: { date: string; id: string; status: string }[];
	skipped: { date: string; code: string; message: string }[];
}

/** The dates PocketBase skipped, from a refusal of the whole season (none could be booked). */
function skippedOf(err: unknown): { date: string; code: string; message: string }[] {
	const response = (err as { response?: { skipped?: unknown } } | undefined)?.response;
	const skipped = Array.isArray(response?.skipped)
		? (response.skipped as { date: string; code: string }[])
		: [];
	// translated here, so the page needs no registry of codes in the browser
	return skipped.map((s) => ({ ...s, message: codeMessage(s.code) }));
}
const FIELDS = ['for', 'purpose', 'attendees', 'date', 'start', 'end', 'first_date', 'last_date', 'interval'];

/** Keeps messages of the form's own fields beside them (association -> for); the rest go on top. */
function onForm(errors: FormErrors): FormErrors {
	const fields: Record<string, string> = {};
	const general: string[] = errors.form ? [errors.form] : [];
	for (const [field, message] of Object.entries(errors.fields)) {
		const name = field === 'association' ? 'for' : field;
		if (FIELDS.includes(name)) fields[name] = message;
		else general.push(message);
	}
	return general.length ? { form: general.join(' '), fields } : { fields };
}

function policyOf(room: RoomRecord) {
	return {
		capacity: room.capacity,
		opening_hours: room.opening_hours as OpeningHours | null,
		min_minutes: room.min_minutes,
		max_minutes: room.max_minutes,
		step_minutes: room.step_minutes,
		horizon_days: room.horizon_days,
		active: room.active
	};
}

/** Each date of a season booking with its state, from the public busy projection and closures. */
async function seasonPreview(
	pb: PocketBase,
	room: RoomRecord,
	data: {
		first_date: string;
		last_date: string;
		interval: number;
		start: string;
		end: string;
		attendees: number;
	}
): Promise<(PreviewDate & { message?: string })[]> {
	const dates = seriesDates({
		firstDate: data.first_date,
		lastDate: data.last_date,
		intervalWeeks: data.interval
	});
	if (dates.length === 0) return [];
	const from = toPbDate((localToUtc(dates[0] as string, '00:00') as number) - 86_400_000);
	const to = toPbDate((localToUtc(dates[dates.length - 1] as string, '00:00') as number) + 2 * 86_400_000);
	const range = { room: room.id, start: from, end: to };
	const [busy, closures] = await Promise.all([
		pb.collection('room_busy').getFullList<{ start: string; end: string; kind: 'booking' | 'event' }>({
			filter: pb.filter('room = {:room} && start < {:end} && end > {:start}', range),
			fields: 'start,end,kind'
		}),
		pb.collection('closures').getFullList<ClosureRecord>({
			filter: pb.filter('(room = {:room} || room = "") && start < {:end} && end > {:start}', range),
			fields: 'start,end'
		})
	]);
	const preview = previewSeries({
		dates,
		startTime: data.start,
		endTime: data.end,
		attendees: data.attendees,
		room: { ...policyOf(room), buffer_minutes: room.buffer_minutes },
		claims: busy.map((b) => ({ start: toMs(b.start), end: toMs(b.end), kind: b.kind })),
		closures: closures.map((c) => ({ start: toMs(c.start), end: toMs(c.end) })),
		now: Date.now()
	});
	// an unavailable date's reason, translated here: the page needs no registry of codes in the browser
	return preview.map((p) => (p.code ? { ...p, message: ruleMessage(p.code) } : p));
}

async function findRoom(pb: PocketBase, slug: string): Promise<RoomRecord> {
	try {
		return await pb
			.collection('rooms')
			.getFirstListItem<RoomRecord>(pb.filter('slug = {:slug} && active = true', { slug }));
	} catch {
		error(404);
	}
}

/**
 * Associations the user may book for: verified, and the user is an accepted (active) booker or admin
 * (rule 3; the hooks ask mayBookFor() again). Read as a
 * back-relation expand of the user's own record, one request with the associations' names.
 */
async function bookableAssociations(pb: PocketBase, userId: string) {
	const user = await pb.collection('users').getOne<{
		expand?: { memberships_via_user?: MembershipRecord[] };
	}>(userId, {
		expand: 'memberships_via_user.association',
		fields:
			'id,expand.memberships_via_user.role,expand.memberships_via_user.status,expand.memberships_via_user.expand.association.id,' +
			'expand.memberships_via_user.expand.association.name,' +
			'expand.memberships_via_user.expand.association.verified'
	});
	return (user.expand?.memberships_via_user ?? []).flatMap((ms) => {
		const association = ms.expand?.association;
		return association?.verified && ms.status === 'active' && (ms.role === 'admin' || ms.role === 'booker')
			? [{ id: association.id, name: association.name }]
			: [];
	});
}

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	// The room and its week are public (busy intervals carry no details); booking needs an account.
	depends('app:rooms');
	const today = localParts(Date.now()).date;
	const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && localToUtc(value, '12:00') !== null;
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
		findRoom(pb, params.slug),
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
		closed: closures.map(interval)
	});
	return {
		room,
		from,
		today,
		nowMinutes: localParts(Date.now()).minutes,
		// the same horizon the hooks refuse beyond (rule 2), shown before anyone runs into it
		lastBookable: lastBookableDate(room.horizon_days, Date.now()),
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

export const actions: Actions = {
	book: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const room = await findRoom(locals.pb, params.slug);
		const values = readForm(await request.formData(), ['show_publicly']);
		const checked = validateForm(bookingSchema, values);
		if (!checked.ok) return fail(400, { action: 'book' as const, ...checked.failure });
		const { data } = checked;
		// A time that does not exist that day, or occurs twice, is refused rather than guessed.
		const startAt = resolve(data.date, data.start);
		const endAt = resolve(data.date, data.end);
		const refuse = (field: string, code: string) =>
			fail(400, {
				action: 'book' as const,
				values: echoValues(values),
				errors: onForm({ fields: { [field]: ruleMessage(code) } })
			});
		if ('code' in startAt) return refuse('start', startAt.code);
		if ('code' in endAt) return refuse('end', endAt.code);
		const start = startAt.instant;
		const end = endAt.instant;
		// An early, friendly answer; PocketBase decides again in the write's transaction.
		const problem = checkBookingPolicy({
			room: policyOf(room),
			start,
			end,
			attendees: data.attendees,
			now: Date.now()
		});
		if (problem) return refuse(problem.field === 'form' ? 'form' : problem.field, problem.code);
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
				errors: onForm(toFormErrors(err))
			});
		}
		redirect(303, `/bookinger?ny=${id}`);
	},
	preview: async ({ request, locals, params, url }) => {
		requireUser(locals, url);
		const room = await findRoom(locals.pb, params.slug);
		const values = readForm(await request.formData(), ['show_publicly']);
		const checked = validateForm(seasonSchema, values);
		if (!checked.ok) return fail(400, { action: 'season' as const, ...checked.failure });
		const preview = await seasonPreview(locals.pb, room, checked.data);
		return { action: 'season' as const, values: echoValues(values), preview };
	},

	season: async ({ request, locals, params, url }) => {
		requireUser(locals, url);
		const room = await findRoom(locals.pb, params.slug);
		const formData = await request.formData();
		const chosen = new Set(formData.getAll('dates').map(String));
		const values = readForm(formData, ['show_publicly']);
		const checked = validateForm(seasonSchema, values);
		if (!checked.ok) return fail(400, { action: 'season' as const, ...checked.failure });
		const { data } = checked;
		// The dates the user kept; PocketBase skips openly those taken, closed or beyond policy since.
		const kept = seriesDates({
			firstDate: data.first_date,
			lastDate: data.last_date,
			intervalWeeks: data.interval
		}).filter((date) => chosen.has(date));
		if (kept.length === 0) {
			return fail(400, {
				action: 'season' as const,
				values: echoValues(values),
				preview: await seasonPreview(locals.pb, room, data),
				errors: { form: m.rooms_season_nothing(), fields: {} }
			});
		}
		// One request: PocketBase books the series and every chosen date that is still free in one
		// transaction, and answers which dates were booked and which were skipped and why.
		let answer: SeasonAnswer;
		try {
			answer = await locals.pb.send<SeasonAnswer>('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: room.id,
					association: data.for === 'self' ? '' : data.for,
					purpose: data.purpose,
					attendees: data.attendees,
					first_date: data.first_date,
					last_date: data.last_date,
					interval: data.interval,
					start_time: data.start,
					end_time: data.end,
					show_publicly: data.for !== 'self' && values.show_publicly === true,
					dates: kept
				}
			});
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'season' as const,
				values: echoValues(values),
				preview: await seasonPreview(locals.pb, room, data),
				skipped: skippedOf(err),
				errors: onForm(toFormErrors(err))
			});
		}
		const skipped = answer.skipped.map((s) => `${s.date}.${s.code}`).join(',');
		redirect(
			303,
			`/bookinger?serie=${answer.booked.length}${skipped ? `&sprunget=${encodeURIComponent(skipped)}` : ''}`
		);
	}
};
