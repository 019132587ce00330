export type Role = 'owner' | 'association' | 'staff' | 'system';
export interface Transition {
	from: string;
	to: string;
	name: string;
	who: Role[];
}
export interface Machine {
	entity: string;
	states: string[];
	transitions: Transition[];
}
export function define(entity: string, states: string[], transitions: Transition[]): Machine;
export function find(machine: Machine, from: string, to: string): Transition | null;
export function named(machine: Machine, from: string, name: string): Transition | null;
export function allowed(t: Transition | null, roles: Role[]): boolean;
export function permitted(machine: Machine, from: string, to: string, roles: Role[]): Transition | null;
export function available(machine: Machine, from: string, roles: Role[]): string[];
export function isFinal(machine: Machine, state: string): boolean;
