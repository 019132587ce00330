// House time (Europe/Copenhagen): see time.js and docs/rules.md, "House time".
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export type ResolveCode = 'core_invalid_date' | 'core_time_nonexistent' | 'core_time_ambiguous';

export const ZONE: 'Europe/Copenhagen';
/** Sunday first, as Date#getUTCDay numbers them. */
export const WEEKDAYS: Weekday[];
/** The house's offset from UTC at an instant, in minutes. */
export function offsetMinutes(ms: number): number;
/** The house's wall clock at an instant. */
export function localParts(ms: number): {
	date: string;
	weekday: Weekday;
	time: string;
	minutes: number;
	offset: number;
};
/** Every instant at which the clock shows `time` on `date` (0, 1 or 2), or null for bad input. */
export function instantsOf(date: string, time: string): number[] | null;
/** The one instant of a local date and time, or the refusal code that says why there is not one. */
export function resolve(
	date: string,
	time: string
): { instant: number } | { code: ResolveCode; instants: number[] };
/** The end of a stretch starting on `date`: "00:00" is the midnight that ends the day. */
export function resolveEnd(
	date: string,
	time: string
): { instant: number } | { code: ResolveCode; instants: number[] };
/** An end time "HH:MM" in minutes of its day; "00:00" is the midnight that ends the day (1440). */
export function endMinutes(time: string): number;
/** For opening hours: a skipped time moves forward, a repeated one takes its first occurrence. */
export function resolveLenient(date: string, time: string): number | null;
/** Adds calendar days to "YYYY-MM-DD". */
export function addDays(date: string, days: number): string;
/** The weekday of "YYYY-MM-DD", or null. */
export function weekdayOf(date: string): Weekday | null;
/** A weekday "mon".."sun" by its name in the language: "mandag" / "Monday". */
export function weekdayName(weekday: string, language: 'da' | 'en'): string;
/** "tirsdag 24. november kl. 19:00" / "Tuesday 24 November, 19:00". */
export function format(value: number | Date | string, language: 'da' | 'en'): string;
/** The dash between a range's two ends: an en dash, "–". */
export const RANGE_DASH: string;
/** Two ends of a range joined by the en dash: "10:00–12:00". */
export function range(from: string, to: string): string;
/** A stretch in a message: its start, then its end's time alone on the start's day or at the midnight after it. */
export function formatSpan(
	start: number | Date | string,
	end: number | Date | string,
	language: 'da' | 'en'
): string;
/** Why a date value sent to the API is refused, or null when it names its zone (or is empty). */
export function zoneProblem(value: unknown): null | 'core_time_no_zone' | 'core_invalid_date';
/** The first date field of a collection whose raw request value has no zone or is not a date. */
export function unzonedDateField(
	collection: { fields: ArrayLike<{ getName(): string; type(): string }> },
	body: Record<string, unknown> | null
): { field: string; code: 'core_time_no_zone' | 'core_invalid_date' } | null;
export const FIRST_YEAR: number;
export const LAST_YEAR: number;
export function yearProblem(ms: number): 'core_date_out_of_range' | null;
