// Finds or builds the pinned PocketBase binary. Node built-ins only: `npm start` calls this before
// anything is installed. Order: $POCKETBASE_BIN, then the cached build in .pocketbase/bin, then a
// fresh `go build` of PocketBase's own examples/base module at the pinned version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const POCKETBASE_VERSION = '0.39.11';
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CACHE_DIR = join(ROOT, '.pocketbase');

/**
 * Returns the path of a PocketBase binary, building it once if needed.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {string}
 */
export function ensurePocketBase({ log = console.log } = {}) {
	const fromEnv = process.env.POCKETBASE_BIN;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`POCKETBASE_BIN points at ${fromEnv}, which does not exist`);
		return resolve(fromEnv);
	}
	const binDir = join(CACHE_DIR, 'bin');
	const binary = join(binDir, `pocketbase-${POCKETBASE_VERSION}`);
	if (existsSync(binary)) return binary;

	const buildDir = join(CACHE_DIR, 'build');
	mkdirSync(buildDir, { recursive: true });
	mkdirSync(binDir, { recursive: true });
	writeFileSync(
		join(buildDir, 'go.mod'),
		`module borgerhus/pocketbase\n\ngo 1.25\n\nrequire github.com/pocketbase/pocketbase v${POCKETBASE_VERSION}\n`
	);
	log(`Building PocketBase v${POCKETBASE_VERSION} from its Go module (first run only)...`);
	const tmp = `${binary}.tmp`;
	try {
		execFileSync(
			'go',
			[
				'build',
				'-trimpath',
				'-ldflags',
				`-s -w -X github.com/pocketbase/pocketbase.Version=${POCKETBASE_VERSION}`,
				'-o',
				tmp,
				'github.com/pocketbase/pocketbase/examples/base'
			],
			{
				cwd: buildDir,
				stdio: ['ignore', 'inherit', 'inherit'],
				env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' }
			}
		);
	} catch (error) {
		throw new Error(
			'Could not build PocketBase. Install Go 1.25 or newer, or set POCKETBASE_BIN to an existing binary.',
			{ cause: error }
		);
	}
	// Rename last, so an interrupted build never leaves a broken binary behind as "cached".
	renameSync(tmp, binary);
	return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(ensurePocketBase());
}
