import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The config runs in the main process and again in each worker; workers inherit these variables,
// so every process agrees on one temporary stack.
process.env.BH_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'borgerhus-e2e-'));
process.env.BH_E2E_PORT ??= String(4300 + Math.floor(Math.random() * 500));
const dir = process.env.BH_E2E_DIR;
const port = Number(process.env.BH_E2E_PORT);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
	use: {
		baseURL,
		...devices['Pixel 5'],
		viewport: { width: 360, height: 740 },
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
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
	webServer: {
		command: `node src/cli/e2e-stack.mjs`,
		cwd: '..',
		url: `${baseURL}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		env: { BH_E2E_DIR: dir, BH_E2E_PORT: String(port) }
	}
});
