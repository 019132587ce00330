import { describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { createUser, PASSWORD, systemClient, type TestUser } from '../helpers/pocketbase';
import { outcome, type Outcome } from '../helpers/scenarios';
import { makeRoom, slot } from './rooms-arrange';
import { arrangeTitle, checkIn, placeHold } from './library-helpers';
import { arrangeEvent, createVolunteer } from './events-helpers';
import { makeAssociation, membership, post } from './associations-helpers';

// Another person acts on a row the deletion of an account touches, at the same moment (docs/rules.md,
// "Account, feed and reminders"): whichever commits first, the account is either deleted with everything
// released, its queues moved up to the next person, who is told, or not deleted with everything intact;
// never a half-written state, a message to the deleted account or a server error.

/**
 * When the other actor starts, in ms after the deletion (before it where negative): the deletion checks
 * the password before its transaction, so the other write commits first at some offsets and second at
 * others; each round holds whichever order it met.
 */
const OFFSETS = [-80, -40, -20, -10, 0, 10, 30];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deleteAccount(user: TestUser) {
	return user.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
}

/** Runs the deletion and `act` together, `act` started `offset` ms later; both answered, neither with a 5xx. */
async function race(user: TestUser, offset: number, act: () => Promise<unknown>) {
	const [deleted, other] = await Promise.all([
		(async () => {
			await sleep(-offset);
			return outcome(deleteAccount(user));
		})(),
		(async () => {
			await sleep(offset);
			return outcome(act());
		})()
	]);
	for (const r of [deleted, other] as Outcome[]) expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
	return { deleted, other };
}

/** The account is deleted (the deletion answered 200) and nothing names it any more as a person. */
async function expectDeleted(system: PocketBase, id: string) {
	const user = await system.collection('users').getOne(id);
	expect(user.deleted_at).not.toBe('');
	expect(user.name).toBe('Slettet bruger');
	expect(await notificationsOf(system, id)).toEqual([]);
	const memberships = await system
		.collection('memberships')
		.getFullList({ filter: system.filter('user = {:u}', { u: id }) });
	expect(memberships).toEqual([]);
}

/** The person wants messages by mail too, so the mail after another write's commit meets the deletion. */
async function wantsMail(system: PocketBase, user: TestUser) {
	await system.collection('users').update(user.record.id, { notify_email: true });
}

function notificationsOf(system: PocketBase, id: string) {
	return system.collection('notifications').getFullList({ filter: system.filter('user = {:u}', { u: id }) });
}

describe('staff approving a booking while its booker deletes the account', () => {
	it('leaves the booking cancelled without its purpose, never approved, and tells no one', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const room = await makeRoom({ requires_approval: true, buffer_minutes: 0 });
		for (const [i, offset] of OFFSETS.entries()) {
			const citizen = await createUser();
			const id = citizen.record.id;
			await wantsMail(system, citizen);
			const booking = await citizen.pb.collection('bookings').create({
				room: room.id,
				booker: id,
				purpose: 'Privat fest',
				attendees: 2,
				...slot(60 + i, '10:00', '11:00')
			});
			expect(booking.status).toBe('pending');
			const { deleted, other } = await race(citizen, offset, () =>
				staff.pb.collection('bookings').update(booking.id, { status: 'approved' })
			);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			const after = await system.collection('bookings').getOne(booking.id);
			expect([after.status, after.purpose], `offset ${offset}, approval ${other.status}`).toEqual([
				'cancelled',
				''
			]);
			await expectDeleted(system, id);
		}
	});
});

describe('the desk checking in a copy while the first in line deletes the account', () => {
	it('passes the copy to the next in line, who is told once it lies on their shelf, one hold to the copy', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		// finer steps: the mail of the hold's message after the check-in's commit must meet the deletion too
		for (const offset of Array.from({ length: 17 }, (_, i) => -60 + i * 5)) {
			const [citizen, next] = await Promise.all([createUser(), createUser()]);
			const id = citizen.record.id;
			// both want their messages by mail too
			await Promise.all([wantsMail(system, citizen), wantsMail(system, next)]);
			const { title, copies } = await arrangeTitle({ copies: 1 });
			const first = await placeHold(citizen.pb, title.id, id);
			const second = await placeHold(next.pb, title.id, next.record.id);
			const { deleted, other } = await race(citizen, offset, () => checkIn(staff.pb, copies[0]!.barcode));
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expect(other.status, JSON.stringify(other.body)).toBe(200);
			const label = `offset ${offset}`;
			expect((await system.collection('holds').getOne(first.id)).status, label).toBe('cancelled');
			const nextHold = await system.collection('holds').getOne(second.id);
			expect([nextHold.status, nextHold.copy], label).toEqual(['ready', copies[0]!.id]);
			// the copy serves that one hold, and the next in line was told once
			const holding = await system
				.collection('holds')
				.getFullList({ filter: system.filter('copy = {:c} && status = "ready"', { c: copies[0]!.id }) });
			expect(holding.map((h) => h.id)).toEqual([second.id]);
			// the next in line is told once the copy lies on their pickup shelf: at once when the check-in
			// found the account deleted; after the desk scans it from the deleted account's shelf otherwise
			const told = async () =>
				(await notificationsOf(system, next.record.id)).filter((n) => n.kind === 'hold_ready').length;
			if (!nextHold.pickup_deadline) {
				expect(await told(), label).toBe(0);
				expect((await checkIn(staff.pb, copies[0]!.barcode)).hold, label).toBe(second.id);
			}
			expect(await told(), label).toBe(1);
			expect((await system.collection('holds').getOne(second.id)).pickup_deadline, label).not.toBe('');
			await expectDeleted(system, id);
		}
	});
});

describe('a volunteer leaving a full shift while the first on its waitlist deletes the account', () => {
	it('moves the next volunteer up, who is told, and the count of places matches the rows', async () => {
		const system = await systemClient();
		for (const offset of OFFSETS) {
			const [holder, citizen, third] = await Promise.all([
				createVolunteer(),
				createVolunteer(),
				createVolunteer()
			]);
			const id = citizen.record.id;
			const { shift } = await arrangeEvent({ places: 1 });
			const held = await holder.pb.collection('signups').create({ shift: shift.id, user: holder.record.id });
			const waiting = await citizen.pb.collection('signups').create({ shift: shift.id, user: id });
			const after = await third.pb.collection('signups').create({ shift: shift.id, user: third.record.id });
			expect([held.status, waiting.status, after.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
			const { deleted, other } = await race(citizen, offset, () =>
				holder.pb.collection('signups').update(held.id, { status: 'cancelled' })
			);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expect(other.status, JSON.stringify(other.body)).toBe(200);
			const label = `offset ${offset}`;
			const rows = await system
				.collection('signups')
				.getFullList({ filter: system.filter('shift = {:s}', { s: shift.id }), sort: 'created' });
			expect(
				rows.map((r) => [r.user, r.status]),
				label
			).toEqual([
				[holder.record.id, 'cancelled'],
				[id, 'cancelled'],
				[third.record.id, 'confirmed']
			]);
			const counted = await system.collection('shifts').getOne(shift.id);
			expect(counted.taken, label).toBe(1);
			const told = await notificationsOf(system, third.record.id);
			expect(told.length, label).toBeGreaterThan(0);
			await expectDeleted(system, id);
		}
	});

	it('does the same for a ticket: the next on the event’s waitlist gets the place', async () => {
		const system = await systemClient();
		for (const offset of OFFSETS) {
			const [holder, citizen, third] = await Promise.all([createUser(), createUser(), createUser()]);
			const id = citizen.record.id;
			const { event } = await arrangeEvent({ capacity: 1 });
			const held = await holder.pb
				.collection('registrations')
				.create({ event: event.id, user: holder.record.id });
			await citizen.pb.collection('registrations').create({ event: event.id, user: id });
			await third.pb.collection('registrations').create({ event: event.id, user: third.record.id });
			const { deleted, other } = await race(citizen, offset, () =>
				holder.pb.collection('registrations').update(held.id, { status: 'cancelled' })
			);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expect(other.status, JSON.stringify(other.body)).toBe(200);
			const label = `offset ${offset}`;
			const rows = await system
				.collection('registrations')
				.getFullList({ filter: system.filter('event = {:e}', { e: event.id }), sort: 'created' });
			expect(
				rows.map((r) => [r.user, r.status]),
				label
			).toEqual([
				[holder.record.id, 'cancelled'],
				[id, 'cancelled'],
				[third.record.id, 'confirmed']
			]);
			expect((await system.collection('events').getOne(event.id)).taken, label).toBe(1);
			expect((await notificationsOf(system, third.record.id)).length, label).toBeGreaterThan(0);
			await expectDeleted(system, id);
		}
	});
});

describe('an association admin inviting or promoting the person while the account is deleted', () => {
	it('leaves no membership of the account and no message to it, whichever commits first', async () => {
		const system = await systemClient();
		for (const offset of OFFSETS) {
			const [admin, citizen] = await Promise.all([createUser(), createUser()]);
			const id = citizen.record.id;
			const association = await makeAssociation();
			await membership(association.id, admin, 'admin');
			const { deleted, other } = await race(citizen, offset, () =>
				post(admin.pb, `/api/borgerhus/associations/${association.id}/invitations`, {
					email: citizen.email,
					role: 'booker'
				})
			);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expect(other.status, JSON.stringify(other.body)).toBe(200);
			await expectDeleted(system, id);
		}
	});

	it('a new role for a member meets the deletion: refused or undone with the membership, never a 500', async () => {
		const system = await systemClient();
		for (const offset of OFFSETS) {
			const [admin, citizen] = await Promise.all([createUser(), createUser()]);
			const id = citizen.record.id;
			const association = await makeAssociation();
			await membership(association.id, admin, 'admin');
			const member = await membership(association.id, citizen, 'member');
			await wantsMail(system, citizen);
			const { deleted, other } = await race(citizen, offset, () =>
				post(admin.pb, `/api/borgerhus/memberships/${member.id}/role`, { role: 'admin' })
			);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expect([200, 400, 404], JSON.stringify(other.body)).toContain(other.status);
			await expectDeleted(system, id);
			// the association is left with its one admin
			const admins = await system.collection('memberships').getFullList({
				filter: system.filter('association = {:a} && role = "admin" && status = "active"', {
					a: association.id
				})
			});
			expect(admins.map((m) => m.user)).toEqual([admin.record.id]);
		}
	});
});
