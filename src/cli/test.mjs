// `npm test`: the whole suite on a fresh clone. Installs what is missing, then runs, in order: format,
// lint and type checks (side by side), unit tests, the Go tests of our PocketBase build, the production build, integration tests against a real PocketBase,
// and browser tests in Debian's Chromium. Stops at the first failing step.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from './install.mjs';
import { ensurePocketBase, GO_ENV, GO_TAGS, ROOT } from './pocketbase.mjs';

ensureNodeModules();
ensurePocketBase();

const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const reports = join(ROOT, 'test-results');
mkdirSync(reports, { recursive: true });

/**
 * `npm run check`'s three checks, side by side: each is one process on one core, and in a row they were the
 * longest step before the integration tests. The messages and SvelteKit's types are written first, so
 * no check reads a file while another writes it. Each check's output is printed whole when it ends.
 */
async function checks() {
	for (const [command, args] of [
		['npm', ['run', 'i18n']],
		[bin('svelte-kit'), ['sync']]
	]) {
		const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
		if (result.status !== 0) return result.status ?? 1;
	}
	const runs = [
		['format', bin('prettier'), ['--check', '.']],
		['lint', bin('eslint'), ['.', '--max-warnings', '0']],
		['types', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings']]
	].map(
		([name, command, args]) =>
			new Promise((resolve) => {
				const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
				const output = [];
				child.stdout.on('data', (chunk) => output.push(chunk));
				child.stderr.on('data', (chunk) => output.push(chunk));
				child.on('close', (status) => {
					console.log(`\n· ${name}${status === 0 ? '' : ' failed'}\n${Buffer.concat(output).toString()}`);
					resolve(status ?? 1);
				});
			})
	);
	const statuses = await Promise.all(runs);
	return statuses.find((status) => status !== 0) ?? 0;
}

const steps = [
	['checks (format, lint, types)', checks],
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

const times = [];
for (const [name, command, args, env = process.env] of steps) {
	console.log(`\n▶ ${name}`);
	const started = Date.now();
	const status =
		typeof command === 'function'
			? await command()
			: (spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env }).status ?? 1);
	times.push(`${name} ${Math.round((Date.now() - started) / 1000)} s`);
	if (status !== 0) {
		console.error(`\n✖ ${name} failed\n${times.join(', ')}`);
		if (name === 'browser tests') printPageSnapshots();
		summarize();
		process.exit(status);
	}
}
console.log(`\n${times.join(', ')}`);
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
