import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { fetchStats, periodFrom, presetPeriods } from '$lib/stats/load.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const period = periodFrom(url);
	return { period, presets: presetPeriods(), ...(await fetchStats(locals.pb, period)) };
};
