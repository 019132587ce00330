// `npm run bench -- live`: many signed-in browsers on the live stream at once. Starts PocketBase and the
// built app (`npm run build` first) on free ports with a temporary data directory, creates BENCH_CLIENTS
// (2000) users, and opens one /live stream per user as a room page with the unread badge does
// (`/live?c=room_busy,closures,notifications`), each with its own session cookie and its own address.
//
// Signing in: the app's sign-in is limited per address (10 a minute), so the bench does not sign in
// through /log-ind. It asks PocketBase's impersonate endpoint (as the superuser) for each user's token and
// stores it in the `pb_auth` cookie exactly as the app's sign-in does (the SDK's cookie format); the app
// checks and refreshes that cookie on the stream's request like on any page.
//
// Once every stream has said `ready`, it creates one closure of a room (public: every client must hear
// it) and times, in this process, until each client has the change. It does so with half the clients
// (BENCH_CLIENTS / 2) and again with all of them, reads the resident memory of the app and of PocketBase
// (/proc/PID/status) before any client and at both sizes, and ends with
// `live: clients=.. delivered=.. p50_ms=.. p99_ms=.. rss_mb_app=.. rss_mb_pb=.. kb_per_client_app=..
// kb_per_client_pb=..` for the full size (delivered = clients that heard every change; kB per client =
// memory growth between the two sizes / clients added). Each size makes BENCH_ROUNDS (3) changes.
//
// File descriptors: the bench, the app and PocketBase each hold one socket per client (the app two
// when it opens a PocketBase connection per client), so `ulimit -n` must be well above the client count;
// the bench checks it, and the app and PocketBase inherit it.
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { freePort, startStack } from '../src/cli/stack.mjs';
import { benchRoom, percentile } from './_stack';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COLLECTIONS = 'room_busy,closures,notifications';
/** How long a change may take before the clients that have not heard it count as dropped. */
const DELIVERY_TIMEOUT_MS = 10_000;
const PASSWORD = 'bench-password-123';

const log = (line: string) => console.error(`[live] ${line}`);

/** One browser-like client: an open /live stream and the changes it heard, with their arrival times. */
interface Client {
	ready: Promise<void>;
	heard: Map<string, number>;
	closed: boolean;
	close: () => void;
}

function openStream(base: URL, cookie: string, address: string): Client {
	const heard = new Map<string, number>();
	let markReady: () => void = () => {};
	let fail: (error: Error) => void = () => {};
	const ready = new Promise<void>((resolve, reject) => {
		markReady = resolve;
		fail = reject;
	});
	const client: Client = { ready, heard, closed: false, close: () => {} };
	const req = http.get(
		new URL(`/live?c=${COLLECTIONS}`, base),
		{
			agent: false,
			headers: { accept: 'text/event-stream', cookie, 'x-forwarded-for': address }
		},
		(res) => {
			if (res.statusCode !== 200) {
				fail(new Error(`/live answered ${res.statusCode}`));
				res.resume();
				return;
			}
			res.setEncoding('utf8');
			let buffer = '';
			res.on('data', (chunk: string) => {
				const now = performance.now();
				buffer += chunk;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					if (message.startsWith('event: ready')) markReady();
					else if (message.startsWith('event: change')) {
						const data = message.slice(message.indexOf('data: ') + 6);
						const change = JSON.parse(data) as { id: string };
						if (!heard.has(change.id)) heard.set(change.id, now);
					}
				}
			});
			res.on('close', () => {
				client.closed = true;
				fail(new Error('stream closed'));
			});
		}
	);
	req.on('error', (error) => {
		client.closed = true;
		fail(error);
	});
	client.close = () => req.destroy();
	return client;
}

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number | undefined): number {
	if (!pid) return 0;
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : 0;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
	if (!pid) return 0;
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(
	items: T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index] as T, index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

function openFilesLimit(): number {
	try {
		return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
	} catch {
		return Number.NaN;
	}
}

interface Measure {
	clients: number;
	delivered: number;
	latencies: number[];
	rssApp: number;
	rssPb: number;
}

async function main() {
	const limit = openFilesLimit();
	if (Number.isFinite(limit) && limit < CLIENTS * 2 + 200) {
		throw new Error(`ulimit -n is ${limit}; raise it above ${CLIENTS * 2 + 200} for ${CLIENTS} clients`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-live-'));
	const clients: Client[] = [];
	try {
		const appPort = await freePort();
		const stack = await startStack({
			dataDir: join(dir, 'pb_data'),
			mailDir: join(dir, 'mail'),
			appPort,
			quiet: true,
			log,
			appEnv: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }
		});
		try {
			const system = new PocketBase(stack.pbUrl);
			system.autoCancellation(false);
			await system
				.collection('_superusers')
				.authWithPassword(stack.superuser.email, stack.superuser.password);
			const room = await benchRoom(system, 'Live-salen', 'live-salen');

			// Users are written with sqlite3 into the stopped PocketBase (hashing 2,000 passwords through the
			// API takes minutes); each is a copy of one user made through the API, with its own token key.
			const first = await system.collection('users').create({
				email: 'live-0@bench.invalid',
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name: 'Live 0',
				verified: true,
				language: 'da'
			});
			const started = performance.now();
			await stack.pocketbase.kill();
			execFileSync('sqlite3', [join(dir, 'pb_data', 'data.db')], {
				input: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CLIENTS - 1})
INSERT INTO users (id, email, name, password, tokenKey, verified, language, created, updated)
SELECT printf('live%011d', i), printf('live-%d@bench.invalid', i), 'Live ' || i, u.password,
	lower(hex(randomblob(25))), 1, 'da', u.created, u.updated FROM n, users u WHERE u.id = '${first.id}';`,
				stdio: ['pipe', 'inherit', 'inherit']
			});
			await stack.pocketbase.restart();
			await system
				.collection('_superusers')
				.authWithPassword(stack.superuser.email, stack.superuser.password);
			const ids = [
				first.id,
				...Array.from({ length: CLIENTS - 1 }, (_, k) => `live${String(k + 1).padStart(11, '0')}`)
			];
			const cookies = await pool(ids, 8, async (id) => {
				const impersonated = await system.collection('users').impersonate(id, 7200);
				const cookie = impersonated.authStore.exportToCookie(
					{ httpOnly: true, sameSite: 'Lax', path: '/' },
					'pb_auth'
				);
				return cookie.split(';')[0] as string;
			});
			log(`${CLIENTS} users in ${((performance.now() - started) / 1000).toFixed(1)} s`);

			const base = new URL(stack.appUrl);
			base.hostname = '127.0.0.1';
			const rss = () => ({ app: rssMb(stack.pids.app()), pb: rssMb(stack.pids.pocketbase()) });
			const idle = rss();
			log(`no clients: rss app=${idle.app.toFixed(1)} MB pb=${idle.pb.toFixed(1)} MB`);

			let day = 0;
			const measure = async (count: number): Promise<Measure> => {
				const t0 = performance.now();
				const opened = Array.from({ length: count - clients.length }, (_, k) => clients.length + k);
				await pool(opened, 50, async (i) => {
					const client = openStream(base, cookies[i] as string, `198.18.${i >> 8}.${i & 255}`);
					clients.push(client);
					await client.ready;
				});
				log(`${count} clients connected in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
				await new Promise((r) => setTimeout(r, 2_000)); // let memory settle
				const memory = rss();
				const latencies: number[] = [];
				const ids: string[] = [];
				const writes: number[] = [];
				/** CPU each process spent from the write until every client had the change (or the timeout). */
				const cpu: string[] = [];
				for (let round = 0; round < ROUNDS; round++) {
					day += 1;
					const start = new Date(Date.UTC(2030, 0, 1) + day * 86_400_000);
					const cpuBefore = { app: cpuMs(stack.pids.app()), pb: cpuMs(stack.pids.pocketbase()) };
					const benchBefore = process.cpuUsage();
					const sent = performance.now();
					const closure = await system.collection('closures').create({
						room: room.id,
						start: start.toISOString(),
						end: new Date(start.getTime() + 3_600_000).toISOString(),
						reason: `Live ${day}`
					});
					ids.push(closure.id);
					writes.push(performance.now() - sent);
					const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
					while (performance.now() < deadline && clients.some((c) => !c.heard.has(closure.id))) {
						await new Promise((r) => setTimeout(r, 20));
					}
					const bench = process.cpuUsage(benchBefore);
					cpu.push(
						`app ${cpuMs(stack.pids.app()) - cpuBefore.app} ms, PocketBase ${cpuMs(stack.pids.pocketbase()) - cpuBefore.pb} ms, bench ${((bench.user + bench.system) / 1000).toFixed(0)} ms`
					);
					for (const c of clients) {
						const at = c.heard.get(closure.id);
						if (at !== undefined) latencies.push(at - sent);
					}
					log(
						`${count} clients, change ${round + 1}: heard by ${clients.filter((c) => c.heard.has(closure.id)).length}, p99 ${percentile(latencies, 99).toFixed(0)} ms so far`
					);
				}
				const delivered = clients.filter((c) => ids.every((id) => c.heard.has(id))).length;
				log(
					`${count} clients: delivered=${delivered} p50=${percentile(latencies, 50).toFixed(0)} ms p99=${percentile(latencies, 99).toFixed(0)} ms rss app=${memory.app.toFixed(1)} MB pb=${memory.pb.toFixed(1)} MB (the closure's own request took ${writes.map((w) => w.toFixed(0)).join(', ')} ms)`
				);
				log(`${count} clients, CPU per change until delivered: ${cpu.join('; ')}`);
				return { clients: count, delivered, latencies, rssApp: memory.app, rssPb: memory.pb };
			};

			const half = await measure(Math.floor(CLIENTS / 2));
			const full = await measure(CLIENTS);
			const added = full.clients - half.clients;
			const kbApp = ((full.rssApp - half.rssApp) * 1024) / added;
			const kbPb = ((full.rssPb - half.rssPb) * 1024) / added;
			log(
				`one more client costs about ${kbApp.toFixed(0)} kB in the app and ${kbPb.toFixed(0)} kB in PocketBase`
			);
			console.log(
				`live: clients=${full.clients} delivered=${full.delivered} p50_ms=${percentile(full.latencies, 50).toFixed(0)} p99_ms=${percentile(full.latencies, 99).toFixed(0)} rss_mb_app=${full.rssApp.toFixed(0)} rss_mb_pb=${full.rssPb.toFixed(0)} kb_per_client_app=${kbApp.toFixed(0)} kb_per_client_pb=${kbPb.toFixed(0)} rounds=${ROUNDS} half_clients=${half.clients} half_delivered=${half.delivered} half_p99_ms=${percentile(half.latencies, 99).toFixed(0)}`
			);
		} finally {
			for (const c of clients) c.close();
			await stack.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
