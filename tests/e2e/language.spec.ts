import { test, expect, demo, DEMO_PASSWORD } from './fixtures';

// Signing in brings the account's language (docs: "Mit overblik, account and bad input"): a browser that
// asks for English, an account that reads Danish. The page after sign-in speaks Danish throughout, its
// header and navigation and <html lang> included, without another page load by the user.
test('the page after sign-in speaks the account language throughout', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB' });
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
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto('/offline');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeHidden();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await context.close();
});
