import {
	error,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { getTokenPayload, isTokenExpired } from 'pocketbase';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { chosenLanguage } from '$lib/screens/types';
import { m } from '$lib/paraglide/messages';
import { authCookie, createRequestClient, retryAfterFor, sessionEnded } from '$lib/server/pocketbase';
import type { UserRecord } from '$lib/pocketbase-types';
import { endSessionsOf, ready as liveReady } from '$lib/server/live/hub';
import { SIGNED_OUT_COOKIE } from '$lib/kept-pages.js';

/**
 * The live stream's one subscription to PocketBase is made when the server starts, not by the first page
 * that listens: a page trusts that it missed no change only since the subscription, so the first pages
 * after a start read their data twice. If PocketBase is not up yet, the first stream tries again.
 */
export const init: ServerInit = () => {
	// not while the build prerenders its pages: a build never listens, nor signs in to a PocketBase it finds
	if (!building) liveReady().catch(() => {});
};

/** Liveness for load balancers and the start script; answers without touching PocketBase. */
const health: Handle = ({ event, resolve }) =>
	event.url.pathname === '/healthz' ? new Response('ok') : resolve(event);

/**
 * The language a page is written in: the reader's, except on the lobby screen and a door sign set to one
 * language by `?sprog=da|en` (docs/rules.md, "Door signs and the lobby screen"), whose whole page, title
 * included, is in that language whatever the browser showing it reads.
 */
function pageLanguage(url: URL, locale: string): string {
	const screen = url.pathname === '/skaerm' || /^\/lokaler\/[^/]+\/skilt$/.test(url.pathname);
	return (screen && chosenLanguage(url)) || locale;
}

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', pageLanguage(event.url, locale))
		});
	});

/** The sign-out (`/log-ud`), which ends the session in this browser whether or not PocketBase answers. */
const signingOut = (event: RequestEvent) =>
	event.request.method === 'POST' && event.url.pathname === '/log-ud';

/** A session token with less than this left (seconds) is renewed; PocketBase issues them for 7 days. */
const RENEW_WITHIN = 3 * 24 * 3600;

/**
 * One PocketBase client per request, signed in as the user from the httpOnly cookie. The user's own
 * record is read afresh from PocketBase on every request, with the session's token: a revoked session
 * (a new password or email, a deleted account) reads nothing and is signed out at once, and a changed
 * record (no longer staff) counts at once. The same request brings the unread count the navigation
 * shows, so a signed-in page costs PocketBase one request more than a guest's. The token itself is
 * renewed only when it nears its end, as minting one on every request cost more than the read
 * (docs/performance.md, "Reads").
 */
const auth: Handle = async ({ event, resolve }) => {
	const pb = createRequestClient(event);
	const hadCookie = pb.authStore.token !== '';
	// Signed out on this device while it was offline (src/lib/offline.ts `signOutHere`): the session that mark
	// names ends here, before this request is answered as anyone, as at /log-ud. The mark names whom it ends, so
	// it never ends another's; a sign-in ends it first, in the same request, and then signs in afresh.
	const signedOutHere = event.cookies.get(SIGNED_OUT_COOKIE);
	if (signedOutHere !== undefined) {
		const id: unknown = pb.authStore.token ? getTokenPayload(pb.authStore.token).id : undefined;
		if (id === signedOutHere) {
			endSessionsOf(signedOutHere);
			pb.authStore.clear();
		}
		event.cookies.delete(SIGNED_OUT_COOKIE, { path: '/' });
	}
	if (pb.authStore.isValid) {
		try {
			// whose record: the token's own (signed) user, never the cookie's copy of the record
			const id: unknown = getTokenPayload(pb.authStore.token).id;
			if (typeof id !== 'string' || isTokenExpired(pb.authStore.token, RENEW_WITHIN)) {
				await pb.collection('users').authRefresh({ requestKey: null });
			} else {
				const session = await pb.send<{ record: UserRecord; unread: number }>('/api/borgerhus/session', {
					requestKey: null
				});
				pb.authStore.save(pb.authStore.token, session.record);
				// a form action may read notifications before the page renders: then the layout counts again
				if (event.request.method === 'GET') event.locals.unread = session.unread;
			}
		} catch (err) {
			// PocketBase unreachable or failing: the page cannot be served, but the session (and the pages
			// kept for offline use, cleared below when a session ends) stays for when it is back. Signing
			// out needs nothing of PocketBase: it ends here all the same, so no one leaves a shared device
			// signed in because the house was restarting.
			if (!sessionEnded(err) && !signingOut(event)) error(503, m.errors_server_unreachable());
			pb.authStore.clear();
		}
	}
	// a lapsed token (the cookie outlives it, src/lib/server/pocketbase.ts `authCookie`) ends the session
	// here: the cookie is deleted and the kept pages cleared below, once
	if (!pb.authStore.isValid) pb.authStore.clear();
	event.locals.pb = pb;
	event.locals.user = pb.authStore.isValid ? (pb.authStore.record as unknown as UserRecord) : null;
	const signedInAs = event.locals.user?.id;

	const response = await resolve(event);
	if (hadCookie || pb.authStore.isValid) {
		response.headers.append('set-cookie', authCookie(pb, event.url));
	}
	// A session that ends with this request, however it ends (signing out, a new password or email, a
	// deleted account, a lapsed or revoked token, another account signing in), takes the pages kept for
	// offline use with it: they are the person's own, and a shared phone must not show them to the next.
	const signedInAfter = pb.authStore.isValid ? pb.authStore.record?.id : undefined;
	if (hadCookie && (!signedInAs || signedInAs !== signedInAfter)) {
		response.headers.set('clear-site-data', '"cache", "storage"');
	}
	if (event.locals.user) {
		response.headers.set('cache-control', 'private, no-store');
		// whose answer this is: when a new version fetches a kept page again, the service worker keeps the
		// new copy only for the same person (static/sw-kept-pages.js)
		response.headers.set('x-borgerhus-user', event.locals.user.id);
	} else if (!signedInAfter) {
		// a guest's, said as such: the data of a page is private whoever asks, and an answer that names no
		// one may be a signed-in person's from an older version
		response.headers.set('x-borgerhus-user', '-');
	}
	// A limited request says when to come back (a page read or a form action alike).
	if (response.status === 429 && !response.headers.has('retry-after')) {
		response.headers.set('retry-after', String(retryAfterFor(event)));
	}
	return response;
};

/** Whether a body could not be read because it is over the size limit (413, also as the cause). */
function tooLarge(err: unknown): boolean {
	for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		if ((e as { status?: unknown }).status === 413) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * A form post whose body cannot be read as a form (a broken or cut-off multipart body, plain text) is
 * refused here as bad input, in the reader's language, before any action reads it: never a server error
 * from deep inside an action. The body is read from a copy, so the action reads it as before.
 */
const readableForm: Handle = async ({ event, resolve }) => {
	const type = (event.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (event.request.method === 'POST' && FORM_TYPES.includes(type)) {
		const failure = await event.request
			.clone()
			.formData()
			.then(
				() => null,
				(err: unknown) => err ?? new Error('unreadable form')
			);
		if (failure) {
			// a body over BODY_SIZE_LIMIT (adapter-node) stays what it is: too large, said plainly
			if (tooLarge(failure)) error(413, m.errors_too_large());
			error(400, m.errors_form_unreadable());
		}
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(self), geolocation=(), microphone=()');
	return response;
};

export const handle = sequence(health, securityHeaders, i18n, readableForm, auth);

export const handleError: HandleServerError = ({ error, status }) => {
	// an address that leads nowhere: the not-found page's own words (a 404 a page throws keeps its message)
	if (status === 404) return { message: m.error_page_not_found_text() };
	// a body over BODY_SIZE_LIMIT (adapter-node), e.g. too large a file: the sender's doing, said plainly
	if (status === 413) return { message: m.errors_too_large() };
	// a form action sent something other than a form (415): the sender's doing, not the server's
	if (status === 415) return { message: m.errors_form_unreadable() };
	console.error(error);
	return { message: m.errors_unexpected() };
};
