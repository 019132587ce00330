import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Danish and English message files are kept complete. Every domain has its own pair of files
// (listed in project.inlang/settings.json), and a key lives in exactly one domain.
const settings = JSON.parse(readFileSync(new URL('./project.inlang/settings.json', import.meta.url), 'utf8'));
const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;

/** A message is a text, or (for plural forms) a list of variants, each text chosen by its `match` key. */
type Variants = { declarations?: string[]; selectors?: string[]; match: Record<string, string> }[];
type Message = string | Variants;

function load(pattern: string, locale: string): Record<string, Message> {
	const path = fileURLToPath(new URL(pattern.replace('{locale}', locale), import.meta.url));
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(path, 'utf8'));
	return messages;
}

/** Every text a message can show: the text itself, or each variant's. */
function texts(message: Message | undefined): string[] {
	if (message === undefined) return [''];
	if (typeof message === 'string') return [message];
	return message.flatMap((variant) => Object.values(variant.match));
}

describe('message files', () => {
	it.each(patterns)('%s has the same keys in Danish and English, none empty', (pattern) => {
		const da = load(pattern, 'da');
		const en = load(pattern, 'en');
		expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
		for (const [key, value] of [...Object.entries(da), ...Object.entries(en)]) {
			for (const text of texts(value)) expect(text.trim(), key).not.toBe('');
		}
	});

	it('names the law on popular education in English in English texts, the Danish word only in brackets', () => {
		const danish = /folkeoplys/i;
		const found: string[] = [];
		for (const pattern of patterns) {
			for (const [key, value] of Object.entries(load(pattern, 'en'))) {
				for (const text of texts(value)) {
					// what is left once bracketed asides are taken out
					if (danish.test(text.replace(/\([^)]*\)/g, ''))) found.push(`${key}: ${text}`);
				}
			}
		}
		expect(found).toEqual([]);
	});

	it('keeps the house’s phone number in the footer on one line with its label: no space in it that a line may break at', () => {
		const da = load('./messages/{locale}.json', 'da');
		const en = load('./messages/{locale}.json', 'en');
		expect(da.footer_text).toContain('Tlf.\u00a070\u00a010\u00a020\u00a030');
		expect(en.footer_text).toContain('Phone\u00a0+45\u00a070\u00a010\u00a020\u00a030');
	});

	it('uses each key in one domain only', () => {
		const seen = new Map<string, string>();
		for (const pattern of patterns) {
			for (const key of Object.keys(load(pattern, 'da'))) {
				expect(seen.get(key), `${key} is in ${seen.get(key)} and ${pattern}`).toBeUndefined();
				seen.set(key, pattern);
			}
		}
	});

	it('keeps placeholders the same in both languages', () => {
		// the placeholders a message uses in any of its texts
		const placeholders = (message: Message | undefined) =>
			[
				...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))
			].sort();
		for (const pattern of patterns) {
			const da = load(pattern, 'da');
			const en = load(pattern, 'en');
			for (const key of Object.keys(da)) {
				expect(placeholders(en[key]), key).toEqual(placeholders(da[key]));
			}
		}
	});

	// One action has one name on every page: "Føj til kalender", not also "Tilføj til kalender"; "Udskriv",
	// not also "Print". The Danish words the app does not use (the English texts already agree).
	const otherWords = [/\btilføj til (din )?kalender/i, /\bprint\b/i];

	it('names the same action with the same words everywhere', () => {
		const found: string[] = [];
		for (const pattern of patterns) {
			for (const [key, value] of Object.entries(load(pattern, 'da'))) {
				for (const text of texts(value)) {
					if (otherWords.some((words) => words.test(text))) found.push(`${key}: ${text}`);
				}
			}
		}
		expect(found).toEqual([]);
	});

	it('leaves the dash of a time range to the formatter (formatRange), never writing one itself', () => {
		const found: string[] = [];
		for (const pattern of patterns) {
			for (const locale of ['da', 'en']) {
				for (const [key, value] of Object.entries(load(pattern, locale))) {
					for (const text of texts(value)) if (/\}\s*[-–—]\s*\{/.test(text)) found.push(`${key}: ${text}`);
				}
			}
		}
		expect(found).toEqual([]);
	});
});
