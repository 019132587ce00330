import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Each worker runs its test files against a stack of its own (PocketBase with the demo data, mail catcher,
 * built app), so two files never share a demo account or a room's week. The config runs in the main process
 * and again in each worker; workers inherit these variables, so every process agrees on the stacks.
 */
export const STACKS = 2;
process.env.BH_E2E_PORT ??= String(4300 + Math.floor(Math.random() * 500));
const firstPort = Number(process.env.BH_E2E_PORT);

/** Where stack `index` keeps its data and mail, and where its app listens. */
export function e2eStack(index: number) {
	const key = `BH_E2E_DIR_${index}`;
	process.env[key] ??= mkdtempSync(join(tmpdir(), 'borgerhus-e2e-'));
	const port = firstPort + index;
	return { dir: process.env[key], port, url: `http://localhost:${port}` };
}
const stacks = Array.from({ length: STACKS }, (_, index) => e2eStack(index));

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results/e2e',
	fullyParallel: false,
	workers: STACKS,
	retries: 0,
	// Generous: a timeout catches a hang, not a slow machine (two workers share two cores).
	timeout: 120_000,
	expect: { timeout: 15_000 },
	reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
	use: {
		// no baseURL here: the `baseURL` fixture (tests/e2e/fixtures.ts) gives each worker its own stack's
		...devices['Pixel 5'],
		viewport: { width: 360, height: 740 },
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		// Without the service worker, which would precache every asset of the app (some 180 files) in each new
		// browser context; the offline tests allow it (`test.use` in tests/e2e/offline*.spec.ts).
		serviceWorkers: 'block',
		actionTimeout: 15_000,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
				'--no-sandbox'
			]
		}
	},
	webServer: stacks.map((stack) => ({
		command: `node src/cli/e2e-stack.mjs`,
		cwd: '..',
		url: `${stack.url}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe' as const,
		gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
		env: { BH_E2E_DIR: stack.dir, BH_E2E_PORT: String(stack.port) }
	}))
});
