import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { authCookie, createRequestClient, retryAfterFor } from '$lib/server/pocketbase';
import type { UserRecord } from '$lib/pocketbase-types';

/** Liveness for load balancers and the start script; answers without touching PocketBase. */
const health: Handle = ({ event, resolve }) =>
	event.url.pathname === '/healthz' ? new Response('ok') : resolve(event);

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/**
 * One PocketBase client per request, signed in as the user from the httpOnly cookie. The user record
 * is refreshed on every request, so a revoked or deleted account loses access at once.
 */
const auth: Handle = async ({ event, resolve }) => {
	const pb = createRequestClient(event);
	const hadCookie = pb.authStore.token !== '';
	if (pb.authStore.isValid) {
		try {
			await pb.collection('users').authRefresh();
		} catch {
			pb.authStore.clear();
		}
	}
	event.locals.pb = pb;
	event.locals.user = pb.authStore.isValid ? (pb.authStore.record as unknown as UserRecord) : null;

	const response = await resolve(event);
	if (hadCookie || pb.authStore.isValid) {
		response.headers.append('set-cookie', authCookie(pb, event.url));
	}
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	// A limited request says when to come back (a page read or a form action alike).
	if (response.status === 429 && !response.headers.has('retry-after')) {
		response.headers.set('retry-after', String(retryAfterFor(event)));
	}
	return response;
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(self), geolocation=(), microphone=()');
	return response;
};

export const handle = sequence(health, securityHeaders, i18n, auth);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? m.errors_not_found() : m.errors_unexpected() };
};
