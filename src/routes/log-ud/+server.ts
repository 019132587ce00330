import { endSessionsOf } from '$lib/server/live/hub';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals }) => {
	// The user's live streams in this process end with the session (their other devices connect again).
	if (locals.user) endSessionsOf(locals.user.id);
	locals.pb.authStore.clear();
	return new Response(null, {
		status: 303,
		headers: {
			location: '/',
			// Pages kept for offline use are personal: drop them (and the service worker's caches) on sign-out.
			'clear-site-data': '"cache", "storage"'
		}
	});
};
