import PocketBase from 'pocketbase';
import { env } from '$env/dynamic/private';
import type { RequestEvent } from '@sveltejs/kit';

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
	// PocketBase rate limits per client address; forward the user's, not this server's.
	const clientAddress = clientAddressOf(event);
	pb.beforeSend = (url, options) => {
		options.headers = { ...options.headers, 'X-Forwarded-For': clientAddress };
		return { url, options };
	};
	pb.authStore.loadFromCookie(event.request.headers.get('cookie') ?? '', AUTH_COOKIE);
	return pb;
}

/** The user's address; behind a proxy adapter-node reads it from ADDRESS_HEADER, which may be absent. */
export function clientAddressOf(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return '127.0.0.1';
	}
}

/** The Set-Cookie value that stores the client's auth state (httpOnly, SameSite=Lax). */
export function authCookie(pb: PocketBase, url: URL): string {
	return pb.authStore.exportToCookie(
		{
			httpOnly: true,
			// Browsers accept Secure cookies on http://localhost, so only plain-http hosts elsewhere go without.
			secure: url.protocol === 'https:' || url.hostname === 'localhost',
			sameSite: 'Lax',
			path: '/'
		},
		AUTH_COOKIE
	);
}
