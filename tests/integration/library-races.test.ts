import { describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import type { CopyRecord, HoldRecord, LoanRecord, TitleRecord } from '../../src/lib/pocketbase-types';
import { arrangeTitle, checkIn, collect, placeHold, queueInfo, refusal } from './library-helpers';

// Rule 4 and rule 7 for the library (docs/rules.md, "Library"): a patron and the desk, or two desks, acting
// on one hold or copy at the same moment leave one consistent outcome. Each race runs ROUNDS times with
// both requests fired together; the invariants are then checked on the stored rows.
const ROUNDS = 20;
const LONG = 240_000;

/** Checks every invariant of a title's holds, copies and loans, and that a new hold can still be placed. */
async function assertConsistent(titleId: string) {
	const system = await systemClient();
	const filter = system.filter('title = {:t}', { t: titleId });
	const [copies, holds, loans] = await Promise.all([
		system.collection('copies').getFullList<CopyRecord>({ filter }),
		system.collection('holds').getFullList<HoldRecord>({ filter }),
		system.collection('loans').getFullList<LoanRecord>({ filter })
	]);
	for (const copy of copies) {
		const ready = holds.filter((h) => h.status === 'ready' && h.copy === copy.id);
		const open = loans.filter((l) => l.copy === copy.id && !l.returned_at);
		const serves = `${copy.status}: ${ready.length} ready, ${open.length} open`;
		if (copy.status === 'reserved') expect(serves).toBe('reserved: 1 ready, 0 open');
		else if (copy.status === 'loan') expect(serves).toBe('loan: 0 ready, 1 open');
		else expect(serves).toBe(`${copy.status}: 0 ready, 0 open`);
	}
	for (const hold of holds.filter((h) => h.status === 'ready')) {
		expect(copies.find((c) => c.id === hold.copy)?.status).toBe('reserved');
	}
	for (const hold of holds) expect(hold.status).not.toBe('');
	// nobody keeps an active hold on a title they have on loan
	const borrowers = loans.filter((l) => !l.returned_at).map((l) => l.patron);
	const beside = holds.filter(
		(h) => ['waiting', 'paused', 'ready'].includes(h.status) && borrowers.includes(h.patron)
	);
	expect(beside).toEqual([]);
	// the queue counts every waiting and paused hold once
	const queued = holds.filter((h) => h.status === 'waiting' || h.status === 'paused');
	expect((await queueInfo(system, titleId)).queueLength).toBe(queued.length);
	// a new hold on the title is still possible
	const newcomer = (await ensurePool())[2]!;
	const fresh = await placeHold(newcomer.pb, titleId, newcomer.record.id);
	expect(['waiting', 'ready']).toContain(fresh.status);
	await assertPlaces(
		titleId,
		queued.map((h) => h.patron),
		newcomer
	);
}

/** Each queued patron's place, as they see it, is 1..n without gaps or duplicates. */
async function assertPlaces(titleId: string, patronIds: string[], newcomer: TestUser) {
	const clients = new Map<string, PocketBase>(patronsById);
	clients.set(newcomer.record.id, newcomer.pb);
	const seen: number[] = [];
	for (const id of [...patronIds, newcomer.record.id]) {
		const info = await queueInfo(clients.get(id)!, titleId);
		if (info.mine && info.mine.place > 0) seen.push(info.mine.place);
	}
	seen.sort((a, b) => a - b);
	expect(seen).toEqual(seen.map((_, i) => i + 1));
}

const patronsById = new Map<string, PocketBase>();
const pool: TestUser[] = [];

/** `n` patrons from a pool shared by the rounds, with no active holds left from an earlier round. */
async function ensurePool() {
	while (pool.length < 3) {
		const user = await createUser();
		patronsById.set(user.record.id, user.pb);
		pool.push(user);
	}
	return pool;
}

async function patrons(n: number) {
	await ensurePool();
	const system = await systemClient();
	const active = await system.collection('holds').getFullList<HoldRecord>({
		filter: pool
			.map((u) => system.filter('patron = {:p}', { p: u.record.id }))
			.join(' || ')
			.replace(/^(.*)$/, '($1) && (status = "waiting" || status = "paused" || status = "ready")')
	});
	for (const hold of active) await system.collection('holds').update(hold.id, { status: 'cancelled' });
	return pool.slice(0, n);
}

async function holdOf(id: string) {
	return (await systemClient()).collection('holds').getOne<HoldRecord>(id);
}

async function copyOf(id: string) {
	return (await systemClient()).collection('copies').getOne<CopyRecord>(id);
}

describe('the desk and a patron at the same moment', () => {
	it(
		'check-in against the first patron pausing: the copy goes to exactly one hold',
		{ timeout: LONG },
		async () => {
			const staff = await createUser({ staff: true });
			for (let round = 0; round < ROUNDS; round++) {
				const { title, copies } = await arrangeTitle({ copies: 1 });
				const [a, b] = await patrons(2);
				const holdA = await placeHold(a!.pb, title.id, a!.record.id);
				const holdB = await placeHold(b!.pb, title.id, b!.record.id);
				const [desk, pause] = await Promise.all([
					refusal(checkIn(staff.pb, copies[0]!.barcode)),
					refusal(a!.pb.collection('holds').update(holdA.id, { status: 'paused' }))
				]);
				expect(desk.status).toBe(0);
				const [afterA, afterB] = await Promise.all([holdOf(holdA.id), holdOf(holdB.id)]);
				if (pause.status === 0) {
					// paused first: B gets the copy, A keeps its place
					expect([afterA.status, afterB.status, afterB.copy]).toEqual(['paused', 'ready', copies[0]!.id]);
				} else {
					// checked in first: A's hold is ready with the copy and cannot be paused any more
					expect(pause.code).toBe('library_hold_change_refused');
					expect([afterA.status, afterA.copy, afterB.status]).toEqual(['ready', copies[0]!.id, 'waiting']);
				}
				await assertConsistent(title.id);
			}
		}
	);

	it(
		'check-in against the first patron cancelling: the next in line always gets the copy',
		{ timeout: LONG },
		async () => {
			const staff = await createUser({ staff: true });
			for (let round = 0; round < ROUNDS; round++) {
				const { title, copies } = await arrangeTitle({ copies: 1 });
				const [a, b] = await patrons(2);
				const holdA = await placeHold(a!.pb, title.id, a!.record.id);
				const holdB = await placeHold(b!.pb, title.id, b!.record.id);
				const [desk, cancel] = await Promise.all([
					refusal(checkIn(staff.pb, copies[0]!.barcode)),
					refusal(a!.pb.collection('holds').update(holdA.id, { status: 'cancelled' }))
				]);
				expect([desk.status, cancel.status]).toEqual([0, 0]);
				const [afterA, afterB, copy] = await Promise.all([
					holdOf(holdA.id),
					holdOf(holdB.id),
					copyOf(copies[0]!.id)
				]);
				expect([afterA.status, afterB.status, afterB.copy, copy.status]).toEqual([
					'cancelled',
					'ready',
					copies[0]!.id,
					'reserved'
				]);
				await assertConsistent(title.id);
			}
		}
	);

	it(
		'hand-over against the patron cancelling: either a loan or a released copy, never both',
		{ timeout: LONG },
		async () => {
			const staff = await createUser({ staff: true });
			for (let round = 0; round < ROUNDS; round++) {
				const { title, copies } = await arrangeTitle({ copies: 1 });
				const [a] = await patrons(1);
				const hold = await placeHold(a!.pb, title.id, a!.record.id);
				await checkIn(staff.pb, copies[0]!.barcode);
				const [desk, cancel] = await Promise.all([
					refusal(collect(staff.pb, hold.id)),
					refusal(a!.pb.collection('holds').update(hold.id, { status: 'cancelled' }))
				]);
				const [after, copy] = await Promise.all([holdOf(hold.id), copyOf(copies[0]!.id)]);
				if (desk.status === 0) {
					expect(cancel.status).toBeGreaterThanOrEqual(400);
					expect([after.status, copy.status]).toEqual(['collected', 'loan']);
				} else {
					expect(desk.code).toBe('library_hold_not_ready');
					expect(cancel.status).toBe(0);
					expect([after.status, copy.status]).toEqual(['cancelled', 'shelf']);
				}
				await assertConsistent(title.id);
			}
		}
	);
});

describe('two desks at the same moment', () => {
	it(
		'check in the same copy once: one hold gets it, the other desk is told it is reserved',
		{ timeout: LONG },
		async () => {
			const [desk1, desk2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			for (let round = 0; round < ROUNDS; round++) {
				const { title, copies } = await arrangeTitle({ copies: 1 });
				const [a, b] = await patrons(2);
				await placeHold(a!.pb, title.id, a!.record.id);
				await placeHold(b!.pb, title.id, b!.record.id);
				const results = await Promise.all([
					refusal(checkIn(desk1.pb, copies[0]!.id)),
					refusal(checkIn(desk2.pb, copies[0]!.barcode))
				]);
				expect(results.map((r) => r.code).sort()).toEqual(['', 'library_copy_reserved']);
				await assertConsistent(title.id);
			}
		}
	);

	it('hand over the same pickup once: one loan', { timeout: LONG }, async () => {
		const [desk1, desk2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		for (let round = 0; round < ROUNDS; round++) {
			const { title, copies } = await arrangeTitle({ copies: 1 });
			const [a] = await patrons(1);
			const hold = await placeHold(a!.pb, title.id, a!.record.id);
			await checkIn(desk1.pb, copies[0]!.barcode);
			const results = await Promise.all([
				refusal(collect(desk1.pb, hold.id)),
				refusal(collect(desk2.pb, hold.id))
			]);
			expect(results.map((r) => r.code).sort()).toEqual(['', 'library_hold_not_ready']);
			const system = await systemClient();
			const loans = await system
				.collection('loans')
				.getFullList<LoanRecord>({ filter: system.filter('copy = {:c}', { c: copies[0]!.id }) });
			expect(loans).toHaveLength(1);
			await assertConsistent(title.id);
		}
	});

	it(
		'lend two copies of a title to a patron whose pickup lies ready: both loans, the hold ended once, its copy free',
		{ timeout: LONG },
		async () => {
			const [desk1, desk2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			const system = await systemClient();
			for (let round = 0; round < ROUNDS; round++) {
				const { title, copies } = await arrangeTitle({ copies: 3 });
				const [a] = await patrons(1);
				const hold = await placeHold(a!.pb, title.id, a!.record.id);
				await checkIn(desk1.pb, copies[0]!.barcode);
				for (const copy of copies.slice(1))
					await system.collection('copies').update(copy.id, { status: 'shelf' });
				const results = await Promise.all([
					refusal(desk1.pb.collection('loans').create({ copy: copies[1]!.id, patron: a!.record.id })),
					refusal(desk2.pb.collection('loans').create({ copy: copies[2]!.id, patron: a!.record.id }))
				]);
				expect(results.map((r) => r.status)).toEqual([0, 0]);
				const [after, copy] = await Promise.all([holdOf(hold.id), copyOf(copies[0]!.id)]);
				expect([after.status, copy.status]).toEqual(['collected', 'shelf']);
				await assertConsistent(title.id);
			}
		}
	);

	it(
		'lend a copy over the counter while another desk hands over the same patron’s pickup: never a hold beside a loan',
		{ timeout: LONG },
		async () => {
			const [desk1, desk2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			const system = await systemClient();
			for (let round = 0; round < ROUNDS; round++) {
				const { title, copies } = await arrangeTitle({ copies: 2 });
				const [a] = await patrons(1);
				const hold = await placeHold(a!.pb, title.id, a!.record.id);
				await checkIn(desk1.pb, copies[0]!.barcode);
				await system.collection('copies').update(copies[1]!.id, { status: 'shelf' });
				const [lend, handOver] = await Promise.all([
					refusal(desk1.pb.collection('loans').create({ copy: copies[1]!.id, patron: a!.record.id })),
					refusal(collect(desk2.pb, hold.id))
				]);
				expect(lend.status).toBe(0);
				// handed over first: two loans; lent first: the pickup has ended and its copy is free
				expect(['', 'library_hold_not_ready']).toContain(handOver.code);
				const [after, copy] = await Promise.all([holdOf(hold.id), copyOf(copies[0]!.id)]);
				expect([after.status, copy.status]).toEqual(['collected', handOver.code ? 'shelf' : 'loan']);
				await assertConsistent(title.id);
			}
		}
	);
});

describe('two edits of different fields of one record at the same moment', () => {
	it('keep both, for copies and titles', { timeout: LONG }, async () => {
		const [staff1, staff2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		for (let round = 0; round < ROUNDS; round++) {
			const barcode = `R-${round}-${copies[0]!.id}`;
			const shelf = `Hylde ${round}`;
			await Promise.all([
				staff1.pb.collection('copies').update(copies[0]!.id, { barcode }),
				staff2.pb.collection('copies').update(copies[0]!.id, { shelf })
			]);
			const copy = await copyOf(copies[0]!.id);
			expect([copy.barcode, copy.shelf, copy.status]).toEqual([barcode, shelf, 'shelf']);

			const creator = `Forfatter ${round}`;
			const subjects = `emne ${round}`;
			await Promise.all([
				staff1.pb.collection('titles').update(title.id, { creator }),
				staff2.pb.collection('titles').update(title.id, { subjects })
			]);
			const stored = await (await systemClient()).collection('titles').getOne<TitleRecord>(title.id);
			expect([stored.creator, stored.subjects]).toEqual([creator, subjects]);
		}
	});

	it('keep a copy marked missing while another desk renames its shelf', { timeout: LONG }, async () => {
		const [staff1, staff2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
		const { copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		for (let round = 0; round < ROUNDS; round++) {
			const status = round % 2 === 0 ? 'missing' : 'shelf';
			const shelf = `Reol ${round}`;
			await Promise.all([
				staff1.pb.collection('copies').update(copies[0]!.id, { status }),
				staff2.pb.collection('copies').update(copies[0]!.id, { shelf })
			]);
			const copy = await copyOf(copies[0]!.id);
			expect([copy.status, copy.shelf]).toEqual([status, shelf]);
		}
	});
});

describe('a copy marked missing from the title page while the desk lends it', () => {
	it(
		'either lends it or marks it missing, and never writes off the loan just made as lost',
		{ timeout: LONG },
		async () => {
			const [desk, catalogue] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			const [patron] = await patrons(1);
			const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
			const copy = copies[0]!;
			for (let round = 0; round < ROUNDS; round++) {
				const [lent, marked] = await Promise.all([
					refusal(desk.pb.collection('loans').create({ copy: copy.id, patron: patron!.record.id })),
					// "Meld savnet" on the staff title page, which showed the copy on the shelf
					refusal(
						catalogue.pb
							.collection('copies')
							.update(copy.id, { status: 'missing' }, { query: { from: 'shelf' } })
					)
				]);
				const system = await systemClient();
				const loans = await system.collection('loans').getFullList<LoanRecord>({
					filter: system.filter('copy = {:c}', { c: copy.id })
				});
				expect(loans.filter((l) => l.lost)).toEqual([]);
				const stored = await copyOf(copy.id);
				if (lent.status === 0) {
					expect(marked.code).toBe('library_copy_busy');
					expect(stored.status).toBe('loan');
					expect(loans.filter((l) => !l.returned_at)).toHaveLength(1);
				} else {
					expect([lent.code, marked.status]).toEqual(['library_copy_missing', 0]);
					expect(stored.status).toBe('missing');
					expect(loans.filter((l) => !l.returned_at)).toHaveLength(0);
				}
				// back on the shelf for the next round: the loan returned, or the copy found
				await checkIn(desk.pb, copy.barcode);
			}
			await assertConsistent(title.id);
		}
	);
});

describe('a title deleted while copies are added to it', () => {
	it(
		'refuses each copy that lost its title with a code of ours, and keeps none without one',
		{ timeout: LONG },
		async () => {
			const [staff1, staff2] = await Promise.all([createUser({ staff: true }), createUser({ staff: true })]);
			const system = await systemClient();
			const codes = new Set<string>();
			for (let round = 0; round < ROUNDS; round++) {
				const { title } = await arrangeTitle();
				const adds = Array.from({ length: 4 }, (_, i) =>
					refusal(
						staff2.pb.collection('copies').create({
							title: title.id,
							barcode: `DEL-${round}-${i}-${title.id}`,
							shelf: 'A1',
							status: 'missing'
						})
					)
				);
				const [removed, ...added] = await Promise.all([
					refusal(staff1.pb.collection('titles').delete(title.id)),
					...adds
				]);
				for (const outcome of added) if (outcome.status) codes.add(`${outcome.status} ${outcome.code}`);
				const left = await system
					.collection('copies')
					.getFullList({ filter: system.filter('barcode ~ {:b}', { b: `DEL-${round}-` }) });
				// the title went: no copy names it; it stayed (a copy came first): every stored copy has it
				if (removed.status === 0) expect(left).toEqual([]);
				else expect(left.every((c) => c.title === title.id)).toBe(true);
			}
			for (const code of codes) {
				expect([
					'400 library_title_unknown',
					'400 core_unknown_record',
					'400 library_title_in_use'
				]).toContain(code);
			}
		}
	);
});

describe('account deletion and the desk at the same moment', () => {
	it(
		'releases the deleted patron’s pickup to the next in line, whichever comes first',
		{ timeout: LONG },
		async () => {
			const staff = await createUser({ staff: true });
			for (let round = 0; round < 5; round++) {
				const { title, copies } = await arrangeTitle({ copies: 1 });
				const [leaving, next] = await Promise.all([createUser(), createUser()]);
				patronsById.set(next.record.id, next.pb);
				const holdA = await placeHold(leaving.pb, title.id, leaving.record.id);
				const holdB = await placeHold(next.pb, title.id, next.record.id);
				const [desk, deletion] = await Promise.all([
					refusal(checkIn(staff.pb, copies[0]!.barcode)),
					refusal(
						leaving.pb.send('/api/borgerhus/account/delete', {
							method: 'POST',
							body: { password: leaving.password }
						})
					)
				]);
				expect([desk.status, deletion.status]).toEqual([0, 0]);
				const [afterA, afterB, copy] = await Promise.all([
					holdOf(holdA.id),
					holdOf(holdB.id),
					copyOf(copies[0]!.id)
				]);
				expect([afterA.status, afterB.status, afterB.copy, copy.status]).toEqual([
					'cancelled',
					'ready',
					copies[0]!.id,
					'reserved'
				]);
				await assertConsistent(title.id);
			}
		}
	);
});

describe('a hold placed while the title loses its last copy or its patron borrows it', () => {
	it(
		'never leaves a hold waiting on a title without copies, nor a hold beside a loan of the title',
		{ timeout: LONG },
		async () => {
			const [staff] = await Promise.all([createUser({ staff: true })]);
			const system = await systemClient();
			const seen = new Set<string>();
			for (let round = 0; round < ROUNDS; round++) {
				const [patron] = await patrons(1);
				const { title, copies } = await arrangeTitle({ copies: 1 });
				const elsewhere = await arrangeTitle({ copies: 0 });
				const gone =
					round % 2 === 0
						? staff.pb.collection('copies').delete(copies[0]!.id)
						: staff.pb.collection('copies').update(copies[0]!.id, { title: elsewhere.title.id });
				const [removed, held] = await Promise.all([
					refusal(gone),
					refusal(placeHold(patron!.pb, title.id, patron!.record.id))
				]);
				seen.add(`${removed.code}|${held.code}`);
				const left = await system.collection('copies').getFullList({ filter: `title = "${title.id}"` });
				const active = await system.collection('holds').getFullList({
					filter: `title = "${title.id}" && (status = "waiting" || status = "paused" || status = "ready")`
				});
				// one of the two went through, never both
				expect([removed.status === 0, held.status === 0].filter(Boolean)).toHaveLength(1);
				if (active.length) expect(left).toHaveLength(1);
			}
			for (let round = 0; round < ROUNDS; round++) {
				const [patron] = await patrons(1);
				// two copies on the shelf: the hold is ready at once with one, the loan would take the other
				const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 2 });
				const lent = round % 2 === 0 ? copies[0]! : copies[1]!;
				const [loan, held] = await Promise.all([
					refusal(staff.pb.collection('loans').create({ copy: lent.id, patron: patron!.record.id })),
					refusal(placeHold(patron!.pb, title.id, patron!.record.id))
				]);
				seen.add(`${loan.code}|${held.code}`);
				const open = await system
					.collection('loans')
					.getFullList({ filter: `title = "${title.id}" && returned_at = ""` });
				const active = await system.collection('holds').getFullList({
					filter: `title = "${title.id}" && (status = "waiting" || status = "paused" || status = "ready")`
				});
				// the loan is made either way: first, it refuses the hold; second, it ends the hold as collected
				expect(loan.status).toBe(0);
				expect([open.length, active.length]).toEqual([1, 0]);
				await assertConsistent(title.id);
			}
			for (const pair of seen) {
				expect([
					'|library_title_no_copies',
					'library_copy_last_held|',
					'library_copy_last_held_move|',
					'|library_hold_on_loan',
					'|',
					'library_copy_busy|'
				]).toContain(pair);
			}
		}
	);
});
