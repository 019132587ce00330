// The preview of a season booking as the room page shows it. Apart from series.ts, which builds it on the
// server with rrule: the page's script needs only these, not the recurrence library.

export type PreviewState = 'free' | 'booking' | 'event' | 'closed' | 'unavailable';

export interface PreviewDate {
	date: string;
	state: PreviewState;
	/** For "unavailable": the rule code (errors_<code>). */
	code?: string;
	start?: number;
	end?: number;
}

/**
 * A preview split for showing: the dates beyond the booking horizon once, together, and the rest one by
 * one (each with its own state), so a long season does not repeat the same refusal a dozen times.
 */
export function splitBeyondHorizon(preview: PreviewDate[]): { beyond: string[]; rest: PreviewDate[] } {
	const beyond: string[] = [];
	const rest: PreviewDate[] = [];
	for (const p of preview) {
		if (p.state === 'unavailable' && p.code === 'rooms_beyond_horizon') beyond.push(p.date);
		else rest.push(p);
	}
	return { beyond, rest };
}
