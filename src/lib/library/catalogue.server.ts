import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { TitleRecord } from '$lib/pocketbase-types';
import { changedOnly, echoValues, LOADED_FIELD, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { requireStaff } from '$lib/server/guards';
import { titleSchema } from '$lib/validation/library';

/** Creates or updates a title from the staff form, then shows the title's catalogue page. */
export async function saveTitle({ request, locals, url }: RequestEvent, id?: string) {
	requireStaff(locals, url);
	const values = readForm(await request.formData());
	const checked = validateForm(titleSchema, values);
	if (!checked.ok) return fail(400, { action: 'save' as const, ...checked.failure });
	let saved: TitleRecord;
	try {
		saved = id
			? // only what this form changed: another staff member's save of other fields meanwhile stands
				await locals.pb
					.collection('titles')
					.update<TitleRecord>(id, changedOnly(checked.data, values[LOADED_FIELD]))
			: await locals.pb.collection('titles').create<TitleRecord>(checked.data);
	} catch (err) {
		return fail(failureStatus(err), {
			action: 'save' as const,
			values: echoValues(values),
			errors: toFormErrors(err)
		});
	}
	redirect(303, `/personale/katalog/${saved.id}?gemt=1`);
}
