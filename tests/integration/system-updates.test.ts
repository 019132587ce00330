import { describe, expect, it } from 'vitest';
import { createUser, systemClient } from '../helpers/pocketbase';
import { makeAssociation, membership } from './associations-helpers';
import { houseDate, makeRoom } from './rooms-arrange';
import { makeSeason, seasonRooms } from './season-arrange';

// The system account's update through the record API (maintenance, an import) of a collection the house's
// routes otherwise write alone, at the same moment as such a route's transition of the same row: many rows at
// once, each with both writes, so the two meet. The transition stays, and so does the system's change.
const ROWS = 60;

/** Waits 0-25 ms, then does `write`: the two writes of a row reach PocketBase in either order. */
const jittered = <T>(write: () => Promise<T>) =>
	new Promise((resolve) => setTimeout(resolve, Math.random() * 25)).then(write);

describe("a system update at the moment of a route's transition", () => {
	it('keeps a membership the member left, and the role the system gave', async () => {
		const system = await systemClient();
		const association = await makeAssociation();
		await membership(association.id, await createUser(), 'admin');
		const people = await Promise.all(Array.from({ length: ROWS }, () => createUser()));
		const rows = await Promise.all(people.map((person) => membership(association.id, person, 'member')));
		const outcomes = await Promise.all(
			rows.map((row, i) =>
				Promise.allSettled([
					jittered(() =>
						people[i]!.pb.send(`/api/borgerhus/memberships/${row.id}/leave`, { method: 'POST' })
					),
					jittered(() => system.collection('memberships').update(row.id, { role: 'booker' }))
				])
			)
		);
		expect(outcomes.flat().filter((o) => o.status === 'rejected')).toEqual([]);
		const after = await Promise.all(rows.map((row) => system.collection('memberships').getOne(row.id)));
		expect(after.filter((row) => row.status !== 'left').map((row) => row.id)).toEqual([]);
		expect(after.filter((row) => row.role !== 'booker').map((row) => row.id)).toEqual([]);
	});

	it('keeps a season booking its booker cancelled, and the purpose the system corrected', async () => {
		const system = await systemClient();
		const citizen = await createUser();
		const room = await makeRoom({ max_upcoming: 0 });
		const series: string[] = [];
		for (let i = 0; i < ROWS; i++) {
			const day = houseDate(40 + i * 2);
			const made = (await citizen.pb.send('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: room.id,
					purpose: 'Kor',
					attendees: 4,
					first_date: day,
					last_date: day,
					interval: 1,
					start_time: '10:00',
					end_time: '11:00'
				}
			})) as { series: string };
			series.push(made.series);
		}
		const outcomes = await Promise.all(
			series.map((id) =>
				Promise.allSettled([
					jittered(() => citizen.pb.send(`/api/borgerhus/series/${id}/cancel`, { method: 'POST', body: {} })),
					jittered(() => system.collection('booking_series').update(id, { purpose: 'Kor (rettet)' }))
				])
			)
		);
		expect(outcomes.flat().filter((o) => o.status === 'rejected')).toEqual([]);
		const after = await Promise.all(series.map((id) => system.collection('booking_series').getOne(id)));
		expect(after.filter((s) => s.status !== 'cancelled').map((s) => s.id)).toEqual([]);
		expect(after.filter((s) => s.purpose !== 'Kor (rettet)').map((s) => s.id)).toEqual([]);
	});

	it('keeps a season round staff closed, and the name the system corrected', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const ids: string[] = [];
		for (let i = 0; i < ROWS; i++) ids.push(await makeSeason(staff, rooms));
		const outcomes = await Promise.all(
			ids.map((id) =>
				Promise.allSettled([
					jittered(() => system.collection('seasons').update(id, { name: `Rettet ${id}` })),
					jittered(() =>
						staff.pb.send(`/api/borgerhus/seasons/${id}/status`, { method: 'POST', body: { to: 'closed' } })
					)
				])
			)
		);
		expect(outcomes.flat().filter((o) => o.status === 'rejected')).toEqual([]);
		const after = await Promise.all(ids.map((id) => system.collection('seasons').getOne(id)));
		expect(after.filter((s) => s.status !== 'closed').map((s) => s.id)).toEqual([]);
		expect(after.filter((s) => s.name !== `Rettet ${s.id}`).map((s) => s.id)).toEqual([]);
	});
});
