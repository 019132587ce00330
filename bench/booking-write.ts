// booking-write: rule-checked booking creates (hook + transaction + overlap, policy and busy projection)
// against plain record creates of the same fields in a collection without hooks, on the same PocketBase,
// 50 concurrent clients each, in alternating rounds (plain, checked, plain, checked, ...) so that a noisy
// moment of the machine falls on both kinds alike. ratio = checked throughput / plain throughput, over all
// rounds. The room has a history first, as a house's rooms do (HISTORY past bookings, five a day, in both
// collections alike), so that a check whose cost grows with a room's past shows here.
// Ends with `booking-write: ratio=R checked_p50_ms=.. checked_p99_ms=.. plain_p50_ms=.. plain_p99_ms=..`.
import { percentile, startBenchStack, benchUsers, benchRoom } from './_stack';
import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';
import { HOUSE_TIME_ZONE, toPbDate } from '../src/lib/dates';

/** Copenhagen wall-clock time `days` from today at `hours`, in ms. */
function houseTime(days: number, hours: number): number {
	const day = set(addDays(new TZDate(Date.now(), HOUSE_TIME_ZONE), days), {
		hours,
		minutes: 0,
		seconds: 0,
		milliseconds: 0
	});
	return day.getTime();
}

const CLIENTS = 50;
const PER_CLIENT = 10;
const ROUNDS = 4;
const WARMUP = 2;
const HISTORY = 5000;
const stack = await startBenchStack();
try {
	const { system, pbUrl } = stack;
	const room = await benchRoom(system, 'Målelokale', 'maal');
	// The plain twin of bookings: same fields, a create rule, no hooks.
	const bookings = await system.collections.getOne('bookings');
	await system.collections.create({
		name: 'bench_plain_bookings',
		type: 'base',
		fields: bookings.fields.filter((f) => !f.system && f.name !== 'id').map(({ id: _id, ...f }) => f),
		createRule: '@request.auth.id != "" && booker = @request.auth.id'
	});

	// Users with a token and an address of their own each.
	const clients = await benchUsers(system, pbUrl, CLIENTS, 'write', 'Skriver');

	// The room's past: five two-hour bookings a day back from yesterday, by the first writer, in both
	// collections (created by the system account, which may write the past).
	const historyStart = houseTime(-Math.ceil(HISTORY / 5) - 1, 8);
	let written = 0;
	const writeHistory = async () => {
		while (written < HISTORY) {
			const i = written++;
			const start = historyStart + Math.floor(i / 5) * 86_400_000 + (i % 5) * 2 * 3_600_000;
			const row = {
				room: room.id,
				booker: clients[0].id,
				attendees: 5,
				purpose: 'Historik',
				start: toPbDate(new Date(start)),
				end: toPbDate(new Date(start + 2 * 3_600_000))
			};
			await system.collection('bookings').create(row);
			await system.collection('bench_plain_bookings').create(row);
		}
	};
	await Promise.all(Array.from({ length: 10 }, writeHistory));

	// Every create gets its own half hour, so no checked create is refused.
	const base = houseTime(2, 0);
	let next = 0;
	const slot = () => {
		const start = base + next++ * 30 * 60_000;
		return { start: toPbDate(new Date(start)), end: toPbDate(new Date(start + 30 * 60_000)) };
	};

	async function phase(collection: string, count: number) {
		const latencies: number[] = [];
		let failures = 0;
		const began = performance.now();
		await Promise.all(
			clients.map(async ({ pb, id }) => {
				for (let i = 0; i < count; i++) {
					const t = performance.now();
					try {
						await pb
							.collection(collection)
							.create({ room: room.id, booker: id, attendees: 5, purpose: 'Måling', ...slot() });
					} catch {
						failures++;
					}
					latencies.push(performance.now() - t);
				}
			})
		);
		const seconds = (performance.now() - began) / 1000;
		return { latencies, failures, seconds };
	}

	await phase('bench_plain_bookings', WARMUP);
	await phase('bookings', WARMUP);
	const totals = {
		plain: { latencies: [] as number[], failures: 0, seconds: 0 },
		checked: { latencies: [] as number[], failures: 0, seconds: 0 }
	};
	for (let r = 0; r < ROUNDS; r++) {
		for (const [kind, collection] of [
			['plain', 'bench_plain_bookings'],
			['checked', 'bookings']
		] as const) {
			const result = await phase(collection, PER_CLIENT);
			totals[kind].latencies.push(...result.latencies);
			totals[kind].failures += result.failures;
			totals[kind].seconds += result.seconds;
		}
	}
	const summary = (t: (typeof totals)['plain']) => ({
		...t,
		perSecond: t.latencies.length / t.seconds
	});
	const plain = summary(totals.plain);
	const checked = summary(totals.checked);
	const round = (n: number) => Math.round(n * 10) / 10;
	console.log(
		`plain: ${round(plain.perSecond)}/s (${plain.failures} failed), checked: ${round(checked.perSecond)}/s (${checked.failures} failed), ${CLIENTS} clients x ${PER_CLIENT} x ${ROUNDS} rounds`
	);
	console.log(
		`booking-write: ratio=${(checked.perSecond / plain.perSecond).toFixed(2)} ` +
			`checked_p50_ms=${round(percentile(checked.latencies, 50))} checked_p99_ms=${round(percentile(checked.latencies, 99))} ` +
			`plain_p50_ms=${round(percentile(plain.latencies, 50))} plain_p99_ms=${round(percentile(plain.latencies, 99))}`
	);
} finally {
	await stack.stop();
}
