import type { Machine, Role, Transition } from './core/machine.js';

export const HOLD: Machine;
export const HOLD_PLAIN: readonly string[];
export const COPY: Machine;
export const COPY_PLAIN: readonly string[];
export const LOAN: Machine;
export function loanState(returnedAt: string): 'open' | 'returned';
export function find(machine: Machine, from: string, to: string): Transition | null;
export function allowed(t: Transition | null, roles: Role[]): boolean;
export function transition(
	machine: Machine,
	from: string,
	to: string,
	roles: Role[],
	code: string,
	field?: string
): Transition;
