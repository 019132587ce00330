import { error } from '@sveltejs/kit';
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventSource, type EventSourceInit } from 'eventsource';
import type { RequestHandler } from './$types';
import { clientAddressOf } from '$lib/server/pocketbase';

// The browser has no PocketBase token (it is in an httpOnly cookie), so live updates are proxied:
// this stream subscribes to PocketBase realtime with the user's own token, PocketBase's list/view rules
// decide which changes the user hears, and only { collection, action, id } reach the browser.
// The SDK's realtime client needs an EventSource, which Node 20 lacks. PocketBase accepts subscriptions
// only from the address that opened the stream, and the SDK's other requests forward the user's address,
// so the stream must forward the same one: it is carried to the SDK's `new EventSource()` in async context.
const forwardedFor = new AsyncLocalStorage<string>();
class ForwardingEventSource extends EventSource {
	constructor(url: string | URL, init?: EventSourceInit) {
		const address = forwardedFor.getStore();
		super(url, {
			...init,
			fetch: (input, options) =>
				fetch(input, {
					...options,
					headers: { ...options?.headers, ...(address ? { 'X-Forwarded-For': address } : {}) }
				})
		});
	}
}
(globalThis as { EventSource?: unknown }).EventSource = ForwardingEventSource;

const COLLECTION = /^[a-z_]{1,40}$/;
const MAX_COLLECTIONS = 8;
const KEEPALIVE_MS = 25_000;

export const GET: RequestHandler = async (event) => {
	const { locals, url, request } = event;
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
			await forwardedFor.run(clientAddressOf(event), async () => {
				for (const collection of collections) {
					await pb
						.collection(collection)
						.subscribe('*', (e) => {
							const data = JSON.stringify({ collection, action: e.action, id: e.record.id });
							send(`event: change\ndata: ${data}\n\n`);
						})
						.catch(() => {}); // an unknown or forbidden collection is simply silent
				}
			});
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
