import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { LOADED_FIELD, readForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import type { SeasonView } from '$lib/season/load.server';
import {
	SETUP_BOOLEANS,
	WINDOW_FIELDS,
	clockChangeProblems,
	formFromSeason,
	houseFromForm,
	setupChanges,
	setupSnapshot,
	type SeasonSetup
} from '$lib/season/setup-form';

// Staff edit a season's set-up while its state allows it (setup, open, closed; the hooks refuse otherwise
// with season_setup_locked, and refuse changing the slots, priorities and period once the window closed).
const EDITABLE = ['setup', 'open', 'closed'];

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	let season: SeasonSetup;
	try {
		season = await locals.pb.collection('seasons').getOne<SeasonSetup>(params.id);
	} catch {
		error(404);
	}
	const [seasons, rooms, associations] = await Promise.all([
		locals.pb.collection('seasons').getFullList<SeasonView>({
			sort: '-first_date',
			fields: 'id,name',
			filter: locals.pb.filter('id != {:id}', { id: season.id })
		}),
		locals.pb.collection('rooms').getFullList<{ id: string; slug: string; name: string }>({
			fields: 'id,slug,name',
			sort: 'sort,name'
		}),
		locals.pb.collection('associations').getFullList<{ id: string; name: string }>({
			filter: 'verified = true',
			fields: 'id,name',
			sort: 'name'
		})
	]);
	return {
		season,
		seasons,
		rooms: rooms.filter((r) => r.slug),
		associations,
		editable: EDITABLE.includes(season.status),
		fixed: season.status !== 'setup',
		values: formFromSeason(season, rooms),
		// what the form shows, so that a save sends only what was changed in it
		loaded: setupSnapshot(season, rooms, associations)
	};
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const form = await request.formData();
		const values = readForm(form, SETUP_BOOLEANS);
		const times = clockChangeProblems(values, WINDOW_FIELDS);
		if (Object.keys(times).length) {
			return fail(400, { action: 'save' as const, values, errors: { fields: times } });
		}
		const rooms = await locals.pb
			.collection('rooms')
			.getFullList<{ id: string; slug: string }>({ fields: 'id,slug' });
		const changes = setupChanges(values, rooms, houseFromForm(form), values[LOADED_FIELD]);
		// nothing changed in the form: nothing to send, and the page says so
		if (Object.keys(changes).length === 0) return { action: 'save' as const, unchanged: true };
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}`, {
				method: 'PATCH',
				body: changes
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'save' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'save' as const, saved: true };
	}
};
