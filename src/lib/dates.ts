import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';

/** The house's time zone: every wall-clock time in Borgerhus is Copenhagen time. */
export const HOUSE_TIME_ZONE = 'Europe/Copenhagen';

const LOCALES = { da, en: enGB } as const;

type Language = 'da' | 'en';

/** Parses a PocketBase date string ("2026-01-02 15:04:05.000Z") or ISO string into a Date. */
export function parsePbDate(value: string): Date {
	return new Date(value.replace(' ', 'T'));
}

function house(value: string | Date): TZDate {
	return new TZDate(typeof value === 'string' ? parsePbDate(value) : value, HOUSE_TIME_ZONE);
}

/** Whether the date falls in another calendar year (in Copenhagen) than `now`: then it carries its year. */
function otherYear(date: TZDate, now: Date): boolean {
	return date.getFullYear() !== house(now).getFullYear();
}

/**
 * The one way the app writes a date with its time, in Copenhagen time: "tirsdag 1. december kl. 19:00",
 * with the year when it is not this year ("tirsdag 1. december 2027 kl. 19:00").
 */
export function formatDateTime(value: string | Date, language: Language, now: Date = new Date()): string {
	const date = house(value);
	const year = otherYear(date, now) ? ' yyyy' : '';
	return format(date, language === 'da' ? `EEEE d. MMMM${year} 'kl.' HH:mm` : `EEEE d MMMM${year}, HH:mm`, {
		locale: LOCALES[language]
	});
}

/** A date without its time: "tirsdag 1. december", with the year when it is not this year. */
export function formatDate(value: string | Date, language: Language, now: Date = new Date()): string {
	const date = house(value);
	const year = otherYear(date, now) ? ' yyyy' : '';
	return format(date, language === 'da' ? `EEEE d. MMMM${year}` : `EEEE d MMMM${year}`, {
		locale: LOCALES[language]
	});
}

/** A local calendar date "YYYY-MM-DD" (no instant): "mandag 8. juni", with the year when not this year. */
export function formatDay(day: string, language: Language, now: Date = new Date()): string {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	const value = new Date(y, mo - 1, d, 12);
	const year = y !== house(now).getFullYear() ? ' yyyy' : '';
	return format(value, language === 'da' ? `EEEE d. MMMM${year}` : `EEEE d MMMM${year}`, {
		locale: LOCALES[language]
	});
}

/** A local calendar date in short, for lists of many dates: "30. jan.", with the year when not this year. */
export function formatShortDay(day: string, language: Language, now: Date = new Date()): string {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	const value = new Date(y, mo - 1, d, 12);
	const year = y !== house(now).getFullYear() ? ' yyyy' : '';
	return format(value, language === 'da' ? `d. MMM${year}` : `d MMM${year}`, { locale: LOCALES[language] });
}

/** Formats only the time of day in Copenhagen time, "19:00". */
export function formatTime(value: string | Date): string {
	return format(house(value), 'HH:mm');
}

/** Formats a date as PocketBase stores and compares it: "2006-01-02 15:04:05.000Z" in UTC. */
export function toPbDate(date: Date): string {
	return date.toISOString().replace('T', ' ');
}
