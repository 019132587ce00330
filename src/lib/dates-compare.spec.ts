// The app's own date wording (src/lib/dates.ts, written with Intl for a small first load) against date-fns
// with its time-zone package and locales, which the server keeps using: the same text for every eleventh hour of
// three years, both sides of each summer-time change included.
import { describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import {
	HOUSE_TIME_ZONE,
	formatDate,
	formatDateNoYear,
	formatDateTime,
	formatShortDateTime,
	formatShortDay,
	formatTime
} from './dates';

const LOCALES = { da, en: enGB } as const;

describe('dates against date-fns', () => {
	const now = new Date('2026-06-15T10:00:00Z');
	it('writes every eleventh hour of 2025 to 2027 as date-fns does', () => {
		const start = Date.UTC(2025, 0, 1);
		const end = Date.UTC(2028, 0, 1);
		let checked = 0;
		for (let t = start; t < end; t += 11 * 3_600_000 + 7 * 60_000) {
			const date = new Date(t);
			const zoned = new TZDate(date, HOUSE_TIME_ZONE);
			const thisYear = zoned.getFullYear() === 2026;
			for (const language of ['da', 'en'] as const) {
				const locale = LOCALES[language];
				const y = thisYear ? '' : ' yyyy';
				expect(formatTime(date)).toBe(format(zoned, 'HH:mm'));
				expect(formatDateTime(date, language, now)).toBe(
					format(zoned, language === 'da' ? `EEEE d. MMMM${y} 'kl.' HH:mm` : `EEEE d MMMM${y}, HH:mm`, {
						locale
					})
				);
				expect(formatDate(date, language, now)).toBe(
					format(zoned, language === 'da' ? `EEEE d. MMMM${y}` : `EEEE d MMMM${y}`, { locale })
				);
				expect(formatDateNoYear(t, language)).toBe(
					format(zoned, language === 'da' ? 'EEEE d. MMMM' : 'EEEE d MMMM', { locale })
				);
				expect(formatShortDay(t, language)).toBe(format(zoned, 'EEE d/M', { locale }));
				expect(formatShortDateTime(date, language, now)).toBe(
					format(zoned, language === 'da' ? `d. MMM${y} HH:mm` : `d MMM${y} HH:mm`, { locale })
				);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(4_000);
	}, 60_000);
});
