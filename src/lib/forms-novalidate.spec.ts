import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

// A form the browser checks itself shows its own bubble, in the browser's language and tied to no field,
// and never asks the server. Every form that posts checks on the server instead (novalidate), which
// answers each field in the page's language, tied to its field (FormField's aria-invalid and
// aria-describedby).

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(full);
		return entry.name.endsWith('.svelte') ? [full] : [];
	});
}

/** Every `<form ...>` opening tag in a component's markup: attributes may span lines and hold `{...}` code. */
function formTags(source: string): { tag: string; line: number }[] {
	const tags: { tag: string; line: number }[] = [];
	for (const match of source.matchAll(/<form\b/g)) {
		let depth = 0;
		let quote = '';
		let end = match.index + match[0].length;
		for (; end < source.length; end++) {
			const char = source[end];
			if (quote) {
				if (char === quote) quote = '';
			} else if (char === '{') depth++;
			else if (char === '}') depth--;
			else if (depth === 0 && (char === '"' || char === "'")) quote = char;
			else if (depth === 0 && char === '>') break;
		}
		const line = source.slice(0, match.index).split('\n').length;
		tags.push({ tag: source.slice(match.index, end + 1), line });
	}
	return tags;
}

describe('forms that post', () => {
	it('leave checking to the app (novalidate), so its translated messages show on the fields', () => {
		const files = [...svelteFiles('src/routes'), ...svelteFiles('src/lib/components')];
		const missing: string[] = [];
		let posting = 0;
		for (const file of files) {
			for (const { tag, line } of formTags(fs.readFileSync(file, 'utf8'))) {
				if (!/\bmethod=["']?post\b/i.test(tag)) continue;
				posting++;
				if (!/\bnovalidate\b/i.test(tag)) missing.push(`${file}:${line}`);
			}
		}
		expect(posting).toBeGreaterThan(50);
		expect(missing).toEqual([]);
	});
});
