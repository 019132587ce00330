import type { Machine, Transition } from '../core/machine.js';
export const booking: Machine;
export const series: Machine;
export const SERVER_OWNED: string[];
export const MOVE_FIELDS: string[];
export const EDIT_FIELDS: string[];
export const TRANSITION_FIELDS: string[];
export function isOpen(status: string): boolean;
export function closedCode(status: string): 'rooms_booking_no_show' | 'rooms_booking_closed';
export function isState(status: unknown): boolean;
export function may(from: string, name: string, roles: string[], to: string): Transition | null;
export function historyProblem(
	stored: { start: string | number; end: string | number },
	changed: string[],
	now: number
): { code: 'rooms_booking_over' | 'rooms_booking_started'; field: string } | null;
export function cancelProblem(
	stored: { end: string | number },
	status: string,
	now: number
): 'rooms_cancel_booking_over' | null;
