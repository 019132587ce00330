export type ContentText = { text: string; lang?: 'da' };
export function contentText(da: string, en: string | null | undefined, language: string): ContentText;
export function contentParam(
	record: { getString(field: string): string },
	field: string
): { da: string; en: string };
