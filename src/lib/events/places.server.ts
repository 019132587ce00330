import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages';
import { failureStatus, toFormErrors } from '$lib/server/errors';

/**
 * The answer to a refused cancel of the user's own shift or ticket. PocketBase's update rule hides a
 * place that is already cancelled (by staff, by the house cancelling the event, or by the user in another
 * tab), so it answers 404: from a button on the user's own page that means the place is gone, not that
 * the page is, and it is said so (409), as for a hold (`holdChangeFailure`).
 */
export function placeChangeFailure(err: unknown) {
	if (err instanceof ClientResponseError && err.status === 404) {
		return { status: 409, errors: { form: m.events_place_gone(), fields: {} } };
	}
	return { status: failureStatus(err), errors: toFormErrors(err) };
}

/**
 * What a cancel of the user's own shift or ticket sends PocketBase: the status the page showed the place in
 * (the form's `seen`), so a person who leaves the waitlist just as a promotion reaches them is let go
 * (docs/rules.md, "Places, the waitlist and overlapping shifts"). PocketBase decides.
 */
export function cancelBody(values: Record<string, string | boolean>) {
	const seen = values.seen === 'waitlisted' || values.seen === 'confirmed' ? values.seen : undefined;
	return seen ? { status: 'cancelled', seen } : { status: 'cancelled' };
}
