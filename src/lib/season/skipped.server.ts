import { getLocale } from '$lib/paraglide/runtime';
import { formatDay } from '$lib/dates';
import { codeMessage } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';

// Worded on the server, apart from the reasons (./reasons): the refusals' texts come with every code's
// wording, which no season page loads in the browser (docs/performance.md, "Every other page").

/** A date booking the final plan skipped, worded. */
export interface SkippedDate {
	date: string;
	day: string;
	why: string;
}

/**
 * The dates booking the final plan skipped on a line, as people read them, each with why (the refusal's
 * text in the reader's language: a closed day, the room taken, outside its opening hours ...).
 */
export function skippedDates(
	line: { skipped?: { date: string; code: string }[] | null },
	now: Date = new Date()
): SkippedDate[] {
	const language = getLocale() === 'en' ? 'en' : 'da';
	return (line.skipped ?? []).map((s) => ({
		date: s.date,
		day: formatDay(s.date, language, now),
		why: codeMessage(s.code)
	}));
}

/** A line's skipped dates as its page lists them (SkippedDates.svelte): the words over them, then each. */
export interface SkippedWords {
	heading: string;
	dates: SkippedDate[];
}

/** The dates booking skipped on a line with the words over them, or null when it skipped none. */
export function skippedWords(
	line: { skipped?: { date: string; code: string }[] | null },
	now: Date = new Date()
): SkippedWords | null {
	const dates = skippedDates(line, now);
	return dates.length ? { heading: m.season_skipped_dates({ count: dates.length }), dates } : null;
}
