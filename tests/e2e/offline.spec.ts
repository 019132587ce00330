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

test('a new version waits while something typed is not sent, and comes with the next page', async ({
	page
}) => {
	const controlled = () =>
		page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
			}
		});
	// a page loaded under the service worker's control runs the old version when a new one takes over
	await page.goto('/log-ind');
	await controlled();
	await page.goto('/log-ind');
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	const takeOver = () =>
		page.evaluate(() => navigator.serviceWorker.dispatchEvent(new Event('controllerchange')));
	const mark = () => page.evaluate(() => ((window as unknown as { marked: boolean }).marked = true));
	const marked = () => page.evaluate(() => Boolean((window as unknown as { marked?: boolean }).marked));

	await mark();
	await page.getByLabel('E-mail').fill('halvt-skrevet@example.dk');
	await takeOver();
	await expect(page.getByTestId('update-notice')).toContainText('Der er en ny version af appen');
	expect(await marked()).toBe(true);
	await expect(page.getByLabel('E-mail')).toHaveValue('halvt-skrevet@example.dk');
	await expectAccessible(page);

	// the next page opens with a full load, which runs the new version
	await page.getByRole('link', { name: 'Opret en konto' }).first().click();
	await expect(page).toHaveURL(/\/opret-konto/);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	expect(await marked()).toBe(false);
	await expect(page.getByTestId('update-notice')).toHaveCount(0);

	// with nothing typed, the page loads again at once
	await mark();
	await takeOver();
	await page.waitForFunction(() => !(window as unknown as { marked?: boolean }).marked);
	await expect(page.getByTestId('update-notice')).toHaveCount(0);
});
