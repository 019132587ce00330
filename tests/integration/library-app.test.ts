import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient } from '../helpers/pocketbase';
import type { CopyRecord, HoldRecord, LoanRecord } from '../../src/lib/pocketbase-types';
import { arrangeTitle, checkIn, collect, placeHold, returnLoan } from './library-helpers';

// The library through the app, the way a browser without JavaScript uses it.

async function signedIn() {
	const user = await createUser();
	const app = new AppSession();
	await app.signIn(user.email, user.password);
	return { user, app };
}

/** The signed-in patron's one hold, as Mine data's export has it. */
async function myHold(app: AppSession) {
	const data = (await (await app.get('/mine-data/eksport.json')).json()) as {
		holds: { status: string; pickup_shelf: string; pickup_deadline: string }[];
	};
	return data.holds[0];
}

describe('the library in the app', () => {
	it('finds a title by title, creator, identifier and subject, filtered by type and availability', async () => {
		const { title } = await arrangeTitle({ copies: 1, onShelf: 1, title: `Søgbar ${Date.now()}` });
		const app = new AppSession();
		for (const q of [title.title, title.identifier]) {
			const html = await (await app.get(`/bibliotek?q=${encodeURIComponent(q)}`)).text();
			expect(html).toContain(title.title);
		}
		const film = await (await app.get(`/bibliotek?q=${encodeURIComponent(title.title)}&type=film`)).text();
		expect(film).not.toContain(`/bibliotek/${title.id}`);
		const available = await (await app.get(`/bibliotek?q=${encodeURIComponent(title.title)}&ledig=1`)).text();
		expect(available).toContain(`/bibliotek/${title.id}`);
		const hostile = await app.get(`/bibliotek?q=${encodeURIComponent('" || id != "')}&side=-4&type=x`);
		expect(hostile.status).toBe(200);
		// PocketBase refuses "@request." and "@collection." in a guest's filter, even in a bound value
		for (const q of ['x@request.auth.id', 'foo @collection.users.email', 'hello@request.body']) {
			expect((await app.get(`/bibliotek?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
		}
	});

	it('searches the staff catalogue and the desk’s titles with an "@" in the text as in the library', async () => {
		const tag = `Stab${Date.now()}`;
		const { title } = await arrangeTitle({ title: `Post@request.auth.id ${tag}` });
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const app = new AppSession();
		await app.signIn(staff.email, staff.password);
		const pages = (q: string) => [
			`/personale/katalog?q=${encodeURIComponent(q)}`,
			`/personale/borgere/${citizen.record.id}?titel=${encodeURIComponent(q)}`
		];
		for (const q of ['x@request.auth.id', 'mette@collection.users', 'bog@request.x']) {
			for (const path of pages(q)) expect((await app.get(path)).status, path).toBe(200);
		}
		for (const path of pages(`${tag}@request.auth.id`)) {
			const page = await app.get(path);
			expect(page.status, path).toBe(200);
			expect(await page.text(), path).toContain(title.title);
		}
	});

	it('places a hold in one tap and shows the queue place; guests are sent to sign in', async () => {
		const { title } = await arrangeTitle();
		const first = await signedIn();
		const second = await signedIn();
		expect((await first.app.post(`/bibliotek/${title.id}?/hold`, {})).status).toBe(200);
		expect((await second.app.post(`/bibliotek/${title.id}?/hold`, {})).status).toBe(200);
		const page = await (await second.app.get(`/bibliotek/${title.id}`)).text();
		expect(page).toContain('Du er nummer 2 i køen');
		// a second hold on the same title is refused with a translated message
		const again = await second.app.post(`/bibliotek/${title.id}?/hold`, {});
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('Du har allerede en aktiv reservation');

		const guest = new AppSession();
		const refused = await guest.post(`/bibliotek/${title.id}?/hold`, {});
		expect(refused.status).toBe(303);
		expect(refused.headers.get('location')).toContain('/log-ind');
	});

	it('offers no hold on a title the patron has on loan or one without copies, and says why when sent', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const { user, app } = await signedIn();
		const staff = await createUser({ staff: true });
		const shown = async (id: string) =>
			(await (await app.get(`/bibliotek/${id}`)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
		expect(await shown(title.id)).toContain('action="?/hold"');
		await staff.pb.collection('loans').create({ copy: copies[0]!.id, patron: user.record.id });
		const lent = await shown(title.id);
		expect(lent).not.toContain('action="?/hold"');
		expect(lent).toContain('Du kan reservere den igen, når du har afleveret den.');
		// sent all the same (a page shown before the loan): refused by PocketBase, in words
		const refused = await app.post(`/bibliotek/${title.id}?/hold`, {});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Du har allerede titlen til lån');
		// staff placing it at the desk for the citizen are told in the third person
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		const atDesk = await desk.post(`/personale/borgere/${user.record.id}?/hold`, { title: title.id });
		expect(atDesk.status).toBe(400);
		expect(await atDesk.text()).toContain('Borgeren har allerede titlen til lån');

		const system = await systemClient();
		const bare = await system
			.collection('titles')
			.create({ title: `Ingen eksemplarer ${Date.now()}`, creator: 'Test Forfatter', type: 'book' });
		const empty = await shown(bare.id);
		expect(empty).not.toContain('action="?/hold"');
		expect(empty).toContain('Biblioteket har ingen eksemplarer af titlen endnu, så den kan ikke reserveres.');
		const none = await app.post(`/bibliotek/${bare.id}?/hold`, {});
		expect(none.status).toBe(400);
		expect(await none.text()).toContain('Biblioteket har ingen eksemplarer af titlen');
		expect(await user.pb.collection('holds').getFullList()).toEqual([]);
	});

	it('tells the desk that a copy lent over the counter ended the citizen’s hold, and the citizen sees it ended', async () => {
		const { title, copies } = await arrangeTitle({ copies: 2 });
		const { user, app } = await signedIn();
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		// the citizen's pickup lies ready with copy 0; copy 1 is on the shelf, and nobody else waits
		const hold = await placeHold(user.pb, title.id, user.record.id);
		await checkIn(staff.pb, copies[0]!.barcode);
		await system.collection('copies').update(copies[1]!.id, { status: 'shelf' });
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		const lent = await desk.post(`/personale/borgere/${user.record.id}?/lend`, { code: copies[1]!.barcode });
		expect(lent.status).toBe(200);
		const said = await lent.text();
		expect(said).toContain(`Udlånt: ${title.title}.`);
		expect(said).toContain('Borgerens reservation på titlen er afsluttet med dette lån.');
		expect(said).toContain('Ingen venter på eksemplaret, der lå klar til borgeren');
		expect(await user.pb.collection('holds').getOne<HoldRecord>(hold.id)).toMatchObject({
			status: 'collected'
		});
		// an unknown barcode is refused in words, and lends nothing
		const unknown = await desk.post(`/personale/borgere/${user.record.id}?/lend`, { code: 'findes-ikke' });
		expect(unknown.status).toBe(400);
		// the citizen's pages: no hold waiting or ready any more, the hold among what has ended, the loan
		expect((await myHold(app))?.status).toBe('collected');
		const mine = (await (await app.get('/bibliotek/mine')).text()).replace(/<script[\s\S]*?<\/script>/g, '');
		expect(mine).not.toContain('Klar til afhentning');
		expect(mine).toContain(title.title);
		const overview = (await (await app.get('/overblik')).text()).replace(/<script[\s\S]*?<\/script>/g, '');
		expect(overview).toContain('Hentet');
		expect(overview).not.toContain('Klar til afhentning');
	});

	it('lends a copy typed by its id at the desk as by its barcode, and says what the loan did', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 0 });
		const { user } = await signedIn();
		const staff = await createUser({ staff: true });
		// the citizen waits for the title; the copy comes back and lies on the shelf with nobody else waiting
		const hold = await placeHold(user.pb, title.id, user.record.id);
		await (await systemClient()).collection('holds').update(hold.id, { status: 'paused' });
		await checkIn(staff.pb, copies[0]!.barcode);
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		// the check-in field takes a copy's barcode or its id: so does the lend field
		const lent = await desk.post(`/personale/borgere/${user.record.id}?/lend`, { code: copies[0]!.id });
		expect(lent.status).toBe(200);
		const said = await lent.text();
		expect(said).toContain(`Udlånt: ${title.title}.`);
		expect(said).toContain('Borgerens reservation på titlen er afsluttet med dette lån.');
		expect(await user.pb.collection('holds').getOne<HoldRecord>(hold.id)).toMatchObject({
			status: 'collected'
		});
	});

	it('pauses, resumes and cancels through the app, and cannot touch another patron’s hold', async () => {
		const { title } = await arrangeTitle();
		const { user, app } = await signedIn();
		const other = await signedIn();
		await app.post(`/bibliotek/${title.id}?/hold`, {});
		const [hold] = await user.pb.collection('holds').getFullList<HoldRecord>();
		// another patron's hold is as good as gone to them: refused, and nothing is told about it
		const foreign = await other.app.post('/bibliotek/mine?/cancel', { hold: hold!.id });
		expect(foreign.status).toBe(409);
		expect((await user.pb.collection('holds').getOne<HoldRecord>(hold!.id)).status).toBe('waiting');
		await app.post('/bibliotek/mine?/pause', { hold: hold!.id });
		expect((await user.pb.collection('holds').getOne<HoldRecord>(hold!.id)).status).toBe('paused');
		await app.post('/bibliotek/mine?/resume', { hold: hold!.id });
		expect((await user.pb.collection('holds').getOne<HoldRecord>(hold!.id)).status).toBe('waiting');
		await app.post('/bibliotek/mine?/cancel', { hold: hold!.id });
		expect((await user.pb.collection('holds').getOne<HoldRecord>(hold!.id)).status).toBe('cancelled');
		// pressed again from a page loaded before: the hold has ended, which is what the page says
		for (const path of ['/bibliotek/mine?/cancel', `/bibliotek/${title.id}?/pause`]) {
			const again = await app.post(path, { hold: hold!.id });
			expect(again.status).toBe(409);
			const text = await again.text();
			expect(text).toContain('Reservationen er allerede hentet eller afsluttet');
			expect(text).not.toContain('Siden findes ikke');
		}
		const overview = await app.post('/overblik?/cancel', { kind: 'hold', id: hold!.id });
		expect(overview.status).toBe(409);
		expect(await overview.text()).toContain('Reservationen er allerede hentet eller afsluttet');
		expect((await app.post('/bibliotek/mine?/cancel', { hold: 'bad id' })).status).toBe(400);
	});

	it('shows the pickup shelf when a copy is ready, and my loans', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const { app } = await signedIn();
		await app.post(`/bibliotek/${title.id}?/hold`, {});
		const staff = await createUser({ staff: true });
		const result = await checkIn(staff.pb, copies[0]!.barcode);
		const page = await (await app.get(`/bibliotek/${title.id}`)).text();
		expect(page).toContain(`Afhentningshylde ${result.pickupShelf}`);
		const mine = await (await app.get('/bibliotek/mine')).text();
		expect(mine).toContain(title.title);
		expect(mine).toContain(`Afhentningshylde ${result.pickupShelf}`);
		expect((await new AppSession().get('/bibliotek/mine')).status).toBe(303);
	});

	it('says a hold is being fetched, then ready, alike after reserving, on /bibliotek/mine and in Mine data', async () => {
		const { title, copies } = await arrangeTitle({
			copies: 1,
			onShelf: 1,
			title: `Hentes frem ${Date.now()}`
		});
		const { app } = await signedIn();
		const holdsOf = (html: string) => html.slice(html.indexOf('id="data-holds"')).split('</section>')[0]!;
		const reserved = await app.post(`/bibliotek/${title.id}?/hold`, {});
		const message = await reserved.text();
		expect(message).toContain('Din reservation er oprettet. Vi finder den frem til dig.');
		expect(message).not.toContain('venter på dig');
		const { pickup_shelf: shelf } = (await myHold(app))!;
		const fetching = `Vi finder den frem til dig. Du får besked, når den ligger klar på hylde ${shelf}`;
		expect(await (await app.get('/bibliotek/mine')).text()).toContain('Vi finder den frem til dig');
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const holds = holdsOf(await (await app.get(path)).text());
			expect(holds, path).toContain(title.title);
			expect(holds, path).toContain(fetching);
			expect(holds, path).not.toContain('Klar til afhentning');
		}
		// the desk's scan puts it on the pickup shelf: now it is ready, with its deadline, everywhere
		const staff = await createUser({ staff: true });
		await checkIn(staff.pb, copies[0]!.barcode);
		const mine = await (await app.get('/bibliotek/mine')).text();
		expect(mine).toContain('Klar til afhentning');
		expect(mine).toContain(`Afhentningshylde ${shelf}`);
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const holds = holdsOf(await (await app.get(path)).text());
			expect(holds, path).toContain(`Klar til afhentning på hylde ${shelf}. Hent den senest`);
			expect(holds, path).not.toContain('Vi finder den frem');
		}
	});

	it('answers an unknown or malformed title id with 404', async () => {
		const app = new AppSession();
		expect((await app.get('/bibliotek/aaaaaaaaaaaaaaa')).status).toBe(404);
		expect((await app.get('/bibliotek/..%2Fadmin')).status).toBe(404);
	});

	it('runs the desk through the app: check in, hand out, take back; staff only', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const patron = await signedIn();
		await patron.app.post(`/bibliotek/${title.id}?/hold`, {});
		const [hold] = await patron.user.pb.collection('holds').getFullList<HoldRecord>();

		expect((await patron.app.get('/personale/skranke')).status).toBe(403);
		expect((await patron.app.post('/personale/skranke?/checkin', { code: copies[0]!.barcode })).status).toBe(
			403
		);

		const staffUser = await createUser({ staff: true });
		const desk = new AppSession();
		await desk.signIn(staffUser.email, staffUser.password);
		const checked = await desk.post('/personale/skranke?/checkin', { code: copies[0]!.barcode });
		expect(checked.status).toBe(200);
		expect(await checked.text()).toContain('Test Borger');
		expect(await (await desk.get('/personale/skranke')).text()).toContain(title.title);
		const unknown = await desk.post('/personale/skranke?/checkin', { code: 'no-such-copy' });
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain('Intet eksemplar har den stregkode');

		expect((await desk.post('/personale/skranke?/collect', { hold: hold!.id })).status).toBe(200);
		// a second hand-over of the same pickup (another desk's page) says why it did nothing
		const twice = await desk.post('/personale/skranke?/collect', { hold: hold!.id });
		expect(twice.status).toBe(400);
		expect(await twice.text()).toContain('Reservationen er ikke klar til afhentning.');
		const [loan] = await patron.user.pb.collection('loans').getFullList();
		expect(loan).toBeTruthy();
		expect((await desk.post('/personale/skranke?/return', { loan: loan!.id })).status).toBe(200);
		const returned = await patron.user.pb.collection('loans').getOne(loan!.id);
		expect(returned.returned_at).not.toBe('');
	});

	it('answers "Udlever" and "Ikke fundet" for a pickup or copy that no longer exists beside the list, and changes nothing', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const patron = await signedIn();
		await patron.app.post(`/bibliotek/${title.id}?/hold`, {});
		const [hold] = await patron.user.pb.collection('holds').getFullList<HoldRecord>();
		const staffUser = await createUser({ staff: true });
		const desk = new AppSession();
		await desk.signIn(staffUser.email, staffUser.password);
		const system = await systemClient();
		const copyBefore = await system.collection('copies').getOne<CopyRecord>(copies[0]!.id);
		const gone = 'abcdefghij12345';
		const readText = async (response: Response) =>
			(await response.text()).replace(/<!--[^>]*-->/g, '').replace(/\s+/g, ' ');
		const collected = await desk.post('/personale/skranke?/collect', { hold: gone });
		expect(collected.status).toBeGreaterThanOrEqual(400);
		expect(collected.status).toBeLessThan(500);
		const collectedText = await readText(collected);
		expect(collectedText).toContain('Reservationen findes ikke');
		expect(collectedText).not.toContain('Siden findes ikke');
		// the form's list is still there beside it
		expect(collectedText).toContain('data-outcome="waiting"');
		const missing = await desk.post('/personale/skranke?/notFound', { copy: gone, hold: hold!.id });
		expect(missing.status).toBeGreaterThanOrEqual(400);
		expect(missing.status).toBeLessThan(500);
		const missingText = await readText(missing);
		expect(missingText).toContain('Eksemplaret findes ikke længere');
		expect(missingText).not.toContain('Siden findes ikke');
		expect(missingText).toContain('data-outcome="fetch"');
		expect((await system.collection('holds').getOne<HoldRecord>(hold!.id)).status).toBe(hold!.status);
		expect((await system.collection('copies').getOne<CopyRecord>(copies[0]!.id)).status).toBe(
			copyBefore.status
		);
		expect(
			await system.collection('loans').getFullList({ filter: `patron = "${patron.user.record.id}"` })
		).toEqual([]);
	});

	it('lists a copy released from a cancelled pickup for the desk to move to the next pickup shelf', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, title: `Flyttes ${Date.now()}` });
		const staffUser = await createUser({ staff: true });
		const [a, b] = await Promise.all([signedIn(), signedIn()]);
		const holdA = await placeHold(a.user.pb, title.id, a.user.record.id);
		const holdB = await placeHold(b.user.pb, title.id, b.user.record.id);
		const first = await checkIn(staffUser.pb, copies[0]!.barcode);
		expect(first.hold).toBe(holdA.id);
		await a.user.pb.collection('holds').update(holdA.id, { status: 'cancelled' });
		const readyB = await b.user.pb.collection('holds').getOne<HoldRecord>(holdB.id);
		expect(readyB.status).toBe('ready');
		expect(readyB.pickup_deadline).toBe('');
		const readyNotes = async () =>
			(await b.user.pb.collection('notifications').getFullList()).filter((n) => n.kind === 'hold_ready');
		expect(await readyNotes()).toHaveLength(0);
		// the patron is told it is being fetched
		const mine = await (await b.app.get(`/bibliotek/${title.id}`)).text();
		expect(mine).toContain('Vi finder den frem til dig');
		expect(mine).toContain(`Du får besked, når den ligger klar på afhentningshylde ${readyB.pickup_shelf}.`);

		const desk = new AppSession();
		await desk.signIn(staffUser.email, staffUser.password);
		const found = `/personale/skranke?afhentning=${encodeURIComponent(title.title)}`;
		const page = await (await desk.get(found)).text();
		expect(page).toContain('Til afhentningshylden');
		expect(page).toContain(`${title.title} · ${copies[0]!.barcode}`);
		expect(page).toContain(`Fra afhentningshylde ${first.pickupShelf} til ${readyB.pickup_shelf}`);
		expect(page).toContain(`Lagt på hylde ${readyB.pickup_shelf}`);

		// the row's button scans the copy: the deadline starts and the patron is told, once
		const shelved = await desk.post('/personale/skranke?/checkin', { code: copies[0]!.barcode });
		expect(shelved.status).toBe(200);
		const after = await b.user.pb.collection('holds').getOne<HoldRecord>(holdB.id);
		expect(after.pickup_deadline).not.toBe('');
		expect(await readyNotes()).toHaveLength(1);
		expect(await (await desk.get(found)).text()).not.toContain(`Lagt på hylde ${readyB.pickup_shelf}`);
	});

	it('lets the desk reach every copy to fetch to the pickup shelf, page by page, with the count', async () => {
		const tag = `Hentes ${Date.now()}`;
		const { title } = await arrangeTitle({ copies: 55, onShelf: 55, title: tag });
		const patrons = await Promise.all(
			Array.from({ length: 55 }, (_, i) => createUser({ name: `Henter ${i} ${tag}` }))
		);
		// each hold takes a copy from the open stacks: 55 copies to fetch, none on the pickup shelf yet
		for (const p of patrons) await placeHold(p.pb, title.id, p.record.id);
		const staff = await createUser({ staff: true });
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		const rows = (html: string) => (html.match(/data-fetch="/g) ?? []).length;
		const found = `/personale/skranke?afhentning=${encodeURIComponent(tag)}`;
		const first = await (await desk.get(found)).text();
		expect(first).toContain('Skal flyttes: 55');
		expect(rows(first)).toBe(50);
		expect(first).toContain('aria-label="Sider med eksemplarer til afhentningshylden"');
		expect(first).toContain('flyttes-side=2');
		const second = await (await desk.get(`${found}&flyttes-side=2`)).text();
		expect(second).toContain('Skal flyttes: 55');
		expect(rows(second)).toBe(5);
		expect(second).toContain('Side 2 af 2');
		// the two pages together are every copy, once
		const barcodes = (html: string) => [...html.matchAll(/data-fetch="([^"]+)"/g)].map((m) => m[1]);
		expect(new Set([...barcodes(first), ...barcodes(second)]).size).toBe(55);
		// a page past the end shows the last page there is
		expect(rows(await (await desk.get(`${found}&flyttes-side=9`)).text())).toBe(5);
	});

	it('tells the desk to take a copy an ended pickup left on its pickup shelf from there, to the stacks or the next pickup shelf', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, title: `Efterladt ${Date.now()}` });
		const copy = copies[0]!;
		const staffUser = await createUser({ staff: true });
		const [a, b] = await Promise.all([signedIn(), signedIn()]);
		const holdA = await placeHold(a.user.pb, title.id, a.user.record.id);
		const shelfA = (await checkIn(staffUser.pb, copy.barcode)).pickupShelf;
		// A does not want it after all, and nobody else waits: it still lies on A's pickup shelf
		await a.user.pb.collection('holds').update(holdA.id, { status: 'cancelled' });
		const desk = new AppSession();
		await desk.signIn(staffUser.email, staffUser.password);
		const row = (html: string, list: 'stacks' | 'fetch') => {
			const at = html.indexOf(`data-${list}="${copy.barcode}"`);
			return at < 0 ? '' : html.slice(at, html.indexOf('</li>', at));
		};
		// the copy's row in the list of copies to put back, on whichever of its pages it is (the other tests'
		// copies share the list, fifty to a page, the longest waiting first)
		const stacksRow = async () => {
			for (let n = 1; ; n++) {
				const html = await (await desk.get(`/personale/skranke?tilbage-side=${n}`)).text();
				const found = row(html, 'stacks');
				if (found || !html.includes(`tilbage-side=${n + 1}`)) return found;
			}
		};
		let page = await (await desk.get('/personale/skranke')).text();
		expect(page).toContain('Til hylderne igen');
		expect(page).toMatch(/Skal tilbage: \d+/);
		expect(await stacksRow()).toContain(`${title.title} · ${copy.barcode}`);
		expect(await stacksRow()).toContain(`Fra afhentningshylde ${shelfA} til A1`);
		expect(await stacksRow()).toContain('Sat tilbage på hylden');

		// B's hold takes it before anyone put it back: fetched from A's pickup shelf, not from A1
		const holdB = await placeHold(b.user.pb, title.id, b.user.record.id);
		const shelfB = holdB.pickup_shelf;
		// (found by its title: other copies to fetch may fill the list's first page)
		page = await (await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(title.title)}`)).text();
		expect(await stacksRow()).toBe('');
		expect(row(page, 'fetch')).toContain(`Fra afhentningshylde ${shelfA} til ${shelfB}`);

		// B cancels before it was fetched: back on the list of copies to put back, from A's shelf
		await b.user.pb.collection('holds').update(holdB.id, { status: 'cancelled' });
		page = await (await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(title.title)}`)).text();
		expect(row(page, 'fetch')).toBe('');
		expect(await stacksRow()).toContain(`Fra afhentningshylde ${shelfA} til A1`);
		// the row's button scans it: the desk is told where it lay, and it leaves the list
		const scanned = await desk.post('/personale/skranke?/checkin', { code: copy.barcode });
		expect(scanned.status).toBe(200);
		expect(await scanned.text()).toContain(
			`Ingen venter: den lå på afhentningshylde ${shelfA}. Sæt eksemplaret tilbage på hylden.`
		);
		expect(await stacksRow()).toBe('');
	});

	it('refuses a list button at the desk sent from a page shown before the copy was handed over or lent, and keeps the loan open', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1, title: `Forældet ${Date.now()}` });
		const copy = copies[0]!;
		const staffUser = await createUser({ staff: true });
		const system = await systemClient();
		const [a, b] = await Promise.all([createUser(), createUser()]);
		const desk = new AppSession();
		await desk.signIn(staffUser.email, staffUser.password);
		const loanOpen = async (id: string) =>
			(await system.collection('loans').getOne<LoanRecord>(id)).returned_at === '';

		// "Lagt på hylde" for A's pickup, from a page shown before another desk put it there and handed it over
		const hold = await placeHold(a.pb, title.id, a.record.id);
		await checkIn(staffUser.pb, copy.barcode);
		const { loan } = await collect(staffUser.pb, hold.id);
		const fetched = await desk.post('/personale/skranke?/checkin', {
			code: copy.barcode,
			from: 'fetch',
			hold: hold.id
		});
		expect(fetched.status).toBe(400);
		expect(await fetched.text()).toContain('Eksemplaret er flyttet videre, siden listen blev vist');
		expect(await loanOpen(loan)).toBe(true);
		expect((await system.collection('copies').getOne<CopyRecord>(copy.id)).status).toBe('loan');

		// "Sat tilbage på hylden" for a copy a cancelled pickup left on its shelf, lent over the counter meanwhile
		await returnLoan(staffUser.pb, loan);
		const again = await placeHold(a.pb, title.id, a.record.id);
		await checkIn(staffUser.pb, copy.barcode);
		await a.pb.collection('holds').update(again.id, { status: 'cancelled' });
		const lent = await staffUser.pb
			.collection('loans')
			.create<LoanRecord>({ copy: copy.id, patron: b.record.id });
		const back = await desk.post('/personale/skranke?/checkin', { code: copy.barcode, from: 'stacks' });
		expect(back.status).toBe(400);
		expect(await back.text()).toContain('Eksemplaret er flyttet videre, siden listen blev vist');
		expect(await loanOpen(lent.id)).toBe(true);

		// the barcode field is a scan of the copy in hand: it takes the loan back as ever
		expect((await desk.post('/personale/skranke?/checkin', { code: copy.barcode })).status).toBe(200);
		expect(await loanOpen(lent.id)).toBe(false);
	});

	it("shows staff their own loans on the patron's pages, not everyone's", async () => {
		const { title, copies } = await arrangeTitle({ copies: 1, title: `Lånt af en anden ${Date.now()}` });
		const patron = await signedIn();
		await patron.app.post(`/bibliotek/${title.id}?/hold`, {});
		const [hold] = await patron.user.pb.collection('holds').getFullList<HoldRecord>();
		const staffUser = await createUser({ staff: true });
		await checkIn(staffUser.pb, copies[0]!.barcode);
		await collect(staffUser.pb, hold!.id);
		const desk = new AppSession();
		await desk.signIn(staffUser.email, staffUser.password);

		expect(await (await patron.app.get('/bibliotek/mine')).text()).toContain(title.title);
		expect(await (await desk.get('/bibliotek/mine')).text()).not.toContain(title.title);
		expect(await (await patron.app.get(`/bibliotek/${title.id}`)).text()).toContain('Du har lånt');
		expect(await (await desk.get(`/bibliotek/${title.id}`)).text()).not.toContain('Du har lånt');
	});

	it('lets the desk reach every pickup on the shelf: found by patron or title, page by page', async () => {
		const tag = `Hylde ${Date.now()}`;
		const { title, copies } = await arrangeTitle({ copies: 55, onShelf: 55, title: tag });
		const patrons = await Promise.all(
			Array.from({ length: 55 }, (_, i) => createUser({ name: `Låner ${i} ${tag}` }))
		);
		for (const p of patrons) await placeHold(p.pb, title.id, p.record.id);
		const staff = await createUser({ staff: true });
		// each copy put on its pickup shelf at the desk
		for (const c of copies) await checkIn(staff.pb, c.barcode);
		const system = await systemClient();
		const desk = new AppSession();
		await desk.signIn(staff.email, staff.password);
		const hand = (html: string) => (html.match(/name="hold" value="/g) ?? []).length;
		const first = await (await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(tag)}`)).text();
		expect(first).toContain('55 afhentninger på hylden');
		expect(hand(first)).toBe(50);
		expect(first).toContain('Side 1 af 2');
		const second = await (
			await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(tag)}&afhentninger-side=2`)
		).text();
		expect(hand(second)).toBe(5);
		// one patron at the counter, by name
		const one = await (
			await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(`Låner 54 ${tag}`)}`)
		).text();
		expect(one).toContain('1 afhentning på hylden');
		expect(hand(one)).toBe(1);
		// the shelf in any case
		const shelf = (
			await system
				.collection('holds')
				.getFirstListItem(system.filter('patron = {:p}', { p: patrons[0]!.record.id }))
		).pickup_shelf as string;
		const byShelf = await (await desk.get(`/personale/skranke?afhentning=${shelf.toLowerCase()}`)).text();
		expect(byShelf).toContain(`${shelf} · ${tag}`);
		// a page past the end shows the last page there is
		const past = await (
			await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(tag)}&afhentninger-side=9`)
		).text();
		expect(hand(past)).toBe(5);
		expect((await desk.get('/personale/skranke?afhentninger-side=abc&forsinkede-side=-3')).status).toBe(200);
		// text with an '@' is searched as its pieces, each to be found, as in the catalogue; text PocketBase
		// refuses in a filter ("@request.", "@collection.") is no error
		const pieces = await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(`Låner 54@${tag}`)}`);
		expect(hand(await pieces.text())).toBe(1);
		expect(
			(await desk.get(`/personale/skranke?afhentning=${encodeURIComponent(`${tag}@request.auth`)}`)).status
		).toBe(200);
		expect((await desk.get('/personale/skranke?afhentning=a%40collection.b')).status).toBe(200);
	});
});
