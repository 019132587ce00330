// Data set-up for the association and membership tests: one association with a person in every relation
// to it, and a second association whose members must never leak.
import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { addDays, localParts, localToUtc } from '$rules/rooms-policy.js';
import { toPbDate } from '$rules/room-claims.js';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { validCvrNumber } from '../helpers/cvr';

export type Status = 'invited' | 'active' | 'declined' | 'blocked' | 'removed' | 'left';
export type Role = 'admin' | 'booker' | 'member';

export async function makeAssociation(options: { verified?: boolean; name?: string } = {}) {
	const system = await systemClient();
	return system.collection('associations').create({
		name: options.name ?? `Forening ${randomUUID().slice(0, 6)}`,
		cvr: validCvrNumber(),
		verified: options.verified ?? true
	});
}

/** A membership row as the system loads it (arranging only; the routes are what is tested). */
export async function membership(association: string, user: TestUser, role: Role, status: Status = 'active') {
	const system = await systemClient();
	return system.collection('memberships').create({
		association,
		user: user.record.id,
		role,
		status,
		email: status === 'invited' ? user.email : ''
	});
}

export interface World {
	association: { id: string; name: string; cvr: string };
	other: { id: string; name: string };
	admin: TestUser;
	booker: TestUser;
	member: TestUser;
	invited: TestUser;
	former: TestUser;
	blocked: TestUser;
	citizen: TestUser;
	staff: TestUser;
	outsider: TestUser;
	ids: Record<'admin' | 'booker' | 'member' | 'invited' | 'former' | 'blocked' | 'outsider', string>;
}

/** Everyone in their relation to one verified association, plus a member of another association. */
export async function world(options: { verified?: boolean } = {}): Promise<World> {
	const [association, other] = await Promise.all([
		makeAssociation({ verified: options.verified ?? true }),
		makeAssociation({ verified: true })
	]);
	const [admin, booker, member, invited, former, blocked, citizen, staff, outsider] = await Promise.all([
		createUser({ name: 'Anna Admin' }),
		createUser({ name: 'Bo Booker' }),
		createUser({ name: 'Mia Medlem' }),
		createUser({ name: 'Ida Inviteret' }),
		createUser({ name: 'Finn Forhenværende' }),
		createUser({ name: 'Bent Blokeret' }),
		createUser({ name: 'Carl Borger' }),
		createUser({ staff: true, name: 'Sara Personale' }),
		createUser({ name: 'Otto Anden' })
	]);
	const a = association.id;
	const rows = await Promise.all([
		membership(a, admin, 'admin'),
		membership(a, booker, 'booker'),
		membership(a, member, 'member'),
		membership(a, invited, 'booker', 'invited'),
		membership(a, former, 'admin', 'left'),
		membership(a, blocked, 'member', 'blocked'),
		membership(other.id, outsider, 'admin')
	]);
	return {
		association: { id: a, name: association.name, cvr: association.cvr },
		other: { id: other.id, name: other.name },
		admin,
		booker,
		member,
		invited,
		former,
		blocked,
		citizen,
		staff,
		outsider,
		ids: {
			admin: rows[0].id,
			booker: rows[1].id,
			member: rows[2].id,
			invited: rows[3].id,
			former: rows[4].id,
			blocked: rows[5].id,
			outsider: rows[6].id
		}
	};
}

const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);

export async function makeAssociationRoom() {
	const system = await systemClient();
	return system.collection('rooms').create({
		name: `Foreningslokale ${randomUUID().slice(0, 6)}`,
		slug: `forening-${randomUUID().slice(0, 12)}`,
		capacity: 10,
		who_may_book: 'associations',
		requires_approval: true,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 1000,
		cancel_hours: 48,
		active: true
	});
}

/** A free one-hour slot at a random day far ahead, as PocketBase stores it. */
export function slot(): { start: string; end: string } {
	const date = addDays(localParts(Date.now()).date, 30 + Math.floor(Math.random() * 600));
	const hour = 8 + Math.floor(Math.random() * 13);
	const at = (h: number) => toPbDate(localToUtc(date, `${String(h).padStart(2, '0')}:00`)!);
	return { start: at(hour), end: at(hour + 1) };
}

/** POSTs to one of the association routes with the client's own token. */
export function post(pb: PocketBase, path: string, body: Record<string, unknown> = {}) {
	return pb.send(path, { method: 'POST', body });
}
