import { randomUUID } from 'node:crypto';
import { devices } from '@playwright/test';
import {
	test,
	expect,
	expectAccessible,
	signIn,
	systemClient,
	demo,
	waitsForHydration,
	stack,
	ownAddress
} from './fixtures';

// The library end to end at phone size: a patron finds a title and holds it, the desk checks in a copy,
// the patron sees it waiting on a pickup shelf, the desk hands it out.
test('a patron holds a title, the desk checks in a copy and hands it out', async ({ page, browser }) => {
	// a letter first: a tag of digits only (one in 40 of them) would be searched as an ISBN prefix
	const tag = `k${randomUUID().slice(0, 7)}`;
	const system = await systemClient();
	const title = await system.collection('titles').create({
		title: `Fjordens hemmelighed ${tag}`,
		creator: 'Karen Blix',
		type: 'book',
		identifier: `978-87-${tag}`,
		subjects: 'roman krimi',
		year: 2024
	});
	const barcode = `E2E-${tag}`;
	await system.collection('copies').create({ title: title.id, barcode, shelf: 'Krimi', status: 'missing' });
	const email = `laaner-${tag}@test.borgerhus.dk`;
	await system.collection('users').create({
		email,
		password: 'et-godt-kodeord',
		passwordConfirm: 'et-godt-kodeord',
		name: `Lise Låner ${tag}`,
		verified: true,
		language: 'da'
	});

	// the patron searches as they type and holds the title
	await signIn(page, email, 'et-godt-kodeord');
	await page.goto('/bibliotek');
	await expectAccessible(page);
	await page.getByLabel('Søg efter titel, forfatter, ISBN eller emne').fill(tag);
	await page.getByRole('link', { name: `Fjordens hemmelighed ${tag}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Fjordens hemmelighed ${tag}` })).toBeVisible();
	await expect(page.getByText('Ingen i kø')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Reservér' }).click();
	await expect(page.getByText('Du er nummer 1 i køen')).toBeVisible();
	await expectAccessible(page);

	// the desk checks in the copy and is told who gets it
	const deskContext = await browser.newContext({
		...devices['Pixel 5'],
		viewport: { width: 360, height: 740 },
		baseURL: stack.url,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		extraHTTPHeaders: ownAddress()
	});
	const desk = waitsForHydration(await deskContext.newPage());
	await signIn(desk, demo.staff);
	await desk.goto('/personale/skranke');
	await expectAccessible(desk);
	await desk.getByLabel('Stregkode eller eksemplar-id').fill(barcode);
	await desk.getByRole('button', { name: 'Indlevér' }).click();
	const result = desk.getByRole('status').filter({ hasText: `Til Lise Låner ${tag}` });
	await expect(result).toBeVisible();
	const shelf = (await result.textContent())?.match(/afhentningshylde (R\d\d)/)?.[1];
	expect(shelf).toMatch(/^R\d\d$/);

	// the patron's page updates by itself: the copy waits on the pickup shelf
	await expect(page.getByText(`Afhentningshylde ${shelf}`)).toBeVisible({ timeout: 15_000 });
	await expect(page.getByText('Hent senest')).toBeVisible();

	// the desk hands it out; the patron has a loan with a due date
	await desk.reload();
	await desk
		.getByRole('listitem')
		.filter({ hasText: `Fjordens hemmelighed ${tag}` })
		.getByRole('button', { name: /Udlevér/ })
		.click();
	await expect(
		desk.getByText(
			new RegExp(`^Udleveret: Fjordens hemmelighed ${tag} til Lise Låner ${tag}\\. Skal afleveres senest`)
		)
	).toBeVisible();
	await deskContext.close();

	await page.goto('/bibliotek/mine');
	await expect(page.getByRole('heading', { level: 1, name: 'Mine reservationer og lån' })).toBeVisible();
	await expect(page.getByText('Du har lånt den. Aflever senest')).toBeVisible();
	await expectAccessible(page);
});

test('staff create a title with a copy in the catalogue', async ({ page }) => {
	const tag = randomUUID().slice(0, 8);
	await signIn(page, demo.staff);
	await page.goto('/personale/katalog');
	await expect(page.getByRole('heading', { level: 1, name: 'Katalog' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Ny titel' }).click();
	await expectAccessible(page);
	await page.getByLabel('Titel').fill(`Symaskine ${tag}`);
	await page.getByLabel('Type').selectOption('thing');
	await page.getByRole('button', { name: 'Opret titel' }).click();
	await expect(page.getByText('Titlen er gemt.')).toBeVisible();
	await page.getByLabel('Stregkode').fill(`S-${tag}`);
	await page.getByLabel('Hylde').fill('Værksted');
	await page.getByRole('button', { name: 'Tilføj eksemplar' }).click();
	await expect(page.getByText(`S-${tag}`, { exact: true })).toBeVisible();
	await expectAccessible(page);
});

test('a copy reserved while staff look at it: the refused "missing" shows the copy as it is now', async ({
	page
}) => {
	const tag = `m${randomUUID().slice(0, 7)}`;
	const system = await systemClient();
	const title = await system
		.collection('titles')
		.create({ title: `Savnet ${tag}`, creator: 'A', type: 'book' });
	const copy = await system
		.collection('copies')
		.create({ title: title.id, barcode: `MS-${tag}`, shelf: 'Krimi', status: 'shelf' });
	const patron = await system.collection('users').create({
		email: `savnet-${tag}@test.borgerhus.dk`,
		password: 'et-godt-kodeord',
		passwordConfirm: 'et-godt-kodeord',
		name: `Patron ${tag}`,
		verified: true,
		language: 'da'
	});
	await signIn(page, demo.staff);
	await page.goto(`/personale/katalog/${title.id}`);
	const row = page.getByRole('listitem').filter({ hasText: copy.barcode });
	await expect(row).toContainText(`${copy.barcode} · Krimi · På hylden`);
	// a patron's hold takes the copy meanwhile, and it is put on the pickup shelf (the button says the page
	// showed the copy on the shelf, so it is refused for a copy still being fetched too)
	const hold = await system
		.collection('holds')
		.create({ title: title.id, patron: patron.id, status: 'waiting' });
	expect((await system.collection('holds').getOne(hold.id)).status).toBe('ready');
	await system.collection('holds').update(hold.id, { pickup_deadline: '2099-01-01 12:00:00.000Z' });
	await row.getByRole('button', { name: 'Meld savnet' }).click();
	await expect(page.getByRole('alert')).toContainText('udlånt eller venter på afhentning');
	await expect(row).toContainText('Venter på afhentning');
	await expect(row.getByRole('button')).toHaveCount(0);
});

test('the desk moves a copy from the open stacks to the pickup shelf, and then the patron is told', async ({
	page
}) => {
	const tag = `f${randomUUID().slice(0, 7)}`;
	const system = await systemClient();
	const title = await system
		.collection('titles')
		.create({ title: `Hentes frem ${tag}`, creator: 'A', type: 'book' });
	const copy = await system
		.collection('copies')
		.create({ title: title.id, barcode: `HF-${tag}`, shelf: 'Krimi', status: 'shelf' });
	const patron = await system.collection('users').create({
		email: `hentes-${tag}@test.borgerhus.dk`,
		password: 'et-godt-kodeord',
		passwordConfirm: 'et-godt-kodeord',
		name: `Patron ${tag}`,
		verified: true,
		language: 'da'
	});
	const hold = await system.collection('holds').create({ title: title.id, patron: patron.id });
	expect(hold.status).toBe('ready');
	expect(hold.pickup_deadline).toBe('');

	await signIn(page, demo.staff);
	await page.goto(`/personale/skranke?afhentning=${encodeURIComponent(tag)}`);
	const toShelf = page.getByRole('region', { name: 'Til afhentningshylden' });
	const row = toShelf.getByRole('listitem').filter({ hasText: copy.barcode });
	await expect(row).toContainText(`Fra Krimi til ${hold.pickup_shelf}`);
	await expect(row).toContainText(`Patron ${tag}`);
	await expectAccessible(page);
	await row.getByRole('button', { name: new RegExp(`Lagt på hylde ${hold.pickup_shelf}`) }).click();
	await expect(page.getByRole('status').filter({ hasText: `Til Patron ${tag}` })).toBeVisible();
	await expect(row).toHaveCount(0);
	// now it waits on the pickup shelf
	await expect(
		page
			.getByRole('region', { name: 'Venter på afhentning' })
			.getByRole('listitem')
			.filter({ hasText: copy.barcode })
	).toBeVisible();
	const after = await system.collection('holds').getOne(hold.id);
	expect(after.pickup_deadline).not.toBe('');
	const told = await system
		.collection('notifications')
		.getFullList({ filter: system.filter('user = {:u} && kind = "hold_ready"', { u: patron.id }) });
	expect(told).toHaveLength(1);
});

test('at the desk, the outcome of an act in a list is shown in that list and gets focus, in sight at 360 px', async ({
	page
}) => {
	const tag = `o${randomUUID().slice(0, 7)}`;
	const system = await systemClient();
	const patron = await system.collection('users').create({
		email: `udfald-${tag}@test.borgerhus.dk`,
		password: 'et-godt-kodeord',
		passwordConfirm: 'et-godt-kodeord',
		name: `Patron ${tag}`,
		verified: true,
		language: 'da'
	});
	// six copies to fetch for pickup: the last one's button is far below the barcode field at the top
	const copies = [];
	for (let i = 0; i < 6; i++) {
		const title = await system
			.collection('titles')
			.create({ title: `Udfald ${tag} ${i}`, creator: 'A', type: 'book' });
		copies.push(
			await system
				.collection('copies')
				.create({ title: title.id, barcode: `UD-${tag}-${i}`, shelf: 'Krimi', status: 'shelf' })
		);
		await system.collection('holds').create({ title: title.id, patron: patron.id });
	}

	await signIn(page, demo.staff);
	await page.goto(`/personale/skranke?afhentning=${encodeURIComponent(tag)}`);
	const inSight = (element: import('@playwright/test').Locator) =>
		element.evaluate((el) => {
			const box = el.getBoundingClientRect();
			return box.top >= 0 && box.bottom <= innerHeight;
		});

	const toShelf = page.getByRole('region', { name: 'Til afhentningshylden' });
	const last = toShelf.getByRole('listitem').filter({ hasText: copies[5]!.barcode });
	await last.getByRole('button', { name: /Lagt på hylde/ }).click();
	await expect(last).toHaveCount(0);
	const moved = toShelf.getByRole('status').filter({ hasText: `Til Patron ${tag}` });
	await expect(moved, 'the outcome is in the list where the button was').toBeVisible();
	await expect(moved).toBeFocused();
	expect(await inSight(moved)).toBe(true);
	// the barcode field's own status region at the top says nothing of it
	await expect(page.locator('#checkin-heading ~ [role="status"]')).toHaveText('');

	const waiting = page.getByRole('region', { name: 'Venter på afhentning' });
	const pickup = waiting.getByRole('listitem').filter({ hasText: copies[5]!.barcode });
	await pickup.getByRole('button', { name: /Udlevér/ }).click();
	await expect(pickup).toHaveCount(0);
	const collected = waiting.getByRole('status').filter({ hasText: `Udleveret: Udfald ${tag} 5` });
	await expect(collected, 'the outcome is in the list where the button was').toBeVisible();
	await expect(collected).toBeFocused();
	expect(await inSight(collected)).toBe(true);
	await expectAccessible(page);
});

test('the desk marks a copy it cannot find for a pickup "Ikke fundet", and reports a copy lost on loan after asking', async ({
	page
}) => {
	const tag = `n${randomUUID().slice(0, 7)}`;
	const system = await systemClient();
	const title = await system
		.collection('titles')
		.create({ title: `Forsvundet ${tag}`, creator: 'A', type: 'book' });
	const copy = await system
		.collection('copies')
		.create({ title: title.id, barcode: `IF-${tag}`, shelf: 'Krimi', status: 'shelf' });
	const lentTitle = await system
		.collection('titles')
		.create({ title: `Bortkommet ${tag}`, creator: 'A', type: 'book' });
	const lentCopy = await system
		.collection('copies')
		.create({ title: lentTitle.id, barcode: `BK-${tag}`, shelf: 'Krimi', status: 'shelf' });
	const patron = await system.collection('users').create({
		email: `ikke-fundet-${tag}@test.borgerhus.dk`,
		password: 'et-godt-kodeord',
		passwordConfirm: 'et-godt-kodeord',
		name: `Patron ${tag}`,
		verified: true,
		language: 'da'
	});
	const hold = await system.collection('holds').create({ title: title.id, patron: patron.id });
	expect(hold.status).toBe('ready');
	// overdue since long ago: first among the overdue loans
	const loan = await system.collection('loans').create({
		copy: lentCopy.id,
		patron: patron.id,
		start: '2000-01-01 10:00:00.000Z',
		due: '2000-02-01 10:00:00.000Z'
	});

	await signIn(page, demo.staff);
	await page.goto(`/personale/skranke?afhentning=${encodeURIComponent(tag)}`);
	const toShelf = page.getByRole('region', { name: 'Til afhentningshylden' });
	const row = toShelf.getByRole('listitem').filter({ hasText: copy.barcode });
	await expect(
		row.getByRole('button', { name: new RegExp(`Lagt på hylde ${hold.pickup_shelf}`) })
	).toBeVisible();
	await expectAccessible(page);
	await row.getByRole('button', { name: /^Ikke fundet/ }).click();
	await expect(row).toHaveCount(0);
	const said = toShelf
		.getByRole('status')
		.filter({ hasText: `Forsvundet ${tag} (${copy.barcode}) er meldt savnet` });
	await expect(said).toBeVisible();
	await expect(said).toBeFocused();
	const waiting = await system.collection('holds').getOne(hold.id);
	expect(waiting.status).toBe('waiting');
	expect(waiting.placed_at).toBe(hold.placed_at);
	expect((await system.collection('copies').getOne(copy.id)).status).toBe('missing');

	// a copy lost on loan: the desk asks first, then ends the loan as lost
	const overdue = page.getByRole('region', { name: 'Overskredne lån' });
	const lent = overdue.getByRole('listitem').filter({ hasText: lentCopy.barcode });
	await lent.getByRole('button', { name: `Meld bortkommet: Bortkommet ${tag}` }).click();
	const dialog = page.getByRole('dialog', { name: `Meld Bortkommet ${tag} bortkommet?` });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(`Lånet hos Patron ${tag} afsluttes som bortkommet`);
	await expect(dialog.getByRole('button', { name: 'Nej, behold' })).toBeFocused();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Ja, meld bortkommet' }).click();
	await expect(lent).toHaveCount(0);
	await expect(
		overdue
			.getByRole('status')
			.filter({ hasText: `Bortkommet ${tag} (${lentCopy.barcode}) er meldt bortkommet` })
	).toBeVisible();
	const ended = await system.collection('loans').getOne(loan.id);
	expect(ended.returned_at).not.toBe('');
	expect(ended.lost).toBe(true);
	expect((await system.collection('copies').getOne(lentCopy.id)).status).toBe('missing');
});
