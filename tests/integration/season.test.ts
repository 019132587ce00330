import { describe, expect, it } from 'vitest';
import { createUser, guestClient } from '../helpers/pocketbase';
import { codesOf, outcome } from '../helpers/scenarios';
import { localParts } from '$rules/rooms-policy.js';
import { datesOf } from '$rules/season/allocate.js';
import {
	activity,
	club,
	finalPlan,
	makeSeason,
	seasonRooms,
	send,
	slotId,
	system,
	type Club,
	publishDraft
} from './season-arrange';
import { makeRoom } from './rooms-arrange';

// The season application round end to end against a real PocketBase (docs/rules.md, "Season application
// round"): the round's refusals, the draft with a flagged conflict, objections, the final plan and the
// bookings it makes, swaps with and without both consents, and leftovers under concurrency.

const apply = (who: { pb: import('pocketbase').default }, season: string, body: Record<string, unknown>) =>
	outcome(send(who.pb, `/api/borgerhus/seasons/${season}/apply`, { declared_section4: true, ...body }));

async function expectRefused(request: Promise<unknown>, code: string) {
	const result = await outcome(request);
	expect(result.status, JSON.stringify(result.body)).toBe(400);
	expect(codesOf(result.body)).toContain(code);
}

describe('season applications', () => {
	it('refuse a form’s save over a change another admin made since it loaded, and the form shows all there is', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const wishes = ['mon', 'tue', 'wed', 'thu'].map((d) => slotId(rooms.small, d, '17:00'));
		const ok = await club();
		const body = (name: string, loaded?: string) => ({
			association: ok.id,
			activities: [activity(name, wishes), ...['B', 'C', 'D'].map((n) => activity(n, wishes.slice(0, 1)))],
			...(loaded === undefined ? {} : { loaded })
		});
		const created = await apply(ok.admin, season, body('Kor', ''));
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const stored = async () =>
			(await system())
				.collection('season_applications')
				.getFirstListItem(`season = "${season}" && association = "${ok.id}"`);
		const first = await stored();
		// both admins loaded the form showing the first version; the booker saves first
		expect((await apply(ok.booker, season, body('Kor og orkester', first.updated))).status).toBe(200);
		const stale = await apply(ok.admin, season, body('Kammerkor', first.updated));
		expect(stale.status).toBe(400);
		expect(codesOf(stale.body)).toContain('season_application_changed');
		expect((await stored()).activities[0].name).toBe('Kor og orkester');
		// nor may a form loaded before any application existed write over one
		expect(codesOf((await apply(ok.admin, season, body('Kammerkor', ''))).body)).toContain(
			'season_application_changed'
		);
		// the form shows all four activities and the four wishes of the first, with the version it shows
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(ok.admin.email, ok.admin.password);
		const html = await (await page.get(`/saeson/${season}?forening=${ok.id}`)).text();
		expect(html).toContain('name="a3_name"');
		expect(html).toContain('name="a0_w3_slot"');
		expect(html).toContain(`name="_loaded" value="${(await stored()).updated}"`);
	});

	it('are taken only from admins and bookers of eligible associations, inside the window', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const wish = [slotId(rooms.big, 'mon', '17:00')];
		const ok = await club();
		const unverified = await club({ verified: false });
		const member = await createUser();
		const { membership } = await import('./associations-helpers');
		await membership(ok.id, member, 'member');

		const adult = { association: ok.id, activities: [activity('Kor', wish)] };
		expect((await apply(member, season, adult)).status).toBe(400);
		expect(codesOf((await apply(member, season, adult)).body)).toContain('season_not_booker');
		const unverifiedAnswer = await apply(unverified.admin, season, { ...adult, association: unverified.id });
		expect(codesOf(unverifiedAnswer.body)).toContain('season_association_unverified');
		await expectRefused(
			send(ok.booker.pb, `/api/borgerhus/seasons/${season}/apply`, { ...adult, declared_section4: false }),
			'season_section4_required'
		);
		const kids = {
			association: ok.id,
			activities: [activity('Juniorhold', wish, { age_group: 'children' })]
		};
		expect(codesOf((await apply(ok.booker, season, kids)).body)).toContain(
			'season_child_certificate_required'
		);
		const accepted = await apply(ok.booker, season, { ...kids, declared_child_certificates: true });
		expect(accepted.status).toBe(200);
		// an activity without a wish gets its own coded refusal, at the activity
		const noWish = await apply(ok.admin, season, {
			association: ok.id,
			activities: [activity('Uden ønske', [])]
		});
		expect(noWish.status, JSON.stringify(noWish.body)).toBe(400);
		expect(codesOf(noWish.body)).toContain('season_wishes_required');
		// a later change keeps the time the application was first sent ("applied first" breaks ties)
		const applications = async () =>
			(await system())
				.collection('season_applications')
				.getFullList({ filter: `season = "${season}" && association = "${ok.id}"` });
		const [first] = await applications();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect((await apply(ok.admin, season, { ...kids, declared_child_certificates: true })).status).toBe(200);
		const [changed] = await applications();
		expect(changed!.submitted_at).toBe(first!.submitted_at);
		// the applicant sees its computed tier and why
		expect((accepted.body as { eligibility: unknown }).eligibility).toMatchObject({
			activities: [{ name: 'Juniorhold', tier: 'children', tier_rank: 1, why: 'age_group' }]
		});
		// a wish for a time the season does not offer
		expect(
			codesOf(
				(await apply(ok.admin, season, { association: ok.id, activities: [activity('X', ['nope'])] })).body
			)
		).toContain('season_slot_unknown');

		// outside the window: closed by staff, and a window that has passed
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		expect(codesOf((await apply(ok.admin, season, adult)).body)).toContain('season_window_closed');
		const past = await makeSeason(staff, rooms, {
			apply_from: new Date(Date.now() - 7200_000).toISOString(),
			apply_until: new Date(Date.now() - 3600_000).toISOString()
		});
		expect(codesOf((await apply(ok.admin, past, adult)).body)).toContain('season_window_closed');
		// nothing is written through the record API
		const stored = await (
			await system()
		)
			.collection('season_applications')
			.getFullList({ filter: `season = "${season}"` });
		expect(stored).toHaveLength(1);
		const direct = await outcome(
			ok.admin.pb
				.collection('season_applications')
				.create({ season, association: ok.id, applicant: ok.admin.record.id })
		);
		expect(direct.status).toBe(403);
	});

	it('copies from last season only what this season takes: a local criterion it no longer has is left out, and the copy is sent as it is', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const criterion = (key: string) => ({ key, da: `Kriterium ${key}`, en: `Criterion ${key}` });
		const last = await makeSeason(staff, rooms, {
			local_criteria: [criterion('lokal'), criterion('gammel')]
		});
		const choir = await club();
		expect(
			(
				await apply(choir.admin, last, {
					association: choir.id,
					local_criteria: ['lokal', 'gammel'],
					activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
				})
			).status
		).toBe(200);
		const season = await makeSeason(staff, rooms, { previous: last, local_criteria: [criterion('lokal')] });
		const copied = (await send(
			choir.admin.pb,
			`/api/borgerhus/seasons/${season}/copy?association=${choir.id}`,
			undefined,
			'GET'
		)) as { activities: Record<string, unknown>[]; local_criteria: string[] };
		expect(copied.local_criteria).toEqual(['lokal']);
		const sent = await apply(choir.admin, season, {
			association: choir.id,
			activities: copied.activities,
			local_criteria: copied.local_criteria
		});
		expect(sent.status, JSON.stringify(sent.body)).toBe(200);
	});
});

describe('the season round from set-up to bookings', () => {
	it('drafts tier by tier, flags a tie, publishes, hears an objection and books the plan', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const { first_date } = (await import('./season-arrange')).springPeriod();
		const monday = datesOf({ first_date, last_date: `${first_date.slice(0, 4)}-04-25` }, 'mon', 1, 0)
			.dates[1];
		const season = await makeSeason(staff, rooms, { blackout_dates: [monday] });
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		const bigTue = slotId(rooms.big, 'tue', '17:00');
		const [kids, choir, chess] = await Promise.all([club(), club(), club()]);
		expect(
			(
				await apply(kids.admin, season, {
					association: kids.id,
					declared_child_certificates: true,
					activities: [activity('U10', [bigMon], { age_group: 'children', participants: 20 })]
				})
			).status
		).toBe(200);
		for (const c of [choir, chess]) {
			const answer = await apply(c.admin, season, {
				association: c.id,
				activities: [activity(`Hold ${c.name}`, [bigMon, bigTue], { flexibility: 'time' })]
			});
			expect(answer.status).toBe(200);
		}
		// the draft waits for the window to close
		await expectRefused(send(staff.pb, `/api/borgerhus/seasons/${season}/draft`), 'core_bad_transition');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		const drafted = (await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`)) as { flagged: number };
		expect(drafted.flagged).toBe(2);
		const sys = await system();
		const lines = () =>
			sys.collection('season_lines').getFullList({ filter: `season = "${season}"`, sort: 'activity' });
		const first = await lines();
		const kidsLine = first.find((l) => l.association === kids.id)!;
		expect(kidsLine).toMatchObject({ status: 'allocated', slot: bigMon, tier: 'children', wish: 0 });
		const flagged = first.filter((l) => l.status === 'flagged');
		expect(flagged.map((l) => l.slot)).toEqual([bigTue, bigTue]);
		// no publication with a flagged conflict
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' }),
			'season_flagged_open'
		);
		// the same applications give the same draft
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const again = await lines();
		expect(again.map((l) => [l.id, l.status, l.slot, JSON.stringify(l.reason)])).toEqual(
			first.map((l) => [l.id, l.status, l.slot, JSON.stringify(l.reason)])
		);
		// staff settle: choir gets Tuesday, chess goes on to what its flexibility allows
		const choirLine = flagged.find((l) => l.association === choir.id)!;
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/settle`, { slot: bigMon, winner: choirLine.activity }),
			'season_not_flagged'
		);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/settle`, {
			slot: bigTue,
			winner: choirLine.activity
		});
		const settled = await lines();
		expect(settled.find((l) => l.association === choir.id)).toMatchObject({
			status: 'allocated',
			slot: bigTue
		});
		const chessLine = settled.find((l) => l.association === chess.id)!;
		expect(chessLine.status).toBe('unallocated');
		expect(chessLine.reason.contests.map((c: { by: string }) => c.by)).toEqual(['tier', 'staff_settled']);
		// an adjustment needs a reason code, and is audited
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
				activity: chessLine.activity,
				slot: slotId(rooms.small, 'mon', '17:00')
			}),
			'season_reason_code_required'
		);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
		// lines are visible to the association, not to others
		expect(await chess.booker.pb.collection('season_lines').getFullList()).toHaveLength(1);
		expect(
			(await chess.booker.pb.collection('season_lines').getFullList()).every(
				(l) => l.association === chess.id
			)
		).toBe(true);
		const objection = (await send(chess.booker.pb, `/api/borgerhus/seasons/${season}/objections`, {
			association: chess.id,
			line: chessLine.id,
			text: 'Vi kan også bruge det lille lokale om mandagen.'
		})) as { id: string };
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }),
			'season_objections_open'
		);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
			activity: chessLine.activity,
			slot: slotId(rooms.small, 'mon', '17:00'),
			code: 'objection_upheld',
			note: 'Indsigelse imødekommet'
		});
		await send(staff.pb, `/api/borgerhus/season-objections/${objection.id}/answer`, {
			answer: 'I får det lille lokale mandag 17-19.'
		});
		// answered again from a page shown before: said to be answered, and the first answer stands
		await expectRefused(
			send(staff.pb, `/api/borgerhus/season-objections/${objection.id}/answer`, { answer: 'Et andet svar.' }),
			'season_objection_answered_already'
		);
		expect((await sys.collection('season_objections').getOne(objection.id)).answer).toBe(
			'I får det lille lokale mandag 17-19.'
		);
		const audit = await sys.collection('audit_log').getFullList({ filter: `actor = "${staff.record.id}"` });
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['season_conflict_settled', 'season_line_adjusted', 'season_objection_answered'])
		);
		const adjusted = audit.find((a) => a.action === 'season_line_adjusted')!;
		expect(adjusted.details).toMatchObject({ code: 'objection_upheld' });

		const final = (await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' })) as {
			booking: { association: string; booked: number }[];
		};
		expect(final.booking).toHaveLength(3);
		// the plan and the bookings agree: every date of every line, blackout left out, 17:00 house time
		const seasonRow = await sys
			.collection('seasons')
			.getOne<{ first_date: string; last_date: string; blackout_dates: string[] }>(season);
		for (const line of await lines()) {
			expect(line.status).toBe('allocated');
			const expected = datesOf(seasonRow, line.weekday, line.every, line.parity);
			const bookings = await sys
				.collection('bookings')
				.getFullList({ filter: `series = "${line.series}"`, sort: 'start' });
			expect(bookings.map((b) => localParts(Date.parse(b.start.replace(' ', 'T'))).date)).toEqual(
				expected.dates
			);
			expect(
				bookings.every(
					(b) =>
						localParts(Date.parse(b.start.replace(' ', 'T'))).minutes === 17 * 60 &&
						b.status === 'approved' &&
						b.association === line.association
				)
			).toBe(true);
			expect(line.booked).toBe(expected.dates.length);
			// the season crosses the spring change: the same wall-clock time is a different UTC hour
			expect(new Set(bookings.map((b) => b.start.slice(11, 13)))).toEqual(new Set(['16', '15']));
			if (line.weekday === 'mon') {
				expect(line.skipped).toEqual([{ date: monday, code: 'season_blackout' }]);
			}
		}
		// the public plan: association names, no people
		const plan = (await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {})) as {
			rows: { association: string }[];
		};
		expect(plan.rows.map((r) => r.association).sort()).toEqual([kids.name, choir.name, chess.name].sort());
		const text = JSON.stringify(plan);
		for (const c of [kids, choir, chess]) {
			expect(text).not.toContain(c.admin.email);
			expect(text).not.toContain(c.admin.record.id);
		}
	});
});

/** The final plan of two associations' activities (season-arrange.ts, finalPlan). */
function finalSeason(extra: Record<string, unknown> = {}) {
	return finalPlan({ extra });
}

describe('a wish lost to another association', () => {
	it('names the winner on the loser’s page while its name is verified, else says another association', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		const [kids, adults] = await Promise.all([club(), club()]);
		await apply(kids.admin, season, {
			association: kids.id,
			declared_child_certificates: true,
			activities: [activity('U10', [bigMon], { age_group: 'children' })]
		});
		await apply(adults.admin, season, {
			association: adults.id,
			activities: [activity('Bridge', [bigMon])]
		});
		await publishDraft(staff.pb, season);
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(adults.admin.email, adults.admin.password);
		const read = async () =>
			(await (await page.get(`/saeson/${season}?forening=${adults.id}`)).text()).replace(/<!--[^>]*-->/g, '');
		expect(await read()).toContain(`Ønske 1 (`);
		expect(await read()).toContain(`gik til ${kids.name}:`);
		// a new name, back in verification, is shown to nobody but staff
		await (await system()).collection('associations').update(kids.id, { verified: false });
		const after = await read();
		expect(after).not.toContain(kids.name);
		expect(after).toContain('gik til en anden forening:');
		// the final plan: the one with a time is told it is being booked, the one without that it got none
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' });
		const finalNotice = async (who: Club) =>
			(await who.admin.pb.collection('notifications').getFullList({ filter: 'kind = "season_final"' }))[0]!
				.texts;
		expect((await finalNotice(kids)).da.body).toContain('De tider, I har fået, bliver booket nu');
		const none = await finalNotice(adults);
		expect(none.da.body).toContain('I har ikke fået nogen tider i den.');
		expect(none.da.body).not.toContain('bliver booket');
		expect(none.en.body).toContain('You got no times in it.');
	});
});

describe('a season whose room was made inactive', () => {
	it('can still be renamed and its deadline moved; a new time in that room is refused', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		await (await system()).collection('rooms').update(rooms.small, { active: false });
		const until = new Date(Date.now() + 2 * 3600_000).toISOString();
		const renamed = await outcome(
			send(
				staff.pb,
				`/api/borgerhus/seasons/${season}`,
				{ name: 'Omdøbt sæson', apply_until: until },
				'PATCH'
			)
		);
		expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
		const stored = await (await system()).collection('seasons').getOne(season);
		expect(stored.name).toBe('Omdøbt sæson');
		expect(Date.parse(stored.apply_until.replace(' ', 'T'))).toBe(Date.parse(until));
		// in set-up, where the times may change, a new time in the inactive room is still unknown
		const draft = await makeSeason(
			staff,
			{ big: rooms.big, small: rooms.big },
			{
				slots: [{ room: rooms.big, weekday: 'mon', start: '17:00', end: '19:00' }]
			},
			false
		);
		await expectRefused(
			send(
				staff.pb,
				`/api/borgerhus/seasons/${draft}`,
				{ slots: [{ room: rooms.small, weekday: 'mon', start: '17:00', end: '19:00' }] },
				'PATCH'
			),
			'season_slot_unknown'
		);
	});
});

describe('a room taken out of use while the window is open', () => {
	it('takes no new wish for its times, keeps the wishes made before and lets the association change the rest or withdraw', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const sys = await system();
		const big = slotId(rooms.big, 'mon', '17:00');
		const small = slotId(rooms.small, 'mon', '17:00');
		const smallLater = slotId(rooms.small, 'wed', '17:00');
		const before = await club();
		const body = (name: string, wishes: string[]) => ({
			association: before.id,
			activities: [activity(name, wishes), activity('Bridge', [big])]
		});
		expect((await apply(before.admin, season, body('Kor', [small, big]))).status).toBe(200);
		await sys.collection('rooms').update(rooms.small, { active: false });

		// a new application wishing a time in the room: refused at the wish, nothing stored
		const after = await club();
		const refused = await apply(after.booker, season, {
			association: after.id,
			activities: [activity('Skak', [big]), activity('Strik', [big, small])]
		});
		expect(refused.status, JSON.stringify(refused.body)).toBe(400);
		expect(
			(refused.body as { data: Record<string, { code: string }> }).data['activities.1.wishes']?.code
		).toBe('rooms_inactive');
		const stored = (association: string) =>
			sys.collection('season_applications').getFullList({
				filter: sys.filter('season = {:s} && association = {:a}', { s: season, a: association })
			});
		expect(await stored(after.id)).toEqual([]);

		// the association that wished it before changes its other activity and keeps the wish
		expect((await apply(before.booker, season, body('Kor og orkester', [small, big]))).status).toBe(200);
		expect((await stored(before.id))[0]!.activities[0]).toMatchObject({
			name: 'Kor og orkester',
			wishes: [{ slot: small }, { slot: big }]
		});
		// the page offers the room's times only to the wish that holds one, marked as out of use
		const { AppSession } = await import('../helpers/app');
		const page = async (who: Club) => {
			const session = new AppSession();
			await session.signIn(who.admin.email, who.admin.password);
			return (await session.get(`/saeson/${season}?forening=${who.id}`)).text();
		};
		const offered = (html: string, slot: string) => html.split(`value="${slot}"`).length - 1;
		const mine = await page(before);
		expect(offered(mine, small)).toBe(1);
		expect(offered(mine, smallLater)).toBe(0);
		expect(offered(mine, big)).toBeGreaterThan(1);
		expect(mine).toContain('(ikke i brug)');
		const theirs = await page(after);
		expect([offered(theirs, small), offered(theirs, smallLater)]).toEqual([0, 0]);
		expect(offered(theirs, big)).toBeGreaterThan(0);
		// another time in the room is new, and refused
		expect(codesOf((await apply(before.admin, season, body('Kor', [small, smallLater]))).body)).toEqual([
			'rooms_inactive'
		]);
		expect((await stored(before.id))[0]!.activities[0].name).toBe('Kor og orkester');
		// it withdraws; sent anew, the application is new and takes no time in the room
		expect(
			(
				await outcome(
					send(before.admin.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: before.id })
				)
			).status
		).toBe(200);
		expect(codesOf((await apply(before.admin, season, body('Kor', [small, big]))).body)).toEqual([
			'rooms_inactive'
		]);
		expect((await stored(before.id))[0]!.status).toBe('withdrawn');
		expect((await apply(before.admin, season, body('Kor', [big]))).status).toBe(200);
	});
	it('is left out of a copy of last season: the copy holds no wish the application would be refused, unless the application holds it already', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const big = slotId(rooms.big, 'mon', '17:00');
		const small = slotId(rooms.small, 'mon', '17:00');
		const last = await makeSeason(staff, rooms);
		const choir = await club();
		const body = (wishes: string[]) => ({
			association: choir.id,
			activities: [activity('Kor', wishes)]
		});
		expect((await apply(choir.admin, last, body([small, big]))).status).toBe(200);
		const season = await makeSeason(staff, rooms, { previous: last });
		const sys = await system();
		await sys.collection('rooms').update(rooms.small, { active: false });
		const copy = async () =>
			(await send(
				choir.admin.pb,
				`/api/borgerhus/seasons/${season}/copy?association=${choir.id}`,
				undefined,
				'GET'
			)) as { activities: { wishes: { slot: string }[] }[] };
		let copied = await copy();
		expect(copied.activities[0]!.wishes.map((w) => w.slot)).toEqual([big]);
		const sent = await apply(choir.admin, season, { association: choir.id, activities: copied.activities });
		expect(sent.status, JSON.stringify(sent.body)).toBe(200);
		// a wish the application held before the room went out of use stays, and so it does in the copy
		await sys.collection('rooms').update(rooms.small, { active: true });
		expect((await apply(choir.admin, season, body([small, big]))).status).toBe(200);
		await sys.collection('rooms').update(rooms.small, { active: false });
		copied = await copy();
		expect(copied.activities[0]!.wishes.map((w) => w.slot)).toEqual([small, big]);
		expect(
			(await apply(choir.admin, season, { association: choir.id, activities: copied.activities })).status
		).toBe(200);
	});
});

describe('the association’s season page', () => {
	it('tells an association not yet verified so before any form, and says when last season has nothing to copy', async () => {
		const staff = await createUser({ staff: true });
		const season = await makeSeason(staff, await seasonRooms());
		const { AppSession } = await import('../helpers/app');
		const read = async (page: InstanceType<typeof AppSession>, url: string) =>
			(await (await page.get(url)).text()).replace(/<!--[^>]*-->/g, '');
		const fresh = await club({ verified: false });
		const page = new AppSession();
		await page.signIn(fresh.admin.email, fresh.admin.password);
		const html = await read(page, `/saeson/${season}?forening=${fresh.id}`);
		expect(html).toContain('Foreningen skal være godkendt af huset, før den kan søge.');
		expect(html).toContain(`href="/foreninger/${fresh.id}"`);
		expect(html).not.toContain('Send ansøgning');
		expect(html).not.toContain('Kopiér sidste sæson');

		const choir = await club();
		const admin = new AppSession();
		await admin.signIn(choir.admin.email, choir.admin.password);
		const copied = await admin.post(`/saeson/${season}?/copy&forening=${choir.id}`, {
			association: choir.id
		});
		const answer = (await copied.text()).replace(/<!--[^>]*-->/g, '');
		expect(answer).toContain('Der er intet fra sidste sæson at kopiere.');
		expect(answer).not.toContain('Formularen er udfyldt med det, I havde sidste sæson');
		expect(answer).toContain('Send ansøgning');
	});

	it('offers no application form past the window’s end while the round is still open, and says the deadline has passed', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const choir = await club();
		const body = {
			association: choir.id,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		};
		expect((await apply(choir.admin, season, body)).status).toBe(200);
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(choir.admin.email, choir.admin.password);
		const read = async () =>
			(await (await page.get(`/saeson/${season}?forening=${choir.id}`)).text()).replace(/<!--[^>]*-->/g, '');
		let html = await read();
		expect(html).toContain('Send ansøgning');
		expect(html).toContain('Træk ansøgningen tilbage');
		expect(html).not.toContain('Ansøgningsfristen er udløbet.');
		// the deadline passes before staff close the round: the hook refuses a change and a withdrawal
		const sys = await system();
		await sys
			.collection('seasons')
			.update(season, { apply_until: new Date(Date.now() - 60_000).toISOString() });
		expect(codesOf((await apply(choir.admin, season, body)).body)).toEqual(['season_window_closed']);
		expect(
			codesOf(
				(
					await outcome(
						send(choir.admin.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: choir.id })
					)
				).body
			)
		).toEqual(['season_window_closed']);
		// so the page offers neither, and says why
		html = await read();
		expect(html).toContain('Ansøgningsfristen er udløbet.');
		expect(html).not.toContain('Send ansøgning');
		expect(html).not.toContain('Kopiér sidste sæson');
		expect(html).not.toContain('Træk ansøgningen tilbage');
	});

	it('shows the application’s status as a label, capitalised, in Danish and English', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const choir = await club();
		const body = {
			association: choir.id,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		};
		expect((await apply(choir.admin, season, body)).status).toBe(200);
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(choir.admin.email, choir.admin.password);
		const url = `/saeson/${season}?forening=${choir.id}`;
		const status = async () => {
			const html = (await (await page.get(url)).text()).replace(/<!--[^>]*-->/g, '');
			return /<p class="application-status">([^<]*)<\/p>/.exec(html)?.[1]?.trim();
		};
		expect(await status()).toBe('Ansøgning: Sendt');
		await page.post(`/saeson/${season}?/withdraw&forening=${choir.id}`, { association: choir.id });
		expect(await status()).toBe('Ansøgning: Trukket tilbage');
		expect((await page.post('/sprog', { language: 'en', redirectTo: '/' })).status).toBe(303);
		expect(await status()).toBe('Application: Withdrawn');
		expect((await apply(choir.admin, season, body)).status).toBe(200);
		expect(await status()).toBe('Application: Sent');
	});

	it('says an application withdrawn already is withdrawn, when it is withdrawn again, and keeps it so', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const choir = await club();
		const body = {
			association: choir.id,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		};
		expect((await apply(choir.admin, season, body)).status).toBe(200);
		const withdraw = (who: Club['admin']) =>
			send(who.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: choir.id });
		await withdraw(choir.admin);
		// the booker withdraws it too, from a page shown before
		await expectRefused(withdraw(choir.booker), 'season_application_withdrawn_already');
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(choir.admin.email, choir.admin.password);
		const again = await page.post(`/saeson/${season}?/withdraw&forening=${choir.id}`, {
			association: choir.id
		});
		expect(again.status).toBe(400);
		const html = (await again.text()).replace(/<!--[^>]*-->/g, '');
		expect(html).toContain('Ansøgningen er allerede trukket tilbage.');
		expect(html).not.toContain('Den ændring er ikke mulig.');
		const stored = await (
			await system()
		)
			.collection('season_applications')
			.getFirstListItem(`season = "${season}"`);
		expect(stored.status).toBe('withdrawn');
	});

	it('withdraws an application, says until when objections are taken and takes one about the whole draft', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const hour = 3600_000;
		const season = await makeSeason(staff, rooms, {
			objection_until: new Date(Date.now() + 3 * hour).toISOString()
		});
		const choir = await club();
		const body = {
			association: choir.id,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		};
		expect((await apply(choir.admin, season, body)).status).toBe(200);
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(choir.admin.email, choir.admin.password);
		const url = `/saeson/${season}?forening=${choir.id}`;
		const read = async () => (await (await page.get(url)).text()).replace(/<!--[^>]*-->/g, '');
		let html = await read();
		expect(html).toContain('Du kan søge fra');
		expect(html).toContain('Træk ansøgningen tilbage');
		const withdrawn = await page.post(`/saeson/${season}?/withdraw&forening=${choir.id}`, {
			association: choir.id
		});
		expect(withdrawn.status).toBeLessThan(400);
		const sys = await system();
		const stored = () => sys.collection('season_applications').getFirstListItem(`season = "${season}"`);
		expect((await stored()).status).toBe('withdrawn');
		html = await read();
		expect(html).toContain('Jeres ansøgning er trukket tilbage.');
		expect(html).not.toContain('Træk ansøgningen tilbage');
		// sent again, and on to the draft: the window's dates are no longer something to do
		expect((await apply(choir.admin, season, body)).status).toBe(200);
		await publishDraft(staff.pb, season);
		html = await read();
		expect(html).not.toContain('Du kan søge fra');
		expect(html).toContain('Du kan gøre indsigelse indtil');
		expect(html).toContain('<option value="">Udkastet som helhed</option>');
		const objected = await page.post(`/saeson/${season}?/object&forening=${choir.id}`, {
			association: choir.id,
			line: '',
			text: 'Fordelingen passer ikke med skolernes ferie.'
		});
		expect(objected.status).toBeLessThan(400);
		const [objection] = await sys
			.collection('season_objections')
			.getFullList({ filter: `season = "${season}"` });
		expect(objection!.line).toBe('');
		html = await read();
		expect(html).toContain('Om: Udkastet som helhed');
		expect(html).toContain('Venter på svar');
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		expect(
			(await (await desk.get(`/personale/saeson/${season}`)).text()).replace(/<!--[^>]*-->/g, '')
		).toContain('Om: Udkastet som helhed');
		// past the deadline the form is gone and the page says why
		await sys
			.collection('seasons')
			.update(season, { objection_until: new Date(Date.now() - hour).toISOString() });
		html = await read();
		expect(html).toContain('Fristen for indsigelser er udløbet.');
		expect(html).not.toContain('?/object');
	});
});

describe('objections to the draft', () => {
	it('have until their deadline: the final plan waits for it', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const hour = 3600_000;
		const season = await makeSeason(staff, rooms, {
			objection_until: new Date(Date.now() + 2 * hour).toISOString()
		});
		const a = await club();
		await apply(a.admin, season, {
			association: a.id,
			activities: [activity('A', [slotId(rooms.big, 'mon', '17:00')])]
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }),
			'season_objection_window_open'
		);
		const sys = await system();
		expect((await sys.collection('seasons').getOne(season)).status).toBe('draft_published');
		const booked = await sys.collection('bookings').getFullList({ filter: `association = "${a.id}"` });
		expect(booked).toEqual([]);
		// an objection may still be made
		const [line] = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		const objection = await outcome(
			send(a.admin.pb, `/api/borgerhus/seasons/${season}/objections`, {
				association: a.id,
				line: line!.id,
				text: 'Vi ønsker hellere tirsdag'
			})
		);
		expect(objection.status).toBe(200);
	});

	it('come only from applicants, one open objection per line at a time', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const [applicant, outsider, unverified] = await Promise.all([club(), club(), club({ verified: false })]);
		await apply(applicant.admin, season, {
			association: applicant.id,
			activities: [activity('A', [slotId(rooms.big, 'mon', '17:00')])]
		});
		const objectionsPath = `/api/borgerhus/seasons/${season}/objections`;
		// before the draft is published there is nothing to object to yet: said so, not that a deadline passed
		for (const to of ['', 'closed']) {
			if (to) await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
			await expectRefused(
				send(applicant.admin.pb, objectionsPath, { association: applicant.id, text: 'For tidligt.' }),
				'season_objection_not_yet'
			);
		}
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
		// an association that never applied has no draft to object to, verified or not
		for (const c of [outsider, unverified]) {
			await expectRefused(
				send(c.admin.pb, objectionsPath, { association: c.id, text: 'Vi vil også have tider.' }),
				'season_not_applicant'
			);
		}
		const sys = await system();
		const [line] = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		const first = (await send(applicant.booker.pb, objectionsPath, {
			association: applicant.id,
			line: line!.id,
			text: 'Vi ønsker en senere tid.'
		})) as { id: string };
		// a second one about the same line waits for the first to be answered, even at once from two people
		const again = await Promise.all(
			[applicant.admin, applicant.booker].map((who) =>
				outcome(send(who.pb, objectionsPath, { association: applicant.id, line: line!.id, text: 'Igen.' }))
			)
		);
		expect(again.map((r) => r.status)).toEqual([400, 400]);
		expect(again.every((r) => codesOf(r.body).includes('season_objection_open'))).toBe(true);
		// one about the draft as a whole is its own, and a second one waits for it as well
		expect(
			(
				await outcome(
					send(applicant.admin.pb, objectionsPath, { association: applicant.id, text: 'Generelt.' })
				)
			).status
		).toBe(200);
		const wholeAgain = await Promise.all(
			[applicant.admin, applicant.booker].map((who) =>
				outcome(send(who.pb, objectionsPath, { association: applicant.id, text: 'Generelt igen.' }))
			)
		);
		expect(wholeAgain.map((r) => r.status)).toEqual([400, 400]);
		expect(wholeAgain.every((r) => codesOf(r.body).includes('season_objection_open'))).toBe(true);
		// a line named by text that looks like a placeholder is an unknown line, every time
		for (let i = 0; i < 6; i++) {
			const odd = await outcome(
				send(applicant.admin.pb, objectionsPath, { association: applicant.id, line: '{:a}', text: 'Hm.' })
			);
			expect(odd.status).toBe(400);
			expect(codesOf(odd.body).length).toBeGreaterThan(0);
		}
		await send(staff.pb, `/api/borgerhus/season-objections/${first.id}/answer`, { answer: 'Det ser vi på.' });
		expect(
			(
				await outcome(
					send(applicant.booker.pb, objectionsPath, {
						association: applicant.id,
						line: line!.id,
						text: 'Tak.'
					})
				)
			).status
		).toBe(200);
		expect(
			await sys.collection('season_objections').getFullList({ filter: `season = "${season}"` })
		).toHaveLength(3);
	});
});

describe('booking the final plan', () => {
	it('books only for a verified association, for someone who may still book for it', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const [renamed, left] = await Promise.all([club(), club()]);
		await apply(renamed.admin, season, {
			association: renamed.id,
			activities: [activity('R', [slotId(rooms.big, 'mon', '17:00')])]
		});
		// the booker applies, then leaves the association before the plan is booked
		await apply(left.booker, season, {
			association: left.id,
			activities: [activity('L', [slotId(rooms.big, 'tue', '17:00')])]
		});
		await publishDraft(staff.pb, season);
		// a new name sends the association back to the staff's verification
		await renamed.admin.pb.collection('associations').update(renamed.id, { name: `${renamed.name} (ny)` });
		const sys = await system();
		expect((await sys.collection('associations').getOne(renamed.id)).verified).toBe(false);
		const [gone] = await sys.collection('memberships').getFullList({
			filter: sys.filter('association = {:a} && user = {:u}', { a: left.id, u: left.booker.record.id })
		});
		await send(left.booker.pb, `/api/borgerhus/memberships/${gone!.id}/leave`);

		const final = (await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' })) as {
			booking: { association: string; booked?: number; code?: string }[];
		};
		expect(final.booking.find((b) => b.association === renamed.id)).toEqual({
			association: renamed.id,
			code: 'rooms_association_unverified'
		});
		const bookingsOf = (association: string) =>
			sys
				.collection('bookings')
				.getFullList({ filter: sys.filter('association = {:a}', { a: association }) });
		expect(await bookingsOf(renamed.id)).toEqual([]);
		const [renamedLine] = await sys
			.collection('season_lines')
			.getFullList({ filter: sys.filter('association = {:a}', { a: renamed.id }) });
		expect(renamedLine).toMatchObject({ status: 'allocated', series: '', booked: 0 });
		const told = await renamed.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_not_booked"' });
		expect(told).toHaveLength(1);
		expect(told[0]!.body).toContain('Foreningen er ikke godkendt endnu.');
		// the one who left books nothing in its name: the association's admin is the booker
		const leftBookings = await bookingsOf(left.id);
		expect(leftBookings.length).toBeGreaterThan(0);
		expect(new Set(leftBookings.map((b) => b.booker))).toEqual(new Set([left.admin.record.id]));
		expect(await left.booker.pb.collection('booking_series').getFullList()).toEqual([]);

		// once staff verify the new name, booking again books its lines
		await send(staff.pb, `/api/borgerhus/associations/${renamed.id}/verify`);
		const again = (await send(staff.pb, `/api/borgerhus/seasons/${season}/book`)) as {
			booking: { association: string; booked?: number }[];
		};
		expect(again.booking).toHaveLength(1);
		expect(again.booking[0]!.association).toBe(renamed.id);
		expect(again.booking[0]!.booked).toBeGreaterThan(0);
		expect(new Set((await bookingsOf(renamed.id)).map((b) => b.booker))).toEqual(
			new Set([renamed.admin.record.id])
		);
	});
	it('tells the association when booking again books the times none of whose dates could be booked before', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const choir = await club();
		expect(
			(
				await apply(choir.admin, season, {
					association: choir.id,
					activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
				})
			).status
		).toBe(200);
		await publishDraft(staff.pb, season);
		// the room is out of use when the final plan is booked: none of the dates is booked, and it is told so
		const sys = await system();
		await sys.collection('rooms').update(rooms.big, { active: false });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' });
		const told = async () =>
			(
				await choir.admin.pb
					.collection('notifications')
					.getFullList({ filter: 'kind = "season_booked"', sort: 'created' })
			).map((n) => n.title);
		expect(await told()).toEqual(['Jeres sæsontider kunne ikke bookes']);
		// taken into use again, the house books the plan again: the times are booked, and the association hears it
		await sys.collection('rooms').update(rooms.big, { active: true });
		const again = (await send(staff.pb, `/api/borgerhus/seasons/${season}/book`)) as {
			booking: { association: string; booked: number }[];
		};
		expect(again.booking[0]!.booked).toBeGreaterThan(0);
		expect(await told()).toEqual(['Jeres sæsontider kunne ikke bookes', 'Jeres sæsontider er booket']);
		// booking again with nothing left to book tells nothing more
		await send(staff.pb, `/api/borgerhus/seasons/${season}/book`);
		expect(await told()).toHaveLength(2);
	});
});

describe('the round’s news of an association’s application', () => {
	it('goes to those who act for the association now, each once: not to an applicant removed since, to its active admins instead', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const a = await club();
		const { membership } = await import('./associations-helpers');
		const [second, member] = await Promise.all([createUser(), createUser()]);
		await membership(a.id, second, 'admin');
		await membership(a.id, member, 'member');
		const sys = await system();
		const rowOf = async (user: { record: { id: string } }) =>
			(
				await sys.collection('memberships').getFullList({
					filter: sys.filter('association = {:a} && user = {:u}', { a: a.id, u: user.record.id })
				})
			)[0]!;
		// the booker applies, and is then removed by the admin
		const applied = await apply(a.booker, season, {
			association: a.id,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		});
		expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		const removed = await outcome(
			send(a.admin.pb, `/api/borgerhus/memberships/${(await rowOf(a.booker)).id}/remove`)
		);
		expect(removed.status, JSON.stringify(removed.body)).toBe(200);
		await publishDraft(staff.pb, season);
		// a deadline for objections some seconds ahead, told like the draft: the objection below must come
		// before it, on a slow machine too
		const until = new Date(Date.now() + 10_000).toISOString();
		await send(staff.pb, `/api/borgerhus/seasons/${season}`, { objection_until: until }, 'PATCH');
		// the second admin objects and is removed before staff answer: the association's admin hears the answer
		const objection = (await send(second.pb, `/api/borgerhus/seasons/${season}/objections`, {
			association: a.id,
			text: 'Vi vil hellere have tirsdag.'
		})) as { id: string };
		await send(a.admin.pb, `/api/borgerhus/memberships/${(await rowOf(second)).id}/remove`);
		await send(staff.pb, `/api/borgerhus/season-objections/${objection.id}/answer`, {
			answer: 'Det kan vi ikke.'
		});
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(until) - Date.now()) + 500));
		const final = await outcome(send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }));
		expect(final.status, JSON.stringify(final.body)).toBe(200);

		const kindsOf = async (user: { record: { id: string } }) =>
			(
				await sys.collection('notifications').getFullList({
					filter: sys.filter('user = {:u} && kind ~ "season_"', { u: user.record.id }),
					sort: 'kind'
				})
			).map((n) => n.kind);
		// the removed applicant is told nothing more of an application it can no longer read
		expect(await kindsOf(a.booker)).toEqual([]);
		expect(await kindsOf(member)).toEqual([]);
		// the admin hears every notice once; the second admin what came while still one
		expect(await kindsOf(a.admin)).toEqual([
			'season_booked',
			'season_draft_published',
			'season_final',
			'season_objection_answered',
			'season_objection_deadline'
		]);
		expect(await kindsOf(second)).toEqual(['season_draft_published', 'season_objection_deadline']);
		const [told] = await a.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_final"' });
		expect(told!.body).toContain(a.name);
		expect(told!.body).toContain('bliver booket nu');
	});
});

describe('a weekly time that ends at midnight', () => {
	it('is one slot from its start to 00:00, books until the midnight after each date and keeps others out', async () => {
		const staff = await createUser({ staff: true });
		const untilMidnight = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '00:00']]])
		);
		const late = await makeRoom({ capacity: 30, buffer_minutes: 0, opening_hours: untilMidnight });
		const rooms = { big: late.id, small: (await seasonRooms()).small };
		const slots = [{ room: late.id, weekday: 'fri', start: '20:00', end: '00:00' }];
		// a second time inside it is refused
		await expectRefused(
			makeSeason(staff, rooms, {
				slots: [...slots, { room: late.id, weekday: 'fri', start: '23:00', end: '23:30' }]
			}),
			'season_slot_overlap'
		);
		const season = await makeSeason(staff, rooms, { slots });
		const dance = await club();
		await apply(dance.admin, season, {
			association: dance.id,
			activities: [activity('Dans', [slotId(late.id, 'fri', '20:00')])]
		});
		await publishDraft(staff.pb, season);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' });
		const sys = await system();
		const bookings = await sys
			.collection('bookings')
			.getFullList({ filter: sys.filter('association = {:a}', { a: dance.id }), sort: 'start' });
		// every Friday of the spring, across the change to summer time
		expect(bookings.length).toBeGreaterThanOrEqual(7);
		for (const b of bookings) {
			const start = Date.parse(b.start.replace(' ', 'T'));
			const end = Date.parse(b.end.replace(' ', 'T'));
			expect(localParts(start)).toMatchObject({ weekday: 'fri', minutes: 20 * 60 });
			expect(localParts(end)).toMatchObject({ weekday: 'sat', minutes: 0 });
			expect(end - start).toBe(4 * 3600_000);
		}
	});
});

describe('a change of the blackout dates after the draft ran', () => {
	it('clears the draft, which runs again before it can be published; what chose last season is fixed', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const lastSeason = await makeSeason(staff, rooms, {}, false);
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		const bigTue = slotId(rooms.big, 'tue', '17:00');
		const chess = await club();
		await apply(chess.admin, season, {
			association: chess.id,
			activities: [activity('Skak', [bigMon, bigTue])]
		});
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}`, { previous: lastSeason }, 'PATCH'),
			'season_setup_locked'
		);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const sys = await system();
		const lineOf = async () =>
			(
				await sys
					.collection('season_lines')
					.getFullList({ filter: sys.filter('season = {:s}', { s: season }) })
			)[0]!;
		expect((await lineOf()).slot).toBe(bigMon);
		// every Monday of the season becomes a blackout date: the draft that gave Mondays is gone
		const row = await sys.collection('seasons').getOne<{ first_date: string; last_date: string }>(season);
		const mondays = datesOf(row, 'mon', 1, 0).dates;
		await send(staff.pb, `/api/borgerhus/seasons/${season}`, { blackout_dates: mondays }, 'PATCH');
		expect((await sys.collection('seasons').getOne(season)).drafted_at).toBe('');
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' }),
			'season_no_draft'
		);
		// run again, the Monday wish is skipped for its blackout dates and the line gets Tuesday
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		expect((await lineOf()).slot).toBe(bigTue);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
	});
});

describe('times closer than the room’s pause between bookings', () => {
	it('are refused at set-up, across midnight and the week’s end too, since both could never be booked', async () => {
		const staff = await createUser({ staff: true });
		const paused = await makeRoom({ capacity: 30, buffer_minutes: 15, step_minutes: 5 });
		const rooms = { big: paused.id, small: (await seasonRooms()).small };
		const at = (weekday: string, start: string, end: string) => ({ room: paused.id, weekday, start, end });
		for (const slots of [
			[at('mon', '17:00', '19:00'), at('mon', '19:00', '21:00')],
			[at('mon', '19:10', '21:00'), at('mon', '17:00', '19:00')],
			[at('fri', '20:00', '00:00'), at('sat', '00:00', '02:00')],
			[at('sun', '22:00', '00:00'), at('mon', '00:05', '01:00')]
		]) {
			await expectRefused(makeSeason(staff, rooms, { slots }), 'season_slot_too_close');
		}
		// the pause itself left between them: both are offered
		const season = await makeSeason(
			staff,
			rooms,
			{ slots: [at('mon', '17:00', '19:00'), at('mon', '19:15', '21:00')] },
			false
		);
		// a change of the set-up is checked the same way, and changes nothing when refused
		await expectRefused(
			send(
				staff.pb,
				`/api/borgerhus/seasons/${season}`,
				{ slots: [at('mon', '17:00', '19:00'), at('mon', '19:05', '21:00')] },
				'PATCH'
			),
			'season_slot_too_close'
		);
		const stored = await (await system()).collection('seasons').getOne(season);
		expect(stored.slots.map((s: { start: string }) => s.start)).toEqual(['17:00', '19:15']);
	});

	it('are booked in the law’s order when the pause was raised after the window opened', async () => {
		const staff = await createUser({ staff: true });
		const room = await makeRoom({ capacity: 30, buffer_minutes: 0 });
		const rooms = { big: room.id, small: (await seasonRooms()).small };
		const early = slotId(room.id, 'mon', '17:00');
		const late = slotId(room.id, 'mon', '19:00');
		const season = await makeSeason(staff, rooms, {
			slots: [
				{ room: room.id, weekday: 'mon', start: '17:00', end: '19:00' },
				{ room: room.id, weekday: 'mon', start: '19:00', end: '21:00' }
			]
		});
		// the adults' club sorts first by id, the children's second: the order of ids would book the adults
		const [first, second] = [await club(), await club()].sort((x, y) => (x.id < y.id ? -1 : 1));
		for (const [who, wish] of [
			[first!, activity('Bridge', [early])],
			[second!, activity('U12', [late], { age_group: 'children' })]
		] as const) {
			const applied = await apply(who.admin, season, {
				association: who.id,
				activities: [wish],
				declared_child_certificates: true
			});
			expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		}
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
		const sys = await system();
		await sys.collection('rooms').update(room.id, { buffer_minutes: 30 });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' });
		const lines = await sys
			.collection('season_lines')
			.getFullList({ filter: sys.filter('season = {:s}', { s: season }) });
		const children = lines.find((l) => l.association === second!.id)!;
		const adults = lines.find((l) => l.association === first!.id)!;
		expect(children.booked).toBeGreaterThanOrEqual(7);
		expect(adults.booked).toBe(0);
		expect(new Set(adults.skipped.map((x: { code: string }) => x.code))).toEqual(new Set(['rooms_overlap']));
		// each is told what happened: the title never says "booked" of times that were not
		const titles = async (who: Club) =>
			(
				await sys.collection('notifications').getFullList({
					filter: sys.filter('user = {:u} && kind = "season_booked"', { u: who.admin.record.id })
				})
			).map((n) => n.texts.da.title);
		expect(await titles(second!)).toEqual(['Jeres sæsontider er booket']);
		expect(await titles(first!)).toEqual(['Jeres sæsontider kunne ikke bookes']);
		// the message sends them to see why: the season's page lists each skipped date with its reason, and so
		// does the staff page of the season
		const { AppSession } = await import('../helpers/app');
		const page = new AppSession();
		await page.signIn(first!.admin.email, first!.admin.password);
		const html = await (await page.get(`/saeson/${season}?forening=${first!.id}`)).text();
		expect(html).toContain(`Datoer, der ikke kunne bookes (${adults.skipped.length}):`);
		expect(html).toContain('Lokalet er optaget på det tidspunkt.');
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		const staffHtml = await (await desk.get(`/personale/saeson/${season}`)).text();
		expect(staffHtml).toContain(`Datoer, der ikke kunne bookes (${adults.skipped.length}):`);
		expect(staffHtml).toContain('Lokalet er optaget på det tidspunkt.');
	});
});

describe('a weekly time its room could never book', () => {
	it('is refused at set-up and on a change, with what is wrong, by the rule every booking meets', async () => {
		const staff = await createUser({ staff: true });
		// 30 minutes to 4 hours, every 30 minutes, 08:00-22:00
		const room = await makeRoom({ capacity: 30, buffer_minutes: 0 });
		const rooms = { big: room.id, small: (await seasonRooms()).small };
		const at = (start: string, end: string) => ({ room: room.id, weekday: 'mon', start, end });
		for (const [slot, code] of [
			[at('17:00', '21:30'), 'season_slot_too_long'],
			[at('17:00', '17:20'), 'season_slot_too_short'],
			[at('17:10', '19:10'), 'season_slot_off_step'],
			[at('17:00', '18:10'), 'season_slot_off_step'],
			[at('20:00', '23:00'), 'season_slot_outside_hours'],
			[at('06:00', '08:30'), 'season_slot_outside_hours']
		] as const) {
			await expectRefused(makeSeason(staff, rooms, { slots: [slot] }), code);
		}
		const season = await makeSeason(staff, rooms, { slots: [at('17:00', '19:00')] }, false);
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}`, { slots: [at('17:00', '21:30')] }, 'PATCH'),
			'season_slot_too_long'
		);
		const stored = await (await system()).collection('seasons').getOne(season);
		expect(stored.slots.map((s: { end: string }) => s.end)).toEqual(['19:00']);
	});
});

describe('season swaps', () => {
	it('need both consents, and move lines and future bookings in one go', async () => {
		const { season, a, b, lineA, lineB, sys, staff, rooms } = await finalSeason();
		// a draft published with no last day for objections says none (never "until -")
		const [draftNotice] = await a.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_draft_published"' });
		expect(draftNotice?.body).toMatch(/: se hvad I har fået og hvorfor\.$|: see what you got and why\.$/);
		const propose = (who: Club) =>
			send(who.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
				kind: 'swap',
				from_line: lineA.id,
				to_line: lineB.id
			}) as Promise<{ id: string }>;
		await expectRefused(
			send(a.booker.pb, `/api/borgerhus/seasons/${season}/swaps`, {
				kind: 'swap',
				from_line: lineA.id,
				to_line: lineB.id
			}),
			'season_not_admin'
		);
		const swap = await propose(a);
		// the other admin is told what would move, with weekdays by name and the rooms, in both languages
		const room = (await sys.collection('rooms').getOne(rooms.big)).name;
		const [proposed] = await b.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_swap_proposed"' });
		expect(proposed!.texts.da.body).toContain(
			`A (mandag 17:00–19:00, ${room}) <-> B (tirsdag 17:00–19:00, ${room})`
		);
		expect(proposed!.texts.en.body).toContain(
			`A (Monday 17:00–19:00, ${room}) <-> B (Tuesday 17:00–19:00, ${room})`
		);
		// without the other association's consent: a booker of it, the proposer, or staff cannot finish it
		await expectRefused(
			send(b.booker.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`),
			'season_not_admin'
		);
		await expectRefused(
			send(a.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`),
			'season_not_admin'
		);
		await expectRefused(
			send(staff.pb, `/api/borgerhus/season-swaps/${swap.id}/approve`),
			'season_swap_not_consented'
		);
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
		// a second offer of the same line, still open when the swap is done
		const offer = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		// with it: done at once (this season needs no staff approval)
		const done = (await send(b.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`)) as {
			status: string;
		};
		expect(done.status).toBe('done');
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(b.id);
		expect((await sys.collection('season_lines').getOne(lineB.id)).association).toBe(a.id);
		const movedA = await sys.collection('bookings').getFullList({ filter: `series = "${lineA.series}"` });
		expect(movedA.every((x) => x.association === b.id && x.booker === b.admin.record.id)).toBe(true);
		const movedB = await sys.collection('bookings').getFullList({ filter: `series = "${lineB.series}"` });
		expect(movedB.every((x) => x.association === a.id && x.booker === a.admin.record.id)).toBe(true);
		// both were told
		for (const who of [a.admin, b.admin]) {
			const told = await sys
				.collection('notifications')
				.getFullList({ filter: `user = "${who.record.id}" && kind = "season_swap_done"` });
			expect(told).toHaveLength(1);
		}
		// the other offer of a line that changed hands is closed, and its proposer told: no "yes" is left
		// on offer that could only be refused
		expect((await sys.collection('season_swaps').getOne(offer.id)).status).toBe('cancelled');
		await expectRefused(
			send(b.admin.pb, `/api/borgerhus/season-swaps/${offer.id}/consent`),
			'season_swap_decided'
		);
		const closed = await sys
			.collection('notifications')
			.getFullList({ filter: `user = "${a.admin.record.id}" && kind = "season_swap_declined"` });
		expect(closed).toHaveLength(1);
	});

	it('is refused when the admin who offered it is no longer one: a consent of the giving side lapses with its role', async () => {
		const { season, a, b, lineA, sys } = await finalSeason();
		const { membership } = await import('./associations-helpers');
		const second = await createUser();
		await membership(a.id, second, 'admin');
		const swap = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		const [offered] = await sys.collection('memberships').getFullList({
			filter: sys.filter('association = {:a} && user = {:u}', { a: a.id, u: a.admin.record.id })
		});
		await send(second.pb, `/api/borgerhus/memberships/${offered!.id}/remove`);
		await expectRefused(
			send(b.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`),
			'season_swap_consent_lapsed'
		);
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
		const kept = await sys.collection('bookings').getFullList({ filter: `series = "${lineA.series}"` });
		expect(kept.every((x) => x.association === a.id)).toBe(true);
	});

	it('shows a new, unverified name of an association nowhere public, only to staff', async () => {
		const { season, a, b, staff } = await finalSeason();
		await a.admin.pb.collection('associations').update(a.id, { name: 'Hemmeligt Navn ApS' });
		type Plan = { rows: { association: string }[] };
		const plan = (await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {})) as Plan;
		expect(plan.rows.map((r) => r.association).sort()).toEqual(['', b.name].sort());
		expect(JSON.stringify(plan)).not.toContain('Hemmeligt');
		const options = await send(
			b.admin.pb,
			`/api/borgerhus/seasons/${season}/swap-options?association=${b.id}`,
			undefined,
			'GET'
		);
		expect(JSON.stringify(options)).not.toContain('Hemmeligt');
		const staffPlan = (await staff.pb.send(`/api/borgerhus/seasons/${season}/plan`, {})) as Plan;
		expect(staffPlan.rows.map((r) => r.association)).toContain('Hemmeligt Navn ApS');
	});

	it('in a swap, the receiving admin who agreed gives a line too: demoted before staff approve, it is refused', async () => {
		const { season, a, b, lineA, lineB, sys, staff } = await finalSeason({ swap_approval: true });
		const { membership } = await import('./associations-helpers');
		await membership(b.id, await createUser(), 'admin');
		const swap = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'swap',
			from_line: lineA.id,
			to_line: lineB.id,
			to_association: b.id
		})) as { id: string };
		await send(b.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`);
		const [row] = await sys.collection('memberships').getFullList({
			filter: sys.filter('association = {:a} && user = {:u}', { a: b.id, u: b.admin.record.id })
		});
		await sys.collection('memberships').update(row!.id, { role: 'booker' });
		await expectRefused(
			send(staff.pb, `/api/borgerhus/season-swaps/${swap.id}/approve`),
			'season_swap_consent_lapsed'
		);
		expect((await sys.collection('season_lines').getOne(lineB.id)).association).toBe(b.id);
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
	});

	it('waits for staff approval when the season says so', async () => {
		const { season, a, b, lineA, sys, staff } = await finalSeason({ swap_approval: true });
		const swap = (await send(a.admin.pb, `/api/borgerhus/seasons/${season}/swaps`, {
			kind: 'handover',
			from_line: lineA.id,
			to_association: b.id
		})) as { id: string };
		const consented = (await send(b.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/consent`)) as {
			status: string;
		};
		expect(consented.status).toBe('consented');
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(a.id);
		await expectRefused(send(b.admin.pb, `/api/borgerhus/season-swaps/${swap.id}/approve`), 'core_forbidden');
		const approved = (await send(staff.pb, `/api/borgerhus/season-swaps/${swap.id}/approve`)) as {
			status: string;
		};
		expect(approved.status).toBe('done');
		expect((await sys.collection('season_lines').getOne(lineA.id)).association).toBe(b.id);
	});
});

describe('season leftovers', () => {
	it('go first come, first served: one winner per slot under concurrency; a cancelled series frees its slot', async () => {
		const { season, rooms, a, lineA, sys, staff } = await finalSeason();
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'leftovers' });
		const clubs = await Promise.all([club(), club(), club(), club()]);
		const free = [
			slotId(rooms.small, 'tue', '17:00'),
			slotId(rooms.small, 'tue', '19:00'),
			slotId(rooms.small, 'wed', '17:00'),
			slotId(rooms.small, 'wed', '19:00'),
			slotId(rooms.small, 'thu', '17:00')
		];
		for (const slot of free) {
			const results = await Promise.all(
				clubs.map((c) =>
					outcome(
						send(c.booker.pb, `/api/borgerhus/seasons/${season}/claim`, {
							association: c.id,
							slot,
							activity_name: 'Ekstra',
							participants: 5
						})
					)
				)
			);
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			for (const r of results.filter((x) => x.status !== 200))
				expect(codesOf(r.body)).toEqual(['season_slot_taken']);
			const held = await sys
				.collection('season_lines')
				.getFullList({ filter: `season = "${season}" && slot = "${slot}" && status = "allocated"` });
			expect(held).toHaveLength(1);
		}
		// a taken slot of the plan cannot be claimed; once its series is cancelled, it can
		const taken = { association: clubs[0].id, slot: lineA.slot, activity_name: 'Ekstra', participants: 5 };
		await expectRefused(
			send(clubs[0].booker.pb, `/api/borgerhus/seasons/${season}/claim`, taken),
			'season_slot_taken'
		);
		await send(a.admin.pb, `/api/borgerhus/series/${lineA.series}/cancel`, {});
		const claimed = (await send(clubs[0].booker.pb, `/api/borgerhus/seasons/${season}/claim`, taken)) as {
			booked: number;
		};
		expect(claimed.booked).toBe(lineA.booked);
	});
});

describe('a draft that no longer matches the applications', () => {
	it('must be run again after the window was reopened, and a withdrawn application is never booked', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const objectionUntil = new Date(Date.now() + 3 * 86_400_000);
		const season = await makeSeason(staff, rooms, { objection_until: objectionUntil.toISOString() });
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		const [first, second] = await Promise.all([club(), club()]);
		await (await system()).collection('users').update(second.admin.record.id, { language: 'en' });
		const status = (to: string) => send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		expect(
			(
				await apply(first.admin, season, {
					association: first.id,
					activities: [activity('Hold A', [bigMon])]
				})
			).status
		).toBe(200);
		await status('closed');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		// the window opens again: the first association withdraws, another applies for the same time
		await status('open');
		await send(first.admin.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: first.id });
		expect(
			(
				await apply(second.admin, season, {
					association: second.id,
					activities: [activity('Hold B', [bigMon])]
				})
			).status
		).toBe(200);
		await status('closed');
		await expectRefused(status('draft_published'), 'season_no_draft');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const sys = await system();
		const lines = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		expect(lines.map((l) => [l.association, l.status, l.slot])).toEqual([[second.id, 'allocated', bigMon]]);
		await status('draft_published');
		// the notice names the last day for objections in its reader's language
		const [notice] = await second.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_draft_published"' });
		const weekday = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Copenhagen',
			weekday: 'long'
		}).format(objectionUntil);
		expect(notice?.body).toContain(`You can object until ${weekday} `);
		// it names the association: an applicant for two is told of each
		expect(notice?.body).toContain(`, ${second.name}: see what you got and why.`);
		// the objection period ends (the final plan waits for it)
		await sys
			.collection('seasons')
			.update(season, { objection_until: new Date(Date.now() - 60_000).toISOString() });
		const final = (await status('final')) as { booking: { association: string; booked: number }[] };
		expect(final.booking.map((b) => b.association)).toEqual([second.id]);
		const [told] = await second.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_booked"' });
		expect(told?.body).toMatch(/: \d+ dates are booked, 0 were skipped \(see why\)\.$/);
		expect(told?.body).toContain(`, ${second.name}: `);
		// the final plan's own message does not say booked before the booking has said so
		const [final_] = await second.admin.pb
			.collection('notifications')
			.getFullList({ filter: 'kind = "season_final"' });
		expect(final_?.body).toContain('the final plan is ready');
		const booked = await sys.collection('bookings').getFullList({ filter: `association = "${first.id}"` });
		expect(booked).toHaveLength(0);
	});

	it('cannot become the final plan while a tie is flagged again after its publication', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const bigTue = slotId(rooms.big, 'tue', '17:00');
		const clubs = await Promise.all([club(), club(), club()]);
		for (const c of clubs) {
			const answer = await apply(c.admin, season, {
				association: c.id,
				activities: [activity(`Hold ${c.name}`, [bigTue])]
			});
			expect(answer.status).toBe(200);
		}
		const status = (to: string) => send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		await status('closed');
		expect(
			((await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`)) as { flagged: number }).flagged
		).toBe(3);
		const sys = await system();
		const lineOf = async (c: Club) =>
			(
				await sys
					.collection('season_lines')
					.getFullList({ filter: `season = "${season}" && association = "${c.id}"` })
			)[0]!;
		const winner = await lineOf(clubs[0]!);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/settle`, {
			slot: bigTue,
			winner: winner.activity
		});
		await status('draft_published');
		// the winner is taken off the slot after an objection: the other two tie again
		const adjusted = (await send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
			activity: winner.activity,
			slot: '',
			code: 'objection_upheld'
		})) as { flagged: number };
		expect(adjusted.flagged).toBe(2);
		await expectRefused(status('final'), 'season_flagged_open');
		expect((await sys.collection('seasons').getOne(season)).status).toBe('draft_published');
		// staff's settlements and overrides (notes, who made them) are not read through the record API
		for (const pb of [guestClient(), clubs[1]!.admin.pb, staff.pb]) {
			const read = await pb
				.collection('seasons')
				.getOne(season, { fields: 'id,status,settlements,overrides' });
			expect(read).toEqual({ id: season, status: 'draft_published' });
		}
		const second = await lineOf(clubs[1]!);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/settle`, {
			slot: bigTue,
			winner: second.activity
		});
		const final = (await status('final')) as { booking: { association: string }[] };
		expect(final.booking.map((b) => b.association)).toEqual([clubs[1]!.id]);
	});

	it("counts as last season's history only the weekly times that season kept", async () => {
		const { staff, rooms, season: previous, a, b, lineA, lineB } = await finalSeason();
		// A's weekly time was given up during the season; B kept its own
		await send(a.admin.pb, `/api/borgerhus/series/${lineA.series}/cancel`, {});
		const newcomer = await club();
		const next = await makeSeason(staff, rooms, { previous, tie_breakers: ['history'] });
		for (const [c, slots] of [
			[a, [lineA.slot]],
			[b, [lineB.slot]],
			[newcomer, [lineA.slot, lineB.slot]]
		] as const) {
			const answer = await apply(c.admin, next, {
				association: c.id,
				activities: slots.map((slot) => activity(`Hold ${c.name} ${slot}`, [slot]))
			});
			expect(answer.status).toBe(200);
		}
		await send(staff.pb, `/api/borgerhus/seasons/${next}/status`, { to: 'closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${next}/draft`);
		const sys = await system();
		const lines = await sys.collection('season_lines').getFullList({ filter: `season = "${next}"` });
		const statusOf = (c: Club, slot: string) =>
			lines.filter((l) => l.association === c.id && l.activity_name.endsWith(slot)).map((l) => l.status);
		// B held its slot all season: history decides for it; A's given-up time decides nothing (a tie)
		expect(statusOf(b, lineB.slot)).toEqual(['allocated']);
		expect(statusOf(newcomer, lineB.slot)).toEqual(['unallocated']);
		expect(statusOf(a, lineA.slot)).toEqual(['flagged']);
		expect(statusOf(newcomer, lineA.slot)).toEqual(['flagged']);
	});
});
