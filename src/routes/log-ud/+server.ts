import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals }) => {
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
