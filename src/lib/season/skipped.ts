import { getLocale } from '$lib/paraglide/runtime';
import { formatDay } from '$lib/dates';
import { codeMessage } from '$lib/errors';

// Apart from the reasons (./reasons): the refusals' texts come with every code's wording, which the
// pages that only name a season's state or a weekday do not load.

/**
 * The dates booking the final plan skipped on a line, as people read them, each with why (the refusal's
 * text in the reader's language: a closed day, the room taken, outside its opening hours ...).
 */
export function skippedDates(
	line: { skipped?: { date: string; code: string }[] | null },
	now: Date = new Date()
): { date: string; day: string; why: string }[] {
	const language = getLocale() === 'en' ? 'en' : 'da';
	return (line.skipped ?? []).map((s) => ({
		date: s.date,
		day: formatDay(s.date, language, now),
		why: codeMessage(s.code)
	}));
}
