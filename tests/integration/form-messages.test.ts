import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient } from '../helpers/pocketbase';
import { club, makeSeason, seasonRooms, slotId } from './season-arrange';

// A form that posts is checked by the app, not by the browser (novalidate): a missing or wrong value is
// answered in the page's language, on its field (aria-invalid, aria-describedby to the message), and
// nothing is written. The browser's own bubble spoke the browser's language and was tied to no field.

/** The opening tag of the form that posts to `action`, from a page's HTML. */
function formTag(html: string, action: string): string {
	const at = html.indexOf(`action="${action}`);
	expect(at, action).toBeGreaterThan(-1);
	return html.slice(html.lastIndexOf('<form', at), html.indexOf('>', at) + 1);
}

/** The tag of the control with `id`, from a page's HTML. */
function control(html: string, id: string): string {
	const tag = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
	expect(tag, id).toBeDefined();
	return tag!;
}

/** The control is marked refused and names the message with `errorId`, which says `text`. */
function expectTied(html: string, id: string, errorId: string, text: string) {
	const tag = control(html, id);
	expect(tag).toContain('aria-invalid="true"');
	expect(tag).toMatch(new RegExp(`aria-describedby="[^"]*\\b${errorId}\\b`));
	expect(html).toMatch(new RegExp(`<p class="error"[^>]*\\bid="${errorId}"[^>]*>\\s*${text}`));
}

describe('form messages', () => {
	it('/profil: an empty name is answered on the field in Danish, and nothing is saved', async () => {
		const user = await createUser({ name: 'Else Borger' });
		const session = new AppSession();
		expect((await session.signIn(user.email, user.password)).status).toBe(303);
		expect(formTag(await (await session.get('/profil')).text(), '?/save')).toContain('novalidate');
		const answer = await session.post('/profil?/save', { name: '  ', phone: '', language: 'da' });
		expect(answer.status).toBe(400);
		const html = await answer.text();
		expectTied(html, 'field-name', 'field-name-error', 'Udfyld feltet.');
		expect(formTag(html, '?/save')).toContain('novalidate');
		const stored = await (await systemClient()).collection('users').getOne(user.record.id);
		expect(stored.name).toBe('Else Borger');
	});

	it('/saeson/[id]: 0 expected participants is answered on that field, and no application is made', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const mine = await club();
		const session = new AppSession();
		expect((await session.signIn(mine.admin.email, mine.admin.password)).status).toBe(303);
		const page = await (await session.get(`/saeson/${season}?forening=${mine.id}`)).text();
		expect(formTag(page, '?/apply')).toContain('novalidate');
		const answer = await session.post(`/saeson/${season}?/apply&forening=${mine.id}`, {
			association: mine.id,
			_loaded: '',
			a0_name: 'Kor',
			a0_age: 'adults',
			a0_kind: 'other',
			a0_participants: '0',
			a0_w0_slot: slotId(rooms.small, 'mon', '17:00'),
			a0_w0_every: '1',
			a0_flex: 'none',
			declared_section4: 'on'
		});
		expect(answer.status).toBe(400);
		const html = await answer.text();
		expectTied(html, 'a0_participants', 'a0-error', 'Antal deltagere skal være et helt tal fra 1 til 1000.');
		// only the refused field is marked
		expect(control(html, 'a0_name')).not.toContain('aria-invalid');
		const applications = await (
			await systemClient()
		)
			.collection('season_applications')
			.getFullList({ filter: `season = "${season}" && association = "${mine.id}"` });
		expect(applications).toHaveLength(0);
	});

	it('/profil: changing the email to the one the account has says so on the field', async () => {
		const user = await createUser();
		const session = new AppSession();
		expect((await session.signIn(user.email, user.password)).status).toBe(303);
		for (const newEmail of [user.email, ` ${user.email.toUpperCase()} `]) {
			const answer = await session.post('/profil?/email', { newEmail });
			expect(answer.status).toBe(400);
			expectTied(
				await answer.text(),
				'field-newEmail',
				'field-newEmail-error',
				'Det er allerede din e-mail.'
			);
		}
		const stored = await (await systemClient()).collection('users').getOne(user.record.id);
		expect(stored.email).toBe(user.email);
	});
});
