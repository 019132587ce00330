// Finds or builds the pinned PocketBase binary. Node built-ins only: `npm start` calls this before
// anything is installed. Order: $POCKETBASE_BIN, then the cached build in .pocketbase/bin, then a
// fresh `go build` of our own main package in pocketbase/ (PocketBase v0.39.11 with the house-time
// binding, docs/rules.md "House time"). The cached binary is named after a hash of that package's
// sources, so a change to a .go file, go.mod or go.sum always builds anew.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const POCKETBASE_VERSION = '0.39.11';
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CACHE_DIR = join(ROOT, '.pocketbase');
/**
 * How our Go package is built and tested: with SQLite's C library (cgo, so a C compiler) in place of
 * PocketBase's pure-Go default, which the tag leaves out (pocketbase/sqlite.go).
 */
export const GO_TAGS = 'no_default_driver';
export const GO_ENV = { ...process.env, CGO_ENABLED: '1', GOFLAGS: '-mod=mod' };
/** Our Go main package that builds PocketBase. */
export const SOURCE_DIR = join(ROOT, 'pocketbase');
/** The Go package's sources: every .go file, go.mod and go.sum. */
function sources() {
	const go = readdirSync(SOURCE_DIR).filter((file) => file.endsWith('.go') && !file.endsWith('_test.go'));
	return [...go.sort(), 'go.mod', 'go.sum'];
}

/** A short hash of the Go package's sources: the cache key of the build. */
export function sourceHash() {
	const hash = createHash('sha256');
	for (const file of sources())
		hash
			.update(`${file}\0`)
			.update(readFileSync(join(SOURCE_DIR, file)))
			.update('\0');
	return hash.digest('hex').slice(0, 12);
}

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
	const name = `pocketbase-${POCKETBASE_VERSION}-${sourceHash()}`;
	const binary = join(binDir, name);
	if (existsSync(binary)) return binary;

	mkdirSync(binDir, { recursive: true });
	log(`Building PocketBase v${POCKETBASE_VERSION} from pocketbase/ (once per change of its sources)...`);
	const tmp = `${binary}.tmp`;
	try {
		execFileSync(
			'go',
			[
				'build',
				'-tags',
				GO_TAGS,
				'-trimpath',
				'-ldflags',
				`-s -w -X github.com/pocketbase/pocketbase.Version=${POCKETBASE_VERSION}`,
				'-o',
				tmp,
				'.'
			],
			{
				cwd: SOURCE_DIR,
				stdio: ['ignore', 'inherit', 'inherit'],
				env: GO_ENV
			}
		);
	} catch (error) {
		throw new Error(
			'Could not build PocketBase. Install Go 1.25 or newer and a C compiler (Debian: gcc), or set POCKETBASE_BIN to an existing binary.',
			{ cause: error }
		);
	}
	// Rename last, so an interrupted build never leaves a broken binary behind as "cached".
	renameSync(tmp, binary);
	// Builds of older sources are never used again.
	for (const file of readdirSync(binDir)) {
		if (file.startsWith('pocketbase-') && !file.endsWith('.tmp') && file !== name)
			rmSync(join(binDir, file), { force: true });
	}
	return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(ensurePocketBase());
}
