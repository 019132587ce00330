import { localParts, resolve } from '$rules/core/time.js';
import { keptField } from '$lib/forms';
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

/** The house-time value for a datetime-local input from a PocketBase date string ('' for none or no date). */
export function utcToHouseLocal(value: string | undefined): string {
	if (!value) return '';
	const ms = parsePbDate(value).getTime();
	if (Number.isNaN(ms)) return '';
	const parts = localParts(ms);
	return `${parts.date}T${parts.time}`;
}

/**
 * The stored instant a form's house-time field was filled from, when the wall clock sent is still that
 * instant's own house-time text: the staff member left the time as it was. null otherwise (a time typed
 * anew, an instant that is no date), and the wall clock is read as typed. So a time in the hour that occurs
 * twice on the autumn day ("2027-10-31T02:30") keeps which of its two it was, while one typed anew is still
 * refused as ambiguous (docs/rules.md, "House time"). A kept instant with another wall clock is ignored.
 */
export function keptInstant(shown: unknown, kept: unknown): Date | null {
	if (typeof shown !== 'string' || typeof kept !== 'string' || !kept.trim()) return null;
	const instant = parsePbDate(kept.trim());
	if (Number.isNaN(instant.getTime())) return null;
	return utcToHouseLocal(kept.trim()) === shown.trim() ? instant : null;
}

/**
 * Form values with each of `fields` that was left as shown replaced by its kept instant (`keptInstant`),
 * for a schema whose house-time fields take a Date as it is. Values that are not a form's pass unchanged.
 */
export function withKeptInstants(values: unknown, fields: readonly string[]): unknown {
	if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
	const read = values as Record<string, unknown>;
	const next: Record<string, unknown> = { ...read };
	for (const field of fields) {
		const instant = keptInstant(read[field], read[keptField(field)]);
		if (instant) next[field] = instant;
	}
	return next;
}

export { keptField };
