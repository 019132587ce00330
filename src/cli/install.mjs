// Installs npm packages when they are missing or package.json / the lock file changed. Node built-ins only.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pocketbase.mjs';

const STAMP = join(ROOT, 'node_modules', '.borgerhus-install');

function inputsHash() {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const path = join(ROOT, file);
		if (existsSync(path)) hash.update(readFileSync(path));
	}
	return hash.digest('hex');
}

/**
 * Runs `npm install` (which installs the versions in the lock file) unless the last install was for the
 * same package.json and lock file. `npm ci` is not used: npm 11 writes lock files without other
 * platforms' optional packages and its `npm ci` then refuses them.
 */
export function ensureNodeModules({ log = console.log } = {}) {
	if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputsHash()) return;
	log('Installing npm packages...');
	execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
	writeFileSync(STAMP, inputsHash());
}
