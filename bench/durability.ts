// durability: 50 clients write through the API (40 users creating rule-checked bookings, each saved with its
// busy-interval row in one transaction; 10 plain audit_log creates) while PocketBase is killed with SIGKILL
// and started again on the same data directory, KILLS times. Every create that was answered 2xx must still
// be there afterwards, and no booking may have lost its busy row or the other way round (torn).
// Then a backup made through PocketBase's backups API is restored by a second PocketBase through the same API,
// and every collection (schema, ids and a hash of all fields) must equal the original.
// Ends with `durability: acknowledged=.. lost=.. torn=.. kills=.. backup_records=.. restored_equal=..`.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { waitForHttp } from '../src/cli/stack.mjs';
import { toPbDate } from '../src/lib/dates';
import { benchUsers, startBenchStack, type BenchStack, benchRoom } from './_stack';

const BOOKERS = 40;
const AUDITORS = 10;
const KILLS = 3;
/** Write load between two kills. */
const LOAD_MS = 2_500;
const BACKUP = 'durability.zip';
type Kind = 'bookings' | 'audit_log';

/** JSON with object keys in a fixed order, so equal data always hashes the same. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Snapshot {
	schema: string;
	collections: Map<string, { ids: string[]; hash: string }>;
	records: number;
}

/** Every collection's definition, and the ids and a hash of all records of each (views left out). */
async function snapshot(pb: PocketBase): Promise<Snapshot> {
	const definitions = await pb.collections.getFullList({ sort: 'name' });
	const collections = new Map<string, { ids: string[]; hash: string }>();
	let records = 0;
	for (const collection of definitions) {
		if (collection.type === 'view') continue;
		const rows = await pb.collection(collection.name).getFullList({ batch: 1000, sort: 'id' });
		collections.set(collection.name, { ids: rows.map((r) => r.id), hash: sha256(stableJson(rows)) });
		records += rows.length;
	}
	return { schema: sha256(stableJson(definitions)), collections, records };
}

/** Names of the collections whose schema, ids or records differ between two snapshots ('' if none). */
function differences(a: Snapshot, b: Snapshot): string[] {
	const names = new Set([...a.collections.keys(), ...b.collections.keys()]);
	const differing = [...names].filter((name) => {
		const x = a.collections.get(name);
		const y = b.collections.get(name);
		return !x || !y || x.hash !== y.hash || x.ids.join() !== y.ids.join();
	});
	if (a.schema !== b.schema) differing.unshift('(schema)');
	return differing;
}

/**
 * Waits until a restore has replaced the data and PocketBase has restarted itself. PocketBase moves the
 * old data under .pb_temp_to_delete, puts the backup's in place, re-executes itself in the same process
 * (same pid, so there is no exit to wait for), and the new start removes that directory. So: once a token
 * that only the backup's data knows is accepted and the directory is gone, the restarted process is up.
 */
async function waitForRestore(stack: BenchStack, withBackupToken: PocketBase, timeoutMs = 60_000) {
	const tempDir = join(stack.dataDir, '.pb_temp_to_delete');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const replaced = await withBackupToken.collections.getList(1, 1).then(
			() => true,
			() => false
		);
		// in this order: the directory is checked after the data was seen replaced
		if (replaced && !existsSync(tempDir)) {
			await waitForHttp(`${stack.pbUrl}/api/health`, { timeoutMs: deadline - Date.now() });
			return;
		}
		await sleep(100);
	}
	throw new Error(`the restore did not finish within ${timeoutMs} ms`);
}

/** Ids of all records of a collection (or the values of one other field). */
async function column(pb: PocketBase, collection: string, field = 'id'): Promise<Set<string>> {
	const rows = await pb
		.collection(collection)
		.getFullList<Record<string, string>>({ batch: 1000, fields: field });
	return new Set(rows.map((r) => r[field] ?? ''));
}

const stack = await startBenchStack();
let copy: BenchStack | undefined;
try {
	const { system, pbUrl } = stack;
	const room = await benchRoom(system, 'Holdbarhedslokale', 'holdbar');
	const bookers = await benchUsers(system, pbUrl, BOOKERS, 'durable', 'Varig');
	// The plain writers: the system account, each with an address of its own for the rate limits.
	const auditors = Array.from({ length: AUDITORS }, (_, i) => {
		const pb = new PocketBase(pbUrl);
		pb.autoCancellation(false);
		pb.authStore.save(system.authStore.token, system.authStore.record);
		pb.beforeSend = (url, options) => {
			options.headers = { ...options.headers, 'X-Forwarded-For': `198.18.0.${i}` };
			return { url, options };
		};
		return pb;
	});

	// Every booking gets its own half hour, from a UTC midnight at least two days ahead (no reminders are
	// due, so no cron job writes while the copies are compared). Whole-hour offsets keep it on the step.
	const DAY = 86_400_000;
	const firstStart = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY;
	let slots = 0;
	const slot = () => {
		const start = firstStart + slots++ * 30 * 60_000;
		return { start: toPbDate(new Date(start)), end: toPbDate(new Date(start + 30 * 60_000)) };
	};

	const acknowledged: Record<Kind, string[]> = { bookings: [], audit_log: [] };
	let running = true;
	let inFlight = 0;
	let unanswered = 0; // no answer: PocketBase was killed or not up yet
	let refused = 0; // an error answer
	async function writer(kind: Kind, create: () => Promise<{ id: string }>) {
		while (running) {
			inFlight++;
			try {
				acknowledged[kind].push((await create()).id);
			} catch (error) {
				if (error instanceof ClientResponseError && error.status !== 0) refused++;
				else unanswered++;
				await sleep(25);
			} finally {
				inFlight--;
			}
		}
	}
	let written = 0;
	const load = [
		...bookers.map(({ pb, id }) =>
			writer('bookings', () =>
				pb
					.collection('bookings')
					.create({ room: room.id, booker: id, attendees: 5, purpose: 'Holdbarhed', ...slot() })
			)
		),
		...auditors.map((pb, i) =>
			writer('audit_log', () =>
				pb.collection('audit_log').create({
					action: 'bench.durability',
					target_collection: 'bookings',
					details: { writer: i, n: written++ }
				})
			)
		)
	];

	const total = () => acknowledged.bookings.length + acknowledged.audit_log.length;
	let kills = 0;
	for (let k = 1; k <= KILLS; k++) {
		const before = total();
		await sleep(LOAD_MS);
		const busy = inFlight;
		await stack.kill();
		kills++;
		console.log(`kill ${k}: ${total() - before} writes acknowledged since the start, ${busy} in flight`);
		if (k < KILLS) await stack.restart();
	}
	running = false;
	await Promise.all(load);
	await stack.restart();

	// Every acknowledged write is there after the last start; a booking and its busy row are both or neither.
	let lost = 0;
	let kept = 0; // saved although the answer never came
	for (const kind of ['bookings', 'audit_log'] as const) {
		const present = await column(system, kind);
		const acked = new Set(acknowledged[kind]);
		lost += [...acked].filter((id) => !present.has(id)).length;
		kept += [...present].filter((id) => !acked.has(id)).length;
	}
	const bookingIds = await column(system, 'bookings');
	const busySources = await column(system, 'room_busy', 'source');
	const torn =
		[...bookingIds].filter((id) => !busySources.has(id)).length +
		[...busySources].filter((id) => !bookingIds.has(id)).length;
	console.log(
		`after ${kills} kills: ${acknowledged.bookings.length} bookings and ${acknowledged.audit_log.length} audit entries acknowledged, ` +
			`${kept} saved without an answer, ${unanswered} writes unanswered, ${refused} refused`
	);

	// Backup through the API, restored by a second PocketBase through the API, compared collection by collection.
	await system.backups.create(BACKUP);
	const original = await snapshot(system);
	const download = await fetch(system.backups.getDownloadURL(await system.files.getToken(), BACKUP));
	if (!download.ok) throw new Error(`backup download answered ${download.status}`);
	const zip = await download.arrayBuffer();
	copy = await startBenchStack();
	await copy.system.backups.upload({ file: new File([zip], BACKUP, { type: 'application/zip' }) });
	await copy.system.backups.restore(BACKUP);
	// After the restore only the backup's accounts exist: read the copy with the original's system token.
	const restoredClient = new PocketBase(copy.pbUrl);
	restoredClient.autoCancellation(false);
	restoredClient.authStore.save(system.authStore.token, system.authStore.record);
	await waitForRestore(copy, restoredClient);
	const restored = await snapshot(restoredClient);
	const differing = differences(original, restored);
	if (differing.length) console.log(`restored copy differs in: ${differing.join(', ')}`);
	console.log(
		`backup: ${Math.round(zip.byteLength / 1024)} kB, ${restored.collections.size} collections, ${restored.records} records`
	);

	console.log(
		`durability: acknowledged=${total()} lost=${lost} torn=${torn} kills=${kills} ` +
			`backup_records=${restored.records} restored_equal=${differing.length === 0}`
	);
	if (lost > 0 || torn > 0 || differing.length > 0) process.exitCode = 1;
} finally {
	await copy?.stop();
	await stack.stop();
}
