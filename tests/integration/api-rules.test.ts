import { describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import {
	createUser,
	guestClient,
	PASSWORD,
	systemClient,
	uniqueEmail,
	type TestUser
} from '../helpers/pocketbase';
import { arrangeTitle } from './library-helpers';
import { arrangeEvent, createVolunteer } from './events-helpers';
import { makeRoom, slot, someDay } from './rooms-arrange';

// docs/rules.md: explicit API rules on every collection, nothing open by accident. A write rule of ""
// would let anyone, guests included, write; the schema must never have one.
describe('API rules of every collection', () => {
	it('has no write rule open to guests', async () => {
		const system = await systemClient();
		const collections = (await system.collections.getFullList()).filter((c) => !c.system);
		expect(collections.length).toBeGreaterThan(10);
		const open: string[] = [];
		for (const collection of collections) {
			for (const rule of ['createRule', 'updateRule', 'deleteRule'] as const) {
				const value = (collection as unknown as Record<string, string | null>)[rule];
				if (value === '' && !(collection.name === 'users' && rule === 'createRule'))
					open.push(`${collection.name}.${rule}`);
			}
		}
		expect(open).toEqual([]);
	});
});

// docs/rules.md, "Bad input at the door": a field a collection's rule forbids its sender gets a coded
// refusal naming it (read from the rule itself), where PocketBase alone answers a bare 400 or 404.
describe('a field the rule forbids', () => {
	/** The status, code and field of a refused write; status 0 when it went through. */
	async function answer(promise: Promise<unknown>) {
		try {
			await promise;
			return { status: 0, code: '', field: '' };
		} catch (err) {
			if (!(err instanceof ClientResponseError)) throw err;
			const data = (err.response?.data ?? {}) as Record<string, { code?: string }>;
			const field = Object.keys(data).find((k) => data[k]?.code) ?? '';
			return { status: err.status, code: data[field]?.code ?? '', field };
		}
	}

	/** A room and an approved booking of the citizen's own in it. */
	async function ownBooking(citizen: TestUser) {
		const room = await makeRoom();
		const booking = await citizen.pb.collection('bookings').create({
			room: room.id,
			booker: citizen.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(someDay(), '10:00', '11:00')
		});
		return { room, booking };
	}

	it('is refused by name on creates and updates, and nothing is stored', async () => {
		const system = await systemClient();
		const citizen = await createVolunteer();
		const other = await createUser();
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const { shift, event } = await arrangeEvent({ places: 3, capacity: 3 });
		const locked = (collection: string, field: string) => ({ status: 400, code: collection, field });

		expect(
			await answer(
				citizen.pb
					.collection('holds')
					.create({ title: title.id, patron: citizen.record.id, copy: copies[0]!.id })
			)
		).toEqual(locked('core_field_locked', 'copy'));
		expect(
			await answer(
				citizen.pb.collection('holds').create({ title: title.id, patron: citizen.record.id, status: 'ready' })
			)
		).toEqual(locked('core_field_locked', 'status'));
		expect(
			await answer(citizen.pb.collection('holds').create({ title: title.id, patron: other.record.id }))
		).toEqual(locked('core_field_locked', 'patron'));
		expect(
			await answer(
				citizen.pb
					.collection('signups')
					.create({ shift: shift.id, user: citizen.record.id, status: 'confirmed' })
			)
		).toEqual(locked('events_field_locked', 'status'));
		expect(
			await answer(
				citizen.pb
					.collection('registrations')
					.create({ event: event.id, user: citizen.record.id, ticket_code: 'MIN-BILLET' })
			)
		).toEqual(locked('events_field_locked', 'ticket_code'));
		expect(
			await answer(citizen.pb.collection('users').update(citizen.record.id, { name: 'Ny', staff: true }))
		).toEqual(locked('core_field_locked', 'staff'));
		expect(
			await answer(
				guestClient()
					.collection('users')
					.create({
						email: uniqueEmail('staff'),
						password: PASSWORD,
						passwordConfirm: PASSWORD,
						name: 'X',
						staff: true
					})
			)
		).toEqual(locked('core_field_locked', 'staff'));

		const { room, booking } = await ownBooking(citizen);
		expect(
			await answer(
				citizen.pb.collection('bookings').create({
					room: room.id,
					booker: other.record.id,
					purpose: 'Møde',
					attendees: 2,
					...slot(someDay(), '12:00', '13:00')
				})
			)
		).toEqual(locked('core_field_locked', 'booker'));
		// the owner may cancel, not approve
		expect(
			await answer(citizen.pb.collection('bookings').update(booking.id, { status: 'approved' }))
		).toEqual(locked('core_field_locked', 'status'));

		const filter = system.filter('patron = {:u} || patron = {:o}', {
			u: citizen.record.id,
			o: other.record.id
		});
		expect(await system.collection('holds').getFullList({ filter })).toEqual([]);
		expect(
			await system
				.collection('signups')
				.getFullList({ filter: system.filter('shift = {:s}', { s: shift.id }) })
		).toEqual([]);
		expect((await system.collection('users').getOne(citizen.record.id)).staff).toBe(false);
		const mine = await system
			.collection('bookings')
			.getFullList({ filter: system.filter('room = {:r}', { r: room.id }) });
		expect(mine.map((b) => [b.booker, b.status])).toEqual([[citizen.record.id, 'approved']]);
	});

	it('leaves what the rule allows alone: a citizen cancels, staff name the citizen at the desk', async () => {
		const citizen = await createUser();
		const { booking } = await ownBooking(citizen);
		expect(
			await answer(
				citizen.pb
					.collection('bookings')
					.update(booking.id, { status: 'cancelled', cancelled_by: citizen.record.id })
			)
		).toEqual({ status: 0, code: '', field: '' });
	});
});
