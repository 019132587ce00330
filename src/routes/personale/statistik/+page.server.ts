import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { getLocale } from '$lib/paraglide/runtime';
import { fetchStats, periodFrom, presetPeriods } from '$lib/stats/load.server';
import { statsCharts } from '$lib/stats/charts.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const period = periodFrom(url);
	const found = await fetchStats(locals.pb, period);
	const language = getLocale() === 'en' ? 'en' : 'da';
	// the charts are drawn here, in the reader's language (src/lib/stats/charts.server.ts)
	return {
		period,
		presets: presetPeriods(),
		...found,
		charts: found.stats && statsCharts(found.stats, language)
	};
};
