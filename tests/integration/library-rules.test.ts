import { describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { AppSession } from '../helpers/app';
import { createUser, guestClient, systemClient } from '../helpers/pocketbase';
import type { CopyRecord, HoldRecord, LoanRecord } from '../../src/lib/pocketbase-types';
import { MAX_ACTIVE_HOLDS } from '../../pb_hooks/lib/library-queue.js';
import { closingTime, deadlineAfter } from '../../pb_hooks/lib/house.js';
import { addDays, format, localParts, resolveLenient } from '../../pb_hooks/lib/core/time.js';
import { arrangeTitle, checkIn, collect, placeHold, queueInfo, refusal, returnLoan } from './library-helpers';

// docs/rules.md rules 3, 4, 6 for the library, through PocketBase's API with users' own tokens.

describe('placing a hold', () => {
	it('refuses guests, and hides every hold from them', async () => {
		const { title } = await arrangeTitle();
		const patron = await createUser();
		await placeHold(patron.pb, title.id, patron.record.id);
		const guest = guestClient();
		expect((await refusal(placeHold(guest, title.id, patron.record.id))).status).toBe(400);
		expect(
			(await guest.collection('holds').getList(1, 50, { filter: `title = "${title.id}"` })).items
		).toEqual([]);
		expect((await queueInfo(guest, title.id)).queueLength).toBe(1);
		expect((await queueInfo(guest, title.id)).mine).toBeNull();
	});

	it('stamps status and placement time on the server, and refuses them from the client', async () => {
		const { title } = await arrangeTitle();
		const patron = await createUser();
		const early = { title: title.id, patron: patron.record.id, placed_at: '2000-01-01 00:00:00.000Z' };
		expect((await refusal(patron.pb.collection('holds').create(early))).status).toBe(400);
		const ready = { title: title.id, patron: patron.record.id, status: 'ready' };
		expect((await refusal(patron.pb.collection('holds').create(ready))).status).toBe(400);
		const before = new Date().toISOString().replace('T', ' ');
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		expect(hold.status).toBe('waiting');
		expect(hold.placed_at >= before.slice(0, 19)).toBe(true);
	});

	it('refuses a hold in another patron’s name', async () => {
		const { title } = await arrangeTitle();
		const [a, b] = await Promise.all([createUser(), createUser()]);
		expect((await refusal(placeHold(a.pb, title.id, b.record.id))).status).toBe(400);
	});

	it('allows one active hold per patron per title, also when ten arrive at once', async () => {
		const { title } = await arrangeTitle();
		const patron = await createUser();
		const results = await Promise.all(
			Array.from({ length: 10 }, () => refusal(placeHold(patron.pb, title.id, patron.record.id)))
		);
		expect(results.filter((r) => r.status === 0)).toHaveLength(1);
		expect(results.filter((r) => r.status === 400)).toHaveLength(9);
		const system = await systemClient();
		const holds = await system.collection('holds').getFullList({ filter: `title = "${title.id}"` });
		expect(holds).toHaveLength(1);
		// after a cancellation a new hold may be placed
		await patron.pb.collection('holds').update(holds[0]!.id, { status: 'cancelled' });
		expect((await placeHold(patron.pb, title.id, patron.record.id)).status).toBe('waiting');
	});

	it(`keeps a patron at ${MAX_ACTIVE_HOLDS} active holds when holds race for the last place`, async () => {
		const patron = await createUser();
		const titles = await Promise.all(Array.from({ length: MAX_ACTIVE_HOLDS + 5 }, () => arrangeTitle()));
		for (const { title } of titles.slice(0, MAX_ACTIVE_HOLDS - 1)) {
			await placeHold(patron.pb, title.id, patron.record.id);
		}
		const race = await Promise.all(
			titles
				.slice(MAX_ACTIVE_HOLDS - 1)
				.map(({ title }) => refusal(placeHold(patron.pb, title.id, patron.record.id)))
		);
		expect(race.filter((r) => r.status === 0)).toHaveLength(1);
		expect(race.filter((r) => r.code === 'library_hold_limit')).toHaveLength(5);
		const mine = await patron.pb.collection('holds').getFullList();
		expect(mine).toHaveLength(MAX_ACTIVE_HOLDS);
	});

	it('refuses a hold on a title the patron has on loan, also placed by staff at the desk', async () => {
		// two copies: one lent to the patron, the other to a third patron, so a hold would wait
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 2 });
		const [patron, other, third, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: patron.record.id });
		await staff.pb.collection('loans').create({ copy: copies[1]!.id, patron: third.record.id });
		const desk = { headers: { 'X-Borgerhus-For': patron.record.id } };
		const overridden = {
			headers: { ...desk.headers, 'X-Borgerhus-Override': encodeURIComponent('Vil have den igen') }
		};
		expect(await refusal(placeHold(patron.pb, title.id, patron.record.id))).toEqual({
			status: 400,
			code: 'library_hold_on_loan'
		});
		for (const options of [desk, overridden]) {
			expect(
				await refusal(
					staff.pb.collection('holds').create({ title: title.id, patron: patron.record.id }, options)
				)
			).toEqual({ status: 400, code: 'library_hold_on_loan' });
		}
		const system = await systemClient();
		expect(await system.collection('holds').getFullList({ filter: `title = "${title.id}"` })).toEqual([]);
		// another patron may hold it; and once the patron has returned it, so may they
		expect((await placeHold(other.pb, title.id, other.record.id)).status).toBe('waiting');
		await returnLoan(staff.pb, loan.id);
		expect((await placeHold(patron.pb, title.id, patron.record.id)).status).not.toBe('');
	});

	it('resumes no hold on a title the patron has on loan', async () => {
		const system = await systemClient();
		const [patron, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// a paused hold beside an open loan of its title: no loan made now leaves one (the loan ends the hold),
		// but rows from before that rule may, so the system reopens a returned loan to arrange it
		const paused = await arrangeTitle({ copies: 2 });
		const waiting = await placeHold(patron.pb, paused.title.id, patron.record.id);
		await patron.pb.collection('holds').update(waiting.id, { status: 'paused' });
		for (const copy of paused.copies) await checkIn(staff.pb, copy.barcode);
		const loan = await system.collection('loans').create({
			copy: paused.copies[0]!.id,
			patron: patron.record.id,
			returned_at: new Date().toISOString().replace('T', ' ')
		});
		await system.collection('loans').update(loan.id, { returned_at: '' });
		expect((await system.collection('holds').getOne<HoldRecord>(waiting.id)).status).toBe('paused');
		// the hold is not resumed while the title is lent
		expect(await refusal(patron.pb.collection('holds').update(waiting.id, { status: 'waiting' }))).toEqual({
			status: 400,
			code: 'library_hold_on_loan'
		});
		const after = await system.collection('holds').getOne<HoldRecord>(waiting.id);
		expect([after.status, after.copy]).toEqual(['paused', '']);
		expect((await system.collection('copies').getOne<CopyRecord>(paused.copies[1]!.id)).status).toBe('shelf');
		// cancelling it stays possible
		await patron.pb.collection('holds').update(waiting.id, { status: 'cancelled' });
	});

	it('refuses a hold on a title without copies, also placed by staff at the desk', async () => {
		const system = await systemClient();
		const bare = await system.collection('titles').create({
			title: `Uden eksemplarer ${Date.now()}`,
			creator: 'Test Forfatter',
			type: 'book'
		});
		const [patron, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		expect(await refusal(placeHold(patron.pb, bare.id, patron.record.id))).toEqual({
			status: 400,
			code: 'library_title_no_copies'
		});
		expect(
			await refusal(
				staff.pb
					.collection('holds')
					.create(
						{ title: bare.id, patron: patron.record.id },
						{ headers: { 'X-Borgerhus-For': patron.record.id } }
					)
			)
		).toEqual({ status: 400, code: 'library_title_no_copies' });
		expect(await system.collection('holds').getFullList({ filter: `title = "${bare.id}"` })).toEqual([]);
		// a title whose only copy is missing keeps its queue: the copy may be found, and goes to the first in line
		const { title } = await arrangeTitle({ copies: 1 });
		expect((await placeHold(patron.pb, title.id, patron.record.id)).status).toBe('waiting');
	});

	it('refuses an unknown title with a clear code', async () => {
		const patron = await createUser();
		const result = await refusal(placeHold(patron.pb, 'doesnotexist123', patron.record.id));
		expect(result.status).toBe(400);
	});
});

describe('queue places', () => {
	it('numbers the queue by placement, keeps a paused place, closes gaps on cancel', async () => {
		const { title } = await arrangeTitle();
		const patrons = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
		const holds: HoldRecord[] = [];
		for (const p of patrons) holds.push(await placeHold(p.pb, title.id, p.record.id));
		const places = async () =>
			Promise.all(patrons.map(async (p) => (await queueInfo(p.pb, title.id)).mine?.place ?? 0));
		expect(await places()).toEqual([1, 2, 3, 4]);

		await patrons[0]!.pb.collection('holds').update(holds[0]!.id, { status: 'paused' });
		expect(await places()).toEqual([1, 2, 3, 4]);

		await patrons[1]!.pb.collection('holds').update(holds[1]!.id, { status: 'cancelled' });
		expect(await places()).toEqual([1, 0, 2, 3]);
		expect((await queueInfo(patrons[1]!.pb, title.id)).queueLength).toBe(3);

		await patrons[0]!.pb.collection('holds').update(holds[0]!.id, { status: 'waiting' });
		expect(await places()).toEqual([1, 0, 2, 3]);
	});

	it('never shows one patron another patron’s hold', async () => {
		const { title } = await arrangeTitle();
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const hold = await placeHold(a.pb, title.id, a.record.id);
		expect((await refusal(b.pb.collection('holds').getOne(hold.id))).status).toBe(404);
		expect((await b.pb.collection('holds').getFullList()).map((h) => h.id)).not.toContain(hold.id);
		expect((await refusal(b.pb.collection('holds').update(hold.id, { status: 'cancelled' }))).status).toBe(
			404
		);
		const info = await queueInfo(b.pb, title.id);
		expect(info.mine).toBeNull();
		expect(JSON.stringify(info)).not.toContain(a.record.id);
	});

	it('names no other patron’s hold or loan in a copy expanded through its back-relations', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const copy = copies[0]!;
		const [a, b] = await Promise.all([createUser(), createUser()]);
		// the copy has served a hold and a loan of patron a, and serves a's second hold now
		const hold = await placeHold(a.pb, title.id, a.record.id);
		await checkIn(staff.pb, copy.barcode);
		const { loan } = await collect(staff.pb, hold.id);
		await returnLoan(staff.pb, loan);
		const again = await placeHold(a.pb, title.id, a.record.id);
		// every back-relation that leads to copies, in the spellings PocketBase takes (its collection by name in any
		// letter case or by id, and the old `holds(copy)`)
		const system = await systemClient();
		const collections = await system.collections.getFullList();
		const copiesId = collections.find((c) => c.name === 'copies')!.id;
		const backs = collections.flatMap((c) =>
			c.fields
				.filter((f) => f.type === 'relation' && f.collectionId === copiesId)
				.flatMap((f) => [
					`${c.name}_via_${f.name}`,
					`${c.name.toUpperCase()}_via_${f.name}`,
					`${c.id}_via_${f.name}`,
					`${c.name}(${f.name})`
				])
		);
		expect(backs).toEqual(expect.arrayContaining(['holds_via_copy', 'loans_via_copy']));
		const secret = [hold.id, again.id, loan];
		for (const pb of [b.pb, guestClient()]) {
			for (const back of backs) {
				const listed = await pb.collection('copies').getList(1, 10, {
					filter: pb.filter('id = {:id}', { id: copy.id }),
					expand: back
				});
				const one = await pb.collection('copies').getOne(copy.id, { expand: back });
				const nested = await pb.collection('titles').getOne(title.id, { expand: `copies_via_title.${back}` });
				const twice = await pb
					.collection('copies')
					.getOne(copy.id, { expand: `${back},title.copies_via_title.${back}` });
				for (const answer of [listed, one, nested, twice]) {
					const text = JSON.stringify(answer);
					for (const id of secret) expect(text, `${back}: ${text}`).not.toContain(id);
				}
			}
		}
		// the patron's own rows are still reached through the expand, as the rules allow
		const own = await a.pb.collection('copies').getOne(copy.id, { expand: 'holds_via_copy' });
		expect(JSON.stringify(own.expand)).toContain(again.id);
	});

	it('lets a patron pause, resume and cancel, but not make a hold ready or move it', async () => {
		const { title } = await arrangeTitle();
		const patron = await createUser();
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		for (const change of [
			{ status: 'ready' },
			{ status: 'collected' },
			{ status: 'expired' },
			{ placed_at: '2000-01-01 00:00:00.000Z' },
			{ pickup_shelf: 'R01' }
		]) {
			// refused by the update rule (404) or the hook (400)
			expect(
				(await refusal(patron.pb.collection('holds').update(hold.id, change))).status
			).toBeGreaterThanOrEqual(400);
		}
		const staff = await createUser({ staff: true });
		expect((await refusal(staff.pb.collection('holds').update(hold.id, { status: 'ready' }))).code).toBe(
			'library_hold_change_refused'
		);
		const unchanged = await patron.pb.collection('holds').getOne<HoldRecord>(hold.id);
		expect([unchanged.status, unchanged.placed_at, unchanged.pickup_shelf]).toEqual([
			'waiting',
			hold.placed_at,
			''
		]);
		await patron.pb.collection('holds').update(hold.id, { status: 'paused' });
		await patron.pb.collection('holds').update(hold.id, { status: 'waiting' });
		const cancelled = await patron.pb
			.collection('holds')
			.update<HoldRecord>(hold.id, { status: 'cancelled' });
		expect(cancelled.ended_at).not.toBe('');
		expect((await refusal(patron.pb.collection('holds').update(hold.id, { status: 'waiting' }))).status).toBe(
			404
		);
	});
});

describe('the desk', () => {
	it('is for staff only', async () => {
		const { copies } = await arrangeTitle({ copies: 1 });
		const patron = await createUser();
		expect((await refusal(checkIn(patron.pb, copies[0]!.barcode))).status).toBe(403);
		expect((await refusal(checkIn(guestClient(), copies[0]!.barcode))).status).toBe(401);
		expect((await refusal(collect(patron.pb, 'x'))).status).toBe(403);
		expect((await refusal(patron.pb.send('/api/library/expire', { method: 'POST' }))).status).toBe(403);
	});

	it('reserves a copy on the open shelf for a new hold, and tells the patron once it is on the pickup shelf', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const patron = await createUser();
		const staff = await createUser({ staff: true });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		expect(hold.status).toBe('ready');
		expect(hold.copy).toBe(copies[0]!.id);
		expect(hold.pickup_shelf).toMatch(/^R\d\d$/);
		// nobody has put it on the pickup shelf yet: no deadline, no "ready for pickup"
		expect(hold.pickup_deadline).toBe('');
		const system = await systemClient();
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('reserved');
		const readyNotes = async () =>
			(await patron.pb.collection('notifications').getFullList()).filter((n) => n.kind === 'hold_ready');
		expect(await readyNotes()).toHaveLength(0);

		// the desk scans it on the pickup shelf: the deadline starts and the patron is told, once
		const shelved = await checkIn(staff.pb, copies[0]!.barcode);
		expect(shelved).toMatchObject({ outcome: 'hold', hold: hold.id, pickupShelf: hold.pickup_shelf });
		const after = await patron.pb.collection('holds').getOne<HoldRecord>(hold.id);
		expect(after.status).toBe('ready');
		expect(after.pickup_deadline > after.ready_at).toBe(true);
		expect(await readyNotes()).toHaveLength(1);
		// scanned again it is a pickup with a deadline: refused, and nobody is told twice
		expect((await refusal(checkIn(staff.pb, copies[0]!.barcode))).code).toBe('library_copy_reserved');
		expect(await readyNotes()).toHaveLength(1);
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('actor = {:a} && action = "library_checkin"', { a: staff.record.id })
		});
		expect(audit).toHaveLength(1);
	});

	it('never expires a hold whose copy is still being fetched to the pickup shelf', async () => {
		const { title } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const patron = await createUser();
		const staff = await createUser({ staff: true });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		expect(hold.pickup_deadline).toBe('');
		await staff.pb.send('/api/library/expire', { method: 'POST' });
		const after = await patron.pb.collection('holds').getOne<HoldRecord>(hold.id);
		expect(after.status).toBe('ready');
		expect(after.pickup_deadline).toBe('');
		expect(
			(await patron.pb.collection('notifications').getFullList()).some((n) => n.kind === 'hold_expired')
		).toBe(false);
	});

	it('tells a patron whose pickup expired that it went to the next in line only when someone waits, in their language', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const expiredNotice = async (reader: { record: { id: string } }) =>
			(
				await system.collection('notifications').getFullList({
					filter: system.filter('user = {:u} && kind = "hold_expired"', { u: reader.record.id })
				})
			).map((n) => n.body);
		// nobody else waits: the copy goes back to the shelf, not to anyone
		const alone = await arrangeTitle({ copies: 1 });
		const a = await createUser();
		const holdA = await placeHold(a.pb, alone.title.id, a.record.id);
		await checkIn(staff.pb, alone.copies[0]!.barcode);
		await system.collection('holds').update(holdA.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		await staff.pb.send('/api/library/expire', { method: 'POST' });
		expect((await system.collection('copies').getOne<CopyRecord>(alone.copies[0]!.id)).status).toBe('shelf');
		expect(await expiredNotice(a)).toEqual([
			`Du hentede ikke ${alone.title.title} inden fristen, så reservationen er udløbet. Du kan reservere den igen.`
		]);
		// someone waits: the copy is theirs now, and an English reader is told so in English
		const shared = await arrangeTitle({ copies: 1 });
		const [b, c] = await Promise.all([createUser(), createUser()]);
		await system.collection('users').update(b.record.id, { language: 'en' });
		const holdB = await placeHold(b.pb, shared.title.id, b.record.id);
		await placeHold(c.pb, shared.title.id, c.record.id);
		await checkIn(staff.pb, shared.copies[0]!.barcode);
		await system.collection('holds').update(holdB.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		await staff.pb.send('/api/library/expire', { method: 'POST' });
		expect((await system.collection('copies').getOne<CopyRecord>(shared.copies[0]!.id)).status).toBe(
			'reserved'
		);
		expect(await expiredNotice(b)).toEqual([
			`You did not collect ${shared.title.title} in time, so it has gone to the next in line. You can place a new hold.`
		]);
	});

	it('keeps a copy an ended pickup left on its pickup shelf there, for staff only, until the desk scans it', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const one = copies[0]!;
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
		const copyOf = async (id: string) => staff.pb.collection('copies').getOne<CopyRecord>(id);
		// A's pickup lies on A's shelf; A cancels and nobody waits: free in the data, still on that shelf
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const shelfA = (await checkIn(staff.pb, one.barcode)).pickupShelf;
		await a.pb.collection('holds').update(holdA.id, { status: 'cancelled' });
		expect(await copyOf(one.id)).toMatchObject({ status: 'shelf', on_pickup_shelf: shelfA });
		// only staff know where: a pickup shelf is a patron's
		const guest = guestClient();
		expect((await guest.collection('copies').getOne<CopyRecord>(one.id)).on_pickup_shelf).toBeUndefined();
		expect((await a.pb.collection('copies').getOne<CopyRecord>(one.id)).on_pickup_shelf).toBeUndefined();
		for (const pb of [guest, a.pb]) {
			expect(
				(await refusal(pb.collection('copies').getList(1, 1, { filter: 'on_pickup_shelf = "R01"' }))).code
			).toBe('core_filter_field_private');
			expect((await refusal(pb.collection('copies').getList(1, 1, { sort: 'on_pickup_shelf' }))).code).toBe(
				'core_filter_field_private'
			);
		}
		// nor may anyone but the server say where it lies
		const created = await staff.pb.collection('copies').create<CopyRecord>({
			title: title.id,
			barcode: `X-${one.barcode}`,
			shelf: 'A1',
			status: 'missing',
			on_pickup_shelf: 'R09'
		});
		expect((await copyOf(created.id)).on_pickup_shelf).toBe('');
		expect((await refusal(staff.pb.collection('copies').update(one.id, { on_pickup_shelf: '' }))).code).toBe(
			'core_field_locked'
		);

		// B's hold takes it, to be fetched from A's pickup shelf (not from the stacks); scanned on B's shelf
		const holdB = await placeHold(b.pb, title.id, b.record.id);
		expect(holdB).toMatchObject({ status: 'ready', copy: one.id, pickup_deadline: '' });
		expect(await copyOf(one.id)).toMatchObject({ status: 'reserved', on_pickup_shelf: shelfA });
		await checkIn(staff.pb, one.barcode);
		expect((await copyOf(one.id)).on_pickup_shelf).toBe('');

		// B's pickup expires and nobody waits: it stays on B's pickup shelf
		const shelfB = (await b.pb.collection('holds').getOne<HoldRecord>(holdB.id)).pickup_shelf;
		await system.collection('holds').update(holdB.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		await staff.pb.send('/api/library/expire', { method: 'POST' });
		expect(await copyOf(one.id)).toMatchObject({ status: 'shelf', on_pickup_shelf: shelfB });
		// a hold cancelled while its copy was still being fetched has not moved it: still on B's shelf
		const holdC = await placeHold(c.pb, title.id, c.record.id);
		expect(holdC).toMatchObject({ status: 'ready', copy: one.id, pickup_deadline: '' });
		await c.pb.collection('holds').update(holdC.id, { status: 'cancelled' });
		expect(await copyOf(one.id)).toMatchObject({ status: 'shelf', on_pickup_shelf: shelfB });
		// scanned at the desk: back to the stacks, and the desk is told where it lay
		const back = await staff.pb.send<{ outcome: string; fromPickup: string }>('/api/library/checkin', {
			method: 'POST',
			body: { code: one.barcode }
		});
		expect(back).toMatchObject({ outcome: 'shelf', fromPickup: shelfB });
		expect((await copyOf(one.id)).on_pickup_shelf).toBe('');

		// one lent over the counter from the pickup shelf it was left on is on no pickup shelf
		const holdA2 = await placeHold(a.pb, title.id, a.record.id);
		await checkIn(staff.pb, one.barcode);
		await a.pb.collection('holds').update(holdA2.id, { status: 'cancelled' });
		expect((await copyOf(one.id)).on_pickup_shelf).toBe(shelfA);
		await staff.pb.collection('loans').create({ copy: one.id, patron: b.record.id });
		expect(await copyOf(one.id)).toMatchObject({ status: 'loan', on_pickup_shelf: '' });
	});

	it('hands a copy past its pickup deadline to the next in line at the desk, not to the late patron', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const staff = await createUser({ staff: true });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const holdB = await placeHold(b.pb, title.id, b.record.id);
		expect((await checkIn(staff.pb, copies[0]!.barcode)).hold).toBe(holdA.id);
		// A's deadline has passed, and the job that expires pickups has not run yet
		await system.collection('holds').update(holdA.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		const refused = await refusal(collect(staff.pb, holdA.id));
		expect(refused.code).toBe('library_hold_expired');
		// the collect expired it there and then: the copy is B's, and no loan was made for A
		expect((await system.collection('holds').getOne<HoldRecord>(holdA.id)).status).toBe('expired');
		expect(await system.collection('holds').getOne<HoldRecord>(holdB.id)).toMatchObject({
			status: 'ready',
			copy: copies[0]!.id
		});
		expect(
			await system
				.collection('loans')
				.getFullList({ filter: system.filter('patron = {:a}', { a: a.record.id }) })
		).toEqual([]);
		// B collects it
		await collect(staff.pb, holdB.id);
		expect((await system.collection('holds').getOne<HoldRecord>(holdB.id)).status).toBe('collected');
	});

	it('tells the desk refused a pickup past its deadline whether the copy went to the next in line or back to the shelf', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const desk = new AppSession();
		expect((await desk.signIn(staff.email, staff.password)).status).toBe(303);
		// nobody else waits: the copy goes back to the shelf, and the desk is not told of a next in line
		const alone = await arrangeTitle({ copies: 1 });
		const a = await createUser();
		const holdA = await placeHold(a.pb, alone.title.id, a.record.id);
		await checkIn(staff.pb, alone.copies[0]!.barcode);
		await system.collection('holds').update(holdA.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		// the patron cannot collect it themselves, and two desks at once are told the same
		expect((await refusal(collect(a.pb, holdA.id))).status).toBe(403);
		const twice = await Promise.all([
			refusal(collect(staff.pb, holdA.id)),
			refusal(collect(staff.pb, holdA.id))
		]);
		expect(twice.map((r) => r.code)).toEqual([
			'library_hold_expired_nobody_next',
			'library_hold_expired_nobody_next'
		]);
		expect((await system.collection('copies').getOne<CopyRecord>(alone.copies[0]!.id)).status).toBe('shelf');
		// asked again (a second tap, or after the job expired it): the same answer
		const page = await (await desk.post('/personale/skranke?/collect', { hold: holdA.id })).text();
		expect(page).toContain('Ingen venter på materialet, så det skal tilbage på hylden.');
		expect(page).not.toContain('givet videre til den næste i køen');
		// someone waits: the copy is theirs, and the desk is told so, also once the job has expired it
		const shared = await arrangeTitle({ copies: 1 });
		const [b, c] = await Promise.all([createUser(), createUser()]);
		const holdB = await placeHold(b.pb, shared.title.id, b.record.id);
		await placeHold(c.pb, shared.title.id, c.record.id);
		await checkIn(staff.pb, shared.copies[0]!.barcode);
		await system.collection('holds').update(holdB.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		await staff.pb.send('/api/library/expire', { method: 'POST' });
		expect((await refusal(collect(staff.pb, holdB.id))).code).toBe('library_hold_expired');
		const passed = await (await desk.post('/personale/skranke?/collect', { hold: holdB.id })).text();
		expect(passed).toContain('Materialet er givet videre til den næste i køen.');
		expect(passed).not.toContain('Ingen venter på materialet');
	});

	it('checks in to the first unpaused hold, starts a loan, and hands a returned copy on', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const staff = await createUser({ staff: true });
		const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const holdB = await placeHold(b.pb, title.id, b.record.id);
		const holdC = await placeHold(c.pb, title.id, c.record.id);
		await a.pb.collection('holds').update(holdA.id, { status: 'paused' });

		const first = await checkIn(staff.pb, copies[0]!.barcode);
		expect(first.outcome).toBe('hold');
		expect(first.hold).toBe(holdB.id);
		const readyB = await b.pb.collection('holds').getOne<HoldRecord>(holdB.id);
		expect(readyB.status).toBe('ready');
		expect(readyB.pickup_deadline > readyB.ready_at).toBe(true);
		expect((await b.pb.collection('notifications').getFullList()).some((n) => n.kind === 'hold_ready')).toBe(
			true
		);
		// a reserved copy cannot be checked in again (it would serve two holds)
		expect((await refusal(checkIn(staff.pb, copies[0]!.id))).code).toBe('library_copy_reserved');
		// and staff cannot sneak it back on the shelf
		expect(
			(await refusal(staff.pb.collection('copies').update(copies[0]!.id, { status: 'shelf' }))).code
		).toBe('library_copy_busy');

		const before = Date.now();
		const { loan } = await collect(staff.pb, holdB.id);
		const after = Date.now();
		const loanB = await b.pb.collection('loans').getOne<LoanRecord>(loan);
		// due at the house's closing time 28 calendar days on (16:00 to 21:00 in house time, so 27 to 29
		// days from now depending on the hour)
		const due = Date.parse(loanB.due.replace(' ', 'T'));
		expect([deadlineAfter(before, 28), deadlineAfter(after, 28)]).toContain(due);
		expect((due - after) / 86_400_000).toBeGreaterThan(27);
		expect((due - before) / 86_400_000).toBeLessThan(29);
		expect((await refusal(c.pb.collection('loans').getOne(loan))).status).toBe(404);
		expect((await refusal(collect(staff.pb, holdB.id))).code).toBe('library_hold_not_ready');

		const back = await returnLoan(staff.pb, loan);
		expect(back.hold).toBe(holdC.id);
		expect((await b.pb.collection('loans').getOne<LoanRecord>(loan)).returned_at).not.toBe('');
		expect((await refusal(returnLoan(staff.pb, loan))).code).toBe('library_loan_returned');

		const audit = await staff.pb.collection('audit_log').getFullList({
			filter: staff.pb.filter('actor = {:a}', { a: staff.record.id })
		});
		expect(audit.map((r) => r.action).sort()).toEqual([
			'library_checkin',
			'library_checkin',
			'library_collect'
		]);
	});

	it('moves a cancelled or expired pickup to the next in line, else to the shelf', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const staff = await createUser({ staff: true });
		const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const holdB = await placeHold(b.pb, title.id, b.record.id);
		await checkIn(staff.pb, copies[0]!.barcode);
		await a.pb.collection('holds').update(holdA.id, { status: 'cancelled' });
		const readyB = await b.pb.collection('holds').getOne<HoldRecord>(holdB.id);
		expect(readyB.status).toBe('ready');
		expect(readyB.copy).toBe(copies[0]!.id);
		// the copy still lies on A's pickup shelf: B is told once staff have moved it
		expect(readyB.pickup_deadline).toBe('');
		expect((await b.pb.collection('notifications').getFullList()).some((n) => n.kind === 'hold_ready')).toBe(
			false
		);

		// expiry: the deadline has passed (arranged with system rights), the job runs
		const system = await systemClient();
		await system.collection('holds').update(holdB.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
		const holdC = await placeHold(c.pb, title.id, c.record.id);
		const run = await staff.pb.send<{ expired: number }>('/api/library/expire', { method: 'POST' });
		// the house's own expiry job (every five minutes) may have been first: the outcome is the same
		expect(Number.isInteger(run.expired)).toBe(true);
		expect((await b.pb.collection('holds').getOne<HoldRecord>(holdB.id)).status).toBe('expired');
		expect(
			(await b.pb.collection('notifications').getFullList()).some((n) => n.kind === 'hold_expired')
		).toBe(true);
		expect((await c.pb.collection('holds').getOne<HoldRecord>(holdC.id)).status).toBe('ready');

		// the last one cancels (as account deletion does, with a plain save): the copy goes on the shelf
		await system.collection('holds').update(holdC.id, { status: 'cancelled' });
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('shelf');
	});

	it('gives two copies checked in at once by two desks to two different holds', async () => {
		const { title, copies } = await arrangeTitle({ copies: 2 });
		const [desk1, desk2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const patrons = await Promise.all([createUser(), createUser(), createUser()]);
		for (const p of patrons) await placeHold(p.pb, title.id, p.record.id);
		const [r1, r2] = await Promise.all([
			checkIn(desk1.pb, copies[0]!.barcode),
			checkIn(desk2.pb, copies[1]!.barcode)
		]);
		expect(r1.outcome).toBe('hold');
		expect(r2.outcome).toBe('hold');
		expect(r1.hold).not.toBe(r2.hold);
		const system = await systemClient();
		const ready = await system.collection('holds').getFullList<HoldRecord>({
			filter: system.filter('title = {:t} && status = "ready"', { t: title.id })
		});
		expect(ready).toHaveLength(2);
		expect(new Set(ready.map((h) => h.copy)).size).toBe(2);
		expect((await queueInfo(patrons[2]!.pb, title.id)).mine?.place).toBe(1);
	});

	it('checks in the same copy from two desks at once only once', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const [desk1, desk2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const patrons = await Promise.all([createUser(), createUser()]);
		for (const p of patrons) await placeHold(p.pb, title.id, p.record.id);
		const results = await Promise.all([
			refusal(checkIn(desk1.pb, copies[0]!.id)),
			refusal(checkIn(desk2.pb, copies[0]!.id))
		]);
		expect(results.filter((r) => r.status === 0)).toHaveLength(1);
		expect(results.filter((r) => r.code === 'library_copy_reserved')).toHaveLength(1);
	});

	it('keeps the on-shelf count of a title true to its copies, whatever a client sends', async () => {
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 2 });
		const system = await systemClient();
		const onShelf = async () =>
			(await system.collection('titles').getOne<{ on_shelf: number }>(title.id)).on_shelf;
		expect(await onShelf()).toBe(2);
		const staff = await createUser({ staff: true });
		await staff.pb.collection('titles').update(title.id, { on_shelf: 99 });
		expect(await onShelf()).toBe(2);
		const patron = await createUser();
		expect((await placeHold(patron.pb, title.id, patron.record.id)).status).toBe('ready');
		expect(await onShelf()).toBe(1);
		await staff.pb.collection('copies').update(copies[1]!.id, { status: 'missing' });
		expect(await onShelf()).toBe(0);
		await staff.pb.collection('copies').update(copies[1]!.id, { status: 'shelf' });
		expect(await onShelf()).toBe(1);
		await staff.pb.collection('copies').delete(copies[1]!.id);
		expect(await onShelf()).toBe(0);
		expect((await refusal(staff.pb.collection('copies').delete(copies[0]!.id))).code).toBe(
			'library_copy_busy'
		);
	});

	it('keeps the bulk catalogue load for the system account', async () => {
		const staff = await createUser({ staff: true });
		const body = { titles: [{ title: 'Bulk', copies: [{ barcode: `BULK-${Date.now()}`, shelf: 'A1' }] }] };
		expect((await refusal(staff.pb.send('/api/library/bulk-load', { method: 'POST', body }))).status).toBe(
			403
		);
		expect(
			(await refusal(guestClient().send('/api/library/bulk-load', { method: 'POST', body }))).status
		).toBe(401);
		const system = await systemClient();
		expect(await system.send('/api/library/bulk-load', { method: 'POST', body })).toEqual({ loaded: 1 });
		const tooMany = { titles: Array.from({ length: 2001 }, () => ({ title: 'x' })) };
		expect(await refusal(system.send('/api/library/bulk-load', { method: 'POST', body: tooMany }))).toEqual({
			status: 400,
			code: 'library_bulk_size'
		});
	});

	it('answers bad input with a clear code and no 500', async () => {
		const staff = await createUser({ staff: true });
		expect(await refusal(checkIn(staff.pb, 'no-such-barcode'))).toEqual({
			status: 400,
			code: 'library_copy_unknown'
		});
		expect(await refusal(checkIn(staff.pb, 'x'.repeat(100_000)))).toEqual({
			status: 400,
			code: 'library_copy_unknown'
		});
		expect((await refusal(collect(staff.pb, 'nope'))).code).toBe('library_hold_unknown');
		expect((await refusal(returnLoan(staff.pb, 'nope'))).code).toBe('library_loan_unknown');
		// a list or an object is no code, even when its first element is one
		const { copies } = await arrangeTitle({ copies: 1 });
		const send = (path: string, body: unknown) =>
			refusal(staff.pb.send(path, { method: 'POST', body: body as Record<string, unknown> }));
		for (const [path, body] of [
			['/api/library/checkin', { code: [copies[0]!.barcode] }],
			['/api/library/checkin', { code: { barcode: copies[0]!.barcode } }],
			['/api/library/collect', { hold: ['x'] }],
			['/api/library/return', { loan: [true] }]
		] as const) {
			expect(await send(path, body), `${path} ${JSON.stringify(body)}`).toMatchObject({
				status: 400,
				code: 'core_invalid_value'
			});
		}
		expect((await systemClient().then((s) => s.collection('copies').getOne(copies[0]!.id))).status).toBe(
			'missing'
		);
		const { title } = await arrangeTitle();
		const reserved = { title: title.id, barcode: `X-${Date.now()}`, status: 'reserved' };
		expect((await refusal(staff.pb.collection('copies').create(reserved))).code).toBe('library_copy_status');
	});
});

describe('pickup and loan deadlines and closures of the whole house', () => {
	/** The house's closing instant of a local date. */
	const closeOf = (date: string) => resolveLenient(date, closingTime(date)!)!;
	const pbDate = (ms: number) => new Date(ms).toISOString().replace('T', ' ');
	/**
	 * Closes the whole house from `from` to `to` (local date and time), as staff do: room bookings that
	 * other tests sharing this PocketBase left inside are shown first and confirmed (a closure refuses
	 * bookings nobody confirmed).
	 */
	const closeHouse = async (
		staff: PocketBase,
		reason: string,
		from: [string, string],
		to: [string, string]
	) => {
		const start = new Date(resolveLenient(...from)!).toISOString();
		const end = new Date(resolveLenient(...to)!).toISOString();
		const seen = await staff.send<{ bookings: { id: string }[] }>('/api/borgerhus/rooms/closing', {
			query: { start, end }
		});
		return staff.collection('closures').create({
			room: '',
			reason,
			start,
			end,
			cancel_bookings: seen.bookings.map((b) => b.id)
		});
	};

	it('moves a deadline that lands on a day the whole house is closed to the next open day', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const patron = await createUser();
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const today = localParts(Date.now()).date;
		const pickupDay = addDays(today, 7);
		const loanDay = addDays(today, 28);
		// whole days (house time) closed; removed again at once, so that they never close the rooms or
		// move the deadlines of the other tests sharing this PocketBase
		const closures = [];
		try {
			for (const day of [pickupDay, loanDay]) {
				closures.push(await closeHouse(staff.pb, 'Helligdag', [day, '00:00'], [addDays(day, 1), '00:00']));
			}
			const placed = await placeHold(patron.pb, title.id, patron.record.id);
			expect(placed.status).toBe('ready');
			// the deadline starts when the desk has put the copy on the pickup shelf
			await checkIn(staff.pb, copies[0]!.barcode);
			const hold = await system.collection('holds').getOne<HoldRecord>(placed.id);
			const { loan } = await collect(staff.pb, hold.id);
			const due = (await system.collection('loans').getOne<LoanRecord>(loan)).due;
			// the day after (also when midnight passed meanwhile: then the deadline lands there anyway)
			expect(hold.pickup_deadline).toBe(pbDate(closeOf(addDays(pickupDay, 1))));
			expect(due).toBe(pbDate(closeOf(addDays(loanDay, 1))));
		} finally {
			for (const c of closures) await system.collection('closures').delete(c.id);
		}
	});

	it('moves the deadlines already given past a closure of the whole house saved later, and tells the patron', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const patron = await createUser();
		const { title } = await arrangeTitle({ copies: 2, onShelf: 2 });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		expect(hold.status).toBe('ready');
		const { copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const lent = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: patron.record.id });
		// a day of its own, far ahead, so that no other test's deadline lies in the closure; a closure is
		// refused on a day another test holds an event on (rooms_closing_events): then another day
		let day = '';
		let closure: { id: string } | undefined;
		for (let attempt = 1; !closure; attempt++) {
			day = addDays(localParts(Date.now()).date, 150 + Math.floor(Math.random() * 100));
			await system.collection('holds').update(hold.id, { pickup_deadline: pbDate(closeOf(day)) });
			await system.collection('loans').update(lent.id, { due: pbDate(closeOf(day)) });
			try {
				closure = await closeHouse(staff.pb, 'Vandskade', [day, '00:00'], [addDays(day, 1), '00:00']);
			} catch (err) {
				if (attempt >= 5) throw err;
			}
		}
		try {
			const after = pbDate(closeOf(addDays(day, 1)));
			expect((await system.collection('holds').getOne<HoldRecord>(hold.id)).pickup_deadline).toBe(after);
			expect((await system.collection('loans').getOne<LoanRecord>(lent.id)).due).toBe(after);
			const told = await patron.pb
				.collection('notifications')
				.getFullList({ filter: 'kind = "hold_deadline_moved" || kind = "loan_due_moved"', sort: 'kind' });
			expect(told.map((n) => n.title)).toEqual([
				`Ny frist: ${title.title}`,
				expect.stringMatching(/^Ny afleveringsdato: /)
			]);
			// the closure shortened to nothing of that day: the deadlines stay where they were moved
			await staff.pb
				.collection('closures')
				.update(closure.id, { end: new Date(resolveLenient(day, '01:00')!).toISOString() });
			expect((await system.collection('holds').getOne<HoldRecord>(hold.id)).pickup_deadline).toBe(after);
		} finally {
			await system.collection('closures').delete(closure.id);
		}
	});

	it('keeps a deadline on a day the house closes only for part of it, open again at closing time', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const patron = await createUser();
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const pickupDay = addDays(localParts(Date.now()).date, 7);
		const closure = await closeHouse(staff.pb, 'Morgenmøde', [pickupDay, '00:00'], [pickupDay, '12:00']);
		try {
			const placed = await placeHold(patron.pb, title.id, patron.record.id);
			await checkIn(staff.pb, copies[0]!.barcode);
			const hold = await system.collection('holds').getOne<HoldRecord>(placed.id);
			expect([pbDate(closeOf(pickupDay)), pbDate(closeOf(addDays(pickupDay, 1)))]).toContain(
				hold.pickup_deadline
			);
			expect(hold.pickup_deadline).toBe(
				pbDate(deadlineAfter(Date.parse(hold.ready_at.replace(' ', 'T')), 7))
			);
		} finally {
			await system.collection('closures').delete(closure.id);
		}
	});
});

describe('a barcode that reads as another copy', () => {
	it("refuses a barcode equal to another copy's id, on create and update, and the desk returns a loan's own copy", async () => {
		const staff = await createUser({ staff: true });
		const patron = await createUser();
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 2 });
		const [lent, other] = copies as [CopyRecord, CopyRecord];
		const loan = await staff.pb.collection('loans').create({ copy: lent.id, patron: patron.record.id });
		expect(await refusal(staff.pb.collection('copies').update(other.id, { barcode: lent.id }))).toMatchObject(
			{ status: 400, code: 'library_barcode_is_copy_id' }
		);
		expect(
			await refusal(
				staff.pb
					.collection('copies')
					.create({ title: title.id, barcode: lent.id, shelf: 'A1', status: 'shelf' })
			)
		).toMatchObject({ status: 400, code: 'library_barcode_is_copy_id' });
		const returned = await returnLoan(staff.pb, loan.id);
		expect(returned).toMatchObject({ copy: lent.id, returnedLoan: loan.id });
		// spaces around a barcode are not kept: the desk reads a scan trimmed
		const spaced = await staff.pb
			.collection('copies')
			.create<CopyRecord>({ title: title.id, barcode: ` SP-${lent.id} `, shelf: 'A1', status: 'missing' });
		expect(spaced.barcode).toBe(`SP-${lent.id}`);
		expect(await checkIn(staff.pb, `SP-${lent.id}`)).toMatchObject({ copy: spaced.id });
		const twin = await refusal(
			staff.pb.collection('copies').create({ title: title.id, barcode: `SP-${lent.id} `, shelf: 'A1' })
		);
		expect(twin.status).toBe(400);
		expect(
			(await staff.pb.collection('copies').update<CopyRecord>(other.id, { barcode: `  O-${other.id}` }))
				.barcode
		).toBe(`O-${other.id}`);
		// the bulk load alike, refusing the whole call by the row and loading nothing
		const system = await systemClient();
		const name = `Bulktitel ${lent.id}`;
		const bulk = {
			titles: [
				{ title: `${name} 1`, copies: [{ barcode: `B-${lent.id}`, shelf: 'A1' }] },
				{
					title: `${name} 2`,
					copies: [
						{ barcode: `C-${lent.id}`, shelf: 'A1' },
						{ barcode: other.id, shelf: 'A1' }
					]
				}
			]
		};
		const refused = await system.send('/api/library/bulk-load', { method: 'POST', body: bulk }).then(
			() => null,
			(err: { status: number; response: { data: unknown } }) => ({
				status: err.status,
				data: err.response.data
			})
		);
		expect(refused).toMatchObject({
			status: 400,
			data: { 'titles.1.copies.1.barcode': { code: 'library_barcode_is_copy_id' } }
		});
		const loaded = await system
			.collection('titles')
			.getFullList({ filter: system.filter('title ~ {:n}', { n: name }) });
		expect(loaded).toEqual([]);
	});
});

describe('deleting a copy', () => {
	it('refuses a copy that has been lent or reserved, with a code, and keeps its history', async () => {
		const lentTitle = await arrangeTitle({ copies: 1, onShelf: 1 });
		const heldTitle = await arrangeTitle({ copies: 1, onShelf: 1 });
		const staff = await createUser({ staff: true });
		const [lender, canceller] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		// one copy lent and returned
		const hold = await placeHold(lender.pb, lentTitle.title.id, lender.record.id);
		const { loan } = await collect(staff.pb, hold.id);
		await returnLoan(staff.pb, loan);
		const lent = lentTitle.copies[0]!.id;
		// another reserved and the hold cancelled (as a patron can), so it is back on the shelf
		const other = await placeHold(canceller.pb, heldTitle.title.id, canceller.record.id);
		const held = heldTitle.copies[0]!.id;
		expect(other.copy).toBe(held);
		await canceller.pb.collection('holds').update(other.id, { status: 'cancelled' });
		for (const id of [lent, held]) {
			expect((await system.collection('copies').getOne<CopyRecord>(id)).status).toBe('shelf');
			expect(await refusal(staff.pb.collection('copies').delete(id))).toEqual({
				status: 400,
				code: 'library_copy_has_history'
			});
			expect((await system.collection('copies').getOne<CopyRecord>(id)).id).toBe(id);
		}
		expect((await system.collection('loans').getOne<LoanRecord>(loan)).copy).toBe(lent);
		expect((await system.collection('holds').getOne<HoldRecord>(other.id)).copy).toBe(held);
		const deletes = await system.collection('audit_log').getFullList({
			filter: system.filter('action = "library_copy_delete" && (target_id = {:a} || target_id = {:b})', {
				a: lent,
				b: held
			})
		});
		expect(deletes).toEqual([]);
		// a copy that never served anyone may still go
		const fresh = await system.collection('copies').create<CopyRecord>({
			title: lentTitle.title.id,
			barcode: `NY-${lent}`,
			shelf: 'A1',
			status: 'missing'
		});
		await staff.pb.collection('copies').delete(fresh.id);
	});
});

describe('the bulk catalogue load', () => {
	/** The status, code and field of a refused bulk load. */
	async function refused(body: unknown) {
		const system = await systemClient();
		try {
			await system.send('/api/library/bulk-load', { method: 'POST', body });
			return { status: 0, code: '', field: '' };
		} catch (err) {
			const e = err as { status: number; response?: { data?: Record<string, { code?: string }> } };
			const [field, value] = Object.entries(e.response?.data ?? {})[0] ?? ['', {}];
			return { status: e.status, code: value?.code ?? '', field };
		}
	}

	it('holds every row to the checks of a normal create, names the row, and loads nothing on a refusal', async () => {
		const system = await systemClient();
		const tag = `BULK${Date.now()}`;
		const good = (n: number) => ({
			title: `${tag} ${n}`,
			type: 'film',
			year: 2001,
			copies: [{ barcode: `${tag}-${n}`, shelf: 'A1' }]
		});
		const cases: [Record<string, unknown>, string, string][] = [
			[{ title: '   ' }, 'core_text_blank', 'title'],
			[{ title: `${tag} x`, year: 99999 }, 'library_year_invalid', 'year'],
			[{ title: `${tag} x`, year: 'gammel' }, 'library_year_invalid', 'year'],
			[{ title: `${tag} x`, type: 'zzz' }, 'library_type_invalid', 'type'],
			[{ title: 'x'.repeat(301) }, 'core_text_too_long', 'title'],
			[{ title: `${tag} x`, copies: [{ barcode: '  ' }] }, 'core_text_blank', 'copies.0.barcode'],
			[
				{ title: `${tag} x`, copies: [{ barcode: `${tag}-y`, status: 'loan' }] },
				'library_copy_status',
				'copies.0.status'
			],
			[{ title: `${tag} x`, copies: [{ barcode: `${tag}-y` }] }, 'library_shelf_required', 'copies.0.shelf'],
			[
				{ title: `${tag} x`, copies: [{ barcode: `${tag}-y`, shelf: '' }] },
				'library_shelf_required',
				'copies.0.shelf'
			],
			[
				{ title: `${tag} x`, copies: [{ barcode: `${tag}-1`, shelf: 'A1' }] },
				'library_barcode_taken',
				'copies.0.barcode'
			]
		];
		for (const [row, code, field] of cases) {
			expect(await refused({ titles: [good(0), good(1), row] }), code).toEqual({
				status: 400,
				code,
				field: `titles.2.${field}`
			});
		}
		// two copies with one barcode in one call
		expect(
			await refused({
				titles: [
					good(0),
					{
						title: `${tag} z`,
						copies: [
							{ barcode: `${tag}-d`, shelf: 'A1' },
							{ barcode: `${tag}-d`, shelf: 'A1' }
						]
					}
				]
			})
		).toEqual({ status: 400, code: 'library_barcode_taken', field: 'titles.1.copies.1.barcode' });
		const loaded = () =>
			system.collection('titles').getFullList({ filter: system.filter('title ~ {:t}', { t: tag }) });
		expect(await loaded()).toEqual([]);
		expect(
			await system.send('/api/library/bulk-load', { method: 'POST', body: { titles: [good(0)] } })
		).toEqual({
			loaded: 1
		});
		const [stored] = await loaded();
		expect(stored).toMatchObject({ title: `${tag} 0`, type: 'film', year: 2001, on_shelf: 1 });
		// a barcode or id already in the catalogue
		expect(await refused({ titles: [good(5), good(0)] })).toEqual({
			status: 400,
			code: 'library_barcode_taken',
			field: 'titles.1.copies.0.barcode'
		});
		expect(await refused({ titles: [{ id: stored!.id, title: `${tag} igen` }] })).toEqual({
			status: 400,
			code: 'library_bulk_id_taken',
			field: 'titles.0.id'
		});
		expect((await loaded()).map((t) => t.title)).toEqual([`${tag} 0`]);
	});
});

describe('a loan over the counter to a patron with a hold on the title', () => {
	/** A title with `n` copies on the shelf and the given patrons' holds, paused so the shelf copies stay free. */
	async function pausedQueue(n: number, queued: { pb: PocketBase; record: { id: string } }[]) {
		const { title, copies } = await arrangeTitle({ copies: n });
		const holds: HoldRecord[] = [];
		for (const p of queued) {
			const hold = await placeHold(p.pb, title.id, p.record.id);
			holds.push(await p.pb.collection('holds').update<HoldRecord>(hold.id, { status: 'paused' }));
		}
		const system = await systemClient();
		for (const copy of copies) await system.collection('copies').update(copy.id, { status: 'shelf' });
		return { title, copies, holds };
	}

	it('ends the patron’s waiting or paused hold as collected by the loan, and keeps the others’ places 1..n', async () => {
		const [a, b, c, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const { title, copies, holds } = await pausedQueue(2, [a, b, c]);
		const system = await systemClient();
		// B's hold waits (as a data load may leave it beside a copy on the shelf)
		await system.collection('holds').update(holds[1]!.id, { status: 'waiting' });
		const loanB = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: b.record.id });
		const loanA = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[1]!.id, patron: a.record.id });
		const holdA = await a.pb.collection('holds').getOne<HoldRecord>(holds[0]!.id);
		const holdB = await b.pb.collection('holds').getOne<HoldRecord>(holds[1]!.id);
		expect(holdB).toMatchObject({ status: 'collected', copy: '' });
		expect(holdA).toMatchObject({ status: 'collected', copy: '' });
		expect(holdB.ended_at >= loanB.start.slice(0, 19)).toBe(true);
		expect(holdA.ended_at >= loanA.start.slice(0, 19)).toBe(true);
		// their own pages list no hold on the title any more; C moves up to 1 of 1
		for (const p of [a, b]) {
			expect((await queueInfo(p.pb, title.id)).mine).toBeNull();
			const mine = await p.pb.send<{ holds: { id: string }[] }>('/api/library/my-holds', { method: 'GET' });
			expect(mine.holds).toEqual([]);
		}
		const infoC = await queueInfo(c.pb, title.id);
		expect([infoC.queueLength, infoC.mine?.place]).toEqual([1, 1]);
		// audited as the desk's collect on the patron's behalf
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('actor = {:a} && action = "library_hold_collect"', { a: staff.record.id })
		});
		expect(audit.map((r) => r.target_id).sort()).toEqual([holdA.id, holdB.id].sort());
	});

	it('hands the copy set aside for the patron on the pickup shelf to the next in line, who is told as usual', async () => {
		const [a, b, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const { title, copies } = await arrangeTitle({ copies: 2 });
		const system = await systemClient();
		// A's pickup lies on A's shelf with copy 0; B waits behind; copy 1 comes back to the shelf
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const shelfA = (await checkIn(staff.pb, copies[0]!.barcode)).pickupShelf;
		const holdB = await placeHold(b.pb, title.id, b.record.id);
		await b.pb.collection('holds').update(holdB.id, { status: 'paused' });
		await system.collection('copies').update(copies[1]!.id, { status: 'shelf' });
		await system.collection('holds').update(holdB.id, { status: 'waiting' });
		// the desk lends A copy 1 over the counter
		await staff.pb.collection('loans').create({ copy: copies[1]!.id, patron: a.record.id });
		expect(await a.pb.collection('holds').getOne<HoldRecord>(holdA.id)).toMatchObject({
			status: 'collected'
		});
		// copy 0 goes to B, to be fetched from A's pickup shelf, exactly as a cancelled pickup's
		const afterB = await b.pb.collection('holds').getOne<HoldRecord>(holdB.id);
		expect(afterB).toMatchObject({ status: 'ready', copy: copies[0]!.id, pickup_deadline: '' });
		expect(await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).toMatchObject({
			status: 'reserved',
			on_pickup_shelf: shelfA
		});
		// scanned onto B's pickup shelf, B is told it lies ready
		expect(await checkIn(staff.pb, copies[0]!.barcode)).toMatchObject({ outcome: 'hold', hold: holdB.id });
		const notes = (await b.pb.collection('notifications').getFullList()).filter(
			(n) => n.kind === 'hold_ready'
		);
		expect(notes).toHaveLength(1);
		expect((await queueInfo(b.pb, title.id)).mine).toMatchObject({ status: 'ready' });
	});

	it('sends the copy set aside back to the shelf, still lying on the pickup shelf, when nobody else waits', async () => {
		const [a, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const { title, copies } = await arrangeTitle({ copies: 2 });
		const system = await systemClient();
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const shelfA = (await checkIn(staff.pb, copies[0]!.barcode)).pickupShelf;
		await system.collection('copies').update(copies[1]!.id, { status: 'shelf' });
		await staff.pb.collection('loans').create({ copy: copies[1]!.id, patron: a.record.id });
		expect(await a.pb.collection('holds').getOne<HoldRecord>(holdA.id)).toMatchObject({
			status: 'collected'
		});
		expect(await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).toMatchObject({
			status: 'shelf',
			on_pickup_shelf: shelfA
		});
		expect((await system.collection('titles').getOne(title.id)).on_shelf).toBe(1);
	});

	it('lends the very copy set aside for the patron as their pickup', async () => {
		const [a, b, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const { copies, title } = await arrangeTitle({ copies: 1 });
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		await checkIn(staff.pb, copies[0]!.barcode);
		// another patron cannot take it over the counter
		expect(
			await refusal(staff.pb.collection('loans').create({ copy: copies[0]!.id, patron: b.record.id }))
		).toEqual({ status: 400, code: 'library_copy_busy' });
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: a.record.id });
		expect(await a.pb.collection('holds').getOne<HoldRecord>(holdA.id)).toMatchObject({
			status: 'collected',
			copy: copies[0]!.id
		});
		const system = await systemClient();
		expect(await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).toMatchObject({
			status: 'loan',
			on_pickup_shelf: ''
		});
		expect(loan.returned_at).toBe('');
	});

	it('expires a pickup past its deadline first when its copy is lent to its patron, as the hand-over does', async () => {
		const [a, b, c, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const system = await systemClient();
		const late = async (others: (typeof a)[]) => {
			const { copies, title } = await arrangeTitle({ copies: 1 });
			const hold = await placeHold(a.pb, title.id, a.record.id);
			const queued = [];
			for (const other of others) queued.push(await placeHold(other.pb, title.id, other.record.id));
			await checkIn(staff.pb, copies[0]!.barcode);
			// the deadline has passed, and the job that expires pickups has not run yet
			await system.collection('holds').update(hold.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
			return { copy: copies[0]!, hold, queued };
		};
		// someone waits: the copy is theirs now, and the desk is told so, not that the copy is busy
		const shared = await late([b]);
		const lend = () => staff.pb.collection('loans').create({ copy: shared.copy.id, patron: a.record.id });
		expect(await refusal(lend())).toEqual({ status: 400, code: 'library_hold_expired' });
		expect((await system.collection('holds').getOne<HoldRecord>(shared.hold.id)).status).toBe('expired');
		expect(await system.collection('holds').getOne<HoldRecord>(shared.queued[0]!.id)).toMatchObject({
			status: 'ready',
			copy: shared.copy.id
		});
		// asked again, the copy is the next in line's pickup
		expect(await refusal(lend())).toEqual({ status: 400, code: 'library_copy_busy' });
		// nobody waits: the pickup has expired and the copy is free, so it is lent from the shelf
		const alone = await late([]);
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: alone.copy.id, patron: a.record.id });
		expect(loan.returned_at).toBe('');
		expect((await system.collection('holds').getOne<HoldRecord>(alone.hold.id)).status).toBe('expired');
		expect((await system.collection('copies').getOne<CopyRecord>(alone.copy.id)).status).toBe('loan');
		// a third patron still cannot take a copy another's pickup has
		const other = await late([b]);
		expect(
			await refusal(staff.pb.collection('loans').create({ copy: other.copy.id, patron: c.record.id }))
		).toEqual({ status: 400, code: 'library_copy_busy' });
	});

	it('tells a late patron lent their own pickup over the counter nothing of its expiry, and one passed over that it expired', async () => {
		const [a, b, c, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const system = await systemClient();
		const late = async (patron: typeof a, others: (typeof a)[]) => {
			const { copies, title } = await arrangeTitle({ copies: 1 });
			const hold = await placeHold(patron.pb, title.id, patron.record.id);
			for (const other of others) await placeHold(other.pb, title.id, other.record.id);
			await checkIn(staff.pb, copies[0]!.barcode);
			await system.collection('holds').update(hold.id, { pickup_deadline: '2020-01-01 00:00:00.000Z' });
			return copies[0]!;
		};
		const expired = async (patron: typeof a) =>
			(await patron.pb.collection('notifications').getFullList()).filter((n) => n.kind === 'hold_expired');
		// nobody waits: the patron walks out with the copy, and no message says their hold ran out
		const alone = await late(a, []);
		await staff.pb.collection('loans').create({ copy: alone.id, patron: a.record.id });
		expect((await system.collection('copies').getOne<CopyRecord>(alone.id)).status).toBe('loan');
		expect(await expired(a)).toEqual([]);
		// someone waits: the loan is refused and the late patron is told their hold expired
		const shared = await late(b, [c]);
		expect(
			await refusal(staff.pb.collection('loans').create({ copy: shared.id, patron: b.record.id }))
		).toEqual({ status: 400, code: 'library_hold_expired' });
		expect(await expired(b)).toHaveLength(1);
	});

	it('refuses the patron’s own token such a loan, and leaves the hold as it was', async () => {
		const [a] = await Promise.all([createUser()]);
		const { copies, holds } = await pausedQueue(1, [a]);
		const own = await refusal(a.pb.collection('loans').create({ copy: copies[0]!.id, patron: a.record.id }));
		expect(own.status).toBeGreaterThanOrEqual(400);
		expect(await a.pb.collection('holds').getOne<HoldRecord>(holds[0]!.id)).toMatchObject({
			status: 'paused'
		});
		const system = await systemClient();
		expect(await system.collection('loans').getFullList({ filter: `copy = "${copies[0]!.id}"` })).toEqual([]);
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('shelf');
	});
});

describe('staff changing a patron’s hold or loan through the API', () => {
	/** The patron's messages of `kind`. */
	const told = (patron: { pb: PocketBase }, kind: string) =>
		patron.pb.collection('notifications').getFullList({ filter: `kind = "${kind}"`, sort: 'created' });

	it('tells the patron when staff pause, resume or cancel their hold; not their own change nor a desk act', async () => {
		const system = await systemClient();
		const { title } = await arrangeTitle();
		const [patron, staff, colleague] = await Promise.all([
			createUser(),
			createUser({ staff: true }),
			createUser({ staff: true })
		]);
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		// the patron's own pause and resume, and the same at the desk with them, are theirs
		await patron.pb.collection('holds').update(hold.id, { status: 'paused' });
		await patron.pb.collection('holds').update(hold.id, { status: 'waiting' });
		const desk = { headers: { 'X-Borgerhus-For': patron.record.id } };
		await staff.pb.collection('holds').update(hold.id, { status: 'paused' }, desk);
		await staff.pb.collection('holds').update(hold.id, { status: 'waiting' }, desk);
		expect(await told(patron, 'hold_changed_by_house')).toHaveLength(0);
		await staff.pb.collection('holds').update(hold.id, { status: 'paused' });
		const [paused] = await told(patron, 'hold_changed_by_house');
		expect(paused!.title).toBe(`Reservation sat på pause: ${title.title}`);
		expect(paused!.body).toContain('Personalet har sat din reservation af');
		expect(paused!.body).toContain('Du beholder din plads i køen');
		expect(paused!.link).toBe(`/bibliotek/${title.id}`);
		// paused and resumed again within the hour: one message, saying where the hold stands now
		await staff.pb.collection('holds').update(hold.id, { status: 'waiting' });
		const resumed = await told(patron, 'hold_changed_by_house');
		expect(resumed.map((n) => n.title)).toEqual([`Reservation genoptaget: ${title.title}`]);
		// two staff members cancelling at once: one cancellation, still one message
		await Promise.all([
			refusal(staff.pb.collection('holds').update(hold.id, { status: 'cancelled' })),
			refusal(colleague.pb.collection('holds').update(hold.id, { status: 'cancelled' }))
		]);
		expect((await system.collection('holds').getOne<HoldRecord>(hold.id)).status).toBe('cancelled');
		const cancelled = await told(patron, 'hold_changed_by_house');
		expect(cancelled.map((n) => [n.title, n.read_at])).toEqual([
			[`Reservation annulleret: ${title.title}`, '']
		]);
		expect(cancelled[0]!.body).toContain('Personalet har annulleret din reservation af');
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:h} && action = "library_hold_cancel"', { h: hold.id })
		});
		expect(audit).toHaveLength(1);
	});

	it('tells the patron in English when they read English', async () => {
		const { title } = await arrangeTitle();
		const [patron, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await patron.pb.collection('users').update(patron.record.id, { language: 'en' });
		const hold = await placeHold(patron.pb, title.id, patron.record.id);
		await staff.pb.collection('holds').update(hold.id, { status: 'cancelled' });
		const [message] = await told(patron, 'hold_changed_by_house');
		expect(message!.title).toBe(`Hold cancelled: ${title.title}`);
		expect(message!.body).toContain('The staff cancelled your hold on');
	});

	it('tells the patron when staff move the due date of their loan, with the new date', async () => {
		const { copies, title } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const [patron, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: patron.record.id });
		expect(await told(patron, 'loan_due_moved')).toHaveLength(0);
		const sooner = new Date(Date.now() + 3 * 86_400_000);
		sooner.setUTCHours(10, 0, 0, 0);
		await staff.pb.collection('loans').update(loan.id, { due: sooner.toISOString() });
		const [message] = await told(patron, 'loan_due_moved');
		expect(message!.title).toBe(`Ny afleveringsdato: ${title.title}`);
		expect(message!.body).toContain('Personalet har flyttet afleveringsdatoen for');
		expect(message!.body).toContain(format(sooner.toISOString(), 'da'));
		expect(message!.link).toBe('/bibliotek/mine');
		// the same date sent again tells nothing new; a refused move tells nothing
		await staff.pb.collection('loans').update(loan.id, { due: sooner.toISOString() });
		await refusal(staff.pb.collection('loans').update(loan.id, { due: '2001-01-01T00:00:00Z' }));
		const after = await told(patron, 'loan_due_moved');
		expect(after.map((n) => [n.id, n.body])).toEqual([[message!.id, message!.body]]);
	});
});
