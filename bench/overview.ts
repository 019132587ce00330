// `npm run bench -- overview`: Mit overblik's server time with a large house loaded.
// Loads BENCH_USERS users (50,000) and BENCH_BOOKINGS bookings (1,000,000), gives one user
// BENCH_ENTRIES (500) entries of every kind (bookings, holds with a queue ahead, loans, shifts,
// registrations), then times GET /overblik on the built app (SSR: the app's queries with the user's
// token to PocketBase, plus rendering) and ends with `overview: p50_ms=.. p99_ms=.. rows=..`.
//
// Loading: rows are written with sqlite3 straight into the data.db of a stopped PocketBase (after its
// migrations ran), inside one transaction. Measured here, that is roughly 100 times faster than the
// batch API, which validates and writes each record through the app (about 2,000-4,000 records per
// second on two cores). The schema, indexes and hooks are the real ones; only the loading bypasses them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { freePort, startStack } from '../src/cli/stack.mjs';
import { percentile } from './_stack';
import { fetchTimelineInput } from '../src/lib/overview/load.server';

const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ROOMS = 20;
const PASSWORD = 'bench-password-123';
const DAY = 86_400;

const log = (line: string) => console.error(`[overview] ${line}`);

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-overview-'));
	const dataDir = join(dir, 'pb_data');
	const mailDir = join(dir, 'mail');
	try {
		// 1. Schema, system account and the timed user through PocketBase itself.
		let stack = await startStack({ dataDir, mailDir, quiet: true, log });
		const system = new PocketBase(stack.pbUrl);
		system.autoCancellation(false);
		await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
		const user = await system.collection('users').create({
			email: 'overblik@bench.invalid',
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Bench Overblik',
			verified: true,
			language: 'da'
		});
		for (let r = 0; r < ROOMS; r++)
			await system.collection('rooms').create({
				id: `room${String(r).padStart(11, '0')}`,
				name: `Lokale ${r}`,
				slug: `lokale-${r}`,
				capacity: 50,
				active: true
			});
		await stack.stop();

		// 2. Bulk load with sqlite3 into the stopped PocketBase's database.
		const started = Date.now();
		execFileSync('sqlite3', [join(dataDir, 'data.db')], {
			input: loadSql(user.id),
			stdio: ['pipe', 'inherit', 'inherit']
		});
		const loadSeconds = (Date.now() - started) / 1000;
		log(
			`loaded ${USERS} users, ${BOOKINGS} bookings and ${ENTRIES} entries of each kind in ${loadSeconds.toFixed(1)} s`
		);

		// 3. PocketBase and the built app again, then time Mit overblik as the user.
		const appPort = await freePort();
		stack = await startStack({ dataDir, mailDir, appPort, quiet: true, log });
		try {
			const base = stack.appUrl;
			const signIn = await fetch(`${base}/log-ind`, {
				method: 'POST',
				headers: {
					origin: new URL(base).origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ email: 'overblik@bench.invalid', password: PASSWORD }),
				redirect: 'manual'
			});
			const cookie = signIn.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ');
			if (signIn.status !== 303 || !cookie.includes('pb_auth='))
				throw new Error(
					`sign-in failed: ${signIn.status} ${(await signIn.text()).match(/notice[^<]*/)?.[0]}`
				);
			const load = async () => {
				const t0 = performance.now();
				const response = await fetch(`${base}/overblik`, { headers: { cookie } });
				const html = await response.text();
				const ms = performance.now() - t0;
				if (response.status !== 200) throw new Error(`/overblik answered ${response.status}`);
				return { ms, rows: (html.match(/class="card entry/g) ?? []).length };
			};
			for (let i = 0; i < 10; i++) await load();
			const times: number[] = [];
			let rows = 0;
			for (let i = 0; i < REQUESTS; i++) {
				const result = await load();
				times.push(result.ms);
				rows = result.rows;
			}
			// The PocketBase part alone: the same queries with the user's token, without rendering.
			const pb = new PocketBase(stack.pbUrl);
			pb.autoCancellation(false);
			await pb.collection('users').authWithPassword('overblik@bench.invalid', PASSWORD);
			const queryTimes: number[] = [];
			for (let i = 0; i < REQUESTS; i++) {
				const t0 = performance.now();
				await fetchTimelineInput(pb);
				queryTimes.push(performance.now() - t0);
			}
			const queries_p50 = percentile(queryTimes, 50).toFixed(1);
			log(
				`users=${USERS} bookings=${BOOKINGS} entries_per_kind=${ENTRIES} requests=${REQUESTS} load_s=${loadSeconds.toFixed(1)}`
			);
			console.log(
				`overview: p50_ms=${percentile(times, 50).toFixed(1)} p99_ms=${percentile(times, 99).toFixed(1)} rows=${rows} queries_p50_ms=${queries_p50} users=${USERS} bookings=${BOOKINGS} load_s=${Math.round(loadSeconds)}`
			);
		} finally {
			await stack.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The bulk load as one SQL script. Only constants of this script go into it; no outside input. */
function loadSql(userId: string): string {
	const now = Math.floor(Date.now() / 1000);
	const ts = (expr: string) => `strftime('%Y-%m-%d %H:%M:%S.000Z', ${expr}, 'unixepoch')`;
	const nowTs = ts(String(now));
	const seq = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
	const id = (prefix: string, expr = 'i') => `printf('${prefix}%0${15 - prefix.length}d', ${expr})`;
	const E = ENTRIES;
	return `
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;
BEGIN;
-- a real password hash, so the loaded accounts are like any other
${seq(USERS)} INSERT INTO users (id, email, name, password, tokenKey, verified, language, created, updated)
SELECT ${id('u')}, printf('u%d@bench.invalid', i), 'Borger ' || i, (SELECT password FROM users WHERE id = '${userId}'),
	lower(hex(randomblob(25))), 1, 'da', ${nowTs}, ${nowTs} FROM n;

-- bookings over two years around now, 2 hours each, in 20 rooms
${seq(BOOKINGS)} INSERT INTO bookings (id, room, booker, attendees, start, "end", status, purpose, created, updated)
SELECT ${id('b')}, printf('room%011d', i % ${ROOMS}), ${id('u', `(i % ${USERS}) + 1`)}, 10,
	${ts(`${now - 365 * DAY} + ((i * 7919) % ${730 * 24}) * 3600`)},
	${ts(`${now - 365 * DAY} + ((i * 7919) % ${730 * 24}) * 3600 + 7200`)},
	CASE i % 10 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'pending' ELSE 'approved' END, 'Møde', ${nowTs}, ${nowTs} FROM n;

-- the timed user: ${E} bookings from 30 days back and on, every 20 hours
${seq(E)} INSERT INTO bookings (id, room, booker, attendees, start, "end", status, purpose, created, updated)
SELECT ${id('ob')}, printf('room%011d', i % ${ROOMS}), '${userId}', 8,
	${ts(`${now - 30 * DAY} + i * 72000`)}, ${ts(`${now - 30 * DAY} + i * 72000 + 7200`)},
	CASE i % 7 WHEN 0 THEN 'pending' ELSE 'approved' END, 'Forening', ${nowTs}, ${nowTs} FROM n;

-- ${E} titles with two copies each; the user holds each, behind three earlier holds
${seq(E)} INSERT INTO titles (id, title, creator, type, created, updated)
SELECT ${id('t')}, 'Titel ' || i, 'Forfatter ' || i, 'book', ${nowTs}, ${nowTs} FROM n;
${seq(E * 2)} INSERT INTO copies (id, title, barcode, status, created, updated)
SELECT ${id('c')}, ${id('t', `((i - 1) % ${E}) + 1`)}, 'bc' || i, 'shelf', ${nowTs}, ${nowTs} FROM n;
${seq(E * 3)} INSERT INTO holds (id, title, patron, status, placed_at, created, updated)
SELECT ${id('qh')}, ${id('t', `((i - 1) % ${E}) + 1`)}, ${id('u', `((i - 1) / ${E}) + 1`)}, 'waiting',
	${ts(`${now - 10 * DAY} + i`)}, ${nowTs}, ${nowTs} FROM n;
${seq(E)} INSERT INTO holds (id, title, patron, status, placed_at, pickup_shelf, pickup_deadline, created, updated)
SELECT ${id('oh')}, ${id('t')}, '${userId}',
	CASE i % 5 WHEN 0 THEN 'ready' WHEN 1 THEN 'paused' ELSE 'waiting' END,
	${ts(`${now - 2 * DAY} + i`)}, CASE i % 5 WHEN 0 THEN 'H-' || i ELSE '' END,
	CASE i % 5 WHEN 0 THEN ${ts(`${now + 2 * DAY} + i * 60`)} ELSE '' END, ${nowTs}, ${nowTs} FROM n;

-- ${E} loans, a fifth of them returned in the last 30 days
${seq(E)} INSERT INTO loans (id, copy, patron, title, start, due, returned_at, created, updated)
SELECT ${id('ol')}, ${id('c', `i + ${E}`)}, '${userId}', ${id('t')}, ${ts(`${now - 20 * DAY}`)},
	${ts(`${now + 10 * DAY} + i * 600`)}, CASE i % 5 WHEN 0 THEN ${ts(`${now - 5 * DAY}`)} ELSE '' END, ${nowTs}, ${nowTs} FROM n;

-- ${E} events with a shift each; the user is registered for each and has each shift
${seq(E)} INSERT INTO events (id, title, start, "end", state, registration, capacity, category, created, updated)
SELECT ${id('e')}, 'Arrangement ' || i, ${ts(`${now + DAY} + i * 86400`)}, ${ts(`${now + DAY} + i * 86400 + 10800`)},
	'published', 1, 100, 'concert', ${nowTs}, ${nowTs} FROM n;
${seq(E)} INSERT INTO shifts (id, event, task, start, "end", places, created, updated)
SELECT ${id('s')}, ${id('e')}, 'Vagt ' || i, ${ts(`${now + DAY} + i * 86400 - 3600`)}, ${ts(`${now + DAY} + i * 86400 + 7200`)},
	3, ${nowTs}, ${nowTs} FROM n;
${seq(E)} INSERT INTO signups (id, shift, user, status, created, updated)
SELECT ${id('os')}, ${id('s')}, '${userId}', CASE i % 6 WHEN 0 THEN 'waitlisted' ELSE 'confirmed' END, ${nowTs}, ${nowTs} FROM n;
${seq(E)} INSERT INTO registrations (id, event, user, status, ticket_code, created, updated)
SELECT ${id('or')}, ${id('e')}, '${userId}', 'confirmed', lower(hex(randomblob(12))), ${nowTs}, ${nowTs} FROM n;
COMMIT;
ANALYZE;
`;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
