// A copy that is not where it should be (docs/rules.md, "Library", "A copy not found, a copy lost"): not found
// when the desk goes to fetch it for a pickup, lost on loan, or lying at the desk on a pickup shelf.
import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { readMails, waitForMail } from '../helpers/mail';
import { createUser, systemClient } from '../helpers/pocketbase';
import { stack } from '../helpers/stack';
import type { CopyRecord, HoldRecord, LoanRecord } from '../../src/lib/pocketbase-types';
import { arrangeTitle, checkIn, collect, placeHold, queueInfo, refusal, returnLoan } from './library-helpers';

const text = (html: string) =>
	html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

async function auditOf(action: string, id: string) {
	const system = await systemClient();
	return system.collection('audit_log').getFullList({
		filter: system.filter('action = {:a} && target_id = {:id}', { a: action, id })
	});
}

/** The patron's notices that a copy fetched for them was not found. */
async function notFoundNotices(userId: string) {
	const system = await systemClient();
	return system.collection('notifications').getFullList({
		filter: system.filter('user = {:u} && kind = "hold_not_found"', { u: userId }),
		sort: 'created'
	});
}

async function deskSession(staff: { email: string; password: string }) {
	const desk = new AppSession();
	await desk.signIn(staff.email, staff.password);
	return desk;
}

describe('a copy not found for a pickup', () => {
	it('sends the hold back to the queue in its place when staff mark the copy missing, and serves it another copy on the shelf', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 1 });
		const a = await createUser();
		const hold = await placeHold(a.pb, title.id, a.record.id);
		// ready at once with the copy on the shelf, being fetched (no pickup deadline)
		expect(hold.status).toBe('ready');
		expect(hold.copy).toBe(copies[0]!.id);
		expect(hold.pickup_deadline).toBe('');
		// the other copy is found meanwhile and stands on the shelf: A already has a copy
		await staff.pb.collection('copies').update(copies[1]!.id, { status: 'shelf' });
		const system = await systemClient();
		expect((await system.collection('copies').getOne<CopyRecord>(copies[1]!.id)).status).toBe('shelf');

		// staff cannot find copy 0: it is missing, and A is served copy 1 at once, still to be fetched
		const marked = await staff.pb
			.collection('copies')
			.update<CopyRecord>(copies[0]!.id, { status: 'missing' });
		expect(marked.status).toBe('missing');
		const after = await system.collection('holds').getOne<HoldRecord>(hold.id);
		expect(after.status).toBe('ready');
		expect(after.copy).toBe(copies[1]!.id);
		expect(after.pickup_deadline).toBe('');
		expect(after.placed_at).toBe(hold.placed_at);
		expect((await system.collection('copies').getOne<CopyRecord>(copies[1]!.id)).status).toBe('reserved');
		// still being fetched, as A's page said all along: A is not told of a queue A never went back to
		expect(await notFoundNotices(a.record.id)).toHaveLength(0);

		const entries = await auditOf('library_copy_not_found', copies[0]!.id);
		expect(entries).toHaveLength(1);
		expect(entries[0]!.actor).toBe(staff.record.id);
		expect(entries[0]!.details).toMatchObject({ hold: hold.id, on_behalf_of: a.record.id });
	});

	it('keeps the hold waiting in its place ahead of later holds when no other copy is on the shelf', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 1 });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		const holdB = await placeHold(b.pb, title.id, b.record.id);
		expect(holdA.status).toBe('ready');
		expect(holdB.status).toBe('waiting');

		await staff.pb.collection('copies').update(copies[0]!.id, { status: 'missing' });
		const system = await systemClient();
		const after = await system.collection('holds').getOne<HoldRecord>(holdA.id);
		expect(after).toMatchObject({ status: 'waiting', copy: '', pickup_shelf: '', pickup_deadline: '' });
		expect(after.placed_at).toBe(holdA.placed_at);
		// first in the queue again, before B
		const queue = await a.pb.send(`/api/library/queue/${title.id}`, { method: 'GET' });
		expect(queue.mine.place).toBe(1);
		expect(queue.queueLength).toBe(2);

		// the other copy turns up at the desk: it goes to A, not to B
		const checked = await checkIn(staff.pb, copies[1]!.barcode);
		expect(checked.hold).toBe(holdA.id);
	});

	it('tells the patron once, in Danish, that the copy was not found and that they keep their place in the queue', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		await system.collection('users').update(a.record.id, { notify_email: true });
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		await placeHold(b.pb, title.id, b.record.id);
		expect(holdA).toMatchObject({ status: 'ready', pickup_deadline: '' });

		await staff.pb.collection('copies').update(copies[0]!.id, { status: 'missing' });
		const notices = await notFoundNotices(a.record.id);
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatchObject({
			title: `Vi kunne ikke finde ${title.title}`,
			body:
				`Vi kunne ikke finde det eksemplar af ${title.title}, som vi var ved at finde frem til dig. ` +
				'Du beholder din plads i køen, hvor du er nr. 1. Du får besked, når et eksemplar ligger klar til dig.',
			link: `/bibliotek/${title.id}`
		});
		// the patron reads it in their own inbox, and by mail as they chose
		expect((await a.pb.collection('notifications').getOne(notices[0]!.id)).kind).toBe('hold_not_found');
		const mail = await waitForMail(stack().mailDir, a.email, /^Vi kunne ikke finde /);
		expect(mail.subject).toBe(`Vi kunne ikke finde ${title.title}`);
		expect(mail.text).toContain('hvor du er nr. 1');
		// nobody else is told: B's place did not change
		expect(await notFoundNotices(b.record.id)).toHaveLength(0);
	});

	it('tells an English reader in English, with their place as the queue stands, a paused hold ahead counted', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 0 });
		const [p, a] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		await system.collection('users').update(a.record.id, { language: 'en' });
		// P is first in the queue but paused; A is next
		const holdP = await placeHold(p.pb, title.id, p.record.id);
		await p.pb.collection('holds').update(holdP.id, { status: 'paused' });
		const holdA = await placeHold(a.pb, title.id, a.record.id);
		// the copy is found on the open shelf: it goes to A, to be fetched
		await staff.pb.collection('copies').update(copies[0]!.id, { status: 'shelf' });
		expect(await system.collection('holds').getOne<HoldRecord>(holdA.id)).toMatchObject({
			status: 'ready',
			copy: copies[0]!.id,
			pickup_deadline: ''
		});

		await staff.pb.collection('copies').update(copies[0]!.id, { status: 'missing' });
		// second in the queue, behind P's paused hold, as A's own page says
		expect((await queueInfo(a.pb, title.id)).mine?.place).toBe(2);
		const notices = await notFoundNotices(a.record.id);
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatchObject({
			title: `We could not find ${title.title}`,
			body:
				`We could not find the copy of ${title.title} that we were fetching for you. ` +
				'You keep your place in the queue, where you are number 2. We will let you know when a copy is ready for you.'
		});
		// written in both languages, so the inbox follows the language A reads in later
		expect(notices[0]!.texts).toMatchObject({ da: { title: `Vi kunne ikke finde ${title.title}` } });
		expect(await notFoundNotices(p.record.id)).toHaveLength(0);
	});

	it('tells nobody when the update fails after the hold was sent back: all or nothing', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 1 });
		const a = await createUser();
		const system = await systemClient();
		await system.collection('users').update(a.record.id, { notify_email: true });
		const hold = await placeHold(a.pb, title.id, a.record.id);
		expect(hold).toMatchObject({ status: 'ready', copy: copies[0]!.id });
		// Stands in for any failing step: the other copy's barcode is taken, so the copy's own save fails
		// after the hold was sent back to the queue inside the transaction.
		const refused = await refusal(
			staff.pb.collection('copies').update(copies[0]!.id, { status: 'missing', barcode: copies[1]!.barcode })
		);
		expect(refused).toEqual({ status: 400, code: 'validation_not_unique' });
		expect(await system.collection('holds').getOne<HoldRecord>(hold.id)).toMatchObject({
			status: 'ready',
			copy: copies[0]!.id,
			pickup_deadline: ''
		});
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('reserved');
		expect(await notFoundNotices(a.record.id)).toHaveLength(0);
		expect(readMails(stack().mailDir).filter((m) => m.to.includes(a.email.toLowerCase()))).toHaveLength(0);
	});

	it('refuses a copy whose pickup deadline has started: it lies on the pickup shelf', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const a = await createUser();
		const hold = await placeHold(a.pb, title.id, a.record.id);
		await checkIn(staff.pb, copies[0]!.barcode); // on the pickup shelf, deadline started
		const refused = await refusal(staff.pb.collection('copies').update(copies[0]!.id, { status: 'missing' }));
		expect(refused.code).toBe('library_copy_busy');
		const system = await systemClient();
		expect((await system.collection('holds').getOne<HoldRecord>(hold.id)).status).toBe('ready');
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('reserved');
		// and a patron still cannot mark anything missing
		expect(
			(await refusal(a.pb.collection('copies').update(copies[0]!.id, { status: 'missing' }))).status
		).not.toBe(0);
	});

	it('offers "Ikke fundet" at the desk beside "Lagt på hylde"', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({
			copies: 1,
			onShelf: 1,
			title: `Ikke fundet ${Date.now()}`
		});
		const a = await createUser();
		const hold = await placeHold(a.pb, title.id, a.record.id);
		const desk = await deskSession(staff);
		const found = `/personale/skranke?afhentning=${encodeURIComponent(title.title)}`;
		const page = await (await desk.get(found)).text();
		expect(page).toContain(`Lagt på hylde ${hold.pickup_shelf}`);
		expect(page).toContain('Ikke fundet');

		const done = await desk.post('/personale/skranke?/notFound', { copy: copies[0]!.id, hold: hold.id });
		expect(done.status).toBe(200);
		expect(text(await done.text())).toContain(`${title.title} (${copies[0]!.barcode}) er meldt savnet.`);
		const system = await systemClient();
		expect((await system.collection('holds').getOne<HoldRecord>(hold.id)).status).toBe('waiting');
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('missing');
		expect(await (await desk.get(found)).text()).not.toContain(`Lagt på hylde ${hold.pickup_shelf}`);
		// the patron is told by the desk's act, once
		const notices = await notFoundNotices(a.record.id);
		expect(notices.map((n) => n.title)).toEqual([`Vi kunne ikke finde ${title.title}`]);
	});
	it('refuses "Ikke fundet" sent from a page shown before the copy was lent or its pickup ended, and changes nothing', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1, title: `Forældet ${Date.now()}` });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const hold = await placeHold(a.pb, title.id, a.record.id);
		const desk = await deskSession(staff);
		expect(await (await desk.get('/personale/skranke')).text()).toContain('Ikke fundet');
		// another desk finds the copy, puts it on the pickup shelf and hands it over meanwhile
		await checkIn(staff.pb, copies[0]!.barcode);
		const { loan } = await collect(staff.pb, hold.id);
		const stale = await desk.post('/personale/skranke?/notFound', { copy: copies[0]!.id, hold: hold.id });
		expect(stale.status).toBe(400);
		expect(text(await stale.text())).toContain('Eksemplaret er ikke længere på vej til den afhentning');
		// the patron's loan is still open, not written off as lost, and the copy is on loan
		expect(await system.collection('loans').getOne<LoanRecord>(loan)).toMatchObject({
			returned_at: '',
			lost: false
		});
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('loan');
		expect(await notFoundNotices(a.record.id)).toEqual([]);

		// a pickup cancelled meanwhile: the copy went back on the shelf, and a click on its old row leaves it there
		await returnLoan(staff.pb, loan);
		const second = await placeHold(b.pb, title.id, b.record.id);
		await b.pb.collection('holds').update(second.id, { status: 'cancelled' });
		const late = await desk.post('/personale/skranke?/notFound', { copy: copies[0]!.id, hold: second.id });
		expect(late.status).toBe(400);
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('shelf');
		// and through PocketBase's API, asked for one pickup, the same refusal
		const asked = await refusal(
			staff.pb
				.collection('copies')
				.update(copies[0]!.id, { status: 'missing' }, { query: { fetching: second.id } })
		);
		expect(asked).toEqual({ status: 400, code: 'library_copy_not_fetched' });
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('shelf');
	});
});

describe('a copy lost on loan', () => {
	it('ends the loan as lost and gives the copy to nobody, at the desk', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: a.record.id });
		const holdB = await placeHold(b.pb, title.id, b.record.id);

		const lost = await staff.pb.send('/api/library/lost', { method: 'POST', body: { loan: loan.id } });
		expect(lost).toMatchObject({ loan: loan.id, copy: copies[0]!.id });
		const system = await systemClient();
		const ended = await system.collection('loans').getOne<LoanRecord>(loan.id);
		expect(ended.returned_at).not.toBe('');
		expect(ended.lost).toBe(true);
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe('missing');
		// B waits for another copy, and is not told the lost one is ready
		expect((await system.collection('holds').getOne<HoldRecord>(holdB.id)).status).toBe('waiting');
		const notes = await system.collection('notifications').getFullList({
			filter: system.filter('user = {:u}', { u: b.record.id })
		});
		expect(notes.map((n) => n.kind)).not.toContain('hold_ready');

		const entries = await auditOf('library_lost', loan.id);
		expect(entries).toHaveLength(1);
		expect(entries[0]!.details).toMatchObject({ copy: copies[0]!.id, on_behalf_of: a.record.id });

		// the patron's Mit overblik and Mine data say the loan ended as lost, not that the copy came back
		const patron = await deskSession(a);
		for (const path of ['/overblik', '/mine-data']) {
			const page = text(await (await patron.get(path)).text());
			expect(page, path).toContain(`${title.title}`);
			expect(page, path).toContain('Meldt bortkommet');
			expect(page, path).not.toContain('Afleveret');
		}

		// once ended, neither returned nor lost again
		expect((await refusal(returnLoan(staff.pb, loan.id))).code).toBe('library_loan_returned');
		expect(
			(await refusal(staff.pb.send('/api/library/lost', { method: 'POST', body: { loan: loan.id } }))).code
		).toBe('library_loan_returned');
		// the copy found again goes to B
		const checked = await checkIn(staff.pb, copies[0]!.barcode);
		expect(checked.hold).toBe(holdB.id);
	});

	it("ends the loan as lost when staff mark its copy missing, and keeps the loan's lost mark the server's", async () => {
		const staff = await createUser({ staff: true });
		const { copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const a = await createUser();
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: a.record.id });
		expect((await refusal(staff.pb.collection('loans').update(loan.id, { lost: true }))).code).toBe(
			'core_field_locked'
		);
		await staff.pb.collection('copies').update(copies[0]!.id, { status: 'missing' });
		const system = await systemClient();
		const ended = await system.collection('loans').getOne<LoanRecord>(loan.id);
		expect(ended.returned_at).not.toBe('');
		expect(ended.lost).toBe(true);
		const entries = await auditOf('library_copy_lost', copies[0]!.id);
		expect(entries).toHaveLength(1);
		expect(entries[0]!.details).toMatchObject({ loan: loan.id, on_behalf_of: a.record.id });
	});

	it('tells the patron once, in their language, that the loan was written off as lost, whichever way staff wrote it off', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 2, onShelf: 2 });
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const system = await systemClient();
		await system.collection('users').update(a.record.id, { notify_email: true });
		await system.collection('users').update(b.record.id, { language: 'en' });
		const [loanA] = await Promise.all([
			staff.pb.collection('loans').create<LoanRecord>({ copy: copies[0]!.id, patron: a.record.id }),
			staff.pb.collection('loans').create<LoanRecord>({ copy: copies[1]!.id, patron: b.record.id })
		]);
		const lostNotices = (userId: string) =>
			system.collection('notifications').getFullList({
				filter: system.filter('user = {:u} && kind = "loan_lost"', { u: userId })
			});

		// the desk's "Meld bortkommet": A is told in Danish, in the inbox and by mail as A chose
		await staff.pb.send('/api/library/lost', { method: 'POST', body: { loan: loanA.id } });
		const toA = await lostNotices(a.record.id);
		expect(toA).toHaveLength(1);
		expect(toA[0]).toMatchObject({
			title: `Meldt bortkommet: ${title.title}`,
			body:
				`Personalet har meldt dit lån af ${title.title} bortkommet, og lånet er afsluttet. ` +
				'Du skal ikke aflevere den, og du får ikke flere påmindelser om den. ' +
				'Finder du den alligevel, så aflever den på biblioteket.',
			link: '/overblik'
		});
		expect((await a.pb.collection('notifications').getOne(toA[0]!.id)).kind).toBe('loan_lost');
		const mail = await waitForMail(stack().mailDir, a.email, /^Meldt bortkommet: /);
		expect(mail.subject).toBe(`Meldt bortkommet: ${title.title}`);

		// a plain update of the copy's status: B reads English
		await staff.pb.collection('copies').update(copies[1]!.id, { status: 'missing' });
		const toB = await lostNotices(b.record.id);
		expect(toB).toHaveLength(1);
		expect(toB[0]).toMatchObject({
			title: `Reported lost: ${title.title}`,
			body:
				`The staff reported your loan of ${title.title} as lost, and the loan has ended. ` +
				'You do not need to return it, and you will get no more reminders about it. ' +
				'If you find it after all, please bring it back to the library.'
		});

		// a write-off refused (the loan has ended) tells nobody again
		expect(
			(await refusal(staff.pb.send('/api/library/lost', { method: 'POST', body: { loan: loanA.id } }))).code
		).toBe('library_loan_returned');
		expect(await lostNotices(a.record.id)).toHaveLength(1);
		expect(await lostNotices(b.record.id)).toHaveLength(1);
	});

	it('is for staff only', async () => {
		const { copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const staff = await createUser({ staff: true });
		const a = await createUser();
		const loan = await staff.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copies[0]!.id, patron: a.record.id });
		expect(
			(await refusal(a.pb.send('/api/library/lost', { method: 'POST', body: { loan: loan.id } }))).status
		).toBe(403);
		const system = await systemClient();
		expect((await system.collection('loans').getOne<LoanRecord>(loan.id)).returned_at).toBe('');
	});

	it('offers "Meld bortkommet" at the desk beside an overdue loan', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({
			copies: 1,
			onShelf: 1,
			title: `Bortkommet ${Date.now()}`
		});
		const a = await createUser();
		const system = await systemClient();
		const loan = await system.collection('loans').create<LoanRecord>({
			copy: copies[0]!.id,
			patron: a.record.id,
			start: new Date(Date.now() - 40 * 86_400_000).toISOString(),
			due: new Date(Date.now() - 10 * 86_400_000).toISOString()
		});
		const desk = await deskSession(staff);
		const page = await (await desk.get('/personale/skranke?forsinkede-side=1')).text();
		expect(page).toContain(`Meld bortkommet: ${title.title}`);
		expect(page).toContain(`Meld ${title.title} bortkommet?`);

		const done = await desk.post('/personale/skranke?/lost', { loan: loan.id });
		expect(done.status).toBe(200);
		expect(text(await done.text())).toContain(`${title.title} (${copies[0]!.barcode}) er meldt bortkommet`);
		const ended = await system.collection('loans').getOne<LoanRecord>(loan.id);
		expect(ended.lost).toBe(true);
	});
});

describe('a copy at the desk', () => {
	it('shows the public a copy left on a pickup shelf as at the desk, without the pickup shelf', async () => {
		const staff = await createUser({ staff: true });
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const a = await createUser();
		const hold = await placeHold(a.pb, title.id, a.record.id);
		const checked = await checkIn(staff.pb, copies[0]!.barcode); // on pickup shelf R..
		await a.pb.collection('holds').update(hold.id, { status: 'cancelled' });

		const page = text(await (await new AppSession().get(`/bibliotek/${title.id}`)).text());
		expect(page).toContain('Ved skranken');
		expect(page).not.toContain('Hylde A1');
		expect(page).not.toContain(checked.pickupShelf);
		// the API says the same to anyone, and keeps the pickup shelf for staff
		const seen = await a.pb.collection('copies').getOne<CopyRecord>(copies[0]!.id);
		expect(seen.at_desk).toBe(true);
		expect(seen.on_pickup_shelf).toBeUndefined();

		// put back on its shelf by the desk: on its shelf again for everyone
		await checkIn(staff.pb, copies[0]!.barcode);
		const back = text(await (await new AppSession().get(`/bibliotek/${title.id}`)).text());
		expect(back).toContain('Hylde A1');
		expect(back).not.toContain('Ved skranken');
	});
});
