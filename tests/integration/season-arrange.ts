// Data set-up for the season round tests: rooms without buffers, associations with an admin and a booker,
// and a season over the spring daylight-saving change.
import type PocketBase from 'pocketbase';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { makeAssociation, membership } from './associations-helpers';
import { makeRoom } from './rooms-arrange';
import { localParts } from '$rules/rooms-policy.js';

export interface Club {
	id: string;
	name: string;
	admin: TestUser;
	booker: TestUser;
}

export async function club(options: { verified?: boolean } = {}): Promise<Club> {
	const association = await makeAssociation({ verified: options.verified ?? true });
	const [admin, booker] = await Promise.all([createUser(), createUser()]);
	await membership(association.id, admin, 'admin');
	await membership(association.id, booker, 'booker');
	return { id: association.id, name: association.name, admin, booker };
}

/** March 1 to April 25 of the next spring still ahead: the clocks go forward in the middle. */
export function springPeriod(): { first_date: string; last_date: string } {
	const today = localParts(Date.now()).date;
	const year = Number(today.slice(0, 4)) + (today.slice(5) >= '02-15' ? 1 : 0);
	return { first_date: `${year}-03-01`, last_date: `${year}-04-25` };
}

export async function seasonRooms() {
	const [big, small] = await Promise.all([
		makeRoom({ capacity: 30, step_free: true, buffer_minutes: 0 }),
		makeRoom({ capacity: 10, step_free: false, buffer_minutes: 0 })
	]);
	return { big: big.id, small: small.id };
}

export function send(pb: PocketBase, path: string, body?: Record<string, unknown>, method = 'POST') {
	return pb.send(path, { method, body });
}

/** A season set up by staff; `open` moves it to "open" with the window around now. */
export async function makeSeason(
	staff: TestUser,
	rooms: { big: string; small: string },
	extra: Record<string, unknown> = {},
	open = true
): Promise<string> {
	const hour = 3600_000;
	const body = {
		name: `Sæson ${Math.random().toString(36).slice(2, 7)}`,
		...springPeriod(),
		slots: [
			{ room: rooms.big, weekday: 'mon', start: '17:00', end: '19:00' },
			{ room: rooms.big, weekday: 'tue', start: '17:00', end: '19:00' },
			{ room: rooms.small, weekday: 'mon', start: '17:00', end: '19:00' },
			{ room: rooms.small, weekday: 'tue', start: '17:00', end: '19:00' },
			{ room: rooms.small, weekday: 'tue', start: '19:00', end: '21:00' },
			{ room: rooms.small, weekday: 'wed', start: '17:00', end: '19:00' },
			{ room: rooms.small, weekday: 'wed', start: '19:00', end: '21:00' },
			{ room: rooms.small, weekday: 'thu', start: '17:00', end: '19:00' }
		],
		apply_from: new Date(Date.now() - hour).toISOString(),
		apply_until: new Date(Date.now() + hour).toISOString(),
		tiers: ['children', 'education', 'adults'],
		tie_breakers: ['history'],
		leftovers: 'fcfs',
		...extra
	};
	const created = (await send(staff.pb, '/api/borgerhus/seasons', body)) as { id: string };
	if (open) await send(staff.pb, `/api/borgerhus/seasons/${created.id}/status`, { to: 'open' });
	return created.id;
}

/** Closes the round's window, makes its draft and publishes it (`by` is staff). */
export async function publishDraft(by: PocketBase, season: string): Promise<void> {
	await send(by, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
	await send(by, `/api/borgerhus/seasons/${season}/draft`);
	await send(by, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });
}

/**
 * A season round with one association's application (Monday 17:00 in the big room) whose draft is out: the
 * state objections are made in. `by` is staff.
 */
export async function draftOut(by: TestUser) {
	const rooms = await seasonRooms();
	const season = await makeSeason(by, rooms);
	const a = await club();
	await send(a.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
		declared_section4: true,
		association: a.id,
		activities: [activity('A', [slotId(rooms.big, 'mon', '17:00')])]
	});
	await publishDraft(by.pb, season);
	return { rooms, season, a };
}

export const slotId = (room: string, weekday: string, start: string) =>
	`${room}-${weekday}-${start.replace(':', '')}`;

export function activity(name: string, wishes: string[], extra: Record<string, unknown> = {}) {
	return {
		name,
		age_group: 'adults',
		adult_kind: 'other',
		participants: 8,
		flexibility: 'none',
		wishes: wishes.map((slot) => ({ slot, every: 1 })),
		...extra
	};
}

export async function system(): Promise<PocketBase> {
	return systemClient();
}

/**
 * A season in its final plan with two verified associations, A and B, each with one activity that got its
 * wished time: A's `activityA` (by default "A", 8 participants, the big room Monday 17:00) and B's
 * `activityB` (by default "B", the big room Tuesday 17:00). Answers their booked lines as the system reads them.
 */
export async function finalPlan(
	options: {
		extra?: Record<string, unknown>;
		activityA?: (rooms: { big: string; small: string }) => Record<string, unknown>;
		activityB?: (rooms: { big: string; small: string }) => Record<string, unknown>;
	} = {}
) {
	const staff = await createUser({ staff: true });
	const rooms = await seasonRooms();
	const season = await makeSeason(staff, rooms, options.extra ?? {});
	const [a, b] = await Promise.all([club(), club()]);
	const applyFor = (who: Club, one: Record<string, unknown>) =>
		send(who.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
			association: who.id,
			declared_section4: true,
			activities: [one]
		});
	await applyFor(a, options.activityA?.(rooms) ?? activity('A', [slotId(rooms.big, 'mon', '17:00')]));
	await applyFor(b, options.activityB?.(rooms) ?? activity('B', [slotId(rooms.big, 'tue', '17:00')]));
	for (const to of ['closed', 'draft', 'draft_published', 'final']) {
		if (to === 'draft') await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		else await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to });
	}
	const sys = await system();
	const lines = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
	const lineOf = (c: Club) => lines.find((l) => l.association === c.id)!;
	return { staff, rooms, season, a, b, lineA: lineOf(a), lineB: lineOf(b), sys };
}
