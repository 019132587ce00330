// `npm run bench -- reads`: server time of the built app for the room week, the public event list, a title
// page with its queue and Mit overblik (signed in), with a full house loaded (1,000,000 bookings, 100,000
// titles, 50,000 users, 10,000 events) and again with a hundredth of it. Ends with
// `reads: room_week_p50_ms=.. events_p50_ms=.. title_p50_ms=.. overview_p50_ms=.. worst_p99_ms=.. growth_max=..`
// (the p50s at full size; growth = p50 at full size / p50 at a hundredth, the largest of the four pages),
// then the same for the pages that read every room at once, the lobby screen, the free-room search and
// staff's booking calendar (signed in as staff):
// `lobby_p50_ms=.. free_rooms_p50_ms=.. staff_calendar_p50_ms=.. all_rooms_p99_ms=.. all_rooms_growth=..`.
//
// The house grows the way a real one does: more rooms and a longer history, not fuller weeks. Bookings are
// five a day per room (two hours each) over 1,000 days around today, so a room's week holds the same 35
// bookings at both sizes; the rooms are bookings / 5,000. A tenth are cancelled; a tenth of those in the next
// 30 days wait for staff's approval (pending), every other one staff have approved. Rows are written with
// sqlite3 straight into the data.db of a stopped PocketBase after its migrations ran (as bench/overview
// does); busy intervals are written beside the bookings as the booking hooks would. BENCH_SCALE (1) scales
// the full size, e.g. 0.1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { freePort, startStack } from '../src/cli/stack.mjs';
import { localParts } from '../pb_hooks/lib/rooms-policy.js';
import { signIn } from './_pages';
import { percentile } from './_stack';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ENTRIES = 50;
const PASSWORD = 'bench-password-123';
const DAY = 86_400;

const log = (line: string) => console.error(`[reads] ${line}`);

interface Size {
	users: number;
	bookings: number;
	titles: number;
	events: number;
}

interface Timing {
	p50: number;
	p99: number;
}

type Pages = Record<
	'room_week' | 'events' | 'title' | 'overview' | 'lobby' | 'free_rooms' | 'staff_calendar',
	Timing
>;

async function measure(size: Size): Promise<Pages> {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-reads-'));
	const dataDir = join(dir, 'pb_data');
	const mailDir = join(dir, 'mail');
	try {
		let stack = await startStack({ dataDir, mailDir, quiet: true, log });
		const system = new PocketBase(stack.pbUrl);
		system.autoCancellation(false);
		await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
		const user = await system.collection('users').create({
			email: 'reads@bench.invalid',
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Bench Reads',
			verified: true,
			language: 'da'
		});
		// staff, for the staff calendar: every room's day
		await system.collection('users').create({
			email: 'reads-staff@bench.invalid',
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Bench Staff',
			verified: true,
			language: 'da',
			staff: true
		});
		const rooms = Math.max(1, Math.round(size.bookings / 5000));
		const allDay = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['07:00', '22:00']]])
		);
		for (let r = 0; r < rooms; r++)
			await system.collection('rooms').create({
				id: `room${String(r).padStart(11, '0')}`,
				name: `Lokale ${r}`,
				slug: `lokale-${r}`,
				capacity: 50,
				who_may_book: 'citizens',
				opening_hours: allDay,
				step_minutes: 30,
				horizon_days: 365,
				active: true
			});
		await stack.stop();

		const started = Date.now();
		execFileSync('sqlite3', [join(dataDir, 'data.db')], {
			input: loadSql(user.id, size, rooms),
			stdio: ['pipe', 'inherit', 'inherit']
		});
		log(
			`loaded users=${size.users} bookings=${size.bookings} rooms=${rooms} titles=${size.titles} events=${size.events} in ${((Date.now() - started) / 1000).toFixed(1)} s`
		);

		const appPort = await freePort();
		stack = await startStack({ dataDir, mailDir, appPort, quiet: true, log });
		try {
			const base = stack.appUrl;
			const citizen = await signIn(base, 'reads@bench.invalid', PASSWORD);
			const staff = await signIn(base, 'reads-staff@bench.invalid', PASSWORD);
			const time = async (path: string, cookie?: string): Promise<Timing> => {
				const one = async () => {
					const t0 = performance.now();
					const response = await fetch(base + path, { headers: cookie ? { cookie } : {} });
					await response.text();
					const ms = performance.now() - t0;
					if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
					return ms;
				};
				for (let i = 0; i < 10; i++) await one();
				const times: number[] = [];
				for (let i = 0; i < REQUESTS; i++) times.push(await one());
				return { p50: percentile(times, 50), p99: percentile(times, 99) };
			};
			const pages: Pages = {
				room_week: await time('/lokaler/lokale-0'),
				events: await time('/arrangementer'),
				title: await time(`/bibliotek/${'t'.padEnd(15 - 1, '0')}1`),
				overview: await time('/overblik', citizen),
				// the pages that read every room at once: what is on now, which room is free, and staff's day
				lobby: await time('/skaerm'),
				free_rooms: await time(
					`/lokaler/ledige?dato=${localParts(Date.now()).date}&fra=10:00&til=12:00&antal=5`
				),
				staff_calendar: await time('/personale/bookinger', staff)
			};
			for (const [name, t] of Object.entries(pages))
				log(`${name} (bookings=${size.bookings}): p50=${t.p50.toFixed(1)} p99=${t.p99.toFixed(1)}`);
			// Where the time goes: PocketBase's own request log, per endpoint (its time inside PocketBase).
			const profile = execFileSync('sqlite3', [join(dataDir, 'auxiliary.db')], {
				input: `SELECT printf('%-60s n=%5d avg_ms=%6.2f', endpoint, count(*), avg(ms)) FROM (SELECT json_extract(data, '$.method') || ' ' || substr(json_extract(data, '$.url'), 1, instr(json_extract(data, '$.url') || '?', '?') - 1) AS endpoint, json_extract(data, '$.execTime') AS ms FROM _logs WHERE json_extract(data, '$.type') = 'request') GROUP BY endpoint ORDER BY count(*) * avg(ms) DESC LIMIT 12;`
			}).toString();
			log(`PocketBase time per endpoint (bookings=${size.bookings}):\n${profile}`);
			return pages;
		} finally {
			await stack.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The bulk load as one SQL script. Only constants of this script go into it; no outside input. */
function loadSql(userId: string, size: Size, rooms: number): string {
	const now = Math.floor(Date.now() / 1000);
	const today = now - (now % DAY);
	const ts = (expr: string) => `strftime('%Y-%m-%d %H:%M:%S.000Z', ${expr}, 'unixepoch')`;
	const nowTs = ts(String(now));
	const seq = (n: number) =>
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;
	const id = (prefix: string, expr = 'i') => `printf('${prefix}%0${15 - prefix.length}d', ${expr})`;
	// booking i: room i % rooms, day (i / rooms) / 5 of 1,000 from 500 days back, slot (i / rooms) % 5
	const bookingStart = `${today - 500 * DAY} + ((i / ${rooms}) / 5) * 86400 + (8 + ((i / ${rooms}) % 5) * 2) * 3600`;
	const E = ENTRIES;
	return `
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;
BEGIN;
${seq(size.users)} INSERT INTO users (id, email, name, password, tokenKey, verified, language, created, updated)
SELECT ${id('u')}, printf('u%d@bench.invalid', i), 'Borger ' || i, (SELECT password FROM users WHERE id = '${userId}'),
	lower(hex(randomblob(25))), 1, 'da', ${nowTs}, ${nowTs} FROM n;

${seq(size.bookings)} INSERT INTO bookings (id, room, booker, attendees, start, "end", status, purpose, created, updated)
SELECT ${id('b')}, printf('room%011d', i % ${rooms}), ${id('u', `i % ${size.users}`)}, 10,
	${ts(bookingStart)}, ${ts(`${bookingStart} + 7200`)},
	CASE WHEN i % 10 = 0 THEN 'cancelled' WHEN i % 10 = 1 AND ${bookingStart} BETWEEN ${now} AND ${now + 30 * DAY} THEN 'pending' ELSE 'approved' END,
	'Møde', ${nowTs}, ${nowTs} FROM n;
INSERT INTO room_busy (id, room, start, "end", kind, source)
SELECT printf('rb%013d', CAST(substr(id, 2) AS INTEGER)), room, start, "end", 'booking', id FROM bookings
WHERE id LIKE 'b%' AND status != 'cancelled';

-- the timed user: ${E} bookings from 30 days back and on, every 20 hours
${seq(E)} INSERT INTO bookings (id, room, booker, attendees, start, "end", status, purpose, created, updated)
SELECT ${id('ob')}, printf('room%011d', i % ${rooms}), '${userId}', 8,
	${ts(`${now - 30 * DAY} + i * 72000`)}, ${ts(`${now - 30 * DAY} + i * 72000 + 7200`)},
	CASE i % 7 WHEN 0 THEN 'pending' ELSE 'approved' END, 'Forening', ${nowTs}, ${nowTs} FROM n;

${seq(size.titles)} INSERT INTO titles (id, title, creator, type, created, updated)
SELECT ${id('t', 'i + 1')}, 'Titel ' || (i + 1), 'Forfatter ' || (i % 5000), 'book', ${nowTs}, ${nowTs} FROM n;
${seq(size.titles * 2)} INSERT INTO copies (id, title, barcode, status, created, updated)
SELECT ${id('c', 'i + 1')}, ${id('t', `(i % ${size.titles}) + 1`)}, 'bc' || i, 'shelf', ${nowTs}, ${nowTs} FROM n;
-- every tenth title has five holds waiting, the user's among those of the first ${E}
${seq(size.titles / 2)} INSERT INTO holds (id, title, patron, status, placed_at, created, updated)
SELECT ${id('h', 'i + 1')}, ${id('t', `(i / 5) * 10 + 1`)}, ${id('u', `i % ${size.users}`)}, 'waiting',
	${ts(`${now - 10 * DAY} + i`)}, ${nowTs}, ${nowTs} FROM n;
${seq(E)} INSERT INTO holds (id, title, patron, status, placed_at, created, updated)
SELECT ${id('oh')}, ${id('t', 'i * 10 + 1')}, '${userId}', 'waiting', ${ts(`${now - 2 * DAY} + i`)}, ${nowTs}, ${nowTs} FROM n;

-- events: ten a day over 1,000 days around today, each with a shift; the user registered for ${E}
${seq(size.events)} INSERT INTO events (id, title, start, "end", state, registration, capacity, category, created, updated)
SELECT ${id('e')}, 'Arrangement ' || i, ${ts(`${today - 500 * DAY} + (i * 1000 / ${size.events}) * 86400 + 36000 + (i % 10) * 1800`)},
	${ts(`${today - 500 * DAY} + (i * 1000 / ${size.events}) * 86400 + 46800 + (i % 10) * 1800`)},
	'published', 1, 100, 'concert', ${nowTs}, ${nowTs} FROM n;
${seq(size.events)} INSERT INTO shifts (id, event, task, start, "end", places, created, updated)
SELECT ${id('s')}, ${id('e')}, 'Vagt ' || i, e.start, e."end", 3, ${nowTs}, ${nowTs} FROM n JOIN events e ON e.id = ${id('e')};
${seq(E)} INSERT INTO registrations (id, event, user, status, ticket_code, created, updated)
SELECT ${id('or')}, ${id('e', `${size.events / 2} + i`)}, '${userId}', 'confirmed', lower(hex(randomblob(12))), ${nowTs}, ${nowTs} FROM n;
COMMIT;
ANALYZE;
`;
}

async function main() {
	const full: Size = {
		users: Math.round(50_000 * SCALE),
		bookings: Math.round(1_000_000 * SCALE),
		titles: Math.round(100_000 * SCALE),
		events: Math.round(10_000 * SCALE)
	};
	const small: Size = {
		users: full.users / 100,
		bookings: full.bookings / 100,
		titles: full.titles / 100,
		events: full.events / 100
	};
	const a = await measure(small);
	const b = await measure(full);
	// growth and the worst p99 over the four pages of one room, one title, one user and the programme;
	// the lobby, the free-room search and the staff calendar read every room, and the full house has a
	// hundred times the rooms, so their growth is reported on its own (all_rooms_growth)
	const pages: (keyof Pages)[] = ['room_week', 'events', 'title', 'overview'];
	const allRooms: (keyof Pages)[] = ['lobby', 'free_rooms', 'staff_calendar'];
	const growthOf = (names: (keyof Pages)[]) => Math.max(...names.map((n) => b[n].p50 / a[n].p50));
	const worstP99 = Math.max(...pages.map((n) => b[n].p99));
	const allRoomsP99 = Math.max(...allRooms.map((n) => b[n].p99));
	console.log(
		`reads: room_week_p50_ms=${b.room_week.p50.toFixed(1)} events_p50_ms=${b.events.p50.toFixed(1)} title_p50_ms=${b.title.p50.toFixed(1)} overview_p50_ms=${b.overview.p50.toFixed(1)} worst_p99_ms=${worstP99.toFixed(1)} growth_max=${growthOf(pages).toFixed(2)} lobby_p50_ms=${b.lobby.p50.toFixed(1)} free_rooms_p50_ms=${b.free_rooms.p50.toFixed(1)} staff_calendar_p50_ms=${b.staff_calendar.p50.toFixed(1)} all_rooms_p99_ms=${allRoomsP99.toFixed(1)} all_rooms_growth=${growthOf(allRooms).toFixed(2)} bookings=${full.bookings} titles=${full.titles} users=${full.users}`
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
