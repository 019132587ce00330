import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppSession } from '../helpers/app';

// A page's first answer carries the styles of every component it shows (docs/performance.md, "Chunks by
// the pages that load them"). SvelteKit decides which stylesheets a page sends from the build's two
// manifests; how the shared code is split into files decides whether it finds them. Once the sign-in page
// and eleven others came without the form fields' styles: an error showed unstyled until the page's
// scripts had loaded (and for good without them).

const output = path.resolve('.svelte-kit/output');

interface ServerNode {
	imports: string[];
	stylesheets: string[];
	component?: unknown;
}

describe('the styles a page is sent with', () => {
	it('every page is sent the stylesheets of every script it loads first', async () => {
		const manifest = JSON.parse(
			fs.readFileSync(path.join(output, 'client/.vite/manifest.json'), 'utf8')
		) as Record<string, { file: string; css?: string[] }>;
		const cssOf = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk.css ?? []]));
		const dir = path.join(output, 'server/nodes');
		const missing: string[] = [];
		let pages = 0;
		for (const file of fs.readdirSync(dir)) {
			const node = (await import(pathToFileURL(path.join(dir, file)).href)) as ServerNode;
			if (!node.component) continue;
			pages++;
			for (const script of node.imports) {
				for (const css of cssOf.get(script) ?? []) {
					if (!node.stylesheets.includes(css)) missing.push(`${file}: ${css} (of ${script})`);
				}
			}
		}
		expect(pages).toBeGreaterThan(50);
		expect(missing).toEqual([]);
	});

	it('each style scope a page’s markup uses comes with the page, written in or linked', async () => {
		// A component with styles marks its elements with its scope (`svelte-xxxx`); the rules for it must
		// come with the page itself, not only once its scripts run.
		const session = new AppSession();
		const pages = ['/log-ind', '/opret-konto', '/glemt-adgangskode', '/', '/lokaler', '/arrangementer'];
		for (const page of pages) {
			const html = await (await session.get(page)).text();
			const used = new Set(html.match(/\bsvelte-[a-z0-9]+\b/g) ?? []);
			let css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
			for (const [, href] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) {
				css += await (await session.get(new URL(href!, `http://app${page}`).pathname)).text();
			}
			const unstyled = [...used].filter((scope) => !css.includes(`.${scope}`));
			expect(used.size, page).toBeGreaterThan(0);
			expect(unstyled, page).toEqual([]);
		}
	});
});
