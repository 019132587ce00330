import { test, expect, expectAccessible, setOffline } from './fixtures';

// These tests are about the service worker, which the other browser tests leave out.
test.use({ serviceWorkers: 'allow' });

test('pages opened before still work offline; others show the offline page', async ({ page, context }) => {
	await page.goto('/');
	// Wait until the service worker controls the page, so the next navigations go through it.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
	await page.goto('/arrangementer');
	await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeVisible();

	await setOffline(context, true);
	await page.goto('/arrangementer');
	await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeVisible();

	await page.goto('/bibliotek?q=aldrig-set');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	// One language, the reader's: Danish here.
	await expect(page.getByText('You are offline')).toBeHidden();
	await expectAccessible(page);
	await setOffline(context, false);
});

test('signing out asks the browser to clear cached pages', async ({ page }) => {
	await page.goto('/log-ind');
	await page.getByLabel('E-mail').fill('borger@demo.borgerhus.dk');
	await page.getByLabel('Adgangskode').fill('borgerhus-demo');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(/\/overblik$/);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/log-ud')),
		page.getByRole('button', { name: 'Log ud' }).click()
	]);
	expect((await response.allHeaders())['clear-site-data']).toBe('"cache", "storage"');
	await expect(page.getByRole('link', { name: 'Log ind' }).first()).toBeVisible();
});
