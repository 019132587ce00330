import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, guestClient } from '../helpers/pocketbase';
import { outcome } from '../helpers/scenarios';
import { activity, club, makeSeason, seasonRooms, send, slotId, system } from './season-arrange';

// Staff's note on a line they set by hand is staff's (docs/rules.md, "Season application round"): the line
// the association reads carries the reason code only, and staff read the note from the season's overrides.

const NOTE = 'INTERNT: formanden har klaget over dem';

describe('a line staff set by hand', () => {
	it('shows the association its reason code and never staff’s note; staff still read the note', async () => {
		const staff = await createUser({ staff: true });
		const rooms = await seasonRooms();
		const season = await makeSeason(staff, rooms);
		const choir = await club();
		await send(choir.admin.pb, `/api/borgerhus/seasons/${season}/apply`, {
			declared_section4: true,
			association: choir.id,
			activities: [activity('Kor', [slotId(rooms.big, 'mon', '17:00')])]
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'closed' });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/draft`);
		const sys = await system();
		const [line] = await sys.collection('season_lines').getFullList({ filter: `season = "${season}"` });
		await send(staff.pb, `/api/borgerhus/seasons/${season}/adjust`, {
			activity: line!.activity,
			slot: slotId(rooms.small, 'tue', '17:00'),
			code: 'house_need',
			note: NOTE
		});
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'draft_published' });

		// the booker reads the line: moved, with the reason code, no note
		const lines = await choir.booker.pb
			.collection('season_lines')
			.getFullList({ filter: `season = "${season}"` });
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ slot: slotId(rooms.small, 'tue', '17:00'), via: 'override' });
		expect(lines[0]!.reason.override).toEqual({ code: 'house_need' });
		expect(JSON.stringify(lines)).not.toContain('INTERNT');
		// nor is the note stored on the line at all
		expect(JSON.stringify(await sys.collection('season_lines').getOne(line!.id))).not.toContain('INTERNT');
		// nor does any route the association reaches carry it, nor the staff route of the notes
		const notes = `/api/borgerhus/seasons/${season}/notes`;
		expect((await outcome(choir.admin.pb.send(notes, { method: 'GET' }))).status).toBe(403);
		expect((await outcome(guestClient().send(notes, { method: 'GET' }))).status).toBeGreaterThanOrEqual(400);
		const sessions = await Promise.all(
			[choir.admin, choir.booker].map(async (who) => {
				const session = new AppSession();
				expect((await session.signIn(who.email, who.password)).status).toBe(303);
				return session;
			})
		);
		const read = async () => {
			for (const session of sessions) {
				for (const path of [
					`/saeson/${season}`,
					`/saeson/${season}?forening=${choir.id}`,
					`/saeson/${season}/plan`,
					'/mine-data',
					'/mine-data/eksport.json'
				]) {
					const text = await (await session.get(path)).text();
					expect(text, path).not.toContain('INTERNT');
				}
			}
		};
		await read();
		// the association's page gives the reason in words
		expect(await (await sessions[1]!.get(`/saeson/${season}`)).text()).toContain('husets behov');

		// staff read the note from the season, on the route and on the season's staff page
		const staffNotes = (await staff.pb.send(notes, { method: 'GET' })) as {
			overrides: { activity: string; code: string; note: string }[];
		};
		expect(staffNotes.overrides).toEqual([{ activity: line!.activity, code: 'house_need', note: NOTE }]);
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		expect(await (await desk.get(`/personale/saeson/${season}`)).text()).toContain(NOTE);

		// the final plan and its bookings carry no note either
		await send(staff.pb, `/api/borgerhus/seasons/${season}/status`, { to: 'final' });
		const plan = await guestClient().send(`/api/borgerhus/seasons/${season}/plan`, {});
		expect(JSON.stringify(plan)).not.toContain('INTERNT');
		expect(
			JSON.stringify(
				await choir.booker.pb.collection('season_lines').getFullList({ filter: `season = "${season}"` })
			)
		).not.toContain('INTERNT');
		await read();
		expect(await (await desk.get(`/personale/saeson/${season}`)).text()).toContain(NOTE);
	});
});
