// Starts the whole Borgerhus stack on this machine: PocketBase, the mail catcher, demo data and the
// SvelteKit app. Used by `npm start`, the integration test setup and the browser tests, so that all
// three run the same thing.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensurePocketBase } from './pocketbase.mjs';

// JS runtimes PocketBase keeps warm for hooks. A request that finds them all busy builds a one-off
// runtime (every binding made and every module loaded again), which costs more than the hook itself.
// Each JS handler holds its runtime until the request it wraps is answered, and writes wait for the
// database while holding theirs: a booking create holds four (the door's middleware and record hook, the
// booking hook, the receipt's after-commit hook), so fifty writers at once need two hundred. 256 runtimes
// cost about 80 MB more than 64 when idle and about 125 MB more under that load, and gave `booking-write`
// about a third more checked creates per second at 50 clients (docs/performance.md, "Writes").
const HOOKS_POOL = Number(process.env.BORGERHUS_HOOKS_POOL ?? 256);

/** Ports this process has handed out: the system may offer a port again once its probe is closed. */
const handedOut = new Set();

/**
 * A TCP port that was free a moment ago and that this process has not handed out before (the app, its
 * PocketBase and the mail catcher each ask before any of them listens).
 * @returns {Promise<number>}
 */
export async function freePort() {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = await probePort();
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error('no free TCP port found');
}

/** @returns {Promise<number>} a port the system offered for listening, closed again */
function probePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * Fails with a clear message when something already listens on a port: PocketBase's health check would
 * otherwise be answered by whatever runs there (another PocketBase on 8090, say) and the start would fail
 * later and obscurely.
 * @param {number} port
 * @param {string} what what the port is for, named in the message
 * @returns {Promise<void>}
 */
export function ensurePortFree(port, what) {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', (error) => {
			const inUse = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE';
			reject(inUse ? new Error(`port ${port} (${what}) is already in use on this machine`) : error);
		});
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

/**
 * Polls a URL until it answers 2xx.
 * @param {string} url
 * @param {{ timeoutMs?: number; child?: import('node:child_process').ChildProcess }} [options]
 */
export async function waitForHttp(url, { timeoutMs = 60_000, child } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * @typedef {object} StackOptions
 * @property {string} dataDir PocketBase data directory
 * @property {number} [pbPort]
 * @property {number} [smtpPort]
 * @property {string} mailDir where caught mails are written
 * @property {number} [appPort] start the built app on this port (omit: no app)
 * @property {string} [appUrl] public URL of the app (used in mails); defaults to http://localhost:appPort
 * @property {Record<string, string>} [appEnv] extra environment for the app (e.g. ADDRESS_HEADER in tests)
 * @property {string[]} [appNodeArgs] extra options for the app's Node (e.g. --cpu-prof in a benchmark)
 * @property {boolean} [seed] load demo data
 * @property {boolean} [dataLoadDates] give PocketBase the route that dates a data load's history (default:
 *   yes; `false` starts it as production is started, without)
 * @property {boolean} [quiet] keep PocketBase and the app quiet on the console
 * @property {(line: string) => void} [log]
 * @property {(mail: import('./mail-catcher.mjs').CaughtMail) => void} [onMail]
 */

/**
 * Starts the stack and returns its addresses and a stop function.
 * @param {StackOptions} options
 */
export async function startStack(options) {
	const log = options.log ?? console.log;
	const binary = ensurePocketBase({ log });
	const pbPort = options.pbPort ?? (await freePort());
	const smtpPort = options.smtpPort ?? (await freePort());
	const pbUrl = `http://127.0.0.1:${pbPort}`;
	const appUrl =
		options.appUrl ?? (options.appPort ? `http://localhost:${options.appPort}` : 'http://localhost:3000');
	mkdirSync(options.dataDir, { recursive: true });

	/** @type {Array<() => Promise<void> | void>} */
	const stops = [];
	const stop = async () => {
		for (const fn of stops.reverse()) await fn();
	};

	try {
		const { startMailCatcher } = await import('./mail-catcher.mjs');
		const catcher = await startMailCatcher({ port: smtpPort, dir: options.mailDir, log: options.onMail });
		stops.push(() => catcher.close());

		const pbArgs = [
			`--dir=${options.dataDir}`,
			`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
			`--hooksDir=${join(ROOT, 'pb_hooks')}`,
			`--publicDir=${join(options.dataDir, 'public')}`,
			'--hooksWatch=false',
			`--hooksPool=${HOOKS_POOL}`,
			'--automigrate=false',
			'--dev=false'
		];
		// The system account is for scripts on this machine only; it never reaches a browser.
		const superuser = {
			email: process.env.PB_SUPERUSER_EMAIL ?? 'system@borgerhus.local',
			password: process.env.PB_SUPERUSER_PASSWORD ?? randomBytes(18).toString('base64url')
		};
		// `--` before the account: a password may begin with "-", which PocketBase would take for a flag
		// (and then, printing the error, still exit 0 without the account).
		execFileSync(binary, ['superuser', 'upsert', ...pbArgs, '--', superuser.email, superuser.password], {
			stdio: 'ignore'
		});
		// The app's live stream holds one PocketBase subscription for all its clients, under an account of
		// its own (docs/performance.md, "Live"); a new password on every start.
		const liveAccount = {
			email: process.env.BORGERHUS_LIVE_EMAIL ?? 'live@borgerhus.local',
			password: randomBytes(18).toString('base64url')
		};
		execFileSync(binary, ['superuser', 'upsert', ...pbArgs, '--', liveAccount.email, liveAccount.password], {
			stdio: 'ignore'
		});

		/** @type {import('node:child_process').ChildProcess | undefined} */
		let pb;
		const startPocketBase = async () => {
			const child = spawn(binary, ['serve', `--http=127.0.0.1:${pbPort}`, ...pbArgs], {
				env: {
					...process.env,
					BORGERHUS_APP_URL: appUrl,
					// the demo's load dates its history (pb_hooks/system-dates.pb.js); production has no such route
					BORGERHUS_DATA_LOAD_DATES: options.dataLoadDates === false ? 'off' : 'on',
					BORGERHUS_SMTP_HOST: '127.0.0.1',
					BORGERHUS_SMTP_PORT: String(smtpPort)
				},
				stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit']
			});
			pb = child;
			await waitForHttp(`${pbUrl}/api/health`, { child });
		};
		stops.push(() => pb && stopChild(pb));
		await startPocketBase();
		// For the durability benchmark: a crash of PocketBase alone, and a start on the same data again.
		const pocketbase = {
			/** Ends PocketBase with SIGKILL (nothing flushed or closed) and waits until it is gone. */
			kill: () => (pb ? killChild(pb) : Promise.resolve()),
			/** Starts PocketBase again on the same data directory and port, once the last one is gone. */
			restart: async () => {
				if (pb && pb.exitCode === null && pb.signalCode === null)
					throw new Error('PocketBase is still running');
				await startPocketBase();
			}
		};

		const env = {
			...process.env,
			POCKETBASE_URL: pbUrl,
			PB_SUPERUSER_EMAIL: superuser.email,
			PB_SUPERUSER_PASSWORD: superuser.password
		};
		if (options.seed) {
			// Not execFileSync: the mail catcher runs in this process and must keep answering while the
			// demo data's holds send their "ready for pickup" mails.
			const seed = spawn(
				join(ROOT, 'node_modules/.bin/tsx'),
				[join(ROOT, 'src/lib/server/system/seed-cli.ts')],
				{ cwd: ROOT, env, stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'] }
			);
			const code = await new Promise((resolve, reject) => {
				seed.once('error', reject);
				seed.once('exit', resolve);
			});
			if (code !== 0) throw new Error(`loading the demo data failed (exit code ${code})`);
		}

		/** @type {number | undefined} */
		let appPid;
		if (options.appPort) {
			const app = spawn(process.execPath, [...(options.appNodeArgs ?? []), join(ROOT, 'build')], {
				cwd: ROOT,
				env: {
					POCKETBASE_URL: pbUrl,
					PATH: process.env.PATH,
					NODE_ENV: 'production',
					PORT: String(options.appPort),
					HOST: '127.0.0.1',
					ORIGIN: appUrl,
					// the largest form the app takes is a room's photos: 10 MB of files (src/lib/uploads.ts) and its fields
					BODY_SIZE_LIMIT: '11M',
					BORGERHUS_LIVE_EMAIL: liveAccount.email,
					BORGERHUS_LIVE_PASSWORD: liveAccount.password,
					...options.appEnv
				},
				stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit']
			});
			stops.push(() => stopChild(app));
			appPid = app.pid;
			await waitForHttp(`http://127.0.0.1:${options.appPort}/healthz`, { child: app });
		}
		// Process ids, for benchmarks that read the processes' memory.
		const pids = { pocketbase: () => pb?.pid, app: () => appPid };
		return { pbUrl, appUrl, superuser, mailDir: options.mailDir, smtpPort, pocketbase, pids, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Stops a child process: SIGTERM, then SIGKILL after 5 s.
 * @param {import('node:child_process').ChildProcess} child
 */
export function stopChild(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(undefined);
		});
		child.kill('SIGTERM');
	});
}

/**
 * Kills a child process with SIGKILL and waits until it is gone.
 * @param {import('node:child_process').ChildProcess} child
 */
function killChild(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve(undefined));
		child.kill('SIGKILL');
	});
}
