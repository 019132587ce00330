import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';
import { activity, club, makeSeason, seasonRooms, send, slotId } from './season-arrange';

// The staff page of a season round before its draft: the allocation and the objections say what will come
// there and when, instead of two headings over nothing (docs/rules.md, "Season application round").

/** The text of the section under the heading with `id`, tags removed. */
function section(html: string, id: string): string {
	const start = html.indexOf(`id="${id}"`);
	expect(start, id).toBeGreaterThan(0);
	return html
		.slice(start, html.indexOf('</section>', start))
		.replace(/<!--.*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');
}

describe('the staff page of a season round', () => {
	it('explains the empty allocation and objections before the draft, and lists them after', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		const page = async () => (await desk.get(`/personale/saeson/${season}`)).text();

		// open for applications: the allocation comes after the deadline, objections after the draft
		let html = await page();
		expect(section(html, 'lines-heading')).toMatch(
			/Fordeling Fordelingen står her, når ansøgningsfristen .+ er udløbet/
		);
		expect(section(html, 'objections-heading')).toContain(
			'Foreningerne kan gøre indsigelse, når du har offentliggjort udkastet'
		);
		// no application yet: the list says so, rather than a heading over nothing
		expect(section(html, 'apps-heading')).toContain('Ansøgninger (0) Ingen foreninger har søgt endnu.');

		const kids = await club();
		await send(kids.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
			declared_section4: true,
			declared_child_certificates: true,
			association: kids.id,
			activities: [activity('U9 træning', [slotId(rooms.big, 'mon', '17:00')], { age_group: 'children' })]
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		html = await page();
		expect(section(html, 'lines-heading')).toContain(
			'Kør fordelingen, så står her, hvem der får hvilke tider'
		);
		expect(section(html, 'apps-heading')).toContain('Ansøgninger (1)');
		expect(section(html, 'apps-heading')).not.toContain('Ingen foreninger har søgt endnu.');

		// the draft: its lines replace the explanation; objections wait for the draft's publication
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		html = await page();
		expect(section(html, 'lines-heading')).toContain('U9 træning');
		expect(section(html, 'lines-heading')).not.toContain('Kør fordelingen, så står her');
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
		expect(section(await page(), 'objections-heading')).toContain('Ingen indsigelser endnu.');
	});
});
