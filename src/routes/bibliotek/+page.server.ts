import type { PageServerLoad } from './$types';
import type { TitleRecord } from '$lib/pocketbase-types';

const PER_PAGE = 20;

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('side') ?? '1', 10) || 1));
	const filter = q
		? locals.pb.filter('title ~ {:q} || creator ~ {:q} || identifier ~ {:q} || subjects ~ {:q}', { q })
		: '';
	const result = await locals.pb.collection('titles').getList<TitleRecord>(page, PER_PAGE, {
		filter,
		sort: 'title',
		fields: 'id,title,creator,year,type,language'
	});
	return {
		q,
		page: result.page,
		totalPages: result.totalPages,
		totalItems: result.totalItems,
		titles: result.items
	};
};
