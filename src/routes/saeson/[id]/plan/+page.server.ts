import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { FINAL } from '$rules/season/machines.js';
import { loadPlan } from '$lib/season/load.server';

// The public plan of a season (docs/rules.md, "Season application round"): no sign-in, the final plan per
// room and weekday with association names only. A season whose plan is not final is not found, for staff
// too (their draft lives on the staff page).
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	const plan = await loadPlan(locals.pb, params.id);
	if (!plan || !FINAL.includes(plan.season.status)) error(404);
	setHeaders({ 'cache-control': 'no-store' });
	const rooms = [
		...new Set([...plan.rows.map((r) => r.room_name), ...plan.free.map((f) => f.room_name)])
	].sort((a, b) => a.localeCompare(b, 'da'));
	return {
		season: plan.season,
		rooms: rooms.map((name) => ({
			name,
			rows: plan.rows.filter((r) => r.room_name === name),
			free: plan.free.filter((f) => f.room_name === name)
		})),
		freeDates: plan.free_dates
	};
};
