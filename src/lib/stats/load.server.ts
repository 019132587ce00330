import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { TZDate } from '@date-fns/tz';
import { format, startOfYear, subDays } from 'date-fns';
import type { Stats } from '$rules/stats.js';
import { HOUSE_TIME_ZONE } from '$lib/dates';
import { toFormErrors } from '$lib/server/errors';

/** The default period: the last 30 house days, today included. */
const DEFAULT_DAYS = 30;

/** The period asked for in `?fra=YYYY-MM-DD&til=YYYY-MM-DD`, or the last 30 days. */
export function periodFrom(url: URL, now = new Date()): { from: string; to: string } {
	const today = new TZDate(now, HOUSE_TIME_ZONE);
	// a date typed into the address is PocketBase's to judge, so a wrong one is said, not replaced
	const day = (value: string | null, fallback: Date) => value || format(fallback, 'yyyy-MM-dd');
	return {
		from: day(url.searchParams.get('fra'), subDays(today, DEFAULT_DAYS - 1)),
		to: day(url.searchParams.get('til'), today)
	};
}

/** Ready-made periods ending today: the last 30 and 90 days, and this year so far. */
export function presetPeriods(now = new Date()): { key: '30' | '90' | 'year'; from: string; to: string }[] {
	const today = new TZDate(now, HOUSE_TIME_ZONE);
	const day = (date: Date) => format(date, 'yyyy-MM-dd');
	return [
		{ key: '30', from: day(subDays(today, 29)), to: day(today) },
		{ key: '90', from: day(subDays(today, 89)), to: day(today) },
		{ key: 'year', from: day(startOfYear(today)), to: day(today) }
	];
}

/**
 * Every figure for the period, counted by PocketBase for staff only (pb_hooks/stats.pb.js); a bad
 * period comes back as a translated message, nothing else.
 */
export async function fetchStats(
	pb: PocketBase,
	period: { from: string; to: string }
): Promise<{ stats: Stats; error?: undefined } | { stats?: undefined; error: string }> {
	try {
		return { stats: await pb.send<Stats>('/api/borgerhus/stats', { query: period }) };
	} catch (err) {
		const errors = toFormErrors(err);
		const message = errors.fields.from ?? errors.fields.to ?? errors.form;
		if (message && err instanceof ClientResponseError && err.status === 400) return { error: message };
		throw err;
	}
}
