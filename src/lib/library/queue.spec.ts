import { describe, expect, it } from 'vitest';
import {
	addDays,
	isExpired,
	nextHold,
	pickupShelf,
	placeOf,
	placeSql,
	queuePlaces,
	type QueueHold
} from '$rules/library-queue.js';
import { COPY, COPY_PLAIN, HOLD, HOLD_PLAIN, LOAN } from '$rules/library-machine.js';
import { available, define, permitted, type Role } from '$rules/core/machine.js';

/** Holds placed one minute apart, in the order given. */
function holds(...statuses: string[]): QueueHold[] {
	return statuses.map((status, i) => ({
		id: `h${i + 1}`,
		status,
		placed_at: `2026-11-01 10:${String(i).padStart(2, '0')}:00.000Z`
	}));
}

function withStatus(list: QueueHold[], id: string, status: string): QueueHold[] {
	return list.map((h) => (h.id === id ? { ...h, status } : h));
}

describe('queue places', () => {
	it('numbers waiting holds 1..n in placement order, whatever order they arrive in', () => {
		const list = holds('waiting', 'waiting', 'waiting').reverse();
		expect(queuePlaces(list)).toEqual({ h1: 1, h2: 2, h3: 3 });
	});

	it('breaks a tie in placed_at by id, so no two holds share a place', () => {
		const same = '2026-11-01 10:00:00.000Z';
		const list = [
			{ id: 'b', status: 'waiting', placed_at: same },
			{ id: 'a', status: 'waiting', placed_at: same }
		];
		expect(queuePlaces(list)).toEqual({ a: 1, b: 2 });
	});

	it('writes the place in SQL for a table alias only, never for other text', () => {
		expect(placeSql('h')).toContain("(h.status = 'waiting' OR h.status = 'paused')");
		// and never the alias of its own subquery, which would compare the queue with itself
		for (const hostile of ['h; DROP TABLE holds', 'h.id', '', 'H', 'queue_hold'])
			expect(() => placeSql(hostile)).toThrow();
	});

	it('keeps the place of a paused hold', () => {
		const list = withStatus(holds('waiting', 'waiting', 'waiting'), 'h2', 'paused');
		expect(placeOf(list, 'h2')).toBe(2);
		expect(placeOf(list, 'h3')).toBe(3);
	});

	it('closes the gap when a hold in the middle is cancelled', () => {
		const list = withStatus(holds('waiting', 'waiting', 'waiting', 'waiting'), 'h2', 'cancelled');
		expect(queuePlaces(list)).toEqual({ h1: 1, h3: 2, h4: 3 });
	});

	it('takes a ready hold out of the queue and moves the others up', () => {
		const list = withStatus(holds('waiting', 'waiting', 'waiting'), 'h1', 'ready');
		expect(placeOf(list, 'h1')).toBe(0);
		expect(queuePlaces(list)).toEqual({ h2: 1, h3: 2 });
	});

	it('leaves ended holds out', () => {
		const list = holds('collected', 'expired', 'cancelled', 'waiting');
		expect(queuePlaces(list)).toEqual({ h4: 1 });
	});
});

describe('next hold for a returned copy', () => {
	it('is the first waiting hold', () => {
		expect(nextHold(holds('waiting', 'waiting'))?.id).toBe('h1');
	});

	it('skips paused holds, and a resumed hold is first again', () => {
		const paused = withStatus(holds('waiting', 'waiting', 'waiting'), 'h1', 'paused');
		expect(nextHold(paused)?.id).toBe('h2');
		const resumed = withStatus(paused, 'h1', 'waiting');
		expect(nextHold(resumed)?.id).toBe('h1');
	});

	it('hands several returned copies to several holds in order, one each', () => {
		let list = holds('waiting', 'paused', 'waiting', 'waiting');
		const served: string[] = [];
		for (let copy = 0; copy < 3; copy++) {
			const next = nextHold(list);
			if (!next) break;
			served.push(next.id);
			list = withStatus(list, next.id, 'ready');
		}
		expect(served).toEqual(['h1', 'h3', 'h4']);
		expect(nextHold(list)).toBeNull();
		expect(queuePlaces(list)).toEqual({ h2: 1 });
	});

	it('is nobody when everyone waiting has paused', () => {
		expect(nextHold(holds('paused', 'paused', 'ready'))).toBeNull();
	});
});

describe('expiry', () => {
	const ready = { status: 'ready', pickup_deadline: '2026-11-08 10:00:00.000Z' };
	it('expires a ready hold after its deadline only', () => {
		expect(isExpired(ready, '2026-11-08 09:59:59.999Z')).toBe(false);
		expect(isExpired(ready, '2026-11-08 10:00:00.001Z')).toBe(true);
	});
	it('never expires a hold that is not ready', () => {
		expect(isExpired({ ...ready, status: 'waiting' }, '2030-01-01 00:00:00.000Z')).toBe(false);
	});
	it('after an expiry the copy goes to the next waiting hold', () => {
		let list = withStatus(holds('waiting', 'waiting'), 'h1', 'ready');
		list = withStatus(list, 'h1', 'expired');
		expect(nextHold(list)?.id).toBe('h2');
	});
	it('counts deadlines in whole days in UTC storage format', () => {
		expect(addDays(new Date('2026-11-01T10:00:00Z'), 7)).toBe('2026-11-08 10:00:00.000Z');
	});
});

describe('the library machines', () => {
	it('name only their own states', () => {
		for (const m of [HOLD, COPY, LOAN]) expect(() => define(m.entity, m.states, m.transitions)).not.toThrow();
	});
});

describe('the hold machine', () => {
	const plain = (from: string, to: string, roles: Role[]) => {
		const t = permitted(HOLD, from, to, roles);
		return !!t && HOLD_PLAIN.includes(t.name);
	};
	it.each([
		['waiting', 'paused', true],
		['paused', 'waiting', true],
		['waiting', 'cancelled', true],
		['paused', 'cancelled', true],
		['ready', 'cancelled', true],
		['waiting', 'ready', false],
		['ready', 'collected', false],
		['waiting', 'collected', false],
		['paused', 'collected', false],
		['ready', 'paused', false],
		['ready', 'waiting', false],
		['cancelled', 'waiting', false],
		['collected', 'cancelled', false],
		['expired', 'cancelled', false]
	])('a patron may change %s -> %s by a plain update: %s', (from, to, allowed) => {
		expect(plain(from, to, ['owner'])).toBe(allowed);
	});

	it('keeps making ready, collecting and expiring for the server and the desk', () => {
		expect(permitted(HOLD, 'waiting', 'ready', ['owner', 'staff'])).toBeNull();
		expect(permitted(HOLD, 'waiting', 'ready', ['system'])?.name).toBe('make_ready');
		expect(permitted(HOLD, 'ready', 'collected', ['owner'])).toBeNull();
		expect(permitted(HOLD, 'ready', 'collected', ['staff'])?.name).toBe('collect');
		// a copy of the title lent over the counter ends a hold that waits or is paused: the desk's, by a loan
		for (const from of ['waiting', 'paused']) {
			expect(permitted(HOLD, from, 'collected', ['owner'])).toBeNull();
			expect(permitted(HOLD, from, 'collected', ['staff'])?.name).toBe('collect');
		}
		expect(permitted(HOLD, 'ready', 'expired', ['staff'])).toBeNull();
		expect(permitted(HOLD, 'ready', 'expired', ['system'])?.name).toBe('expire');
		// a hold whose copy was not found waits again: the server's, never a plain update
		expect(permitted(HOLD, 'ready', 'waiting', ['owner', 'staff'])).toBeNull();
		expect(permitted(HOLD, 'ready', 'waiting', ['system'])?.name).toBe('requeue');
	});

	it('ends every path in collected, expired or cancelled, which have no way out', () => {
		for (const end of ['collected', 'expired', 'cancelled']) {
			expect(available(HOLD, end, ['owner', 'staff', 'system'])).toEqual([]);
		}
	});
});

describe('the copy machine', () => {
	it('lets staff mark a copy missing (on the shelf, not found for a pickup, lost on loan) and found, and nothing else by a plain update', () => {
		const plainNames = COPY.transitions
			.filter((t) => COPY_PLAIN.includes(t.name))
			.map((t) => `${t.from}->${t.to}`);
		expect(plainNames.sort()).toEqual([
			'loan->missing',
			'missing->shelf',
			'reserved->missing',
			'shelf->missing'
		]);
		expect(permitted(COPY, 'reserved', 'missing', ['staff'])?.name).toBe('not_found');
		expect(permitted(COPY, 'loan', 'missing', ['staff'])?.name).toBe('lost');
		expect(permitted(COPY, 'reserved', 'missing', ['owner', 'system'])).toBeNull();
		expect(permitted(COPY, 'loan', 'missing', ['owner', 'system'])).toBeNull();
	});

	it('reserves a copy only from the shelf, by the server', () => {
		expect(permitted(COPY, 'shelf', 'reserved', ['system'])?.name).toBe('reserve');
		expect(permitted(COPY, 'shelf', 'reserved', ['staff'])).toBeNull();
		expect(permitted(COPY, 'loan', 'reserved', ['system'])).toBeNull();
		expect(permitted(COPY, 'missing', 'reserved', ['system'])).toBeNull();
	});
});

describe('pickup shelf', () => {
	it('is stable per patron and looks like R01..R40', () => {
		expect(pickupShelf('abc123')).toBe(pickupShelf('abc123'));
		expect(pickupShelf('abc123')).toMatch(/^R(0[1-9]|[1-3][0-9]|40)$/);
	});
});
