import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';
import { pocketBaseUrl } from '$lib/server/pocketbase';

// PocketBase stays on the private network; public pictures (room photos, covers, event images) are
// passed through here. Only these collections, whose files are public by their view rules.
const PUBLIC_FILES = new Set(['rooms', 'titles', 'events']);
const SAFE = /^[A-Za-z0-9_.-]{1,200}$/;
const THUMB = /^\d{1,4}x\d{1,4}[tbf]?$/;

export const GET: RequestHandler = async ({ params, url, fetch }) => {
	if (!PUBLIC_FILES.has(params.collection) || !SAFE.test(params.record) || !SAFE.test(params.file)) {
		error(404, m.error_page_not_found_text());
	}
	const target = new URL(`/api/files/${params.collection}/${params.record}/${params.file}`, pocketBaseUrl());
	const thumb = url.searchParams.get('thumb');
	if (thumb && THUMB.test(thumb)) target.searchParams.set('thumb', thumb);
	const upstream = await fetch(target);
	if (upstream.status === 404) error(404, m.error_page_not_found_text());
	if (!upstream.ok) error(502, m.errors_server_unreachable());
	return new Response(upstream.body, {
		headers: {
			'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
			'cache-control': 'public, max-age=86400',
			'x-content-type-options': 'nosniff',
			// A picture opened on its own must not run script (SVG can carry it).
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
