type When = string | Date;
export const SHIFT_CANCEL_CUTOFF_HOURS: number;
export const WAITLIST_LEAVE_MINUTES: number;
export const TICKET_CHECKIN_OPENS_MINUTES: number;
export const SHIFT_BEFORE_EVENT_HOURS: number;
export const SHIFT_AFTER_EVENT_HOURS: number;
export const EVENT_MESSAGE_MAX: number;
export function shiftEventProblem(
	shift: { start: When; end: When },
	event: { start: When; end: When }
): { code: string; field: 'start' | 'end' } | null;
export function ticketCheckinProblem(
	event: { start: When; end: When },
	now: When | number
): 'early' | 'over' | null;
export function ticketCheckinOpens(start: When): number;
export function eventCancelProblem(
	event: { start: When; end: When },
	now: When | number,
	attended?: boolean | (() => boolean)
): 'started' | 'over' | null;
export function eventMoveProblem(
	stored: { start: When; end: When },
	next: { start: When; end: When },
	now: When | number,
	attended: boolean | (() => boolean),
	early?: boolean
): 'started' | 'over' | null;
export function eventRoomProblem(
	stored: { start: When; end: When },
	now: When | number,
	attended: boolean | (() => boolean)
): 'started' | 'over' | null;
export function toMs(value: When): number;
export function overlaps(a: { start: When; end: When }, b: { start: When; end: When }): boolean;
export function shiftCancelDeadline(shiftStart: When): number;
export function mayCancelShift(input: { shiftStart: When; now: When }): boolean;
export function leavesWaitlist(input: {
	seen: unknown;
	status: string;
	promotedAt: string;
	now: When | number;
}): boolean;
export function validRange(range: { start: When; end: When }): boolean;
export function rangeProblem(range: {
	start: When | null | undefined;
	end: When | null | undefined;
}): { code: string; field: 'start' | 'end' } | null;
