import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { MembershipRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { associationSchema } from '$lib/validation/rooms';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const memberships = await locals.pb.collection('memberships').getFullList<MembershipRecord>({
		filter: locals.pb.filter('user = {:me}', { me: user.id }),
		expand: 'association',
		sort: 'association.name'
	});
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
		)
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(associationSchema, values);
		if (!checked.ok) return fail(400, { action: 'create' as const, ...checked.failure });
		let id: string;
		try {
			// the hook makes the creator its admin in the same write
			id = (await locals.pb.collection('associations').create({ ...checked.data, created_by: user.id })).id;
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'create' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		redirect(303, `/foreninger/${id}?oprettet=1`);
	}
};
