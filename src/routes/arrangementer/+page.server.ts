import type { PageServerLoad } from './$types';
import type { EventRecord } from '$lib/pocketbase-types';

export const load: PageServerLoad = async ({ locals }) => {
	const events = await locals.pb.collection('events').getList<EventRecord>(1, 50, {
		filter: locals.pb.filter('state = "published" && end >= {:now}', { now: new Date() }),
		sort: 'start',
		fields: 'id,title,description,category,start,end,image'
	});
	return { events: events.items };
};
