import type { PageServerLoad } from './$types';
import type { CopyRecord, TitleRecord } from '$lib/pocketbase-types';
import { readSearch } from '$lib/validation/library';

const PER_PAGE = 20;

// Public: the catalogue is open to guests (titles and copies have public list rules).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:library');
	const search = readSearch(url.searchParams);
	const parts: string[] = [];
	const params: Record<string, string> = {};
	if (search.q) {
		parts.push('(title ~ {:q} || creator ~ {:q} || identifier ~ {:q} || subjects ~ {:q})');
		params.q = search.q;
	}
	if (search.type) {
		parts.push('type = {:type}');
		params.type = search.type;
	}
	if (search.ledig) parts.push('copies_via_title.status ?= "shelf"');
	// skipTotal: counting every match would scan the whole catalogue again; "next" is shown while pages are full.
	const result = await locals.pb.collection('titles').getList<TitleRecord>(search.side, PER_PAGE, {
		filter: parts.length ? locals.pb.filter(parts.join(' && '), params) : '',
		sort: 'title',
		skipTotal: true,
		fields: 'id,title,creator,year,type,cover'
	});
	const ids = result.items.map((t) => t.id);
	const onShelf: Record<string, number> = {};
	if (ids.length > 0) {
		const copies = await locals.pb.collection('copies').getFullList<CopyRecord>({
			filter: locals.pb.filter(ids.map((_, i) => `title = {:t${i}}`).join(' || '), {
				...Object.fromEntries(ids.map((id, i) => [`t${i}`, id]))
			}),
			fields: 'title,status',
			batch: 500
		});
		for (const c of copies) if (c.status === 'shelf') onShelf[c.title] = (onShelf[c.title] ?? 0) + 1;
	}
	return {
		search,
		signedIn: Boolean(locals.user),
		titles: result.items.map((t) => ({ ...t, onShelf: onShelf[t.id] ?? 0 })),
		hasNext: result.items.length === PER_PAGE
	};
};
