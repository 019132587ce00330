import { fail } from '@sveltejs/kit';
import { pageParam } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';
import type { BookingRecord, ClosureRecord, EventRecord, RoomRecord } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { approveSchema, reasonSchema } from '$lib/validation/rooms';
import { attend } from '$lib/server/checkin';
import { overlapFloor, toMs, toPbDate } from '$rules/room-claims.js';
import { longestClaims } from '$lib/server/claims';
import { addDays, inUse, localParts, localToUtc } from '$rules/rooms-policy.js';
import { activeBookingFilter, activeEventFilter } from '$rules/core/status.js';
import { parsePbDate } from '$lib/dates';
import { yearProblem } from '$rules/core/time.js';
import { dayColumns, gridRows, heldUntil, weekColumns, type GridItem } from '$lib/staff/grid';
import { RECORD_ID } from '$lib/ids';
import { getLocale } from '$lib/paraglide/runtime';
import { danishIn } from '$lib/house-language';

const FIELDS =
	'id,room,booker,association,series,purpose,attendees,start,end,status,checked_in_at,checked_out_at,' +
	'expand.room.name,expand.booker.name,expand.booker.email,expand.association.name,expand.association.verified';

/** Requests waiting for a decision shown at once; the rest are a page further on (or narrowed to a room). */
const PENDING_PER_PAGE = 20;
/** Upcoming approved bookings on a page: not counted (counting them all was slow in a large house). */
const UPCOMING_PER_PAGE = 25;

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	requireStaff(locals, url);
	depends('app:rooms');
	const pb = locals.pb;
	// the day (or week) across all rooms, in house time
	const asked = url.searchParams.get('dag') ?? '';
	const noon = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? localToUtc(asked, '12:00') : null;
	// a day of the house's years (the week after it included); another is a typing slip, and today is shown
	const day =
		noon !== null && !yearProblem(noon) && !yearProblem(noon + 8 * 86_400_000)
			? asked
			: localParts(Date.now()).date;
	const span = url.searchParams.get('visning') === 'uge' ? 7 : 1;
	const from = localToUtc(day, '00:00') as number;
	const now = Date.now();
	// the waiting requests, oldest date first, a page at a time, for one room or all
	const askedRoom = url.searchParams.get('lokale') ?? '';
	const room = RECORD_ID.test(askedRoom) ? askedRoom : '';
	const page = pageParam(url, 'side');
	const upcomingPage = pageParam(url, 'kommende');
	const pendingFilter = room
		? pb.filter('status = "pending" && room = {:room}', { room })
		: 'status = "pending"';
	const pendingPage = (n: number) =>
		pb.collection('bookings').getList<BookingRecord>(n, PENDING_PER_PAGE, {
			filter: pendingFilter,
			sort: 'start,id',
			expand: 'room,booker,association',
			fields: FIELDS
		});
	// the day's bookings and the upcoming ones start after a floor set by the longest booking, so that
	// these reads walk the bookings near the day instead of the house's whole history
	const longest = (await longestClaims(pb)).bookings;
	const range = {
		start: toPbDate(from),
		end: toPbDate(localToUtc(addDays(day, span), '00:00') as number),
		floor: toPbDate(overlapFloor(from, longest))
	};
	// the approved bookings ahead, for the room asked for or all, a page at a time
	const upcomingFilter = pb.filter(
		`status = "approved" && start > {:floor} && end > {:now}${room ? ' && room = {:room}' : ''}`,
		{ now: toPbDate(now), floor: toPbDate(overlapFloor(now, longest)), room }
	);
	const [firstAsked, upcoming, afterUpcoming, rooms, calendar, events, closures] = await Promise.all([
		pendingPage(page),
		pb.collection('bookings').getList<BookingRecord>(upcomingPage, UPCOMING_PER_PAGE, {
			filter: upcomingFilter,
			sort: 'start,id',
			expand: 'room,booker,association',
			fields: FIELDS,
			// none is counted: counting every approved booking ahead was most of this page's time in a
			// large house; whether a page follows is the first row after this page
			skipTotal: true
		}),
		pb.collection('bookings').getList<BookingRecord>(upcomingPage * UPCOMING_PER_PAGE + 1, 1, {
			filter: upcomingFilter,
			sort: 'start,id',
			fields: 'id',
			skipTotal: true
		}),
		pb.collection('rooms').getFullList<RoomRecord>({
			filter: 'active = true',
			sort: 'sort,name',
			fields: 'id,name,opening_hours'
		}),
		// the grid places a booking by its room's id and names it by its association or booker: no more
		pb.collection('bookings').getFullList<BookingRecord>({
			filter: pb.filter(
				`${activeBookingFilter()} && start > {:floor} && start < {:end} && end > {:start}`,
				range
			),
			sort: 'start',
			expand: 'booker,association',
			fields: 'id,room,start,end,status,checked_out_at,expand.booker.name,expand.association.name'
		}),
		// events claim their room like bookings (rule 1): the calendar shows them too
		pb.collection('events').getFullList<EventRecord>({
			filter: pb.filter(`room != "" && ${activeEventFilter()} && start < {:end} && end > {:start}`, range),
			sort: 'start',
			fields: 'id,title,room,start,end,state'
		}),
		pb.collection('closures').getFullList<ClosureRecord>({
			filter: pb.filter('start < {:end} && end > {:start}', range),
			sort: 'start',
			fields: 'id,room,start,end,reason'
		})
	]);
	// a page of upcoming bookings past the end (its last one was just cancelled, an old link) shows the
	// last page there is: counted only then
	let upcomingShown = { page: upcomingPage, items: upcoming.items, more: afterUpcoming.items.length > 0 };
	if (upcoming.items.length === 0 && upcomingPage > 1) {
		const { totalItems } = await pb
			.collection('bookings')
			.getList(1, 1, { filter: upcomingFilter, fields: 'id' });
		const last = Math.max(1, Math.ceil(totalItems / UPCOMING_PER_PAGE));
		const items = (
			await pb.collection('bookings').getList<BookingRecord>(last, UPCOMING_PER_PAGE, {
				filter: upcomingFilter,
				sort: 'start,id',
				expand: 'room,booker,association',
				fields: FIELDS,
				skipTotal: true
			})
		).items;
		upcomingShown = { page: last, items, more: false };
	}
	// a page past the end (the last request on it was just decided) shows the last page there is
	const pending =
		firstAsked.items.length === 0 && firstAsked.totalPages > 0 && page > firstAsked.totalPages
			? await pendingPage(firstAsked.totalPages)
			: firstAsked;
	const ms = (value: string) => parsePbDate(value).getTime();
	// an event's title and a closure's reason, written by the house in Danish (staff pages show the Danish)
	const danish = danishIn(getLocale());
	const items: GridItem[] = [
		...calendar.map((b) => {
			const held = heldUntil(b);
			return {
				kind: 'booking' as const,
				id: b.id,
				room: b.room,
				start: ms(b.start),
				end: ms(held.end),
				label: b.expand?.association?.name ?? b.expand?.booker?.name ?? '',
				status: b.status,
				href: '',
				checkedOut: held.checkedOut
			};
		}),
		...events.map((e) => ({
			kind: 'event' as const,
			id: e.id,
			room: e.room,
			start: ms(e.start),
			end: ms(e.end),
			label: e.title,
			lang: danish,
			status: e.state,
			href: `/personale/arrangementer/${e.id}`
		})),
		...closures.map((c) => ({
			kind: 'closure' as const,
			id: c.id,
			room: c.room,
			start: ms(c.start),
			end: ms(c.end),
			label: c.reason,
			lang: c.reason ? danish : undefined,
			status: '',
			href: '/personale/lokaler'
		}))
	];
	// a room taken out of use may still hold an event or a booking in the period: it gets its row too
	const shown = new Set(rooms.map((r) => r.id));
	const missing = [...new Set(items.filter((i) => i.kind !== 'closure').map((i) => i.room))].filter(
		(id) => id && !shown.has(id)
	);
	const retired = missing.length
		? await pb.collection('rooms').getFullList<RoomRecord>({
				filter: missing.map((id) => pb.filter('id = {:id}', { id })).join(' || '),
				sort: 'sort,name',
				fields: 'id,name,opening_hours'
			})
		: [];
	const gridRooms = [...rooms, ...retired].map((r) => ({
		id: r.id,
		name: r.name,
		opening_hours: r.opening_hours
	}));
	const columns = span === 7 ? weekColumns(day) : dayColumns(day, gridRooms, items);
	return {
		pending: pending.items,
		pendingTotal: pending.totalItems,
		page: pending.page,
		totalPages: pending.totalPages,
		room,
		rooms: rooms.map((r) => ({ id: r.id, name: r.name })),
		// one in use is checked out, not cancelled (rooms_booking_in_use, asked again by the hook)
		upcoming: upcomingShown.items.map((booking) => ({
			...booking,
			in_use: inUse(booking.status, booking.checked_in_at ?? '', toMs(booking.start), now)
		})),
		upcomingPage: upcomingShown.page,
		upcomingMore: upcomingShown.more,
		day,
		span,
		previous: addDays(day, -span),
		next: addDays(day, span),
		columns,
		grid: gridRows(gridRooms, items, columns)
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
	cancel: ({ locals, request, url }) => decide(locals, request, url, 'cancel'),
	// a booking in use frees the rest of its time by a check-out, done by staff for those present
	checkOut: ({ locals, request, url }) => attend(locals, url, request, 'check-out')
};
