import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { AssociationRecord, MembershipRecord } from '$lib/pocketbase-types';
import { requireStaff } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { verifySchema } from '$lib/validation/rooms';
import { changeVerification } from '$lib/server/associations';

/** The lists staff can ask for: every association, those waiting for verification, those without an admin. */
const VIEWS = ['alle', 'afventer', 'uden-admin'] as const;
type View = (typeof VIEWS)[number];

export interface StaffAssociation {
	id: string;
	name: string;
	cvr: string;
	contact_name: string;
	contact_email: string;
	verified: boolean;
	updated: string;
	members: number;
	admins: number;
}

// Staff look after the house's associations (docs/rules.md, "Associations and memberships"): verify the new
// ones, find one by name or number, and see those left without an admin, which only staff can manage.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const pb = locals.pb;
	const asked = url.searchParams.get('vis') ?? '';
	const view: View = (VIEWS as readonly string[]).includes(asked) ? (asked as View) : 'alle';
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const [associations, memberships] = await Promise.all([
		pb.collection('associations').getFullList<AssociationRecord>({
			sort: 'name',
			fields: 'id,name,cvr,contact_name,contact_email,verified,updated'
		}),
		pb.collection('memberships').getFullList<Pick<MembershipRecord, 'association' | 'role'>>({
			filter: 'status = "active"',
			fields: 'association,role'
		})
	]);
	const members = new Map<string, { members: number; admins: number }>();
	for (const ms of memberships) {
		const count = members.get(ms.association) ?? { members: 0, admins: 0 };
		count.members++;
		if (ms.role === 'admin') count.admins++;
		members.set(ms.association, count);
	}
	const all: StaffAssociation[] = associations.map((a) => ({
		id: a.id,
		name: a.name,
		cvr: a.cvr,
		contact_name: a.contact_name,
		contact_email: a.contact_email,
		verified: a.verified,
		updated: a.updated,
		...(members.get(a.id) ?? { members: 0, admins: 0 })
	}));
	const counts = {
		alle: all.length,
		afventer: all.filter((a) => !a.verified).length,
		'uden-admin': all.filter((a) => a.admins === 0).length
	};
	const needle = q.toLocaleLowerCase('da');
	const shown = all
		.filter((a) => (view === 'afventer' ? !a.verified : view === 'uden-admin' ? a.admins === 0 : true))
		.filter((a) => !needle || a.name.toLocaleLowerCase('da').includes(needle) || a.cvr.includes(needle))
		// those waiting for verification first: they are the work
		.sort((a, b) => Number(a.verified) - Number(b.verified));
	return { view, q, counts, associations: shown, deleted: url.searchParams.has('slettet') };
};

export const actions: Actions = {
	// staff verify an association as they read it: one changed since is refused (associations_changed_since)
	verify: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const checked = validateForm(verifySchema, readForm(await request.formData()));
		if (!checked.ok) return fail(400, { action: 'verify' as const, ...checked.failure });
		try {
			await changeVerification(locals.pb, checked.data.id, { name: 'verify', seen: checked.data.seen });
		} catch (err) {
			return fail(failureStatus(err), { action: 'verify' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'verify' as const, saved: true };
	}
};
