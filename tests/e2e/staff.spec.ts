import { randomUUID } from 'node:crypto';
import { test, expect, expectAccessible, hydrated, signIn, systemClient, ownAddress } from './fixtures';
import { localToUtc, addDays, localParts } from '../../pb_hooks/lib/rooms-policy.js';
import { validCvrNumber } from '../helpers/cvr';

// The staff side of issue 13 at 360 px: the calendar across rooms shows events, and the reason given with
// an approval reaches the citizen.

const PASSWORD = 'e2e-kodeord-123';
const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);
const pbDate = (date: string, time: string) =>
	new Date(localToUtc(date, time) as number).toISOString().replace('T', ' ');

async function arrange() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const user = async (name: string, staff = false) => {
		const email = `${name}-${id}@test.borgerhus.dk`;
		const record = await system.collection('users').create({
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name,
			verified: true,
			staff,
			language: 'da'
		});
		return { email, id: record.id };
	};
	const [citizen, staff] = await Promise.all([user('borger'), user('personale', true)]);
	const room = await system.collection('rooms').create({
		name: `Koncertsal ${id}`,
		slug: `koncert-${id}`,
		capacity: 200,
		who_may_book: 'citizens',
		requires_approval: true,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 15,
		horizon_days: 1000,
		cancel_hours: 48,
		active: true,
		sort: -1
	});
	return { system, citizen, staff, room, id };
}

/** The elements that make the page itself scroll sideways (none when it does not), to say why in a failure. */
const sidewaysCulprits = (page: import('@playwright/test').Page) =>
	page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return [];
		return [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 1)
			.slice(0, 8)
			.map(
				(el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`
			);
	});
/** True when the page itself scrolls sideways. */
const pageScrollsSideways = async (page: import('@playwright/test').Page) => {
	const culprits = await sidewaysCulprits(page);
	if (culprits.length) console.log('wider than the page:', culprits.join(' | '));
	return culprits.length > 0;
};

test('the staff calendar shows an event in its room on a concert day, as a grid of rooms by hours', async ({
	page
}) => {
	const { system, staff, room, id } = await arrange();
	const day = addDays(localParts(Date.now()).date, 200 + Math.floor(Math.random() * 400));
	await system.collection('events').create({
		title: `Koncert ${id}`,
		description: 'Et orkester spiller.',
		start: pbDate(day, '19:00'),
		end: pbDate(day, '21:00'),
		room: room.id,
		state: 'published',
		registration: false,
		capacity: 0
	});
	await system.collection('closures').create({
		room: room.id,
		start: pbDate(day, '09:00'),
		end: pbDate(day, '11:00'),
		reason: `Rengøring ${id}`
	});

	await signIn(page, staff.email, PASSWORD);
	await page.goto(`/personale/bookinger?dag=${day}`);
	const grid = page.getByRole('table');
	await expect(grid.getByRole('columnheader', { name: '19:00' })).toBeVisible();
	const row = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: room.name }) });
	await expect(row.getByRole('link', { name: `Koncert ${id}` })).toBeAttached();
	await expect(row.getByText(`Rengøring ${id}`)).toBeAttached();
	// the event's cell lies under 19:00 and 20:00: one cell across two hours
	const cell = row.getByRole('cell').filter({ hasText: `Koncert ${id}` });
	await expect(cell).toHaveAttribute('colspan', '2');
	expect(await pageScrollsSideways(page)).toBe(false);
	await expectAccessible(page);
	// the first screen only: the grid lists every room of the shared test database, hundreds of rows long
	await page.screenshot({ path: 'test-results/e2e/staff-grid-360.png' });

	// the week
	await page.getByRole('link', { name: 'Vis uge' }).click();
	await expect(page).toHaveURL(/visning=uge/);
	const weekRow = page
		.getByRole('table')
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: room.name }) });
	await expect(weekRow.getByRole('link', { name: `Koncert ${id}` })).toBeAttached();
	expect(await pageScrollsSideways(page)).toBe(false);
	await expectAccessible(page);

	await page.setViewportSize({ width: 1024, height: 768 });
	await page.goto(`/personale/bookinger?dag=${day}`);
	await expect(page.getByRole('table')).toBeVisible();
	await page.screenshot({ path: 'test-results/e2e/staff-grid-1024.png' });
});

test('a reason given with an approval reaches the citizen', async ({ page, browser }) => {
	const { system, citizen, staff, room, id } = await arrange();
	const day = addDays(localParts(Date.now()).date, 200 + Math.floor(Math.random() * 400));
	await system.collection('bookings').create({
		room: room.id,
		booker: citizen.id,
		purpose: `Fødselsdag ${id}`,
		attendees: 20,
		start: pbDate(day, '14:00'),
		end: pbDate(day, '16:00'),
		status: 'pending'
	});

	await signIn(page, staff.email, PASSWORD);
	await page.goto('/personale/bookinger');
	// the waiting requests of the whole house come a page at a time: staff narrow them to the room
	await page.getByLabel('Vis anmodninger og bookinger til').selectOption({ label: room.name });
	await page.getByRole('button', { name: 'Vis', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`lokale=${room.id}`));
	await expect(page.getByRole('heading', { name: 'Afventer godkendelse (1)' })).toBeVisible();
	const request = page.getByRole('listitem').filter({ hasText: `Fødselsdag ${id}` });
	await request
		.getByRole('textbox', { name: new RegExp(`Begrundelse eller besked til bookeren til ${room.name}`) })
		.fill('Nøglen ligger i receptionen.');
	await request.getByRole('button', { name: new RegExp(`^Godkend booking af ${room.name}`) }).click();
	await expect(page.getByRole('status').filter({ hasText: `Godkendt: ${room.name}` })).toBeVisible();
	// focus goes on to the list of requests still waiting, not back to the top of the page
	await expect(page.locator('#pending-heading')).toBeFocused();
	await expectAccessible(page);

	const citizenContext = await browser.newContext({
		viewport: { width: 360, height: 740 },
		extraHTTPHeaders: ownAddress()
	});
	const citizenPage = await citizenContext.newPage();
	await signIn(citizenPage, citizen.email, PASSWORD);
	await citizenPage.goto('/indbakke');
	await expect(citizenPage.getByText('Besked fra personalet: Nøglen ligger i receptionen.')).toBeVisible();
	await expect(citizenPage.getByText(/\d{4}-\d{2}-\d{2}/)).toHaveCount(0);
	await citizenContext.close();
});

test('at the desk, focus returns to the barcode field after a check-in and the outcome is announced', async ({
	page
}) => {
	const { system, staff, id } = await arrange();
	const title = await system.collection('titles').create({
		title: `Skrankebog ${id}`,
		creator: 'Test',
		type: 'book',
		identifier: `978${id}`,
		subjects: 'test'
	});
	const barcodes = [0, 1].map((i) => `SK-${id}-${i}`);
	for (const barcode of barcodes)
		await system.collection('copies').create({ title: title.id, barcode, shelf: 'A1', status: 'missing' });

	await signIn(page, staff.email, PASSWORD);
	await page.goto('/personale/skranke');
	const field = page.getByLabel('Stregkode');
	for (const barcode of barcodes) {
		await field.fill(barcode);
		await field.press('Enter');
		await expect(page.getByRole('status').filter({ hasText: /hylde/i }).first()).toBeVisible();
		await expect(field).toBeFocused();
		await expect(field).toHaveValue('');
	}
	await expectAccessible(page);
});

test('the changed staff pages and the feed page pass axe, do not scroll sideways, and are pictured at 360 and 1024 px', async ({
	page
}) => {
	test.setTimeout(300_000); // ten pages, each with axe, at two widths
	const { staff } = await arrange();
	await signIn(page, staff.email, PASSWORD);
	await expect(page).toHaveURL(/\/personale$/);
	for (const width of [360, 1024]) {
		await page.setViewportSize({ width, height: width === 360 ? 740 : 768 });
		for (const path of [
			'/personale',
			'/personale/log',
			'/personale/lokaler',
			'/personale/skranke',
			'/personale/foreninger'
		]) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			// the pages of this change; sideways scrolling of the others is checked for every page elsewhere
			if (['/personale', '/personale/log'].includes(path))
				expect(await pageScrollsSideways(page), path).toBe(false);
			await expectAccessible(page);
			// the first screen: lists of the shared test database's rooms run to hundreds of rows
			await page.screenshot({ path: `test-results/e2e/staff${path.replaceAll('/', '-')}-${width}.png` });
		}
		await page.goto('/overblik/kalender');
		await page
			.getByRole('button', { name: /Lav|Opret|Forny|adresse/i })
			.first()
			.click();
		await expect(page.getByRole('link', { name: 'Abonnér i din kalender' })).toHaveAttribute(
			'href',
			/^webcal:\/\//
		);
		await expectAccessible(page);
		await page.screenshot({ path: `test-results/e2e/feed-${width}.png`, fullPage: true });
	}
});

test('a closure over a booking shows it, and confirming cancels it and tells the booker; so does taking the room out of use', async ({
	page
}) => {
	const { system, citizen, staff, room, id } = await arrange();
	const day = addDays(localParts(Date.now()).date, 200 + Math.floor(Math.random() * 400));
	const booking = (date: string, purpose: string) =>
		system.collection('bookings').create({
			room: room.id,
			booker: citizen.id,
			purpose,
			attendees: 4,
			start: pbDate(date, '10:00'),
			end: pbDate(date, '12:00'),
			status: 'approved'
		});
	const inside = await booking(day, `Strikkeklub ${id}`);
	const later = await booking(addDays(day, 7), `Læsekreds ${id}`);

	await signIn(page, staff.email, PASSWORD);
	await page.goto('/personale/lokaler');
	const closures = page.getByRole('region', { name: 'Lukninger' });
	await closures.getByLabel('Hvad lukker?').selectOption({ label: room.name });
	await closures.getByLabel('Fra dato').fill(day);
	await closures.getByLabel('Til dato').fill(day);
	await closures.getByLabel('Begrundelse').fill('Vandskade');
	await closures.getByRole('button', { name: 'Tilføj lukning' }).click();
	await expect(closures.getByText('Lukningen rammer 1 booking.')).toBeVisible();
	await expect(closures.getByText(`Strikkeklub ${id}`)).toBeVisible();
	await expectAccessible(page);
	await closures.screenshot({ path: 'test-results/e2e/staff-closure-confirm-360.png' });
	await closures.getByRole('button', { name: 'Luk og aflys 1 booking' }).click();
	await expect(closures.getByRole('status')).toContainText('Gemt');
	await expect(closures.getByText(`Strikkeklub ${id}`)).toHaveCount(0);
	await expect
		.poll(async () => (await system.collection('bookings').getOne(inside.id)).status)
		.toBe('cancelled');
	const told = await system.collection('notifications').getFullList({
		filter: system.filter('user = {:u} && kind = "booking_cancelled"', { u: citizen.id })
	});
	expect(told.map((n) => n.body)).toEqual([expect.stringContaining('Vandskade')]);

	// the room out of use: the booking a week later is shown, a reason asked for, then cancelled
	const details = page.locator('details').filter({ has: page.getByText(room.name, { exact: true }) });
	await details.getByText(room.name, { exact: true }).click();
	await details.getByRole('checkbox', { name: 'Kan bookes' }).uncheck();
	await details.getByRole('button', { name: 'Gem lokale' }).click();
	await expect(details.getByText('Lokalet har 1 kommende booking.')).toBeVisible();
	await expect(details.getByText(`Læsekreds ${id}`)).toBeVisible();
	await expect(details.getByRole('checkbox', { name: 'Kan bookes' })).not.toBeChecked();
	await details.getByRole('button', { name: 'Tag ud af brug og aflys 1 booking' }).click();
	await expect(details.getByText('Skriv en begrundelse.').first()).toBeVisible();
	await details.getByLabel('Begrundelse til bookerne').fill('Lokalet bygges om');
	await details.getByRole('button', { name: 'Tag ud af brug og aflys 1 booking' }).click();
	await expect(details.getByRole('status')).toContainText('Gemt');
	expect((await system.collection('bookings').getOne(later.id)).status).toBe('cancelled');
	expect((await system.collection('rooms').getOne(room.id)).active).toBe(false);
});

test('staff verify an association as they read it; one changed since is refused with a message', async ({
	page
}) => {
	const { system, staff, id } = await arrange();
	const association = (name: string) =>
		system
			.collection('associations')
			.create({ name: `${name} ${id}`, cvr: validCvrNumber(), verified: false });
	const [chess, choir] = await Promise.all([association('Skakklubben'), association('Sangkoret')]);
	await signIn(page, staff.email, PASSWORD);
	await page.goto('/personale/foreninger?vis=afventer');
	const item = (name: string) => page.getByRole('listitem').filter({ hasText: name });
	await expect(item(choir.name)).toBeVisible();
	// renamed after staff read it: looked at again first
	await system.collection('associations').update(choir.id, { name: `Nørreby Boldklub ${id}` });
	await item(choir.name).getByRole('button', { name: 'Godkend forening' }).click();
	await expect(page.getByText('Foreningen er ændret, siden du åbnede siden.')).toBeVisible();
	expect((await system.collection('associations').getOne(choir.id)).verified).toBe(false);
	// the list is read again: staff see the new name, and verify what they now see
	await expect(item(`Nørreby Boldklub ${id}`)).toBeVisible();
	// the one read as it is
	await item(chess.name).getByRole('button', { name: 'Godkend forening' }).click();
	await expect(page.getByText('Foreningen er godkendt og kan nu booke i sit navn.')).toBeVisible();
	expect((await system.collection('associations').getOne(chess.id)).verified).toBe(true);
	await expect(item(chess.name)).toHaveCount(0);
	await item(`Nørreby Boldklub ${id}`).getByRole('button', { name: 'Godkend forening' }).click();
	await expect(item(`Nørreby Boldklub ${id}`)).toHaveCount(0);
	expect((await system.collection('associations').getOne(choir.id)).verified).toBe(true);
	await expectAccessible(page);
});

test('a photo too large is said at its field as soon as it is chosen, and the save is not sent', async ({
	page
}) => {
	const { staff, room } = await arrange();
	await signIn(page, staff.email, PASSWORD);
	await page.goto(`/personale/lokaler/${room.id}`);
	await hydrated(page);
	const field = page.getByLabel('Tilføj billeder (valgfrit)');
	await expect(page.getByText('Højst 5 MB pr. fil.')).toBeVisible();
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request.url());
	});
	await field.setInputFiles({
		name: 'stort-billede.png',
		mimeType: 'image/png',
		buffer: Buffer.alloc(6 * 1024 * 1024, 1)
	});
	await expect(field).toHaveAccessibleDescription(
		/Filen stort-billede\.png er for stor\. En fil må højst fylde 5 MB\./
	);
	await page.getByRole('button', { name: 'Gem oplysningerne' }).click();
	await expect(field).toBeFocused();
	expect(posts).toEqual([]);
	// said at once, and the choice can be taken back
	await expect(page.getByRole('alert').filter({ hasText: 'stort-billede.png' })).toBeVisible();
	await page.getByRole('button', { name: 'Fjern det valgte' }).click();
	await expect(page.getByText('er for stor')).toHaveCount(0);
	await expect(field).toBeFocused();
	expect(await field.evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).toBe(0);
	// a photo within the limit clears the message
	await field.setInputFiles({
		name: 'lille.svg',
		mimeType: 'image/svg+xml',
		buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"/>')
	});
	await expect(page.getByText('er for stor')).toHaveCount(0);
	await page.getByRole('button', { name: 'Gem oplysningerne' }).click();
	await expect(page.getByText('Oplysningerne er gemt.')).toBeVisible();
	expect(posts).toHaveLength(1);
	await expectAccessible(page);
});

test('a new room is made not in use, says so on its page, and staff take it into use there', async ({
	page
}) => {
	const { staff } = await arrange();
	await signIn(page, staff.email, PASSWORD);
	await page.goto('/personale/lokaler/ny');
	await hydrated(page);
	const name = `Nyt lokale ${randomUUID().slice(0, 8)}`;
	await page.getByLabel('Navn', { exact: true }).fill(name);
	await page.getByLabel('Antal personer').fill('8');
	await expect(page.getByLabel('Tag lokalet i brug med det samme')).not.toBeChecked();
	await page.getByRole('button', { name: 'Opret lokalet' }).click();
	await expect(page.getByText('Lokalet er oprettet. Det er ikke i brug endnu.')).toBeVisible();
	await expect(page.getByText('Lokalet er ikke i brug, så ingen kan booke det.')).toBeVisible();
	await expectAccessible(page);
	// the list of rooms marks it too
	const roomPage = page.url();
	await page.goto('/personale/lokaler');
	await expect(page.locator('summary', { hasText: name })).toContainText('Ikke i brug');
	await page.goto(roomPage);
	await hydrated(page);
	await page.getByRole('button', { name: 'Tag i brug' }).click();
	await expect(page.getByText('Lokalet er taget i brug og kan bookes nu.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Tag i brug' })).toHaveCount(0);
	await page.goto('/personale/lokaler');
	await expect(page.locator('summary', { hasText: name })).not.toContainText('Ikke i brug');
	const system = await systemClient();
	const room = await system.collection('rooms').getFirstListItem(system.filter('name = {:name}', { name }));
	expect(room.active).toBe(true);
});

test('staff give a booking to another booker and association on a phone, told first that it is already in that name', async ({
	page
}) => {
	const { system, citizen, staff, room, id } = await arrange();
	const heirEmail = `arving-${id}@test.borgerhus.dk`;
	const heir = await system.collection('users').create({
		email: heirEmail,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: `Ny Booker ${id}`,
		verified: true,
		language: 'da'
	});
	const association = await system.collection('associations').create({
		name: `Overtagerne ${id}`,
		cvr: validCvrNumber(),
		verified: true
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: heir.id, role: 'booker', status: 'active' });
	const day = addDays(localParts(Date.now()).date, 200 + Math.floor(Math.random() * 400));
	const booking = await system.collection('bookings').create({
		room: room.id,
		booker: citizen.id,
		purpose: `Korprøve ${id}`,
		attendees: 10,
		start: pbDate(day, '10:00'),
		end: pbDate(day, '12:00'),
		status: 'approved'
	});

	await signIn(page, staff.email, PASSWORD);
	await page.goto(`/personale/bookinger?lokale=${room.id}`);
	await page.getByRole('link', { name: new RegExp(`^Skift booker af ${room.name}`) }).click();
	await expect(page).toHaveURL(new RegExp(`/personale/bookinger/${booking.id}/skift$`));
	await hydrated(page);
	await expect(page.getByRole('heading', { name: 'Skift booker', level: 1 })).toBeVisible();

	// the booker it already has: refused by PocketBase, said at the new booker's field, which gets focus
	await page.getByLabel('Søg efter borger').fill(citizen.email);
	await page.getByRole('button', { name: 'Søg', exact: true }).click();
	await page.getByRole('link', { name: /^Vælg borger som ny booker/ }).click();
	await page.getByRole('button', { name: /^Giv bookingen til borger/ }).click();
	const field = page.getByLabel('Ny booker');
	await expect(field).toBeFocused();
	await expect(field).toHaveAccessibleDescription(
		'Bookingen står allerede i det navn. Vælg en anden booker eller forening.'
	);
	expect(await pageScrollsSideways(page)).toBe(false);
	await expectAccessible(page);

	// another person, found by e-mail, for an association they book for
	await page.getByRole('link', { name: 'Vælg en anden booker' }).click();
	await page.getByLabel('Søg efter borger').fill(heirEmail);
	await page.getByRole('button', { name: 'Søg', exact: true }).click();
	await page.getByRole('link', { name: `Vælg Ny Booker ${id} som ny booker` }).click();
	await page.getByLabel('Forening').selectOption({ label: association.name });
	await page.getByLabel('Begrundelse (valgfri)').fill('Koret overtager prøven.');
	expect(await pageScrollsSideways(page)).toBe(false);
	await expectAccessible(page);
	await page.getByRole('button', { name: `Giv bookingen til Ny Booker ${id}` }).click();
	const done = page.getByRole('status').filter({ hasText: 'Bookingen har fået ny booker' });
	await expect(done).toBeFocused();
	await expect(page.locator('dd').filter({ hasText: association.name })).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({ path: 'test-results/e2e/staff-reassign-360.png', fullPage: true });

	const stored = await system.collection('bookings').getOne(booking.id);
	expect(stored).toMatchObject({ booker: heir.id, association: association.id });
});
