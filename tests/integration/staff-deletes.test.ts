import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { validCvrNumber } from '../helpers/cvr';
import { codesOf, outcome } from '../helpers/scenarios';
import { makeAssociation, makeAssociationRoom, membership, slot } from './associations-helpers';
import { arrangeTitle, placeHold, refusal, returnLoan } from './library-helpers';

// docs/rules.md, "Associations and memberships" and "Library" (titles and copies): staff delete an
// association or a title only when it has no history; the delete is audited in its own transaction, a
// refusal changes nothing, and the check is made inside the delete's transaction.

async function auditOf(...ids: string[]) {
	const system = await systemClient();
	const filter = ids.map((_, i) => `target_id = {:t${i}}`).join(' || ');
	const params = Object.fromEntries(ids.map((id, i) => [`t${i}`, id]));
	const rows = await system
		.collection('audit_log')
		.getFullList({ filter: system.filter(filter, params), sort: 'created' });
	return rows.map((r) => ({
		action: r.action as string,
		collection: r.target_collection as string,
		id: r.target_id as string,
		actor: r.actor as string,
		details: r.details as Record<string, unknown>
	}));
}

/** Runs `act` after `ms` milliseconds. */
function later<T>(ms: number, act: () => Promise<T>): Promise<T> {
	return new Promise((resolve) => setTimeout(resolve, ms)).then(act);
}

async function exists(collection: string, id: string) {
	const system = await systemClient();
	return (await outcome(system.collection(collection).getOne(id))).status === 200;
}

async function rowsOf(collection: string, filter: string, params: Record<string, unknown>) {
	const system = await systemClient();
	return system.collection(collection).getFullList({ filter: system.filter(filter, params) });
}

// ---------------------------------------------------------------------------------------------- associations

/** A verified association whose only active member is its admin (as if they had registered it). */
async function soleAdminAssociation() {
	const [association, admin] = await Promise.all([makeAssociation({ verified: true }), createUser()]);
	await membership(association.id, admin, 'admin');
	return { id: association.id, name: association.name as string, admin };
}

function bookFor(pb: PocketBase, booker: TestUser, association: string, room: string) {
	return pb.collection('bookings').create({
		room,
		booker: booker.record.id,
		association,
		show_publicly: true,
		purpose: 'Foreningsmøde',
		attendees: 5,
		...slot()
	});
}

describe('staff deleting an association', () => {
	it('refuses one with a booking: the booking keeps its association, nothing else changes', async () => {
		const [staff, room, a] = await Promise.all([
			createUser({ staff: true }),
			makeAssociationRoom(),
			soleAdminAssociation()
		]);
		const booking = await bookFor(a.admin.pb, a.admin, a.id, room.id);
		const answer = await outcome(staff.pb.collection('associations').delete(a.id));
		expect(answer.status).toBe(400);
		expect(codesOf(answer.body)).toEqual(['associations_has_history']);
		expect(await exists('associations', a.id)).toBe(true);
		const stored = await (await systemClient()).collection('bookings').getOne(booking.id);
		expect(stored).toMatchObject({ association: a.id, show_publicly: true });
		expect(await rowsOf('memberships', 'association = {:a}', { a: a.id })).toHaveLength(1);
		expect(await auditOf(a.id)).toEqual([]);
		// the booker's next edit is still accepted
		const edit = await outcome(
			a.admin.pb.collection('bookings').update(booking.id, { purpose: 'Ændret formål' })
		);
		expect(edit.status, JSON.stringify(edit.body)).toBe(200);
	});

	it('refuses one whose booking was cancelled (history, any status)', async () => {
		const [staff, room, a] = await Promise.all([
			createUser({ staff: true }),
			makeAssociationRoom(),
			soleAdminAssociation()
		]);
		const booking = await bookFor(a.admin.pb, a.admin, a.id, room.id);
		await (await systemClient()).collection('bookings').update(booking.id, { status: 'cancelled' });
		expect((await refusal(staff.pb.collection('associations').delete(a.id))).code).toBe(
			'associations_has_history'
		);
		expect(await exists('associations', a.id)).toBe(true);
	});

	it('refuses one with a season application or named a house association of a season', async () => {
		const system = await systemClient();
		const [staff, applied, house] = await Promise.all([
			createUser({ staff: true }),
			soleAdminAssociation(),
			soleAdminAssociation()
		]);
		const season = await system.collection('seasons').create({
			name: `Sæson ${randomUUID().slice(0, 6)}`,
			first_date: '2030-03-01',
			last_date: '2030-04-25',
			status: 'setup',
			house_associations: [house.id]
		});
		const application = await system.collection('season_applications').create({
			season: season.id,
			association: applied.id,
			applicant: applied.admin.record.id,
			status: 'submitted'
		});
		for (const a of [applied, house]) {
			expect((await refusal(staff.pb.collection('associations').delete(a.id))).code).toBe(
				'associations_has_history'
			);
			expect(await exists('associations', a.id)).toBe(true);
			expect(await auditOf(a.id)).toEqual([]);
		}
		expect(await exists('season_applications', application.id)).toBe(true);
	});

	it('refuses one with a second active member, and keeps every membership', async () => {
		const [staff, a, member] = await Promise.all([
			createUser({ staff: true }),
			soleAdminAssociation(),
			createUser()
		]);
		await membership(a.id, member, 'member');
		expect((await refusal(staff.pb.collection('associations').delete(a.id))).code).toBe(
			'associations_has_history'
		);
		expect(await rowsOf('memberships', 'association = {:a} && status = "active"', { a: a.id })).toHaveLength(
			2
		);
	});

	it('deletes one without history (its registrant the only member), audited with the staff member', async () => {
		const [staff, citizen, invited] = await Promise.all([
			createUser({ staff: true }),
			createUser(),
			createUser()
		]);
		const name = `Fejlregistreret ${randomUUID().slice(0, 6)}`;
		const created = await citizen.pb
			.collection('associations')
			.create({ name, cvr: validCvrNumber(), created_by: citizen.record.id });
		await membership(created.id, invited, 'member', 'invited');
		const answer = await outcome(staff.pb.collection('associations').delete(created.id));
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		expect(await exists('associations', created.id)).toBe(false);
		expect(await rowsOf('memberships', 'association = {:a}', { a: created.id })).toEqual([]);
		const log = (await auditOf(created.id)).filter((e) => e.action === 'associations_delete');
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({
			collection: 'associations',
			actor: staff.record.id,
			details: { name }
		});
	});

	it('a booking made while staff delete: one outcome, never a booking left without its association', async () => {
		const [staff, room] = await Promise.all([createUser({ staff: true }), makeAssociationRoom()]);
		for (let round = 0; round < 8; round++) {
			const a = await soleAdminAssociation();
			// the delete a little later each round, so that either may come first
			const [booked, deleted] = await Promise.all([
				outcome(bookFor(a.admin.pb, a.admin, a.id, room.id)),
				later(round * 5, () => outcome(staff.pb.collection('associations').delete(a.id)))
			]);
			const mine = await rowsOf('bookings', 'booker = {:b}', { b: a.admin.record.id });
			if (deleted.status === 200) {
				expect(booked.status).toBe(400);
				expect(mine).toEqual([]);
			} else {
				expect(codesOf(deleted.body)).toEqual(['associations_has_history']);
				expect(booked.status).toBe(200);
				expect(mine.map((b) => b.association)).toEqual([a.id]);
				expect(await exists('associations', a.id)).toBe(true);
			}
		}
	}, 120_000);
});

// ---------------------------------------------------------------------------------------------- titles

describe('staff deleting a title', () => {
	it('deletes a title never reserved or lent, auditing it and each copy that goes with it', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 1 });
		const answer = await outcome(staff.pb.collection('titles').delete(title.id));
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		expect(await exists('titles', title.id)).toBe(false);
		for (const copy of copies) expect(await exists('copies', copy.id)).toBe(false);
		const log = await auditOf(title.id, ...copies.map((c) => c.id));
		expect(log.map((e) => e.actor)).toEqual(log.map(() => staff.record.id));
		expect(log.filter((e) => e.action === 'library_title_delete')).toEqual([
			expect.objectContaining({ collection: 'titles', id: title.id })
		]);
		const copyEntries = log.filter((e) => e.action === 'library_copy_delete');
		expect(copyEntries.map((e) => e.id).sort()).toEqual(copies.map((c) => c.id).sort());
		for (const entry of copyEntries) {
			expect(entry.collection).toBe('copies');
			expect(entry.details).toMatchObject({ title: title.id });
		}
	});

	it('refuses a title with a returned loan: title, copies and loan stay, nothing audited', async () => {
		const [staff, patron] = await Promise.all([createUser({ staff: true }), createUser()]);
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 2 });
		const loan = await staff.pb.collection('loans').create({ copy: copies[0]!.id, patron: patron.record.id });
		await returnLoan(staff.pb, loan.id);
		const before = await auditOf(title.id, ...copies.map((c) => c.id));
		expect(await refusal(staff.pb.collection('titles').delete(title.id))).toEqual({
			status: 400,
			code: 'library_title_has_history'
		});
		expect(await exists('titles', title.id)).toBe(true);
		for (const copy of copies) expect(await exists('copies', copy.id)).toBe(true);
		expect(await exists('loans', loan.id)).toBe(true);
		expect(await auditOf(title.id, ...copies.map((c) => c.id))).toEqual(before);
	});

	it('refuses a title with a waiting hold, and one with only a cancelled hold', async () => {
		const [staff, waiting, cancelled] = await Promise.all([
			createUser({ staff: true }),
			createUser(),
			createUser()
		]);
		const queued = await arrangeTitle({ copies: 1 });
		const hold = await placeHold(waiting.pb, queued.title.id, waiting.record.id);
		// a title without copies has history of its own: a hold from before such a title took none (loaded by
		// the system)
		const past = await arrangeTitle({ copies: 0 });
		const old = await placeHold(await systemClient(), past.title.id, cancelled.record.id);
		await cancelled.pb.collection('holds').update(old.id, { status: 'cancelled' });
		for (const t of [queued, past]) {
			expect(await refusal(staff.pb.collection('titles').delete(t.title.id))).toEqual({
				status: 400,
				code: 'library_title_has_history'
			});
			expect(await exists('titles', t.title.id)).toBe(true);
			const actions = (await auditOf(t.title.id)).map((e) => e.action);
			expect(actions).not.toContain('library_title_delete');
		}
		expect(await exists('copies', queued.copies[0]!.id)).toBe(true);
		expect((await (await systemClient()).collection('holds').getOne(hold.id)).status).toBe('waiting');
		expect(await exists('holds', old.id)).toBe(true);
	});

	it('a hold placed while staff delete: one outcome, never a hold on a deleted title', async () => {
		const [staff, patron] = await Promise.all([createUser({ staff: true }), createUser()]);
		for (let round = 0; round < 8; round++) {
			const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
			const [held, deleted] = await Promise.all([
				outcome(placeHold(patron.pb, title.id, patron.record.id)),
				later(round * 5, () => outcome(staff.pb.collection('titles').delete(title.id)))
			]);
			const holds = await rowsOf('holds', 'title = {:t}', { t: title.id });
			if (deleted.status === 200) {
				expect(held.status).not.toBe(200);
				expect(holds).toEqual([]);
				expect(await exists('copies', copies[0]!.id)).toBe(false);
			} else {
				expect(codesOf(deleted.body)).toEqual(['library_title_has_history']);
				expect(held.status).toBe(200);
				expect(holds).toHaveLength(1);
				expect(await exists('copies', copies[0]!.id)).toBe(true);
			}
		}
	}, 120_000);
});

describe('staff deleting a copy', () => {
	it('refuses the last copy of a title that holds wait for, and deletes it once nobody waits', async () => {
		const [staff, patron] = await Promise.all([createUser({ staff: true }), createUser()]);
		// two copies never lent (missing), a hold waiting for one of them
		const { title, copies } = await arrangeTitle({ copies: 2 });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		// one of two may go: the hold still has a copy to wait for
		expect((await outcome(staff.pb.collection('copies').delete(copies[0]!.id))).status).toBe(200);
		expect(await refusal(staff.pb.collection('copies').delete(copies[1]!.id))).toEqual({
			status: 400,
			code: 'library_copy_last_held'
		});
		expect(await exists('copies', copies[1]!.id)).toBe(true);
		expect((await auditOf(copies[1]!.id)).map((e) => e.action)).not.toContain('library_copy_delete');
		expect((await (await systemClient()).collection('holds').getOne(hold.id)).status).toBe('waiting');
		// with the hold cancelled nobody waits, and the copy may go
		await patron.pb.collection('holds').update(hold.id, { status: 'cancelled' });
		expect((await outcome(staff.pb.collection('copies').delete(copies[1]!.id))).status).toBe(200);
	});

	it('moves no last copy of a title that holds wait for to another title', async () => {
		const [staff, patron] = await Promise.all([createUser({ staff: true }), createUser()]);
		const { title, copies } = await arrangeTitle({ copies: 2 });
		const elsewhere = await arrangeTitle({ copies: 0 });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		// one of two may move: the hold still has a copy to wait for
		expect(
			(await outcome(staff.pb.collection('copies').update(copies[0]!.id, { title: elsewhere.title.id })))
				.status
		).toBe(200);
		expect(
			await refusal(staff.pb.collection('copies').update(copies[1]!.id, { title: elsewhere.title.id }))
		).toEqual({ status: 400, code: 'library_copy_last_held_move' });
		const system = await systemClient();
		expect((await system.collection('copies').getOne(copies[1]!.id)).title).toBe(title.id);
		expect((await system.collection('holds').getOne(hold.id)).status).toBe('waiting');
		// with the hold cancelled nobody waits, and the copy may move
		await patron.pb.collection('holds').update(hold.id, { status: 'cancelled' });
		expect(
			(await outcome(staff.pb.collection('copies').update(copies[1]!.id, { title: elsewhere.title.id })))
				.status
		).toBe(200);
	});
});
