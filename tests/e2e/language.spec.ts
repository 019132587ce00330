import { randomUUID } from 'node:crypto';
import {
	test,
	expect,
	demo,
	DEMO_PASSWORD,
	signIn,
	systemClient,
	waitsForHydration,
	ownAddress
} from './fixtures';

const PASSWORD = 'e2e-kodeord-123';

// Signing in brings the account's language (docs: "Mit overblik, account and bad input"): a browser that
// asks for English, an account that reads Danish. The page after sign-in speaks Danish throughout, its
// header and navigation and <html lang> included, without another page load by the user.
test('the page after sign-in speaks the account language throughout', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: ownAddress() });
	const page = await context.newPage();
	await page.goto('/log-ind');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByLabel('Email').fill(demo.volunteer);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page).toHaveURL(/\/overblik$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	await expect(page.getByRole('heading', { name: 'Mit overblik', level: 1 })).toBeVisible();
	const navigation = page.getByRole('navigation').last();
	await expect(navigation.getByRole('link', { name: 'Lokaler' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Switch to English' })).toBeVisible();
	await context.close();
});

// The offline page is built once for nobody; it shows the language the server would have chosen.
test('the offline page speaks the browser’s language when none was chosen', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: ownAddress() });
	const page = await context.newPage();
	await page.goto('/offline');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeHidden();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await context.close();
});

// A staff member's header holds one link more than a citizen's; with the inbox's count it did not fit one
// row on a small phone. Up to 360 px the language switch is in the footer instead, and works from there.
test('a staff member’s header stays one row at 320 px, the language switch in the footer', async ({
	browser
}) => {
	const email = `personale-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const staff = await (await systemClient()).collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Sprog Personale',
		verified: true,
		staff: true,
		language: 'da'
	});
	// an unread message, so the inbox link carries its count
	await (await systemClient()).collection('notifications').create({
		user: staff.id,
		kind: 'test',
		title: 'Velkommen',
		body: 'Velkommen til holdet.',
		link: ''
	});
	const context = await browser.newContext({
		viewport: { width: 320, height: 740 },
		locale: 'da-DK',
		extraHTTPHeaders: ownAddress()
	});
	const page = waitsForHydration(await context.newPage());
	await signIn(page, email, PASSWORD);
	await page.goto('/bibliotek');
	const header = page.locator('header.top');
	await expect(header.getByRole('link', { name: 'Personale' })).toBeVisible();
	await expect(header.getByRole('link', { name: /Indbakke/ })).toContainText('1');
	// one row: every link's middle at the same height, give or take a few pixels (their heights differ)
	const middles = await header.locator('a:visible').evaluateAll((all) =>
		all.map((a) => {
			const box = a.getBoundingClientRect();
			return box.top + box.height / 2;
		})
	);
	expect(middles.length, 'the home link, Personale, Indbakke, its count and Profil').toBeGreaterThanOrEqual(
		4
	);
	expect(Math.max(...middles) - Math.min(...middles), 'header links on one row').toBeLessThan(8);
	await expect(header.getByRole('button', { name: 'Switch to English' })).toBeHidden();
	const footerSwitch = page.locator('footer').getByRole('button', { name: 'Switch to English' });
	await footerSwitch.click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page).toHaveURL(/\/bibliotek$/);
	await expect(page.locator('footer').getByRole('button', { name: 'Skift til dansk' })).toBeVisible();

	// a wider screen has room: the switch is in the header, once
	await page.setViewportSize({ width: 768, height: 900 });
	await expect(header.getByRole('button', { name: 'Skift til dansk' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Skift til dansk' })).toHaveCount(1);
	await context.close();
});

// The house's own texts in the reader's language (docs/rules.md, "Languages"): the demo's events have an
// English version, except the flea market, which an English page shows in Danish, marked as Danish.
test('an English reader sees the events in English, and the Danish marked as Danish where none is written', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: ownAddress() });
	const page = await context.newPage();
	await page.goto('/arrangementer');
	await expect(page.getByRole('link', { name: 'Christmas concert with the choir Tonefald' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Julekoncert med Koret Tonefald' })).toBeHidden();
	const market = page.getByRole('link', { name: 'Loppemarked i Salen' });
	await expect(market).toHaveAttribute('lang', 'da');
	await page.goto('/lokaler');
	await expect(page.getByText('Bright meeting room overlooking the square.')).toBeVisible();
	// equipment, named by staff in Danish, is marked as Danish on a room's page and in the room finder
	await page.goto('/lokaler/moedelokale-1');
	await expect(page.getByRole('listitem').filter({ hasText: /^Skærm$/ })).toBeVisible();
	await expect(page.locator('ul:has(> li:text-is("Skærm"))')).toHaveAttribute('lang', 'da');
	await page.goto('/lokaler/ledige');
	await expect(page.getByRole('checkbox', { name: 'Skærm' })).toBeVisible();
	await expect(page.locator('label:has(input[value="Skærm"]) span')).toHaveAttribute('lang', 'da');
	// and so is the catalogue's description of a title, with its language and subjects
	const system = await systemClient();
	const title = await system.collection('titles').getFirstListItem('description != "" && subjects != ""');
	await page.goto(`/bibliotek/${title.id}`);
	await expect(page.getByText(title.description as string)).toHaveAttribute('lang', 'da');
	await expect(page.getByText(title.subjects as string, { exact: true })).toHaveAttribute('lang', 'da');
	await context.close();
});

// From a tablet up the header holds the house's name, the main sections and the account's links. Between
// a tablet and a laptop they did not fit one row: the links sat on the house's name and the account's
// links stood in a column. The sections are in the tab bar below a laptop's width, in the header above it.
test('a staff member’s header keeps its links apart on one row from a tablet to a laptop, in both languages', async ({
	browser
}) => {
	const email = `personale-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const system = await systemClient();
	const staff = await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Bred Personale',
		verified: true,
		staff: true,
		language: 'da'
	});
	await system.collection('notifications').create({
		user: staff.id,
		kind: 'test',
		title: 'Velkommen',
		body: 'Velkommen til holdet.',
		link: ''
	});
	const context = await browser.newContext({
		viewport: { width: 768, height: 900 },
		locale: 'da-DK',
		extraHTTPHeaders: ownAddress()
	});
	const page = waitsForHydration(await context.newPage());
	await signIn(page, email, PASSWORD);
	const header = page.locator('header.top');
	for (const language of ['da', 'en'] as const) {
		if (language === 'en') {
			await header.getByRole('button', { name: 'Switch to English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		}
		for (const width of [768, 880, 1000, 1100, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/bibliotek');
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			const boxes = await header.locator('a:visible, button:visible').evaluateAll((all) =>
				all.map((element) => {
					const box = element.getBoundingClientRect();
					const text = element.textContent?.trim() ?? '';
					return { text, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
				})
			);
			const at = `${width} px, ${language}`;
			expect(boxes.length, at).toBeGreaterThanOrEqual(4);
			const middles = boxes.map((box) => (box.top + box.bottom) / 2);
			expect(Math.max(...middles) - Math.min(...middles), `one row at ${at}`).toBeLessThan(8);
			// no link's box reaches into another's, the house's name included
			for (const [i, a] of boxes.entries()) {
				for (const b of boxes.slice(i + 1)) {
					const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
					expect(apart, `"${a.text}" and "${b.text}" apart at ${at}`).toBe(true);
				}
			}
			// the sections are offered once: in the header or in the tab bar; the back office's link too
			const sections = page.getByRole('link', { name: language === 'da' ? 'Lokaler' : 'Rooms' });
			await expect(sections.filter({ visible: true })).toHaveCount(1);
			const office = header.getByRole('link', { name: language === 'da' ? 'Personale' : 'Staff' });
			await expect(office.filter({ visible: true })).toHaveCount(1);
		}
	}
	await context.close();
});
