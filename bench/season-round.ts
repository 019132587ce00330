// season-round: a whole season round through the routes: 100 associations apply with 400 activities of 3
// wishes each for 12 rooms over 40 weeks; staff run the draft, settle what is flagged, publish and book the
// final plan. Then an independent check over what is stored (not the allocation's own bookkeeping) counts
// halves of slots given twice and overlapping active bookings (double_allocations), and lines of a higher
// tier that got a later wish or nothing while a lower tier holds what one of their earlier wishes needed,
// without a staff override (tier_violations). Ends with
// `season-round: applications=.. lines=.. allocated=.. flagged=.. double_allocations=.. tier_violations=..
// draft_ms=.. publish_ms=..`.
import type PocketBase from 'pocketbase';
import { startBenchStack, benchRoom, benchUsers } from './_stack';
import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfWeek } from 'date-fns';
import { HOUSE_TIME_ZONE } from '../src/lib/dates';

const ASSOCIATIONS = 100;
const ACTIVITIES = 400;
const ROOMS = 12;
const WEEKS = 40;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const TIMES = [
	['16:00', '18:00'],
	['18:00', '20:00'],
	['20:00', '22:00']
];
const TIERS = ['children', 'education', 'adults'];

/** A small deterministic random source, so every run loads the same data. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

function validCvr(n: number): string {
	const weights = [2, 7, 6, 5, 4, 3, 2];
	for (let base = 1000000 + n * 37; ; base++) {
		const digits = String(base).padStart(7, '0').split('').map(Number);
		const sum = digits.reduce((acc, d, i) => acc + d * weights[i]!, 0);
		const check = (11 - (sum % 11)) % 11;
		if (check < 10) return `${digits.join('')}${check}`;
	}
}

const post = (pb: PocketBase, path: string, body: Record<string, unknown> = {}) =>
	pb.send(path, { method: 'POST', body });

const stack = await startBenchStack();
try {
	const { system, pbUrl } = stack;
	const rand = random(11);
	const rooms: { id: string; capacity: number; step_free: boolean }[] = [];
	for (let i = 0; i < ROOMS; i++) {
		const room = await benchRoom(system, `Sæsonlokale ${i + 1}`, `saeson-${i + 1}`);
		const capacity = 15 + (i % 4) * 10;
		const step_free = i % 3 !== 0;
		await system.collection('rooms').update(room.id, { capacity, step_free, horizon_days: 1000 });
		rooms.push({ id: room.id, capacity, step_free });
	}
	const monday = startOfWeek(addDays(new TZDate(Date.now(), HOUSE_TIME_ZONE), 14), { weekStartsOn: 1 });
	const first_date = format(monday, 'yyyy-MM-dd');
	const last_date = format(addDays(monday, WEEKS * 7 - 1), 'yyyy-MM-dd');
	const slots = rooms.flatMap((room) =>
		WEEKDAYS.flatMap((weekday) => TIMES.map(([start, end]) => ({ room: room.id, weekday, start, end })))
	);
	const slotIds = slots.map((s) => `${s.room}-${s.weekday}-${s.start.replace(':', '')}`);

	const [staffClient] = await benchUsers(system, pbUrl, 1, 'season-staff', 'Personale');
	await system.collection('users').update(staffClient!.id, { staff: true });
	const staff = staffClient!.pb;
	const hour = 3600_000;
	const season = (await post(staff, '/api/borgerhus/seasons', {
		name: 'Benchmark-sæson',
		first_date,
		last_date,
		slots,
		blackout_dates: [format(addDays(monday, 7 * 20 + 2), 'yyyy-MM-dd')],
		apply_from: new Date(Date.now() - hour).toISOString(),
		apply_until: new Date(Date.now() + hour).toISOString(),
		tiers: TIERS,
		tie_breakers: ['participants_per_hour', 'applied_first'],
		leftovers: 'fcfs'
	})) as { id: string };
	await post(staff, `/api/borgerhus/seasons/${season.id}/status`, { to: 'open' });

	const admins = await benchUsers(system, pbUrl, ASSOCIATIONS, 'season-admin', 'Formand');
	const associations: string[] = [];
	for (let i = 0; i < ASSOCIATIONS; i++) {
		const a = await system
			.collection('associations')
			.create({ name: `Forening ${i + 1}`, cvr: validCvr(i), verified: true });
		await system
			.collection('memberships')
			.create({ association: a.id, user: admins[i]!.id, role: 'admin', status: 'active' });
		associations.push(a.id);
	}
	// 400 activities over 100 associations, 3 wishes each, popular times wished more often
	let applications = 0;
	for (let i = 0; i < ASSOCIATIONS; i++) {
		const activities = [];
		for (let k = 0; k < ACTIVITIES / ASSOCIATIONS; k++) {
			const tier = TIERS[Math.floor(rand() * 3)]!;
			const wishes = new Set<string>();
			while (wishes.size < 3) wishes.add(slotIds[Math.floor(rand() * rand() * slotIds.length)]!);
			activities.push({
				name: `Hold ${i + 1}.${k + 1}`,
				age_group: tier === 'children' ? 'children' : 'adults',
				adult_kind: tier === 'education' ? 'education' : 'other',
				participants: 5 + Math.floor(rand() * 20),
				step_free: rand() < 0.1,
				flexibility: rand() < 0.3 ? 'time' : 'none',
				wishes: [...wishes].map((slot) => ({ slot, every: rand() < 0.25 ? 2 : 1 }))
			});
		}
		await post(admins[i]!.pb, `/api/borgerhus/seasons/${season.id}/apply`, {
			association: associations[i],
			declared_section4: true,
			declared_child_certificates: true,
			activities
		});
		applications++;
	}
	await post(staff, `/api/borgerhus/seasons/${season.id}/status`, { to: 'closed' });

	const draftStart = performance.now();
	const drafted = (await post(staff, `/api/borgerhus/seasons/${season.id}/draft`)) as { flagged: number };
	const draftMs = performance.now() - draftStart;
	const flaggedAtFirst = drafted.flagged;
	// staff settle every flagged conflict (the first flagged activity of each slot wins)
	for (let guard = 0; guard < 200; guard++) {
		const flagged = await system
			.collection('season_lines')
			.getFullList({ filter: `season = "${season.id}" && status = "flagged"`, sort: 'slot,activity' });
		if (!flagged.length) break;
		await post(staff, `/api/borgerhus/seasons/${season.id}/settle`, {
			slot: flagged[0]!.slot,
			winner: flagged[0]!.activity
		});
	}
	await post(staff, `/api/borgerhus/seasons/${season.id}/status`, { to: 'draft_published' });
	const publishStart = performance.now();
	await post(staff, `/api/borgerhus/seasons/${season.id}/status`, { to: 'final' });
	const publishMs = performance.now() - publishStart;

	// ---- the independent check, over the stored rows
	const lines = await system
		.collection('season_lines')
		.getFullList({ filter: `season = "${season.id}"`, batch: 1000 });
	const unitsOf = (l: { slot: string; every: number; parity: number }) =>
		l.every === 2 ? [`${l.slot}#${l.parity}`] : [`${l.slot}#0`, `${l.slot}#1`];
	const holders = new Map<string, (typeof lines)[number][]>();
	for (const l of lines) {
		if (l.status !== 'allocated') continue;
		for (const u of unitsOf(l)) holders.set(u, [...(holders.get(u) ?? []), l]);
	}
	let doubles = [...holders.values()].filter((h) => h.length > 1).length;
	// overlapping active bookings in any one room
	const bookings = await system
		.collection('bookings')
		.getFullList({ filter: 'status = "approved" || status = "pending"', sort: 'room,start', batch: 1000 });
	for (let i = 1; i < bookings.length; i++) {
		const a = bookings[i - 1]!;
		const b = bookings[i]!;
		if (a.room === b.room && b.start < a.end) doubles++;
	}
	const roomById = new Map(rooms.map((r) => [r.id, r]));
	const slotById = new Map(slots.map((s, i) => [slotIds[i]!, s]));
	const appRows = await system
		.collection('season_applications')
		.getFullList({ filter: `season = "${season.id}"`, batch: 1000 });
	const activityOf = new Map<
		string,
		{ participants: number; step_free: boolean; wishes: { slot: string; every: number }[] }
	>();
	for (const row of appRows) for (const a of row.activities) activityOf.set(`${row.id}:${a.key}`, a);
	const rank = (l: { tier: string }) => TIERS.indexOf(l.tier);
	let violations = 0;
	for (const l of lines) {
		if (l.via === 'override') continue;
		const activity = activityOf.get(l.activity);
		if (!activity) continue;
		const gotWish = l.status === 'allocated' && l.via === 'wish' ? l.wish : activity.wishes.length;
		for (let j = 0; j < gotWish; j++) {
			const wish = activity.wishes[j]!;
			const slot = slotById.get(wish.slot)!;
			const room = roomById.get(slot.room)!;
			if (activity.participants > room.capacity || (activity.step_free && !room.step_free)) continue;
			const halves = [0, 1].map((p) => (holders.get(`${wish.slot}#${p}`) ?? [])[0]);
			const lower = (h: (typeof lines)[number] | undefined) =>
				!!h && h.via !== 'override' && rank(h) > rank(l);
			const open = (h: (typeof lines)[number] | undefined) => !h || lower(h);
			const violated = wish.every === 1 ? halves.every(open) && halves.some(lower) : halves.some(lower);
			if (violated) {
				violations++;
				break;
			}
		}
	}
	const allocated = lines.filter((l) => l.status === 'allocated').length;
	console.log(
		`season-round: applications=${applications} lines=${lines.length} allocated=${allocated} ` +
			`flagged=${flaggedAtFirst} double_allocations=${doubles} tier_violations=${violations} ` +
			`draft_ms=${Math.round(draftMs)} publish_ms=${Math.round(publishMs)}`
	);
} finally {
	await stack.stop();
}
