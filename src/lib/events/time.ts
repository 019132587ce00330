import { localParts, resolve } from '$rules/core/time.js';
import { parsePbDate } from '$lib/dates';

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/**
 * A house-time wall clock from a datetime-local input ("2026-03-29T02:30") as core/time.js resolves it:
 * its instant, or the code of a time that does not exist or occurs twice on a daylight-saving day
 * (docs/rules.md, "House time"). null for malformed input.
 */
export function resolveHouseLocal(value: string): ReturnType<typeof resolve> | null {
	const match = LOCAL.exec(value);
	return match ? resolve(match[1] as string, match[2] as string) : null;
}

/**
 * Converts a house-time wall clock from a datetime-local input to a UTC Date. Returns null for malformed
 * input and for a time that does not exist, or occurs twice, on a daylight-saving day.
 */
export function houseLocalToUtc(value: string): Date | null {
	const resolved = resolveHouseLocal(value);
	return resolved && 'instant' in resolved ? new Date(resolved.instant) : null;
}

/** The house-time value for a datetime-local input from a PocketBase date string. */
export function utcToHouseLocal(value: string): string {
	if (!value) return '';
	const parts = localParts(parsePbDate(value).getTime());
	return `${parts.date}T${parts.time}`;
}
