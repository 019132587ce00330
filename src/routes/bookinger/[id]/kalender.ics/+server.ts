import { error } from '@sveltejs/kit';
import ical, { ICalEventStatus } from 'ical-generator';
import { locationOf as houseLocation } from '$rules/house.js';
import type { RequestHandler } from './$types';
import type { BookingRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { parsePbDate } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { RECORD_ID } from '$lib/ids';

/** One booking as an iCalendar file, read with the user's own rights (others get 404). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals, url);
	if (!RECORD_ID.test(params.id)) error(404);
	let booking: BookingRecord;
	try {
		booking = await locals.pb.collection('bookings').getOne<BookingRecord>(params.id, { expand: 'room' });
	} catch {
		error(404);
	}
	const calendar = ical({ name: m.app_name() });
	calendar.createEvent({
		id: `booking-${booking.id}@borgerhus`,
		start: parsePbDate(booking.start),
		end: parsePbDate(booking.end),
		summary: [booking.expand?.room?.name, booking.purpose].filter(Boolean).join(': '),
		// the room and the house's address; a booking still waiting for staff is tentative
		location: houseLocation(booking.expand?.room?.name),
		status: booking.status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
		url: new URL('/bookinger', url).href
	});
	return new Response(calendar.toString(), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="booking-${booking.id}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
