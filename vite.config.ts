import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import path from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { KEPT_SECONDS } from './src/lib/kept-pages.js';
import { chunkPlanner } from './src/lib/build/chunk-plan.js';

/**
 * Paraglide's compiled registry makes a new `Intl.PluralRules` (or number or date format) on every call of
 * a message with a plural; on the server that was a tenth of a list page's time (about 23 µs each, against
 * 1 µs for a kept one). This keeps one per language and options: they hold no state between calls.
 * A registry without the calls it rewrites stops the build, so a new Paraglide is looked at again.
 */
function keepIntlFormats(): Plugin {
	const call = /new Intl\.(PluralRules|NumberFormat|DateTimeFormat)\(locale, options\)/g;
	return {
		name: 'borgerhus:keep-intl-formats',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]paraglide[\\/]registry\.js$/.test(id)) return null;
			if (!/new Intl\.PluralRules\(locale, options\)/.test(code)) {
				throw new Error('paraglide registry: Intl.PluralRules call not found; look at keepIntlFormats again');
			}
			const kept = `const keptIntl = new Map();
function keptIntlFormat(Kind, locale, options) {
	const key = Kind.name + '|' + locale + '|' + JSON.stringify(options ?? null);
	let format = keptIntl.get(key);
	if (!format) keptIntl.set(key, (format = new Kind(locale, options)));
	return format;
}
`;
			return { code: kept + code.replace(call, 'keptIntlFormat(Intl.$1, locale, options)'), map: null };
		}
	};
}

/**
 * How the service worker keeps pages and their data (docs/offline.md): from the network when it answers
 * within 4 seconds, else the kept copy; at most 50 of each kind, for 14 days.
 */
const KEPT = {
	networkTimeoutSeconds: 4,
	expiration: { maxEntries: 50, maxAgeSeconds: KEPT_SECONDS }
};

/**
 * A kept page or page data used in place of the network (offline, or the network slower than
 * `networkTimeoutSeconds`) says so, so the page can show how old it is (src/lib/components/OfflineNotice.svelte,
 * docs/offline.md): a kept page carries `data-kept` on its root element, and the page that asked for kept
 * data is told by a message naming the address; both with the time the kept answer was made. Runs inside
 * the service worker.
 */
const SAYS_KEPT = {
	cachedResponseWillBeUsed: async ({
		cachedResponse,
		request,
		event
	}: {
		cachedResponse?: Response;
		request: Request;
		event?: Event & { clientId?: string };
	}) => {
		if (!cachedResponse) return cachedResponse;
		// when the server made this answer (its Date header): the page and its data are kept apart, and
		// each is as old as its own answer, whatever the address's last load was
		const date = Date.parse(cachedResponse.headers.get('date') ?? '');
		const at = Number.isNaN(date) ? '' : new Date(date).toISOString();
		if (request.mode === 'navigate') {
			const text = await cachedResponse.text();
			return new Response(text.replace('<html', `<html data-kept="${at}"`), {
				status: cachedResponse.status,
				statusText: cachedResponse.statusText,
				headers: cachedResponse.headers
			});
		}
		// `self` is the service worker here; its clients are the open pages
		const worker = self as unknown as {
			clients: { get(id: string): Promise<{ postMessage(message: unknown): void } | undefined> };
		};
		const client = event?.clientId ? await worker.clients.get(event.clientId) : undefined;
		client?.postMessage({ type: 'borgerhus:kept', url: request.url, at });
		return cachedResponse;
	}
};

/**
 * An answer is kept only when nothing was cleared since it was asked for: a session that ends drops every
 * kept page (Clear-Site-Data), and an answer still on its way then (a page fetched for offline use just
 * before signing out) must not be written into the emptied cache for the next person on the device. The
 * mark is a cache the clearing drops too (`keptMark`, static/sw-kept-pages.js, which the service worker
 * imports: globals there). Runs inside the service worker.
 */
const KEPT_SINCE_ASKED = {
	requestWillFetch: async ({ request, state }: { request: Request; state?: { mark?: string } }) => {
		const worker = self as unknown as { keptMark(): Promise<string> };
		if (state) state.mark = await worker.keptMark().catch(() => '');
		return request;
	},
	cacheWillUpdate: async ({ response, state }: { response: Response; state?: { mark?: string } }) => {
		// a plugin with this callback replaces Workbox's own check, which it keeps: a 200, or an opaque answer
		if (response.status !== 200 && response.status !== 0) return null;
		const worker = self as unknown as { stillMarked(mark: string | undefined): Promise<boolean> };
		return (await worker.stillMarked(state?.mark).catch(() => false)) ? response : null;
	}
};

/**
 * Shared client code and messages: grouped by the pages that load them (src/lib/build/chunk-plan.js). The
 * hooks' rules the browser shares with PocketBase (the house's time, the refusals' texts) are planned too:
 * left to the bundler, they went into the first file that reached them, and the lobby screen loaded the
 * season's texts and every refusal's text through the house's time.
 */
const SHARED = (id: string) => /[\\/](src[\\/]lib|node_modules|pb_hooks[\\/]lib)[\\/]/.test(id);
const planOptions = {
	test: SHARED,
	minSize: 6 * 1024,
	// A page whose first load is this many bytes before minification (about 57.5 kB gzipped: the staff's
	// booking list, the room page, Mit overblik and the heavier pages measured on 2026-12-07) gets no bytes
	// it does not use from the merges of small files (docs/performance.md, "Every other page").
	heavyLoad: 1_050_000,
	generated: path.resolve('.svelte-kit/generated/client-optimized')
};
let chunks = chunkPlanner(planOptions);
/** The plan is made again for each build: the server's graph is not the browser's. */
function newChunkPlan(): Plugin {
	return {
		name: 'borgerhus:chunk-plan',
		buildStart() {
			chunks = chunkPlanner(planOptions);
		}
	};
}

export default defineConfig({
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{
							// Svelte's runtime, SvelteKit's client and the bundler's small helpers are loaded by
							// every page: one file instead of six.
							name: (_id, ctx) => chunks.frameworkName(ctx),
							test: /[\\/]node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env)[\\/]|^\0(rolldown|vite)[\\/]|[\\/]paraglide[\\/]runtime\.js$/,
							priority: 2
						},
						{
							// The app's shared modules, libraries and messages, each in the file of the pages that load
							// it, small files merged where that loads the fewest unused bytes (chunk-plan.js). Without
							// it, each message and small component that two pages share was a file of its own (a room
							// page loaded about a hundred).
							name: (id, ctx) => chunks.nameOf(id, ctx),
							test: SHARED,
							minShareCount: 2,
							priority: 1
						}
					]
				}
			}
		}
	},
	plugins: [
		keepIntlFormats(),
		newChunkPlan(),
		// Under Vitest the messages are compiled beforehand (`npm run i18n`): the plugin's watcher would
		// keep the test process alive.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './src/i18n/project.inlang',
				outdir: './src/lib/paraglide',
				// The language is a cookie the user sets with the switcher (and on sign-in, from the profile);
				// a first visit gets the browser's language when it is Danish or English, else Danish.
				strategy: ['cookie', 'preferredLanguage', 'baseLocale']
			}),
		sveltekit(),
		// The service worker is a build artefact; tests run without it.
		!process.env.VITEST &&
			SvelteKitPWA({
				// The service worker lives at /sw.js for the whole site. Without these the register script
				// used SvelteKit's relative base ("./sw.js"), so a page two levels down (/lokaler/x) asked for
				// /lokaler/sw.js, got a 404 and logged a console error (docs/performance.md).
				base: '/',
				scope: '/',
				registerType: 'autoUpdate',
				injectRegister: false,
				manifest: {
					name: 'Borgerhus',
					short_name: 'Borgerhus',
					description: 'Lokaler, bibliotek, arrangementer og frivillighed i Kultur- & Borgerhuset.',
					lang: 'da',
					start_url: '/',
					scope: '/',
					display: 'standalone',
					background_color: '#fbf8f3',
					theme_color: '#1f4e5f',
					icons: [
						{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
						{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
						{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
					]
				},
				workbox: {
					globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2}'],
					// Pages are rendered on the server per user, so there is no app shell to precache. A page
					// comes from the network when there is one and from the cache when offline (a ticket, Mit
					// overblik); a page never opened falls back to the prerendered /offline page. Signing out
					// clears these caches (Clear-Site-Data), so a shared phone keeps no one's pages.
					navigateFallback: null,
					// A new version takes over open pages at once, so offline use starts with the first visit.
					clientsClaim: true,
					skipWaiting: true,
					// While a new version installs, the kept pages are fetched again, so that they name its scripts
					// and run offline after it (static/sw-kept-pages.js, docs/offline.md "A new version").
					importScripts: ['sw-kept-pages.js'],
					runtimeCaching: [
						{
							// never the staff's pages: they hold other citizens' data, which no device keeps
							// (the function runs in the service worker, so it names its paths itself)
							urlPattern: ({ request, url }) =>
								request.mode === 'navigate' &&
								!url.pathname.startsWith('/live') &&
								!url.pathname.startsWith('/personale'),
							handler: 'NetworkFirst',
							options: {
								cacheName: 'pages',
								...KEPT,
								precacheFallback: { fallbackURL: '/offline' },
								plugins: [KEPT_SINCE_ASKED, SAYS_KEPT]
							}
						},
						{
							// The staff's pages straight from the network, kept nowhere; offline, the offline page
							// stands in for them as for a page never opened. A tap to one whose data does not come
							// ends in a load of the whole address, which comes here too.
							urlPattern: ({ request, url }) =>
								request.mode === 'navigate' && url.pathname.startsWith('/personale'),
							handler: 'NetworkOnly',
							options: { precacheFallback: { fallbackURL: '/offline' } }
						},
						{
							// The data of a page reached by a tap inside the app (SvelteKit fetches
							// /path/__data.json instead of the page). Kept like the pages, so that a ticket opened
							// with "Vis billet" opens again offline. SvelteKit's query flags (which parts changed)
							// are left out of the key: the same page is one entry, however it was reached.
							urlPattern: ({ url }) =>
								url.pathname.endsWith('/__data.json') && !url.pathname.startsWith('/personale'),
							handler: 'NetworkFirst',
							options: {
								cacheName: 'page-data',
								...KEPT,
								plugins: [
									{
										cacheKeyWillBeUsed: async ({ request }) => {
											const url = new URL(request.url);
											url.searchParams.delete('x-sveltekit-invalidated');
											url.searchParams.delete('x-sveltekit-trailing-slash');
											return url.href;
										},
										// Only an answer that carries the page's own data is kept: one where only the
										// layout was asked again (a flag per node, layout first; "10" when the unread
										// count changed) would stand in for the page, and a later tap offline would
										// get the layout and a page with another page's data. A plugin here replaces
										// the strategy's own check, so it asks for a 200 too, and for the page's data
										// itself: SvelteKit answers 200 also when a load failed or redirected, and
										// that would stand in for the page offline. The check is the one a new
										// version's refetch makes (`isPageData`, static/sw-kept-pages.js, which the
										// service worker imports: a global there).
										cacheWillUpdate: async ({ request, response }) => {
											const flags = new URL(request.url).searchParams.get('x-sveltekit-invalidated') ?? '';
											if (flags.slice(1).includes('0')) return null;
											if (response.status !== 200) return null;
											const worker = self as unknown as { isPageData(response: Response): Promise<boolean> };
											return (await worker.isPageData(response)) ? response : null;
										}
									},
									KEPT_SINCE_ASKED,
									SAYS_KEPT
								]
							}
						},
						{
							// Which page an address is: SvelteKit asks the server (/path/__route.js) on a tap to an
							// address not yet reached in this visit (`router.resolution` in svelte.config.js). Kept
							// beside the page's data, so a tap to a kept page works offline in a later visit too.
							// With neither network nor a kept answer, an empty module tells SvelteKit it does not
							// know the page, and it loads the address as a whole: the kept page, or /offline.
							urlPattern: ({ url }) =>
								url.pathname.endsWith('/__route.js') && !url.pathname.startsWith('/personale'),
							handler: 'NetworkFirst',
							options: {
								cacheName: 'page-data',
								...KEPT,
								plugins: [
									KEPT_SINCE_ASKED,
									{
										handlerDidError: async () =>
											new Response('', {
												headers: { 'content-type': 'application/javascript; charset=utf-8' }
											})
									}
								]
							}
						},
						{
							// Which staff page an address is, from the network only; without it the same empty module
							// as above, so the app loads the address whole and gets the offline page.
							urlPattern: ({ url }) =>
								url.pathname.endsWith('/__route.js') && url.pathname.startsWith('/personale'),
							handler: 'NetworkOnly',
							options: {
								plugins: [
									{
										handlerDidError: async () =>
											new Response('', {
												headers: { 'content-type': 'application/javascript; charset=utf-8' }
											})
									}
								]
							}
						},
						{
							// After a tap to a page people need offline (a ticket, Mit overblik, bookings, holds,
							// the inbox), the app asks for the page itself once more with this header, so a later
							// visit by address or from the home screen opens it offline too
							// (src/lib/offline.ts).
							urlPattern: ({ request }) => request.headers.get('x-borgerhus-keep') === '1',
							handler: 'NetworkFirst',
							options: {
								cacheName: 'pages',
								...KEPT,
								plugins: [KEPT_SINCE_ASKED]
							}
						},
						{
							urlPattern: ({ url }) => url.pathname.startsWith('/media/'),
							handler: 'CacheFirst',
							options: {
								cacheName: 'media',
								expiration: { maxEntries: 200, maxAgeSeconds: 60 * 60 * 24 * 30 }
							}
						}
					]
				}
			})
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts'],
					environment: 'node',
					// Pure functions without module state: the files share their workers' module cache, where each
					// file importing the rules and messages anew took two thirds of the unit tests' time.
					isolate: false
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/global-setup.ts'],
					// Two files at a time, each against its own stack (tests/setup/global-setup.ts): the
					// tests wait on PocketBase and the app more than they compute.
					maxWorkers: 2,
					// after the unit tests when both run in one call (projects of one group share a worker count)
					sequence: { groupOrder: 1 },
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
