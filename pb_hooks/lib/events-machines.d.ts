import type { Machine } from './core/machine.js';
export const EVENT: Machine;
export const SIGNUP: Machine;
export const REGISTRATION: Machine;
export const INITIAL_PLACE: string[];
export const INITIAL_EVENT: string[];
export function machineOf(collection: 'events' | 'signups' | 'registrations'): Machine;
