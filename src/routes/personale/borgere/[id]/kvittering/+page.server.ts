import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { buildTimeline } from '$lib/overview/timeline';
import { readCitizenOr404 } from '$lib/server/desk';

// A printed receipt for a citizen at the desk (docs/rules.md, "Service at the desk"): what is booked,
// reserved and signed up for, for someone who has no app to look in.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	const now = new Date();
	const read = await readCitizenOr404(locals.pb, params.id);
	const timeline = buildTimeline(read.overview, now);
	return {
		citizen: read.citizen,
		entries: timeline.upcoming.filter((e) => e.kind !== 'loan' || e.state !== 'loan_returned'),
		now: now.toISOString()
	};
};
