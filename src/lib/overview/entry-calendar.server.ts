import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type PocketBase from 'pocketbase';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { RECORD_ID } from '$lib/ids';
import { changedAt } from '$rules/overview-calendar.js';
import { fetchEntryInput } from './load.server';
import { buildTimeline, type TimelineInput } from './timeline';
import { buildCalendar, entryItem } from './ics.server';

export const CALENDAR_KINDS = ['booking', 'hold', 'shift', 'registration'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export const isCalendarKind = (value: string): value is CalendarKind =>
	(CALENDAR_KINDS as readonly string[]).includes(value);

/**
 * When the entry last changed, from the rows it was read with, as the feed counts it (changedAt): the file
 * then carries the feed's LAST-MODIFIED and SEQUENCE, so a calendar that has it from either sees a move or a
 * cancellation as a change of the same event.
 */
function changedOf(kind: CalendarKind, input: TimelineInput): string {
	switch (kind) {
		case 'booking':
			return changedAt({
				place: input.bookings[0]?.updated,
				room: input.bookings[0]?.expand?.room?.updated,
				association: input.bookings[0]?.expand?.association?.updated
			});
		case 'hold':
			return changedAt({
				place: input.holds[0]?.updated,
				title: input.holds[0]?.expand?.title?.updated
			});
		case 'shift': {
			const signup = input.signups[0];
			const shift = signup?.expand?.shift;
			return changedAt({
				place: signup?.updated,
				shift: shift?.updated,
				event: shift?.expand?.event?.updated,
				room: shift?.expand?.event?.expand?.room?.updated
			});
		}
		case 'registration': {
			const registration = input.registrations[0];
			return changedAt({
				place: registration?.updated,
				event: registration?.expand?.event?.updated,
				room: registration?.expand?.event?.expand?.room?.updated
			});
		}
	}
}

/**
 * "Add to calendar" for one entry of the user's overview, read with their own token: a one-event .ics file
 * made as the entry is in Mit overblik and the subscribed feed (same UID, summary, room and status), or 404
 * for an entry they cannot read or that has nothing ahead to add (cancelled, rejected, ended).
 */
export async function entryCalendar(pb: PocketBase, kind: string, id: string): Promise<Response> {
	if (!isCalendarKind(kind) || !RECORD_ID.test(id)) error(404, m.errors_not_found());
	let input;
	try {
		input = await fetchEntryInput(pb, kind, id);
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404, m.errors_not_found());
		throw err;
	}
	const language = getLocale() === 'en' ? 'en' : 'da';
	const timeline = buildTimeline(input, new Date(), language);
	const entry = [...timeline.upcoming, ...timeline.history][0];
	const item =
		entry && entry.actions.includes('calendar') ? entryItem(entry, language, changedOf(kind, input)) : null;
	if (!item) error(404, m.errors_not_found());
	return new Response(buildCalendar([item], { name: m.overview_feed_name(), publish: false }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${kind}-${id}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
}
