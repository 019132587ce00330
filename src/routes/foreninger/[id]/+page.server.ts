import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { AssociationRecord, MembershipRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { idSchema, memberSchema, roleSchema } from '$lib/validation/rooms';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	let association: AssociationRecord;
	try {
		association = await locals.pb.collection('associations').getOne<AssociationRecord>(params.id);
	} catch {
		error(404);
	}
	// members of the association see its members (API rule); others see none
	const memberships = await locals.pb.collection('memberships').getFullList<MembershipRecord>({
		filter: locals.pb.filter('association = {:id}', { id: association.id }),
		expand: 'user',
		fields: 'id,role,user,expand.user.name'
	});
	const mine = memberships.find((ms) => ms.user === user.id);
	return {
		created: url.searchParams.has('oprettet'),
		association: { id: association.id, name: association.name, verified: association.verified },
		isAdmin: mine?.role === 'admin',
		members: memberships.map((ms) => ({
			id: ms.id,
			role: ms.role,
			name: ms.expand?.user?.name ?? '',
			me: ms.user === user.id
		}))
	};
};

export const actions: Actions = {
	invite: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(memberSchema, values);
		if (!checked.ok) return fail(400, { action: 'invite' as const, ...checked.failure });
		try {
			await locals.pb.send(`/api/borgerhus/associations/${encodeURIComponent(params.id)}/members`, {
				method: 'POST',
				body: checked.data
			});
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'invite' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		return { action: 'invite' as const, saved: true };
	},

	role: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const checked = validateForm(roleSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'role' as const, ...checked.failure });
		try {
			await locals.pb.collection('memberships').update(checked.data.id, { role: checked.data.role });
		} catch (err) {
			return fail(failureStatus(err), { action: 'role' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'role' as const, saved: true };
	},

	remove: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const checked = validateForm(idSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'role' as const, ...checked.failure });
		try {
			await locals.pb.collection('memberships').delete(checked.data.id);
		} catch (err) {
			return fail(failureStatus(err), { action: 'role' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'role' as const, saved: true };
	}
};
