// Part of the service worker (imported by the one Workbox generates, vite.config.ts; docs/offline.md,
// "A new version"). A page kept for offline use names the scripts of the version it was loaded under, and a
// new version keeps only its own: so while a new version installs (the phone is online, it has just
// fetched it), each kept page, its data and its route answer are fetched once more, and once the new
// version takes over, the kept copies that are still kept are replaced by these. Only a good answer counts,
// and only one for the same person as the kept copy (a guest's copy may become the signed-in person's):
// never a sign-in form, an error, another person's page or a guest's over a signed-in person's.

/** What is kept, and where the fresh copies wait until the new version takes over. */
const KEPT_AGAIN = [
	{ kept: 'pages', next: 'pages-next' },
	{ kept: 'page-data', next: 'page-data-next' }
];
/** How long one answer may take, and the whole round, in milliseconds: an install must not hang on it. */
const ANSWER_WITHIN = 8000;
const ROUND_WITHIN = 30000;
/** Answers fetched at a time, so the house is not asked for fifty pages at once. */
const AT_A_TIME = 3;

/**
 * Whom an answer was made for: the signed-in person's id (the app names it in `x-borgerhus-user`), '' for a
 * guest (the app names no one: `-`), or null when it cannot tell. An answer that names no one at all is
 * from a version that did not: a guest's when it is not private, else it cannot tell (a signed-in answer
 * is private, and so is the data of every page, a guest's too).
 */
function personOf(response) {
	const user = response.headers.get('x-borgerhus-user');
	if (user === '-') return '';
	if (user) return user;
	return /private/.test(response.headers.get('cache-control') ?? '') ? null : '';
}

/**
 * Whether an answer to /path/__data.json is the page's own data. SvelteKit answers 200 also when a load
 * failed or redirected: the body is then `{"type":"redirect",...}` (or an error), or the page's data with a
 * node of type "error". The body is one line of JSON, `{"type":"data","nodes":[...]}`, then one line for
 * each promise the data streams (`{"type":"chunk",...}`, with "error" when it failed). Also the check of
 * the data the service worker keeps on a tap (vite.config.ts, the page-data cache): a global of the service
 * worker.
 */
async function isPageData(response) {
	try {
		const lines = (await response.clone().text()).split('\n').filter((line) => line.trim() !== '');
		if (lines.length === 0) return false;
		const [data, ...chunks] = lines.map((line) => JSON.parse(line));
		if (data?.type !== 'data' || !Array.isArray(data.nodes)) return false;
		if (data.nodes.some((node) => node?.type === 'error' || node?.type === 'redirect')) return false;
		return chunks.every((chunk) => chunk?.type === 'chunk' && !('error' in chunk));
	} catch {
		return false;
	}
}

/**
 * The mark of what is kept now: a cache of its own, which the browser drops with every kept page when a
 * session ends (Clear-Site-Data). An answer is kept only when the mark it was asked under still stands
 * (vite.config.ts, `KEPT_SINCE_ASKED`): one still on its way when the session ended (a page fetched for
 * offline use just before signing out) would otherwise be written into the emptied cache, and the next
 * person on the device would find it. Globals of the service worker.
 */
const MARK_CACHE = 'kept-mark';
const MARK_KEY = '/__kept-mark';
/** The mark being made, so two answers asked for at once share one. */
let markMade = null;

/** The mark what is kept now carries, made when there is none (nothing was kept since the last clearing). */
async function keptMark() {
	const found = await markNow();
	if (found) return found;
	markMade ??= (async () => {
		const id = crypto.randomUUID();
		await (await caches.open(MARK_CACHE)).put(MARK_KEY, new Response(id));
		return id;
	})().finally(() => (markMade = null));
	return markMade;
}

/** The mark as it stands, or null when it was dropped (the session ended since). */
async function markNow() {
	if (!(await caches.has(MARK_CACHE))) return null;
	const found = await (await caches.open(MARK_CACHE)).match(MARK_KEY);
	return found ? found.text() : null;
}

/** Whether an answer asked for under `mark` may be kept: nothing was cleared since it was asked for. */
async function stillMarked(mark) {
	return typeof mark === 'string' && mark !== '' && (await markNow()) === mark;
}

// the Workbox plugins of the service worker call these (vite.config.ts, `KEPT_SINCE_ASKED`)
Object.assign(self, { keptMark, stillMarked });

/**
 * A sign-out made offline (src/lib/offline.ts `signOutHere`; docs/offline.md, "When a session ends"): every
 * kept page, its data, the pages a new version fetched again and the mark go at once, as the browser drops
 * them online (Clear-Site-Data), so an answer still on its way is not kept either, and with them the expiry's
 * record of their addresses and times. Only the app's own files
 * stay (the precache), for the offline page. Then each open window goes to the start page, which offline is
 * the offline page, saying the person is signed out on this device: no window shows the person's page.
 */
async function signedOutHere() {
	const names = await caches.keys();
	await Promise.all(
		names.filter((name) => !name.startsWith('workbox-precache')).map((name) => caches.delete(name))
	);
	await forgetKeptTimes();
	const windows = await self.clients.matchAll({ type: 'window' });
	await Promise.all(windows.map((window) => window.navigate('/').catch(() => null)));
}

/**
 * Workbox's own record of the kept pages (each address and when it was kept, for their expiry: the database
 * `workbox-expiration`) goes with the pages. A database that is not there is not made by looking for it.
 */
function forgetKeptTimes() {
	return new Promise((resolve) => {
		const open = indexedDB.open('workbox-expiration');
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = (event) => {
			event.preventDefault();
			resolve(undefined);
		};
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('cache-entries')) {
				db.close();
				resolve(undefined);
				return;
			}
			const cleared = db.transaction('cache-entries', 'readwrite');
			cleared.objectStore('cache-entries').clear();
			cleared.oncomplete = cleared.onerror = cleared.onabort = () => {
				db.close();
				resolve(undefined);
			};
		};
	});
}

self.addEventListener('message', (event) => {
	if (event.data?.type === 'borgerhus:signed-out') event.waitUntil(signedOutHere().catch(() => {}));
});

/** Whether a fresh answer may stand in for the kept copy: a good one, for the same person. */
async function mayReplace(request, kept, fresh) {
	if (fresh.type !== 'basic' || fresh.status !== 200 || fresh.redirected) return false;
	if (fresh.headers.has('clear-site-data')) return false;
	const before = personOf(kept);
	const now = personOf(fresh);
	if (now === null || before === null) return false;
	if (before !== '' && before !== now) return false;
	return new URL(request.url).pathname.endsWith('/__data.json') ? isPageData(fresh) : true;
}

/** The answer's time (its Date header), or 0. */
function madeAt(response) {
	const date = Date.parse(response?.headers.get('date') ?? '');
	return Number.isNaN(date) ? 0 : date;
}

/** A session ended with one of these answers: drop every kept page and its data, as the browser would. */
async function dropKept() {
	await Promise.all(KEPT_AGAIN.flatMap(({ kept, next }) => [caches.delete(kept), caches.delete(next)]));
}

/**
 * Fetches one kept answer again into `to` when the fresh one may replace it, within `within` milliseconds
 * (the body too). True when the answer ended the session (it lapsed, or was revoked): nothing kept stays.
 */
async function fetchAgain(request, from, to, within) {
	const copy = await from.match(request);
	if (!copy) return false;
	const accept = request.url.includes('/__data.json')
		? 'application/json'
		: request.url.includes('/__route.js')
			? '*/*'
			: 'text/html';
	const fresh = await fetch(request.url, {
		credentials: 'same-origin',
		redirect: 'manual',
		cache: 'no-store',
		headers: { accept },
		signal: AbortSignal.timeout(within)
	}).catch(() => null);
	if (!fresh) return false;
	if (/"cache"/.test(fresh.headers.get('clear-site-data') ?? '')) return true;
	if (await mayReplace(request, copy, fresh)) await to.put(request, fresh);
	return false;
}

async function fetchKeptAgain() {
	const until = Date.now() + ROUND_WITHIN;
	let ended = false;
	for (const { kept, next } of KEPT_AGAIN) {
		await caches.delete(next);
		if (!(await caches.has(kept))) continue;
		const from = await caches.open(kept);
		const to = await caches.open(next);
		const queue = (await from.keys()).filter((request) => {
			const url = new URL(request.url);
			// never the staff's pages (none are kept; this only makes sure)
			return url.origin === self.location.origin && !/^\/(personale|live)(\/|$)/.test(url.pathname);
		});
		const worker = async () => {
			for (let request = queue.shift(); request && !ended; request = queue.shift()) {
				const left = until - Date.now();
				if (left <= 0) return;
				try {
					if (await fetchAgain(request, from, to, Math.min(ANSWER_WITHIN, left))) ended = true;
				} catch {
					// this one stays as it was kept (its answer too slow, or the cache could not keep it); the
					// others go on
				}
			}
		};
		await Promise.all(Array.from({ length: AT_A_TIME }, worker));
		if (ended) break;
	}
	if (ended) await dropKept();
}

async function putKeptAgain() {
	for (const { kept, next } of KEPT_AGAIN) {
		if (!(await caches.has(next))) continue;
		const from = await caches.open(next);
		// only pages that are kept now (signing out since, or their expiry, took the others)
		const to = (await caches.has(kept)) ? await caches.open(kept) : null;
		for (const request of to ? await from.keys() : []) {
			try {
				const fresh = await from.match(request);
				const copy = await to.match(request);
				// a load since the round is newer still
				if (fresh && copy && madeAt(copy) <= madeAt(fresh)) await to.put(request, fresh);
			} catch {
				// this one stays as it was kept; the others are replaced
			}
		}
		await caches.delete(next);
	}
}

self.addEventListener('install', (event) => {
	event.waitUntil(fetchKeptAgain().catch(() => {}));
});

self.addEventListener('activate', (event) => {
	event.waitUntil(putKeptAgain().catch(() => {}));
});
