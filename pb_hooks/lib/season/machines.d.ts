// The state machines of the season round: see machines.js.
import type { Machine } from '../core/machine.js';

export const season: Machine;
export const application: Machine;
export const objection: Machine;
export const swap: Machine;
export const PUBLISHED: string[];
export const FINAL: string[];
export const LEFTOVERS_MOVE: Record<string, string>;
export function roundOf(status: string): 1 | 2;
