import { randomUUID } from 'node:crypto';
import {
	test,
	expect,
	expectAccessible,
	signIn,
	demo,
	mailDir,
	systemClient,
	waitsForHydration,
	ownAddress
} from './fixtures';
import { waitForMail, linkFrom } from '../helpers/mail';

test('a new citizen signs up, verifies the email from the mail, signs in and switches language', async ({
	page
}) => {
	const email = `ny-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const password = 'mit-gode-kodeord';

	await page.goto('/');
	await page.getByRole('link', { name: 'Opret en konto' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Opret konto' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Navn').fill('Nina Nyborger');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Adgangskode', { exact: true }).fill(password);
	await page.getByLabel('Gentag adgangskode').fill(password);
	await page.getByRole('button', { name: 'Opret konto' }).click();
	await expect(page.getByRole('heading', { name: 'Tjek din e-mail' })).toBeVisible();

	const mail = await waitForMail(mailDir, email, /Bekræft din e-mail/);
	// the mail goes to an address nobody has yet shown is theirs: it repeats no words typed at sign-up
	expect(mail.text).toContain('Hej. Tak fordi du har oprettet en konto');
	expect(mail.text).not.toContain('Nina Nyborger');
	// the link asks for the password chosen at sign-up: the mail alone confirms nothing
	await page.goto(new URL(linkFrom(mail, '/bekraeft/')).pathname);
	await expect(page.getByLabel('E-mail')).toHaveValue(email);
	await expectAccessible(page);
	await page.getByLabel('Adgangskode').fill(password);
	await page.getByRole('button', { name: 'Bekræft og log ind' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'My overview' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Skift til dansk' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
});

test('signing up with an address that has an account looks like any sign-up; the owner gets a mail with the way in', async ({
	page
}) => {
	const email = `har-konto-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const system = await systemClient();
	await system.collection('users').create({
		email,
		password: 'mit-gode-kodeord',
		passwordConfirm: 'mit-gode-kodeord',
		name: 'Hanne Harkonto',
		verified: true,
		language: 'da'
	});
	await page.goto('/opret-konto');
	await page.getByLabel('Navn').fill('En Anden');
	await page.getByLabel('E-mail').fill(email.toUpperCase());
	await page.getByLabel('Adgangskode', { exact: true }).fill('et-andet-kodeord');
	await page.getByLabel('Gentag adgangskode').fill('et-andet-kodeord');
	await page.getByRole('button', { name: 'Opret konto' }).click();
	await expect(page.getByRole('heading', { name: 'Tjek din e-mail' })).toBeVisible();
	await expect(page.getByRole('status')).toContainText('Har du allerede en konto med den e-mail');
	// the form gave way to the message: focus and the view are on it (keyboard at 360 px)
	await expect(page.getByRole('status')).toBeFocused();
	await expect(page.getByRole('status')).toBeInViewport();
	await expectAccessible(page);
	const mail = await waitForMail(mailDir, email, /Du har allerede en konto/);
	expect(mail.text).toContain('Hej Hanne Harkonto');
	expect(mail.text).toMatch(/^https?:\/\/\S+\/log-ind$/m);
	expect(mail.text).toMatch(/^https?:\/\/\S+\/glemt-adgangskode$/m);
	// the account is as it was: its own password still signs in
	await signIn(page, email, 'mit-gode-kodeord');
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
});

test('switching the language keeps what was typed, but never a password', async ({ page }) => {
	await page.goto('/opret-konto');
	await page.getByLabel('Navn').fill('Sprog Skifter');
	await page.getByLabel('E-mail').fill('sprog@example.dk');
	await page.getByLabel('Adgangskode', { exact: true }).fill('hemmeligt-kodeord');
	// shown as text, a password is still a password
	await page.getByRole('checkbox', { name: 'Vis adgangskode' }).check();
	await expect(page.getByLabel('Adgangskode', { exact: true })).toHaveAttribute('type', 'text');
	// what is kept, read while the switch is held back (the page stays), then the switch itself
	await page.route('**/sprog', (route) => route.fulfill({ status: 204 }));
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect.poll(() => page.evaluate(() => sessionStorage.getItem('borgerhus:kept-fields'))).toBeTruthy();
	const kept = await page.evaluate(() => JSON.stringify(sessionStorage));
	await page.unroute('**/sprog');
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByLabel('Name')).toHaveValue('Sprog Skifter');
	await expect(page.getByLabel('Email')).toHaveValue('sprog@example.dk');
	await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
	expect(kept).toContain('Sprog Skifter');
	expect(kept).not.toContain('hemmeligt');
	// kept once: the page loaded again starts as it comes
	await page.reload();
	await expect(page.getByLabel('Name')).toHaveValue('');
	await page.getByRole('button', { name: 'Skift til dansk' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
});

test('switching the language puts back only what was changed, in its own form', async ({ page }) => {
	await signIn(page, demo.staff);
	await page.goto('/personale/lokaler');
	// every room has its own form with the same fields; one box is changed in the second one
	const forms = page.locator('main form:has(input[name="requires_approval"])');
	const boxes = forms.locator('input[name="requires_approval"]');
	const before = await boxes.evaluateAll((all) => all.map((b) => (b as HTMLInputElement).checked));
	expect(before.length).toBeGreaterThan(2);
	await page.locator('main details:has(input[name="requires_approval"]) > summary').nth(1).click();
	await boxes.nth(1).setChecked(!before[1]);
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	const after = await boxes.evaluateAll((all) => all.map((b) => (b as HTMLInputElement).checked));
	expect(after).toEqual(before.map((checked, i) => (i === 1 ? !checked : checked)));
	await page.getByRole('button', { name: 'Skift til dansk' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
});

test('a wrong password gets a clear Danish message', async ({ page }) => {
	await page.goto('/log-ind');
	await page.getByLabel('E-mail').fill(demo.citizen);
	await page.getByLabel('Adgangskode').fill('forkert-kodeord');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByRole('alert')).toContainText('Forkert e-mail eller adgangskode');
});

test('staff reach the staff page; a citizen is refused', async ({ page, browser }) => {
	await signIn(page, demo.staff);
	await page.getByRole('navigation', { name: 'Hovedmenu' }).first().isVisible();
	await page.goto('/personale');
	await expect(page.getByRole('heading', { level: 1, name: 'Personale' })).toBeVisible();
	await expect(page.getByText('Titler')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Handlingslog' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Handlingslog' })).toBeVisible();
	await expectAccessible(page);

	const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
	const citizen = waitsForHydration(await context.newPage());
	await signIn(citizen, demo.citizen);
	const response = await citizen.goto('/personale');
	expect(response?.status()).toBe(403);
	await expect(citizen.getByText('Siden er kun for husets personale')).toBeVisible();
	await context.close();
});

test('the profile saves name, phone, language and notification choices', async ({ page }) => {
	await signIn(page, demo.volunteer);
	await page.goto('/profil');
	await expectAccessible(page);
	await page.getByLabel('Telefon (valgfri)').fill('ring ikke');
	await page.getByRole('button', { name: 'Gem oplysninger' }).click();
	await expect(page.getByText('Skriv et telefonnummer med cifre')).toBeVisible();
	await page.getByLabel('Telefon (valgfri)').fill('+45 11 22 33 44');
	await page.getByRole('button', { name: 'Gem oplysninger' }).click();
	await expect(page.getByRole('status')).toContainText('Dine oplysninger er gemt');
	await page.reload();
	await expect(page.getByLabel('Telefon (valgfri)')).toHaveValue('+45 11 22 33 44');
});

for (const path of [
	'/',
	'/lokaler',
	'/bibliotek',
	'/bibliotek?q=Blixen',
	'/arrangementer',
	'/log-ind',
	'/opret-konto',
	'/glemt-adgangskode',
	'/privatliv'
]) {
	test(`public page ${path} has no axe violations and shows the main navigation`, async ({ page }) => {
		const response = await page.goto(path);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('main')).toBeVisible();
		await expect(
			page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Lokaler' })
		).toBeVisible();
		await expectAccessible(page);
	});
}

test('the app is installable: manifest and icons are served', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({ name: 'Borgerhus', display: 'standalone', start_url: '/' });
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.status(), icon.src).toBe(200);
		expect(response.headers()['content-type']).toContain('image/png');
	}
});

test('a citizen who forgot to sign out elsewhere signs out everywhere from the profile', async ({
	page,
	browser
}) => {
	const email = `glemt-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const password = 'mit-gode-kodeord';
	const system = await systemClient();
	await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Glemte Gitte',
		verified: true,
		language: 'da'
	});
	// signed in on the library's computer, and on the phone
	const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
	const library = waitsForHydration(await context.newPage());
	await signIn(library, email, password);
	await signIn(page, email, password);

	await page.goto('/profil');
	await expect(page.getByRole('heading', { name: 'Log ud alle steder' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Log ud alle steder' }).click();
	await expect(page).toHaveURL(/\/log-ind\?changed=everywhere$/);
	await expect(page.getByRole('status')).toContainText('Du er logget ud alle steder.');
	await expectAccessible(page);

	// the library's computer is signed out at its next page
	await library.goto('/overblik');
	await expect(library).toHaveURL(/\/log-ind\?redirectTo=/);
	await expect(library.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await context.close();
});
