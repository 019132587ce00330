import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/guards';
import { entryCalendar } from '$lib/overview/entry-calendar.server';

/** One booking as an iCalendar file, the same as from Mit overblik (others' bookings get 404). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals, url);
	return entryCalendar(locals.pb, 'booking', params.id);
};
