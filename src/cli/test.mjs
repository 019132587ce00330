// `npm test`: the whole suite on a fresh clone. Installs what is missing, then runs, in order: format,
// lint and type checks, unit tests, the Go tests of our PocketBase build, the production build, integration tests against a real PocketBase,
// and browser tests in Debian's Chromium. Stops at the first failing step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from './install.mjs';
import { ensurePocketBase, GO_ENV, GO_TAGS, ROOT } from './pocketbase.mjs';

ensureNodeModules();
ensurePocketBase();

const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const reports = join(ROOT, 'test-results');
mkdirSync(reports, { recursive: true });

const steps = [
	['checks (format, lint, types)', 'npm', ['run', 'check']],
	[
		'unit tests',
		bin('vitest'),
		[
			'run',
			'--project',
			'unit',
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${join(reports, 'unit.json')}`
		]
	],
	// our PocketBase build's own Go code (the ordered write queue); Go is what builds PocketBase here
	[
		'Go tests (pocketbase/)',
		'go',
		['-C', join(ROOT, 'pocketbase'), 'test', '-trimpath', '-tags', GO_TAGS, './...'],
		GO_ENV
	],
	['build', bin('vite'), ['build', '--logLevel', 'warn']],
	[
		'integration tests',
		bin('vitest'),
		[
			'run',
			'--project',
			'integration',
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${join(reports, 'integration.json')}`
		]
	],
	['browser tests', bin('playwright'), ['test', '-c', 'tests/playwright.config.ts']]
];

for (const [name, command, args, env = process.env] of steps) {
	console.log(`\n▶ ${name}`);
	const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
	if (result.status !== 0) {
		console.error(`\n✖ ${name} failed`);
		if (name === 'browser tests') printPageSnapshots();
		summarize();
		process.exit(result.status ?? 1);
	}
}
summarize();

/** Prints one closing line over every runner: "N passed, N failed". */
function summarize() {
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	for (const file of ['unit.json', 'integration.json']) {
		const path = join(reports, file);
		if (!existsSync(path)) continue;
		const report = JSON.parse(readFileSync(path, 'utf8'));
		passed += report.numPassedTests ?? 0;
		failed += report.numFailedTests ?? 0;
		skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
	}
	const e2e = join(reports, 'e2e.json');
	if (existsSync(e2e)) {
		const stats = JSON.parse(readFileSync(e2e, 'utf8')).stats ?? {};
		passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
		failed += stats.unexpected ?? 0;
		skipped += stats.skipped ?? 0;
	}
	console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

/** Prints what each failed browser test's page showed (Playwright's error context), for a run read as text. */
function printPageSnapshots() {
	const dir = join(reports, 'e2e');
	if (!existsSync(dir)) return;
	for (const test of readdirSync(dir)) {
		const file = join(dir, test, 'error-context.md');
		if (!existsSync(file)) continue;
		console.error(`\n── page at failure: ${test}\n${readFileSync(file, 'utf8').slice(0, 12_000)}`);
	}
}
