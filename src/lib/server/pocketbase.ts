import PocketBase, { ClientResponseError, getTokenPayload, type SendOptions } from 'pocketbase';
import { KEPT_SECONDS } from '$lib/offline';
import { env } from '$env/dynamic/private';
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

export const AUTH_COOKIE = 'pb_auth';

/** Address of PocketBase as the SvelteKit server reaches it (never exposed to the browser). */
export function pocketBaseUrl(): string {
	return env.POCKETBASE_URL || 'http://127.0.0.1:8090';
}

/**
 * Creates the PocketBase client for one request, authenticated from the httpOnly cookie.
 * A client per request, never a module-level one: its auth store would be shared by every user.
 */
export function createRequestClient(event: RequestEvent): PocketBase {
	const pb = new PocketBase(pocketBaseUrl());
	pb.autoCancellation(false);
	const clientAddress = clientAddressOf(event);
	pb.beforeSend = (url, options) => {
		if (countsAgainstLimit(url, options.method)) {
			options.headers = { ...options.headers, 'X-Forwarded-For': clientAddress };
		}
		return { url, options };
	};
	if (isPageRead(event)) answerLimitsAsBusy(pb, (seconds) => limited.set(event, seconds));
	pb.authStore.loadFromCookie(event.request.headers.get('cookie') ?? '', AUTH_COOKIE);
	return pb;
}

/**
 * Whether a request of this server to PocketBase counts against the user's address in PocketBase's rate
 * limits: writes, sign-in and the mail-sending endpoints do. The reads a page makes (GET), refreshing the
 * session and the live stream's subscriptions do not: they carry no forwarded address, so PocketBase sees
 * this server's address, which it excludes from the limits (pb_hooks/lib/config.js). Otherwise one house's
 * Wi-Fi, a school class or a mobile carrier's NAT, all behind one address, would exhaust the limit by
 * opening pages (docs/performance.md, "Load from one address").
 */
export function countsAgainstLimit(url: string, method = 'GET'): boolean {
	if (method === 'GET' || method === 'HEAD') return false;
	const path = new URL(url).pathname;
	return !path.endsWith('/auth-refresh') && path !== '/api/realtime';
}

/** Requests (the handle hook's event) that met a limit, with the seconds PocketBase asked to wait. */
const limited = new WeakMap<RequestEvent, number>();

/** The Retry-After (seconds) for a request answered 429: what PocketBase asked, or 10. */
export function retryAfterFor(event: RequestEvent): number {
	return limited.get(event) ?? 10;
}

/** A page or endpoint read (not a form action): a limit met there is shown as "try again in a moment". */
function isPageRead(event: RequestEvent): boolean {
	return event.request.method === 'GET' || event.request.method === 'HEAD';
}

/** Seconds to wait after a 429 from PocketBase, from its Retry-After (10 when it gives none). */
export function retryAfterOf(err: unknown): number {
	const value = Number((err as { response?: { retryAfter?: unknown } })?.response?.retryAfter);
	return Number.isFinite(value) && value > 0 ? value : 10;
}

/**
 * While a page is read, a 429 from PocketBase becomes SvelteKit's 429 "try again in a moment", so that no
 * load's own error handling (a catch that answers "not found") can turn it into a 404 or a 500. Form
 * actions keep PocketBase's error, which `toFormErrors` translates beside the form.
 */
function answerLimitsAsBusy(pb: PocketBase, onLimited: (seconds: number) => void): void {
	const send = pb.send.bind(pb);
	pb.afterSend = (response, data) => {
		if (response.status === 429) {
			const seconds = Number(response.headers.get('retry-after'));
			return { ...data, retryAfter: Number.isFinite(seconds) && seconds > 0 ? seconds : 10 };
		}
		return data;
	};
	pb.send = async <T>(path: string, options: SendOptions) => {
		try {
			return await send<T>(path, options);
		} catch (err) {
			if (err instanceof ClientResponseError && err.status === 429) {
				onLimited(retryAfterOf(err));
				error(429, m.errors_busy());
			}
			throw err;
		}
	};
}

/**
 * An address for requests whose own cannot be read: one shared bucket that PocketBase limits like any
 * address. This server's own address would be unlimited (PocketBase excludes it for the page reads).
 */
export const UNKNOWN_ADDRESS = '0.0.0.0';

/** The user's address; behind a proxy adapter-node reads it from ADDRESS_HEADER, which may be absent. */
export function clientAddressOf(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return UNKNOWN_ADDRESS;
	}
}

/**
 * Whether a failed read means PocketBase did not answer as it should: no answer at all (status 0), a
 * server error or "too many". Not a refusal or "not found", which say something about what was asked.
 */
export function houseUnreachable(err: unknown): boolean {
	return err instanceof ClientResponseError && (err.status === 0 || err.status >= 500 || err.status === 429);
}

/**
 * Whether PocketBase's answer to the session check means the session is over (a lapsed or revoked token,
 * an account gone or refused sign-in): any 4xx but "too many". No answer, "too many" and a server error
 * say nothing about the session, which is kept for the next request.
 */
export function sessionEnded(err: unknown): boolean {
	return err instanceof ClientResponseError && err.status >= 400 && err.status < 500 && err.status !== 429;
}

/**
 * The Set-Cookie value that stores the client's auth state (httpOnly, SameSite=Lax). The cookie outlives
 * its token by as long as the service worker keeps pages (`KEPT_SECONDS`): a browser drops a cookie at its
 * expiry without telling anyone, and a session whose cookie was gone could not clear the pages kept for
 * offline use (src/hooks.server.ts), which the next person on the device would find. A lapsed token in the
 * cookie signs nobody in; its first request ends the session and clears them. A cleared store deletes the
 * cookie.
 */
export function authCookie(pb: PocketBase, url: URL): string {
	const exp: unknown = pb.authStore.token ? getTokenPayload(pb.authStore.token).exp : undefined;
	return pb.authStore.exportToCookie(
		{
			httpOnly: true,
			// Browsers accept Secure cookies on http://localhost, so only plain-http hosts elsewhere go without.
			secure: url.protocol === 'https:' || url.hostname === 'localhost',
			sameSite: 'Lax',
			path: '/',
			...(typeof exp === 'number' ? { expires: new Date((exp + KEPT_SECONDS) * 1000) } : {})
		},
		AUTH_COOKIE
	);
}
