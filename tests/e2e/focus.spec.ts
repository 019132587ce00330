import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, demo, signIn, systemClient } from './fixtures';

// After a successful form action SvelteKit puts focus on <body>; the app's `focusing` puts it back where
// the person was (src/lib/enhance.ts), so the next Tab does not start over at "Skip to content".

/** The focused element's tag, or body when nothing has focus. */
const focused = (page: Page) =>
	page.evaluate(() => {
		const element = document.activeElement;
		return element && element !== document.body ? element.tagName.toLowerCase() : 'body';
	});

test('saving the profile with Enter in the phone field leaves focus in that field', async ({ page }) => {
	await signIn(page, demo.volunteer);
	await page.goto('/profil');
	const phone = page.getByLabel('Telefon (valgfri)');
	await phone.fill('+45 11 22 33 44');
	await phone.press('Enter');
	await expect(page.getByRole('status')).toContainText('Dine oplysninger er gemt');
	await expect(phone).toBeFocused();
	// the next Tab goes on in the form, not to "Gå til indhold" at the top
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Sprog', { exact: true })).toBeFocused();
});

test('pausing a hold by keyboard leaves focus on its card, not at the top of the page', async ({ page }) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `fokus-${id}@test.borgerhus.dk`;
	const password = 'fokus-kodeord';
	const user = await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Frida Fokus',
		verified: true,
		language: 'da'
	});
	const title = await system
		.collection('titles')
		.create({ title: `Roman ${id}`, creator: 'Forfatter', type: 'book' });
	await system.collection('holds').create({
		title: title.id,
		patron: user.id,
		status: 'waiting',
		placed_at: new Date(Date.now() - 3_600_000).toISOString().replace('T', ' ')
	});
	await signIn(page, email, password);
	const card = page.getByRole('article', { name: title.title });
	await card.getByRole('button', { name: 'Sæt på pause' }).focus();
	await page.keyboard.press('Enter');
	await expect(card.getByRole('button', { name: 'Genoptag' })).toBeVisible();
	await expect.poll(() => card.evaluate((element) => element.contains(document.activeElement))).toBe(true);
	expect(await focused(page)).not.toBe('body');
});
