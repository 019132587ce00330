// Check-in and no-shows as pure rules: see checkin.js and docs/rules.md, "Check-in and no-shows".
export interface CheckinPolicy {
	checkin_required: boolean;
	checkin_opens_minutes: number;
	checkin_grace_minutes: number;
}
export type CheckinPhase = 'off' | 'closed' | 'early' | 'open' | 'late' | 'checked_in' | 'checked_out';
export const OPENS_MAX: number;
export const GRACE_MIN: number;
export const GRACE_MAX: number;
export const DEFAULT_OPENS: number;
export const DEFAULT_GRACE: number;
export const DEFAULT_THRESHOLD: number;
export function checkPolicy(policy: CheckinPolicy): { code: string; field: string } | null;
export function windowOf(
	room: Pick<CheckinPolicy, 'checkin_opens_minutes' | 'checkin_grace_minutes'>,
	startMs: number,
	approvedAt?: number,
	keptGrace?: number
): { opens: number; closes: number };
export function phase(
	room: CheckinPolicy,
	booking: {
		status: string;
		start: number;
		end: number;
		checked_in_at?: string;
		checked_out_at?: string;
		approved_at?: number;
		checkin_grace_minutes?: number;
	},
	now: number
): CheckinPhase;
export function isDue(
	room: CheckinPolicy & { checkin_since: number },
	booking: {
		status: string;
		start: number;
		end?: number;
		checked_in_at?: string;
		approved_at?: number;
		checkin_grace_minutes?: number;
	},
	now: number
): boolean;
export function seasonOf(ms: number): { label: string; from: number; to: number };
export function thresholdOf(value: unknown): number;
