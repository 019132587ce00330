// Front-end weight of the start page's first load (docs/rules.md: at most 60 kB gzipped JavaScript).
// Builds nothing: run `npm run build` first. Ends with `frontend: js_gzip_kb=.. js_files=.. css_gzip_kb=..`.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startStack, freePort } from '../src/cli/stack.mjs';

const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-'));
const appPort = await freePort();
const stack = await startStack({
	dataDir: join(dir, 'pb'),
	mailDir: join(dir, 'mail'),
	appPort,
	seed: true,
	quiet: true
});
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
try {
	const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
	const sizes = { js: [] as number[], css: [] as number[] };
	page.on('response', async (response) => {
		const type = response.request().resourceType();
		if (type !== 'script' && type !== 'stylesheet') return;
		const body = await response.body().catch(() => Buffer.alloc(0));
		(type === 'script' ? sizes.js : sizes.css).push(gzipSync(body, { level: 9 }).length);
	});
	await page.goto(`http://localhost:${appPort}/`, { waitUntil: 'networkidle' });
	const kb = (values: number[]) => (values.reduce((a, b) => a + b, 0) / 1024).toFixed(1);
	console.log(
		`frontend: js_gzip_kb=${kb(sizes.js)} js_files=${sizes.js.length} css_gzip_kb=${kb(sizes.css)}`
	);
} finally {
	await browser.close();
	await stack.stop();
	rmSync(dir, { recursive: true, force: true });
}
