import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { BookingRecord, RoomRecord } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { approveSchema, reasonSchema } from '$lib/validation/rooms';
import { toPbDate } from '$rules/room-claims.js';
import { addDays, localParts, localToUtc } from '$rules/rooms-policy.js';
import { activeBookingFilter } from '$rules/core/status.js';

const FIELDS =
	'id,room,booker,association,series,purpose,attendees,start,end,status,' +
	'expand.room.name,expand.booker.name,expand.booker.email,expand.association.name,expand.association.verified';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	requireStaff(locals, url);
	depends('app:rooms');
	const pb = locals.pb;
	// the day (or week) across all rooms, in house time
	const asked = url.searchParams.get('dag') ?? '';
	const day =
		/^\d{4}-\d{2}-\d{2}$/.test(asked) && localToUtc(asked, '12:00') !== null
			? asked
			: localParts(Date.now()).date;
	const span = url.searchParams.get('visning') === 'uge' ? 7 : 1;
	const range = {
		start: toPbDate(localToUtc(day, '00:00') as number),
		end: toPbDate(localToUtc(addDays(day, span), '00:00') as number)
	};
	const [pending, upcoming, rooms, calendar] = await Promise.all([
		pb.collection('bookings').getFullList<BookingRecord>({
			filter: 'status = "pending"',
			sort: 'start',
			expand: 'room,booker,association',
			fields: FIELDS
		}),
		pb.collection('bookings').getList<BookingRecord>(1, 100, {
			filter: pb.filter('status = "approved" && end > {:now}', { now: toPbDate(Date.now()) }),
			sort: 'start',
			expand: 'room,booker,association',
			fields: FIELDS
		}),
		pb.collection('rooms').getFullList<RoomRecord>({ sort: 'sort,name', fields: 'id,name' }),
		pb.collection('bookings').getFullList<BookingRecord>({
			filter: pb.filter(`${activeBookingFilter()} && start < {:end} && end > {:start}`, range),
			sort: 'start',
			expand: 'room,booker,association',
			fields: FIELDS
		})
	]);
	return {
		pending,
		upcoming: upcoming.items,
		day,
		span,
		previous: addDays(day, -span),
		next: addDays(day, span),
		calendar: rooms.map((room) => ({ room, bookings: calendar.filter((b) => b.room === room.id) }))
	};
};

async function decide(
	locals: App.Locals,
	request: Request,
	url: URL,
	action: 'approve' | 'reject' | 'cancel'
) {
	requireStaff(locals, url);
	const values = readForm(await request.formData());
	const checked = validateForm(action === 'approve' ? approveSchema : reasonSchema, values);
	if (!checked.ok) return fail(400, { action, id: String(values.id ?? ''), ...checked.failure });
	const data = checked.data as { id: string; reason?: string };
	const reason = data.reason ?? '';
	// approve and reject both carry the reason: the booker reads it and the audit log keeps it
	const change =
		action === 'approve'
			? reason
				? { status: 'approved', reason }
				: { status: 'approved' }
			: action === 'reject'
				? { status: 'rejected', reason }
				: { status: 'cancelled', cancel_reason: reason };
	try {
		const booking = await locals.pb
			.collection('bookings')
			.getOne<BookingRecord>(data.id, { fields: 'id,series,start,expand.room.name', expand: 'room' });
		const decided = { action, id: data.id, room: booking.expand?.room?.name ?? '', start: booking.start };
		if (action !== 'cancel' && values.series === 'yes' && booking.series) {
			// the whole series' pending dates in one transaction, with one message to the booker
			const answer = await locals.pb.send<{ decided: { id: string }[] }>(
				`/api/borgerhus/series/${encodeURIComponent(booking.series)}/${action}`,
				{ method: 'POST', body: reason ? { reason } : {} }
			);
			return { ...decided, series: true, done: answer.decided.length };
		}
		// one booking: the named transition, decided, audited and notified by PocketBase
		await locals.pb.collection('bookings').update(data.id, change);
		return { ...decided, series: false, done: 1 };
	} catch (err) {
		return fail(failureStatus(err), {
			action,
			id: data.id,
			values: { reason },
			errors: toFormErrors(err)
		});
	}
}

export const actions: Actions = {
	approve: ({ locals, request, url }) => decide(locals, request, url, 'approve'),
	reject: ({ locals, request, url }) => decide(locals, request, url, 'reject'),
	cancel: ({ locals, request, url }) => decide(locals, request, url, 'cancel')
};
