import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { validCvrNumber } from '../helpers/cvr';
import { makeAssociation, membership, world } from './associations-helpers';

// docs/rules.md, "Associations and memberships": an association's admins edit its details on its page, and
// staff look after every association from theirs (verify, withdraw, delete one without history, manage one
// left without an admin), through the app as a browser without JavaScript posts its forms.

async function signedIn(user: TestUser) {
	const session = new AppSession();
	expect((await session.signIn(user.email, user.password)).status).toBe(303);
	return session;
}

async function stored(id: string) {
	return (await systemClient()).collection('associations').getOne(id);
}

/** The `updated` time the page's edit or verification form carries. */
async function seenOn(session: AppSession, id: string) {
	const html = await (await session.get(`/foreninger/${id}`)).text();
	const found = /name="seen" value="([^"]*)"/.exec(html);
	if (!found) throw new Error('no seen field on the page');
	return found[1]!;
}

const details = (over: Record<string, string> = {}) => ({
	name: '',
	cvr: '',
	contact_name: '',
	contact_email: '',
	contact_phone: '',
	description: '',
	...over
});

describe("an association's details", () => {
	it('its admin edits them; a new name goes back to verification; a stale or bad edit changes nothing', async () => {
		const w = await world();
		const admin = await signedIn(w.admin);
		const page = await (await admin.get(`/foreninger/${w.association.id}`)).text();
		expect(page).toContain('Ret oplysninger');
		const form = details({ name: w.association.name, cvr: w.association.cvr });

		const saved = await admin.post(`/foreninger/${w.association.id}?/save`, {
			...form,
			description: 'Vi spiller fodbold om onsdagen.',
			seen: await seenOn(admin, w.association.id)
		});
		expect(saved.status).toBe(200);
		expect(await saved.text()).toContain('Oplysningerne er gemt.');
		expect(await stored(w.association.id)).toMatchObject({
			description: 'Vi spiller fodbold om onsdagen.',
			verified: true
		});

		// the page read, then changed by someone else: refused, nothing written
		const stale = await seenOn(admin, w.association.id);
		await w.staff.pb.collection('associations').update(w.association.id, { contact_name: 'Personalet' });
		const refused = await admin.post(`/foreninger/${w.association.id}?/save`, {
			...form,
			contact_phone: '12 34 56 78',
			seen: stale
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Foreningens oplysninger er ændret, siden du åbnede siden.');
		expect(await stored(w.association.id)).toMatchObject({ contact_name: 'Personalet', contact_phone: '' });

		const bad = await admin.post(`/foreninger/${w.association.id}?/save`, {
			...form,
			cvr: '12345678',
			seen: await seenOn(admin, w.association.id)
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('CVR-nummeret er ikke gyldigt');
		expect((await stored(w.association.id)).cvr).toBe(w.association.cvr);

		// a refusal for another reason keeps the time the form was written against: a change made meanwhile
		// is still caught at the next save, not written over
		const before = await seenOn(admin, w.association.id);
		await w.staff.pb.collection('associations').update(w.association.id, { contact_phone: '70 00 00 00' });
		const typo = await admin.post(`/foreninger/${w.association.id}?/save`, {
			...form,
			cvr: '1',
			seen: before
		});
		const kept = /name="seen" value="([^"]*)"/.exec(await typo.text())?.[1];
		expect(kept).toBe(before);
		const caught = await admin.post(`/foreninger/${w.association.id}?/save`, { ...form, seen: kept! });
		expect(caught.status).toBe(400);
		// and the form then shows the details as they are now, to be edited again
		expect(await caught.text()).toContain('value="70 00 00 00"');
		expect((await stored(w.association.id)).contact_phone).toBe('70 00 00 00');

		const renamed = `Nørreby IF ${randomUUID().slice(0, 4)}`;
		const resubmitted = await admin.post(`/foreninger/${w.association.id}?/save`, {
			...form,
			name: renamed,
			seen: await seenOn(admin, w.association.id)
		});
		expect(resubmitted.status).toBe(200);
		expect(await resubmitted.text()).toContain('venter nu på husets godkendelse igen');
		expect(await stored(w.association.id)).toMatchObject({ name: renamed, verified: false });
	});

	it('a plain member sees them but cannot edit; a posted edit is refused and changes nothing', async () => {
		const w = await world();
		const member = await signedIn(w.member);
		const page = await (await member.get(`/foreninger/${w.association.id}`)).text();
		expect(page).toContain(w.association.cvr);
		expect(page).not.toContain('Ret oplysninger');
		// the contact person's details are for members and staff, not for anyone who opens the page
		await w.staff.pb.collection('associations').update(w.association.id, { contact_phone: '70 11 22 33' });
		expect(await (await member.get(`/foreninger/${w.association.id}`)).text()).toContain('70 11 22 33');
		const stranger = await signedIn(w.citizen);
		const seenByStranger = await (await stranger.get(`/foreninger/${w.association.id}`)).text();
		expect(seenByStranger).toContain(w.association.name);
		expect(seenByStranger).not.toContain('70 11 22 33');
		const seen = (await stored(w.association.id)).updated as string;
		const refused = await member.post(`/foreninger/${w.association.id}?/save`, {
			...details({ name: 'Kaprede', cvr: w.association.cvr }),
			seen
		});
		expect(refused.status).toBe(404);
		expect((await stored(w.association.id)).name).toBe(w.association.name);
	});
});

describe("an association's members", () => {
	it('tells an admin demoted meanwhile that they are no admin, and changes nothing', async () => {
		const w = await world();
		const system = await systemClient();
		await system.collection('memberships').update(w.ids.booker, { role: 'admin' });
		const bo = await signedIn(w.booker);
		expect(await (await bo.get(`/foreninger/${w.association.id}`)).text()).toContain('Skift rolle');
		// demoted by the other admin while the page is open
		await w.admin.pb.send(`/api/borgerhus/memberships/${w.ids.booker}/role`, {
			method: 'POST',
			body: { role: 'member' }
		});
		for (const [action, body] of [
			['role', { id: w.ids.member, role: 'booker' }],
			['remove', { id: w.ids.member }]
		] as const) {
			const refused = await bo.post(`/foreninger/${w.association.id}?/${action}`, body);
			expect(refused.status, action).toBe(403);
			const page = await refused.text();
			expect(page).toContain('Du er ikke administrator i foreningen og kan ikke ændre medlemmerne.');
			expect(page).not.toContain('Siden findes ikke');
		}
		expect(await system.collection('memberships').getOne(w.ids.member)).toMatchObject({
			role: 'member',
			status: 'active'
		});
		// the page read again has no admin's controls
		expect(await (await bo.get(`/foreninger/${w.association.id}`)).text()).not.toContain('Skift rolle');
	});

	it('staff withdraw an open invitation from the page, also one to a person who blocked the association', async () => {
		const w = await world();
		await w.admin.pb.send(`/api/borgerhus/associations/${w.association.id}/invitations`, {
			method: 'POST',
			body: { email: w.blocked.email, role: 'member' }
		});
		const staff = await signedIn(w.staff);
		expect(await (await staff.get(`/foreninger/${w.association.id}`)).text()).toContain(
			w.blocked.email.toLowerCase()
		);
		for (const id of [w.ids.invited, w.ids.blocked]) {
			const withdrawn = await staff.post(`/foreninger/${w.association.id}?/withdraw`, { id });
			expect(withdrawn.status, id).toBe(200);
			expect(await withdrawn.text()).toContain('Invitationen er trukket tilbage.');
		}
		const system = await systemClient();
		expect((await system.collection('memberships').getOne(w.ids.invited)).status).toBe('removed');
		expect(await system.collection('memberships').getOne(w.ids.blocked)).toMatchObject({
			status: 'blocked',
			email: ''
		});
		expect(await (await staff.get(`/foreninger/${w.association.id}`)).text()).toContain(
			'Ingen ventende invitationer.'
		);
	});
});

describe('staff look after the associations', () => {
	it('find one, verify it as read, withdraw the verification, and keep one with history', async () => {
		const w = await world({ verified: false });
		const staff = await signedIn(w.staff);
		const waiting = await (await staff.get('/personale/foreninger?vis=afventer')).text();
		expect(waiting).toContain(w.association.name);
		expect(waiting).not.toContain(w.other.name);
		expect(await (await staff.get(`/personale/foreninger?q=${w.association.cvr}`)).text()).toContain(
			w.association.name
		);
		expect(await (await staff.get('/personale/foreninger?q=ingen-forening-hedder-sådan')).text()).toContain(
			'Ingen foreninger passer til søgningen.'
		);

		const seen = (await stored(w.association.id)).updated as string;
		const verified = await staff.post('/personale/foreninger?/verify', { id: w.association.id, seen });
		expect(verified.status).toBe(200);
		expect((await stored(w.association.id)).verified).toBe(true);

		const page = await (await staff.get(`/foreninger/${w.association.id}`)).text();
		expect(page).toContain('Fjern godkendelse');
		const withdrawn = await staff.post(`/foreninger/${w.association.id}?/unverify`, {
			seen: await seenOn(staff, w.association.id)
		});
		expect(withdrawn.status).toBe(200);
		expect(await withdrawn.text()).toContain('Godkendelsen er fjernet.');
		expect((await stored(w.association.id)).verified).toBe(false);
		const system = await systemClient();
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id}', { id: w.association.id })
		});
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['association_verify', 'association_unverify'])
		);

		// its members are history: kept, with the reason and what to do instead
		const kept = await staff.post(`/foreninger/${w.association.id}?/delete`, {});
		expect(kept.status).toBe(400);
		expect(await kept.text()).toContain('så den kan ikke slettes');
		await stored(w.association.id);

		// a citizen cannot do any of it, through the app either
		const admin = await signedIn(w.admin);
		for (const action of ['verify', 'unverify', 'delete']) {
			const refused = await admin.post(`/foreninger/${w.association.id}?/${action}`, { seen });
			expect(refused.status).toBe(403);
		}
		expect((await admin.get('/personale/foreninger')).status).toBe(403);
		expect((await stored(w.association.id)).verified).toBe(false);
	});

	it('delete one registered by mistake, and manage one left without an admin', async () => {
		const [staffUser, founder, member] = await Promise.all([
			createUser({ staff: true }),
			createUser(),
			createUser({ name: `Mette Medlem ${randomUUID().slice(0, 4)}` })
		]);
		const staff = await signedIn(staffUser);
		// registered by a citizen (its one member is the founder), then deleted by staff
		const mistake = await founder.pb
			.collection('associations')
			.create({ name: `Dublet ${randomUUID().slice(0, 4)}`, cvr: validCvrNumber() });
		const deleted = await staff.post(`/foreninger/${mistake.id}?/delete`, {});
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get('location')).toBe('/personale/foreninger?slettet=1');
		await expect(stored(mistake.id)).rejects.toMatchObject({ status: 404 });

		// its last admin's account deleted: only staff manage it now
		const orphan = await makeAssociation();
		const left = await membership(orphan.id, member, 'member');
		const adminless = await (await staff.get('/personale/foreninger?vis=uden-admin')).text();
		expect(adminless).toContain(orphan.name as string);
		const page = await (await staff.get(`/foreninger/${orphan.id}`)).text();
		expect(page).toContain('Foreningen har ingen administrator');
		expect(page).toContain('Send invitation');
		const made = await staff.post(`/foreninger/${orphan.id}?/role`, { id: left.id, role: 'admin' });
		expect(made.status).toBe(200);
		expect((await (await systemClient()).collection('memberships').getOne(left.id)).role).toBe('admin');
		const now = await (await staff.get(`/foreninger/${orphan.id}`)).text();
		expect(now).not.toContain('Foreningen har ingen administrator');
	});
});
