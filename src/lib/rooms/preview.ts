// The preview of a season booking as the room page shows it. Apart from series.ts, which builds it on the
// server with rrule: the page's script needs only these, not the recurrence library.

export type PreviewState = 'free' | 'booking' | 'event' | 'closed' | 'unavailable';

/** One reason a date cannot be booked: a rule of the room ("unavailable", with its code), closed, taken. */
export interface PreviewReason {
	state: Exclude<PreviewState, 'free'>;
	/** For "unavailable": the rule code (errors_<code>). */
	code?: string;
}

export interface PreviewDate {
	date: string;
	/** "free", or the state of the first of its reasons. */
	state: PreviewState;
	/** For "unavailable": the rule code (errors_<code>) of the first reason. */
	code?: string;
	/** Every reason the date cannot be booked, in the order the rules are checked; none when free. */
	reasons: PreviewReason[];
	start?: number;
	end?: number;
}

/** A date of the preview as the page gets it: its rule reasons with their message in the page's language. */
export type SeasonPreviewDate = PreviewDate & { reasons: (PreviewReason & { message?: string })[] };

/**
 * A preview split for showing: the dates beyond the booking horizon once, together, and the rest one by
 * one (each with its own reasons), so a long season does not repeat the same refusal a dozen times. A date
 * with a reason besides the horizon is shown on its own, with all of them.
 */
export function splitBeyondHorizon<T extends PreviewDate>(preview: T[]): { beyond: string[]; rest: T[] } {
	const beyond: string[] = [];
	const rest: T[] = [];
	for (const p of preview) {
		if (p.reasons.length === 1 && p.reasons[0]?.code === 'rooms_beyond_horizon') beyond.push(p.date);
		else rest.push(p);
	}
	return { beyond, rest };
}
