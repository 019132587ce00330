import { endSessionsOf } from '$lib/server/live/hub';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals }) => {
	// The user's live streams in this process end with the session (their other devices connect again).
	if (locals.user) endSessionsOf(locals.user.id);
	locals.pb.authStore.clear();
	// the session hook tells the browser to drop the pages kept for offline use, as for any session's end
	return new Response(null, { status: 303, headers: { location: '/' } });
};
