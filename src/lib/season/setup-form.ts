import { TZDate } from '@date-fns/tz';
import { HOUSE_TIME_ZONE } from '$lib/dates';
import { codeMessage } from '$lib/server/errors';
import { changedOnly, snapshotOf } from '$lib/forms';
import { keptField, keptInstant, resolveHouseLocal, utcToHouseLocal } from '$lib/events/time';
import type { SeasonView } from '$lib/season/load.server';
import { LOCAL_ROWS, TIE_BREAKER_ROWS } from '$lib/season/setup-rows';

// The staff form of a season's set-up (create and edit) and the body the season routes take. The slots are
// written one a line as "room-slug weekday HH:MM-HH:MM" (e.g. "salen man 17:00-19:00"); the hooks check
// everything (pb_hooks/lib/season/validate.js), this only reshapes.

export const SETUP_BOOLEANS = ['house_tier', 'swap_approval'];

const DAYS: Record<string, string> = {
	man: 'mon',
	mon: 'mon',
	tir: 'tue',
	tue: 'tue',
	ons: 'wed',
	wed: 'wed',
	tor: 'thu',
	thu: 'thu',
	fre: 'fri',
	fri: 'fri',
	lør: 'sat',
	sat: 'sat',
	søn: 'sun',
	sun: 'sun'
};
const DANISH_DAY: Record<string, string> = {
	mon: 'man',
	tue: 'tir',
	wed: 'ons',
	thu: 'tor',
	fri: 'fre',
	sat: 'lør',
	sun: 'søn'
};

/** "2026-08-01T10:00" in house time as an ISO instant; '' stays ''. */
export function houseInstant(value: string | boolean | undefined): string {
	if (typeof value !== 'string' || !value) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!m) return value;
	return new TZDate(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, HOUSE_TIME_ZONE).toISOString();
}

/** The round's moments in the set-up form, each a datetime-local value in house time. */
export const WINDOW_FIELDS = [
	'apply_from',
	'apply_until',
	'draft_at',
	'objection_until',
	'final_at'
] as const;

/**
 * The fields among `keys` whose house time the day does not have, or has twice (a change of clocks), each
 * with its message: such a time is refused, never moved to a guess (docs/rules.md, "House time").
 */
export function clockChangeProblems(values: Values, keys: readonly string[]): Record<string, string> {
	const problems: Record<string, string> = {};
	for (const key of keys) {
		// a stored moment left as shown keeps its instant, one of a repeated hour too (windowInstant)
		if (keptInstant(values[key], values[keptField(key)])) continue;
		const resolved = resolveHouseLocal(text(values, key));
		// what is no date and time at all the season's route refuses as such
		if (resolved && 'code' in resolved && resolved.code !== 'core_invalid_date') {
			problems[key] = codeMessage(resolved.code);
		}
	}
	return problems;
}

type Values = Record<string, string | boolean>;

/**
 * A moment of the round from a staff form as an ISO instant: the stored instant it was filled from when
 * left as shown (`keptInstant`, the same as the staff event form), else the house time typed. The set-up
 * form's moments, and the season page's objection deadline and second round's end.
 */
export function windowInstant(values: Values, key: string): string {
	return keptInstant(values[key], values[keptField(key)])?.toISOString() ?? houseInstant(values[key]);
}
const text = (values: Values, key: string) =>
	typeof values[key] === 'string' ? (values[key] as string) : '';

/** The body of POST /api/borgerhus/seasons (or its PATCH) from the form. */
export function bodyFromForm(
	values: Values,
	rooms: { id: string; slug: string }[],
	houseAssociations: string[]
) {
	const bySlug = new Map(rooms.map((r) => [r.slug, r.id]));
	const slots = text(values, 'slots')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const [slug = '', day = '', span = ''] = line.split(/\s+/);
			const [start = '', end = ''] = span.split('-');
			return { room: bySlug.get(slug) ?? slug, weekday: DAYS[day.toLowerCase()] ?? day, start, end };
		});
	const local = Array.from({ length: LOCAL_ROWS }, (_, i) => ({
		key: text(values, `local_${i}_key`) || `local_${i + 1}`,
		da: text(values, `local_${i}_da`),
		en: text(values, `local_${i}_en`)
	})).filter((c) => c.da.trim() || c.en.trim());
	const breakers = Array.from({ length: TIE_BREAKER_ROWS }, (_, i) => text(values, `tb_${i}`)).filter(
		Boolean
	);
	return {
		name: text(values, 'name'),
		first_date: text(values, 'first_date'),
		last_date: text(values, 'last_date'),
		slots,
		blackout_dates: text(values, 'blackout_dates')
			.split(/[\s,]+/)
			.filter(Boolean),
		apply_from: windowInstant(values, 'apply_from'),
		apply_until: windowInstant(values, 'apply_until'),
		draft_at: windowInstant(values, 'draft_at'),
		objection_until: windowInstant(values, 'objection_until'),
		final_at: windowInstant(values, 'final_at'),
		tiers: values.house_tier
			? ['house', 'children', 'education', 'adults']
			: ['children', 'education', 'adults'],
		house_associations: houseAssociations,
		local_criteria: local,
		tie_breakers: breakers,
		leftovers: text(values, 'leftovers') || 'fcfs',
		swap_approval: values.swap_approval === true,
		previous: text(values, 'previous')
	};
}

export interface SeasonSetup extends SeasonView {
	draft_at: string;
	final_at: string;
	house_associations: string[];
}

/** The form's values of a stored season. */
export function formFromSeason(season: SeasonSetup, rooms: { id: string; slug: string }[]): Values {
	const slugOf = new Map(rooms.map((r) => [r.id, r.slug]));
	const values: Values = {
		name: season.name,
		first_date: season.first_date,
		last_date: season.last_date,
		slots: season.slots
			.map((s) => `${slugOf.get(s.room) ?? s.room} ${DANISH_DAY[s.weekday] ?? s.weekday} ${s.start}-${s.end}`)
			.join('\n'),
		blackout_dates: (season.blackout_dates ?? []).join(', '),
		apply_from: utcToHouseLocal(season.apply_from),
		apply_until: utcToHouseLocal(season.apply_until),
		draft_at: utcToHouseLocal(season.draft_at),
		objection_until: utcToHouseLocal(season.objection_until),
		final_at: utcToHouseLocal(season.final_at),
		// the instants shown, so that a moment left as it is keeps its instant (a repeated hour's too)
		...Object.fromEntries(WINDOW_FIELDS.map((key) => [keptField(key), season[key] ?? ''])),
		house_tier: (season.tiers ?? []).includes('house'),
		leftovers: season.leftovers || 'fcfs',
		swap_approval: !!season.swap_approval,
		previous: season.previous ?? ''
	};
	(season.local_criteria ?? []).forEach((c, i) => {
		values[`local_${i}_key`] = c.key;
		values[`local_${i}_da`] = c.da;
		values[`local_${i}_en`] = c.en;
	});
	(season.tie_breakers ?? []).forEach((t, i) => {
		values[`tb_${i}`] = t;
	});
	for (const id of season.house_associations ?? []) values[`house_${id}`] = true;
	return values;
}

/** The ids of the house associations ticked in the form ("house_<id>"). */
export function houseFromForm(form: FormData): string[] {
	return [...form.keys()].filter((k) => /^house_[a-z0-9]{15}$/.test(k)).map((k) => k.slice(6));
}

/**
 * What the edit form shows of a stored season, as its `_loaded` snapshot: the body the form sends when left
 * as it is (its times as their kept instants, its lists as the values they hold, the house associations
 * among those the form offers). A field of the form compares equal to it until it is changed.
 */
export function setupSnapshot(
	season: SeasonSetup,
	rooms: { id: string; slug: string }[],
	offered: { id: string }[]
): string {
	const shown = new Set(offered.map((a) => a.id));
	const house = (season.house_associations ?? []).filter((id) => shown.has(id)).sort();
	const body = bodyFromForm(formFromSeason(season, rooms), rooms, house);
	return snapshotOf(body, Object.keys(body));
}

/**
 * The PATCH of the edit form: only the fields that differ from what it showed (its `_loaded` snapshot,
 * `setupSnapshot`), so that another staff member's save meanwhile stands (docs/rules.md, "Transactions").
 */
export function setupChanges(
	values: Values,
	rooms: { id: string; slug: string }[],
	houseAssociations: string[],
	loaded: unknown
) {
	// the house associations as a set, in the snapshot's order
	return changedOnly(bodyFromForm(values, rooms, [...houseAssociations].sort()), loaded);
}
