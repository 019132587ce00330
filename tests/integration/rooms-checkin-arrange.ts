import { toPbDate } from '$rules/room-claims.js';
import type PocketBase from 'pocketbase';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { join, makeAssociation, makeRoom } from './rooms-arrange';

// Data set-up for the check-in and no-show tests (docs/rules.md, "Check-in and no-shows"). Bookings that
// run now or ran a moment ago can only be arranged by the system account (a citizen books the future);
// the rooms' check-in requirement is dated back, as if switched on last week.

const MINUTE = 60_000;

/** A PocketBase date `minutes` from now. */
export function fromNow(minutes: number): string {
	return toPbDate(Date.now() + minutes * MINUTE);
}

/** A room that requires check-in: opens 15 minutes before the start, 15 minutes' grace. */
export async function checkinRoom(options: Record<string, unknown> = {}) {
	return makeRoom({
		checkin_required: true,
		checkin_opens_minutes: 15,
		checkin_grace_minutes: 15,
		checkin_since: fromNow(-7 * 24 * 60),
		buffer_minutes: 0,
		...options
	});
}

/** An approved booking arranged by the system, starting `startIn` minutes from now. */
export async function bookingAt(
	user: TestUser,
	room: string,
	startIn: number,
	minutes = 60,
	fields: Record<string, unknown> = {}
) {
	const system = await systemClient();
	return system.collection('bookings').create({
		room,
		booker: user.record.id,
		purpose: 'Møde',
		attendees: 4,
		start: fromNow(startIn),
		end: fromNow(startIn + minutes),
		status: 'approved',
		...fields
	});
}

export function checkIn(pb: PocketBase, id: string) {
	return pb.send(`/api/borgerhus/bookings/${id}/check-in`, { method: 'POST' });
}

export function checkOut(pb: PocketBase, id: string) {
	return pb.send(`/api/borgerhus/bookings/${id}/check-out`, { method: 'POST' });
}

/** Runs the release job now (or as at `now`), for one room, with the system account's route. */
export async function release(room?: string, now?: number) {
	const system = await systemClient();
	return system.send<{ due: number; released: number }>('/api/borgerhus/rooms/release/run', {
		method: 'POST',
		body: { room, now }
	});
}

/** A verified association with an admin, a booker and a plain member. */
export async function arrangeAssociation() {
	const [admin, booker, member, outsider] = await Promise.all([
		createUser({ name: 'Admin Alma' }),
		createUser({ name: 'Booker Bo' }),
		createUser({ name: 'Medlem Mads' }),
		createUser({ name: 'Anden Anders' })
	]);
	const association = await makeAssociation();
	await Promise.all([
		join(association.id, admin, 'admin'),
		join(association.id, booker, 'booker'),
		join(association.id, member, 'member')
	]);
	return { association, admin, booker, member, outsider };
}

/** The room's busy rows (the public projection) as the system reads them. */
export async function busyOf(room: string) {
	const system = await systemClient();
	return system
		.collection('room_busy')
		.getFullList({ filter: system.filter('room = {:room}', { room }), sort: 'start' });
}

/** Notifications of one kind for a user. */
export async function notificationsOf(user: TestUser, kind: string) {
	const system = await systemClient();
	return system.collection('notifications').getFullList({
		filter: system.filter('user = {:user} && kind = {:kind}', { user: user.record.id, kind })
	});
}
