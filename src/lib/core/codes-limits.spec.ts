import { describe, expect, it } from 'vitest';
import codes from '$rules/core/codes.js';
import { UNVERIFIED_PER_FOUNDER } from '$rules/rooms-associations.js';
import {
	EVENT_MESSAGE_MAX,
	SHIFT_AFTER_EVENT_HOURS,
	SHIFT_BEFORE_EVENT_HOURS,
	TICKET_CHECKIN_OPENS_MINUTES
} from '$rules/events-rules.js';
import { BULK_MAX_TITLES } from '$rules/library-queue.js';
import { GRACE_MAX, GRACE_MIN, OPENS_MAX } from '$rules/rooms/checkin.js';
import { MAX_BOOKINGS, MAX_DAYS as PERIOD_MAX_DAYS } from '$rules/rooms/period.js';
import { MAX_SERIES_DAYS } from '$rules/rooms/validate.js';
import { MAX_PARTICIPANTS, MAX_SEASON_DAYS } from '$rules/season/validate.js';
import { MAX_DAYS as STATS_MAX_DAYS } from '$rules/stats.js';

// A refusal that names a limit says the number the rule enforces: each number written in a text below is
// the constant the hooks check against, in the unit the text uses, so changing a limit without its
// words fails here instead of telling people a wrong number.
const LIMITS: [code: string, numbers: number[]][] = [
	['associations_found_limit', [UNVERIFIED_PER_FOUNDER]],
	['events_shift_outside_event', [SHIFT_BEFORE_EVENT_HOURS / 24, SHIFT_AFTER_EVENT_HOURS / 24]],
	['events_end_leaves_shifts', [SHIFT_AFTER_EVENT_HOURS / 24]],
	['events_checkin_not_open', [TICKET_CHECKIN_OPENS_MINUTES / 60]],
	['events_message_invalid', [EVENT_MESSAGE_MAX]],
	['library_bulk_size', [BULK_MAX_TITLES]],
	['rooms_checkin_grace_invalid', [GRACE_MIN, GRACE_MAX]],
	['rooms_checkin_opens_invalid', [OPENS_MAX]],
	['rooms_period_too_many', [MAX_BOOKINGS]],
	['rooms_period_too_long', [PERIOD_MAX_DAYS]],
	['rooms_series_too_long', [MAX_SERIES_DAYS]],
	['season_participants_range', [MAX_PARTICIPANTS]],
	['season_period_too_long', [MAX_SEASON_DAYS]],
	['stats_period_too_long', [STATS_MAX_DAYS]]
];

/** The whole numbers a text names, in order. */
const numbersIn = (text: string) => [...text.matchAll(/\d+/g)].map((n) => Number(n[0]));

describe('limits named in refusals', () => {
	it.each(LIMITS)('%s names the limit its rule checks', (code, numbers) => {
		const entry = codes[code];
		if (!entry) throw new Error(`no code ${code}`);
		for (const n of numbers) expect(Number.isInteger(n)).toBe(true);
		for (const text of [entry.da, entry.en, entry.desk?.da, entry.desk?.en].filter((t) => t !== undefined)) {
			for (const n of numbers) expect(numbersIn(text)).toContain(n);
		}
	});
});
