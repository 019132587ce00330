import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/guards';
import { entryCalendar } from '$lib/overview/entry-calendar.server';

// "Add to calendar" for one entry of the overview: a one-event .ics file, read with the user's own token.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	requireUser(locals, url);
	return entryCalendar(locals.pb, params.kind, params.id);
};
