import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';
import { draftOut, finalPlan, send, system } from './season-arrange';

// The staff season page's two single moments, the objection deadline and the second round's end, in the
// hour the autumn night has twice (docs/rules.md, "House time", "A stored time left as shown keeps its
// instant"): one shown as stored and left so keeps its instant; one typed anew there is refused.

const TWICE = 'Det klokkeslæt findes to gange den dag (vintertid). Vælg et andet.';

/**
 * The next night the clocks go back that is still some days ahead (the last Sunday of October, 03:00 CEST
 * to 02:00 CET): its date, and the instants of its first 02:30 (summer time) and its second (winter time).
 */
function nextAutumnNight() {
	const night = (year: number) => {
		const last = new Date(Date.UTC(year, 9, 31));
		last.setUTCDate(31 - last.getUTCDay());
		return last;
	};
	let year = new Date().getUTCFullYear();
	if (night(year).getTime() - Date.now() < 3 * 24 * 3600_000) year++;
	const date = night(year).toISOString().slice(0, 10);
	return { date, first: `${date} 00:30:00.000Z`, second: `${date} 01:30:00.000Z` };
}

/** The last such night, 2026-10-25 (passed): its second 02:30. */
const PASSED_SECOND = '2026-10-25 01:30:00.000Z';

/** A field's value as the page rendered it ('' when the page has no such field or value). */
function shown(html: string, name: string): string {
	return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';
}

async function staffDesk(email: string, password: string) {
	const desk = new AppSession();
	expect((await desk.signIn(email, password)).status).toBe(303);
	return desk;
}

describe("the staff season page's moments in the hour that occurs twice", () => {
	it('keeps an objection deadline left as shown; one typed anew in that hour is refused', async () => {
		const autumn = nextAutumnNight();
		const staff = await createUser({ staff: true });
		const { season } = await draftOut(staff);
		// the deadline set at the second 02:30 of the autumn night
		await send(staff.pb, `/api/borgerhus/seasons/${season}`, { objection_until: autumn.second }, 'PATCH');
		const sys = await system();
		const deadline = async () => (await sys.collection('seasons').getOne(season)).objection_until;
		expect(await deadline()).toBe(autumn.second);

		const desk = await staffDesk(staff.email, staff.password);
		const page = await (await desk.get(`/personale/saeson/${season}`)).text();
		const form = {
			objection_until: shown(page, 'objection_until'),
			objection_until_kept: shown(page, 'objection_until_kept')
		};
		expect(form).toEqual({ objection_until: `${autumn.date}T02:30`, objection_until_kept: autumn.second });
		// left as shown: saved, the same instant
		const kept = await desk.post(`/personale/saeson/${season}?/deadline`, form);
		expect(kept.status).toBe(200);
		const keptHtml = await kept.text();
		expect(keptHtml).not.toContain(TWICE);
		expect(keptHtml).not.toContain('id="objection_until-error"');
		expect(await deadline()).toBe(autumn.second);

		// typed anew in that hour: refused beside the field, whatever instant is sent beside it
		const typed = await desk.post(`/personale/saeson/${season}?/deadline`, {
			...form,
			objection_until: `${autumn.date}T02:15`
		});
		expect(typed.status).toBe(400);
		const typedHtml = await typed.text();
		expect(typedHtml).toContain(TWICE);
		expect(typedHtml).toContain('id="objection_until-error"');
		// the refused form shows what was typed, and still carries the stored instant
		expect(shown(typedHtml, 'objection_until')).toBe(`${autumn.date}T02:15`);
		expect(shown(typedHtml, 'objection_until_kept')).toBe(autumn.second);
		// a kept instant of another wall clock is ignored: 02:30 is then read as typed, and refused
		const forged = await desk.post(`/personale/saeson/${season}?/deadline`, {
			...form,
			objection_until_kept: `${autumn.date} 00:15:00.000Z`
		});
		expect(forged.status).toBe(400);
		expect(await forged.text()).toContain(TWICE);
		expect(await deadline()).toBe(autumn.second);

		// a kept instant forged to match is one of that time's own instants, which the hooks judge as any:
		// the first 02:30 brings the deadline forward an hour; the second is then later, and refused
		const forward = await desk.post(`/personale/saeson/${season}?/deadline`, {
			...form,
			objection_until_kept: autumn.first
		});
		expect(forward.status).toBe(200);
		expect(await deadline()).toBe(autumn.first);
		const later = await desk.post(`/personale/saeson/${season}?/deadline`, form);
		expect(later.status).toBe(400);
		expect(await later.text()).toContain('kan fristen for indsigelser kun sættes eller rykkes frem');
		expect(await deadline()).toBe(autumn.first);

		// the last autumn night's deadline, passed since, sent back as shown (a page read before it passed):
		// nothing changed, nothing to refuse as occurring twice
		await sys.collection('seasons').update(season, { objection_until: PASSED_SECOND });
		const passed = await desk.post(`/personale/saeson/${season}?/deadline`, {
			objection_until: '2026-10-25T02:30',
			objection_until_kept: PASSED_SECOND
		});
		expect(passed.status).toBe(200);
		expect(await deadline()).toBe(PASSED_SECOND);
	});

	it("keeps a reopened second round's end left as shown; one typed anew in that hour is refused", async () => {
		const autumn = nextAutumnNight();
		const { staff, season, sys } = await finalPlan({ extra: { leftovers: 'second_round' } });
		const status = (body: Record<string, unknown>) =>
			send(staff.pb, `/api/borgerhus/seasons/${season}/status`, body);
		const row = () => sys.collection('seasons').getOne(season);
		// the round opened to end at the first 02:30 of the autumn night, then closed early
		await status({ to: 'second_round', second_until: autumn.first });
		await status({ to: 'second_closed' });
		expect(await row()).toMatchObject({ status: 'second_closed', second_until: autumn.first });

		const desk = await staffDesk(staff.email, staff.password);
		const page = await (await desk.get(`/personale/saeson/${season}`)).text();
		// reopening shows the end the round had, with its instant
		const form = {
			to: 'second_round',
			second_until: shown(page, 'second_until'),
			second_until_kept: shown(page, 'second_until_kept')
		};
		expect(form).toEqual({
			to: 'second_round',
			second_until: `${autumn.date}T02:30`,
			second_until_kept: autumn.first
		});
		const reopened = await desk.post(`/personale/saeson/${season}?/status`, form);
		expect(reopened.status).toBe(200);
		expect(await reopened.text()).not.toContain(TWICE);
		expect(await row()).toMatchObject({ status: 'second_round', second_until: autumn.first });

		// typed anew in that hour: refused beside the field, and the round stays closed
		await status({ to: 'second_closed' });
		const typed = await desk.post(`/personale/saeson/${season}?/status`, {
			...form,
			second_until: `${autumn.date}T02:45`
		});
		expect(typed.status).toBe(400);
		const typedHtml = await typed.text();
		expect(typedHtml).toContain(TWICE);
		expect(typedHtml).toContain('id="second_until-error"');
		expect(shown(typedHtml, 'second_until')).toBe(`${autumn.date}T02:45`);
		expect(shown(typedHtml, 'second_until_kept')).toBe(autumn.first);
		// a kept instant of another wall clock is ignored: refused as typed
		const forged = await desk.post(`/personale/saeson/${season}?/status`, {
			...form,
			second_until_kept: `${autumn.date} 01:45:00.000Z`
		});
		expect(forged.status).toBe(400);
		expect(await forged.text()).toContain(TWICE);
		expect(await row()).toMatchObject({ status: 'second_closed', second_until: autumn.first });

		// the last autumn night's end, passed since, left as shown: the hook refuses it as an end not after
		// now, as any past end, never as a time that occurs twice
		await sys.collection('seasons').update(season, { second_until: PASSED_SECOND });
		const passedPage = await (await desk.get(`/personale/saeson/${season}`)).text();
		expect(shown(passedPage, 'second_until')).toBe('2026-10-25T02:30');
		expect(shown(passedPage, 'second_until_kept')).toBe(PASSED_SECOND);
		const passed = await desk.post(`/personale/saeson/${season}?/status`, {
			to: 'second_round',
			second_until: shown(passedPage, 'second_until'),
			second_until_kept: shown(passedPage, 'second_until_kept')
		});
		expect(passed.status).toBe(400);
		const passedHtml = await passed.text();
		expect(passedHtml).not.toContain(TWICE);
		expect(passedHtml).toContain('Slut skal ligge efter start.');
		expect((await row()).status).toBe('second_closed');
	});
});
