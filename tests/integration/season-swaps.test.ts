import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { readMails, waitForMail } from '../helpers/mail';
import { stack } from '../helpers/stack';
import { codesOf, outcome } from '../helpers/scenarios';
import { activity, club, finalPlan, send, slotId } from './season-arrange';

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

describe('a proposal settled already', () => {
	it('is said to be settled when it is answered or withdrawn again, and stays as it was settled', async () => {
		const { season, a, b, lineA, sys } = await finalPlan();
		const offer = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		const act = (who: typeof a.admin, action: string) =>
			send(who.pb, `/api/borgerhus/season-swaps/${offer.id}/${action}`);
		await act(b.admin, 'decline');
		// a second answer from a page shown before, and the proposer's withdrawal of a declined offer
		await expectRefused(act(b.admin, 'decline'), 'season_swap_decided');
		await expectRefused(act(b.admin, 'consent'), 'season_swap_decided');
		await expectRefused(act(a.admin, 'cancel'), 'season_swap_decided');
		expect((await sys.collection('season_swaps').getOne(offer.id)).status).toBe('declined');
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
	});
});

describe('a proposal answered out of turn', () => {
	it('is said to wait for the other side when staff decide it before that side agreed, and to have been agreed to when it is agreed to or declined again', async () => {
		const { season, a, b, lineA, sys, staff } = await finalPlan({ extra: { swap_approval: true } });
		const offer = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		const act = (who: typeof staff | typeof a.admin, action: string) =>
			send(who.pb, `/api/borgerhus/season-swaps/${offer.id}/${action}`);
		// staff from the list of swaps before the receiving association said yes
		await expectRefused(act(staff, 'approve'), 'season_swap_not_consented');
		await expectRefused(act(staff, 'reject'), 'season_swap_not_consented');
		expect((await sys.collection('season_swaps').getOne(offer.id)).status).toBe('proposed');
		await act(b.admin, 'consent');
		// a second yes (or a no) from a page shown before the first yes
		await expectRefused(act(b.admin, 'consent'), 'season_swap_consented_already');
		await expectRefused(act(b.admin, 'decline'), 'season_swap_consented_already');
		const row = await sys.collection('season_swaps').getOne(offer.id);
		expect(row.status).toBe('consented');
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
		// staff still decide it
		await act(staff, 'approve');
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(b.id);
	});
});

describe('a swap of two activities', () => {
	const choir = (participants: number) => (rooms: { big: string }) =>
		activity('Stort kor', [slotId(rooms.big, 'mon', '17:00')], { participants });
	const chess = (rooms: { small: string }) =>
		activity('Skak', [slotId(rooms.small, 'mon', '17:00')], { participants: 8 });

	it('is refused when either activity would not fit the other’s room, as the allocation judges it', async () => {
		const big = await finalPlan({ activityA: choir(25), activityB: chess });
		const swap = (plan: typeof big, from = plan.lineA.id, to = plan.lineB.id) =>
			send(plan.a.admin.pb, `/api/borgerhus/seasons/${plan.season}/swaps`, {
				kind: 'swap',
				from_line: from,
				to_line: to
			});
		// 25 singers in the room for 10: refused, whichever line is offered
		await expectRefused(swap(big), 'season_swap_capacity');
		const stepFree = await finalPlan({
			activityA: (rooms) =>
				activity('Rollatorhold', [slotId(rooms.big, 'mon', '17:00')], { step_free: true }),
			activityB: chess
		});
		// a need for a step-free room, and the other room has steps
		await expectRefused(swap(stepFree), 'season_swap_step_free');
		for (const plan of [big, stepFree]) {
			expect(
				await plan.sys.collection('season_swaps').getFullList({ filter: `season = "${plan.season}"` })
			).toEqual([]);
		}
	});

	it('is not offered where either activity would not fit the other’s room: the options say which and why', async () => {
		const options = (plan: Awaited<ReturnType<typeof finalPlan>>, who: 'a' | 'b') =>
			send(
				plan[who].admin.pb,
				`/api/borgerhus/seasons/${plan.season}/swap-options?association=${plan[who].id}`,
				undefined,
				'GET'
			) as Promise<{ mine: { id: string }[]; others: { id: string; refused: Record<string, string> }[] }>;
		const refusedOf = async (plan: Awaited<ReturnType<typeof finalPlan>>, who: 'a' | 'b', line: string) =>
			(await options(plan, who)).others.find((l) => l.id === line)?.refused;
		// 25 singers and the room for 10: the swap would be refused, from either side, and the options say so
		const big = await finalPlan({ activityA: choir(25), activityB: chess });
		expect(await refusedOf(big, 'a', big.lineB.id)).toEqual({ [big.lineA.id]: 'season_swap_capacity' });
		expect(await refusedOf(big, 'b', big.lineA.id)).toEqual({ [big.lineB.id]: 'season_swap_capacity' });
		const stepFree = await finalPlan({
			activityA: (rooms) =>
				activity('Rollatorhold', [slotId(rooms.big, 'mon', '17:00')], { step_free: true }),
			activityB: chess
		});
		expect(await refusedOf(stepFree, 'a', stepFree.lineB.id)).toEqual({
			[stepFree.lineA.id]: 'season_swap_step_free'
		});
		// a choir of 9 fits the small room: nothing refused
		const fits = await finalPlan({ activityA: choir(9), activityB: chess });
		expect(await refusedOf(fits, 'a', fits.lineB.id)).toEqual({});
		// the swap page offers the time it would refuse as not possible, with the reason, and the other not
		const page = async (plan: Awaited<ReturnType<typeof finalPlan>>) => {
			const session = new AppSession();
			await session.signIn(plan.a.admin.email, plan.a.admin.password);
			return (await session.get(`/saeson/${plan.season}/bytte?forening=${plan.a.id}`)).text();
		};
		const option = (html: string, line: string) =>
			html.match(new RegExp(`<option[^>]*value="${line}"[^>]*>([^<]*)</option>`));
		const refused = option(await page(big), big.lineB.id);
		expect(refused?.[0]).toMatch(/\sdisabled/);
		expect(refused?.[1]).toContain('kan ikke byttes: en af aktiviteterne har flere deltagere');
		const stepped = option(await page(stepFree), stepFree.lineB.id);
		expect(stepped?.[0]).toMatch(/\sdisabled/);
		expect(stepped?.[1]).toContain('kan ikke byttes: en af aktiviteterne skal have et lokale uden trin');
		const offered = option(await page(fits), fits.lineB.id);
		expect(offered?.[0]).not.toMatch(/\sdisabled/);
		expect(offered?.[1]).not.toContain('kan ikke byttes');
	});

	it('is checked again on the consent, and moves each activity with its name and participants to its new time', async () => {
		const { season, a, b, lineA, lineB, rooms, staff, sys } = await finalPlan({
			activityA: choir(9),
			activityB: chess
		});
		const proposed = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'swap',
			from_line: lineA.id,
			to_line: lineB.id
		})) as { id: string };
		// the small room got smaller since: the choir of 9 no longer fits it, and nothing moves
		await staff.pb.collection('rooms').update(rooms.small, { capacity: 8 });
		await expectRefused(
			send(b.admin.pb, `/api/borgerhus/season-swaps/${proposed.id}/consent`),
			'season_swap_capacity'
		);
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
		await staff.pb.collection('rooms').update(rooms.small, { capacity: 10 });
		const done = (await send(b.admin.pb, `/api/borgerhus/season-swaps/${proposed.id}/consent`)) as {
			status: string;
		};
		expect(done.status).toBe('done');
		// the choir has the small room's time, chess the big room's: each line, series and booking says so
		const cases = [
			{ line: lineB, association: a.id, name: 'Stort kor', participants: 9 },
			{ line: lineA, association: b.id, name: 'Skak', participants: 8 }
		];
		for (const x of cases) {
			const line = await sys.collection('season_lines').getOne(x.line.id);
			expect([line.association, line.activity_name, line.participants, line.room]).toEqual([
				x.association,
				x.name,
				x.participants,
				x.line.room
			]);
			const series = await sys.collection('booking_series').getOne(x.line.series);
			expect([series.association, series.purpose, series.attendees]).toEqual([
				x.association,
				x.name,
				x.participants
			]);
			const bookings = await sys
				.collection('bookings')
				.getFullList({ filter: `series = "${x.line.series}"` });
			expect(bookings.length).toBeGreaterThan(0);
			for (const booking of bookings)
				expect([booking.association, booking.purpose, booking.attendees]).toEqual([
					x.association,
					x.name,
					x.participants
				]);
		}
		// the done message names the times as they were offered
		const [told] = await sys.collection('notifications').getFullList({
			filter: `user = "${a.admin.record.id}" && kind = "season_swap_done"`
		});
		expect(told!.texts.en.body).toMatch(/^Stort kor \(Monday 17:00–19:00, .*\) <-> Skak \(Monday/);
	});

	it('a hand-over gives the bookings the activity of the line, not a date’s own text of the giver', async () => {
		const { season, a, b, lineA, sys } = await finalPlan();
		const [first] = await sys
			.collection('bookings')
			.getFullList({ filter: `series = "${lineA.series}"`, sort: 'start' });
		await a.admin.pb.collection('bookings').update(first!.id, { purpose: 'Generalforsamling i A' });
		const offer = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		await send(b.admin.pb, `/api/borgerhus/season-swaps/${offer.id}/consent`);
		const moved = await sys.collection('bookings').getOne(first!.id);
		expect([moved.association, moved.purpose, moved.attendees]).toEqual([b.id, 'A', 8]);
	});
});

describe('the message of a proposal', () => {
	it('names an association whose new name awaits the house’s approval to nobody outside it', async () => {
		const { season, a, b, lineA, sys } = await finalPlan();
		// A renames itself after its time was booked: back to verification, and its new name unseen by staff
		await a.admin.pb.collection('associations').update(a.id, { name: 'Ring 70 70 70 70 og få jeres penge' });
		expect((await sys.collection('associations').getOne(a.id)).verified).toBe(false);
		// a hand-over asks no verification of the giver
		await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		});
		const [told] = await sys.collection('notifications').getFullList({
			filter: sys.filter('user = {:u} && kind = "season_swap_proposed"', { u: b.admin.record.id })
		});
		// B's admin cannot read A, and the swap page names it as waiting; the message says the same
		await expect(b.admin.pb.collection('associations').getOne(a.id)).rejects.toMatchObject({ status: 404 });
		expect(told?.body).not.toContain('Ring 70');
		expect(told?.texts?.en?.body).not.toContain('Ring 70');
		expect(told?.body).toMatch(/^En forening \(navnet venter på godkendelse\) foreslår: A \(mandag /);
		expect(told?.texts?.en?.body).toMatch(
			/^An association \(its name awaits approval\) proposes: A \(Monday /
		);

		// a verified association is named
		const { season: second, a: c, b: d, lineA: lineC } = await finalPlan();
		await send(c.admin.pb, `/api/borgerhus/seasons/${second}/swaps`, {
			kind: 'handover',
			from_line: lineC.id,
			to_association: d.id
		});
		const [named] = await sys.collection('notifications').getFullList({
			filter: sys.filter('user = {:u} && kind = "season_swap_proposed"', { u: d.admin.record.id })
		});
		expect(named?.body.startsWith(`${c.name} foreslår: `)).toBe(true);
	});
});

describe('a proposal withdrawn by the association that offered it', () => {
	it('is told to the other association’s admin who agreed to it and waits for staff, not to the one who withdrew it', async () => {
		const { season, a, b, lineA, sys } = await finalPlan({ extra: { swap_approval: true } });
		const offer = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		await send(b.admin.pb, `/api/borgerhus/season-swaps/${offer.id}/consent`);
		expect((await sys.collection('season_swaps').getOne(offer.id)).status).toBe('consented');
		await send(a.admin.pb, `/api/borgerhus/season-swaps/${offer.id}/cancel`);
		expect((await sys.collection('season_swaps').getOne(offer.id)).status).toBe('cancelled');
		const kindsOf = async (user: { record: { id: string } }) =>
			(
				await sys.collection('notifications').getFullList({
					filter: sys.filter('user = {:u} && kind ~ "season_swap_"', { u: user.record.id }),
					sort: 'kind'
				})
			).map((n) => n.kind);
		expect(await kindsOf(b.admin)).toEqual([
			'season_swap_declined',
			'season_swap_proposed',
			'season_swap_waiting'
		]);
		expect(await kindsOf(a.admin)).toEqual(['season_swap_waiting']);
		const [told] = await sys.collection('notifications').getFullList({
			filter: sys.filter('user = {:u} && kind = "season_swap_declined"', { u: b.admin.record.id })
		});
		expect(told?.body).toMatch(/^A \(mandag /);
		// the nothing-moved line stays A's
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
	});
});

describe('a proposal made again', () => {
	it('asks the other admin in the message they have, unread again, and mails them once an hour at most', async () => {
		const { season, a, b, lineA, sys } = await finalPlan();
		await sys.collection('users').update(b.admin.record.id, { notify_email: true });
		const path = `/api/borgerhus/seasons/${season}/swaps`;
		const handover = { kind: 'handover', from_line: lineA.id, to_association: b.id };
		const proposed = () =>
			sys.collection('notifications').getFullList({
				filter: sys.filter('user = {:u} && kind = "season_swap_proposed"', { u: b.admin.record.id })
			});
		// proposed and withdrawn in turn: one open proposal at a time, but each a new question
		const first = (await send(a.admin.pb, path, handover)) as { id: string };
		const [told] = await proposed();
		await b.admin.pb.collection('notifications').update(told!.id, { read_at: new Date().toISOString() });
		let last = first.id;
		for (let i = 0; i < 4; i++) {
			await send(a.admin.pb, `/api/borgerhus/season-swaps/${last}/cancel`);
			last = ((await send(a.admin.pb, path, handover)) as { id: string }).id;
		}
		const mailDir = stack().mailDir;
		await waitForMail(mailDir, b.admin.email, /./);
		await new Promise((r) => setTimeout(r, 500));
		expect(readMails(mailDir).filter((m) => m.to.includes(b.admin.email.toLowerCase()))).toHaveLength(1);
		const now = await proposed();
		expect(now.map((n) => [n.id, n.body, n.read_at])).toEqual([[told!.id, told!.body, '']]);
		// the one open now is answered from the page the message links to
		await send(b.admin.pb, `/api/borgerhus/season-swaps/${last}/consent`);
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(b.id);
	});
});
