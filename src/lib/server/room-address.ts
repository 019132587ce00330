import { redirect } from '@sveltejs/kit';
import type PocketBase from 'pocketbase';

// A room keeps the addresses it had (docs/rules.md, "Rooms and closures"): printed door signs and their QR
// codes carry the room's slug of their day, and PocketBase knows which room a former slug leads to
// (`GET /api/borgerhus/rooms/slug/{slug}`, lib/rooms/slugs.js). The room's pages send such an address on to
// the same page under the room's slug now.

/** How the request came: a page's data (`load`), or a form action posted to the address (`action`). */
export type Asked = { url: URL; request: Request; action?: boolean };

/** The name of a query's `name=value` pair, decoded (as written when it cannot be). */
function nameOf(pair: string): string {
	const name = pair.split('=')[0]!;
	try {
		return decodeURIComponent(name.replace(/\+/g, ' '));
	} catch {
		return name;
	}
}

/**
 * The address `url` names under the room's slug now: the same page below `/lokaler/{slug}`, and its query.
 * After a form action (a POST read by the page's load) the page itself, without the action's name.
 */
export function movedAddress(url: URL, slug: string, afterPost = false): string {
	const parts = url.pathname.split('/');
	if (parts[1] === 'lokaler' && parts.length > 2) parts[2] = encodeURIComponent(slug);
	// the query as it was written (an action's name, `?/book`, stays as the form posted it)
	let search = url.search.slice(1);
	if (afterPost) {
		search = search
			.split('&')
			.filter((pair) => pair !== '' && !nameOf(pair).startsWith('/'))
			.join('&');
	}
	return `${parts.join('/')}${search ? `?${search}` : ''}`;
}

/**
 * The status that sends a request on to the room's address now: 308 for a page read (a bookmark or a sign
 * keeps the new address), 307 for a form action (the browser posts the same form there), 303 for the page
 * read after a form action that needed no room (the action was done here; the page is shown there).
 */
function statusOf(asked: Asked): 303 | 307 | 308 {
	const read = asked.request.method === 'GET' || asked.request.method === 'HEAD';
	if (asked.action) return 307;
	return read ? 308 : 303;
}

/**
 * Sends the request on to the room's address now when `slug` is a former slug of a room; returns when it
 * leads to no room, or to a room under this slug (the caller answers as it would).
 */
export async function followRoom(pb: PocketBase, slug: string, asked: Asked): Promise<void> {
	let now: string;
	try {
		now = (
			await pb.send<{ slug: string }>(`/api/borgerhus/rooms/slug/${encodeURIComponent(slug)}`, {
				requestKey: null
			})
		).slug;
	} catch {
		return;
	}
	if (!now || now === slug) return;
	const status = statusOf(asked);
	redirect(status, movedAddress(asked.url, now, status === 303));
}

/**
 * For the door sign, whose data names the room's slug now: sends a read of a former slug's address on.
 */
export function followSlug(slug: string, now: string, asked: Asked): void {
	if (now && now !== slug) {
		const status = statusOf(asked);
		redirect(status, movedAddress(asked.url, now, status === 303));
	}
}
