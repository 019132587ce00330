import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { MembershipRecord, MembershipRole } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { associationSchema, idSchema } from '$lib/validation/rooms';

interface Invitation {
	id: string;
	status: 'invited' | 'blocked';
	role: MembershipRole;
	invited_at: string;
	/** `name` is '' and `verified` false for an association renamed since it invited (docs/rules.md) */
	association: { id: string; name: string; verified: boolean };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	// only accepted memberships are memberships; invitations come from the route that binds those sent to
	// the user's address before the account existed (docs/rules.md, "Associations and memberships")
	const [memberships, invitations] = await Promise.all([
		locals.pb.collection('memberships').getFullList<MembershipRecord>({
			filter: locals.pb.filter('user = {:me} && status = "active"', { me: user.id }),
			expand: 'association',
			sort: 'association.name'
		}),
		locals.pb.send<{ items: Invitation[] }>('/api/borgerhus/invitations', { method: 'GET' })
	]);
	return {
		associations: memberships.flatMap((ms) =>
			ms.expand?.association
				? [
						{
							id: ms.expand.association.id,
							name: ms.expand.association.name,
							verified: ms.expand.association.verified,
							role: ms.role
						}
					]
				: []
		),
		invitations: invitations.items.filter((i) => i.status === 'invited'),
		blocked: invitations.items.filter((i) => i.status === 'blocked')
	};
};

/** One membership transition of the signed-in person. */
function answer(action: 'accept' | 'decline' | 'block' | 'unblock') {
	return async ({ request, locals, url }: Parameters<Actions[string]>[0]) => {
		requireUser(locals, url);
		const checked = validateForm(idSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'answer' as const, ...checked.failure });
		try {
			await locals.pb.send(`/api/borgerhus/memberships/${encodeURIComponent(checked.data.id)}/${action}`, {
				method: 'POST'
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'answer' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'answer' as const, answered: action };
	};
}

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(associationSchema, values);
		if (!checked.ok) return fail(400, { action: 'create' as const, ...checked.failure });
		let id: string;
		try {
			// the hook makes the creator its admin in the same write
			id = (await locals.pb.collection('associations').create(checked.data)).id;
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'create' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		redirect(303, `/foreninger/${id}?oprettet=1`);
	},
	accept: answer('accept'),
	decline: answer('decline'),
	block: answer('block'),
	unblock: answer('unblock')
};
