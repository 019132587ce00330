export const NAME: string;
export const ADDRESS: string;
export const OPENING_HOURS: Record<string, [string, string][]>;
export function locationOf(room?: string): string;
export function closingTime(date: string): string | null;
export function deadlineAfter(fromMs: number, days: number, closures?: number[][]): number;
