// What the app does offline (docs/offline.md): which pages it keeps, when each was last loaded, and
// forms that cannot be sent without a connection.

import { SIGNED_OUT_COOKIE } from './kept-pages.js';

export { KEPT_SECONDS } from './kept-pages.js';

/** Pages a person needs without a connection: a ticket, Mit overblik, bookings, holds, the inbox. */
const KEPT = [/^\/billet\/[^/]+$/, /^\/overblik$/, /^\/bookinger$/, /^\/bibliotek\/mine$/, /^\/indbakke$/];

export function isKeptPath(pathname: string): boolean {
	return KEPT.some((pattern) => pattern.test(pathname));
}

const STAMP = 'borgerhus:updated:';

/** Remembers that this address was loaded from the network now (cleared on sign-out with the rest). */
export function stampLoaded(address: string) {
	try {
		localStorage.setItem(STAMP + address, new Date(Date.now()).toISOString());
	} catch {
		// Private mode or a full store: the page works, it only cannot say when it was loaded.
	}
}

/** Puts back the time an address was loaded before (or none), when a stamp turned out to be wrong. */
export function restoreLoaded(address: string, previous: string | null) {
	try {
		if (previous === null) localStorage.removeItem(STAMP + address);
		else localStorage.setItem(STAMP + address, previous);
	} catch {
		// as in stampLoaded
	}
}

/** The page an address of page data belongs to: `/billet/x/__data.json` is `/billet/x`. */
export function pageOfData(url: string): string {
	return new URL(url).pathname.replace(/\/?__data\.json$/, '') || '/';
}

/** When the address last loaded from the network (an ISO instant), if it did here. */
export function loadedAt(address: string): string | null {
	try {
		return localStorage.getItem(STAMP + address);
	} catch {
		return null;
	}
}

/**
 * After a tap to a kept page, fetch the page itself once, so the service worker keeps it for a visit by
 * address or from the home screen (a tap only fetched the page's data).
 */
export function keepPage(address: string) {
	if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
	fetch(address, {
		headers: { 'x-borgerhus-keep': '1', accept: 'text/html' },
		credentials: 'same-origin'
	}).catch(() => {});
}

/**
 * Signs `user` out on this device while it is offline (docs/offline.md, "When a session ends"): the times
 * pages were loaded go, a cookie tells the house to end the session with the first request that reaches it,
 * and the service worker drops every kept page and its data and shows each open window signed out. False
 * without a service worker: the sign-out then waits for a connection, as any button that sends something.
 */
export function signOutHere(user: string): boolean {
	const worker = navigator.serviceWorker?.controller;
	if (!worker) return false;
	document.cookie = `${SIGNED_OUT_COOKIE}=${encodeURIComponent(user)}; path=/; max-age=${60 * 60 * 24 * 30}; samesite=lax`;
	try {
		localStorage.clear();
		sessionStorage.clear();
	} catch {
		// private mode: nothing was kept there
	}
	worker.postMessage({ type: 'borgerhus:signed-out' });
	return true;
}
