import { error } from '@sveltejs/kit';
import { EventSource } from 'eventsource';
import type { RequestHandler } from './$types';

// The browser has no PocketBase token (it is in an httpOnly cookie), so live updates are proxied:
// this stream subscribes to PocketBase realtime with the user's own token, PocketBase's list/view rules
// decide which changes the user hears, and only { collection, action, id } reach the browser.
// The SDK's realtime client needs an EventSource, which Node 20 lacks. The stream and its subscriptions
// are reads: they carry no forwarded address (countsAgainstLimit in $lib/server/pocketbase), so PocketBase
// sees this server's address on both, as its check that they come from one address wants.
(globalThis as { EventSource?: unknown }).EventSource = EventSource;

const COLLECTION = /^[a-z_]{1,40}$/;
const MAX_COLLECTIONS = 8;
const KEEPALIVE_MS = 25_000;

export const GET: RequestHandler = async ({ locals, url, request }) => {
	const collections = [...new Set((url.searchParams.get('c') ?? '').split(',').filter(Boolean))];
	if (
		collections.length === 0 ||
		collections.length > MAX_COLLECTIONS ||
		!collections.every((c) => COLLECTION.test(c))
	) {
		error(400);
	}
	const pb = locals.pb;
	const encoder = new TextEncoder();
	let keepalive: ReturnType<typeof setInterval> | undefined;

	const stop = () => {
		clearInterval(keepalive);
		pb.realtime.unsubscribe().catch(() => {});
	};
	request.signal.addEventListener('abort', stop);

	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop(); // the client has gone
				}
			};
			for (const collection of collections) {
				await pb
					.collection(collection)
					.subscribe('*', (e) => {
						const data = JSON.stringify({ collection, action: e.action, id: e.record.id });
						send(`event: change\ndata: ${data}\n\n`);
					})
					.catch(() => {}); // an unknown or forbidden collection is simply silent
			}
			send('event: ready\ndata: {}\n\n');
			keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
		},
		cancel: stop
	});

	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};
