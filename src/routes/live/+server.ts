import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ready, register, sinceLastChange, tokenExpiry, type LiveStream } from '$lib/server/live/hub';
import type { RequestHandler } from './$types';

// The browser has no PocketBase token (it is in an httpOnly cookie), so live updates come through this
// server-sent event stream. This process holds one PocketBase subscription for all its streams and hands
// each change to the streams whose user may see the record, by the collections' own rules
// ($lib/server/live/audience); only { collection, action, id } reach the browser (docs/performance.md, "Live").

const COLLECTION = /^[a-z_]{1,40}$/;
const MAX_COLLECTIONS = 8;
const encoder = new TextEncoder();

export const GET: RequestHandler = async ({ locals, url, request }) => {
	const collections = [...new Set((url.searchParams.get('c') ?? '').split(',').filter(Boolean))];
	if (
		collections.length === 0 ||
		collections.length > MAX_COLLECTIONS ||
		!collections.every((c) => COLLECTION.test(c))
	) {
		error(400, m.errors_invalid_value());
	}
	try {
		await ready();
	} catch (err) {
		console.error(err);
		error(503, m.errors_server_unreachable());
	}
	const user = locals.user;
	const token = user ? locals.pb.authStore.token : '';
	let unregister = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const live: LiveStream = {
				viewer: user ? { id: user.id, staff: user.staff === true } : null,
				token,
				expires: user ? tokenExpiry(token) : 0,
				collections,
				send: (chunk) => {
					try {
						controller.enqueue(chunk);
					} catch {
						unregister(); // the client has gone
					}
				},
				end: () => {
					unregister();
					try {
						controller.close();
					} catch {
						// already closed
					}
				}
			};
			unregister = register(live);
			// Registered first: every change from now on reaches the stream; `age` tells the page whether one
			// it could have heard came between its data being read and now (then it reloads once). Unknown
			// (PocketBase unreachable): 0, so the page reads its data again.
			void sinceLastChange(collections, live.viewer)
				.catch(() => 0)
				.then((age) => live.send(encoder.encode(`event: ready\ndata: ${JSON.stringify({ age })}\n\n`)));
		},
		cancel: () => unregister()
	});
	request.signal.addEventListener('abort', () => unregister());

	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};
