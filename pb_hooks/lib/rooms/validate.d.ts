export interface Problem {
	code: string;
	field: string;
}
export const MAX_SERIES_DATES: number;
export const MAX_SERIES_DAYS: number;
export function blank(value: unknown): boolean;
export function purposeProblem(value: string): 'core_required' | 'core_text_blank' | null;
export function dateMs(value: unknown): number;
export function checkDate(value: unknown, field: string, required?: boolean): Problem | null;
export function checkOpeningHours(hours: unknown): Problem | null;
export function checkRoom(room: {
	name: string;
	slug: string;
	capacity: number;
	opening_hours: unknown;
	min_minutes: number;
	max_minutes: number;
	step_minutes: number;
}): Problem | null;
export function checkClosure(closure: { start: unknown; end: unknown; reason?: string }): Problem | null;
export function parseSeriesRule(
	text: string
): { interval: number; dtstart: string | null; until: string | null; count: number | null } | null;
export function seriesDates(firstDate: string, lastDate: string, interval: number): string[];
export function checkSeries(series: {
	first_date: unknown;
	last_date: unknown;
	start_time: unknown;
	end_time: unknown;
	rrule?: unknown;
	attendees?: unknown;
	purpose?: unknown;
}): Problem | null;
export function checkFacilities(facilities: unknown): Problem | null;
