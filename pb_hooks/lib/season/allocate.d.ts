// The season allocation: see allocate.js and docs/rules.md, "Season application round".
export type Tier = 'house' | 'children' | 'education' | 'adults';
export type TieBreaker = 'history' | 'participants_per_hour' | 'applied_first';
export type Flexibility = 'none' | 'time' | 'room' | 'any';
export type SeasonWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface SeasonSlot {
	id: string;
	room: string;
	weekday: SeasonWeekday;
	start: string;
	end: string;
}
export interface Wish {
	slot: string;
	every: 1 | 2;
}
export interface Activity {
	key: string;
	name?: string;
	age_group: string;
	adult_kind?: string;
	participants: number;
	step_free?: boolean;
	wishes: Wish[];
	flexibility?: Flexibility;
}
export interface AllocationSeason {
	first_date: string;
	last_date: string;
	slots: SeasonSlot[];
	blackout_dates?: string[];
	tiers?: Tier[];
	house_associations?: string[];
	local_criteria?: { key: string }[];
	tie_breakers?: TieBreaker[];
	settlements?: { slot: string; winner: string }[];
	overrides?: { activity: string; slot: string; every?: 1 | 2; code: string; note?: string }[];
}
export interface AllocationApplication {
	id: string;
	association: string;
	submitted_at?: string;
	local_criteria?: string[];
	/** Slot ids the association held last season. */
	history?: string[];
	activities: Activity[];
}
export interface Contest {
	slot: string;
	wish: number;
	lost_to: string;
	lost_to_association: string;
	by: string;
}
export interface LineReason {
	tier: Tier;
	tier_rank: number;
	tier_why: 'house_own' | 'age_group' | 'adult_education' | 'adult_other';
	local: number;
	skipped: { slot: string; wish: number; why: 'not_offered' | 'capacity' | 'accessibility' | 'blackout' }[];
	contests: Contest[];
	flagged_with: string[];
	blackout: string[];
	override?: { code: string; clash?: boolean };
}
export interface AllocationLine {
	activity: string;
	application: string;
	association: string;
	activity_name: string;
	participants: number;
	tier: Tier;
	status: 'allocated' | 'flagged' | 'unallocated';
	via: 'wish' | 'flexibility' | 'override' | 'none';
	wish: number;
	slot: string;
	room: string;
	weekday: string;
	start_time: string;
	end_time: string;
	every: number;
	parity: number;
	reason: LineReason;
}
export function allocate(input: {
	season: AllocationSeason;
	rooms: Record<string, { capacity?: number; step_free?: boolean; active?: boolean }>;
	applications: AllocationApplication[];
	/** Halves ("slot#parity") already held, never given (a second round). */
	held?: string[];
}): { lines: AllocationLine[]; flagged: number };
export function datesOf(
	season: { first_date: string; last_date: string; blackout_dates?: string[] },
	weekday: string,
	every: number,
	parity: number
): { dates: string[]; blackout: string[] };
export function roomMisfit(
	room: { capacity?: number; step_free?: boolean },
	activity: { participants: number; step_free?: boolean }
): 'capacity' | 'accessibility' | null;
export function tierOf(
	season: AllocationSeason,
	application: { association: string },
	activity: { age_group: string; adult_kind?: string }
): { tier: Tier; index: number; why: string };
export function tierOrder(season: { tiers?: string[] }): Tier[];
export function unitsOf(line: { slot: string; every: number; parity: number }): string[];
export const LAW_TIERS: Tier[];
export const TIERS: Tier[];
export const TIE_BREAKERS: TieBreaker[];
export const FLEXIBILITY: Flexibility[];
export const AGE_GROUPS: string[];
export const ADULT_KINDS: string[];
export const OVERRIDE_CODES: string[];
export const WEEKDAYS: SeasonWeekday[];
