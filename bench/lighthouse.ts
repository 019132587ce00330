// Lighthouse on a mobile profile (docs/performance.md: performance >= 95, accessibility 100, best
// practices 100) for every page type a user opens, signed in where the page needs it, against the built
// app with demo data. Run `npm run build` first. Prints a line per page and ends with
// `lighthouse: performance_min=.. accessibility_min=.. best_practices_min=.. worst=.. pages=..`
// (worst = the page with the lowest score of the three, performance first).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPages } from './_pages';

const stack = await startPages();
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	chromeFlags: [
		'--headless=new',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-sync'
	]
});
const scores = {
	performance: [] as number[],
	accessibility: [] as number[],
	'best-practices': [] as number[]
};
let worst = { type: '', key: [101, 101, 101], lcp: 0, tbt: 0 };
/** BENCH_PAGES: a comma-separated list of page types to measure alone (e.g. /lokaler/[slug]). */
const only = process.env.BENCH_PAGES?.split(',');
/** BENCH_REPORTS: a directory to write each page's full Lighthouse JSON into (LCP element, blocking resources). */
const reports = process.env.BENCH_REPORTS;
/**
 * BENCH_RUNS: Lighthouse runs per page (default 3); the run with the median performance score counts, as
 * Lighthouse's own guidance suggests for noisy machines: its simulated slow 4G and CPU scale the main-thread
 * work it observes, so a busy shared machine alone can cost a run ten points.
 */
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
try {
	for (const page of stack.pages) {
		if (only && !only.includes(page.type)) continue;
		const results = [];
		for (let run = 0; run < runs; run++) {
			const one = await lighthouse(stack.base + page.path, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance', 'accessibility', 'best-practices'],
				...(page.cookie ? { extraHeaders: { cookie: page.cookie } } : {})
			});
			if (one) results.push(one);
		}
		results.sort(
			(a, b) => (a.lhr.categories.performance?.score ?? 0) - (b.lhr.categories.performance?.score ?? 0)
		);
		const result = results[Math.floor((results.length - 1) / 2)];
		const allPerformance = results.map((r) => Math.round((r.lhr.categories.performance?.score ?? 0) * 100));
		if (reports && result)
			writeFileSync(
				join(reports, `${page.type.replace(/[^a-z0-9]+/gi, '_')}.json`),
				JSON.stringify(result.lhr)
			);
		const categories = result?.lhr.categories ?? {};
		const line: string[] = [];
		const key: number[] = [];
		for (const name of Object.keys(scores) as (keyof typeof scores)[]) {
			const score = Math.round((categories[name]?.score ?? 0) * 100);
			scores[name].push(score);
			key.push(score);
			line.push(`${name}=${score}`);
		}
		const audits = result?.lhr.audits ?? {};
		const lcp = audits['largest-contentful-paint']?.numericValue ?? 0;
		const tbt = audits['total-blocking-time']?.numericValue ?? 0;
		const cls = audits['cumulative-layout-shift']?.numericValue ?? 0;
		// what the console said, so a failing best-practices score says why
		const consoleItems =
			(
				audits['errors-in-console']?.details as
					{ items?: { description?: string; sourceLocation?: { url?: string } }[] } | undefined
			)?.items ?? [];
		for (const item of consoleItems)
			console.error(`${page.type}: console: ${item.description ?? ''} ${item.sourceLocation?.url ?? ''}`);
		const failing = Object.values(audits)
			.filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
			.map((a) => a.id);
		console.log(
			`${page.type}: ${line.join(' ')} lcp_ms=${Math.round(lcp)} tbt_ms=${Math.round(tbt)} cls=${cls.toFixed(3)} runs=${allPerformance.join('/')}${failing.length ? ` failing=${failing.join(',')}` : ''}`
		);
		const worse = key.findIndex((v, i) => v !== worst.key[i]);
		if (worse >= 0 && (key[worse] ?? 0) < (worst.key[worse] ?? 0)) worst = { type: page.type, key, lcp, tbt };
	}
} finally {
	chrome.kill();
	await stack.stop();
}
const min = (values: number[]) => Math.min(...values);
console.log(
	`lighthouse: performance_min=${min(scores.performance)} accessibility_min=${min(scores.accessibility)} best_practices_min=${min(scores['best-practices'])} worst=${worst.type} pages=${only?.length ?? stack.pages.length} worst_lcp_ms=${Math.round(worst.lcp)} worst_tbt_ms=${Math.round(worst.tbt)}`
);
