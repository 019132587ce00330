import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { idSchema } from '$lib/validation/rooms';

/**
 * The form action behind "Vi er her" and "Tjek ud": sends the booking's check-in or check-out to
 * PocketBase with the user's own token; the server decides (docs/rules.md, "Check-in and no-shows").
 */
export async function attend(locals: App.Locals, url: URL, request: Request, what: 'check-in' | 'check-out') {
	requireUser(locals, url);
	const action = what === 'check-in' ? ('check_in' as const) : ('check_out' as const);
	const values = readForm(await request.formData());
	const checked = validateForm(idSchema, values);
	if (!checked.ok) return fail(400, { action, ...checked.failure });
	const id = checked.data.id;
	try {
		await locals.pb.send(`/api/borgerhus/bookings/${encodeURIComponent(id)}/${what}`, { method: 'POST' });
	} catch (err) {
		return fail(failureStatus(err), { action, id, values, errors: toFormErrors(err) });
	}
	return { action, id, done: true as const };
}
