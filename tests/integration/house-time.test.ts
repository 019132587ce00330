import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import vectors from '../fixtures/house-time.json';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { codesOf, outcome, scenarios } from '../helpers/scenarios';
import { stack } from '../helpers/stack';

// House time (docs/rules.md, "House time") inside the real PocketBase: the vectors of
// tests/fixtures/house-time.json, which src/lib/core/time.spec.ts runs against the app's side (Intl),
// here against the binary's side (Go's time package), through the public route of pb_hooks/time.pb.js.
// A route rather than hook behaviour: it answers every vector exactly (offsets, parts, both instants of
// a repeated hour, the lenient reading), where a booking could only show some of them indirectly.

interface Answer {
	binding: boolean;
	offset?: number;
	local?: { date: string; time: string; weekday: string; minutes: number; offset: number };
	format?: string;
	resolve?: { instant?: number; code?: string; instants?: number[] };
	lenient?: number | null;
	addDays?: string;
}

async function ask(query: Record<string, string>): Promise<Answer> {
	const response = await fetch(`${stack().pbUrl}/api/borgerhus/house-time?${new URLSearchParams(query)}`);
	expect(response.status).toBe(200);
	return (await response.json()) as Answer;
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : ms);

describe('house time in PocketBase (Go side)', () => {
	it('uses the binding of our own binary, not a fallback', async () => {
		expect((await ask({})).binding).toBe(true);
	});

	it.each(vectors.instants)('reads the wall clock at $at', async (v) => {
		const answer = await ask({ at: v.at });
		expect(answer.offset).toBe(v.offset);
		expect(answer.local).toMatchObject({ date: v.date, time: v.time, weekday: v.weekday, offset: v.offset });
	});

	it.each(vectors.local)('resolves $date $time', async (v) => {
		const answer = await ask({ date: v.date, time: v.time });
		if ('instant' in v) {
			expect(iso(answer.resolve?.instant)).toBe(v.instant);
			expect(iso(answer.lenient)).toBe(v.instant);
		} else {
			expect(answer.resolve?.code).toBe(v.code);
			expect((answer.resolve?.instants ?? []).map(iso)).toEqual(v.instants ?? []);
			expect(iso(answer.lenient)).toBe(v.lenient ?? null);
		}
	});

	it.each(vectors.add_days)('adds days: %s + %i = %s', async (date, days, expected) => {
		expect((await ask({ date: date as string, time: '12:00', addDays: String(days) })).addDays).toBe(
			expected
		);
	});

	it.each(vectors.format)('formats %s in %s', async (at, lang, expected) => {
		expect((await ask({ at: at as string, lang: lang as string })).format).toBe(expected);
	});
});

// The API refuses an instant without a zone, for every actor, before anything is stored.
interface Ctx {
	staff: TestUser;
	system: PocketBase;
	room: string;
}

const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);

let shared: Ctx;

async function arrange(): Promise<Ctx> {
	if (shared) return shared;
	const system = await systemClient();
	const room = await system.collection('rooms').create({
		name: `Tidszone ${randomUUID().slice(0, 6)}`,
		slug: `tz-${randomUUID().slice(0, 12)}`,
		capacity: 10,
		who_may_book: 'citizens',
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		horizon_days: 1000,
		cancel_hours: 48,
		active: true
	});
	shared = { staff: await createUser({ staff: true }), system, room: room.id };
	return shared;
}

/** Closures of the test room that start on a given day, read with system rights. */
async function closuresOn(ctx: Ctx, reason: string): Promise<number> {
	const found = await ctx.system.collection('closures').getFullList({
		filter: ctx.system.filter('room = {:room} && reason = {:reason}', { room: ctx.room, reason })
	});
	return found.length;
}

function closure(ctx: Ctx, start: unknown, end: unknown, reason: string) {
	return { room: ctx.room, start, end, reason };
}

const nothingStored = (reason: string) => async (ctx: Ctx) => expect(await closuresOn(ctx, reason)).toBe(0);

scenarios<Ctx>('instants without a zone', arrange, [
	{
		name: 'staff: a closure start without a zone is refused on start',
		actor: (c) => c.staff.pb,
		act: (pb, c) =>
			pb
				.collection('closures')
				.create(closure(c, '2031-05-01 10:00:00', '2031-05-01T12:00:00Z', 'uden zone 1')),
		status: 400,
		code: 'core_time_no_zone',
		after: nothingStored('uden zone 1')
	},
	{
		name: 'staff: an end given as a bare local date and time is refused',
		actor: (c) => c.staff.pb,
		act: (pb, c) =>
			pb.collection('closures').create(closure(c, '2031-05-01T10:00:00Z', '2031-05-01T12:00', 'uden zone 2')),
		status: 400,
		code: 'core_time_no_zone',
		after: nothingStored('uden zone 2')
	},
	{
		name: 'staff: a date without a time is refused',
		actor: (c) => c.staff.pb,
		act: (pb, c) =>
			pb.collection('closures').create(closure(c, '2031-05-01', '2031-05-02T00:00:00Z', 'uden zone 3')),
		status: 400,
		code: 'core_time_no_zone',
		after: nothingStored('uden zone 3')
	},
	{
		name: 'the system account is held to the same rule',
		actor: (c) => c.system,
		act: (pb, c) =>
			pb
				.collection('closures')
				.create(closure(c, '2031-05-01 10:00:00', '2031-05-01 12:00:00', 'uden zone 4')),
		status: 400,
		code: 'core_time_no_zone',
		after: nothingStored('uden zone 4')
	},
	{
		name: 'staff: an unparseable date is refused as invalid',
		actor: (c) => c.staff.pb,
		act: (pb, c) =>
			pb.collection('closures').create(closure(c, 'i morgen', '2031-05-01T12:00:00Z', 'ugyldig')),
		status: 400,
		code: 'core_invalid_date',
		after: nothingStored('ugyldig')
	},
	{
		name: 'staff: a zoned offset is accepted and stored as the instant it names',
		actor: (c) => c.staff.pb,
		act: (pb, c) =>
			pb
				.collection('closures')
				.create(closure(c, '2031-05-01T10:00:00+02:00', '2031-05-01 10:00:00.000Z', 'med zone')),
		status: 200,
		after: async (ctx, result) => {
			const stored = await ctx.system.collection('closures').getOne((result as { id: string }).id);
			expect(stored.start).toBe('2031-05-01 08:00:00.000Z');
			expect(stored.end).toBe('2031-05-01 10:00:00.000Z');
		}
	}
]);

describe('instants without a zone on update', () => {
	let ctx: Ctx;
	beforeAll(async () => {
		ctx = await arrange();
	});

	it('refuses an unzoned date in a PATCH and keeps the stored one', async () => {
		const created = await ctx.staff.pb
			.collection('closures')
			.create(closure(ctx, '2031-06-01T08:00:00Z', '2031-06-01T10:00:00Z', 'rettes'));
		const refused = await outcome(
			ctx.staff.pb.collection('closures').update(created.id, { end: '2031-06-01 12:00:00' })
		);
		expect(refused.status).toBe(400);
		expect(codesOf(refused.body)).toEqual(['core_time_no_zone']);
		const stored = await ctx.system.collection('closures').getOne(created.id);
		expect(stored.end).toBe('2031-06-01 10:00:00.000Z');
		// a PATCH of other fields, and a zoned one, go through
		await ctx.staff.pb.collection('closures').update(created.id, { reason: 'rettet' });
		await ctx.staff.pb.collection('closures').update(created.id, { end: '2031-06-01T13:00:00+01:00' });
		expect((await ctx.system.collection('closures').getOne(created.id)).end).toBe('2031-06-01 12:00:00.000Z');
	});

	it('checks multipart form bodies as well', async () => {
		const form = new FormData();
		form.append('room', ctx.room);
		form.append('start', '2031-07-01 08:00:00');
		form.append('end', '2031-07-01T10:00:00Z');
		form.append('reason', 'formular');
		const refused = await outcome(ctx.staff.pb.collection('closures').create(form));
		expect(refused.status).toBe(400);
		expect(codesOf(refused.body)).toEqual(['core_time_no_zone']);
		expect(await closuresOn(ctx, 'formular')).toBe(0);
	});
});
