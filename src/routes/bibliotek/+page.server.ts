import type { PageServerLoad } from './$types';
import type { TitleAvailability, TitleRecord } from '$lib/pocketbase-types';
import { readSearch } from '$lib/validation/library';
import { catalogueFilter } from '$lib/library/search';

const PER_PAGE = 20;

// Public: the catalogue is open to guests (titles and copies have public list rules).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:library');
	const search = readSearch(url.searchParams);
	// on_shelf is recounted by PocketBase whenever a copy changes (pb_hooks/lib/library-desk.js)
	const { filter, params } = catalogueFilter(search);
	// skipTotal: counting every match would scan the whole catalogue again; "next" is shown while pages are full.
	const result = await locals.pb
		.collection('titles')
		.getList<TitleRecord & TitleAvailability>(search.side, PER_PAGE, {
			filter: filter ? locals.pb.filter(filter, params) : '',
			sort: 'title',
			skipTotal: true,
			fields: 'id,title,creator,year,type,cover,on_shelf'
		});
	return {
		search,
		signedIn: Boolean(locals.user),
		titles: result.items.map((t) => ({ ...t, onShelf: t.on_shelf ?? 0 })),
		hasNext: result.items.length === PER_PAGE
	};
};
