// Installs npm packages when they are missing or older than the lock file. Node built-ins only.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pocketbase.mjs';

/** Runs `npm ci` (or `npm install` without a lock file) when node_modules is missing or stale. */
export function ensureNodeModules({ log = console.log } = {}) {
	const lock = join(ROOT, 'package-lock.json');
	const installed = join(ROOT, 'node_modules', '.package-lock.json');
	const fresh =
		existsSync(installed) && (!existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs);
	if (fresh) return;
	log('Installing npm packages...');
	execFileSync('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
		cwd: ROOT,
		stdio: 'inherit'
	});
}
