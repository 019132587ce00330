import { error, redirect } from '@sveltejs/kit';
import type { UserRecord } from '$lib/pocketbase-types';
import { m } from '$lib/paraglide/messages';

/** Returns the signed-in user, or sends a guest to sign in and come back afterwards. */
export function requireUser(locals: App.Locals, url: URL): UserRecord {
	if (!locals.user) {
		redirect(303, `/log-ind?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.user;
}

/** Returns the signed-in staff member; refuses everyone else with 403 (guests are sent to sign in). */
export function requireStaff(locals: App.Locals, url: URL): UserRecord {
	const user = requireUser(locals, url);
	if (!user.staff) error(403, m.errors_staff_only());
	return user;
}

export { safeRedirectTarget } from '$lib/redirect';
