import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTimeRange } from '$lib/dates';
import { contentText } from '$rules/content-language.js';
import type { OverlappingShift } from '$lib/events/queries';

/**
 * Why a waiting volunteer does not move up: they hold a confirmed shift at the same time (named with its
 * event and time), and keep their place until it goes. Written on the server, in the reader's language,
 * so the pages that show it load none of the formatting it needs.
 */
export function overlapSkipLabel(other: OverlappingShift | undefined): string | null {
	if (!other) return null;
	const language = getLocale();
	const event = contentText(other.title, other.title_en, language).text;
	const time = formatDateTimeRange(other.start, other.end, language);
	return m.events_place_skipped_overlap({ shift: `${other.task}, ${event}, ${time}` });
}
