import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { BookingRecord, RoomRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { followRoom } from '$lib/server/room-address';
import { attend } from '$lib/server/checkin';
import { attendanceAction, attendanceMoments, checkinPhase, checkinWindow } from '$lib/rooms/checkin';
import { toPbDate } from '$rules/room-claims.js';

// The door's check-in (docs/rules.md, "Check-in and no-shows"): the QR code on a room's door opens this
// page; a guest signs in and comes back here. It shows the user's and their associations' bookings in
// this room now and in the next 12 hours, each with "Vi er her" while check-in is open.

const HOURS_AHEAD = 12;

export const load: PageServerLoad = async ({ locals, url, params, request, depends }) => {
	const user = requireUser(locals, url);
	depends('app:checkin');
	const pb = locals.pb;
	let room: RoomRecord;
	try {
		room = await pb
			.collection('rooms')
			.getFirstListItem<RoomRecord>(pb.filter('slug = {:slug}', { slug: params.slug }));
	} catch {
		// an old sign's QR code: the room's check-in page now
		await followRoom(pb, params.slug, { url, request });
		error(404);
	}
	const now = Date.now();
	// own private bookings and those of the user's associations, which any active member checks in (a
	// booker who left the association no longer can: docs/rules.md, "Rooms and bookings")
	const bookings = await pb.collection('bookings').getFullList<BookingRecord>({
		filter: pb.filter(
			'room = {:room} && end > {:now} && start < {:until} && status != "cancelled" && status != "rejected" && ' +
				'((booker = {:me} && association = "") || (association.memberships_via_association.user ?= {:me} && ' +
				'association.memberships_via_association.status ?= "active"))',
			{
				room: room.id,
				me: user.id,
				now: toPbDate(now - 60 * 60 * 1000),
				until: toPbDate(now + HOURS_AHEAD * 60 * 60 * 1000)
			}
		),
		sort: 'start',
		expand: 'association',
		fields:
			'id,booker,association,purpose,start,end,status,decided_at,checkin_grace_minutes,checked_in_at,checked_out_at,' +
			'expand.association.name'
	});
	return {
		room: {
			id: room.id,
			name: room.name,
			slug: room.slug,
			checkin_required: room.checkin_required,
			checkin_grace_minutes: room.checkin_grace_minutes
		},
		now,
		hoursAhead: HOURS_AHEAD,
		bookings: bookings
			.filter((b) => new Date(b.end.replace(' ', 'T')).getTime() > now || b.status === 'no_show')
			.map((b) => ({
				id: b.id,
				purpose: b.purpose,
				association: b.expand?.association?.name ?? '',
				start: b.start,
				end: b.end,
				status: b.status,
				checked_in_at: b.checked_in_at,
				phase: checkinPhase(room, b, now),
				action: attendanceAction(room, b, now),
				window: checkinWindow(room, b),
				moments: attendanceMoments(room, b)
			}))
	};
};

export const actions: Actions = {
	checkIn: ({ locals, url, request }) => attend(locals, url, request, 'check-in'),
	checkOut: ({ locals, url, request }) => attend(locals, url, request, 'check-out')
};
