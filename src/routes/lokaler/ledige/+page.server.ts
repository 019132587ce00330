import type { PageServerLoad } from './$types';
import type { ClosureRecord, RoomRecord } from '$lib/pocketbase-types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { ruleMessage } from '$lib/rooms/rule-message';
import { freeRooms, NEEDS, type Need } from '$lib/rooms/search';
import { localParts, localToUtc, type OpeningHours } from '$rules/rooms-policy.js';
import { overlapFloor, toMs, toPbDate } from '$rules/room-claims.js';
import { longestClaims } from '$lib/server/claims';
import { bookableAssociations } from '$lib/server/room-page';

const MINUTE = 60_000;
/** More people than any room of the house could hold: the search says so instead of "at least 1". */
const MAX_PEOPLE = 99_999;
const ROOM_FIELDS =
	'id,name,slug,description,capacity,photos,facilities,step_free,hearing_loop,accessible_toilet,who_may_book,' +
	'requires_approval,opening_hours,min_minutes,max_minutes,step_minutes,buffer_minutes,horizon_days,active';

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && localToUtc(value, '12:00') !== null;
const isTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/**
 * "Which room is free on Tuesday at 19?": the rooms free and fit for one time, from the public busy
 * projection and closures only (never whose booking), with three reads for all rooms together.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const pb = locals.pb;
	const rooms = await pb.collection('rooms').getFullList<RoomRecord>({
		filter: 'active = true',
		sort: 'sort,name',
		fields: ROOM_FIELDS
	});
	const facilities = [...new Set(rooms.flatMap((r) => r.facilities ?? []))].sort((a, b) =>
		a.localeCompare(b, 'da')
	);
	const params = url.searchParams;
	const today = localParts(Date.now()).date;
	const values = {
		date: params.get('dato') ?? today,
		start: params.get('fra') ?? '',
		end: params.get('til') ?? '',
		attendees: params.get('antal') ?? '',
		needs: params.getAll('behov').filter((n): n is Need => (NEEDS as readonly string[]).includes(n)),
		facilities: params.getAll('udstyr').filter((f) => facilities.includes(f))
	};
	const base = {
		rooms: [] as (RoomRecord & { bookable: boolean })[],
		facilities,
		values,
		today,
		maxPeople: MAX_PEOPLE,
		searched: false
	};
	if (!params.has('dato')) return { ...base, errors: {} as Record<string, string> };

	const errors: Record<string, string> = {};
	if (!isDate(values.date)) errors.date = m.rooms_search_date_error();
	if (!isTime(values.start)) errors.start = m.rooms_search_time_error();
	if (!isTime(values.end)) errors.end = m.rooms_search_time_error();
	const attendees = Number(values.attendees);
	if (!/^\d+$/.test(values.attendees) || attendees < 1) errors.attendees = m.rooms_search_people_error();
	else if (attendees > MAX_PEOPLE) {
		errors.attendees = m.rooms_search_people_too_many({ max: MAX_PEOPLE.toLocaleString(getLocale()) });
	}
	if (Object.keys(errors).length) return { ...base, errors };

	// One read of the busy stretches and one of the closures for every room, wide enough for any buffer.
	const buffer = Math.max(0, ...rooms.map((r) => r.buffer_minutes || 0)) * MINUTE;
	const dayStart = localToUtc(values.date, '00:00') as number;
	const range = { start: toPbDate(dayStart - buffer), end: toPbDate(dayStart + 2 * 86_400_000 + buffer) };
	// bounded by the longest claim, so that the read walks the claims near the day, not the whole history
	const floor = toPbDate(overlapFloor(dayStart - buffer, (await longestClaims(pb)).room_busy));
	const [busy, closures] = await Promise.all([
		pb.collection('room_busy').getFullList<{ room: string; start: string; end: string }>({
			filter: pb.filter('start > {:floor} && start < {:end} && end > {:start}', { ...range, floor }),
			fields: 'room,start,end'
		}),
		pb.collection('closures').getFullList<ClosureRecord>({
			filter: pb.filter('start < {:end} && end > {:start}', range),
			fields: 'room,start,end'
		})
	]);
	const found = freeRooms({
		rooms: rooms.map((r) => ({ ...r, opening_hours: r.opening_hours as OpeningHours | null })),
		query: {
			date: values.date,
			start: values.start,
			end: values.end,
			attendees,
			needs: values.needs,
			facilities: values.facilities
		},
		busy: busy.map((b) => ({ room: b.room, start: toMs(b.start), end: toMs(b.end) })),
		closures: closures.map((c) => ({ room: c.room ?? '', start: toMs(c.start), end: toMs(c.end) })),
		now: Date.now()
	});
	if ('code' in found) return { ...base, errors: { [found.field]: ruleMessage(found.code) } };
	// a room for associations is offered for booking only to someone who books for a verified one (a guest
	// is asked to sign in on the room's page); the others are told why instead of a button that leads nowhere
	const forAssociations = locals.user ? (await bookableAssociations(pb, locals.user.id)).length > 0 : true;
	return {
		...base,
		searched: true,
		errors,
		rooms: found.rooms.map((room) => ({
			...room,
			bookable: room.who_may_book !== 'associations' || forAssociations
		}))
	};
};
