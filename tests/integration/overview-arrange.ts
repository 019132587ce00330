// Scenario helpers for the overview tests: arrange data with system rights (never the thing under test).
import type PocketBase from 'pocketbase';
import { randomUUID } from 'node:crypto';
import { systemClient } from '../helpers/pocketbase';
import { validCvrNumber } from '../helpers/cvr';

/** A PocketBase date `hours` from now (negative for the past). */
export function inHours(hours: number): string {
	return new Date(Date.now() + hours * 3600_000).toISOString().replace('T', ' ');
}

const unique = () => randomUUID().slice(0, 8);

/** Open around the clock, so the rooms area's opening-hours rule never decides these tests. */
const ALWAYS_OPEN = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '23:59']]])
);

let placeholder = 0;
/**
 * A free, valid slot far ahead (whole hours, 10:00 UTC, a day of its own): bookings are created there
 * and then moved by the system account to the time a test needs, which may lie in the past.
 */
function placeholderSlot(): { start: string; end: string } {
	const day = new Date();
	day.setUTCHours(10, 0, 0, 0);
	const start = new Date(
		day.getTime() + (400 + (placeholder++ % 300)) * 86_400_000 + Math.floor(Math.random() * 5) * 3_600_000
	);
	const end = new Date(start.getTime() + 3_600_000);
	return { start: start.toISOString().replace('T', ' '), end: end.toISOString().replace('T', ' ') };
}

export interface Arranged {
	system: PocketBase;
	room(name?: string): Promise<{ id: string; name: string }>;
	association(memberIds: string[]): Promise<{ id: string; name: string }>;
	booking(o: {
		booker: string;
		room: string;
		start: string;
		end: string;
		status?: string;
		association?: string;
		purpose?: string;
	}): Promise<{ id: string }>;
	title(name?: string): Promise<{ id: string; title: string }>;
	copy(title: string): Promise<{ id: string }>;
	hold(o: {
		patron: string;
		title: string;
		status?: string;
		placed_at?: string;
		pickup_shelf?: string;
		pickup_deadline?: string;
	}): Promise<{ id: string }>;
	loan(o: { patron: string; title: string; due: string; returned_at?: string }): Promise<{ id: string }>;
	event(o?: { title?: string; start?: string; end?: string; registration?: boolean }): Promise<{
		id: string;
		title: string;
	}>;
	shift(o: { event: string; task?: string; start: string; end: string; places?: number }): Promise<{
		id: string;
		task: string;
	}>;
	signup(o: { shift: string; user: string; status?: string }): Promise<{ id: string }>;
	registration(o: { event: string; user: string; status?: string }): Promise<{ id: string }>;
}

export async function arrange(): Promise<Arranged> {
	const system = await systemClient();
	const a: Arranged = {
		system,
		async room(name = `Lokale ${unique()}`) {
			const slug = `ov-${unique()}`;
			const r = await system.collection('rooms').create({
				name,
				slug,
				capacity: 40,
				active: true,
				who_may_book: 'citizens',
				opening_hours: ALWAYS_OPEN
			});
			return { id: r.id, name };
		},
		async association(memberIds) {
			const name = `Forening ${unique()}`;
			const assoc = await system
				.collection('associations')
				.create({ name, cvr: validCvrNumber(), verified: true });
			for (const user of memberIds)
				await system.collection('memberships').create({ association: assoc.id, user, role: 'admin' });
			return { id: assoc.id, name };
		},
		async booking(o) {
			const created = await system.collection('bookings').create({
				attendees: 5,
				status: 'approved',
				purpose: 'Møde',
				...o,
				...placeholderSlot()
			});
			return system.collection('bookings').update(created.id, { start: o.start, end: o.end });
		},
		async title(name = `Bog ${unique()}`) {
			const t = await system.collection('titles').create({ title: name, creator: 'Forfatter', type: 'book' });
			return { id: t.id, title: name };
		},
		async copy(title) {
			return system
				.collection('copies')
				.create({ title, barcode: `ov-${unique()}${unique()}`, shelf: 'A1', status: 'shelf' });
		},
		async hold(o) {
			// Placed like any hold (the library stamps status and placed_at), then set by the system
			// account to the state the test needs; a ready hold gets a new copy (which the library hands
			// to it at once, as it is first in line).
			const created = await system.collection('holds').create({ title: o.title, patron: o.patron });
			const patch: Record<string, unknown> = {
				status: o.status ?? 'waiting',
				placed_at: o.placed_at ?? inHours(-24)
			};
			if (o.status === 'ready') {
				const copy = await system
					.collection('copies')
					.create({ title: o.title, barcode: `ov-${unique()}${unique()}`, shelf: 'A1', status: 'shelf' });
				Object.assign(patch, {
					copy: copy.id,
					pickup_shelf: o.pickup_shelf ?? '',
					pickup_deadline: o.pickup_deadline ?? inHours(48),
					ready_at: inHours(-1)
				});
			}
			return system.collection('holds').update(created.id, patch);
		},
		async loan(o) {
			const copy = await a.copy(o.title);
			return system.collection('loans').create({
				copy: copy.id,
				patron: o.patron,
				title: o.title,
				start: inHours(-72),
				due: o.due,
				returned_at: o.returned_at ?? ''
			});
		},
		async event(o = {}) {
			const title = o.title ?? `Koncert ${unique()}`;
			const e = await system.collection('events').create({
				title,
				start: o.start ?? inHours(24 * 20),
				end: o.end ?? inHours(24 * 20 + 2),
				state: 'published',
				registration: o.registration ?? true,
				capacity: 50,
				category: 'concert'
			});
			return { id: e.id, title };
		},
		async shift(o) {
			const task = o.task ?? `Garderobe ${unique()}`;
			const s = await system
				.collection('shifts')
				.create({ event: o.event, task, start: o.start, end: o.end, places: o.places ?? 2 });
			return { id: s.id, task };
		},
		async signup(o) {
			return system.collection('signups').create({ status: 'confirmed', ...o });
		},
		async registration(o) {
			return system.collection('registrations').create({ status: 'confirmed', ...o });
		}
	};
	return a;
}
