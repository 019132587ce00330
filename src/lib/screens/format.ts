import { format, localParts, range } from '$rules/core/time.js';
import type { ScreenLanguage } from './types';

/** "19:00" in house time. */
export function clock(ms: number): string {
	return localParts(ms).time;
}

/** Whether two instants fall on the same house day. */
export function sameDay(a: number, b: number): boolean {
	return localParts(a).date === localParts(b).date;
}

/** "19:00" today, else the day and time ("tirsdag 24. november kl. 19:00"). */
export function when(ms: number, now: number, language: ScreenLanguage): string {
	return sameDay(ms, now) ? clock(ms) : format(ms, language);
}

/**
 * A claim's time as a screen shows it: "10:00–12:00" within a day; a start on another day than today and
 * an end on another day than the start are written with their day ("01:00–fredag 4. december kl. 03:00").
 * An end at midnight right after its start's day is that day's end ("22:00–00:00").
 */
export function span(start: number, end: number, now: number, language: ScreenLanguage): string {
	const { from, to } = spanEnds(start, end, now, language);
	return range(from, to);
}

/** The two ends of `span`, for a screen that keeps the dash between them off a line's end (`ClaimSpan`). */
export function spanEnds(
	start: number,
	end: number,
	now: number,
	language: ScreenLanguage
): { from: string; to: string } {
	const sameDay = localParts(end - 1).date === localParts(start).date;
	return { from: when(start, now, language), to: sameDay ? clock(end) : format(end, language) };
}
