import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { requireStaff } from '$lib/server/guards';
import { fetchStats, periodFrom } from '$lib/stats/load.server';
import { isCsvTable, statsCsv } from '$lib/stats/csv';

// One table of the statistics page as a CSV file, for the period in the query, for staff only.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	requireStaff(locals, url);
	if (!isCsvTable(params.table)) error(404, m.errors_not_found());
	const period = periodFrom(url);
	const result = await fetchStats(locals.pb, period);
	if (result.error !== undefined) error(400, result.error);
	const language = getLocale() === 'en' ? 'en' : 'da';
	return new Response(statsCsv(result.stats, params.table, language), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="statistik-${params.table}-${period.from}-${period.to}.csv"`
		}
	});
};
