import type { PageServerLoad } from './$types';
import type { RoomRecord } from '$lib/pocketbase-types';

export const load: PageServerLoad = async ({ locals }) => {
	const rooms = await locals.pb.collection('rooms').getFullList<RoomRecord>({
		filter: 'active = true',
		sort: 'sort,name',
		fields:
			'id,name,slug,description,capacity,photos,facilities,step_free,hearing_loop,accessible_toilet,who_may_book'
	});
	return { rooms };
};
