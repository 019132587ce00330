import { error } from '@sveltejs/kit';
import type PocketBase from 'pocketbase';
import type { ClosureRecord, MembershipRecord, RoomRecord } from '$lib/pocketbase-types';
import { codeMessage, refusalCodes, toFormErrors, type FormErrors } from '$lib/server/errors';
import { previewSeries, seriesDates } from '$lib/rooms/series';
import type { SeasonPreviewDate } from '$lib/rooms/preview';
import { ruleMessage } from '$lib/rooms/rule-message';
import { bookingPolicyProblems, localToUtc, type OpeningHours } from '$rules/rooms-policy.js';
import { toMs, toPbDate } from '$rules/room-claims.js';
import { resolve } from '$rules/core/time.js';
import { followRoom, type Asked } from '$lib/server/room-address';

// What a room's page and its season booking page share on the server: the room, the associations the
// user may book for, the early policy check's view of the room, and the season's preview.

export interface SeasonAnswer {
	series: string;
	booked: { date: string; id: string; status: string }[];
	skipped: { date: string; code: string; message: string }[];
}

/** The dates PocketBase skipped, from a refusal of the whole season (none could be booked). */
export function skippedOf(err: unknown): { date: string; code: string; message: string }[] {
	const response = (err as { response?: { skipped?: unknown } } | undefined)?.response;
	const skipped = Array.isArray(response?.skipped)
		? (response.skipped as { date: string; code: string }[])
		: [];
	// translated here, so the page needs no registry of codes in the browser
	return skipped.map((s) => ({ ...s, message: codeMessage(s.code) }));
}
const FIELDS = [
	'for',
	'purpose',
	'attendees',
	'date',
	'start',
	'end',
	'times',
	'first_date',
	'last_date',
	'interval'
];

/**
 * The rules' codes about a booking's times that the hooks name on the whole booking ('form'): outside the
 * opening hours, taken, closed. A booking form shows them at its two times (the pseudo-field `times`).
 */
const TIME_CODES = new Set(['rooms_outside_hours', 'rooms_overlap', 'rooms_closed']);

/** The field of a booking form a refusal code belongs at: the hooks' field, or the times for TIME_CODES. */
export function fieldOfCode(field: string, code: string): string {
	return field === 'form' && TIME_CODES.has(code) ? 'times' : field;
}

/**
 * The room's rules a booking breaks, from the hooks' own check (bookingPolicyProblems), each put at its
 * field of the form unless the form has a message there already: an early answer; PocketBase decides again
 * in the write's transaction. `desk`: in the words staff read.
 */
export function addPolicyErrors(
	fields: Record<string, string>,
	input: Parameters<typeof bookingPolicyProblems>[0],
	desk = false
): void {
	for (const problem of bookingPolicyProblems(input)) {
		fields[fieldOfCode(problem.field, problem.code)] ??= ruleMessage(problem.code, desk);
	}
}

/**
 * A refusal of a booking by PocketBase, each message at the field of the form it concerns (fieldOfCode,
 * association -> for); what concerns the whole booking goes on top. `desk`: in the words staff read.
 */
export function bookingRefusal(
	err: unknown,
	options: { desk?: boolean; fields?: readonly string[] } = {}
): FormErrors {
	const errors = toFormErrors(err, { desk: options.desk });
	const formCode = refusalCodes(err).length === 1 ? refusalCodes(err)[0] : undefined;
	if (errors.form && formCode && fieldOfCode('form', formCode) === 'times') {
		return onForm({ fields: { ...errors.fields, times: errors.form } }, options.fields);
	}
	return onForm(errors, options.fields);
}

/** Keeps messages of the form's own fields beside them (association -> for); the rest go on top. */
export function onForm(errors: FormErrors, own: readonly string[] = FIELDS): FormErrors {
	const fields: Record<string, string> = {};
	const general: string[] = errors.form ? [errors.form] : [];
	for (const [field, message] of Object.entries(errors.fields)) {
		const name = field === 'association' ? 'for' : field;
		if (own.includes(name)) fields[name] = message;
		else general.push(message);
	}
	return general.length ? { form: general.join(' '), fields } : { fields };
}

/**
 * The instants of a booking form's date and times, read whenever those three fields are well-formed (no
 * message of theirs in `fields`), whatever else the form lacks: a time that does not exist that day, or
 * occurs twice, gets its message at its field, the start's and the end's at once. `endOf` reads the end
 * (00:00 is the midnight that ends the day). Null when the times could not be read.
 */
export function readTimes(
	values: Record<string, string | boolean>,
	fields: Record<string, string>,
	endOf: (date: string, start: string, end: string) => ReturnType<typeof resolve>
): { start: number; end: number } | null {
	if (fields.date || fields.start || fields.end) return null;
	const [date, start, end] = [values.date, values.start, values.end].map(String) as [string, string, string];
	const startAt = resolve(date, start);
	const endAt = endOf(date, start, end);
	if ('code' in startAt) fields.start = ruleMessage(startAt.code);
	if ('code' in endAt) fields.end = ruleMessage(endAt.code);
	return 'instant' in startAt && 'instant' in endAt ? { start: startAt.instant, end: endAt.instant } : null;
}

export function policyOf(room: RoomRecord) {
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

/** Each date of a season booking with its reasons, from the public busy projection and closures. */
export async function seasonPreview(
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
): Promise<SeasonPreviewDate[]> {
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
	// an unavailable date's rule reasons, translated here: the page needs no registry of codes in the browser
	return preview.map((p) => ({
		...p,
		reasons: p.reasons.map((r) => (r.code ? { ...r, message: ruleMessage(r.code) } : r))
	}));
}

/**
 * The room in use at `slug`; a former slug of a room sends the request on to the room's address now
 * (`followRoom`), any other is not found.
 */
export async function findRoom(pb: PocketBase, slug: string, asked: Asked): Promise<RoomRecord> {
	try {
		return await pb
			.collection('rooms')
			.getFirstListItem<RoomRecord>(pb.filter('slug = {:slug} && active = true', { slug }));
	} catch {
		await followRoom(pb, slug, asked);
		error(404);
	}
}

/**
 * Associations the user may book for: verified, and the user is an accepted (active) booker or admin
 * (rule 3; the hooks ask mayBookFor() again). Read as a
 * back-relation expand of the user's own record, one request with the associations' names.
 */
export async function bookableAssociations(pb: PocketBase, userId: string) {
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
