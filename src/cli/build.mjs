// Builds the SvelteKit app when the sources are newer than the last build. Node built-ins only.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pocketbase.mjs';

const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];

/** @param {string} path @returns {number} newest modification time below path */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (entry === 'paraglide' || entry === 'cli') continue; // generated, or not part of the app
		max = Math.max(max, newest(join(path, entry)));
	}
	return max;
}

/** Runs `vite build` unless build/ is newer than every input. */
export function ensureBuild({ log = console.log, force = false } = {}) {
	const output = join(ROOT, 'build', 'index.js');
	const built = existsSync(output) ? statSync(output).mtimeMs : 0;
	const sources = Math.max(...INPUTS.map((p) => newest(join(ROOT, p))));
	if (!force && built > sources) return;
	log('Building the app...');
	execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
		cwd: ROOT,
		stdio: 'inherit'
	});
}
