// Front-end weight of the first load of every page type a user opens (docs/performance.md: at most 60 kB
// of gzipped JavaScript and 25 script requests), signed in where the page needs it. Builds nothing: run
// `npm run build` first. Prints a line per page and ends with
// `frontend: js_gzip_kb_max=.. js_files_max=.. worst=.. pages=..` (worst = the page with the most
// JavaScript), plus css_gzip_kb_max (stylesheet files; the app's styles come inside the HTML), html_gzip_kb_max
// (the page's document, styles included) and failed (requests that failed or answered 4xx/5xx, all pages).
// Before it, `frontend_rest: ..` gives the same figures for every other page type (sign-in, profile, the
// season's pages, the rest of the back office), which have no bar of their own but show what a page-only
// dependency (the QR scanner, the charts, the season form) weighs where it loads.
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { cookiesFor, startPages, type BenchPage } from './_pages';

const stack = await startPages();
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
const kb = (values: number[]) => values.reduce((a, b) => a + b, 0) / 1024;
/** BENCH_FILES=1: also list each page's script and style files with their gzipped sizes. */
const listFiles = process.env.BENCH_FILES === '1';
/** BENCH_PAGES: a comma-separated list of page types to measure alone (e.g. /lokaler/[slug]). */
const only = process.env.BENCH_PAGES?.split(',');
interface Figures {
	worst: { type: string; js: number; files: number };
	filesMax: number;
	cssMax: number;
	htmlMax: number;
	pages: number;
}
let failed = 0;
async function measure(pages: BenchPage[]): Promise<Figures> {
	const figures: Figures = {
		worst: { type: '', js: 0, files: 0 },
		filesMax: 0,
		cssMax: 0,
		htmlMax: 0,
		pages: 0
	};
	for (const page of pages) {
		if (only && !only.includes(page.type)) continue;
		figures.pages++;
		// A fresh context per page: nothing cached, as on a first visit.
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		if (page.cookie) await context.addCookies(cookiesFor(stack.base, page.cookie));
		const tab = await context.newPage();
		const sizes = { js: [] as number[], css: [] as number[], html: [] as number[] };
		const files: { url: string; size: number }[] = [];
		const pending: Promise<void>[] = [];
		tab.on('requestfailed', (r) => {
			failed++;
			console.log('failed request', r.url(), r.failure()?.errorText);
		});
		tab.on('response', (response) => {
			if (response.status() >= 400) {
				failed++;
				console.log('failed request', response.url(), response.status());
			}
			const type = response.request().resourceType();
			if (type !== 'script' && type !== 'stylesheet' && type !== 'document') return;
			pending.push(
				response
					.body()
					.catch(() => Buffer.alloc(0))
					.then((body) => {
						const size = gzipSync(body, { level: 9 }).length;
						(type === 'script' ? sizes.js : type === 'document' ? sizes.html : sizes.css).push(size);
						if (type !== 'document') files.push({ url: response.url().replace(stack.base, ''), size });
					})
			);
		});
		await tab.goto(stack.base + page.path, { waitUntil: 'networkidle' });
		await Promise.all(pending);
		await context.close();
		const js = kb(sizes.js);
		const css = kb(sizes.css);
		const html = kb(sizes.html);
		console.log(
			`${page.type}: js_gzip_kb=${js.toFixed(1)} js_files=${sizes.js.length} css_gzip_kb=${css.toFixed(1)} html_gzip_kb=${html.toFixed(1)}`
		);
		if (listFiles)
			for (const file of files.sort((a, b) => b.size - a.size))
				console.log(`  ${(file.size / 1024).toFixed(1).padStart(6)} kB ${file.url}`);
		if (js > figures.worst.js) figures.worst = { type: page.type, js, files: sizes.js.length };
		figures.filesMax = Math.max(figures.filesMax, sizes.js.length);
		figures.cssMax = Math.max(figures.cssMax, css);
		figures.htmlMax = Math.max(figures.htmlMax, html);
	}
	return figures;
}

let main: Figures;
let rest: Figures;
try {
	rest = await measure(stack.rest);
	main = await measure(stack.pages);
} finally {
	await browser.close();
	await stack.stop();
}
const line = (f: Figures) =>
	`js_gzip_kb_max=${f.worst.js.toFixed(1)} js_files_max=${f.filesMax} worst=${f.worst.type} pages=${f.pages} css_gzip_kb_max=${f.cssMax.toFixed(1)} html_gzip_kb_max=${f.htmlMax.toFixed(1)}`;
console.log(`frontend_rest: ${line(rest)}`);
console.log(`frontend: ${line(main)} failed=${failed}`);
