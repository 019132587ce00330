import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { codesOf, outcome } from '../helpers/scenarios';
import { membership } from './associations-helpers';
import { club, finalPlan, send, type Club } from './season-arrange';

// A season time given up or taken away (docs/rules.md, "Season application round", "Leftovers"): staff's
// withdrawal is not undone by claiming the time back, and a whole season time of the plan is given up only
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
