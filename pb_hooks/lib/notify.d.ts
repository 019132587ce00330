export function fill(
	template: string,
	params: Record<string, unknown> | undefined,
	language: 'da' | 'en'
): string;
export function clip(text: string, max: number): string;
export function subjectOf(title: string): string;
export function paramText(value: unknown, language: 'da' | 'en'): string;
export function formatDay(date: string, language: 'da' | 'en'): string;
