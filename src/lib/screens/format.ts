import { format, localParts } from '$rules/core/time.js';
import type { ScreenLanguage } from './types';

/** "19:00" in house time. */
export function clock(ms: number): string {
	return localParts(ms).time;
}

/** "19:00" today, else the day and time ("tirsdag 24. november kl. 19:00"). */
export function when(ms: number, now: number, language: ScreenLanguage): string {
	return localParts(ms).date === localParts(now).date ? clock(ms) : format(ms, language);
}
