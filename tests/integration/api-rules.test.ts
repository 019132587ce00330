import { describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import {
	createUser,
	guestClient,
	listen,
	PASSWORD,
	systemClient,
	uniqueEmail,
	type TestUser
} from '../helpers/pocketbase';
import { arrangeTitle, placeHold, refusal } from './library-helpers';
import { arrangeEvent, createVolunteer } from './events-helpers';
import { makeRoom, slot, someDay } from './rooms-arrange';
import { world, post } from './associations-helpers';

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
				if (value === '') open.push(`${collection.name}.${rule}`);
			}
		}
		expect(open).toEqual([]);
	});
});

// A rule part comparing a field with the signed-in user reads a guest's id as empty, so it matched every row
// whose field is empty (an invitation to an address without an account has no user): each such part asks for
// a signed-in user first, and a field it compares is required or guarded.
describe('a rule part naming the signed-in user', () => {
	it('matches no guest, through the records API and realtime', async () => {
		const w = await world();
		const address = uniqueEmail('ingen-konto');
		await post(w.admin.pb, `/api/borgerhus/associations/${w.association.id}/invitations`, {
			email: address,
			role: 'member'
		});
		const system = await systemClient();
		const invitation = await system
			.collection('memberships')
			.getFirstListItem(system.filter('email = {:e}', { e: address }));
		expect(invitation.user).toBe('');
		const guest = guestClient();
		const listed = await guest.collection('memberships').getFullList();
		expect(listed.map((m) => m.email)).toEqual([]);
		expect((await refusal(guest.collection('memberships').getOne(invitation.id))).status).toBe(404);
		// a withdrawn one too
		await post(w.admin.pb, `/api/borgerhus/memberships/${invitation.id}/remove`);
		expect(await guest.collection('memberships').getFullList()).toEqual([]);

		// and nothing live: a guest subscribed to every membership hears no new invitation, while staff,
		// subscribed the same way, do (the guest's silence is the rule, not a slow stream)
		const guestStream = await listen(w.admin.pb.baseURL, '', ['memberships/*']);
		const staffStream = await listen(w.staff.pb.baseURL, w.staff.pb.authStore.token, ['memberships/*']);
		try {
			await post(w.admin.pb, `/api/borgerhus/associations/${w.association.id}/invitations`, {
				email: uniqueEmail('ingen-konto'),
				role: 'member'
			});
			await expect.poll(() => staffStream.text(), { timeout: 5_000 }).toContain('event:memberships/*');
			expect(guestStream.text()).not.toContain('event:memberships/*');
		} finally {
			guestStream.close();
			staffStream.close();
		}
	});

	it('is guarded in every rule of the schema, or compares a required field', async () => {
		const system = await systemClient();
		const collections = (await system.collections.getFullList()).filter((c) => !c.system);
		const unguarded: string[] = [];
		for (const collection of collections) {
			for (const rule of ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'] as const) {
				const text = (collection as unknown as Record<string, string | null>)[rule] ?? '';
				for (const part of text.matchAll(
					/(\(@request\.auth\.id != "" && )?([\w.]+) \??= @request\.auth\.id/g
				)) {
					if (part[1]) continue;
					const path = part[2]!;
					const field = collection.fields.find((f) => f.name === path);
					if (path === 'id' || (field && field.required)) continue;
					unguarded.push(`${collection.name}.${rule}: ${path}`);
				}
			}
		}
		expect(unguarded).toEqual([]);
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
			// no account is made through the records API at all: sign-up is a route that sets a citizen's
			// own fields only (account.test.ts)
		).toEqual({ status: 403, code: '', field: '' });

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
		// the owner may cancel, not approve, nor empty the status
		expect(
			await answer(citizen.pb.collection('bookings').update(booking.id, { status: 'approved' }))
		).toEqual(locked('core_field_locked', 'status'));
		expect(await answer(citizen.pb.collection('bookings').update(booking.id, { status: null }))).toEqual(
			locked('core_field_locked', 'status')
		);
		const own = await citizen.pb.collection('signups').create({ shift: shift.id, user: citizen.record.id });
		expect(await answer(citizen.pb.collection('signups').update(own.id, { status: null }))).toEqual(
			locked('events_field_locked', 'status')
		);
		await system.collection('signups').delete(own.id);

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

// docs/rules.md, "The door": PocketBase answers the "every row" part of a filter through a back-relation
// (`x_via_y` with an operator without `?`, or `:each` / `:length` on it) without the related collection's
// list rule, so such a filter would tell a citizen whose holds and loans lie beside their own.
describe('filters through a back-relation', () => {
	async function world() {
		const [holder, prober] = await Promise.all([
			createUser({ name: 'Hanne Holder' }),
			createUser({ name: 'Peter Prøver' })
		]);
		const { title } = await arrangeTitle({ copies: 1, onShelf: 0 });
		await placeHold(holder.pb, title.id, holder.record.id);
		// a row of the prober's own on the title, which is all the probe needed
		const own = await placeHold(prober.pb, title.id, prober.record.id);
		await prober.pb.collection('holds').update(own.id, { status: 'cancelled' });
		return { holder, prober, title, own };
	}

	it('refuses "every row" comparisons with a code and answers the "any row" ones by the rules', async () => {
		const { holder, prober, own } = await world();
		const probes = [
			`title.holds_via_title.patron != "${holder.record.id}"`,
			`title.holds_via_title.patron = "${holder.record.id}"`,
			`title.holds_via_title.patron.name:each !~ "Hanne%"`,
			`title.holds_via_title:length > 1`,
			`title.holds_via_title.status:each != "waiting"`,
			`"${holder.record.id}" != title.holds_via_title.patron`,
			`(id != "" && (title.holds_via_title.patron.name != "x"))`
		];
		for (const filter of probes) {
			const result = await refusal(prober.pb.collection('holds').getList(1, 10, { filter }));
			expect(result, filter).toEqual({ status: 400, code: 'core_filter_through_relation' });
		}
		// the "any row" forms go through PocketBase's list rule: only the prober's own row answers
		const any = await prober.pb.collection('holds').getList(1, 10, {
			filter: `title.holds_via_title.patron ?= "${prober.record.id}"`
		});
		expect(any.items.map((h) => h.id)).toEqual([own.id]);
		const other = await prober.pb.collection('holds').getList(1, 10, {
			filter: `title.holds_via_title.patron ?= "${holder.record.id}"`
		});
		expect(other.items).toEqual([]);
	});

	it('refuses a sort through a back-relation, which drops the rows whose related rows the caller may not see', async () => {
		const { prober, title } = await world();
		const guest = guestClient();
		for (const [pb, collection, sort] of [
			[guest, 'titles', 'holds_via_title.id'],
			[guest, 'titles', '-loans_via_title.id'],
			[guest, 'events', 'title,registrations_via_event.id'],
			[prober.pb, 'titles', 'HOLDS_VIA_TITLE.created']
		] as const) {
			const result = await refusal(pb.collection(collection).getList(1, 500, { sort }));
			expect(result, sort).toEqual({ status: 400, code: 'core_sort_through_relation' });
		}
		// a sort by the collection's own fields, or by a forward relation, is the list as it is
		const sorted = await guest.collection('titles').getList(1, 1, {
			sort: '-created,title',
			filter: guest.filter('id = {:id}', { id: title.id })
		});
		expect(sorted.items.map((t) => t.id)).toEqual([title.id]);
		const holds = await prober.pb.collection('holds').getList(1, 10, { sort: 'title.title,-created' });
		expect(holds.items.length).toBeGreaterThan(0);
	});

	it('refuses a filter or sort naming a hidden field with a code, the same for a match and a miss', async () => {
		const citizen = await createUser();
		const room = await makeRoom();
		const booking = await citizen.pb.collection('bookings').create({
			room: room.id,
			booker: citizen.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(someDay(), '10:00', '11:00')
		});
		const guest = guestClient();
		const hidden = { status: 400, code: 'core_filter_field_hidden' };
		for (const id of [booking.id, 'xxxxxxxxxxxxxxx']) {
			for (const [collection, filter] of [
				['room_busy', `source = "${id}"`],
				['room_busy', `room = "${room.id}" && source:lower ~ "${id}"`],
				['rooms', `room_busy_via_room.source ?= "${id}"`],
				['rooms', `@collection.room_busy.source ?= "${id}"`]
			] as const) {
				const result = await refusal(guest.collection(collection).getList(1, 10, { filter }));
				expect(result, filter).toEqual(hidden);
			}
		}
		expect(await refusal(guest.collection('room_busy').getList(1, 10, { sort: 'source' }))).toEqual(hidden);
		// a collection for superusers only answers as before, without a word about its fields
		expect(await refusal(guest.collection('_superusers').getList(1, 10, { sort: 'tokenKey' }))).toEqual({
			status: 403,
			code: ''
		});
		for (const sort of ['booker.password', '-booker.tokenKey', 'start,booker.calendar_token']) {
			const result = await refusal(citizen.pb.collection('bookings').getList(1, 10, { sort }));
			expect(result, sort).toEqual(hidden);
		}
		for (const filter of ['booker.password != ""', `booker.tokenKey ~ "a"`]) {
			const result = await refusal(citizen.pb.collection('bookings').getList(1, 10, { filter }));
			expect(result, filter).toEqual(hidden);
		}
		// the word in a searched text is no field; the collection's visible fields filter and sort as before
		const busy = await guest.collection('room_busy').getList(1, 10, {
			filter: guest.filter('room = {:r} && label != {:w}', { r: room.id, w: 'source' }),
			sort: '-start'
		});
		expect(busy.items).toHaveLength(1);
		const mine = await citizen.pb.collection('bookings').getList(1, 10, {
			filter: citizen.pb.filter('purpose != {:p} && booker.name != ""', { p: 'password' }),
			sort: 'booker.name,-start'
		});
		expect(mine.items.map((b) => b.id)).toEqual([booking.id]);
	});

	it('refuses the same filter on a HEAD request, which PocketBase answers with the same query', async () => {
		const { holder, prober } = await world();
		const filter = encodeURIComponent(`title.holds_via_title.patron != "${holder.record.id}"`);
		const head = await fetch(`${prober.pb.baseURL}/api/collections/holds/records?filter=${filter}`, {
			method: 'HEAD',
			headers: { Authorization: prober.pb.authStore.token }
		});
		expect(head.status).toBe(400);
	});

	it('refuses realtime subscriptions with options for anyone but a superuser, in every encoding', async () => {
		const { holder, prober } = await world();
		// PocketBase's realtime protocol by hand: the stream names the client, a POST sets its subscriptions
		const abort = new AbortController();
		const stream = await fetch(`${prober.pb.baseURL}/api/realtime`, { signal: abort.signal });
		const reader = stream.body!.getReader();
		let text = '';
		while (!/"clientId":"[^"]+"/.test(text)) {
			const chunk = await reader.read();
			if (chunk.done) throw new Error('the realtime stream closed before naming the client');
			text += new TextDecoder().decode(chunk.value);
		}
		const clientId = /"clientId":"([^"]+)"/.exec(text)![1]!;
		const options = encodeURIComponent(
			JSON.stringify({ query: { filter: `title.holds_via_title.patron != "${holder.record.id}"` } })
		);
		const send = (body: string, type = 'application/json') =>
			fetch(`${prober.pb.baseURL}/api/realtime`, {
				method: 'POST',
				headers: { 'Content-Type': type, Authorization: prober.pb.authStore.token },
				body
			});
		try {
			const refusals = [
				send(JSON.stringify({ clientId, subscriptions: [`holds/*?options=${options}`] })),
				send(JSON.stringify({ clientId, Subscriptions: [`holds/*?options=${options}#x`] })),
				// the key with a long s, which Go's JSON decoding folds to an s as it does the letter case
				send(JSON.stringify({ clientId, ['\u017Fubscriptions']: [`holds/*?options=${options}`] })),
				// the question mark as a JSON escape, which Go decodes
				send(`{"clientId":"${clientId}","subscriptions":["holds/*\\u003foptions=${options}"]}`),
				send(
					`clientId=${clientId}&subscriptions=${encodeURIComponent(`holds/*?options=${options}`)}`,
					'application/x-www-form-urlencoded'
				)
			];
			for (const refused of await Promise.all(refusals)) {
				expect(refused.status).toBe(400);
				expect(JSON.stringify(await refused.json())).toContain('core_realtime_options');
			}
			// a topic without options is PocketBase's as before: each record by its own view rule
			const plain = await send(JSON.stringify({ clientId, subscriptions: ['holds/*'] }));
			expect(plain.status).toBe(204);
		} finally {
			abort.abort();
		}
	});
});

// docs/rules.md, "The door": the server names new records; an id of the client's choosing would win a tie
// in a queue, which orders by the time placed and then by id.
describe('an id chosen by the client', () => {
	it('is refused on a create by anyone but a superuser, and nothing is stored', async () => {
		const patron = await createUser();
		const { title } = await arrangeTitle({ copies: 1, onShelf: 0 });
		const id = `0000${Math.random().toString(36).slice(2, 13).padEnd(11, '0')}`;
		expect(
			await refusal(patron.pb.collection('holds').create({ id, title: title.id, patron: patron.record.id }))
		).toEqual({ status: 400, code: 'core_field_locked' });
		const system = await systemClient();
		expect(await refusal(system.collection('holds').getOne(id))).toMatchObject({ status: 404 });
		// without one, the server names it
		const hold = await patron.pb.collection('holds').create({ title: title.id, patron: patron.record.id });
		expect(hold.id).toMatch(/^[a-z0-9]{15}$/);
	});
});

describe('an id changed by an update', () => {
	it('is refused by field for anyone but a superuser, and nothing changes', async () => {
		const staff = await createUser({ staff: true });
		const { title } = await arrangeTitle({ copies: 1, onShelf: 0 });
		const id = `0000${Math.random().toString(36).slice(2, 13).padEnd(11, '0')}`;
		expect(await refusal(staff.pb.collection('titles').update(title.id, { id, title: 'Nyt navn' }))).toEqual({
			status: 400,
			code: 'core_field_locked'
		});
		const system = await systemClient();
		expect((await system.collection('titles').getOne(title.id)).title).toBe(title.title);
		expect(await refusal(system.collection('titles').getOne(id))).toMatchObject({ status: 404 });
		// its own id sent back with the rest (a form that echoes the record) is no change
		expect((await staff.pb.collection('titles').update(title.id, { id: title.id, year: 2001 })).year).toBe(
			2001
		);
	});
});

// PocketBase's batch endpoint runs each write without the router middleware (the door's filter, body and
// id checks), so only superusers may use it, even if the setting were switched on.
describe('the batch endpoint', () => {
	it('is refused to everyone but a superuser, whatever the settings say', async () => {
		const system = await systemClient();
		const patron = await createUser();
		const { title } = await arrangeTitle({ copies: 1, onShelf: 0 });
		const id = `0000${Math.random().toString(36).slice(2, 13).padEnd(11, '0')}`;
		const body = {
			requests: [
				{
					method: 'POST',
					url: '/api/collections/holds/records',
					body: { id, title: title.id, patron: patron.record.id }
				}
			]
		};
		await system.settings.update({ batch: { enabled: true, maxRequests: 10, timeout: 3 } });
		try {
			for (const pb of [patron.pb, guestClient()]) {
				expect(await refusal(pb.send('/api/batch', { method: 'POST', body }))).toEqual({
					status: 403,
					code: 'core_forbidden'
				});
			}
			expect(await refusal(system.collection('holds').getOne(id))).toMatchObject({ status: 404 });
		} finally {
			await system.settings.update({ batch: { enabled: false } });
		}
	});
});
