// The app's dates in Copenhagen time, in Danish or English. Written with the browser's own time-zone data
// (Intl) and the two languages' names below, not date-fns: every page shows dates, and date-fns with its
// time-zone package and two locales was 8 kB of gzipped JavaScript on each first load
// (docs/performance.md, "Front end"). The wording is date-fns's (locales `da` and `en-GB`).

/** The house's time zone: every wall-clock time in Borgerhus is Copenhagen time. */
export const HOUSE_TIME_ZONE = 'Europe/Copenhagen';

type Language = 'da' | 'en';

/** Weekday names, Sunday first (as Date.getDay counts), and month names: [wide, abbreviated]. */
const NAMES = {
	da: {
		days: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
		shortDays: ['søn.', 'man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.'],
		months: [
			'januar',
			'februar',
			'marts',
			'april',
			'maj',
			'juni',
			'juli',
			'august',
			'september',
			'oktober',
			'november',
			'december'
		],
		shortMonths: [
			'jan.',
			'feb.',
			'mar.',
			'apr.',
			'maj',
			'jun.',
			'jul.',
			'aug.',
			'sep.',
			'okt.',
			'nov.',
			'dec.'
		]
	},
	en: {
		days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
		shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
		months: [
			'January',
			'February',
			'March',
			'April',
			'May',
			'June',
			'July',
			'August',
			'September',
			'October',
			'November',
			'December'
		],
		shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
	}
} as const;

/** A wall-clock moment in Copenhagen: month 0-11, weekday 0 (Sunday) to 6. */
export interface HouseParts {
	year: number;
	month: number;
	day: number;
	weekday: number;
	hour: number;
	minute: number;
}

let partsFormat: Intl.DateTimeFormat | undefined;
/**
 * The parts of minutes already written, as a page writes the same times many times over (every card's
 * start and end, "this year?" for each): asking Intl for them costs about 8 µs a time on the server.
 * Bounded; emptied when full.
 */
const partsByMinute = new Map<number, HouseParts>();
const PARTS_KEPT = 4096;

/** Parses a PocketBase date string ("2026-01-02 15:04:05.000Z") or ISO string into a Date. */
export function parsePbDate(value: string): Date {
	return new Date(value.replace(' ', 'T'));
}

/** The Copenhagen calendar date and time of an instant (the IANA rules of the runtime, summer time included). */
export function houseParts(value: string | Date | number): HouseParts {
	const date = typeof value === 'string' ? parsePbDate(value) : new Date(value);
	// the parts name a minute: every instant of one UTC minute has the same ones (whole-minute offsets)
	const minute = Math.floor(date.getTime() / 60_000);
	const known = partsByMinute.get(minute);
	if (known) return known;
	partsFormat ??= new Intl.DateTimeFormat('en-US', {
		timeZone: HOUSE_TIME_ZONE,
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		hourCycle: 'h23'
	});
	const parts: Record<string, number> = {};
	for (const part of partsFormat.formatToParts(date))
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	const year = parts.year ?? 0;
	const month = (parts.month ?? 1) - 1;
	const day = parts.day ?? 1;
	const result: HouseParts = Object.freeze({
		year,
		month,
		day,
		weekday: new Date(Date.UTC(year, month, day)).getUTCDay(),
		hour: (parts.hour ?? 0) % 24,
		minute: parts.minute ?? 0
	});
	if (partsByMinute.size >= PARTS_KEPT) partsByMinute.clear();
	partsByMinute.set(minute, result);
	return result;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "19:00" */
function clock(parts: HouseParts): string {
	return `${two(parts.hour)}:${two(parts.minute)}`;
}

/** "tirsdag 1. december" / "Tuesday 1 December", with the year when it is not `thisYear`. */
function longDate(parts: HouseParts, language: Language, thisYear: number): string {
	const names = NAMES[language];
	const year = parts.year !== thisYear ? ` ${parts.year}` : '';
	return language === 'da'
		? `${names.days[parts.weekday]} ${parts.day}. ${names.months[parts.month]}${year}`
		: `${names.days[parts.weekday]} ${parts.day} ${names.months[parts.month]}${year}`;
}

/**
 * The one way the app writes a date with its time, in Copenhagen time: "tirsdag 1. december kl. 19:00",
 * with the year when it is not this year ("tirsdag 1. december 2027 kl. 19:00").
 */
export function formatDateTime(value: string | Date, language: Language, now: Date = new Date()): string {
	const parts = houseParts(value);
	const date = longDate(parts, language, houseParts(now).year);
	return language === 'da' ? `${date} kl. ${clock(parts)}` : `${date}, ${clock(parts)}`;
}

/** A date without its time and year: "tirsdag 1. december" (a column of a week that says its year elsewhere). */
export function formatDateNoYear(value: string | Date | number, language: Language): string {
	const parts = houseParts(value);
	return longDate(parts, language, parts.year);
}

/** A date without its time: "tirsdag 1. december", with the year when it is not this year. */
export function formatDate(value: string | Date, language: Language, now: Date = new Date()): string {
	return longDate(houseParts(value), language, houseParts(now).year);
}

/** A local calendar date "YYYY-MM-DD" (no instant): "mandag 8. juni", with the year when not this year. */
export function formatDay(day: string, language: Language, now: Date = new Date()): string {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	const parts = {
		year: y,
		month: mo - 1,
		day: d,
		weekday: new Date(Date.UTC(y, mo - 1, d)).getUTCDay(),
		hour: 12,
		minute: 0
	};
	return longDate(parts, language, houseParts(now).year);
}

/** A local calendar date "YYYY-MM-DD" in short, for lists of many dates: "30. jan.", with the year when not this year. */
export function formatShortDate(day: string, language: Language, now: Date = new Date()): string {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	const year = y !== houseParts(now).year ? ` ${y}` : '';
	const month = NAMES[language].shortMonths[mo - 1];
	return language === 'da' ? `${d}. ${month}${year}` : `${d} ${month}${year}`;
}

/** Formats only the time of day in Copenhagen time, "19:00". */
export function formatTime(value: string | Date): string {
	return clock(houseParts(value));
}

/**
 * The dash between the two ends of a range: an en dash without spaces ("10:00–12:00"), as Danish typography
 * writes a range. The hooks write the same (`range` in pb_hooks/lib/core/time.js).
 */
export const RANGE_DASH = '–';

/**
 * The one way the app writes a range of two ends already written: "10:00–12:00", "08–09",
 * "3. dec. 18:00–4. dec. 10:00". Not for machine formats (ISO dates, iCalendar, CSV).
 */
export function formatRange(from: string, to: string): string {
	return from + RANGE_DASH + to;
}

/** The times of day of a start and an end, in Copenhagen time: "10:00–12:00". */
export function formatTimeRange(start: string | Date, end: string | Date): string {
	return formatRange(formatTime(start), formatTime(end));
}

/**
 * A range's end as written after its start (`formatDateTimeRange`): its time alone when it ends on the
 * start's day or at the midnight right after it ("00:00"), else with its date.
 */
export function formatRangeEnd(
	start: string | Date,
	end: string | Date,
	language: Language,
	now: Date = new Date()
): string {
	const from = houseParts(start);
	const last = houseParts((typeof end === 'string' ? parsePbDate(end) : end).getTime() - 1);
	const sameDay = from.year === last.year && from.month === last.month && from.day === last.day;
	return sameDay ? formatTime(end) : formatDateTime(end, language, now);
}

/**
 * A start with its date and an end: "tirsdag 1. december kl. 10:00–12:00". An end on a later day is
 * written with its date ("… kl. 22:00–onsdag 2. december kl. 02:00"); an end at midnight right after the
 * start's day is that day's end ("… kl. 22:00–00:00").
 */
export function formatDateTimeRange(
	start: string | Date,
	end: string | Date,
	language: Language,
	now: Date = new Date()
): string {
	return formatRange(formatDateTime(start, language, now), formatRangeEnd(start, end, language, now));
}

/** A short day for a column header: "tir. 1/12" / "Tue 1/12". */
export function formatShortDay(value: string | Date | number, language: Language): string {
	const parts = houseParts(value);
	return `${NAMES[language].shortDays[parts.weekday]} ${parts.day}/${parts.month + 1}`;
}

/**
 * A short date with its time: "3. dec. 18:00" / "3 Dec 18:00", with the year when it is not this year
 * ("3. dec. 2027 18:00").
 */
export function formatShortDateTime(
	value: string | Date,
	language: Language,
	now: Date = new Date()
): string {
	const parts = houseParts(value);
	const year = parts.year !== houseParts(now).year ? ` ${parts.year}` : '';
	const month = NAMES[language].shortMonths[parts.month];
	return language === 'da'
		? `${parts.day}. ${month}${year} ${clock(parts)}`
		: `${parts.day} ${month}${year} ${clock(parts)}`;
}

/** Formats a date as PocketBase stores and compares it: "2006-01-02 15:04:05.000Z" in UTC. */
export function toPbDate(date: Date): string {
	return date.toISOString().replace('T', ' ');
}
