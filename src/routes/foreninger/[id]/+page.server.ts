import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ClientResponseError } from 'pocketbase';
import type { AssociationRecord, MembershipRole } from '$lib/pocketbase-types';
import { requireStaff, requireUser } from '$lib/server/guards';
import { changeVerification } from '$lib/server/associations';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, refusalCodes, toFormErrors } from '$lib/server/errors';
import { associationEditSchema, idSchema, memberSchema, roleSchema, seenSchema } from '$lib/validation/rooms';

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
	const user = requireUser(locals, url);
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
	// its active admins manage it, and staff (also one left without an admin); the hooks decide each act
	const staff = user.staff === true;
	const manages = isAdmin || staff;
	const pending = manages
		? (
				await locals.pb.send<{ items: PendingInvitation[] }>(
					`/api/borgerhus/associations/${encodeURIComponent(association.id)}/invitations`,
					{ method: 'GET' }
				)
			).items
		: [];
	return {
		created: url.searchParams.has('oprettet'),
		association: {
			id: association.id,
			name: association.name,
			cvr: association.cvr,
			// a contact person's name, address and phone are for the association's members and staff
			contact_name: mine || staff ? association.contact_name : '',
			contact_email: mine || staff ? association.contact_email : '',
			contact_phone: mine || staff ? association.contact_phone : '',
			description: association.description,
			verified: association.verified,
			updated: association.updated
		},
		isAdmin,
		staff,
		manages,
		// staff are told when nobody can manage it but them
		adminless: staff && !members.some((ms) => ms.role === 'admin'),
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

/** Staff verify the association as they read it (`seen`), or withdraw its verification. */
function verification(name: 'verify' | 'unverify') {
	return async ({ request, locals, url, params }: Parameters<Actions[string]>[0]) => {
		requireStaff(locals, url);
		const form = readForm(await request.formData());
		try {
			if (name === 'unverify') await changeVerification(locals.pb, params.id, { name });
			else {
				const checked = validateForm(seenSchema, form);
				if (!checked.ok) return fail(400, { action: 'verification' as const, ...checked.failure });
				await changeVerification(locals.pb, params.id, { name, seen: checked.data.seen });
			}
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'verification' as const,
				values: {},
				errors: toFormErrors(err)
			});
		}
		return { action: 'verification' as const, done: name };
	};
}

export const actions: Actions = {
	// an active admin or staff edit the details; a new name or number sends it back to verification
	save: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(associationEditSchema, values);
		if (!checked.ok) return fail(400, { action: 'save' as const, ...checked.failure });
		let resubmitted: boolean;
		try {
			const before = await locals.pb.collection('associations').getOne<AssociationRecord>(params.id);
			// `seen`: the row as the form showed it; a change made since is refused (associations_edited_since)
			const saved = await locals.pb
				.collection('associations')
				.update<AssociationRecord>(params.id, checked.data);
			resubmitted = before.verified && !saved.verified;
		} catch (err) {
			// changed since the form was shown: the form shows the details as they are now, to be edited again;
			// any other refusal keeps what the user wrote, and the `seen` it was written against
			const stale = refusalCodes(err).includes('associations_edited_since');
			return fail(failureStatus(err), {
				action: 'save' as const,
				values: stale ? {} : echoValues(values),
				errors: toFormErrors(err)
			});
		}
		return { action: 'save' as const, saved: true, resubmitted };
	},

	verify: verification('verify'),
	unverify: verification('unverify'),

	// staff delete one without history (a mistake, a duplicate); the hook refuses any other
	delete: async ({ locals, url, params }) => {
		requireStaff(locals, url);
		try {
			await locals.pb.collection('associations').delete(params.id);
		} catch (err) {
			return fail(failureStatus(err), { action: 'delete' as const, values: {}, errors: toFormErrors(err) });
		}
		redirect(303, '/personale/foreninger?slettet=1');
	},

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
