import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { failureStatus, toFormErrors } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const status = await locals.pb.send<{ active: boolean }>('/api/borgerhus/calendar/status', {});
	return { active: status.active };
};

export const actions: Actions = {
	// The token is shown this once; PocketBase keeps it in a hidden field and never returns it again.
	renew: async ({ locals, url }) => {
		requireUser(locals, url);
		try {
			const { token } = await locals.pb.send<{ token: string }>('/api/borgerhus/calendar/renew', {
				method: 'POST'
			});
			return { action: 'renew' as const, feedUrl: `${url.origin}/kalender/${token}.ics` };
		} catch (err) {
			return fail(failureStatus(err), { action: 'renew' as const, values: {}, errors: toFormErrors(err) });
		}
	},
	revoke: async ({ locals, url }) => {
		requireUser(locals, url);
		try {
			await locals.pb.send('/api/borgerhus/calendar/revoke', { method: 'POST' });
		} catch (err) {
			return fail(failureStatus(err), { action: 'revoke' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'revoke' as const, revoked: true as const };
	}
};
