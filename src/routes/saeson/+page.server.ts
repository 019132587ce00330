import type { PageServerLoad } from './$types';
import type { SeasonView } from '$lib/season/load.server';

// The seasons an association can see: every season past its set-up (the record rules hide the rest).
export const load: PageServerLoad = async ({ locals }) => {
	const seasons = await locals.pb.collection('seasons').getFullList<SeasonView>({
		sort: '-first_date',
		fields: 'id,name,status,first_date,last_date,apply_from,apply_until'
	});
	return { seasons };
};
