import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ClientResponseError } from 'pocketbase';
import type { AssociationRecord, MembershipRole } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { idSchema, memberSchema, roleSchema } from '$lib/validation/rooms';

interface Member {
	id: string;
	role: MembershipRole;
	name: string;
	me: boolean;
}

interface PendingInvitation {
	id: string;
	email: string;
	role: MembershipRole;
	invited_at: string;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireUser(locals, url);
	let association: AssociationRecord;
	try {
		association = await locals.pb.collection('associations').getOne<AssociationRecord>(params.id);
	} catch {
		error(404);
	}
	// active members see the association's active members with their names (a route: accounts are private);
	// anyone else gets none
	let members: Member[] = [];
	try {
		members = (
			await locals.pb.send<{ items: Member[] }>(
				`/api/borgerhus/associations/${encodeURIComponent(association.id)}/members`,
				{ method: 'GET' }
			)
		).items;
	} catch (err) {
		if (!(err instanceof ClientResponseError) || err.status !== 404) throw err;
	}
	const mine = members.find((ms) => ms.me);
	const isAdmin = mine?.role === 'admin';
	const pending = isAdmin
		? (
				await locals.pb.send<{ items: PendingInvitation[] }>(
					`/api/borgerhus/associations/${encodeURIComponent(association.id)}/invitations`,
					{ method: 'GET' }
				)
			).items
		: [];
	return {
		created: url.searchParams.has('oprettet'),
		association: { id: association.id, name: association.name, verified: association.verified },
		isAdmin,
		members,
		pending
	};
};

/** A transition of one membership through its route; the hooks decide who may make it. */
async function transition(locals: App.Locals, id: string, action: string, body?: Record<string, unknown>) {
	await locals.pb.send(`/api/borgerhus/memberships/${encodeURIComponent(id)}/${action}`, {
		method: 'POST',
		body
	});
}

export const actions: Actions = {
	invite: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(memberSchema, values);
		if (!checked.ok) return fail(400, { action: 'invite' as const, ...checked.failure });
		try {
			await locals.pb.send(`/api/borgerhus/associations/${encodeURIComponent(params.id)}/invitations`, {
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
		return { action: 'invite' as const, invited: checked.data.email };
	},

	role: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const checked = validateForm(roleSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'member' as const, ...checked.failure });
		try {
			await transition(locals, checked.data.id, 'role', { role: checked.data.role });
		} catch (err) {
			return fail(failureStatus(err), { action: 'member' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'member' as const, done: 'role' as const };
	},

	remove: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const checked = validateForm(idSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'member' as const, ...checked.failure });
		try {
			await transition(locals, checked.data.id, 'remove');
		} catch (err) {
			return fail(failureStatus(err), { action: 'member' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'member' as const, done: 'remove' as const };
	},

	withdraw: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const checked = validateForm(idSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'member' as const, ...checked.failure });
		try {
			await transition(locals, checked.data.id, 'remove');
		} catch (err) {
			return fail(failureStatus(err), { action: 'member' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'member' as const, done: 'withdraw' as const };
	},

	leave: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const checked = validateForm(idSchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'member' as const, ...checked.failure });
		try {
			await transition(locals, checked.data.id, 'leave');
		} catch (err) {
			return fail(failureStatus(err), { action: 'member' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'member' as const, done: 'leave' as const };
	}
};
