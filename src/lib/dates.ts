import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';

/** The house's time zone: every wall-clock time in Borgerhus is Copenhagen time. */
export const HOUSE_TIME_ZONE = 'Europe/Copenhagen';

const LOCALES = { da, en: enGB } as const;

/** Parses a PocketBase date string ("2026-01-02 15:04:05.000Z") or ISO string into a Date. */
export function parsePbDate(value: string): Date {
	return new Date(value.replace(' ', 'T'));
}

/** Formats a PocketBase/ISO date in Copenhagen time, e.g. "tirsdag 1. december 19:00". */
export function formatDateTime(value: string | Date, language: 'da' | 'en'): string {
	const date = new TZDate(typeof value === 'string' ? parsePbDate(value) : value, HOUSE_TIME_ZONE);
	return format(date, language === 'da' ? "EEEE d. MMMM 'kl.' HH:mm" : 'EEEE d MMMM, HH:mm', {
		locale: LOCALES[language]
	});
}

/** Formats only the time of day in Copenhagen time, "19:00". */
export function formatTime(value: string | Date): string {
	const date = new TZDate(typeof value === 'string' ? parsePbDate(value) : value, HOUSE_TIME_ZONE);
	return format(date, 'HH:mm');
}

/** Formats a date as PocketBase stores and compares it: "2006-01-02 15:04:05.000Z" in UTC. */
export function toPbDate(date: Date): string {
	return date.toISOString().replace('T', ' ');
}
