import { describe, expect, it } from 'vitest';
import { createUser, guestClient } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { formFromSeason } from '../../src/lib/season/setup-form';
import { utcToHouseLocal } from '../../src/lib/events/time';
import type { SeasonSetup } from '../../src/lib/season/setup-form';
import { codesOf, outcome } from '../helpers/scenarios';
import { houseLocalFromNow } from '../helpers/house-local';
import { membership } from './associations-helpers';
import { validCvrNumber } from '../helpers/cvr';
import { addDays, localToUtc } from '$rules/rooms-policy.js';
import { toPbDate } from '$rules/room-claims.js';
import {
	activity,
	club,
	finalPlan,
	makeSeason,
	seasonRooms,
	send,
	slotId,
	system,
	type Club
} from './season-arrange';

// What the final plan leaves (docs/rules.md, "Season application round", "Leftovers"): the second round over
// the free slots only, single freed dates taken first come, first served under concurrency, and what the
// swap page and the public plan read.

const apply = (who: { pb: import('pocketbase').default }, season: string, body: Record<string, unknown>) =>
	outcome(send(who.pb, `/api/borgerhus/seasons/${season}/apply`, { declared_section4: true, ...body }));

async function expectRefused(request: Promise<unknown>, code: string) {
	const result = await outcome(request);
	expect(result.status, JSON.stringify(result.body)).toBe(400);
	expect(codesOf(result.body)).toContain(code);
}

/** The final plan of two associations' activities (season-arrange.ts, finalPlan). */
function finalSeason(extra: Record<string, unknown> = {}) {
	return finalPlan({ extra });
}

describe('the second round', () => {
	it('offers only the free slots, allocates them by the same rules and books them on publication', async () => {
		const { staff, rooms, season, a, lineA, sys } = await finalSeason({ leftovers: 'second_round' });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		// the season's mode decides the way out of the final plan
		await expectRefused(status({ to: 'leftovers' }), 'season_leftovers_mode');
		await expectRefused(status({ to: 'second_round' }), 'core_required');
		await expectRefused(
			status({ to: 'second_round', second_until: new Date(Date.now() - 60_000).toISOString() }),
			'core_end_before_start'
		);
		const [kids, adults] = await Promise.all([club(), club()]);
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		const smallMon = slotId(rooms.small, 'mon', '17:00');
		// no application before the round opens
		await expectRefused(
			send(kids.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
				association: kids.id,
				declared_section4: true,
				activities: [activity('X', [smallMon])]
			}),
			'season_window_closed'
		);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		expect((await sys.collection('seasons').getOne(season)).status).toBe('second_round');
		// a slot the plan already gave is not offered
		await expectRefused(
			send(adults.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
				association: adults.id,
				declared_section4: true,
				activities: [activity('Voksne', [bigMon])]
			}),
			'season_slot_unknown'
		);
		// the first round's applicant applies again, once per round
		expect(
			(await apply(a.admin, season, { association: a.id, activities: [activity('A2', [smallMon])] })).status
		).toBe(200);
		expect(
			(
				await apply(kids.admin, season, {
					association: kids.id,
					declared_child_certificates: true,
					activities: [activity('Børn', [smallMon], { age_group: 'children' })]
				})
			).status
		).toBe(200);
		expect(
			(
				await apply(adults.admin, season, {
					association: adults.id,
					activities: [activity('Voksne', [smallMon], { flexibility: 'any' })]
				})
			).status
		).toBe(200);
		const apps = await sys.collection('season_applications').getFullList({ filter: `season = "${season}"` });
		expect(
			apps
				.filter((x) => x.association === a.id)
				.map((x) => x.round)
				.sort()
		).toEqual([1, 2]);
		await expectRefused(send(staff.pb, `/api/borgerhus/seasons/${season}/draft`), 'core_bad_transition');
		await status({ to: 'second_closed' });
		const run = (await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`)) as { lines: number };
		expect(run.lines).toBe(3);
		const lines = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		const second = lines.filter((l) => l.round === 2);
		expect(second).toHaveLength(3);
		// the first round's lines are untouched; no half the plan holds is given again
		expect(lines.find((l) => l.id === lineA.id)).toMatchObject({
			slot: bigMon,
			status: 'allocated',
			round: 1
		});
		expect(second.filter((l) => l.status === 'allocated').map((l) => l.slot)).not.toContain(bigMon);
		const kidsLine = second.find((l) => l.association === kids.id)!;
		expect(kidsLine).toMatchObject({ status: 'allocated', slot: smallMon });
		const adultLine = second.find((l) => l.association === adults.id)!;
		expect(adultLine.status).toBe('allocated');
		expect(adultLine.slot).not.toBe(smallMon);
		expect(adultLine.slot).not.toBe(bigMon);
		// staff cannot move a line to a slot the final plan holds whole: refused, the line as it was
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
				activity: kidsLine.activity,
				slot: bigMon,
				code: 'correction'
			}),
			'season_slot_taken'
		);
		expect(await sys.collection('season_lines').getOne(kidsLine.id)).toMatchObject({
			status: 'allocated',
			slot: smallMon
		});
		// the same draft again gives the same lines
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const again = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		expect(again.map((l) => [l.id, l.status, l.slot]).sort()).toEqual(
			lines.map((l) => [l.id, l.status, l.slot]).sort()
		);
		// not yet published: the applicants do not see their second-round lines, the public plan leaves them out
		const seen = await kids.admin.pb
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}"` });
		expect(seen).toHaveLength(0);
		const planBefore = (await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {})) as {
			rows: { association: string }[];
		};
		expect(planBefore.rows.map((r) => r.association)).not.toContain(kids.name);
		await status({ to: 'leftovers' });
		const booked = await sys.collection('season_lines').getOne(kidsLine.id);
		expect(booked.series).not.toBe('');
		expect(booked.booked).toBeGreaterThan(0);
		const bookings = await sys.collection('bookings').getFullList({ filter: `series = "${booked.series}"` });
		expect(bookings).toHaveLength(booked.booked);
		expect(bookings.every((x) => x.association === kids.id && x.status === 'approved')).toBe(true);
		// each date is given its room's cancel deadline, as a booking made there is
		const { cancel_hours } = await sys.collection('rooms').getOne(bookings[0]!.room);
		expect(cancel_hours).toBeGreaterThan(0);
		expect(bookings.map((x) => x.cancel_hours)).toEqual(bookings.map(() => cancel_hours));
		expect(
			(await kids.admin.pb.collection('season_lines').getFullList({ filter: `season = "${season}"` })).length
		).toBe(1);
		const planAfter = (await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {})) as {
			rows: { association: string }[];
		};
		expect(planAfter.rows.map((r) => r.association)).toContain(kids.name);
		// in a second-round season nothing is claimed first come, first served
		await expectRefused(
			send(adults.admin.pb, `/api/borgerhus/seasons/${season}/claim`, {
				association: adults.id,
				slot: slotId(rooms.small, 'thu', '17:00'),
				activity_name: 'X',
				participants: 3
			}),
			'season_not_leftovers'
		);
		// each move was audited under its name
		const audit = await sys
			.collection('audit_log')
			.getFullList({ filter: `target_id = "${season}"`, sort: 'created' });
		expect(audit.map((x) => x.action)).toEqual(
			expect.arrayContaining([
				'season_open_second_round',
				'season_close_second_round',
				'season_publish_second_round'
			])
		);
	});

	it('keeps on its form a wish in a room gone out of use since, marked as such, and offers that room to no other wish', async () => {
		// one association's time in the big room: its Tuesday and the small room are free
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms, { leftovers: 'second_round' });
		const a = await club();
		await apply(a.admin, season, {
			association: a.id,
			activities: [activity('A', [slotId(rooms.big, 'mon', '17:00')])]
		});
		for (const to of ['closed', 'draft', 'draft_published', 'final']) {
			if (to === 'draft') await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
			else await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		}
		const sys = await system();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, {
			to: 'second_round',
			second_until: new Date(Date.now() + 3600_000).toISOString()
		});
		const kids = await club();
		const smallMon = slotId(rooms.small, 'mon', '17:00');
		const smallWed = slotId(rooms.small, 'wed', '17:00');
		const bigTue = slotId(rooms.big, 'tue', '17:00');
		expect(
			(await apply(kids.admin, season, { association: kids.id, activities: [activity('Kor', [smallMon])] }))
				.status
		).toBe(200);
		await sys.collection('rooms').update(rooms.small, { active: false });
		const session = new AppSession();
		await session.signIn(kids.admin.email, kids.admin.password);
		const html = await (await session.get(`/saeson/${season}?forening=${kids.id}`)).text();
		const offered = (slot: string) => html.split(`value="${slot}"`).length - 1;
		// the wish the application holds: shown, chosen and marked, so saving the form again keeps it
		expect(offered(smallMon)).toBe(1);
		expect(html).toMatch(new RegExp(`<option value="${smallMon}"[^>]*selected[^>]*>[^<]*\\(ikke i brug\\)`));
		// the room's other times are offered to nobody; the free times in use are
		expect(offered(smallWed)).toBe(0);
		expect(offered(bigTue)).toBeGreaterThan(0);
	});

	it('shows an application whose wish is in a room gone out of use once no time is free, with what it can still do', async () => {
		// one association's time in the big room: its Tuesday and the small room are free
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms, { leftovers: 'second_round' });
		const a = await club();
		await apply(a.admin, season, {
			association: a.id,
			activities: [activity('A', [slotId(rooms.big, 'mon', '17:00')])]
		});
		for (const to of ['closed', 'draft', 'draft_published', 'final']) {
			if (to === 'draft') await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
			else await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		}
		const sys = await system();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, {
			to: 'second_round',
			second_until: new Date(Date.now() + 3600_000).toISOString()
		});
		const kids = await club();
		const smallMon = slotId(rooms.small, 'mon', '17:00');
		expect(
			(await apply(kids.admin, season, { association: kids.id, activities: [activity('Kor', [smallMon])] }))
				.status
		).toBe(200);
		// both rooms out of use: no time is free any more, and the wish is in a room out of use
		await sys.collection('rooms').update(rooms.small, { active: false });
		// the big room's season bookings are cancelled with it, as staff confirm
		const held = await sys
			.collection('bookings')
			.getFullList({ filter: sys.filter('room = {:r} && status != "cancelled"', { r: rooms.big }) });
		await sys.collection('rooms').update(rooms.big, {
			active: false,
			cancel_bookings: held.map((b) => b.id),
			cancel_reason: 'Lokalet lukker.'
		});
		const session = new AppSession();
		await session.signIn(kids.admin.email, kids.admin.password);
		const html = await (await session.get(`/saeson/${season}?forening=${kids.id}`)).text();
		// the application is shown, its wish marked, with why it gets no time and what the association can do
		expect(html).toContain('Der er ingen ledige tider tilbage i sæsonen');
		expect(html).toContain('ikke er i brug');
		expect(html).toMatch(new RegExp(`<option value="${smallMon}"[^>]*selected[^>]*>[^<]*\\(ikke i brug\\)`));
		expect(html).toContain('value="Kor"');
		expect(html).toContain('action="?/withdraw&amp;forening=');
		// saving the form as it stands keeps the application and its wish
		const again = await apply(kids.admin, season, {
			association: kids.id,
			activities: [activity('Kor', [smallMon])]
		});
		expect(again.status, JSON.stringify(again.body)).toBe(200);
	});

	it('tells each of its applicants on publication, one that got no time that it got none, in the reader’s language', async () => {
		const { staff, rooms, season, a, sys } = await finalSeason({ leftovers: 'second_round' });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		const kids = await club();
		const smallMon = slotId(rooms.small, 'mon', '17:00');
		// the first round's applicant asks for the time the children's activity wins in the second round
		expect(
			(await apply(a.admin, season, { association: a.id, activities: [activity('A2', [smallMon])] })).status
		).toBe(200);
		expect(
			(
				await apply(kids.admin, season, {
					association: kids.id,
					declared_child_certificates: true,
					activities: [activity('Børn', [smallMon], { age_group: 'children' })]
				})
			).status
		).toBe(200);
		await sys.collection('users').update(a.admin.record.id, { language: 'en' });
		await status({ to: 'second_closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await status({ to: 'leftovers' });
		const told = async (user: { record: { id: string } }) =>
			sys.collection('notifications').getFullList({
				filter: sys.filter('user = {:u} && kind = "season_second_published"', { u: user.record.id })
			});
		const [nothing, ...moreNothing] = await told(a.admin);
		expect(moreNothing).toEqual([]);
		expect(nothing!.body).toContain(a.name);
		expect(nothing!.body).toContain('You got no times in the second round');
		const [got, ...moreGot] = await told(kids.admin);
		expect(moreGot).toEqual([]);
		expect(got!.body).toContain(kids.name);
		expect(got!.body).toContain('bliver booket nu');
	});

	it('says a move made already is made, whatever the season’s mode', async () => {
		// staff on a page read before a colleague published the final plan press its button again
		for (const leftovers of ['fcfs', 'second_round']) {
			const { staff, season } = await finalSeason({ leftovers });
			await expectRefused(
				send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }),
				'season_status_already'
			);
			await expectRefused(
				send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' }),
				'core_bad_transition'
			);
		}
	});

	it('takes no application of an association whose season booking staff withdrew, as its page says first', async () => {
		const { staff, rooms, season, a, b, lineA, lineB, sys } = await finalSeason({
			leftovers: 'second_round'
		});
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		const withdraw = (series: string) =>
			send(staff.pb, `/api/borgerhus/series/${series}/cancel`, {
				withdraw: true,
				reason: 'Gentagne udeblivelser'
			});
		const smallMon = slotId(rooms.small, 'mon', '17:00');
		// staff withdraw A's time of the plan while it is final, and B's during the round, after B applied
		await withdraw(lineA.series);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		expect(
			(await apply(b.admin, season, { association: b.id, activities: [activity('B2', [smallMon])] })).status
		).toBe(200);
		await withdraw(lineB.series);
		// A, withdrawn before the round, applies for its own withdrawn time or any other: refused
		for (const slot of [lineA.slot, smallMon]) {
			await expectRefused(
				send(a.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
					association: a.id,
					declared_section4: true,
					activities: [activity('A igen', [slot])]
				}),
				'season_claim_withdrawn'
			);
		}
		// its page says so before the association fills anything in; another association's offers the form
		const c = await club();
		const page = async (who: Club) => {
			const session = new AppSession();
			await session.signIn(who.admin.email, who.admin.password);
			return (await session.get(`/saeson/${season}?forening=${who.id}`)).text();
		};
		const mine = await page(a);
		expect(mine).toContain('Derfor kan du ikke søge om ledige tider for');
		expect(mine).not.toContain('action="?/apply');
		const other = await page(c);
		expect(other).toContain('action="?/apply&amp;forening=' + c.id);
		expect(other).not.toContain('Derfor kan du ikke søge om ledige tider for');
		// B's application, sent before its time was withdrawn, gets nothing in the round's draft
		await status({ to: 'second_closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await status({ to: 'leftovers' });
		const second = await sys
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}" && round = 2` });
		expect(second.filter((l) => l.association === a.id || l.association === b.id)).toEqual([]);
	});

	it('runs its draft again when staff withdraw a time after it ran, so the withdrawn association gets nothing', async () => {
		const { staff, rooms, season, b, lineB, sys } = await finalSeason({ leftovers: 'second_round' });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		expect(
			(
				await apply(b.admin, season, {
					association: b.id,
					activities: [activity('B2', [slotId(rooms.small, 'mon', '17:00')])]
				})
			).status
		).toBe(200);
		await status({ to: 'second_closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		// the draft has B's line; then staff withdraw B's time of the plan
		await send(staff.pb, `/api/borgerhus/series/${lineB.series}/cancel`, {
			withdraw: true,
			reason: 'Gentagne udeblivelser'
		});
		await expectRefused(status({ to: 'leftovers' }), 'season_no_draft');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await status({ to: 'leftovers' });
		const second = await sys
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}" && round = 2 && association = "${b.id}"` });
		expect(second.filter((l) => l.status !== 'unallocated')).toEqual([]);
		const booked = await sys
			.collection('bookings')
			.getFullList({ filter: `association = "${b.id}" && status != "cancelled"` });
		expect(booked).toEqual([]);
	});

	it('is announced to no association whose season booking staff withdrew; its admin hears only of the others', async () => {
		const { staff, season, a, b, lineA, sys } = await finalSeason({ leftovers: 'second_round' });
		await send(staff.pb, `/api/borgerhus/series/${lineA.series}/cancel`, {
			withdraw: true,
			reason: 'Gentagne udeblivelser'
		});
		// A's admin is admin of another association, which may apply
		const d = await club();
		await membership(d.id, a.admin, 'admin');
		// and one admin of A alone
		const onlyA = await createUser();
		await membership(a.id, onlyA, 'admin');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, {
			to: 'second_round',
			second_until: new Date(Date.now() + 3600_000).toISOString()
		});
		const told = (user: { record: { id: string } }) =>
			sys.collection('notifications').getFullList({
				filter: sys.filter('user = {:u} && kind = "season_second_round"', { u: user.record.id })
			});
		// A is barred from the leftovers: nobody is told to apply for it
		expect(await told(onlyA)).toEqual([]);
		const [toBoth, ...more] = await told(a.admin);
		expect(more).toEqual([]);
		expect(toBoth!.body).toContain(d.name);
		expect(toBoth!.body).not.toContain(a.name);
		expect(await told(d.booker)).toEqual([]);
		const [toB] = await told(b.admin);
		expect(toB!.body).toContain(b.name);
	});

	it('tells an applicant barred since it applied that it was left out, and why', async () => {
		const { staff, rooms, season, b, lineB, sys } = await finalSeason({ leftovers: 'second_round' });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		expect(
			(
				await apply(b.admin, season, {
					association: b.id,
					activities: [activity('B2', [slotId(rooms.small, 'mon', '17:00')])]
				})
			).status
		).toBe(200);
		await send(staff.pb, `/api/borgerhus/series/${lineB.series}/cancel`, {
			withdraw: true,
			reason: 'Gentagne udeblivelser'
		});
		await status({ to: 'second_closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await status({ to: 'leftovers' });
		const [told, ...more] = await sys.collection('notifications').getFullList({
			filter: sys.filter('user = {:u} && kind = "season_second_published"', { u: b.admin.record.id })
		});
		expect(more).toEqual([]);
		expect(told!.body).toContain(b.name);
		expect(told!.body).toContain('trukket en af foreningens sæsontider tilbage');
		expect(told!.body).not.toContain('Se hvorfor på sæsonens side');
	});

	it('refuses staff adjusting a line of the final plan while the second round is allocated, and changes nothing', async () => {
		const { staff, rooms, season, lineA, sys } = await finalSeason({ leftovers: 'second_round' });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		await status({ to: 'second_closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const before = await sys.collection('seasons').getOne(season);
		for (const slot of [slotId(rooms.small, 'thu', '17:00'), '']) {
			await expectRefused(
				send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
					activity: lineA.activity,
					slot,
					code: 'correction'
				}),
				'season_adjust_first_round'
			);
		}
		expect(await sys.collection('season_lines').getOne(lineA.id)).toMatchObject({
			status: 'allocated',
			slot: lineA.slot,
			series: lineA.series
		});
		expect((await sys.collection('seasons').getOne(season)).overrides).toEqual(before.overrides);
		const adjusted = await sys.collection('audit_log').getFullList({
			filter: sys.filter('action = "season_line_adjusted" && target_id = {:l}', { l: lineA.id })
		});
		expect(adjusted).toEqual([]);
		// the staff page offers no adjustment of it, and says so in words
		const page = new AppSession();
		await page.signIn(staff.email, staff.password);
		const html = await (await page.get(`/personale/saeson/${season}`)).text();
		expect(html).not.toContain(`name="activity" value="${lineA.activity}"`);
	});

	it('is refused for a season whose leftovers go first come, first served', async () => {
		const { staff, season } = await finalSeason();
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, {
				to: 'second_round',
				second_until: new Date(Date.now() + 3600_000).toISOString()
			}),
			'season_leftovers_mode'
		);
	});
});

describe('times the final plan could not book, during a second round', () => {
	it('are booked by staff once the association may have them, leaving the round’s own draft alone', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms, { leftovers: 'second_round' });
		const late = await club();
		await apply(late.admin, season, {
			association: late.id,
			activities: [activity('Sent', [slotId(rooms.big, 'mon', '17:00')])]
		});
		const sys = await system();
		// a new name sends it back to verification before the final plan is booked
		await sys.collection('associations').update(late.id, { verified: false });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		for (const to of ['closed', 'draft', 'draft_published', 'final']) {
			if (to === 'draft') await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
			else await status({ to });
		}
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		const kids = await club();
		const applied = await apply(kids.admin, season, {
			association: kids.id,
			declared_child_certificates: true,
			activities: [activity('U8', [slotId(rooms.small, 'mon', '17:00')], { age_group: 'children' })]
		});
		expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		await status({ to: 'second_closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const lines = async () =>
			await sys.collection('season_lines').getFullList({ filter: `season = "${season}"`, sort: 'round' });
		expect((await lines()).map((l) => [l.round, l.status, l.booked])).toEqual([
			[1, 'allocated', 0],
			[2, 'allocated', 0]
		]);
		// the second round's draft is not "not booked yet": it is booked when that round is published
		const page = new AppSession();
		await page.signIn(staff.email, staff.password);
		const unbooked = async () =>
			((await (await page.get(`/personale/saeson/${season}`)).text()).match(/Sent, mandag|U8, mandag/g) ?? [])
				.length;
		expect(await unbooked()).toBe(1);
		await sys.collection('associations').update(late.id, { verified: true });
		const booked = (await send(staff.pb, `/api/borgerhus/seasons/${season}/book`)) as {
			booking: { association: string; booked: number }[];
		};
		expect(booked.booking).toEqual([expect.objectContaining({ association: late.id })]);
		const [first, second] = await lines();
		expect(first!.booked).toBeGreaterThanOrEqual(7);
		expect(first!.series).not.toBe('');
		expect([second!.booked, second!.series]).toEqual([0, '']);
		expect(await unbooked()).toBe(0);
	});
});

describe('single freed dates', () => {
	it('are free dates of the leftovers, each taken by exactly one association under concurrency', async () => {
		const { staff, season, a, lineA, sys } = await finalSeason();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const bookings = await sys
			.collection('bookings')
			.getFullList({ filter: `series = "${lineA.series}"`, sort: 'start' });
		expect(bookings.length).toBeGreaterThanOrEqual(6);
		type Free = { slot: string; date: string }[];
		const plan = async () =>
			((await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {})) as { free_dates: Free })
				.free_dates;
		expect(await plan()).toEqual([]);
		// the owner cancels single dates; staff could withdraw them the same way
		const freed = bookings.slice(1, 6);
		for (const b of freed) await a.admin.pb.collection('bookings').update(b.id, { status: 'cancelled' });
		const free = await plan();
		expect(free.map((f) => f.slot)).toEqual(freed.map(() => lineA.slot));
		expect(free).toHaveLength(5);
		// a date still booked is not free
		const stillBooked = bookings[0]!;
		const clubs = await Promise.all([club(), club(), club(), club()]);
		const claim = (c: Club, date: string) =>
			outcome(
				send(c.booker.pb, `/api/borgerhus/seasons/${season}/claim-date`, {
					association: c.id,
					slot: lineA.slot,
					date,
					activity_name: 'Ekstra gang',
					participants: 5
				})
			);
		const otherDate = free[0]!.date === stillBooked.start.slice(0, 10) ? '' : stillBooked.start.slice(0, 10);
		if (otherDate)
			expect(codesOf((await claim(clubs[0]!, otherDate)).body)).toEqual(['season_date_not_free']);
		for (const f of free) {
			const results = await Promise.all(clubs.map((c) => claim(c, f.date)));
			expect(
				results.filter((r) => r.status === 200),
				JSON.stringify(results)
			).toHaveLength(1);
			for (const r of results.filter((x) => x.status !== 200))
				expect(codesOf(r.body)).toEqual(['season_date_not_free']);
		}
		// exactly one active booking per freed date, and no date is free any more
		const room = lineA.room;
		for (const b of freed) {
			const active = await sys.collection('bookings').getFullList({
				filter: `room = "${room}" && start = "${b.start}" && (status = "pending" || status = "approved")`
			});
			expect(active).toHaveLength(1);
			expect(active[0]!.series).toBe('');
			// a claimed date is given its room's cancel deadline, as a booking made there is
			expect(active[0]!.cancel_hours).toBe(48);
		}
		expect(await plan()).toEqual([]);
		// the weekly line still holds its slot: no whole-slot claim
		await expectRefused(
			send(clubs[0]!.booker.pb, `/api/borgerhus/seasons/${season}/claim`, {
				association: clubs[0]!.id,
				slot: lineA.slot,
				activity_name: 'X',
				participants: 3
			}),
			'season_slot_taken'
		);
		// a member without booking rights, and bad input, are refused with nothing stored
		const stranger = await createUser();
		await expectRefused(
			send(stranger.pb, `/api/borgerhus/seasons/${season}/claim-date`, {
				association: clubs[0]!.id,
				slot: lineA.slot,
				date: free[0]!.date,
				activity_name: 'X',
				participants: 3
			}),
			'season_not_booker'
		);
		await expectRefused(
			send(clubs[0]!.booker.pb, `/api/borgerhus/seasons/${season}/claim-date`, {
				association: clubs[0]!.id,
				slot: lineA.slot,
				date: '0001-01-01',
				activity_name: 'X',
				participants: 3
			}),
			'core_date_out_of_range'
		);
		// a time the season does not offer is said to be one, as a weekly claim says it: never a date
		// "no longer free" that never was
		await expectRefused(
			send(clubs[0]!.booker.pb, `/api/borgerhus/seasons/${season}/claim-date`, {
				association: clubs[0]!.id,
				slot: `${lineA.slot}-x`,
				date: free[0]!.date,
				activity_name: 'X',
				participants: 3
			}),
			'season_slot_unknown'
		);
	});
});

describe('the leftovers of a season whose dates have passed', () => {
	it('are no longer offered, and a claim of one says no date is left, not that someone took it', async () => {
		const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
		const { staff, rooms, season, a } = await finalSeason({ first_date: day(-30), last_date: day(-2) });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const plan = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/plan`, undefined, 'GET')) as {
			free: unknown[];
		};
		expect(plan.free).toEqual([]);
		for (const every of [1, 2]) {
			await expectRefused(
				send(a.admin.pb, `/api/borgerhus/seasons/${season}/claim`, {
					association: a.id,
					slot: slotId(rooms.small, 'wed', '17:00'),
					every,
					activity_name: 'For sent',
					participants: 3
				}),
				'season_no_dates_left'
			);
		}
	});
});

describe('the leftovers of a room out of use', () => {
	it('offer none of its weekly times, whose claims the room refuses', async () => {
		const { staff, rooms, season, sys } = await finalSeason();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const free = async () =>
			(
				(await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {})) as {
					free: { slot: string }[];
				}
			).free.map((f) => f.slot);
		const small = slotId(rooms.small, 'wed', '17:00');
		expect(await free()).toContain(small);
		await sys.collection('rooms').update(rooms.small, { active: false });
		expect((await free()).filter((slot) => slot.startsWith(`${rooms.small}-`))).toEqual([]);
		await sys.collection('rooms').update(rooms.small, { active: true });
		expect(await free()).toContain(small);
	});
});

describe('a claim of a weekly free time whose dates the room refuses', () => {
	it('says why the room refuses them (out of use, closed, taken by another booking), not that someone took the time, and stores nothing', async () => {
		const { staff, rooms, season, sys } = await finalSeason();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const c = await club();
		const slot = slotId(rooms.small, 'wed', '17:00');
		const claim = () =>
			send(c.booker.pb, `/api/borgerhus/seasons/${season}/claim`, {
				association: c.id,
				slot,
				activity_name: 'Skak',
				participants: 5
			});
		const nothingStored = async () =>
			expect(
				await sys
					.collection('season_lines')
					.getFullList({ filter: `season = "${season}" && association = "${c.id}"` })
			).toEqual([]);
		const { first_date, last_date } = await sys.collection('seasons').getOne(season);
		const day = (date: string, time: string) => toPbDate(localToUtc(date, time)!);
		// the room out of use
		await sys.collection('rooms').update(rooms.small, { active: false });
		await expectRefused(claim(), 'rooms_inactive');
		await nothingStored();
		await sys.collection('rooms').update(rooms.small, { active: true });
		// the room closed over the whole season
		const closure = await staff.pb.collection('closures').create({
			room: rooms.small,
			start: day(first_date.slice(0, 10), '00:00'),
			end: day(addDays(last_date.slice(0, 10), 1), '00:00'),
			reason: 'Ombygning'
		});
		await expectRefused(claim(), 'rooms_closed');
		await nothingStored();
		await staff.pb.collection('closures').delete(closure.id);
		// another booking on every Wednesday of the season
		for (let date = first_date.slice(0, 10); date <= last_date.slice(0, 10); date = addDays(date, 1)) {
			if (new Date(`${date}T12:00:00Z`).getUTCDay() !== 3) continue;
			await staff.pb.collection('bookings').create({
				room: rooms.small,
				booker: staff.record.id,
				purpose: 'Husets møde',
				attendees: 4,
				start: day(date, '17:00'),
				end: day(date, '19:00')
			});
		}
		await expectRefused(claim(), 'rooms_overlap');
		await nothingStored();
	});
});

describe('a weekly time held every other week', () => {
	it('is offered in its free weeks, on the season page and the public plan, and claimed there', async () => {
		const { season, lineA, staff, sys } = await finalPlan({
			activityA: (rooms) =>
				activity('A', [slotId(rooms.big, 'mon', '17:00')], {
					wishes: [{ slot: slotId(rooms.big, 'mon', '17:00'), every: 2 }]
				})
		});
		expect([lineA.every, lineA.parity]).toEqual([2, 0]);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const c = await club();
		const session = new AppSession();
		await session.signIn(c.admin.email, c.admin.password);
		const page = await (await session.get(`/saeson/${season}?forening=${c.id}`)).text();
		expect(page).toContain(
			`name="slot" value="${lineA.slot}"/> <input type="hidden" name="every" value="2"/>`
		);
		expect(page).toMatch(/mandag 17:00–19:00, [^<(]+ \(ulige uger\)/);
		const plan = await (await session.get(`/saeson/${season}/plan`)).text();
		// the time never breaks at its dash in the plan's narrow lists
		expect(plan).toMatch(
			/mandag\s*<span class="range">17:00–19:00<\/span>(?:<!--[^>]*-->|\s)*\(ulige uger\)/
		);
		const claimed = await session.post(`/saeson/${season}?/claim&forening=${c.id}`, {
			association: c.id,
			slot: lineA.slot,
			every: '2',
			activity_name: 'Skak',
			participants: '5'
		});
		expect(claimed.status).toBe(200);
		const mine = await sys
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}" && association = "${c.id}"` });
		expect(mine.map((l) => [l.slot, l.every, l.parity])).toEqual([[lineA.slot, 2, 1]]);
	});
});

describe('the swap page and the public plan', () => {
	it('gives an admin the lines to offer and ask for, and no people', async () => {
		const { season, a, b, lineA, lineB } = await finalSeason();
		await expectRefused(
			send(
				a.booker.pb,
				`/api/borgerhus/seasons/${season}/swap-options?association=${a.id}`,
				undefined,
				'GET'
			),
			'season_not_admin'
		);
		const options = (await send(
			a.admin.pb,
			`/api/borgerhus/seasons/${season}/swap-options?association=${a.id}`,
			undefined,
			'GET'
		)) as {
			mine: { id: string }[];
			others: { id: string; association_name: string }[];
			associations: unknown[];
		};
		expect(options.mine.map((l) => l.id)).toEqual([lineA.id]);
		expect(options.others.map((l) => [l.id, l.association_name])).toEqual([[lineB.id, b.name]]);
		expect(JSON.stringify(options)).not.toContain(b.admin.email);
	});

	it('answers only an admin of an association holding a time, and lists no unverified association’s line', async () => {
		const { season, a, b, lineA, lineB, sys } = await finalSeason();
		const options = (who: Club['admin'], association: string) =>
			send(
				who.pb,
				`/api/borgerhus/seasons/${season}/swap-options?association=${association}`,
				undefined,
				'GET'
			);
		// anyone may found an association (unverified) and so become its admin: that holds no time to offer
		const citizen = await createUser();
		const founded = await citizen.pb.collection('associations').create({
			name: `Nystiftet ${Date.now() % 100000}`,
			cvr: validCvrNumber()
		});
		expect(founded.verified).toBe(false);
		const refused = await outcome(options(citizen, founded.id));
		expect(refused.status).toBe(400);
		expect(codesOf(refused.body)).toEqual(['season_swap_no_line']);
		expect(refused.body).not.toHaveProperty('others');
		for (const line of [lineA, lineB]) expect(JSON.stringify(refused.body)).not.toContain(line.id);
		// an admin of a verified association with a time gets the options
		type Options = { mine: { id: string }[]; others: { id: string; activity_name: string }[] };
		const ofA = (await options(a.admin, a.id)) as Options;
		expect(ofA.mine.map((l) => l.id)).toEqual([lineA.id]);
		expect(ofA.others.map((l) => [l.id, l.activity_name])).toEqual([[lineB.id, lineB.activity_name]]);
		// a line of an association back in verification cannot be asked for, so it is not listed; and that
		// association, which may not swap, sees its own times and the hand-over's list only
		await sys.collection('associations').update(b.id, { verified: false });
		expect(((await options(a.admin, a.id)) as Options).others).toEqual([]);
		const ofB = (await options(b.admin, b.id)) as Options & { associations: { id: string }[] };
		expect(ofB.mine.map((l) => l.id)).toEqual([lineB.id]);
		expect(ofB.others).toEqual([]);
		expect(ofB.associations.map((x) => x.id)).toContain(a.id);
	});

	it('is public for a final season and not shown for a draft', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const guest = await outcome(guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {}));
		expect(guest.status).toBe(404);
	});
});

describe('hand-overs carried out with the rights as they are now', () => {
	/** A leftovers slot claimed by the admin of `a`, proposed as a hand-over to a third association. */
	async function proposedHandover(extra: Record<string, unknown> = {}) {
		const world = await finalSeason(extra);
		const { staff, rooms, season, a } = world;
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const claimed = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/claim`, {
			association: a.id,
			slot: slotId(rooms.small, 'thu', '17:00'),
			activity_name: 'Skak',
			participants: 5
		})) as { line: string; series: string; booked: number };
		expect(claimed.booked).toBeGreaterThan(0);
		const c = await club();
		const swap = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: claimed.line,
			to_association: c.id
		})) as { id: string };
		return { ...world, c, claimed, swap };
	}

	const unchanged = async (
		sys: import('pocketbase').default,
		claimed: { line: string; series: string },
		owner: Club
	) => {
		expect((await sys.collection('season_lines').getOne(claimed.line)).association).toBe(owner.id);
		expect(await sys.collection('booking_series').getOne(claimed.series)).toMatchObject({
			association: owner.id,
			booker: owner.admin.record.id
		});
		const bookings = await sys.collection('bookings').getFullList({ filter: `series = "${claimed.series}"` });
		expect(bookings.length).toBeGreaterThan(0);
		expect(bookings.every((b) => b.association === owner.id && b.booker === owner.admin.record.id)).toBe(
			true
		);
	};

	it('refuses the consent when the receiving association went back to verification, and moves nothing', async () => {
		const { a, c, claimed, swap, sys } = await proposedHandover();
		// a rename sends the association back to staff verification
		await c.admin.pb.collection('associations').update(c.id, { name: `${c.name} (ny)` });
		expect((await sys.collection('associations').getOne(c.id)).verified).toBe(false);
		await expectRefused(
			send(c.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`),
			'rooms_association_unverified'
		);
		await unchanged(sys, claimed, a);
		expect((await sys.collection('season_swaps').getOne(swap.id)).status).toBe('proposed');
	});

	it('refuses the approval when the consenting admin has lost the role, and moves nothing', async () => {
		const { a, c, claimed, swap, sys, staff } = await proposedHandover({ swap_approval: true });
		const consented = (await send(c.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`)) as {
			status: string;
		};
		expect(consented.status).toBe('consented');
		const [row] = await sys
			.collection('memberships')
			.getFullList({ filter: `association = "${c.id}" && user = "${c.admin.record.id}"` });
		await sys.collection('memberships').update(row!.id, { status: 'left' });
		await expectRefused(send(staff.pb, `/api/borgerhus/season-swaps/${swap.id}/approve`), 'rooms_not_booker');
		await unchanged(sys, claimed, a);
		expect((await sys.collection('season_swaps').getOne(swap.id)).status).toBe('consented');
	});

	it('refuses a proposed swap or hand-over with an unverified association, in words of swapping, not applying', async () => {
		const { season, a, b, lineA, lineB, sys } = await finalSeason();
		const propose = (body: Record<string, unknown>) =>
			outcome(send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, { from_line: lineA.id, ...body }));
		const refusedWith = async (body: Record<string, unknown>) => {
			const result = await propose(body);
			expect(result.status, JSON.stringify(result.body)).toBe(400);
			return (result.body as { data: Record<string, { code: string }> }).data;
		};
		const swap = { kind: 'swap', to_line: lineB.id };
		await sys.collection('associations').update(b.id, { verified: false });
		expect((await refusedWith(swap)).to_line?.code).toBe('season_swap_other_unverified');
		expect((await refusedWith({ kind: 'handover', to_association: b.id })).to_association?.code).toBe(
			'season_swap_other_unverified'
		);
		await sys.collection('associations').update(b.id, { verified: true });
		await sys.collection('associations').update(a.id, { verified: false });
		expect((await refusedWith(swap)).from_line?.code).toBe('season_swap_unverified');
		expect(await sys.collection('season_swaps').getFullList({ filter: `season = "${season}"` })).toEqual([]);
	});

	it('refuses a claim of the leftovers by an unverified association in words of taking free times, as its page says', async () => {
		const { staff, rooms, season, lineA, sys } = await finalSeason();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const bookings = await sys.collection('bookings').getFullList({ filter: `series = "${lineA.series}"` });
		await sys.collection('bookings').update(bookings[bookings.length - 1]!.id, { status: 'cancelled' });
		const c = await club({ verified: false });
		const body = { association: c.id, activity_name: 'Skak', participants: 5 };
		await expectRefused(
			send(c.admin.pb, `/api/borgerhus/seasons/${season}/claim`, {
				...body,
				slot: slotId(rooms.small, 'thu', '17:00')
			}),
			'season_claim_unverified'
		);
		await expectRefused(
			send(c.admin.pb, `/api/borgerhus/seasons/${season}/claim-date`, {
				...body,
				slot: lineA.slot,
				date: bookings[bookings.length - 1]!.start.slice(0, 10)
			}),
			'season_claim_unverified'
		);
		expect(
			await sys
				.collection('season_lines')
				.getFullList({ filter: `season = "${season}" && association = "${c.id}"` })
		).toEqual([]);
		const session = new AppSession();
		await session.signIn(c.admin.email, c.admin.password);
		const page = (await (await session.get(`/saeson/${season}?forening=${c.id}`)).text()).replace(
			/<!--[^>]*-->/g,
			''
		);
		expect(page).toContain('Foreningen skal være godkendt af huset, før den kan tage ledige tider.');
		expect(page).not.toContain('før den kan søge');
	});

	it('gives the receiving booker the season booking from the hand-over on, without what was the giver’s', async () => {
		const { a, c, claimed, swap, sys, staff } = await proposedHandover();
		const bookings = await sys
			.collection('bookings')
			.getFullList({ filter: `series = "${claimed.series}"`, sort: 'start' });
		const first = bookings[0]!;
		// before the hand-over: staff change a date of the giver's, and a message to the giver stands on it
		await staff.pb.collection('bookings').update(first.id, { attendees: 4 });
		const message = 'Besked til den gamle booker';
		await sys.collection('bookings').update(first.id, { reason: message });
		type Entry = { action: string; target: string; collection: string };
		const audit = async (who: Club['admin']) =>
			((await who.pb.send('/api/borgerhus/mydata', {})) as { audit: Entry[] }).audit;
		expect((await audit(a.admin)).map((x) => [x.action, x.target])).toContainEqual([
			'booking_moved',
			first.id
		]);
		await send(c.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`);
		const moved = await sys.collection('bookings').getOne(first.id);
		expect(moved).toMatchObject({ booker: c.admin.record.id, reason: '' });
		const theirs = await audit(c.admin);
		const ids = new Set([claimed.series, ...bookings.map((b) => b.id)]);
		// the new booker's data hold the hand-over that gave them the times, and nothing from before it
		expect(theirs.filter((x) => ids.has(x.target)).map((x) => [x.action, x.target])).toEqual([
			['booking_series_handed_over', claimed.series]
		]);
		expect(JSON.stringify(theirs)).not.toContain(message);
	});

	it("clears the giving association's choice to be shown by name on the screens", async () => {
		const { c, claimed, swap, sys, a } = await proposedHandover();
		const bookings = await sys.collection('bookings').getFullList({ filter: `series = "${claimed.series}"` });
		for (const b of bookings) await a.admin.pb.collection('bookings').update(b.id, { show_publicly: true });
		const label = async (source: string) =>
			(await sys.collection('room_busy').getFullList({ filter: `source = "${source}"` }))[0]?.label;
		expect(await label(bookings[0]!.id)).toBe(a.name);
		const done = (await send(c.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`)) as {
			status: string;
		};
		expect(done.status).toBe('done');
		const moved = await sys.collection('bookings').getFullList({ filter: `series = "${claimed.series}"` });
		expect(moved.every((b) => b.association === c.id && b.show_publicly === false)).toBe(true);
		expect((await sys.collection('booking_series').getOne(claimed.series)).show_publicly).toBe(false);
		for (const b of moved) expect(await label(b.id)).toBe('');
	});
});

describe("editing a season's set-up", () => {
	it('saves the staff form of an open season with its fixed fields sent back unchanged', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const sys = await system();
		const stored = await sys.collection('seasons').getOne<SeasonSetup & { slots: unknown[] }>(season);
		const allRooms = await sys
			.collection('rooms')
			.getFullList<{ id: string; slug: string }>({ fields: 'id,slug' });
		const values = formFromSeason(stored, allRooms);
		// five hours on, or later on the night the clocks go back: a time typed in the hour that occurs twice
		// is refused as such
		const [later] = houseLocalFromNow([5]);
		const fields: Record<string, string> = {};
		const edited: Record<string, string | boolean> = { ...values, apply_until: later };
		for (const [k, v] of Object.entries(edited)) {
			if (v === true) fields[k] = 'on';
			else if (typeof v === 'string') fields[k] = v;
		}
		const app = new AppSession();
		await app.signIn(staff.email, staff.password);
		const saved = await app.post(`/personale/saeson/${season}/rediger?/save`, fields);
		expect(saved.status).toBe(200);
		const after = await sys.collection('seasons').getOne(season);
		expect(utcToHouseLocal(after.apply_until)).toBe(later);
		expect(after.slots).toEqual(stored.slots);

		// a slot changed through the same form is refused, and nothing is stored
		const moved = await app.post(`/personale/saeson/${season}/rediger?/save`, {
			...fields,
			slots: String(values.slots).replace('17:00-19:00', '16:00-18:00')
		});
		expect(moved.status).toBe(400);
		expect(await moved.text()).toContain('Det kan ikke længere ændres i denne sæson.');
		expect((await sys.collection('seasons').getOne(season)).slots).toEqual(stored.slots);

		// a moment the day does not have, or has twice, is refused by name, never moved to a guess
		const year = Number(later.slice(0, 4)) + 1;
		const lastSunday = (month: number) => {
			const last = new Date(Date.UTC(year, month, 0));
			return new Date(last.getTime() - last.getUTCDay() * 86_400_000).toISOString().slice(0, 10);
		};
		for (const [value, message] of [
			[`${lastSunday(3)}T02:30`, 'Det klokkeslæt findes ikke den dag'],
			[`${lastSunday(10)}T02:30`, 'Det klokkeslæt findes to gange den dag']
		]) {
			const refused = await app.post(`/personale/saeson/${season}/rediger?/save`, {
				...fields,
				final_at: value!
			});
			expect(refused.status).toBe(400);
			expect(await refused.text()).toContain(message);
			expect((await sys.collection('seasons').getOne(season)).final_at).toBe(after.final_at);
		}
	});

	it('is allowed while the state allows it, validated with nothing stored on bad input, refused after', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms, {}, false);
		const sys = await system();
		const patch = (body: Record<string, unknown>, who = staff) =>
			send(who.pb, `/api/borgerhus/seasons/${season}`, body, 'PATCH');
		await patch({ name: 'Ny titel', tie_breakers: ['applied_first', 'history'], leftovers: 'second_round' });
		expect(await sys.collection('seasons').getOne(season)).toMatchObject({
			name: 'Ny titel',
			tie_breakers: ['applied_first', 'history'],
			leftovers: 'second_round'
		});
		const before = await sys.collection('seasons').getOne(season);
		for (const [body, code] of [
			[{ name: '   ' }, 'core_text_blank'],
			[{ last_date: '2001-01-01' }, 'core_end_before_start'],
			[{ tie_breakers: ['history', 'history'] }, 'core_invalid_value'],
			[{ draft_at: '9999-01-01T10:00:00Z' }, 'core_date_out_of_range'],
			[{ status: 'final' }, 'core_field_locked']
		] as const) {
			await expectRefused(patch(body), code);
		}
		const guest = await createUser();
		expect((await outcome(patch({ name: 'X' }, guest))).status).toBe(403);
		const after = await sys.collection('seasons').getOne(season);
		expect({ ...after, updated: '' }).toEqual({ ...before, updated: '' });
		// once the draft is published nothing of the set-up changes
		for (const to of ['open', 'closed', 'draft', 'draft_published']) {
			if (to === 'draft') await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
			else await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		}
		expect((await sys.collection('seasons').getOne(season)).status).toBe('draft_published');
		await expectRefused(patch({ name: 'For sent' }), 'season_setup_locked');
		expect((await sys.collection('seasons').getOne(season)).name).toBe('Ny titel');
	});

	it('names as last season only another season that exists, with a translated refusal otherwise', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const earlier = await makeSeason(staff, rooms, {}, false);
		const season = await makeSeason(staff, rooms, {}, false);
		const sys = await system();
		const patch = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}`, body, 'PATCH');
		const before = await sys.collection('seasons').getOne(season);
		// an id of no season: refused by the rule's own code, not PocketBase's untranslated relation error
		await expectRefused(patch({ previous: 'abcdefghijklmno' }), 'core_unknown_record');
		// the season itself: its own draft would count as its history, and "copy last season" copy itself
		await expectRefused(patch({ previous: season }), 'season_previous_self');
		expect({ ...(await sys.collection('seasons').getOne(season)), updated: '' }).toEqual({
			...before,
			updated: ''
		});
		await expectRefused(
			makeSeason(staff, rooms, { previous: 'abcdefghijklmno' }, false),
			'core_unknown_record'
		);
		await patch({ previous: earlier });
		expect((await sys.collection('seasons').getOne(season)).previous).toBe(earlier);
	});
});
