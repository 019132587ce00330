// `npm run bench -- ssr`: many people behind one address (a house's Wi-Fi, a school class, a mobile
// carrier's NAT) opening pages of the built app at once. Starts PocketBase with the demo data and the
// built app, then, for each of the start page, a room page, the events list, a title page and Mit
// overblik (signed in), and a static file beside them, keeps BENCH_CONNECTIONS (50) connections busy
// for BENCH_SECONDS (5) seconds, every request from the same address, and ends with
// `ssr: worst_req_s=.. worst_p99_ms=.. non2xx=.. static_req_s=.. worst=..` (worst = the page with the
// lowest throughput). Every non-2xx answer is counted (a 429 from a limit as much as a 500).
// BENCH_PAGES=/overblik,/ drives only those page types; BENCH_APP_PROFILE=dir has the app write a V8 CPU
// profile of the run there.
// A small keep-alive HTTP client of Node's own, so the figures need nothing beyond the repository.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { freePort, startStack } from '../src/cli/stack.mjs';
import { percentile } from './_stack';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The one address every request comes from (documentation range). */
const ADDRESS = '203.0.113.50';
const PASSWORD = 'bench-password-123';

const log = (line: string) => console.error(`[ssr] ${line}`);

interface Result {
	path: string;
	requests: number;
	reqPerS: number;
	p99: number;
	non2xx: number;
	statuses: Record<number, number>;
}

/** Keeps `CONNECTIONS` keep-alive connections busy on one path for `SECONDS` seconds. */
async function drive(base: string, path: string, cookie = ''): Promise<Result> {
	const url = new URL(path, base);
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
	const times: number[] = [];
	const statuses: Record<number, number> = {};
	const deadline = performance.now() + SECONDS * 1000;
	const one = () =>
		new Promise<void>((resolve, reject) => {
			const t0 = performance.now();
			const req = http.get(
				url,
				{
					agent,
					headers: {
						'x-forwarded-for': ADDRESS,
						accept: 'text/html',
						'accept-language': 'da',
						...(cookie ? { cookie } : {})
					}
				},
				(res) => {
					res.resume();
					res.on('end', () => {
						times.push(performance.now() - t0);
						statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
						resolve();
					});
				}
			);
			req.on('error', reject);
		});
	const worker = async () => {
		while (performance.now() < deadline) await one();
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: CONNECTIONS }, worker));
	const elapsed = (performance.now() - started) / 1000;
	agent.destroy();
	const non2xx = Object.entries(statuses)
		.filter(([status]) => Number(status) < 200 || Number(status) > 299)
		.reduce((sum, [, n]) => sum + n, 0);
	return {
		path,
		requests: times.length,
		reqPerS: times.length / elapsed,
		p99: percentile(times, 99),
		non2xx,
		statuses
	};
}

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-ssr-'));
	try {
		const appPort = await freePort();
		const stack = await startStack({
			dataDir: join(dir, 'pb_data'),
			mailDir: join(dir, 'mail'),
			appPort,
			seed: true,
			quiet: true,
			log,
			appEnv: {
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			},
			// BENCH_APP_PROFILE=dir: the app writes a V8 CPU profile of the whole run there when it stops
			appNodeArgs: process.env.BENCH_APP_PROFILE
				? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_APP_PROFILE}`]
				: []
		});
		try {
			const system = new PocketBase(stack.pbUrl);
			system.autoCancellation(false);
			await system
				.collection('_superusers')
				.authWithPassword(stack.superuser.email, stack.superuser.password);
			const room = await system.collection('rooms').getFirstListItem('active = true', { sort: 'name' });
			const title = await system.collection('titles').getFirstListItem('', { sort: 'title' });
			await system.collection('users').create({
				email: 'ssr@bench.invalid',
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name: 'Bench SSR',
				verified: true,
				language: 'da'
			});
			const base = stack.appUrl;
			const signIn = await fetch(`${base}/log-ind`, {
				method: 'POST',
				headers: {
					origin: new URL(base).origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': ADDRESS
				},
				body: new URLSearchParams({ email: 'ssr@bench.invalid', password: PASSWORD }),
				redirect: 'manual'
			});
			const cookie = signIn.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ');
			if (signIn.status !== 303) throw new Error(`sign-in failed: ${signIn.status}`);

			const typeOf = (path: string) =>
				path
					.replace(`/lokaler/${room.slug}`, '/lokaler/[slug]')
					.replace(`/bibliotek/${title.id}`, '/bibliotek/[id]');
			// BENCH_PAGES=/overblik,/ drives only those page types (the static file always)
			const only = process.env.BENCH_PAGES?.split(',');
			const pages = (
				[
					['/', ''],
					[`/lokaler/${room.slug}`, ''],
					['/arrangementer', ''],
					[`/bibliotek/${title.id}`, ''],
					['/overblik', cookie]
				] as [string, string][]
			).filter(([path]) => !only || only.includes(typeOf(path)));
			if (!pages.length)
				throw new Error(
					`BENCH_PAGES names no page type of this bench: /, /lokaler/[slug], /arrangementer, /bibliotek/[id], /overblik`
				);
			// Warm up: the first requests compile templates and fill PocketBase's caches.
			for (const [path, c] of pages) await drive(base, path, c).catch(() => undefined);
			const staticResult = await drive(base, '/robots.txt');
			const results: Result[] = [];
			for (const [path, c] of pages) {
				const result = await drive(base, path, c);
				log(
					`${path}: ${result.reqPerS.toFixed(0)} req/s p99=${result.p99.toFixed(1)} ms statuses=${JSON.stringify(result.statuses)}`
				);
				results.push(result);
			}
			log(`/robots.txt: ${staticResult.reqPerS.toFixed(0)} req/s p99=${staticResult.p99.toFixed(1)} ms`);
			const worst = results.reduce((a, b) => (b.reqPerS < a.reqPerS ? b : a));
			const worstP99 = Math.max(...results.map((r) => r.p99));
			const non2xx = results.reduce((sum, r) => sum + r.non2xx, 0) + staticResult.non2xx;
			const worstName = typeOf(worst.path);
			console.log(
				`ssr: worst_req_s=${worst.reqPerS.toFixed(0)} worst_p99_ms=${worstP99.toFixed(1)} non2xx=${non2xx} static_req_s=${staticResult.reqPerS.toFixed(0)} worst=${worstName} connections=${CONNECTIONS} seconds=${SECONDS}`
			);
		} finally {
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
