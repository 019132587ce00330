import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { HOUSE_TIME_ZONE, parsePbDate } from '$lib/dates';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Converts a house-time wall clock from a datetime-local input ("2026-03-29T02:30") to a UTC Date.
 * Returns null for malformed input and for a time that does not exist on a daylight-saving day.
 */
export function houseLocalToUtc(value: string): Date | null {
	const match = LOCAL.exec(value);
	if (!match) return null;
	const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
	const date = new TZDate(y, mo - 1, d, h, mi, HOUSE_TIME_ZONE);
	if (isNaN(date.getTime())) return null;
	// A skipped hour (spring forward) comes back as another wall-clock time: refuse it.
	if (format(date, "yyyy-MM-dd'T'HH:mm") !== value) return null;
	return new Date(date.getTime());
}

/** The house-time value for a datetime-local input from a PocketBase date string. */
export function utcToHouseLocal(value: string): string {
	if (!value) return '';
	return format(new TZDate(parsePbDate(value), HOUSE_TIME_ZONE), "yyyy-MM-dd'T'HH:mm");
}
