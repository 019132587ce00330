// `npm run bench -- noshow`: the no-show release job (docs/rules.md, "Check-in and no-shows") at scale.
// 20 rooms that require check-in hold 10,000 approved bookings, an hour each, back to back over the last
// three weeks; a third were never checked in. The job then runs once, through the system account's route,
// as at one moment T (the grace deadline of the latest due bookings); the newest booking of each room is
// still ahead (not due). Ends with
// `noshow: bookings=.. due=.. released=.. wrongly_released=.. job_ms=..`, where `due` is what should be
// released (not checked in, grace ended by T), `released` what the job released, and `wrongly_released`
// the released bookings that were checked in or not yet due at T (must be 0).
//
// Loading: rows are written with sqlite3 straight into the data.db of a stopped PocketBase (after its
// migrations ran), as bench/overview.ts does; the schema, indexes and hooks are the real ones.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { startStack } from '../src/cli/stack.mjs';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 10_000);
const ROOMS = 20;
const USERS = 500;
const ASSOCIATIONS = 50;
const GRACE_MINUTES = 15;

const log = (line: string) => console.error(`[noshow] ${line}`);

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-noshow-'));
	const dataDir = join(dir, 'pb_data');
	const mailDir = join(dir, 'mail');
	// T: the moment the job runs as, on the whole minute
	const T = Math.floor(Date.now() / 60_000) * 60_000;
	try {
		let stack = await startStack({ dataDir, mailDir, quiet: true, log });
		let system = await signIn(stack);
		for (let r = 0; r < ROOMS; r++)
			await system.collection('rooms').create({
				id: `room${String(r).padStart(11, '0')}`,
				name: `Lokale ${r}`,
				slug: `lokale-${r}`,
				capacity: 50,
				active: true,
				checkin_required: true,
				checkin_opens_minutes: 15,
				checkin_grace_minutes: GRACE_MINUTES,
				checkin_since: new Date(T - 400 * 86_400_000).toISOString()
			});
		await stack.stop();

		const started = Date.now();
		execFileSync('sqlite3', [join(dataDir, 'data.db')], {
			input: loadSql(T),
			stdio: ['pipe', 'inherit', 'inherit']
		});
		log(`loaded ${BOOKINGS} bookings in ${((Date.now() - started) / 1000).toFixed(1)} s`);

		stack = await startStack({ dataDir, mailDir, quiet: true, log });
		system = await signIn(stack);
		try {
			const cutoff = pbDate(T - GRACE_MINUTES * 60_000);
			const count = async (filter: string) =>
				(await system.collection('bookings').getList(1, 1, { filter, fields: 'id' })).totalItems;
			const total = await count('');
			const due = await count(
				system.filter('status = "approved" && checked_in_at = "" && start <= {:cutoff}', { cutoff })
			);
			const t0 = performance.now();
			const answer = await system.send<{ due: number; released: number }>(
				'/api/borgerhus/rooms/release/run',
				{ method: 'POST', body: { now: T } }
			);
			const jobMs = performance.now() - t0;
			const wrongly = await count(
				system.filter('status = "no_show" && (checked_in_at != "" || start > {:cutoff})', { cutoff })
			);
			const released = await count('status = "no_show"');
			const busyLeft = (
				await system.collection('room_busy').getList(1, 1, {
					filter: system.filter('start <= {:cutoff}', { cutoff }),
					fields: 'id'
				})
			).totalItems;
			log(`job answered due=${answer.due} released=${answer.released}; busy rows left before T: ${busyLeft}`);
			console.log(
				`noshow: bookings=${total} due=${due} released=${released} wrongly_released=${wrongly} job_ms=${Math.round(jobMs)}`
			);
		} finally {
			await stack.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function signIn(stack: { pbUrl: string; superuser: { email: string; password: string } }) {
	const system = new PocketBase(stack.pbUrl);
	system.autoCancellation(false);
	await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
	return system;
}

function pbDate(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ');
}

/** The bulk load as one SQL script. Only constants of this script go into it; no outside input. */
function loadSql(T: number): string {
	const now = Math.floor(T / 1000);
	const ts = (expr: string) => `strftime('%Y-%m-%d %H:%M:%S.000Z', ${expr}, 'unixepoch')`;
	const nowTs = ts(String(now));
	const seq = (n: number) =>
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;
	const id = (prefix: string, expr = 'i') => `printf('${prefix}%0${15 - prefix.length}d', ${expr})`;
	// booking i: room i % ROOMS, slot k = i / ROOMS hours back; k = 0 starts 30 minutes after T (not due),
	// k = 1 started GRACE + 1 minutes before T (its grace just ended), and so on back
	const start = `(CASE WHEN (i / ${ROOMS}) = 0 THEN ${now + 1800} ELSE ${now - (GRACE_MINUTES + 1) * 60} - ((i / ${ROOMS}) - 1) * 3600 END)`;
	return `
PRAGMA synchronous = OFF;
BEGIN;
${seq(USERS)} INSERT INTO users (id, email, name, password, tokenKey, verified, language, notify_email, created, updated)
SELECT ${id('u')}, printf('u%d@bench.invalid', i), 'Borger ' || i, 'x', lower(hex(randomblob(25))), 1, 'da', 0,
	${nowTs}, ${nowTs} FROM n;
${seq(ASSOCIATIONS)} INSERT INTO associations (id, name, cvr, verified, created, updated)
SELECT ${id('a')}, 'Forening ' || i, printf('9%07d', i), 1, ${nowTs}, ${nowTs} FROM n;
${seq(ASSOCIATIONS)} INSERT INTO memberships (id, association, user, role, status, created, updated)
SELECT ${id('m')}, ${id('a')}, ${id('u')}, 'admin', 'active', ${nowTs}, ${nowTs} FROM n;
-- a third (i % 3 = 0) never checked in; the rest checked in five minutes before the start
${seq(BOOKINGS)} INSERT INTO bookings (id, room, booker, association, attendees, start, "end", status, purpose,
	checked_in_at, checked_in_by, created, updated)
SELECT ${id('b')}, printf('room%011d', i % ${ROOMS}), ${id('u', `i % ${USERS}`)},
	CASE WHEN i % 2 = 0 THEN ${id('a', `(i / 2) % ${ASSOCIATIONS}`)} ELSE '' END, 10,
	${ts(start)}, ${ts(`${start} + 3600`)}, 'approved', 'Møde',
	CASE WHEN i % 3 = 0 OR (i / ${ROOMS}) = 0 THEN '' ELSE ${ts(`${start} - 300`)} END,
	CASE WHEN i % 3 = 0 OR (i / ${ROOMS}) = 0 THEN '' ELSE ${id('u', `i % ${USERS}`)} END,
	${nowTs}, ${nowTs} FROM n;
INSERT INTO room_busy (id, room, start, "end", kind, source)
SELECT 'r' || substr(id, 2), room, start, "end", 'booking', id FROM bookings;
COMMIT;
ANALYZE;
`;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
