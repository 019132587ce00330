import { describe, expect, it } from 'vitest';
import {
	allocate,
	datesOf,
	unitsOf,
	type AllocationApplication,
	type AllocationSeason,
	type Activity
} from '$rules/season/allocate.js';

const ROOMS = {
	big: { capacity: 40, step_free: true },
	small: { capacity: 10, step_free: false }
};

function season(extra: Partial<AllocationSeason> = {}): AllocationSeason {
	return {
		first_date: '2026-08-03',
		last_date: '2026-08-30',
		slots: [
			{ id: 'big-mon-17', room: 'big', weekday: 'mon', start: '17:00', end: '19:00' },
			{ id: 'big-tue-17', room: 'big', weekday: 'tue', start: '17:00', end: '19:00' },
			{ id: 'small-mon-17', room: 'small', weekday: 'mon', start: '17:00', end: '19:00' }
		],
		tiers: ['children', 'education', 'adults'],
		tie_breakers: ['history', 'participants_per_hour'],
		...extra
	};
}

function act(key: string, wishes: string[], extra: Partial<Activity> = {}): Activity {
	return {
		key,
		name: key,
		age_group: 'adults',
		adult_kind: 'other',
		participants: 8,
		wishes: wishes.map((slot) => ({ slot, every: 1 })),
		...extra
	};
}

function app(id: string, activities: Activity[], extra: Partial<AllocationApplication> = {}) {
	return { id, association: `assoc-${id}`, activities, ...extra };
}

function line(result: ReturnType<typeof allocate>, key: string) {
	const found = result.lines.find((l) => l.activity === key);
	if (!found) throw new Error(`no line ${key}`);
	return found;
}

describe('season allocation', () => {
	it('gives a contested slot to the higher tier and says so', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-mon-17', 'big-tue-17'])]),
				app('b', [act('y', ['big-mon-17'], { age_group: 'children' })])
			]
		});
		expect(line(r, 'b:y')).toMatchObject({
			status: 'allocated',
			slot: 'big-mon-17',
			wish: 0,
			tier: 'children'
		});
		const x = line(r, 'a:x');
		expect(x).toMatchObject({ status: 'allocated', slot: 'big-tue-17', wish: 1, tier: 'adults' });
		expect(x.reason.contests[0]).toMatchObject({ slot: 'big-mon-17', lost_to: 'b:y', by: 'tier' });
	});

	it('never gives a half already held (a second round), and says the time is taken', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			held: ['big-mon-17#0', 'big-mon-17#1', 'big-tue-17#0'],
			applications: [
				app('a', [act('x', ['big-mon-17'], { age_group: 'children' })]),
				app('b', [act('y', ['big-tue-17'])]),
				app('c', [{ ...act('z', ['big-tue-17']), wishes: [{ slot: 'big-tue-17', every: 2 }] }])
			]
		});
		expect(line(r, 'a:x')).toMatchObject({ status: 'unallocated' });
		expect(line(r, 'a:x').reason.contests[0]).toMatchObject({ slot: 'big-mon-17', by: 'taken', lost_to: '' });
		expect(line(r, 'b:y').status).toBe('unallocated');
		// the free odd-week half still goes to an every-other-week wish
		expect(line(r, 'c:z')).toMatchObject({ status: 'allocated', slot: 'big-tue-17', every: 2, parity: 1 });
	});

	it('puts folkeoplysende adult education before other adult activities', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-mon-17'])]),
				app('b', [act('y', ['big-mon-17'], { adult_kind: 'education' })])
			]
		});
		expect(line(r, 'b:y').status).toBe('allocated');
		expect(line(r, 'a:x')).toMatchObject({ status: 'unallocated' });
	});

	it('puts the house tier first when the season has it', () => {
		const r = allocate({
			season: season({
				tiers: ['house', 'children', 'education', 'adults'],
				house_associations: ['assoc-h']
			}),
			rooms: ROOMS,
			applications: [
				app('h', [act('own', ['big-mon-17'])]),
				app('b', [act('kids', ['big-mon-17'], { age_group: 'children' })])
			]
		});
		expect(line(r, 'h:own')).toMatchObject({ status: 'allocated', tier: 'house' });
		expect(line(r, 'b:kids').status).toBe('unallocated');
	});

	it('tries wishes in order: a first wish beats a rival second wish in the same tier', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-tue-17', 'big-mon-17'], { participants: 30 })]),
				app('b', [act('y', ['big-mon-17'])]),
				app('c', [act('z', ['big-tue-17'], { participants: 35 })])
			]
		});
		expect(line(r, 'c:z').slot).toBe('big-tue-17');
		expect(line(r, 'b:y').slot).toBe('big-mon-17');
		const x = line(r, 'a:x');
		expect(x.status).toBe('unallocated');
		expect(x.reason.contests.map((c) => c.by)).toEqual(['participants_per_hour', 'wish_order']);
	});

	it('uses flexibility after the wishes', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-mon-17'], { flexibility: 'time' })]),
				app('b', [act('y', ['big-mon-17'], { age_group: 'youth' })])
			]
		});
		expect(line(r, 'a:x')).toMatchObject({
			status: 'allocated',
			slot: 'big-tue-17',
			via: 'flexibility',
			wish: -1
		});
	});

	it('flags a real tie instead of choosing, and holds the slot from lower tiers', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-mon-17'], { age_group: 'children' })]),
				app('b', [act('y', ['big-mon-17'], { age_group: 'children' })]),
				app('c', [act('z', ['big-mon-17'])])
			]
		});
		expect(r.flagged).toBe(2);
		expect(line(r, 'a:x')).toMatchObject({ status: 'flagged', slot: 'big-mon-17' });
		expect(line(r, 'a:x').reason.flagged_with).toEqual(['b:y']);
		expect(line(r, 'b:y').status).toBe('flagged');
		expect(line(r, 'c:z').status).toBe('unallocated');
		expect(line(r, 'c:z').reason.contests[0]?.by).toBe('held_for_conflict');
	});

	it('lets staff settle a flagged tie, and the loser goes on to its next wish', () => {
		const r = allocate({
			season: season({ settlements: [{ slot: 'big-mon-17', winner: 'b:y' }] }),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-mon-17', 'big-tue-17'], { age_group: 'children' })]),
				app('b', [act('y', ['big-mon-17'], { age_group: 'children' })])
			]
		});
		expect(r.flagged).toBe(0);
		expect(line(r, 'b:y').slot).toBe('big-mon-17');
		expect(line(r, 'a:x')).toMatchObject({ slot: 'big-tue-17', wish: 1 });
		expect(line(r, 'a:x').reason.contests[0]?.by).toBe('staff_settled');
	});

	it('lets two every-other-week activities share a slot without a conflict', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [{ ...act('x', []), wishes: [{ slot: 'big-mon-17', every: 2 }] }]),
				app('b', [{ ...act('y', []), wishes: [{ slot: 'big-mon-17', every: 2 }] }])
			]
		});
		expect(r.flagged).toBe(0);
		const parities = [line(r, 'a:x').parity, line(r, 'b:y').parity].sort();
		expect(parities).toEqual([0, 1]);
	});

	it('skips a room that is too small or not step-free, with the reason', () => {
		const r = allocate({
			season: season(),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['small-mon-17', 'big-mon-17'], { participants: 20 })]),
				app('b', [act('y', ['small-mon-17', 'big-tue-17'], { step_free: true })])
			]
		});
		expect(line(r, 'a:x')).toMatchObject({ slot: 'big-mon-17', wish: 1 });
		expect(line(r, 'a:x').reason.skipped[0]).toMatchObject({ slot: 'small-mon-17', why: 'capacity' });
		expect(line(r, 'b:y')).toMatchObject({ slot: 'big-tue-17', wish: 1 });
		expect(line(r, 'b:y').reason.skipped[0]?.why).toBe('accessibility');
	});

	it('gives no time in a room out of use, by wish or by flexibility: the next wish or the next room gets it', () => {
		const r = allocate({
			season: season(),
			rooms: { ...ROOMS, big: { ...ROOMS.big, active: false } },
			applications: [
				app('a', [act('x', ['big-mon-17', 'small-mon-17'])]),
				app('b', [act('y', ['big-tue-17'], { flexibility: 'room' })]),
				app('c', [act('z', ['big-tue-17'], { flexibility: 'time' })])
			]
		});
		expect(line(r, 'a:x')).toMatchObject({ status: 'allocated', slot: 'small-mon-17', wish: 1 });
		expect(line(r, 'a:x').reason.skipped[0]).toMatchObject({ slot: 'big-mon-17', why: 'not_offered' });
		expect(line(r, 'b:y').status).toBe('unallocated');
		expect(line(r, 'b:y').slot).toBeFalsy();
		expect(line(r, 'c:z').status).toBe('unallocated');
		expect(line(r, 'c:z').reason.skipped.map((s) => [s.slot, s.why])).toEqual([
			['big-tue-17', 'not_offered']
		]);
	});

	it('gives a step-free room to the activity that needs it before an equal one', () => {
		const r = allocate({
			season: season({ tie_breakers: [] }),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-mon-17'])]),
				app('b', [act('y', ['big-mon-17'], { step_free: true })])
			]
		});
		expect(line(r, 'b:y').status).toBe('allocated');
		expect(line(r, 'a:x').reason.contests[0]?.by).toBe('accessibility');
	});

	it('leaves blackout dates out, and skips a slot whose every date is a blackout', () => {
		const blackout = ['2026-08-04', '2026-08-11', '2026-08-18', '2026-08-25', '2026-08-10'];
		const r = allocate({
			season: season({ blackout_dates: blackout }),
			rooms: ROOMS,
			applications: [app('a', [act('x', ['big-tue-17', 'big-mon-17'])])]
		});
		const x = line(r, 'a:x');
		expect(x).toMatchObject({ slot: 'big-mon-17', wish: 1 });
		expect(x.reason.skipped[0]).toMatchObject({ slot: 'big-tue-17', why: 'blackout' });
		expect(x.reason.blackout).toEqual(['2026-08-10']);
		expect(datesOf(season({ blackout_dates: blackout }), 'mon', 1, 0).dates).toEqual([
			'2026-08-03',
			'2026-08-17',
			'2026-08-24'
		]);
	});

	it('counts every-other-week dates from the first week of the season', () => {
		const s = season();
		expect(datesOf(s, 'mon', 2, 0).dates).toEqual(['2026-08-03', '2026-08-17']);
		expect(datesOf(s, 'mon', 2, 1).dates).toEqual(['2026-08-10', '2026-08-24']);
	});

	it('applies a staff override first, with its reason code', () => {
		const r = allocate({
			season: season({ overrides: [{ activity: 'a:x', slot: 'big-mon-17', code: 'objection_upheld' }] }),
			rooms: ROOMS,
			applications: [
				app('a', [act('x', ['big-tue-17'])]),
				app('b', [act('y', ['big-mon-17'], { age_group: 'children' })])
			]
		});
		expect(line(r, 'a:x')).toMatchObject({ slot: 'big-mon-17', via: 'override' });
		expect(line(r, 'a:x').reason.override?.code).toBe('objection_upheld');
		expect(line(r, 'b:y').status).toBe('unallocated');
	});

	it('never gives a half of a slot twice, and is deterministic', () => {
		const apps: AllocationApplication[] = [];
		const slots = season().slots.map((s) => s.id);
		for (let i = 0; i < 30; i++) {
			apps.push(
				app(`app${String(i).padStart(2, '0')}`, [
					{
						...act('a', []),
						age_group: i % 3 === 0 ? 'children' : 'adults',
						participants: 5 + (i % 4),
						flexibility: 'any',
						wishes: [
							{ slot: slots[i % 3]!, every: i % 2 ? 2 : 1 },
							{ slot: slots[(i + 1) % 3]!, every: 1 }
						]
					}
				])
			);
		}
		const input = { season: season(), rooms: ROOMS, applications: apps };
		const first = allocate(input);
		const second = allocate({ ...input, applications: [...apps].reverse() });
		expect(JSON.stringify(second)).toBe(JSON.stringify(first));
		const held = new Map<string, number>();
		for (const l of first.lines) {
			if (l.status !== 'allocated') continue;
			for (const u of unitsOf(l)) held.set(u, (held.get(u) ?? 0) + 1);
		}
		expect([...held.values()].every((n) => n === 1)).toBe(true);
		expect(first.lines.filter((l) => l.status === 'allocated').length).toBeGreaterThan(0);
	});
});
