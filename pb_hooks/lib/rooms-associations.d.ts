export function validCvr(value: string): boolean;
export function normalizeCvr(value: string): string;
