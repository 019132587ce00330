import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import codes from '$rules/core/codes.js';

// Every refusal code a hook can answer with has a Danish and an English text in the registry
// (pb_hooks/lib/core/codes.js), and a message file that repeats a code for the browser says the same.
const HOOKS = join(process.cwd(), 'pb_hooks');
const I18N = join(process.cwd(), 'src/i18n');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.js') ? [path] : [];
	});
}

/** Codes passed to refusal()/refuse(), problem(), codeError() or to a ValidationError in the hooks. */
function usedCodes(): string[] {
	const found = new Set<string>();
	const calls = /\b(?:refus(?:al|e)|ValidationError|problem|codeError)\(([^)]*)\)/g;
	const code =
		/['"]((?:core|rooms|library|events|overview|stats|associations|season|seasons|house|desk)_[a-z_]+)['"]/g;
	for (const file of files(HOOKS)) {
		if (file.endsWith('codes.js')) continue;
		const text = readFileSync(file, 'utf8');
		for (const call of text.matchAll(calls)) {
			// the code comes before the field it is about (a field may look like a code: `library_card`)
			const first = [...(call[1] ?? '').matchAll(code)][0]?.[1];
			if (first) found.add(first);
		}
	}
	return [...found].sort();
}

describe('refusal codes', () => {
	it('finds the codes the hooks use', () => {
		expect(usedCodes().length).toBeGreaterThan(20);
	});

	it.each(usedCodes())('%s is in the registry', (code) => {
		expect(Object.hasOwn(codes, code), code).toBe(true);
	});

	it('speaks of the citizen in every text for the desk', () => {
		const desk = Object.entries(codes).filter(([, text]) => text.desk);
		expect(desk.length).toBeGreaterThan(5);
		for (const [code, text] of desk) {
			expect(text.desk!.da, code).toMatch(/[Bb]orgeren/);
			expect(text.desk!.da, code).not.toMatch(/\b(Du|du|dig)\b/);
			expect(text.desk!.en, code).toMatch(/citizen/);
		}
	});

	it('has a Danish and an English text for every code, different from each other', () => {
		for (const [code, text] of Object.entries(codes)) {
			expect(text.da.trim(), code).not.toBe('');
			expect(text.en.trim(), code).not.toBe('');
			expect(text.da, code).not.toBe(text.en);
		}
	});

	it('agrees with the message files where they repeat a code', () => {
		for (const domain of readdirSync(I18N)) {
			for (const locale of ['da', 'en'] as const) {
				const path = join(I18N, domain, `${locale}.json`);
				let messages: Record<string, string>;
				try {
					messages = JSON.parse(readFileSync(path, 'utf8'));
				} catch {
					continue;
				}
				for (const [key, text] of Object.entries(messages)) {
					const code = key.replace(/^errors_/, '');
					if (key.startsWith('errors_') && Object.hasOwn(codes, code)) {
						expect(text, `${key} (${locale})`).toBe(codes[code]?.[locale]);
					}
				}
			}
		}
	});
});
