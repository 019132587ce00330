import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { codesOf, outcome } from '../helpers/scenarios';
import { membership } from './associations-helpers';
import { activity, club, finalPlan, makeSeason, send, slotId, type Club } from './season-arrange';

// A season time given up or taken away (docs/rules.md, "Season application round", "Leftovers", "Swaps"):
// staff's withdrawal is not undone by claiming the time back, by a hand-over or a swap, nor by next season's
// history, and a whole season time of the plan is given up only
// by its association's admins, never by a booker who could then claim it for another association.

async function expectRefused(request: Promise<unknown>, code: string) {
	const result = await outcome(request);
	expect(result.status, JSON.stringify(result.body)).toBe(400);
	expect(codesOf(result.body)).toContain(code);
}

const claim = (who: Club['admin'], season: string, association: string, slot: string) =>
	send(who.pb, `/api/borgerhus/seasons/${season}/claim`, {
		association,
		slot,
		activity_name: 'Igen',
		participants: 5
	});

describe('a season booking staff withdrew', () => {
	it('cannot be claimed back by its association from the leftovers; another association may take it', async () => {
		const { season, a, lineA, staff, sys } = await finalPlan();
		await send(staff.pb, `/api/borgerhus/series/${lineA.series}/cancel`, {
			withdraw: true,
			reason: 'Gentagne udeblivelser'
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		for (const who of [a.admin, a.booker])
			await expectRefused(claim(who, season, a.id, lineA.slot), 'season_claim_withdrawn');
		const c = await club();
		const taken = (await claim(c.booker, season, c.id, lineA.slot)) as { booked: number };
		expect(taken.booked).toBeGreaterThan(0);
		const held = await sys
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}" && association = "${a.id}" && via = "leftover"` });
		expect(held).toEqual([]);
	});

	it('is said on its association’s season page, which offers it no free time to claim; another association’s does', async () => {
		const { season, a, lineA, staff } = await finalPlan();
		await send(staff.pb, `/api/borgerhus/series/${lineA.series}/cancel`, {
			withdraw: true,
			reason: 'Gentagne udeblivelser'
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const c = await club();
		const page = async (who: Club['admin'], association: string) => {
			const session = new AppSession();
			await session.signIn(who.email, who.password);
			return (await session.get(`/saeson/${season}?forening=${association}`)).text();
		};
		// the hook refuses A's claims (season_claim_withdrawn): its admin and booker get no claim form, and
		// read why instead
		for (const who of [a.admin, a.booker]) {
			const text = await page(who, a.id);
			expect(text).not.toContain('?/claim');
			expect(text).toContain('Huset har trukket en af foreningens sæsontider tilbage');
		}
		const other = await page(c.admin, c.id);
		expect(other).toContain('?/claim&amp;forening=' + c.id);
		expect(other).not.toContain('Huset har trukket en af foreningens sæsontider tilbage');
	});
});

describe('a season booking staff withdrew, and swaps', () => {
	const withdraw = (staff: Club['admin'], series: string) =>
		send(staff.pb, `/api/borgerhus/series/${series}/cancel`, {
			withdraw: true,
			reason: 'Gentagne udeblivelser'
		});
	const propose = (who: Club['admin'], season: string, body: Record<string, unknown>) =>
		send(who.pb, `/api/borgerhus/seasons/${season}/swaps`, body) as Promise<{ id: string }>;
	const claimLine = async (
		who: Club['admin'],
		season: string,
		association: string,
		slot: string,
		every = 1
	) =>
		(
			(await send(who.pb, `/api/borgerhus/seasons/${season}/claim`, {
				association,
				slot,
				every,
				activity_name: 'Hold',
				participants: 5
			})) as { line: string }
		).line;

	it('is not handed back through another association, and a swap gives its association no time back', async () => {
		const { season, a, lineA, rooms, staff, sys } = await finalPlan();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		// A takes an every-other-week time while it still may; then staff withdraw its time of the plan
		const aThu = await claimLine(a.admin, season, a.id, slotId(rooms.small, 'thu', '17:00'), 2);
		await withdraw(staff, lineA.series);
		// A's admin is admin of C too, which takes the withdrawn time, a longer one and one as long as A's
		const c = await club();
		await membership(c.id, a.admin, 'admin');
		const back = await claimLine(a.admin, season, c.id, lineA.slot);
		const more = await claimLine(a.admin, season, c.id, slotId(rooms.small, 'wed', '17:00'));
		const same = await claimLine(a.admin, season, c.id, slotId(rooms.small, 'wed', '19:00'), 2);
		// no hand-over to A, of the withdrawn time or any other
		for (const line of [back, same])
			await expectRefused(
				propose(a.admin, season, { kind: 'handover', from_line: line, to_association: a.id }),
				'season_swap_withdrawn'
			);
		// a swap neither gives A the withdrawn time nor more time than it gives, from either side
		for (const line of [back, more]) {
			await expectRefused(
				propose(a.admin, season, { kind: 'swap', from_line: aThu, to_line: line }),
				'season_swap_withdrawn'
			);
			await expectRefused(
				propose(a.admin, season, { kind: 'swap', from_line: line, to_line: aThu }),
				'season_swap_withdrawn'
			);
		}
		expect(await sys.collection('season_swaps').getFullList({ filter: `season = "${season}"` })).toEqual([]);
		// the swap page's options follow the same rule: A is no association to hand a time over to, and the
		// times a swap would refuse are marked so
		const options = (association: string) =>
			send(
				a.admin.pb,
				`/api/borgerhus/seasons/${season}/swap-options?association=${association}`,
				undefined,
				'GET'
			) as Promise<{
				associations: { id: string }[];
				others: { id: string; refused: Record<string, string> }[];
			}>;
		expect((await options(c.id)).associations.map((x) => x.id)).not.toContain(a.id);
		const refusedFor = async (line: string) =>
			(await options(a.id)).others.find((l) => l.id === line)?.refused;
		expect(await refusedFor(back)).toEqual({ [aThu]: 'season_swap_withdrawn' });
		expect(await refusedFor(more)).toEqual({ [aThu]: 'season_swap_withdrawn' });
		expect(await refusedFor(same)).toEqual({});
		const session = new AppSession();
		await session.signIn(a.admin.email, a.admin.password);
		const html = await (await session.get(`/saeson/${season}/bytte?forening=${a.id}`)).text();
		const option = html.match(new RegExp(`<option[^>]*value="${back}"[^>]*>([^<]*)</option>`));
		expect(option?.[0]).toMatch(/\sdisabled/);
		expect(option?.[1]).toContain('kan ikke byttes: huset har trukket en sæsontid tilbage');
		// a swap of A's remaining time for another as long is its own business
		const fair = await propose(a.admin, season, { kind: 'swap', from_line: aThu, to_line: same });
		await send(a.admin.pb, `/api/borgerhus/season-swaps/${fair.id}/consent`);
		expect((await sys.collection('season_lines').getOne(same)).association).toBe(a.id);
		expect((await sys.collection('season_lines').getOne(aThu)).association).toBe(c.id);
		// the withdrawn time stays C's, with its bookings
		const held = await sys.collection('season_lines').getOne(back);
		expect(held.association).toBe(c.id);
		expect((await sys.collection('booking_series').getOne(held.series)).association).toBe(c.id);
	});

	it('refuses, when it is carried out, a hand-over proposed before staff withdrew the time, and moves nothing', async () => {
		const { season, a, b, lineA, lineB, staff, sys } = await finalPlan();
		const offer = await propose(b.admin, season, {
			kind: 'handover',
			from_line: lineB.id,
			to_association: a.id
		});
		await withdraw(staff, lineA.series);
		await expectRefused(
			send(a.admin.pb, `/api/borgerhus/season-swaps/${offer.id}/consent`),
			'season_swap_withdrawn'
		);
		expect((await sys.collection('season_swaps').getOne(offer.id)).status).toBe('proposed');
		expect((await sys.collection('season_lines').getOne(lineB.id)).association).toBe(b.id);
		expect((await sys.collection('booking_series').getOne(lineB.series)).association).toBe(b.id);
	});

	it('never counts as next season’s history, also when another association of its admin took the time', async () => {
		const { season, a, lineA, rooms, staff, sys } = await finalPlan();
		await withdraw(staff, lineA.series);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const c = await club();
		await membership(c.id, a.admin, 'admin');
		const taken = await claimLine(a.admin, season, c.id, lineA.slot);
		await expectRefused(
			propose(a.admin, season, { kind: 'handover', from_line: taken, to_association: a.id }),
			'season_swap_withdrawn'
		);
		// next season, decided by history: A held the time only until staff withdrew it, so history decides
		// nothing between A and a newcomer (a tie for staff to settle)
		const next = await makeSeason(staff, rooms, { previous: season, tie_breakers: ['history'] });
		const d = await club();
		for (const who of [a, d])
			await send(who.admin.pb, `/api/borgerhus/seasons/${next}/apply`, {
				association: who.id,
				declared_section4: true,
				activities: [activity(`Hold ${who.name}`, [lineA.slot])]
			});
		await send(staff.pb, `/api/borgerhus/seasons/${next}/status`, { to: 'closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${next}/draft`);
		const lines = await sys.collection('season_lines').getFullList({ filter: `season = "${next}"` });
		const statusOf = (who: Club) => lines.filter((l) => l.association === who.id).map((l) => l.status);
		expect(statusOf(a)).toEqual(['flagged']);
		expect(statusOf(d)).toEqual(['flagged']);
	});
});

describe('a whole season time of the plan', () => {
	it('is cancelled only by an admin of its association: a booker cancels single dates, and cannot pass it on', async () => {
		const { season, a, lineA, staff, sys } = await finalPlan();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		// a booker of A who is also the admin of C
		const c = await club();
		await membership(a.id, c.admin, 'booker');
		const cancel = (who: Club['admin']) => send(who.pb, `/api/borgerhus/series/${lineA.series}/cancel`, {});
		for (const who of [c.admin, a.booker]) await expectRefused(cancel(who), 'rooms_season_series_admin');
		expect((await sys.collection('booking_series').getOne(lineA.series)).status).toBe('active');
		await expectRefused(claim(c.admin, season, c.id, lineA.slot), 'season_slot_taken');
		// a single date is still the booker's to cancel
		const [first] = await sys
			.collection('bookings')
			.getFullList({ filter: `series = "${lineA.series}"`, sort: 'start' });
		await a.booker.pb.collection('bookings').update(first!.id, { status: 'cancelled' });
		// the page offers the whole season's cancel to the admin only
		const page = async (who: Club['admin']) => {
			const session = new AppSession();
			await session.signIn(who.email, who.password);
			return (await session.get('/bookinger')).text();
		};
		expect(await page(a.booker)).not.toContain('action="?/cancelSeries"');
		expect(await page(a.admin)).toContain('action="?/cancelSeries"');
		const done = (await cancel(a.admin)) as { cancelled: unknown[] };
		expect(done.cancelled.length).toBeGreaterThan(0);
		expect((await sys.collection('booking_series').getOne(lineA.series)).status).toBe('cancelled');
	});
});
