// Types of validate.js for the app and its tests (the file itself is plain JavaScript for PocketBase).
export type Checked<T> = { problem: { code: string; field: string } } | T;
export function checkApplication(season: { slots?: { id: string }[] }, body: unknown): Checked<unknown>;
export function checkSeason(body: unknown, known?: Record<string, unknown>): Checked<unknown>;
export function checkSecondWindow(value: unknown, nowMs: number): Checked<unknown>;
export function checkObjectionDeadline(
	value: unknown,
	nowMs: number,
	wasMs: number,
	finalMs: number
): Checked<{ value: string }>;
export function slotId(room: string, weekday: string, start: string): string;
export function dayProblem(value: unknown): string;
export function minutes(hhmm: string): number;
export const MAX_ACTIVITIES: number;
export const MAX_WISHES: number;
export const MAX_PARTICIPANTS: number;
export const MAX_SEASON_DAYS: number;
