import { describe, expect, it } from 'vitest';
import { createUser } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { codesOf, outcome } from '../helpers/scenarios';
import { activity, club, finalPlan, makeSeason, seasonRooms, send, slotId, system } from './season-arrange';

// A round staff reopen (docs/rules.md, "Season application round", "The machines"): whoever applied to it
// is told that it is open again and until when, by the people who act for the association now, in their
// language; a window whose end has passed is not reopened.

const apply = (who: { pb: import('pocketbase').default }, season: string, body: Record<string, unknown>) =>
	outcome(send(who.pb, `/api/borgerhus/seasons/${season}/apply`, { declared_section4: true, ...body }));

async function expectRefused(request: Promise<unknown>, code: string) {
	const result = await outcome(request);
	expect(result.status, JSON.stringify(result.body)).toBe(400);
	expect(codesOf(result.body)).toContain(code);
}

const weekdayOf = (instant: string, locale: string) =>
	new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Copenhagen', weekday: 'long' }).format(
		new Date(instant)
	);

describe('a reopened round', () => {
	it('tells those who act for each association that applied that it is open again and until when, and is not reopened past its end', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const sys = await system();
		const [kept, gaveUp, left, unverified, outsider] = await Promise.all([
			club(),
			club(),
			club(),
			club(),
			club()
		]);
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		for (const c of [kept, gaveUp, unverified]) {
			const sent = await apply(c.admin, season, {
				association: c.id,
				activities: [activity('Hold', [bigMon])]
			});
			expect(sent.status, JSON.stringify(sent.body)).toBe(200);
		}
		// one association's booker applies and leaves it: its admin acts for it now
		expect(
			(await apply(left.booker, season, { association: left.id, activities: [activity('Hold', [bigMon])] }))
				.status
		).toBe(200);
		const [bookerRow] = await sys.collection('memberships').getFullList({
			filter: sys.filter('association = {:a} && user = {:u}', { a: left.id, u: left.booker.record.id })
		});
		expect(
			(await outcome(send(left.admin.pb, `/api/borgerhus/memberships/${bookerRow!.id}/remove`))).status
		).toBe(200);
		await send(gaveUp.admin.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: gaveUp.id });
		await sys.collection('associations').update(unverified.id, { verified: false });
		await sys.collection('users').update(kept.admin.record.id, { language: 'en' });
		const status = (to: string) => send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		await status('closed');
		const told = async (user: { record: { id: string } }) =>
			sys.collection('notifications').getFullList({
				filter: sys.filter('user = {:u} && kind = "season_reopened"', { u: user.record.id })
			});

		// the window's end has passed: reopening would tell them of a round open until a moment behind them
		await sys
			.collection('seasons')
			.update(season, { apply_until: new Date(Date.now() - 60_000).toISOString() });
		await expectRefused(status('open'), 'season_reopen_window_passed');
		expect((await sys.collection('seasons').getOne(season)).status).toBe('closed');
		// and in words on the staff page
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		const refused = await desk.post(`/personale/saeson/${season}?/status`, { to: 'open' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(
			'Ansøgningsfristen er allerede udløbet. Sæt en ny frist i sæsonens opsætning, før du åbner runden igen.'
		);
		expect(await told(kept.admin)).toEqual([]);

		const until = new Date(Date.now() + 2 * 86_400_000).toISOString();
		await send(staff.pb, `/api/borgerhus/seasons/${season}`, { apply_until: until }, 'PATCH');
		await status('open');
		// in the reader's language, with the association's name and the window's end in house time
		const [english, ...moreEnglish] = await told(kept.admin);
		expect(moreEnglish).toEqual([]);
		expect(english!.title).toBe('The application round is open again');
		expect(english!.body).toContain(`, ${kept.name}: the house has opened the round for applications again.`);
		expect(english!.body).toContain(`You can change your application until ${weekdayOf(until, 'en-GB')} `);
		expect(english!.link).toBe(`/saeson/${season}`);
		const [withdrawn] = await told(gaveUp.admin);
		expect(withdrawn!.body).toContain(`${gaveUp.name}: huset har åbnet for ansøgninger igen.`);
		expect(withdrawn!.body).toContain(
			`I trak jeres ansøgning tilbage, men I kan sende den igen indtil ${weekdayOf(until, 'da-DK')} `
		);
		// the applicant who left hears nothing more of it; its admin does
		expect(await told(left.booker)).toEqual([]);
		expect((await told(left.admin)).map((n) => n.body)).toEqual([
			expect.stringContaining('I kan ændre jeres ansøgning indtil')
		]);
		// an association that could not apply now, and one that never applied, are not told to
		expect(await told(unverified.admin)).toEqual([]);
		expect(await told(outsider.admin)).toEqual([]);
		// and the window is open: the association changes its application
		expect(
			(await apply(kept.admin, season, { association: kept.id, activities: [activity('Kor', [bigMon])] }))
				.status
		).toBe(200);

		// closed and reopened again within the hour: the message says so again, with no second one
		await status('closed');
		await status('open');
		const again = await told(kept.admin);
		expect(again).toHaveLength(1);
		expect(again[0]!.read_at).toBe('');
	});

	it('tells the second round’s applicants, not the first round’s, when staff reopen it with its new end', async () => {
		const { staff, rooms, season, a, b, sys } = await finalPlan({ extra: { leftovers: 'second_round' } });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		await status({ to: 'second_round', second_until: new Date(Date.now() + 3600_000).toISOString() });
		const smallMon = slotId(rooms.small, 'mon', '17:00');
		const kids = await club();
		expect(
			(await apply(kids.admin, season, { association: kids.id, activities: [activity('Kor', [smallMon])] }))
				.status
		).toBe(200);
		expect(
			(await apply(a.admin, season, { association: a.id, activities: [activity('A2', [smallMon])] })).status
		).toBe(200);
		await send(a.admin.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: a.id });
		await sys.collection('users').update(kids.admin.record.id, { language: 'en' });
		await status({ to: 'second_closed' });
		const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
		await status({ to: 'second_round', second_until: until });
		const told = async (user: { record: { id: string } }) =>
			sys.collection('notifications').getFullList({
				filter: sys.filter('user = {:u} && kind = "season_reopened"', { u: user.record.id })
			});
		const [kidsTold, ...more] = await told(kids.admin);
		expect(more).toEqual([]);
		expect(kidsTold!.title).toBe('The second round is open again');
		expect(kidsTold!.body).toContain(
			`${kids.name}: the house has opened the second round again. You can change your application for the free times until ${weekdayOf(until, 'en-GB')} `
		);
		const [aTold] = await told(a.admin);
		expect(aTold!.body).toContain(
			'I trak jeres ansøgning om de ledige tider tilbage, men I kan sende den igen indtil'
		);
		// b applied to the first round only: the second round's reopening is not its news
		expect(await told(b.admin)).toEqual([]);
	});

	it('keeps staff’s hand on an activity only while the activity stands as it was when the association changes its application', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const a = await club();
		const bigMon = slotId(rooms.big, 'mon', '17:00');
		const bigTue = slotId(rooms.big, 'tue', '17:00');
		const smallWed = slotId(rooms.small, 'wed', '17:00');
		const smallThu = slotId(rooms.small, 'thu', '17:00');
		const sent = await apply(a.admin, season, {
			association: a.id,
			activities: [activity('Kor', [bigMon]), activity('Skak', [smallWed]), activity('Bridge', [smallThu])]
		});
		expect(sent.status, JSON.stringify(sent.body)).toBe(200);
		const applicationId = (sent.body as { id: string }).id;
		const status = (to: string) => send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		await status('closed');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		// staff give the choir Tuesday by hand, and the bridge club no time
		for (const [key, slot] of [
			['a1', bigTue],
			['a3', '']
		]) {
			const adjusted = await outcome(
				send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
					activity: `${applicationId}:${key}`,
					slot,
					code: 'house_need'
				})
			);
			expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
		}
		// the window opens again: the association gives up the choir, so its chess club comes first, and keeps
		// its bridge club as it was (now second)
		await status('open');
		const changed = await apply(a.admin, season, {
			association: a.id,
			activities: [activity('Skak', [smallWed]), activity('Bridge', [smallThu])]
		});
		expect(changed.status, JSON.stringify(changed.body)).toBe(200);
		await status('closed');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const sys = await system();
		const lines = await sys
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}"`, sort: 'activity' });
		// the chess club gets the time it wished, not the choir's time staff chose for the choir
		expect(lines.map((l) => [l.activity_name, l.status, l.slot, l.via])).toEqual([
			['Skak', 'allocated', smallWed, 'wish'],
			['Bridge', 'unallocated', '', 'override']
		]);
		expect(lines[0]!.reason.override).toBeUndefined();
		// withdrawn and sent again it is a new application: staff's decisions went with the old one
		await status('open');
		await send(a.admin.pb, `/api/borgerhus/seasons/${season}/withdraw`, { association: a.id });
		expect(
			(
				await apply(a.admin, season, {
					association: a.id,
					activities: [activity('Skak', [smallWed]), activity('Bridge', [smallThu])]
				})
			).status
		).toBe(200);
		await status('closed');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const anew = await sys
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}"`, sort: 'activity' });
		expect(anew.map((l) => [l.activity_name, l.status, l.slot, l.via])).toEqual([
			['Skak', 'allocated', smallWed, 'wish'],
			['Bridge', 'allocated', smallThu, 'wish']
		]);
	});
});
