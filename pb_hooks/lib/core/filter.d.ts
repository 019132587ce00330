export function bindFilter(filter: string, params?: Record<string, unknown>): string;
