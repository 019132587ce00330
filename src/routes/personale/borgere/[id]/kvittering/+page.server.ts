import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { codeMessage } from '$lib/errors';
import { buildTimeline } from '$lib/overview/timeline';
import { readCitizen } from '$lib/server/desk';

// A printed receipt for a citizen at the desk (docs/rules.md, "Service at the desk"): what is booked,
// reserved and signed up for, for someone who has no app to look in.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	const now = new Date();
	let read;
	try {
		read = await readCitizen(locals.pb, params.id);
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 400)
			error(404, codeMessage('desk_unknown_citizen'));
		throw err;
	}
	const timeline = buildTimeline(read.overview, now);
	return {
		citizen: read.citizen,
		entries: timeline.upcoming.filter((e) => e.kind !== 'loan' || e.state !== 'loan_returned'),
		now: now.toISOString()
	};
};
