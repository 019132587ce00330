import { error } from '@sveltejs/kit';
import PocketBase, { ClientResponseError } from 'pocketbase';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { isTokenShape, type FeedEntry } from '$rules/overview-calendar.js';
import { buildCalendar, feedItem } from '$lib/overview/ics.server';
import { clientAddressOf, pocketBaseUrl } from '$lib/server/pocketbase';

// The personal feed that calendar apps subscribe to. Calendar apps carry no cookie: the secret token in
// the URL is the credential, and PocketBase checks it (the token is a hidden field only hooks read), so
// this route holds no rights of its own. PocketBase returns plain entries; iCalendar is written here with
// ical-generator, a maintained library that cannot run inside PocketBase's JS engine.
export const GET: RequestHandler = async (event) => {
	const { params } = event;
	if (!isTokenShape(params.token)) error(404, m.errors_not_found());
	let feed: { language: 'da' | 'en'; reminders?: boolean; entries: FeedEntry[] };
	try {
		// A client without the visitor's auth, made for this request: the token alone decides.
		const pb = new PocketBase(pocketBaseUrl());
		const address = clientAddressOf(event);
		pb.beforeSend = (url, options) => {
			options.headers = { ...options.headers, 'X-Forwarded-For': address };
			return { url, options };
		};
		// in a header: PocketBase's request log keeps the path asked for, and the token is the feed's key
		feed = await pb.send('/api/borgerhus/calendar/feed', {
			headers: { 'X-Feed-Token': params.token },
			requestKey: null
		});
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404, m.errors_not_found());
		throw err;
	}
	const body = buildCalendar(
		feed.entries.map((entry) => feedItem(entry, feed.language)),
		{
			name: m.overview_feed_name({}, { locale: feed.language }),
			publish: true,
			reminders: feed.reminders === true
		}
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, max-age=300',
			'x-robots-tag': 'noindex'
		}
	});
};
