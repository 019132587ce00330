import { m } from '$lib/paraglide/messages';
import { formatShortDate, formatTimeRange, houseParts, parsePbDate } from '$lib/dates';
import { weekdayName } from '$lib/season/reasons';

// "Mine bookinger" shows the dates of one series (a season booking, or a season plan's weekly time) as one
// card per part of the page: its weekday and time, its period, how many dates are left and the dates on
// demand. Worded here, in the reader's language, so the page's scripts carry none of these words
// (docs/performance.md).

/** Where a booking stands on the page: coming up, cancelled or rejected before its time, or past. */
export type Section = 'upcoming' | 'inactive' | 'past';

/** The fewest dates of one series in one part of the page that make a series card; one stays a booking. */
export const SERIES_CARD_MIN = 2;

interface Row {
	series: string;
	section: Section;
	start: string;
	end: string;
	expand?: { series?: { rrule?: string } };
}

export interface SeriesCard {
	/**
	 * "Hver mandag kl. 17:00–19:00", in three parts: the words before the time, the time (a range the page
	 * keeps on one line) and the words after it.
	 */
	schedule: { before: string; time: string; after: string };
	/** The first and the last of its dates the reader sees, "5. jan." and "30. mar." (a range on the page). */
	period: { first: string; last: string };
	/** Per part of the page with a card: how many of its dates, and the words for the count. */
	sections: Partial<Record<Section, { count: number; left: string; show: string }>>;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The words that name a series card's facts, the same for every card. */
export function seriesWords() {
	return {
		when: m.bookings_series_when(),
		period: m.bookings_series_period(),
		left: m.bookings_series_left_label(),
		next: m.bookings_series_next(),
		periodLink: m.bookings_series_period_link()
	};
}

/** A date in the house's time zone, "YYYY-MM-DD". */
function houseDay(value: string): string {
	const p = houseParts(value);
	return `${p.year}-${String(p.month + 1).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The series with at least SERIES_CARD_MIN dates in some part of the page, by id, in words. Its weekday,
 * time and period are read from its dates (in the house's time), which are what the reader holds.
 */
export function seriesCards(rows: Row[], language: 'da' | 'en'): Record<string, SeriesCard> {
	const found = new Map<string, { dates: Row[]; by: Partial<Record<Section, number>> }>();
	for (const row of rows) {
		if (!row.series) continue;
		const entry = found.get(row.series) ?? { dates: [], by: {} };
		entry.dates.push(row);
		entry.by[row.section] = (entry.by[row.section] ?? 0) + 1;
		found.set(row.series, entry);
	}
	const cards: Record<string, SeriesCard> = {};
	for (const [id, { dates, by }] of found) {
		const sections: SeriesCard['sections'] = {};
		for (const [section, count] of Object.entries(by) as [Section, number][]) {
			if (count < SERIES_CARD_MIN) continue;
			sections[section] = {
				count,
				left: m.bookings_series_left({ count }),
				show: m.bookings_series_show({ count })
			};
		}
		if (!Object.keys(sections).length) continue;
		const sorted = [...dates].sort((a, b) => parsePbDate(a.start).getTime() - parsePbDate(b.start).getTime());
		const first = sorted[0]!;
		const last = sorted[sorted.length - 1]!;
		const weekday = weekdayName(WEEKDAYS[houseParts(first.start).weekday]!);
		const time = formatTimeRange(first.start, first.end);
		const every = Number(/INTERVAL=(\d+)/.exec(first.expand?.series?.rrule ?? '')?.[1] ?? 1);
		const text =
			every > 1
				? m.bookings_series_every({ every, weekday, time })
				: m.bookings_series_weekly({ weekday, time });
		const at = text.indexOf(time);
		cards[id] = {
			schedule:
				at < 0
					? { before: text, time: '', after: '' }
					: { before: text.slice(0, at), time, after: text.slice(at + time.length) },
			period: {
				first: formatShortDate(houseDay(first.start), language),
				last: formatShortDate(houseDay(last.start), language)
			},
			sections
		};
	}
	return cards;
}
