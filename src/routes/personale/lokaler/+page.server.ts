import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ClosureRecord, RoomRecord } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { changedOnly, echoValues, LOADED_FIELD, readForm, validateForm } from '$lib/forms';
import { failureStatus, refusalCodes, toFormErrors } from '$lib/server/errors';
import { closureSchema, HOUR_PERIODS, idSchema, roomPolicySchema } from '$lib/validation/rooms';
import { ruleMessage } from '$lib/rooms/rule-message';
import { WEEKDAYS } from '$rules/rooms-policy.js';
import { resolve, resolveEnd } from '$rules/core/time.js';
import { toPbDate } from '$rules/room-claims.js';
import { withdrawSchema } from '$lib/validation/rooms';

interface NoShowRow {
	id: string;
	name: string;
	count: number;
	reached: boolean;
}

/** GET /api/borgerhus/rooms/no-shows (pb_hooks/lib/rooms/attendance.js, noShowReport). */
export interface NoShowReport {
	threshold: number;
	current: string;
	seasons: { label: string; total: number; associations: NoShowRow[]; bookers: NoShowRow[] }[];
	series: {
		id: string;
		association: string;
		room: string;
		purpose: string;
		start_time: string;
		end_time: string;
		last_date: string;
	}[];
}

/** GET /api/borgerhus/rooms/closing (pb_hooks/lib/rooms/closing.js, preview): what closing would cancel. */
export interface ClosingPreview {
	bookings: {
		id: string;
		room: string;
		start: number;
		end: number;
		status: string;
		/** checked in and under way: checked out as the room closes instead of cancelled */
		in_use: boolean;
		purpose: string;
		booker: string;
		association: string;
	}[];
	events: { id: string; title: string; room: string; start: number; end: number }[];
}

/**
 * When PocketBase refused a closure or a room out of use because claims lie inside, what they are: staff
 * see them and confirm (the bookings) or move them first (the events). Null for any other failure.
 */
async function closingOf(
	pb: App.Locals['pb'],
	err: unknown,
	query: { room: string; start?: string; end?: string },
	confirming: boolean
): Promise<ClosingPreview | null> {
	const codes = refusalCodes(err);
	// a refusal of the confirmation itself (no reason given) keeps the list in view
	const closing = codes.includes('rooms_closing_bookings') || codes.includes('rooms_closing_events');
	if (!closing && !(confirming && codes.length)) return null;
	return pb.send<ClosingPreview>('/api/borgerhus/rooms/closing', { query });
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const pb = locals.pb;
	const [rooms, closures, noShows] = await Promise.all([
		pb.collection('rooms').getFullList<RoomRecord>({ sort: 'sort,name' }),
		pb.collection('closures').getFullList<ClosureRecord>({
			filter: pb.filter('end > {:now}', { now: toPbDate(Date.now()) }),
			sort: 'start',
			expand: 'room'
		}),
		// no-shows per season, per association and booker (docs/rules.md, "Check-in and no-shows")
		pb.send<NoShowReport>('/api/borgerhus/rooms/no-shows', {})
	]);
	return { rooms, closures, noShows };
};

/** The opening hours an edit form showed (its snapshot, `snapshotOf`), or null. */
function loadedHours(loaded: unknown): Record<string, unknown> | null {
	if (typeof loaded !== 'string') return null;
	try {
		const hours = (JSON.parse(loaded) as { opening_hours?: unknown }).opening_hours;
		return hours && typeof hours === 'object' && !Array.isArray(hours)
			? (hours as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

export const actions: Actions = {
	addClosure: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(closureSchema, values);
		if (!checked.ok) return fail(400, { action: 'closure' as const, ...checked.failure });
		const { data } = checked;
		const refuse = (field: string, code: string) =>
			fail(400, {
				action: 'closure' as const,
				values: echoValues(values),
				errors: { fields: { [field]: ruleMessage(code) } }
			});
		// A time that does not exist that day, or occurs twice, is refused rather than guessed. An end at 00:00
		// is the midnight that ends its day, as a booking's end is: from 00:00 to 00:00 is the whole day.
		const startAt = resolve(data.from_date, data.from_time);
		const endAt = resolveEnd(data.to_date, data.to_time);
		if ('code' in startAt) return refuse('from_time', startAt.code);
		if ('code' in endAt) return refuse('to_time', endAt.code);
		const start = startAt.instant;
		const end = endAt.instant;
		if (end <= start) return refuse('to_time', 'core_end_before_start');
		try {
			await locals.pb.collection('closures').create({
				room: data.room,
				start: toPbDate(start),
				end: toPbDate(end),
				reason: data.reason,
				...(data.cancel_bookings ? { cancel_bookings: data.cancel_bookings } : {})
			});
		} catch (err) {
			const closing = await closingOf(
				locals.pb,
				err,
				{
					room: data.room,
					start: toPbDate(start),
					end: toPbDate(end)
				},
				data.cancel_bookings !== undefined
			);
			// the record's start and end are the form's "from" and "to" (a date outside the house's years)
			const errors = toFormErrors(err);
			const { start: startError, end: endError, ...fields } = errors.fields;
			return fail(failureStatus(err), {
				action: 'closure' as const,
				values: echoValues(values),
				errors: {
					...errors,
					fields: {
						...fields,
						...(startError ? { from_date: startError } : {}),
						...(endError ? { to_date: endError } : {})
					}
				},
				closing
			});
		}
		return { action: 'closure' as const, saved: true };
	},

	deleteClosure: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const checked = validateForm(idSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'closure' as const, ...checked.failure });
		try {
			await locals.pb.collection('closures').delete(checked.data.id);
		} catch (err) {
			return fail(failureStatus(err), { action: 'closure' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'closure' as const, saved: true };
	},

	saveRoom: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData(), ['requires_approval', 'active', 'checkin_required']);
		const checked = validateForm(roomPolicySchema, values);
		if (!checked.ok)
			return fail(400, { action: 'room' as const, id: String(values.id ?? ''), ...checked.failure });
		const data = checked.data as Record<string, unknown> & { id: string };
		try {
			// the form has up to three periods a day; periods beyond those (set through the API) are kept
			const stored = await locals.pb
				.collection('rooms')
				.getOne<RoomRecord>(data.id, { fields: 'opening_hours', requestKey: null });
			const opening: Record<string, [string, string][]> = {};
			for (const day of WEEKDAYS) {
				const periods: [string, string][] = [];
				for (const p of HOUR_PERIODS) {
					const open = String(data[`open_${day}${p}`] ?? '');
					const close = String(data[`close_${day}${p}`] ?? '');
					if (open && close) periods.push([open, close]);
				}
				const beyond = (stored.opening_hours?.[day as keyof typeof stored.opening_hours] ?? []).slice(
					HOUR_PERIODS.length
				);
				if (periods.length || beyond.length) opening[day] = [...periods, ...beyond];
			}
			// only what this form changed: another staff member's save of other fields meanwhile stands
			const changed = changedOnly(
				{
					capacity: data.capacity,
					who_may_book: data.who_may_book,
					requires_approval: data.requires_approval,
					active: data.active,
					min_minutes: data.min_minutes,
					max_minutes: data.max_minutes,
					step_minutes: data.step_minutes,
					buffer_minutes: data.buffer_minutes,
					horizon_days: data.horizon_days,
					...(data.max_upcoming === undefined ? {} : { max_upcoming: data.max_upcoming }),
					cancel_hours: data.cancel_hours,
					checkin_required: data.checkin_required,
					checkin_opens_minutes: data.checkin_opens_minutes,
					checkin_grace_minutes: data.checkin_grace_minutes,
					opening_hours: opening
				},
				values[LOADED_FIELD]
			);
			// the hours the form showed go along, so that the hook keeps the days this save did not change as
			// they are stored by then (another staff member may have changed them meanwhile)
			const base = loadedHours(values[LOADED_FIELD]);
			await locals.pb.collection('rooms').update(
				data.id,
				{
					...changed,
					...(data.cancel_bookings
						? { cancel_bookings: data.cancel_bookings, cancel_reason: data.cancel_reason ?? '' }
						: {})
				},
				'opening_hours' in changed && base
					? { headers: { 'X-Borgerhus-Base-Hours': encodeURIComponent(JSON.stringify(base)) } }
					: undefined
			);
		} catch (err) {
			const closing = await closingOf(locals.pb, err, { room: data.id }, data.cancel_bookings !== undefined);
			return fail(failureStatus(err), {
				action: 'room' as const,
				id: data.id,
				values: echoValues(values),
				errors: toFormErrors(err),
				closing
			});
		}
		return { action: 'room' as const, id: data.id, saved: true };
	},
	withdraw: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(withdrawSchema, values);
		if (!checked.ok) return fail(400, { action: 'withdraw' as const, ...checked.failure });
		try {
			// the series' cancel-the-rest route, as the house withdrawing it: audited, the booker told
			const answer = await locals.pb.send<{ cancelled: unknown[] }>(
				`/api/borgerhus/series/${encodeURIComponent(checked.data.id)}/cancel`,
				{ method: 'POST', body: { withdraw: true, reason: checked.data.reason } }
			);
			return { action: 'withdraw' as const, withdrawn: answer.cancelled.length };
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'withdraw' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
	}
};
