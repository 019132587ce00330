import type { RequestHandler } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { requireStaff } from '$lib/server/guards';
import { associationNames, loadSeason, roomNames, type LineView } from '$lib/season/load.server';
import { allocationRows } from '$lib/season/export';
import { spreadsheetCsv } from '$lib/csv';

// The season's allocation with reasons as a CSV file, for staff only.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	requireStaff(locals, url);
	const season = await loadSeason(locals.pb, params.id);
	const lines = await locals.pb.collection('season_lines').getFullList<LineView>({
		filter: locals.pb.filter('season = {:s}', { s: season.id }),
		sort: 'association,activity'
	});
	const names = await associationNames(
		locals.pb,
		lines.map((l) => l.association)
	);
	const rows = allocationRows(season, lines, await roomNames(locals.pb, season), names);
	const language = getLocale() === 'en' ? 'en' : 'da';
	return new Response(spreadsheetCsv(rows, language), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="saeson-${season.id}.csv"`
		}
	});
};
