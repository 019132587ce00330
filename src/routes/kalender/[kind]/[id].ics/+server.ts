import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/guards';
import { fetchEntryInput } from '$lib/overview/load.server';
import { buildTimeline } from '$lib/overview/timeline';
import { buildCalendar, entryItem } from '$lib/overview/ics.server';
import { RECORD_ID } from '$lib/ids';

const KINDS = ['booking', 'hold', 'shift', 'registration'] as const;
type CalendarKind = (typeof KINDS)[number];
const isKind = (value: string): value is CalendarKind => (KINDS as readonly string[]).includes(value);

// "Add to calendar" for one entry of the overview: a one-event .ics file, read with the user's own token.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	requireUser(locals, url);
	if (!isKind(params.kind) || !RECORD_ID.test(params.id)) error(404, m.errors_not_found());
	let input;
	try {
		input = await fetchEntryInput(locals.pb, params.kind, params.id);
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404, m.errors_not_found());
		throw err;
	}
	const language = getLocale() === 'en' ? 'en' : 'da';
	const now = new Date();
	const timeline = buildTimeline(input, now);
	const entry = [...timeline.upcoming, ...timeline.history][0];
	const item = entry && entry.actions.includes('calendar') ? entryItem(entry, language) : null;
	if (!item) error(404, m.errors_not_found());
	return new Response(buildCalendar([item], { name: m.overview_feed_name(), publish: false }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${params.kind}-${params.id}.ics"`
		}
	});
};
