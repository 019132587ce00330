import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { toPbDate } from '$lib/dates';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const pb = locals.pb;
	// Staff read through their own token; PocketBase's rules grant staff what they may see.
	const count = async (collection: string, filter = '') =>
		(await pb.collection(collection).getList(1, 1, { fields: 'id', filter, skipTotal: false })).totalItems;
	const now = toPbDate(new Date());
	// what waits for staff (docs/rules.md, "Staff pages"): the work first, the house's size after
	const [pending, pickups, fetch, back, overdue, shifts, associations, users, rooms, titles, events] =
		await Promise.all([
			count('bookings', 'status = "pending"'),
			// on a pickup shelf (its deadline runs), and reserved but still to be put there (no deadline yet)
			count('holds', 'status = "ready" && pickup_deadline != ""'),
			count('holds', 'status = "ready" && pickup_deadline = ""'),
			// free copies an ended pickup left on a pickup shelf, to be put back on the open shelves
			count('copies', 'status = "shelf" && on_pickup_shelf != ""'),
			count('loans', pb.filter('returned_at = "" && due < {:now}', { now })),
			// a shift of a published event, still to come, with places no volunteer has taken
			count('shifts', pb.filter('start > {:now} && taken < places && event.state = "published"', { now })),
			count('associations', 'verified = false'),
			// the citizens (not staff, not deleted accounts) and the rooms in use
			count('users', 'staff = false && deleted_at = ""'),
			count('rooms', 'active = true'),
			count('titles'),
			count('events')
		]);
	return {
		work: { pending, pickups, fetch, back, overdue, shifts, associations },
		counts: { users, rooms, titles, events }
	};
};
