export function lockedField(
	rule: string | null | undefined,
	body: Record<string, unknown>,
	auth: { id: string; staff: boolean; create: boolean; headers?: Record<string, string> }
): string;
export type Formula = { op: 'and' | 'or'; items: Formula[] } | { atom: string };
export function parse(rule: string): Formula | null;
