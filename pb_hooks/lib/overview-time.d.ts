export function houseOffsetMinutes(date: Date): number;
export function formatHouseTime(value: Date | string, language: 'da' | 'en'): string;
export function toPbDate(date: Date): string;
export function parseDate(value: Date | string): Date;
