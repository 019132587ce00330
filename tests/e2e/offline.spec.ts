import { createServer, request as forwardRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, expectAccessible, setOffline, signIn, demo, stack } from './fixtures';

// These tests are about the service worker, which the other browser tests leave out.
test.use({ serviceWorkers: 'allow' });

/** The address of every answer the service worker keeps, in any of its caches. */
function keptUrls(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		}
		return urls;
	});
}

/** The addresses the service worker's expiry keeps times for (Workbox's database), none if it has none. */
function keptTimesUrls(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const open = indexedDB.open('workbox-expiration');
				open.onupgradeneeded = () => open.transaction?.abort();
				open.onerror = () => resolve([]);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('cache-entries')) {
						db.close();
						resolve([]);
						return;
					}
					const all = db.transaction('cache-entries').objectStore('cache-entries').getAll();
					all.onsuccess = () => {
						db.close();
						resolve((all.result as { url: string }[]).map((entry) => entry.url));
					};
					all.onerror = () => {
						db.close();
						resolve([]);
					};
				};
			})
	);
}

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

test('offline, a staff page shows the offline page, by a tap and by address', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
	await signIn(page, demo.staff);
	await page.goto('/personale');
	const bookings = page.getByRole('link', { name: 'Bookinger og godkendelser' });
	// a tap there and back online: the app knows the address, so a tap offline asks only for its data
	await bookings.click();
	await expect(page).toHaveURL(/\/personale\/bookinger$/);
	await page.goBack();
	await expect(page).toHaveURL(/\/personale$/);
	await expect(bookings).toBeVisible();

	await setOffline(context, true);
	await bookings.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	expect(page.url()).not.toContain('chrome-error');

	await page.goto('/personale');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	// one never opened on this phone too
	await page.goto('/personale/katalog');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();

	// a tap to a staff page not reached before in this visit (the app first asks which page it is)
	await setOffline(context, false);
	await page.goto('/personale');
	await expect(bookings).toBeVisible();
	await setOffline(context, true);
	await page.getByRole('link', { name: 'Statistik med CSV-eksport' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await expect(page).toHaveURL(/\/personale\/statistik$/);
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

test('under the service worker, one press on "Log ud" signs out, and no staff page is ever kept', async ({
	page,
	context
}) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
	await page.goto('/log-ind');
	await page.getByLabel('E-mail').fill('personale@demo.borgerhus.dk');
	await page.getByLabel('Adgangskode').fill('borgerhus-demo');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(/\/personale$/);
	await page.goto('/personale/borgere?q=Mette%20Borger');
	await page
		.getByRole('link', { name: /Mette Borger/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: /Mette Borger/ })).toBeVisible();
	// a citizen's page the staff member opened is kept nowhere (the pages the service worker keeps are
	// written as the answers arrive; Mit overblik's own layout data is the only other thing it may hold)
	const kept = () => keptUrls(page);
	await page.goto('/arrangementer');
	await expect.poll(async () => (await kept()).some((u) => u.includes('/arrangementer'))).toBe(true);
	expect((await kept()).filter((u) => u.includes('/personale'))).toEqual([]);

	// the sign-out's answer removes the service worker: that is no new version to reload for
	await page.goto('/personale');
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	await page.getByRole('button', { name: 'Log ud' }).click();
	await expect(page.getByRole('link', { name: 'Log ind' }).first()).toBeVisible();
	expect((await context.cookies()).filter((c) => c.name === 'pb_auth')).toEqual([]);
	await page.goto('/personale');
	await expect(page).toHaveURL(/\/log-ind/);
});

test('a page still on its way when the person signs out is not kept for the next person', async ({
	page,
	context
}) => {
	await signIn(page, demo.citizen);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
	await page.reload();
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	// the ticket fetched for offline use after the tap (src/lib/offline.ts) answers only after signing out
	let answer: () => void = () => {};
	const held = new Promise<void>((resolve) => (answer = resolve));
	let answered: Promise<void> = Promise.resolve();
	let ask: () => void = () => {};
	const asked = new Promise<void>((resolve) => (ask = resolve));
	await context.route(/\/billet\/\w+$/, async (route) => {
		if (route.request().headers()['x-borgerhus-keep'] !== '1') return route.continue();
		ask();
		answered = held.then(() => route.continue());
		await answered;
	});
	await page
		.getByRole('link', { name: /Vis billet/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/billet\/\w+$/);
	const ticket = page.url();
	await asked;
	await page.locator('footer').getByRole('button', { name: 'Log ud' }).click();
	await expect(page.getByRole('link', { name: 'Log ind' }).first()).toBeVisible();

	const kept = () => keptUrls(page);
	expect(await kept()).not.toContain(ticket);
	answer();
	await answered;
	// the service worker writes an answer as it arrives: give it the time it took before
	for (let i = 0; i < 10; i++) {
		await page.waitForTimeout(300);
		expect(await kept()).not.toContain(ticket);
	}
	await context.unroute(/\/billet\/\w+$/);
});

/** Waits until the service worker controls the page, so the next navigations go through it. */
async function serviceWorkerInControl(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
}

/** The names of the cookies the browser holds now. */
async function cookieNames(context: BrowserContext): Promise<string[]> {
	return (await context.cookies()).map((cookie) => cookie.name);
}

const SIGNED_OUT_HERE = 'Du er logget ud på denne enhed';

test('offline, "Log ud" forgets the person on the device at once, and the house ends the session once online', async ({
	page,
	context
}) => {
	await signIn(page, demo.citizen);
	await serviceWorkerInControl(page);
	// Mit overblik kept by address, a ticket reached by a tap (its data kept, and the page fetched for offline use)
	await page.reload();
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	await page
		.getByRole('link', { name: /Vis billet/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/billet\/\w+$/);
	const ticket = new URL(page.url()).pathname;
	await expect.poll(async () => (await keptUrls(page)).some((u) => u.endsWith(ticket))).toBe(true);
	await expect.poll(async () => (await keptUrls(page)).some((u) => u.endsWith('/overblik'))).toBe(true);
	await expect.poll(async () => (await keptTimesUrls(page)).some((u) => u.endsWith(ticket))).toBe(true);
	// a second tab on the person's Mit overblik
	const other = await context.newPage();
	await other.goto('/overblik');
	await expect(other.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();

	await setOffline(context, true);
	await page.locator('footer').getByRole('button', { name: 'Log ud' }).click();
	// both windows show the person signed out, and nothing of theirs is kept on the device
	await expect(page.getByText(SIGNED_OUT_HERE)).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await expect(other.getByText(SIGNED_OUT_HERE)).toBeVisible();
	await expect(other.getByRole('heading', { level: 1, name: 'Mit overblik' })).toHaveCount(0);
	const personal = (await keptUrls(page)).filter((u) => /\/(billet|overblik|bookinger|indbakke)/.test(u));
	expect(personal).toEqual([]);
	expect(await keptTimesUrls(page)).toEqual([]);
	expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
	// a kept address offline shows the offline page now, not the person's ticket or overview
	await page.goto(ticket);
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await expect(page.getByText(SIGNED_OUT_HERE)).toBeVisible();
	await page.goto('/overblik');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toHaveCount(0);
	await other.close();

	// online again: the first request ends the session before it shows anything, also one the service worker
	// makes (its answer's Set-Cookie drops the session's cookie all the same)
	await setOffline(context, false);
	expect(await cookieNames(context)).toContain('pb_auth');
	const fromWorker = context.waitForEvent(
		'response',
		(r) => r.request().serviceWorker() !== null && new URL(r.url()).pathname === '/'
	);
	const response = await page.goto('/');
	expect(response?.fromServiceWorker()).toBe(true);
	expect((await (await fromWorker).allHeaders())['clear-site-data']).toBe('"cache", "storage"');
	await expect(page.getByRole('link', { name: 'Log ind' }).first()).toBeVisible();
	const names = await cookieNames(context);
	expect(names).not.toContain('pb_auth');
	expect(names).not.toContain('borgerhus_signed_out');
	await page.goto('/overblik');
	await expect(page).toHaveURL(/\/log-ind/);
});

test('a sign-in after signing out offline is not ended by it, and the mark ends only the session it names', async ({
	page,
	context
}) => {
	await signIn(page, demo.citizen);
	await serviceWorkerInControl(page);
	await setOffline(context, true);
	await page.locator('footer').getByRole('button', { name: 'Log ud' }).click();
	await expect(page.getByText(SIGNED_OUT_HERE)).toBeVisible();
	const mark = (await context.cookies()).find((cookie) => cookie.name === 'borgerhus_signed_out');
	expect(mark?.value).toMatch(/^\w+$/);
	await setOffline(context, false);

	// online, the sign-in page's own request ends the old session; the same person signs in again, and the
	// sign-in itself still carrying the old mark (as when it is the first request to reach the house) does
	// not end the new session
	await page.goto('/log-ind');
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	expect(await cookieNames(context)).not.toContain('pb_auth');
	await context.addCookies([{ name: mark!.name, value: mark!.value, url: page.url() }]);
	await page.getByLabel('E-mail').fill(demo.citizen);
	await page.getByLabel('Adgangskode').fill('borgerhus-demo');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(/\/overblik$/);
	await page.goto('/profil');
	await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
	expect(await cookieNames(context)).toContain('pb_auth');
	expect(await cookieNames(context)).not.toContain('borgerhus_signed_out');

	// a mark naming someone else ends nobody's session, and goes
	await context.addCookies([{ name: mark!.name, value: 'someoneelse123', url: page.url() }]);
	await page.goto('/overblik');
	await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
	expect(await cookieNames(context)).not.toContain('borgerhus_signed_out');
	// the person's own mark ends it, whatever page the request is for
	await context.addCookies([mark!]);
	await page.goto('/profil');
	await expect(page).toHaveURL(/\/log-ind/);
	expect(await cookieNames(context)).not.toContain('pb_auth');
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

test('online, a kept page used because the network is too slow says how old it is', async ({ browser }) => {
	// the app behind a proxy that answers addresses starting with `slow` only after six seconds, longer than
	// the service worker waits for the network
	const target = new URL(stack.url);
	let slow = '';
	const proxy = createServer((req, res) => {
		const forward = () => {
			const upstream = forwardRequest(
				{
					host: target.hostname,
					port: target.port,
					path: req.url,
					method: req.method,
					headers: { ...req.headers, host: target.host }
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				}
			);
			upstream.on('error', () => res.destroy());
			req.pipe(upstream);
		};
		if (slow && req.url?.startsWith(slow)) setTimeout(forward, 6000);
		else forward();
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const context = await browser.newContext({
		baseURL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
		serviceWorkers: 'allow',
		locale: 'da-DK',
		viewport: { width: 360, height: 740 }
	});
	const page = await context.newPage();
	try {
		await page.goto('/');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
			}
		});
		// a page loaded by address, and the same page reached by a tap (its data), both kept
		await page.goto('/arrangementer');
		await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeVisible();
		await page.goto('/');
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		await page
			.getByRole('navigation', { name: 'Hovedmenu' })
			.last()
			.getByRole('link', { name: 'Arrangementer' })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeVisible();
		await expect(page.getByTestId('kept-notice')).toHaveCount(0);

		slow = '/arrangementer';
		await page.goto('/arrangementer');
		await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeVisible();
		await expect(page.getByTestId('kept-notice')).toContainText(
			'Siden kunne ikke hentes lige nu, så du ser den, som den var'
		);
		await expectAccessible(page);

		// by a tap: the kept data is used, and the page says so too
		slow = '';
		await page.goto('/');
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		await expect(page.getByTestId('kept-notice')).toHaveCount(0);
		slow = '/arrangementer';
		await page
			.getByRole('navigation', { name: 'Hovedmenu' })
			.last()
			.getByRole('link', { name: 'Arrangementer' })
			.click();
		await expect(page.getByTestId('kept-notice')).toContainText('Siden kunne ikke hentes lige nu', {
			timeout: 30_000
		});
		await expect(page).toHaveURL(/\/arrangementer$/);
	} finally {
		slow = '';
		await context.close();
		proxy.closeAllConnections();
		proxy.close();
	}
});

/**
 * The app behind a proxy that plays an older version of itself: while `old` is set, its scripts live at
 * /_app/old/immutable/... (the same files, under other names), as the pages, the scripts and the service
 * worker's list of files to keep name them. Clearing `old` is the release of a new version: the service worker
 * changes, and the new one keeps only the scripts of its own version. Every answer under the older version
 * says so (`x-test-older`), so a kept copy tells whether it was fetched again. A test may also answer an
 * address (its path) with another body, under the app's own headers (`body`), or send the first bytes of an
 * address's answer and the rest only after twelve seconds (`stall`). Once `cookieGone` is set, no answer sets
 * the session's cookie again, as one still on its way when the browser dropped it would.
 */
async function olderVersion(browser: Browser) {
	const target = new URL(stack.url);
	const state = {
		old: true,
		body: {} as Record<string, string>,
		stall: '',
		cookieGone: false
	};
	const address = `240.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
	const proxy = createServer((req, res) => {
		const path = state.old ? (req.url ?? '/').replace('/_app/old/immutable/', '/_app/immutable/') : req.url;
		const headers = { ...req.headers, host: target.host, 'x-forwarded-for': address };
		// a form sent through the proxy is the app's own (SvelteKit checks where a form comes from)
		if (headers.origin) headers.origin = target.origin;
		// plain bodies, so that the older version's can be rewritten
		delete headers['accept-encoding'];
		delete headers['if-none-match'];
		delete headers['if-modified-since'];
		const upstream = forwardRequest(
			{ host: target.hostname, port: target.port, path, method: req.method, headers },
			(answer) => {
				if (state.cookieGone && answer.headers['set-cookie']) {
					answer.headers['set-cookie'] = answer.headers['set-cookie'].filter(
						(cookie) => !cookie.startsWith('pb_auth=')
					);
				}
				const type = String(answer.headers['content-type'] ?? '');
				const pathname = new URL(req.url ?? '/', target).pathname;
				const older = state.old ? { 'x-test-older': '1' } : {};
				const stall = state.stall !== '' && pathname === state.stall;
				const body = state.body[pathname];
				if (body === undefined && !stall && (!state.old || !/html|javascript/.test(type))) {
					res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...older });
					answer.pipe(res);
					return;
				}
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const text = body ?? Buffer.concat(chunks).toString('utf8');
					const out = { ...answer.headers, ...older };
					delete out['content-length'];
					delete out['etag'];
					if (!state.old || !/html|javascript/.test(type)) {
						res.writeHead(answer.statusCode ?? 502, out);
						if (!stall) return res.end(text);
						res.write(text.slice(0, 100));
						setTimeout(() => res.end(text.slice(100)), 12_000);
						return;
					}
					res.writeHead(answer.statusCode ?? 502, { ...out, 'cache-control': 'no-store' });
					res.end(text.replaceAll('_app/immutable/', '_app/old/immutable/'));
				});
			}
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const context = await browser.newContext({
		baseURL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
		serviceWorkers: 'allow',
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		viewport: { width: 360, height: 740 }
	});
	const page = await context.newPage();
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
		}
	});
	/** The kept copy of a page, as the service worker holds it ('' for none; asked again while the page loads). */
	const kept = async (address: string) => {
		let copy: string | null = null;
		await expect
			.poll(async () => {
				copy = await page
					.evaluate(async (address) => {
						const answer = await (await caches.open('pages')).match(address);
						return answer ? answer.text() : '';
					}, address)
					.catch(() => null);
				return copy !== null;
			})
			.toBe(true);
		return copy ?? '';
	};
	/** Releases the new version and waits until its service worker has taken over. */
	const release = async () => {
		state.old = false;
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		// taken over: the older version's scripts are no longer kept (the page loads again meanwhile)
		await expect
			.poll(
				() =>
					page
						.evaluate(async () => {
							const registration = await navigator.serviceWorker.getRegistration();
							if (registration?.installing || registration?.waiting) return false;
							if (registration?.active?.state !== 'activated') return false;
							for (const name of await caches.keys()) {
								const keys = await (await caches.open(name)).keys();
								if (keys.some((request) => request.url.includes('/_app/old/'))) return false;
							}
							return true;
						})
						.catch(() => false),
				{ timeout: 60_000 }
			)
			.toBe(true);
	};
	const close = async () => {
		await context.close();
		proxy.closeAllConnections();
		proxy.close();
	};
	/** The kept data of a page (its address), as the service worker holds it: whether it was fetched under the
	 * older version, and its body. */
	const keptData = (address: string) =>
		page.evaluate(async (address) => {
			const answer = await (await caches.open('page-data')).match(`${address}/__data.json`);
			return answer ? { older: answer.headers.has('x-test-older'), body: await answer.text() } : null;
		}, address);
	/** Reaches a page by a tap in the main menu, so that its data is kept. */
	const tap = async (name: string) => {
		await page.getByRole('navigation', { name: 'Hovedmenu' }).last().getByRole('link', { name }).click();
	};
	return { context, page, kept, keptData, tap, state, release, close };
}

test('a page kept before a new version runs offline after it', async ({ browser }) => {
	const { context, page, kept, release, close } = await olderVersion(browser);
	try {
		await signIn(page, demo.citizen);
		await page.goto('/overblik');
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		await expect.poll(() => kept('/overblik')).toContain('/_app/old/immutable/');
		// elsewhere when the new version comes, so that the page's own load does not keep it anew
		await page.goto('/privatliv');

		await release();
		await setOffline(context, true);
		await page.goto('/overblik');
		await expect(page.getByRole('heading', { level: 1, name: 'Mit overblik' })).toBeVisible();
		// the page runs: it says it is offline, and a button that needs the network says so
		await expect(page.getByTestId('offline-notice')).toContainText('Du er offline.');
		await page.getByRole('banner').getByRole('button', { name: 'Switch to English' }).click();
		await expect(page.getByTestId('offline-notice')).toContainText(
			'Det kræver forbindelse. Prøv igen, når du er online.'
		);
		await expect(page).toHaveURL(/\/overblik$/);
		await setOffline(context, false);
	} finally {
		await close();
	}
});

test("a new version fetches a kept page again only as the same person's page", async ({ browser }) => {
	const { context, page, kept, state, release, close } = await olderVersion(browser);
	try {
		await signIn(page, demo.citizen);
		for (const address of ['/overblik', '/arrangementer']) {
			await page.goto(address);
			await expect(page.locator('html[data-hydrated]')).toBeAttached();
			await expect.poll(() => kept(address)).toContain('/_app/old/immutable/');
		}
		await page.goto('/privatliv');
		// the browser dropped the session's cookie without a request (as it does at the cookie's expiry): the
		// pages come back as a guest's now, a sign-in form for Mit overblik. An answer still on its way (a link
		// preloaded under the pointer, say) must not set it again.
		state.cookieGone = true;
		await context.clearCookies({ name: 'pb_auth' });
		await release();
		for (const address of ['/overblik', '/arrangementer']) {
			const copy = await kept(address);
			expect(copy, address).toContain('/_app/old/immutable/');
			expect(copy, address).toContain('Log ud');
		}
	} finally {
		await close();
	}
});

/** What SvelteKit answers, with a 200, for a page's data when the page's load failed. */
const FAILED_DATA =
	'{"type":"data","nodes":[{"type":"skip"},{"type":"error","error":{"message":"Not Found"},"status":404}]}\n';

test("a new version keeps a page's data fetched again only when it is the page's own", async ({
	browser
}) => {
	const { page, keptData, tap, state, release, close } = await olderVersion(browser);
	try {
		await signIn(page, demo.citizen);
		await page.goto('/');
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		for (const [name, address] of [
			['Lokaler', '/lokaler'],
			['Bibliotek', '/bibliotek'],
			['Arrangementer', '/arrangementer']
		] as const) {
			await tap(name);
			await expect(page).toHaveURL(new RegExp(`${address}$`));
			await expect.poll(async () => (await keptData(address))?.older, address).toBe(true);
		}
		await page.goto('/privatliv');
		// the house answers the data of one page with a redirect (the room made inactive, say) and of another
		// with a failed load, both with a 200, as SvelteKit does
		state.body['/lokaler/__data.json'] = '{"type":"redirect","location":"/log-ind"}\n';
		state.body['/bibliotek/__data.json'] = FAILED_DATA;
		await release();
		// the round ran: a good answer replaced its kept copy
		expect((await keptData('/arrangementer'))?.older).toBe(false);
		for (const address of ['/lokaler', '/bibliotek']) {
			const copy = await keptData(address);
			expect(copy?.older, address).toBe(true);
			expect(copy?.body, address).not.toMatch(/"type":"(redirect|error)"/);
		}
	} finally {
		await close();
	}
});

test("a tap keeps a page's data only when it is the page's own", async ({ browser }) => {
	const { page, keptData, tap, state, close } = await olderVersion(browser);
	try {
		await page.goto('/');
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		await tap('Arrangementer');
		await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeVisible();
		await expect.poll(async () => (await keptData('/arrangementer'))?.body).toContain('"type":"data"');
		// the page's load fails the next time, with a 200 as SvelteKit answers its data
		state.body['/arrangementer/__data.json'] = FAILED_DATA;
		await tap('Lokaler');
		await expect(page).toHaveURL(/\/lokaler$/);
		await tap('Arrangementer');
		await expect(page).toHaveURL(/\/arrangementer$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Arrangementer' })).toBeHidden();
		// the service worker keeps an answer after the page has it: time to do so
		await page.waitForTimeout(2000);
		const copy = await keptData('/arrangementer');
		expect(copy?.body).toContain('"type":"data"');
		expect(copy?.body).not.toContain('"type":"error"');
	} finally {
		await close();
	}
});

test('a new version fetches the other kept pages again when one answers too slowly', async ({ browser }) => {
	const { page, kept, keptData, tap, state, release, close } = await olderVersion(browser);
	try {
		await signIn(page, demo.citizen);
		for (const address of ['/overblik', '/lokaler']) {
			await page.goto(address);
			await expect(page.locator('html[data-hydrated]')).toBeAttached();
			await expect.poll(() => kept(address)).toContain('/_app/old/immutable/');
		}
		await tap('Arrangementer');
		await expect(page).toHaveURL(/\/arrangementer$/);
		await expect.poll(async () => (await keptData('/arrangementer'))?.older).toBe(true);
		await page.goto('/privatliv');
		// Mit overblik's answer starts, then stops for longer than the service worker waits for one
		state.stall = '/overblik';
		await release();
		expect(await kept('/overblik')).toContain('/_app/old/immutable/');
		expect(await kept('/lokaler')).not.toContain('/_app/old/immutable/');
		// the data, fetched after the pages, too
		expect((await keptData('/arrangementer'))?.older).toBe(false);
	} finally {
		await close();
	}
});

test("a new version fetches a guest's kept page data again", async ({ browser }) => {
	const { page, keptData, tap, release, close } = await olderVersion(browser);
	try {
		await page.goto('/');
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		await tap('Arrangementer');
		await expect(page).toHaveURL(/\/arrangementer$/);
		await expect.poll(async () => (await keptData('/arrangementer'))?.older).toBe(true);
		await page.goto('/privatliv');
		await release();
		const copy = await keptData('/arrangementer');
		expect(copy?.older).toBe(false);
		expect(copy?.body).toContain('"type":"data"');
	} finally {
		await close();
	}
});
