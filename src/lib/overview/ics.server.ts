import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { locationOf as houseLocation } from '$rules/house.js';
import { m } from '$lib/paraglide/messages';
import { parsePbDate } from '$lib/dates';
import type { FeedEntry } from '$rules/overview-calendar.js';

type Language = 'da' | 'en';

/** One calendar event, whatever it came from. */
export interface CalendarItem {
	uid: string;
	summary: string;
	description: string;
	start: Date;
	end: Date;
	status: 'confirmed' | 'tentative' | 'cancelled';
	/** The room (when there is one) and the house's address. */
	location: string;
	/** When what it is made of last changed: its LAST-MODIFIED and, counted from it, its SEQUENCE. */
	updated?: Date;
}

/** SEQUENCE counts seconds from here: it grows with every change, as RFC 5545 asks, and fits 32 bits. */
const SEQUENCE_FROM = Date.UTC(2024, 0, 1);

/** How long before an entry a calendar reminds, for people who want reminders. */
export const ALARM_MINUTES = 60;

const HOST = 'borgerhus';
/** A pickup is shown as the last half hour before the deadline: "collect by". */
const PICKUP_MINUTES = 30;

function pickupWindow(deadline: string): { start: Date; end: Date } {
	const end = parsePbDate(deadline);
	return { start: new Date(end.getTime() - PICKUP_MINUTES * 60_000), end };
}

/** An entry of the feed (from the calendar route in PocketBase) as a calendar event. */
export function feedItem(entry: FeedEntry, locale: Language): CalendarItem {
	const o = { locale };
	const times =
		entry.kind === 'pickup'
			? pickupWindow(entry.end)
			: { start: parsePbDate(entry.start), end: parsePbDate(entry.end) };
	const summary =
		entry.kind === 'booking'
			? m.overview_feed_booking({ room: entry.title }, o)
			: entry.kind === 'pickup'
				? m.overview_feed_pickup({ title: entry.title }, o)
				: entry.kind === 'shift'
					? m.overview_feed_shift({ task: entry.title }, o)
					: entry.title;
	const description = [
		entry.kind === 'pickup' && entry.detail
			? m.overview_feed_shelf({ shelf: entry.detail }, o)
			: entry.detail,
		entry.association,
		entry.status === 'pending' ? m.overview_feed_pending({}, o) : '',
		entry.status === 'cancelled' ? m.overview_feed_cancelled({}, o) : ''
	]
		.filter(Boolean)
		.join('\n');
	return {
		uid: entry.uid,
		summary,
		description,
		...times,
		// a booking still waiting for staff is tentative in the calendar (docs/rules.md, "Messages")
		status:
			entry.status === 'pending' ? 'tentative' : entry.status === 'cancelled' ? 'cancelled' : 'confirmed',
		location: houseLocation(entry.location),
		updated: entry.updated ? parsePbDate(entry.updated) : undefined
	};
}

const STATUS = {
	confirmed: ICalEventStatus.CONFIRMED,
	tentative: ICalEventStatus.TENTATIVE,
	cancelled: ICalEventStatus.CANCELLED
} as const;

/** An iCalendar document (RFC 5545) with the items; `publish` for a subscribed feed. */
export function buildCalendar(
	items: CalendarItem[],
	options: { name: string; publish: boolean; reminders?: boolean; language?: Language }
): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Kultur- og Borgerhuset', product: 'Borgerhus', language: 'DA' },
		method: options.publish ? ICalCalendarMethod.PUBLISH : null,
		// calendar apps poll a subscribed feed; an hour keeps it fresh without hammering the house
		ttl: options.publish ? 60 * 60 : null
	});
	for (const item of items) {
		const event = calendar.createEvent({
			id: `${item.uid}@${HOST}`,
			summary: item.summary,
			description: item.description || null,
			start: item.start,
			end: item.end,
			status: STATUS[item.status],
			location: item.location,
			// a calendar that imported the entry sees a cancellation or a move as a change of it
			...(item.updated && !Number.isNaN(item.updated.getTime())
				? {
						lastModified: item.updated,
						sequence: Math.max(0, Math.floor((item.updated.getTime() - SEQUENCE_FROM) / 1000))
					}
				: {})
		});
		// a reminder only for people who want reminders (their notification choice), never for cancelled
		if (options.reminders && item.status !== 'cancelled') {
			event.createAlarm({
				type: ICalAlarmType.display,
				trigger: ALARM_MINUTES * 60,
				description: item.summary
			});
		}
	}
	return calendar.toString();
}
