import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { readForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import type { SeasonView } from '$lib/season/load.server';
import {
	SETUP_BOOLEANS,
	WINDOW_FIELDS,
	bodyFromForm,
	clockChangeProblems,
	houseFromForm
} from '$lib/season/setup-form';

// Staff's list of season rounds and the set-up of a new one (the form is shared with the edit page).
export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const [seasons, rooms, associations] = await Promise.all([
		locals.pb.collection('seasons').getFullList<SeasonView>({ sort: '-first_date' }),
		locals.pb.collection('rooms').getFullList<{ id: string; slug: string; name: string }>({
			filter: 'active = true',
			fields: 'id,slug,name',
			sort: 'sort,name'
		}),
		locals.pb.collection('associations').getFullList<{ id: string; name: string }>({
			filter: 'verified = true',
			fields: 'id,name',
			sort: 'name'
		})
	]);
	return { seasons, rooms, associations };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const form = await request.formData();
		const values = readForm(form, SETUP_BOOLEANS);
		const times = clockChangeProblems(values, WINDOW_FIELDS);
		if (Object.keys(times).length) {
			return fail(400, { action: 'create' as const, values, errors: { fields: times } });
		}
		const rooms = await locals.pb
			.collection('rooms')
			.getFullList<{ id: string; slug: string }>({ fields: 'id,slug' });
		let id = '';
		try {
			const created = await locals.pb.send<{ id: string }>('/api/borgerhus/seasons', {
				method: 'POST',
				body: bodyFromForm(values, rooms, houseFromForm(form))
			});
			id = created.id;
		} catch (err) {
			return fail(failureStatus(err), { action: 'create' as const, values, errors: toFormErrors(err) });
		}
		redirect(303, `/personale/saeson/${id}`);
	}
};
