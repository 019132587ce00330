import { randomUUID } from 'node:crypto';
import { addDays, localParts, localToUtc } from '$rules/rooms-policy.js';
import { toPbDate } from '$rules/room-claims.js';
import { createUser, guestClient, systemClient, type TestUser } from '../helpers/pocketbase';
import type PocketBase from 'pocketbase';
import { validCvrNumber } from '../helpers/cvr';

// Data set-up for the room and booking tests: rooms, an association with its people, bookings.

export const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);

export async function makeRoom(options: Record<string, unknown> = {}) {
	const system = await systemClient();
	return system.collection('rooms').create({
		name: `Regellokale ${randomUUID().slice(0, 6)}`,
		slug: `regel-${randomUUID().slice(0, 12)}`,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 15,
		horizon_days: 1000,
		cancel_hours: 48,
		active: true,
		...options
	});
}

/** A Copenhagen wall-clock time `days` from today, as PocketBase stores it. */
export function houseTime(days: number, time: string): string {
	const date = addDays(localParts(Date.now()).date, days);
	const ms = localToUtc(date, time);
	if (ms === null) throw new Error(`no such time ${date} ${time}`);
	return toPbDate(ms);
}

/** The local date `days` from today. */
export function houseDate(days: number): string {
	return addDays(localParts(Date.now()).date, days);
}

export const someDay = () => 30 + Math.floor(Math.random() * 600);

export function slot(day: number, from: string, to: string) {
	return { start: houseTime(day, from), end: houseTime(day, to) };
}

export async function makeAssociation(verified = true) {
	const system = await systemClient();
	return system.collection('associations').create({
		name: `Regelforening ${randomUUID().slice(0, 6)}`,
		cvr: validCvrNumber(),
		verified
	});
}

export async function join(association: string, user: TestUser, role: 'admin' | 'booker' | 'member') {
	const system = await systemClient();
	return system.collection('memberships').create({ association, user: user.record.id, role });
}

export interface World {
	system: PocketBase;
	guest: PocketBase;
	owner: TestUser;
	other: TestUser;
	booker: TestUser;
	admin: TestUser;
	former: TestUser;
	staff: TestUser;
	staff2: TestUser;
	room: { id: string };
	room2: { id: string };
	approvalRoom: { id: string };
	associationRoom: { id: string };
	association: { id: string };
	day: number;
	/** The owner's approved booking in `room`, 10:00-11:00 on `day`. */
	own: Record<string, unknown> & { id: string };
	/** The owner's pending booking in `approvalRoom`. */
	pending: Record<string, unknown> & { id: string };
	/** The association's approved booking in `associationRoom`, made by `booker`. */
	associationBooking: Record<string, unknown> & { id: string };
	/** A booking `former` made for the association while a booker; the membership is gone since. */
	formerBooking: Record<string, unknown> & { id: string };
	/** The owner's booking tomorrow, inside its 48-hour cancellation deadline. */
	late: Record<string, unknown> & { id: string };
}

export async function book(user: TestUser, room: string, fields: Record<string, unknown>) {
	return user.pb.collection('bookings').create({
		room,
		booker: user.record.id,
		purpose: 'Møde',
		attendees: 4,
		...fields
	});
}

/** Everyone and everything the booking scenarios need, fresh each time. */
export async function arrangeWorld(): Promise<World> {
	const system = await systemClient();
	const [owner, other, booker, admin, former, staff, staff2] = await Promise.all([
		createUser({ name: 'Ejer Eva' }),
		createUser({ name: 'Anden Anders' }),
		createUser({ name: 'Booker Bo' }),
		createUser({ name: 'Admin Alma' }),
		createUser({ name: 'Tidligere Tim' }),
		createUser({ staff: true, name: 'Personale Per' }),
		createUser({ staff: true, name: 'Personale Pia' })
	]);
	const [room, room2, approvalRoom, associationRoom, association] = await Promise.all([
		makeRoom(),
		makeRoom(),
		makeRoom({ requires_approval: true }),
		makeRoom({ who_may_book: 'associations' }),
		makeAssociation()
	]);
	const [, , formerMembership] = await Promise.all([
		join(association.id, booker, 'booker'),
		join(association.id, admin, 'admin'),
		join(association.id, former, 'booker')
	]);
	const day = someDay();
	const [own, pending, associationBooking, formerBooking, late] = await Promise.all([
		book(owner, room.id, slot(day, '10:00', '11:00')),
		book(owner, approvalRoom.id, slot(day, '10:00', '11:00')),
		book(booker, associationRoom.id, { ...slot(day, '10:00', '11:00'), association: association.id }),
		book(former, associationRoom.id, { ...slot(day, '14:00', '15:00'), association: association.id }),
		book(owner, room.id, slot(1, '20:00', '21:00'))
	]);
	await system.collection('memberships').delete(formerMembership.id);
	return {
		system,
		guest: guestClient(),
		owner,
		other,
		booker,
		admin,
		former,
		staff,
		staff2,
		room,
		room2,
		approvalRoom,
		associationRoom,
		association,
		day,
		own,
		pending,
		associationBooking,
		formerBooking,
		late
	};
}
