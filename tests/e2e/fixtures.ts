import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import PocketBase from 'pocketbase';
import { e2eStack } from '../playwright.config';

export { expect };

/** Per context taken offline: what says so again to each new document (setOffline). */
const offlineAgain = new WeakMap<BrowserContext, () => void>();

/**
 * Takes a browser context off the network, or back on, as a phone losing its connection. In some Chromium
 * builds (Debian's Chromium 148) `context.setOffline` alone neither reaches the service worker's own
 * requests nor the `navigator.onLine` of a document loaded after it, so every request of the context is
 * refused too, and each page says "offline" again once a new document has loaded.
 */
export async function setOffline(context: BrowserContext, offline: boolean) {
	const pages = context.pages();
	const previous = offlineAgain.get(context);
	if (previous) for (const page of pages) page.off('domcontentloaded', previous);
	offlineAgain.delete(context);
	await context.setOffline(offline);
	if (!offline) {
		await context.unroute('**/*');
		return;
	}
	await context.route('**/*', (route) => route.abort('internetdisconnected'));
	const again = () => {
		void context
			.setOffline(false)
			.then(() => (offlineAgain.get(context) === again ? context.setOffline(true) : undefined))
			.catch(() => undefined);
	};
	offlineAgain.set(context, again);
	for (const page of pages) page.on('domcontentloaded', again);
}

/** The stack this worker's tests run against (one per worker, tests/playwright.config.ts). */
export const stack = e2eStack(Number(process.env.TEST_PARALLEL_INDEX ?? 0));

/** Where this worker's stack's mail catcher writes mails. */
export const mailDir = join(stack.dir, 'mail');

export const DEMO_PASSWORD = 'borgerhus-demo';
export const demo = {
	citizen: 'borger@demo.borgerhus.dk',
	associationAdmin: 'forening@demo.borgerhus.dk',
	volunteer: 'frivillig@demo.borgerhus.dk',
	staff: 'personale@demo.borgerhus.dk'
};

/** An address of its own for a test's browser, from 240.0.0.0/4 (reserved, never routed; 2^28 of them). */
function randomIp(): string {
	const n = randomInt(2 ** 28);
	return `${240 + (n >>> 24)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * Headers giving a browser context a client address of its own, as the `context` fixture gives each test's:
 * every context a test opens itself needs one, or all such contexts of a run share the test machine's
 * address and its sign-in limit.
 */
export function ownAddress(): Record<string, string> {
	return { 'x-forwarded-for': randomIp() };
}

/**
 * Waits until the app has hydrated the page, as a person would before typing: a form filled or submitted
 * earlier is handled by the browser without the app's JavaScript, which is not what the tests drive.
 * Pages without the app (a prerendered fallback, a file) simply pass after the wait.
 */
export async function hydrated(page: Page) {
	await page
		.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'), null, { timeout: 10_000 })
		.catch(() => undefined);
}

/** Makes `page.goto` wait for hydration; the `page` fixture does this, pages of new contexts call it. */
export function waitsForHydration(page: Page): Page {
	const goto = page.goto.bind(page);
	page.goto = async (url, options) => {
		const response = await goto(url, options);
		await hydrated(page);
		return response;
	};
	return page;
}

/**
 * A second person on a phone of their own: a context of its own at the project's size and language, with a
 * client address of its own; `goto` waits for hydration. Close it with `page.context().close()`.
 */
export async function phonePage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		...base.info().project.use,
		baseURL: stack.url,
		viewport: { width: 360, height: 740 },
		locale: 'da-DK',
		extraHTTPHeaders: ownAddress()
	});
	return waitsForHydration(await context.newPage());
}

export const test = base.extend({
	// Playwright reads a fixture's dependencies from its first parameter; this one has none.
	// eslint-disable-next-line no-empty-pattern
	baseURL: async ({}, use) => {
		await use(stack.url);
	},
	// Each test is its own "client address", so per-address rate limits never leak between tests.
	context: async ({ context }, use) => {
		await context.setExtraHTTPHeaders(ownAddress());
		await use(context);
	},
	page: async ({ page }, use) => {
		await use(waitsForHydration(page));
	}
});

/**
 * Runs axe-core (WCAG 2.1 A and AA) on the page and expects zero violations. In axe's legacy mode, which
 * checks the page in place: the default gathers each frame's results in a blank page it opens for each
 * check, which took half of the check's time. Legacy mode can leave a frame's content out; the app's pages
 * have no frames. Only violations are reported back.
 */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.options({ resultTypes: ['violations'] })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.setLegacyMode(true)
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Runs axe-core's best-practice rules `rules` (not WCAG, so `expectAccessible` leaves them out) on the page
 * and expects zero violations: by default, that each landmark has a name of its own and the page has an h1.
 */
export async function expectBestPractice(
	page: Page,
	rules: string[] = ['landmark-unique', 'page-has-heading-one']
) {
	const results = await new AxeBuilder({ page })
		.options({ resultTypes: ['violations'] })
		.withRules(rules)
		.setLegacyMode(true)
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe best-practice violations on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/log-ind');
	await hydrated(page);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Adgangskode').fill(password);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(/\/(overblik|personale)$/);
	await hydrated(page);
}

/** A superuser client for arranging test data only; the browser never sees it. */
export async function systemClient(): Promise<PocketBase> {
	const { pbUrl, email, password } = JSON.parse(readFileSync(join(stack.dir, 'system.json'), 'utf8'));
	const pb = new PocketBase(pbUrl);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(email, password);
	return pb;
}
