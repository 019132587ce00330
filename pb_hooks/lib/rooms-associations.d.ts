import type { Machine } from './core/machine.js';
export function validCvr(value: string): boolean;
export function normalizeCvr(value: string): string;
export const ROLES: readonly ['admin', 'booker', 'member'];
export const INVITES_PER_HOUR: number;
export function associationMachine(): Machine;
export function membershipMachine(): Machine;
export function associationState(verified: boolean): 'verified' | 'unverified';
export function mayBookFor(app: unknown, userId: string, associationId: string): boolean;
