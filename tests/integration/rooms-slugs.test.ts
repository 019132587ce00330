import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { codesOf, outcome } from '../helpers/scenarios';
import { makeRoom } from './rooms-arrange';
import { bookingAt, checkinRoom, release } from './rooms-checkin-arrange';

// A room keeps the addresses it had (docs/rules.md, "Rooms and closures"): a renamed room's printed door
// signs and their QR codes lead to the room under its slug now, and no other room takes a former slug.

const MINUTE = 60_000;

const newSlug = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function stored(id: string) {
	return (await systemClient()).collection('rooms').getOne(id);
}

/** Staff rename the room's slug, as the staff room page saves it. */
async function rename(staff: TestUser, id: string, slug: string) {
	return staff.pb.collection('rooms').update(id, { slug });
}

async function refused(request: Promise<unknown>) {
	const result = await outcome(request);
	return { status: result.status, codes: codesOf(result.body) };
}

/** Where the app sends a request, and how. */
function sentOn(response: Response) {
	return { status: response.status, location: response.headers.get('location') };
}

describe('a room keeps the addresses it had', () => {
	it('keeps the old slug when staff rename it, one after another', async () => {
		const staff = await createUser({ staff: true });
		const [first, second, third] = [newSlug('foer'), newSlug('mellem'), newSlug('nu')];
		const room = await makeRoom({ slug: first });
		expect((await rename(staff, room.id, second)).former_slugs).toEqual([first]);
		await rename(staff, room.id, third);
		expect(await stored(room.id)).toMatchObject({ slug: third, former_slugs: [first, second] });
		// a save that leaves the slug as it is keeps them
		await staff.pb.collection('rooms').update(room.id, { capacity: 12 });
		expect((await stored(room.id)).former_slugs).toEqual([first, second]);
		// each rename is in the staff log with the slug it left
		const system = await systemClient();
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:id} && action = "rooms_update"', { id: room.id }),
			sort: 'created'
		});
		expect(audit.map((x) => x.details.slug).sort()).toEqual([second, third, third].sort());
	});

	it('sends the old addresses of its pages, sign and check-in on to the new, with the rest of the address', async () => {
		const staff = await createUser({ staff: true });
		const [old, now] = [newSlug('gammel'), newSlug('ny')];
		const room = await checkinRoom({ slug: old });
		await rename(staff, room.id, now);
		const guest = new AppSession();
		expect(sentOn(await guest.get(`/lokaler/${old}`))).toEqual({ status: 308, location: `/lokaler/${now}` });
		expect(sentOn(await guest.get(`/lokaler/${old}?fra=2030-01-07&antal=3`))).toEqual({
			status: 308,
			location: `/lokaler/${now}?fra=2030-01-07&antal=3`
		});
		expect(sentOn(await guest.get(`/lokaler/${old}/skilt?format=a4`))).toEqual({
			status: 308,
			location: `/lokaler/${now}/skilt?format=a4`
		});
		expect(sentOn(await guest.get(`/lokaler/${old}/skilt/data`))).toEqual({
			status: 308,
			location: `/lokaler/${now}/skilt/data`
		});
		// the sign at its new address prints the QR code of the new check-in address
		const sign = await guest.get(`/lokaler/${now}/skilt?format=a4`);
		expect(sign.status).toBe(200);
		const html = await sign.text();
		expect(html).toContain(`/lokaler/${now}/tjek-ind`);
		expect(html).not.toContain(`/lokaler/${old}/`);
		// PocketBase's door route reads the old slug as the room, and names its slug now
		const door = await fetch(new URL(`/api/borgerhus/screens/rooms/${old}`, (await systemClient()).baseURL));
		expect(door.status).toBe(200);
		expect(((await door.json()) as { room: { slug: string } }).room.slug).toBe(now);

		const owner = await createUser();
		const session = new AppSession();
		await session.signIn(owner.email, owner.password);
		expect(sentOn(await session.get(`/lokaler/${old}/tjek-ind`))).toEqual({
			status: 308,
			location: `/lokaler/${now}/tjek-ind`
		});
		expect(sentOn(await session.get(`/lokaler/${old}/saeson`))).toEqual({
			status: 308,
			location: `/lokaler/${now}/saeson`
		});
		// a booking form posted to the old address is posted again to the new (307 keeps the form)
		expect(sentOn(await session.post(`/lokaler/${old}?/book`, { purpose: 'Møde' }))).toEqual({
			status: 307,
			location: `/lokaler/${now}?/book`
		});
		// an address no room ever had is still not found
		expect((await guest.get(`/lokaler/${newSlug('aldrig')}/skilt`)).status).toBe(404);
		expect((await guest.get(`/lokaler/${newSlug('aldrig')}`)).status).toBe(404);
	});

	it('checks in through the old QR address, and the booking is not released as a no-show', async () => {
		const staff = await createUser({ staff: true });
		const [old, now] = [newSlug('dor'), newSlug('doer')];
		const room = await checkinRoom({ slug: old });
		const owner = await createUser();
		const booking = await bookingAt(owner, room.id, -5);
		await rename(staff, room.id, now);
		const session = new AppSession();
		await session.signIn(owner.email, owner.password);
		// scanning the old sign: the check-in page under the new address offers "Vi er her"
		const scanned = await session.get(`/lokaler/${old}/tjek-ind`);
		expect(sentOn(scanned)).toEqual({ status: 308, location: `/lokaler/${now}/tjek-ind` });
		const page = await (await session.get(scanned.headers.get('location')!)).text();
		expect(page).toMatch(/<button[^>]*>\s*Vi er her\s*<\/button>/);
		// "Vi er her" posted to the old address (a page opened before the rename) checks in, then shows the
		// page at the new address
		const done = await session.post(`/lokaler/${old}/tjek-ind?/checkIn`, { id: booking.id });
		expect(sentOn(done)).toEqual({ status: 303, location: `/lokaler/${now}/tjek-ind` });
		const system = await systemClient();
		expect((await system.collection('bookings').getOne(booking.id)).checked_in_at).not.toBe('');
		expect((await release(room.id, Date.now() + 30 * MINUTE)).released).toBe(0);
		expect((await system.collection('bookings').getOne(booking.id)).status).toBe('approved');
	});

	it('lets no other room take a former slug, on create or on update', async () => {
		const staff = await createUser({ staff: true });
		const [old, now] = [newSlug('taget'), newSlug('flyttet')];
		const room = await makeRoom({ slug: old });
		await rename(staff, room.id, now);
		const other = await makeRoom();
		const system = await systemClient();
		const before = await system
			.collection('rooms')
			.getFullList({ filter: system.filter('slug = {:old}', { old }) });
		expect(before).toEqual([]);
		expect(
			await refused(
				staff.pb.collection('rooms').create({
					name: 'Nyt lokale',
					slug: old,
					capacity: 5,
					who_may_book: 'citizens',
					active: true
				})
			)
		).toEqual({ status: 400, codes: ['rooms_slug_former'] });
		expect(await refused(rename(staff, other.id, old))).toEqual({
			status: 400,
			codes: ['rooms_slug_former']
		});
		// the system account is held to it as well
		expect(await refused(system.collection('rooms').update(other.id, { slug: old }))).toEqual({
			status: 400,
			codes: ['rooms_slug_former']
		});
		// nothing changed: no room has the slug, the other keeps its own, the old address leads to the room
		expect(
			await system.collection('rooms').getFullList({ filter: system.filter('slug = {:old}', { old }) })
		).toEqual([]);
		expect((await stored(other.id)).slug).toBe(other.slug);
		expect(await stored(room.id)).toMatchObject({ slug: now, former_slugs: [old] });
		expect(sentOn(await new AppSession().get(`/lokaler/${old}`))).toEqual({
			status: 308,
			location: `/lokaler/${now}`
		});
	});

	it('is the server’s: staff can neither set nor change the former slugs through the record API', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const [old, now] = [newSlug('laast'), newSlug('laast-ny')];
		const room = await makeRoom({ slug: old });
		await rename(staff, room.id, now);
		for (const value of [[], null, [newSlug('fremmed')], [old]]) {
			expect(await refused(staff.pb.collection('rooms').update(room.id, { former_slugs: value }))).toEqual({
				status: 400,
				codes: ['core_field_locked']
			});
		}
		expect(
			await refused(staff.pb.collection('rooms').update(room.id, { slug: newSlug('med'), former_slugs: [] }))
		).toEqual({ status: 400, codes: ['core_field_locked'] });
		expect(
			await refused(
				staff.pb.collection('rooms').create({
					name: 'Nyt lokale',
					slug: newSlug('oprettet'),
					capacity: 5,
					who_may_book: 'citizens',
					active: true,
					former_slugs: [newSlug('fremmed')]
				})
			)
		).toEqual({ status: 400, codes: ['core_field_locked'] });
		expect(
			(await outcome(citizen.pb.collection('rooms').update(room.id, { former_slugs: [] }))).status
		).not.toBe(200);
		expect(await stored(room.id)).toMatchObject({ slug: now, former_slugs: [old] });
	});

	it('takes one of its own former slugs back, which leaves the list', async () => {
		const staff = await createUser({ staff: true });
		const [old, now] = [newSlug('tilbage'), newSlug('vaek')];
		const room = await makeRoom({ slug: old });
		await rename(staff, room.id, now);
		expect((await rename(staff, room.id, old)).former_slugs).toEqual([now]);
		expect(await stored(room.id)).toMatchObject({ slug: old, former_slugs: [now] });
		const guest = new AppSession();
		expect((await guest.get(`/lokaler/${old}`)).status).toBe(200);
		expect(sentOn(await guest.get(`/lokaler/${now}/skilt`))).toEqual({
			status: 308,
			location: `/lokaler/${old}/skilt`
		});
	});
});
