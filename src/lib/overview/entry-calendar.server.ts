import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type PocketBase from 'pocketbase';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { RECORD_ID } from '$lib/ids';
import {
	bookingEntry,
	pickupEntry,
	registrationEntry,
	shiftEntry,
	type FeedEntry
} from '$rules/overview-calendar.js';
import { contentText } from '$rules/content-language.js';
import { fetchEntryInput } from './load.server';
import { buildTimeline, type TimelineInput } from './timeline';
import { buildCalendar, feedItem } from './ics.server';

export const CALENDAR_KINDS = ['booking', 'hold', 'shift', 'registration'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export const isCalendarKind = (value: string): value is CalendarKind =>
	(CALENDAR_KINDS as readonly string[]).includes(value);

/**
 * The feed's entry for the one row read (overview-calendar.js, the builders the feed's entries are made
 * with): the file then says what the feed says of it, its summary, description (a booking's association
 * included), room, status, LAST-MODIFIED and SEQUENCE, so a calendar that has it from either sees a move
 * or a cancellation as a change of the same event.
 */
function feedEntryOf(kind: CalendarKind, input: TimelineInput, language: 'da' | 'en'): FeedEntry | null {
	const titleOf = (event: { title?: string; title_en?: string } | undefined) =>
		contentText(event?.title ?? '', event?.title_en, language).text;
	switch (kind) {
		case 'booking': {
			const booking = input.bookings[0];
			if (!booking) return null;
			return bookingEntry(booking, booking.expand?.room, booking.expand?.association);
		}
		case 'hold': {
			const hold = input.holds[0];
			if (!hold) return null;
			return pickupEntry(hold, hold.expand?.title);
		}
		case 'shift': {
			const signup = input.signups[0];
			const shift = signup?.expand?.shift;
			if (!signup || !shift) return null;
			const event = shift.expand?.event;
			return shiftEntry(signup, shift, event, event?.expand?.room, titleOf(event));
		}
		case 'registration': {
			const registration = input.registrations[0];
			const event = registration?.expand?.event;
			if (!registration || !event) return null;
			return registrationEntry(registration, event, event.expand?.room, titleOf(event));
		}
	}
}

/**
 * "Add to calendar" for one entry of the user's overview, read with their own token: a one-event .ics file
 * made as the subscribed feed makes the entry (same UID, summary, description, room and status), or 404
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
	// only what the overview offers to add: ahead, and neither cancelled nor refused
	const feedEntry = entry && entry.actions.includes('calendar') ? feedEntryOf(kind, input, language) : null;
	if (!feedEntry) error(404, m.errors_not_found());
	return new Response(
		buildCalendar([feedItem(feedEntry, language)], { name: m.overview_feed_name(), publish: false }),
		{
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `attachment; filename="${kind}-${id}.ics"`,
				'cache-control': 'private, no-store'
			}
		}
	);
}
