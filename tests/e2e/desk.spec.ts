import { randomUUID } from 'node:crypto';
import { test, expect, expectAccessible, signIn, systemClient, demo, phonePage } from './fixtures';

// Service at the desk (docs/rules.md, "Service at the desk"), at phone size: staff find a citizen, book a
// room for them, and the citizen sees it in Mit overblik marked as made at the desk.

function houseDate(daysAhead: number): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Copenhagen',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date(Date.now() + daysAhead * 86_400_000));
	return parts;
}

test('staff book a room for a citizen at the desk, and the citizen sees it made at the desk', async ({
	page,
	browser
}) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `skranke-${id}@test.borgerhus.dk`;
	const password = 'skranke-kodeord';
	await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: `Karen Skranke ${id}`,
		phone: '+45 41 22 33 44',
		verified: true,
		language: 'da'
	});
	const room = await system.collection('rooms').create({
		name: `Skrankelokale ${id}`,
		slug: `e2e-desk-${id}`,
		capacity: 10,
		active: true,
		who_may_book: 'citizens',
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 15,
		horizon_days: 365,
		opening_hours: Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['08:00', '22:00']]])
		)
	});

	await signIn(page, demo.staff);
	await page.goto('/personale/borgere');
	await expectAccessible(page);
	await page.getByLabel('Søg efter borger').fill(`Karen Skranke ${id}`);
	await page.getByRole('button', { name: 'Søg' }).click();
	await page.getByRole('link', { name: `Karen Skranke ${id}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Karen Skranke ${id}` })).toBeVisible();
	await expectAccessible(page);

	const day = 20 + Math.floor(Math.random() * 200);
	const book = page.getByRole('region', { name: 'Book et lokale' });
	await book.getByLabel('Lokale', { exact: true }).selectOption({ label: room.name });
	await book.getByLabel('Dato', { exact: true }).fill(houseDate(day));
	await book.getByLabel('Fra', { exact: true }).fill('10:00');
	await book.getByLabel('Til', { exact: true }).fill('11:30');
	await book.getByLabel('Formål', { exact: true }).fill('Læsekreds');
	await book.getByLabel('Antal deltagere', { exact: true }).fill('3');
	await book.getByRole('button', { name: 'Book for borgeren' }).click();
	// the message is where staff look, though the overview above grew by a card
	const doneNotice = book.getByText('Det er gjort. Borgeren får besked i sin indbakke.');
	await expect(doneNotice).toBeFocused();
	await expect(doneNotice).toBeInViewport();
	const overview = page.getByRole('region', { name: 'Borgerens overblik' });
	await expect(overview.getByRole('heading', { name: room.name })).toBeVisible();

	// the receipt for the citizen
	await page.getByRole('link', { name: 'Udskriv kvittering' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kvittering fra skranken' })).toBeVisible();
	await expect(page.getByText(room.name)).toBeVisible();
	await expectAccessible(page);

	// a new desk account, then its page
	await page.goto('/personale/borgere/ny');
	await expectAccessible(page);
	await page.getByLabel('Navn', { exact: true }).fill(`Svend Skrankekonto ${id}`);
	await page.getByLabel('Telefon', { exact: true }).fill('+45 55 66 77 88');
	await page.getByRole('button', { name: 'Opret konto' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Svend Skrankekonto ${id}` })).toBeVisible();
	await expect(page.getByText('Skrankekonto', { exact: true })).toBeVisible();

	// everything the house holds about them, shown and printed at the desk (the citizen cannot sign in)
	await page.getByRole('link', { name: 'Borgerens data' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Alle data om Svend Skrankekonto ${id}` })
	).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Vis borgerens data' }).click();
	await expect(page.getByRole('button', { name: 'Udskriv' })).toBeVisible();
	await expect(page.getByText('+45 55 66 77 88')).toBeVisible();
	await expect(page.getByText('udleverede en kopi af dine data til dig ved skranken')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Tilbage til borgeren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Svend Skrankekonto ${id}` })).toBeVisible();

	// the take-over: a mistyped address is corrected and the mail sent again until a password is chosen
	const takeover = page.getByRole('region', { name: 'Overtag kontoen' });
	await takeover.getByLabel('E-mail', { exact: true }).fill(`svend-${id}@test.borgerhus.dkk`);
	await takeover.getByRole('button', { name: 'Send mail til borgeren' }).click();
	const waiting = page.getByRole('region', { name: 'Venter på borgeren' });
	await expect(waiting.getByText(`Vi har sendt en mail til svend-${id}@test.borgerhus.dkk`)).toBeVisible();
	await expect(waiting.getByRole('status')).toHaveText(/Mailen er sendt/);
	await waiting.getByLabel('E-mail', { exact: true }).fill(`svend-${id}@test.borgerhus.dk`);
	await waiting.getByRole('button', { name: 'Send mailen igen' }).click();
	await expect(waiting.getByText(`Vi har sendt en mail til svend-${id}@test.borgerhus.dk,`)).toBeVisible();
	await expectAccessible(page);

	// the citizen signs in and sees it in Mit overblik, marked as made at the desk
	const citizen = await phonePage(browser);
	await signIn(citizen, email, password);
	const card = citizen
		.getByRole('article')
		.filter({ has: citizen.getByRole('heading', { name: room.name }) });
	await expect(card.getByText('Oprettet for dig ved skranken')).toBeVisible();
	await citizen.context().close();
});

test('a phone number in the citizen search stays whole on its line, whatever the width', async ({ page }) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const phone = '+45 41 22 33 44';
	await system.collection('users').create({
		email: `skranke-telefon-${id}@test.borgerhus.dk`,
		password: 'skranke-kodeord',
		passwordConfirm: 'skranke-kodeord',
		name: `Tove Telefon ${id}`,
		phone,
		verified: true,
		language: 'da'
	});
	await signIn(page, demo.staff);
	await page.goto('/personale/borgere');
	await page.getByLabel('Søg efter borger').fill(`Tove Telefon ${id}`);
	await page.getByRole('button', { name: 'Søg' }).click();
	const result = page.getByRole('listitem').filter({ hasText: `Tove Telefon ${id}` });
	await expect(result).toContainText(phone);
	// the lines the number is laid out on, measured on its characters wherever a narrow screen breaks the line
	const lines = () =>
		result.evaluate((item, number) => {
			const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const at = node.textContent!.indexOf(number);
				if (at < 0) continue;
				const range = document.createRange();
				range.setStart(node, at);
				range.setEnd(node, at + number.length);
				return new Set([...range.getClientRects()].map((rect) => Math.round(rect.bottom))).size;
			}
			return 0;
		}, phone);
	for (let width = 300; width <= 420; width += 6) {
		await page.setViewportSize({ width, height: 740 });
		expect(await lines(), `at ${width} px`).toBe(1);
	}
});

test("staff delete a desk account at the citizen's request, after a confirmation", async ({ page }) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const staffEmail = `skranke-slet-${id}@test.borgerhus.dk`;
	await system.collection('users').create({
		email: staffEmail,
		password: 'skranke-kodeord',
		passwordConfirm: 'skranke-kodeord',
		name: `Sara Skranke ${id}`,
		staff: true,
		verified: true,
		language: 'da'
	});
	await signIn(page, staffEmail, 'skranke-kodeord');
	await page.goto('/personale/borgere/ny');
	await page.getByLabel('Navn', { exact: true }).fill(`Sonja Slettes ${id}`);
	await page.getByLabel('Telefon', { exact: true }).fill('+45 55 66 77 99');
	await page.getByRole('button', { name: 'Opret konto' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Sonja Slettes ${id}` })).toBeVisible();
	const accountId = new URL(page.url()).pathname.split('/').at(-1)!;

	const section = page.getByRole('region', { name: 'Slet kontoen' });
	await expectAccessible(page);
	// it asks first, in a dialog that says what happens
	await section.getByRole('button', { name: 'Slet kontoen' }).click();
	const dialog = page.getByRole('dialog', { name: `Slet kontoen for Sonja Slettes ${id}?` });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Ja, slet kontoen' }).click();
	await expect(page).toHaveURL(/\/personale\/borgere\?slettet=1$/);
	const done = page.getByRole('status').filter({ hasText: 'Kontoen er slettet.' });
	await expect(done).toBeFocused();
	await expectAccessible(page);
	const gone = await system.collection('users').getOne(accountId);
	expect(gone.name).toBe('Slettet bruger');
	expect(gone.deleted_at).not.toBe('');
});

test('staff read what the house did to a citizen’s places in words about the citizen, the citizen in words to them', async ({
	page,
	browser
}) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const password = 'skranke-kodeord';
	const person = async (name: string) =>
		system.collection('users').create({
			email: `skranke-hus-${randomUUID().slice(0, 8)}@test.borgerhus.dk`,
			password,
			passwordConfirm: password,
			name,
			verified: true,
			language: 'da'
		});
	const citizen = await person(`Hans Husets ${id}`);
	const holder = await person(`Pladsholder ${id}`);
	const start = new Date(Date.now() + (60 + Math.floor(Math.random() * 200)) * 86_400_000);
	const end = new Date(start.getTime() + 2 * 3600_000);
	const event = (title: string, capacity: number) =>
		system.collection('events').create({
			title,
			description: 'Arrangement ved skranken.',
			category: 'concert',
			start,
			end,
			state: 'published',
			registration: true,
			capacity
		});
	// one event full, the citizen on its waitlist; one with the citizen's place confirmed
	const full = await event(`Fuldt foredrag ${id}`, 1);
	const open = await event(`Åben koncert ${id}`, 5);
	await system.collection('registrations').create({ event: full.id, user: holder.id });
	const waiting = await system.collection('registrations').create({ event: full.id, user: citizen.id });
	const confirmed = await system.collection('registrations').create({ event: open.id, user: citizen.id });
	expect([waiting.status, confirmed.status]).toEqual(['waitlisted', 'confirmed']);
	// the house ends both (as the event page does): the citizen took neither back themselves
	await system.collection('registrations').update(waiting.id, { status: 'cancelled' });
	await system.collection('registrations').update(confirmed.id, { status: 'cancelled' });

	await signIn(page, demo.staff);
	await page.goto(`/personale/borgere/${citizen.id}`);
	const overview = page.getByRole('region', { name: 'Borgerens overblik' });
	const card = (title: string) =>
		overview.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
	await expect(card(full.title)).toContainText('Huset tog borgeren af ventelisten');
	await expect(card(open.title)).toContainText('Huset aflyste borgerens plads');
	await expect(overview).not.toContainText('Huset tog dig af ventelisten');
	await expect(overview).not.toContainText('Huset aflyste din plads');
	await expectAccessible(page);

	// the citizen's own overview still speaks to them
	const own = await phonePage(browser);
	await signIn(own, citizen.email, password);
	const main = own.getByRole('main');
	const ownCard = (title: string) =>
		main.getByRole('article').filter({ has: own.getByRole('heading', { name: title }) });
	await expect(ownCard(full.title)).toContainText('Huset tog dig af ventelisten');
	await expect(ownCard(open.title)).toContainText('Huset aflyste din plads');
	await expect(main).not.toContainText('Huset tog borgeren af ventelisten');
	await expect(main).not.toContainText('Huset aflyste borgerens plads');
	await own.context().close();
});

// At the desk staff check a citizen's booking in for them: the button says what staff do ("Tjek ind"), not
// what the people in the room say at the door ("Vi er her", the citizen's button in Mit overblik).
test('staff check a citizen’s booking in at the desk with a button in their own words', async ({ page }) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const citizen = await system.collection('users').create({
		email: `skranke-tjek-${id}@test.borgerhus.dk`,
		password: 'skranke-kodeord',
		passwordConfirm: 'skranke-kodeord',
		name: `Tjek Indsen ${id}`,
		verified: true,
		language: 'da'
	});
	const allDay = Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
	);
	const minute = 60_000;
	const pbDate = (ms: number) => new Date(Math.floor(ms / minute) * minute).toISOString().replace('T', ' ');
	const room = await system.collection('rooms').create({
		name: `Skrankelokalet ${id}`,
		slug: `skranke-tjek-${id}`,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: allDay,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 100,
		cancel_hours: 0,
		active: true,
		checkin_required: true,
		checkin_opens_minutes: 15,
		checkin_grace_minutes: 15,
		checkin_since: pbDate(Date.now() - 7 * 24 * 60 * minute)
	});
	const booking = await system.collection('bookings').create({
		room: room.id,
		booker: citizen.id,
		purpose: 'Møde',
		attendees: 2,
		start: pbDate(Date.now() + 5 * minute),
		end: pbDate(Date.now() + 65 * minute),
		status: 'approved'
	});

	await signIn(page, demo.staff);
	await page.goto(`/personale/borgere/${citizen.id}`);
	const card = page
		.getByRole('region', { name: 'Borgerens overblik' })
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: room.name }) });
	await expect(card.getByRole('button', { name: 'Vi er her' })).toHaveCount(0);
	await card.getByRole('button', { name: /^Tjek ind/ }).click();
	// a check-in sends the citizen no message, so the desk's notice does not promise one
	await expect(page.getByText('Borgeren er tjekket ind.')).toBeVisible();
	await expect(page.getByText('Borgeren får besked i sin indbakke')).toHaveCount(0);
	expect((await system.collection('bookings').getOne(booking.id)).checked_in_at).not.toBe('');
	const told = await system.collection('notifications').getList(1, 1, { filter: `user = "${citizen.id}"` });
	expect(told.totalItems).toBe(0);
	await expectAccessible(page);
});
