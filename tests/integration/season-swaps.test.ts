import { describe, expect, it } from 'vitest';
import { codesOf, outcome } from '../helpers/scenarios';
import { club, finalPlan, send } from './season-arrange';

// Swaps and hand-overs of booked season times (docs/rules.md, "Season application round", "Swaps"): one open
// proposal at a time for the same thing, also when several are sent at once.

async function expectRefused(request: Promise<unknown>, code: string) {
	const result = await outcome(request);
	expect(result.status, JSON.stringify(result.body)).toBe(400);
	expect(codesOf(result.body)).toContain(code);
}

describe('open swap and hand-over proposals', () => {
	it('are one per offered line and receiving association, and one per pair of lines, also sent at once', async () => {
		const { season, a, b, lineA, lineB, sys } = await finalPlan();
		const path = `/api/borgerhus/seasons/${season}/swaps`;
		const handover = { kind: 'handover', from_line: lineA.id, to_association: b.id };
		const results = await Promise.all(
			Array.from({ length: 6 }, () => outcome(send(a.admin.pb, path, handover)))
		);
		expect(results.filter((r) => r.status === 200)).toHaveLength(1);
		for (const r of results.filter((x) => x.status !== 200))
			expect(codesOf(r.body)).toEqual(['season_swap_open']);
		const stored = () =>
			sys.collection('season_swaps').getFullList({ filter: `season = "${season}"`, sort: 'created' });
		expect(await stored()).toHaveLength(1);
		// and again, one by one: refused while the first is open, the receiving admins told once
		await expectRefused(send(a.admin.pb, path, handover), 'season_swap_open');
		const told = await sys.collection('notifications').getFullList({
			filter: `user = "${b.admin.record.id}" && kind = "season_swap_proposed"`
		});
		expect(told).toHaveLength(1);
		// the same line to another association is another proposal
		const c = await club();
		await send(a.admin.pb, path, { ...handover, to_association: c.id });
		// a swap of two lines: one open proposal per pair, whichever side offers it
		await send(a.admin.pb, path, { kind: 'swap', from_line: lineA.id, to_line: lineB.id });
		await expectRefused(
			send(a.admin.pb, path, { kind: 'swap', from_line: lineA.id, to_line: lineB.id }),
			'season_swap_open'
		);
		await expectRefused(
			send(b.admin.pb, path, { kind: 'swap', from_line: lineB.id, to_line: lineA.id }),
			'season_swap_open'
		);
		expect(await stored()).toHaveLength(3);
		// once the hand-over is answered, it may be proposed again
		const first = (await stored())[0]!;
		await send(b.admin.pb, `/api/borgerhus/season-swaps/${first.id}/decline`);
		await send(a.admin.pb, path, handover);
		expect(await stored()).toHaveLength(4);
	});
});
