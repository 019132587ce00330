import { test, expect, demo, signIn, waitsForHydration, ownAddress } from './fixtures';
import type { Page } from '@playwright/test';

// Every link and button of the header, and "Log ud" in the footer, is a tap target at least 44 px tall on a
// phone, and the header still keeps one row and never widens the page at 320 and 360 px (a citizen with
// unread messages, and a staff member, whose language switch is in the footer there).

/** The visible header links and buttons (and "Log ud") smaller than 44 px, by their text and height. */
async function smallTargets(page: Page): Promise<string[]> {
	const targets = page.locator('header.top a:visible, header.top button:visible, footer button:visible');
	return targets.evaluateAll((all) =>
		all
			.map((el) => ({
				name: (el.textContent ?? '').trim() || el.getAttribute('href'),
				box: el.getBoundingClientRect()
			}))
			.filter(({ box }) => box.height < 44 || box.width < 44)
			.map(({ name, box }) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`)
	);
}

for (const who of ['citizen', 'staff'] as const) {
	for (const width of [320, 360]) {
		test(`the ${who}'s header and "Log ud" are tap targets of 44 px on one row at ${width} px`, async ({
			browser
		}) => {
			const context = await browser.newContext({
				viewport: { width, height: 740 },
				locale: 'da-DK',
				extraHTTPHeaders: ownAddress()
			});
			const page = waitsForHydration(await context.newPage());
			await signIn(page, demo[who]);
			await page.goto('/bibliotek');
			await page.evaluate(() => document.fonts.ready.then(() => undefined));
			expect(await smallTargets(page)).toEqual([]);
			const header = page.locator('header.top');
			await expect(header.getByRole('link', { name: 'Profil' })).toBeVisible();
			const middles = await header
				.locator('a:visible, button:visible')
				.evaluateAll((all) => all.map((a) => a.getBoundingClientRect()).map((b) => b.top + b.height / 2));
			expect(Math.max(...middles) - Math.min(...middles), 'header links on one row').toBeLessThan(8);
			const wide = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(wide, 'no sideways scroll').toBeLessThanOrEqual(0);
			// the language switch is reachable: in the header, or for staff on a small phone in the footer
			const switches = page.getByRole('button', { name: 'Switch to English' });
			await expect(switches.filter({ visible: true })).toHaveCount(1);
			await page.screenshot({ path: `test-results/header-${who}-${width}.png` });
			await context.close();
		});
	}
}
