import { test, expect, expectAccessible, setOffline, signIn, systemClient, demo } from './fixtures';
import type { Page } from '@playwright/test';

// These tests are about the service worker, which the other browser tests leave out.
test.use({ serviceWorkers: 'allow' });

async function serviceWorkerInControl(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
}

/** Signed in as the demo citizen on Mit overblik, kept by the service worker. */
async function signedInAndKept(page: Page) {
	await signIn(page, demo.citizen);
	await serviceWorkerInControl(page);
	// Mit overblik was the first page under the service worker's control: reload it so it is kept.
	await page.reload();
	await serviceWorkerInControl(page);
}

test('a ticket opened with a tap inside the app opens again offline, by tap and by address', async ({
	page,
	context
}) => {
	await signedInAndKept(page);

	const kept = page.waitForRequest((r) => r.headers()['x-borgerhus-keep'] === '1');
	await page
		.getByRole('link', { name: /Vis billet/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/billet\/\w+$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Billet' })).toBeVisible();
	const ticketUrl = page.url();
	const code = await page.getByTestId('ticket-code').textContent();
	await (await kept).response();

	// Back to Mit overblik inside the app, then offline: a tap to the ticket still opens it.
	await page.getByRole('link', { name: 'Mit overblik' }).first().click();
	await expect(page).toHaveURL(/\/overblik$/);
	await setOffline(context, true);
	await expect(page.getByTestId('offline-notice')).toContainText('Du er offline.');
	await page
		.getByRole('link', { name: /Vis billet/ })
		.first()
		.click();
	await expect(page.getByTestId('ticket-code')).toHaveText(code ?? '');

	// Reopened by address (or from the home screen) offline: the page itself was kept too.
	await page.goto(ticketUrl);
	await expect(page.getByTestId('ticket-code')).toHaveText(code ?? '');
	await expect(page.getByTestId('offline-notice')).toContainText(
		/Du er offline\. Siden er fra .* kl\. \d\d:\d\d/
	);
	await expectAccessible(page);
	await setOffline(context, false);
});

test('offline, a tap to a kept page opens it in a new visit too, and a tap to another page shows the offline page', async ({
	page,
	context
}) => {
	await signedInAndKept(page);
	await page.getByRole('main').getByRole('link', { name: 'Indbakke', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indbakke' })).toBeVisible();

	// A new visit (from the home screen, say): nothing the last visit learnt is in memory.
	await page.goto('/overblik');
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
	await setOffline(context, true);
	await expect(page.getByTestId('offline-notice')).toContainText('Du er offline.');
	await page.getByRole('main').getByRole('link', { name: 'Indbakke', exact: true }).click();
	await expect(page).toHaveURL(/\/indbakke$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Indbakke' })).toBeVisible();

	// A page never opened is not kept: the tap lands on the offline page, not on nothing.
	await page.getByRole('link', { name: 'Lokaler' }).first().click();
	await expect(page).toHaveURL(/\/lokaler$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await setOffline(context, false);
});

test('offline, a tap opens a page whole even when only its layout was refreshed since', async ({
	page,
	context
}) => {
	await signedInAndKept(page);
	await page
		.getByRole('link', { name: /Vis billet/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/billet\/\w+$/);
	const code = await page.getByTestId('ticket-code').textContent();
	expect(code).toBeTruthy();

	// A new message changes only the layout's unread count: the app asks for the layout's part alone.
	const partial = page.waitForResponse((r) =>
		/\/billet\/\w+\/__data\.json\?.*x-sveltekit-invalidated=10\b/.test(r.url())
	);
	const system = await systemClient();
	const citizen = await system
		.collection('users')
		.getFirstListItem(system.filter('email = {:e}', { e: demo.citizen }));
	await system
		.collection('notifications')
		.create({ user: citizen.id, kind: 'test', title: 'En besked under testen', body: 'Hej' });
	await partial;

	// Back, offline, and a tap to the ticket again: the kept ticket with its own data.
	await page.getByRole('link', { name: 'Mit overblik' }).first().click();
	await expect(page).toHaveURL(/\/overblik$/);
	await setOffline(context, true);
	await page
		.getByRole('link', { name: /Vis billet/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Billet' })).toBeVisible();
	await expect(page.getByTestId('ticket-code')).toHaveText(code ?? '');
	await setOffline(context, false);
});

test('offline, a kept page says how old its own data is, not when its address last loaded', async ({
	page,
	context
}) => {
	await signedInAndKept(page);
	const clock = (date: Date) =>
		new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' })
			.format(date)
			.replace('.', ':');
	// a tap to the inbox keeps its data now
	const before = new Date();
	await page.getByRole('main').getByRole('link', { name: 'Indbakke', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indbakke' })).toBeVisible();
	const after = new Date();
	// hours later (by the phone's clock) the inbox loads whole by address: its page is kept again, not
	// the data a tap uses
	const later = new Date(Date.now() + 3 * 60 * 60_000);
	await page.clock.setFixedTime(later);
	await page.goto('/indbakke');
	await expect(page.getByRole('heading', { level: 1, name: 'Indbakke' })).toBeVisible();
	await page.goto('/overblik');
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
	await setOffline(context, true);
	await page.getByRole('main').getByRole('link', { name: 'Indbakke', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indbakke' })).toBeVisible();
	const notice = page.getByTestId('offline-notice');
	await expect(notice).toContainText(/Siden er fra .* kl\. \d\d:\d\d/);
	const shown = /kl\. (\d\d:\d\d)/.exec((await notice.textContent()) ?? '')?.[1];
	expect(shown).not.toBe(clock(later));
	expect([clock(before), clock(after)]).toContain(shown);
	await setOffline(context, false);
});

test('offline, a button that needs the network says so instead of failing', async ({ page, context }) => {
	await signIn(page, demo.citizen);
	await serviceWorkerInControl(page);
	await page.goto('/profil');
	await setOffline(context, true);
	await expect(page.getByTestId('offline-notice')).toBeVisible();
	// the language switch sends the choice to the house (signing out needs no connection: offline.spec.ts)
	await page.getByRole('banner').getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByTestId('offline-notice')).toContainText(
		'Det kræver forbindelse. Prøv igen, når du er online.'
	);
	await expect(page).toHaveURL(/\/profil$/);
	await setOffline(context, false);
});

test('the offline page at a nested address is styled, in one language and offers no sign-in', async ({
	page,
	context
}) => {
	await signIn(page, demo.citizen);
	await serviceWorkerInControl(page);
	await setOffline(context, true);
	await page.goto('/billet/aldrigsetbillet');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await expect(page.getByText('You are offline')).toBeHidden();
	await expect(page.getByRole('link', { name: 'Log ind' })).toHaveCount(0);
	// The stylesheet loaded at a nested address: the header has the house colour.
	await expect(page.locator('header.top')).toHaveCSS('background-color', 'rgb(31, 78, 95)');
	await expectAccessible(page);

	// An English reader gets it in English only (the language is a cookie).
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
	await page.goto('/billet/aldrigsetbillet/igen');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(page.getByText('Du er offline')).toBeHidden();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await setOffline(context, false);
});
