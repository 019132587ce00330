// Lighthouse on a mobile profile (docs/rules.md: performance >= 95, accessibility 100, best practices 100)
// for the public pages, against the built app with demo data. Run `npm run build` first.
// Ends with `lighthouse: performance_min=.. accessibility_min=.. best_practices_min=.. pages=..`.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, freePort } from '../src/cli/stack.mjs';

const PAGES = ['/', '/lokaler', '/bibliotek', '/arrangementer', '/log-ind', '/opret-konto'];

const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-'));
const appPort = await freePort();
const stack = await startStack({
	dataDir: join(dir, 'pb'),
	mailDir: join(dir, 'mail'),
	appPort,
	seed: true,
	quiet: true
});
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
try {
	for (const path of PAGES) {
		const result = await lighthouse(`http://localhost:${appPort}${path}`, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices']
		});
		const categories = result?.lhr.categories ?? {};
		const line: string[] = [];
		for (const key of Object.keys(scores) as (keyof typeof scores)[]) {
			const score = Math.round((categories[key]?.score ?? 0) * 100);
			scores[key].push(score);
			line.push(`${key}=${score}`);
		}
		const failing = Object.values(result?.lhr.audits ?? {})
			.filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
			.map((a) => a.id);
		console.log(`${path}: ${line.join(' ')}${failing.length ? ` failing=${failing.join(',')}` : ''}`);
	}
} finally {
	chrome.kill();
	await stack.stop();
	rmSync(dir, { recursive: true, force: true });
}
const min = (values: number[]) => Math.min(...values);
console.log(
	`lighthouse: performance_min=${min(scores.performance)} accessibility_min=${min(scores.accessibility)} best_practices_min=${min(scores['best-practices'])} pages=${PAGES.length}`
);
