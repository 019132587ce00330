import { describe, expect, it } from 'vitest';
import { AppSession, loadedAfter } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';
import { houseLocalFromNow } from '../helpers/house-local';
import { formFromSeason, type SeasonSetup } from '../../src/lib/season/setup-form';
import { utcToHouseLocal } from '../../src/lib/events/time';
import { formFromActivities } from '../../src/lib/season/form';
import { activity, club, makeSeason, seasonRooms, slotId, system } from './season-arrange';

// The staff form of a season's set-up: a refused field is marked and names its error, so a screen reader
// reads the error with the field (docs/rules.md, "Season application round"). Two staff members saving it at
// once each keep what they changed (docs/rules.md, "Transactions").

describe('the season set-up form', () => {
	it('ties each refused field to its error', async () => {
		const staff = await createUser({ staff: true });
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const answer = await session.post('/personale/saeson?/create', {
			name: 'Sæson uden tider',
			first_date: '2027-08-01',
			last_date: '2027-06-01',
			slots: 'ingen-sal man 17:00-18:00'
		});
		expect(answer.status).toBe(400);
		const html = await answer.text();
		const refused = [...html.matchAll(/<p class="error[^"]*" id="([a-z_]+)-error"/g)].map((m) => m[1]);
		expect(refused.length).toBeGreaterThan(0);
		for (const field of refused) {
			const control = new RegExp(`<(input|textarea|select)[^>]*\\bid="${field}"[^>]*>`).exec(html)?.[0];
			expect(control, field).toBeDefined();
			expect(control, field).toContain('aria-invalid="true"');
			expect(control, field).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error\\b`));
		}
	});
});

describe('two staff members saving one season’s set-up form', () => {
	/** The fields of the edit form as a browser sends them, from the values it shows. */
	const sent = (values: Record<string, string | boolean>) =>
		Object.fromEntries(
			Object.entries(values)
				.filter(([, v]) => v !== false)
				.map(([k, v]) => [k, v === true ? 'on' : String(v)])
		);

	it('each keep the field they changed, times and lists left as shown included; the later save decides a field both changed', async () => {
		const [staffA, staffB] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const [a, b] = [new AppSession(), new AppSession()];
		expect((await a.signIn(staffA.email, staffA.password)).status).toBe(303);
		expect((await b.signIn(staffB.email, staffB.password)).status).toBe(303);
		const clubs = await Promise.all([club(), club(), club()]);
		const [c1, c2, c3] = clubs.map((c) => c.id) as [string, string, string];
		const rooms = await seasonRooms();
		// still being set up, so that every field of the form may change; the house associations stored in
		// an order of their own
		const season = await makeSeason(
			staffA,
			rooms,
			{ tiers: ['house', 'children', 'education', 'adults'], house_associations: [c1, c2].sort().reverse() },
			false
		);
		const sys = await system();
		const allRooms = await sys
			.collection('rooms')
			.getFullList<{ id: string; slug: string }>({ fields: 'id,slug' });
		const page = `/personale/saeson/${season}/rediger`;
		/** Both open the form as it stands now. */
		const bothOpen = async () => {
			const stored = await sys.collection('seasons').getOne<SeasonSetup>(season);
			const fields = sent(formFromSeason(stored, allRooms));
			const [pageA, pageB] = await Promise.all([a.get(page), b.get(page)]);
			return {
				stored,
				formA: { ...fields, _loaded: loadedAfter(await pageA.text()) },
				formB: { ...fields, _loaded: loadedAfter(await pageB.text()) }
			};
		};

		// A renames the season; B, from the form as it was, adds two blackout dates
		const first = await bothOpen();
		const year = first.stored.first_date.slice(0, 4);
		const blackout = [`${year}-03-10`, `${year}-03-17`];
		expect((await a.post(`${page}?/save`, { ...first.formA, name: 'Forårssæson omdøbt' })).status).toBe(200);
		expect(
			(await b.post(`${page}?/save`, { ...first.formB, blackout_dates: blackout.join(', ') })).status
		).toBe(200);
		const afterFirst = await sys.collection('seasons').getOne<SeasonSetup>(season);
		expect(afterFirst).toMatchObject({ name: 'Forårssæson omdøbt', blackout_dates: blackout });
		expect([afterFirst.apply_from, afterFirst.apply_until]).toEqual([
			first.stored.apply_from,
			first.stored.apply_until
		]);

		// A moves the window's end and writes the blackout dates otherwise (the same dates); B, from the form as
		// it was, adds a house association: A's times and lists left as shown are not sent back over B's list
		const second = await bothOpen();
		// a day after the window's end (an hour from now), or later on the night the clocks go back: a time
		// typed in the hour that occurs twice is refused as such
		const [later] = houseLocalFromNow([25]);
		expect(
			(
				await a.post(`${page}?/save`, {
					...second.formA,
					apply_until: later,
					blackout_dates: blackout.join('\n')
				})
			).status
		).toBe(200);
		expect((await b.post(`${page}?/save`, { ...second.formB, [`house_${c3}`]: 'on' })).status).toBe(200);
		const afterSecond = await sys.collection('seasons').getOne<SeasonSetup>(season);
		expect(utcToHouseLocal(afterSecond.apply_until)).toBe(later);
		expect([...afterSecond.house_associations].sort()).toEqual([c1, c2, c3].sort());
		expect(afterSecond).toMatchObject({ name: 'Forårssæson omdøbt', blackout_dates: blackout });

		// both rename it: the later save decides
		const third = await bothOpen();
		expect((await a.post(`${page}?/save`, { ...third.formA, name: 'Navn fra A' })).status).toBe(200);
		expect((await b.post(`${page}?/save`, { ...third.formB, name: 'Navn fra B' })).status).toBe(200);
		const afterThird = await sys.collection('seasons').getOne<SeasonSetup>(season);
		expect(afterThird).toMatchObject({ name: 'Navn fra B', blackout_dates: blackout });
		expect(afterThird.apply_until).toBe(afterSecond.apply_until);
	});
});

describe('a season form saved with nothing changed', () => {
	const sent = (values: Record<string, string | boolean>) =>
		Object.fromEntries(
			Object.entries(values)
				.filter(([, v]) => v !== false)
				.map(([k, v]) => [k, v === true ? 'on' : String(v)])
		);

	it('writes nothing of the staff set-up, and says nothing was changed', async () => {
		const staff = await createUser({ staff: true });
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const season = await makeSeason(staff, await seasonRooms());
		const sys = await system();
		const allRooms = await sys
			.collection('rooms')
			.getFullList<{ id: string; slug: string }>({ fields: 'id,slug' });
		const page = `/personale/saeson/${season}/rediger`;
		const before = await sys.collection('seasons').getOne<SeasonSetup & { updated: string }>(season);
		const form = {
			...sent(formFromSeason(before, allRooms)),
			_loaded: loadedAfter(await (await session.get(page)).text())
		};
		const changes = () =>
			sys.collection('audit_log').getFullList({
				filter: sys.filter('action = "season_changed" && target_id = {:s}', { s: season })
			});
		const saved = await session.post(`${page}?/save`, form);
		expect(saved.status).toBe(200);
		expect(await changes()).toEqual([]);
		expect((await sys.collection('seasons').getOne(season)).updated).toBe(before.updated);
		const html = await saved.text();
		expect(html).toContain('Intet er gemt: du har ikke ændret noget.');
		expect(html).not.toContain('Opsætningen er gemt.');
		// the route itself writes nothing for an empty change either
		await staff.pb.send(`/api/borgerhus/seasons/${season}`, { method: 'PATCH', body: {} });
		expect((await sys.collection('seasons').getOne(season)).updated).toBe(before.updated);
		expect(await changes()).toEqual([]);
	});

	it('writes nothing of an association’s application, and says nothing was changed', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const choir = await club();
		const body = {
			association: choir.id,
			declared_section4: true,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		};
		await choir.admin.pb.send(`/api/borgerhus/seasons/${season}/apply`, { method: 'POST', body });
		const sys = await system();
		const stored = () => sys.collection('season_applications').getFirstListItem(`season = "${season}"`);
		const before = await stored();
		// another admin of the association opens the form and saves it as it is
		const session = new AppSession();
		expect((await session.signIn(choir.booker.email, choir.booker.password)).status).toBe(303);
		const page = `/saeson/${season}?forening=${choir.id}`;
		const form = {
			...sent(formFromActivities(before.activities, before.local_criteria)),
			association: choir.id,
			declared_section4: 'on',
			_loaded: loadedAfter(await (await session.get(page)).text(), 'action="?/apply')
		};
		const saved = await session.post(`/saeson/${season}?/apply&forening=${choir.id}`, form);
		expect(saved.status).toBe(200);
		const after = await stored();
		expect([after.updated, after.applicant]).toEqual([before.updated, choir.admin.record.id]);
		const html = await saved.text();
		expect(html).toContain('Intet er gemt: du har ikke ændret noget.');
		expect(html).not.toContain('Ansøgningen er modtaget.');
		// the route, asked directly with the same application, writes nothing either
		const again = (await choir.booker.pb.send(`/api/borgerhus/seasons/${season}/apply`, {
			method: 'POST',
			body
		})) as { unchanged?: boolean };
		expect(again.unchanged).toBe(true);
		expect((await stored()).updated).toBe(before.updated);
		// a change is saved
		await choir.booker.pb.send(`/api/borgerhus/seasons/${season}/apply`, {
			method: 'POST',
			body: { ...body, activities: [activity('Kor', [slotId(rooms.big, 'tue', '17:00')])] }
		});
		expect((await stored()).updated).not.toBe(before.updated);
	});
});
