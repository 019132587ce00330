import { expect } from 'vitest';
import type PocketBase from 'pocketbase';
import { createUser, guestClient, systemClient, uniqueEmail, type TestUser } from '../helpers/pocketbase';
import { scenarios, type Scenario } from '../helpers/scenarios';

// The collections every area leans on, by role (docs/rules.md, "Mit overblik, account and bad input"):
// accounts, the inbox and the audit log. Each row acts with a user's own token straight on PocketBase and
// checks the answer, the stored row afterwards, and that nothing of another person leaks.

interface World {
	system: PocketBase;
	guest: PocketBase;
	citizen: TestUser;
	other: TestUser;
	staff: TestUser;
	/** a notification of the citizen */
	note: { id: string; title: string };
	/** an audit entry */
	entry: { id: string };
}

async function arrange(): Promise<World> {
	const system = await systemClient();
	const [citizen, other, staff] = await Promise.all([
		createUser({ name: 'Karen Konto' }),
		createUser({ name: 'Anden Borger' }),
		createUser({ staff: true, name: 'Sara Skranke' })
	]);
	await system.collection('users').update(citizen.record.id, { phone: '+45 11 22 33 44' });
	const note = await system.collection('notifications').create({
		user: citizen.record.id,
		kind: 'test',
		title: `Besked til Karen ${citizen.record.id}`,
		body: 'Kun til Karen.'
	});
	const entry = await system.collection('audit_log').create({
		actor: staff.record.id,
		action: 'test_action',
		target_collection: 'users',
		target_id: citizen.record.id,
		details: { note: 'test' }
	});
	return {
		system,
		guest: guestClient(),
		citizen,
		other,
		staff,
		note: { id: note.id, title: note.title },
		entry
	};
}

const secretsOfCitizen = (w: World) => [w.citizen.email, '+45 11 22 33 44', w.note.title];

async function user(w: World, id: string) {
	return w.system.collection('users').getOne(id);
}

function userUnchanged(field: string, expected: (w: World) => unknown) {
	return async (w: World) => expect((await user(w, w.citizen.record.id))[field]).toEqual(expected(w));
}

async function noteRow(w: World) {
	return w.system.collection('notifications').getOne(w.note.id);
}

const userRows: Scenario<World>[] = [
	{
		name: 'a guest lists accounts and sees none',
		actor: (w) => w.guest,
		act: (pb) => pb.collection('users').getFullList(),
		status: 200,
		after: async (_w, result) => expect(result).toEqual([]),
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'a citizen lists accounts and sees only their own',
		actor: (w) => w.other.pb,
		act: (pb) => pb.collection('users').getFullList(),
		status: 200,
		after: async (w, result) =>
			expect((result as { id: string }[]).map((u) => u.id)).toEqual([w.other.record.id]),
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'another citizen cannot view the account',
		actor: (w) => w.other.pb,
		act: (pb, w) => pb.collection('users').getOne(w.citizen.record.id),
		status: 404,
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'staff view the account',
		actor: (w) => w.staff.pb,
		act: (pb, w) => pb.collection('users').getOne(w.citizen.record.id),
		status: 200
	},
	{
		name: 'the citizen corrects their own name',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('users').update(w.citizen.record.id, { name: 'Karen K. Konto' }),
		status: 200,
		after: userUnchanged('name', () => 'Karen K. Konto')
	},
	{
		name: 'the citizen cannot make themselves staff',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('users').update(w.citizen.record.id, { staff: true }),
		status: 400,
		code: 'core_field_locked',
		after: userUnchanged('staff', () => false)
	},
	{
		// the update rule forbids the field, and the door says which; the token stays what the feed route made it
		name: 'the citizen cannot set their calendar token',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('users').update(w.citizen.record.id, { calendar_token: 'x'.repeat(40) }),
		status: 400,
		code: 'core_field_locked',
		after: async (w) =>
			expect((await user(w, w.citizen.record.id)).calendar_token ?? '').not.toBe('x'.repeat(40))
	},
	{
		name: 'the citizen cannot mark their account deleted by hand',
		actor: (w) => w.citizen.pb,
		act: (pb, w) =>
			pb.collection('users').update(w.citizen.record.id, { deleted_at: '2030-01-01 00:00:00.000Z' }),
		status: 400,
		code: 'core_field_locked',
		after: userUnchanged('deleted_at', () => '')
	},
	{
		name: 'the citizen cannot write a name of spaces',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('users').update(w.citizen.record.id, { name: '   ' }),
		status: 400,
		code: 'core_text_blank',
		after: userUnchanged('name', () => 'Karen Konto')
	},
	{
		name: 'another citizen cannot change the account',
		actor: (w) => w.other.pb,
		act: (pb, w) => pb.collection('users').update(w.citizen.record.id, { name: 'Overtaget' }),
		status: 404,
		after: userUnchanged('name', () => 'Karen Konto'),
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'staff cannot change a citizen into staff through the record API',
		actor: (w) => w.staff.pb,
		act: (pb, w) => pb.collection('users').update(w.citizen.record.id, { staff: true }),
		status: 400,
		code: 'core_field_locked',
		after: userUnchanged('staff', () => false)
	},
	{
		name: 'nobody deletes an account through the record API (deletion is its own route)',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('users').delete(w.citizen.record.id),
		status: 403,
		after: userUnchanged('id', (w) => w.citizen.record.id)
	},
	{
		name: 'a guest signing up cannot make themselves staff',
		actor: (w) => w.guest,
		act: (pb) =>
			pb.collection('users').create({
				email: uniqueEmail('signup'),
				password: 'et-langt-kodeord-1',
				passwordConfirm: 'et-langt-kodeord-1',
				name: 'Ny Borger',
				staff: true
			}),
		status: 403
	}
];

const notificationRows: Scenario<World>[] = [
	{
		name: 'the owner lists their inbox',
		actor: (w) => w.citizen.pb,
		act: (pb) => pb.collection('notifications').getFullList(),
		status: 200,
		after: async (w, result) => expect((result as { id: string }[]).map((n) => n.id)).toContain(w.note.id)
	},
	{
		name: 'another citizen lists nothing of it',
		actor: (w) => w.other.pb,
		act: (pb) => pb.collection('notifications').getFullList(),
		status: 200,
		after: async (_w, result) => expect(result).toEqual([]),
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'staff do not read citizens’ inboxes',
		actor: (w) => w.staff.pb,
		act: (pb, w) => pb.collection('notifications').getOne(w.note.id),
		status: 404,
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'the owner marks a message read',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('notifications').update(w.note.id, { read_at: new Date().toISOString() }),
		status: 200,
		after: async (w) => expect((await noteRow(w)).read_at).not.toBe('')
	},
	{
		name: 'the owner cannot rewrite a message',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('notifications').update(w.note.id, { title: 'Ændret' }),
		status: 400,
		code: 'core_field_locked',
		after: async (w) => expect((await noteRow(w)).title).toBe(w.note.title)
	},
	{
		name: 'another citizen cannot mark it read',
		actor: (w) => w.other.pb,
		act: (pb, w) => pb.collection('notifications').update(w.note.id, { read_at: new Date().toISOString() }),
		status: 404,
		after: async (w) => expect((await noteRow(w)).read_at).toBe(''),
		mustNotContain: secretsOfCitizen
	},
	{
		name: 'nobody creates a message through the API',
		actor: (w) => w.staff.pb,
		act: (pb, w) =>
			pb.collection('notifications').create({ user: w.citizen.record.id, title: 'Falsk besked', body: 'x' }),
		status: 403
	},
	{
		name: 'the owner cannot delete a message through the API',
		actor: (w) => w.citizen.pb,
		act: (pb, w) => pb.collection('notifications').delete(w.note.id),
		status: 403,
		after: async (w) => expect((await noteRow(w)).id).toBe(w.note.id)
	}
];

const auditRows: Scenario<World>[] = [
	{
		name: 'a citizen reads no audit entries',
		actor: (w) => w.citizen.pb,
		act: (pb) => pb.collection('audit_log').getFullList({ batch: 500 }),
		status: 200,
		after: async (_w, result) => expect(result).toEqual([])
	},
	{
		name: 'staff read the audit log',
		actor: (w) => w.staff.pb,
		act: (pb, w) => pb.collection('audit_log').getOne(w.entry.id),
		status: 200
	},
	{
		name: 'staff cannot write an audit entry by hand',
		actor: (w) => w.staff.pb,
		act: (pb) => pb.collection('audit_log').create({ action: 'forged', target_collection: 'users' }),
		status: 403
	},
	{
		name: 'staff cannot change an audit entry',
		actor: (w) => w.staff.pb,
		act: (pb, w) => pb.collection('audit_log').update(w.entry.id, { action: 'rewritten' }),
		status: 403,
		after: async (w) =>
			expect((await w.system.collection('audit_log').getOne(w.entry.id)).action).toBe('test_action')
	},
	{
		name: 'staff cannot delete an audit entry',
		actor: (w) => w.staff.pb,
		act: (pb, w) => pb.collection('audit_log').delete(w.entry.id),
		status: 403,
		after: async (w) =>
			expect((await w.system.collection('audit_log').getOne(w.entry.id)).id).toBe(w.entry.id)
	}
];

scenarios('accounts by role', arrange, userRows);
scenarios('the inbox by role', arrange, notificationRows);
scenarios('the audit log by role', arrange, auditRows);
