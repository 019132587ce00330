import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import type { CopyRecord, TitleRecord } from '$lib/pocketbase-types';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { requireStaff } from '$lib/server/guards';
import { saveTitle } from '$lib/library/catalogue.server';
import { copySchema } from '$lib/validation/library';
import { RECORD_ID } from '$lib/ids';

const copyStatusSchema = z.object({
	copy: z.string().regex(RECORD_ID),
	status: z.enum(['shelf', 'missing']),
	/** The status the page showed the copy in: PocketBase refuses the change once the copy has moved on. */
	from: z.enum(['shelf', 'missing'])
});

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	depends('app:library');
	requireStaff(locals, url);
	if (!RECORD_ID.test(params.id)) error(404);
	try {
		const [title, copies] = await Promise.all([
			locals.pb.collection('titles').getOne<TitleRecord>(params.id),
			locals.pb.collection('copies').getFullList<CopyRecord>({
				filter: locals.pb.filter('title = {:t}', { t: params.id }),
				sort: 'barcode'
			})
		]);
		return { title, copies, saved: url.searchParams.has('gemt') };
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404);
		throw err;
	}
};

export const actions: Actions = {
	save: (event) => saveTitle(event, event.params.id),
	addCopy: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(copySchema, values);
		if (!checked.ok) return fail(400, { action: 'addCopy' as const, ...checked.failure });
		try {
			await locals.pb.collection('copies').create({ ...checked.data, title: params.id, status: 'shelf' });
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'addCopy' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		return { action: 'addCopy' as const, done: true };
	},
	setCopy: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(copyStatusSchema, values);
		if (!checked.ok) return fail(400, { action: 'setCopy' as const, ...checked.failure });
		try {
			await locals.pb
				.collection('copies')
				.update(checked.data.copy, { status: checked.data.status }, { query: { from: checked.data.from } });
		} catch (err) {
			return fail(failureStatus(err), { action: 'setCopy' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'setCopy' as const, done: true };
	}
};
