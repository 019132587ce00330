import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';
import { codesOf, outcome } from '../helpers/scenarios';
import { houseLocalFromNow } from '../helpers/house-local';
import { activity, club, draftOut, makeSeason, seasonRooms, send, slotId, system } from './season-arrange';

// A draft published without an objection deadline takes objections until the final plan, and an open one
// holds the plan back: staff may then set a deadline, or bring one forward, and nothing else of the set-up
// (docs/rules.md, "Season application round").

async function expectRefused(request: Promise<unknown>, code: string, field?: string) {
	const result = await outcome(request);
	expect(result.status, JSON.stringify(result.body)).toBe(400);
	expect(codesOf(result.body)).toContain(code);
	if (field) expect(Object.keys((result.body as { data: object }).data)).toContain(field);
}

describe('the objection deadline of a published draft', () => {
	it('can be set by staff once the draft is out without one; objections after it are refused and the plan can be final', async () => {
		const staff = await createUser({ staff: true });
		const { season, a } = await draftOut(staff);
		const sys = await system();
		const seasonRow = () => sys.collection('seasons').getOne(season);
		const before = await seasonRow();
		expect(before.objection_until).toBe('');
		const objections = `/api/borgerhus/seasons/${season}/objections`;
		const patch = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}`, body, 'PATCH');

		// no deadline: an objection is taken, and holds back the final plan
		const [line] = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		const first = (await send(a.booker.pb, objections, {
			association: a.id,
			line: line!.id,
			text: 'Vi vil hellere have tirsdag.'
		})) as { id: string };
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }),
			'season_objections_open'
		);

		// a deadline in the past is refused, coded at its field and in words on the staff page
		await expectRefused(
			patch({ objection_until: new Date(Date.now() - 60_000).toISOString() }),
			'season_objection_deadline_past',
			'objection_until'
		);
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		const page = await (await desk.get(`/personale/saeson/${season}`)).text();
		expect(page).toContain('Frist for indsigelser');
		expect(page).toContain('Udkastet har ingen frist');
		const refused = await desk.post(`/personale/saeson/${season}?/deadline`, {
			// two hours ago, or further back on the night the clocks go back (a time typed in the hour that
			// occurs twice is refused as such, not as past)
			objection_until: houseLocalFromNow([-2])[0]
		});
		const refusedHtml = await refused.text();
		expect(refusedHtml).toContain('id="objection_until-error"');
		expect(refusedHtml).toContain('Fristen for indsigelser kan ikke ligge i fortiden.');
		// nothing else of the set-up may change with it, nor alone
		const soon = () => new Date(Date.now() + 3_000).toISOString();
		await expectRefused(
			patch({ name: 'Et nyt navn', objection_until: soon() }),
			'season_setup_locked',
			'name'
		);
		await expectRefused(
			patch({ apply_until: new Date(Date.now() + 7200_000).toISOString() }),
			'season_setup_locked',
			'apply_until'
		);
		await expectRefused(patch({ blackout_dates: [before.first_date.slice(0, 10)] }), 'season_setup_locked');
		await expectRefused(patch({ leftovers: 'second_round' }), 'season_setup_locked', 'leftovers');
		const unchanged = await seasonRow();
		expect(unchanged).toMatchObject({
			name: before.name,
			objection_until: '',
			apply_until: before.apply_until,
			blackout_dates: before.blackout_dates,
			leftovers: before.leftovers
		});

		// a deadline some seconds ahead: set, audited, told to the applicant; far enough for the six requests
		// that must come before it, on a slow machine too (at three seconds the last of them, the final plan
		// refused while the window is open, could come after it and be refused for the open objection instead)
		const until = new Date(Date.now() + 10_000).toISOString();
		expect((await outcome(patch({ objection_until: until }))).status).toBe(200);
		expect(Date.parse((await seasonRow()).objection_until.replace(' ', 'T'))).toBe(Date.parse(until));
		const audit = await sys
			.collection('audit_log')
			.getFullList({ filter: `target_id = "${season}" && action = "season_changed"` });
		expect(audit).toHaveLength(1);
		expect(audit[0]!.details).toMatchObject({ fields: ['objection_until'] });
		const told = await sys
			.collection('notifications')
			.getFullList({ filter: `user = "${a.admin.record.id}" && kind = "season_objection_deadline"` });
		expect(told).toHaveLength(1);
		// once set, it may come sooner, never later nor go away
		await expectRefused(
			patch({ objection_until: new Date(Date.now() + 3600_000).toISOString() }),
			'season_objection_deadline_later',
			'objection_until'
		);
		await expectRefused(patch({ objection_until: '' }), 'season_objection_deadline_later', 'objection_until');
		// until it has passed the final plan waits
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }),
			'season_objection_window_open'
		);

		await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(until) - Date.now()) + 500));
		// after it: a new objection is refused as with a deadline set from the start
		await expectRefused(
			send(a.admin.pb, objections, { association: a.id, text: 'Og en ting mere.' }),
			'season_objection_closed'
		);
		// and it cannot be moved again once it has passed
		await expectRefused(patch({ objection_until: soon() }), 'season_objection_deadline_later');
		// the open objection is answered, then the plan is final
		await expectRefused(
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }),
			'season_objections_open'
		);
		await send(staff.pb, `/api/borgerhus/season-objections/${first.id}/answer`, {
			answer: 'Det kan vi ikke.'
		});
		const final = await outcome(send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' }));
		expect(final.status, JSON.stringify(final.body)).toBe(200);
		expect((await seasonRow()).status).toBe('final');
	});
});

describe('a draft whose objection deadline has passed before it is published', () => {
	it('is not published: the associations would get no time to object, and the final plan could follow at once', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const a = await club();
		await send(a.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
			association: a.id,
			declared_section4: true,
			activities: [activity('A', [slotId(rooms.big, 'mon', '17:00')])]
		});
		const status = (to: string) => send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
		await status('closed');
		// the round ran late: its window and its objection deadline lie behind it
		const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
		await send(
			staff.pb,
			`/api/borgerhus/seasons/${season}`,
			{ apply_from: at(-3), apply_until: at(-2), objection_until: at(-1) },
			'PATCH'
		);
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		await expectRefused(status('draft_published'), 'season_objection_deadline_passed');
		// and in words on the staff page, beside its button
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		// the page says so before anyone presses it
		const shown = await (await desk.get(`/personale/saeson/${season}`)).text();
		expect(shown).toMatch(/Fristen for indsigelser, [^<]+, er allerede overskredet\. Sæt en ny frist under/);
		expect(shown).not.toContain('Foreningerne kan gøre indsigelse, når du har offentliggjort udkastet');
		const refused = await desk.post(`/personale/saeson/${season}?/status`, { to: 'draft_published' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(
			'Fristen for indsigelser er allerede overskredet. Sæt en ny frist i sæsonens opsætning, før du offentliggør udkastet.'
		);
		const sys = await system();
		expect((await sys.collection('seasons').getOne(season)).status).toBe('closed');
		expect(
			await sys.collection('notifications').getFullList({
				filter: `user = "${a.admin.record.id}" && kind = "season_draft_published"`
			})
		).toHaveLength(0);
		// a deadline ahead, and the draft goes out
		await send(staff.pb, `/api/borgerhus/seasons/${season}`, { objection_until: at(24) }, 'PATCH');
		await status('draft_published');
		expect((await sys.collection('seasons').getOne(season)).status).toBe('draft_published');
	});
});
