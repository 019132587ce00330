import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { associationNames, loadSeason, roomNames, type LineView } from '$lib/season/load.server';

// A printable allocation with reasons for the leisure committee (folkeoplysningsudvalget).
export const load: PageServerLoad = async ({ locals, url, params }) => {
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
	return { season, lines, names, rooms: await roomNames(locals.pb, season) };
};
