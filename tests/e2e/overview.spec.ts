import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible, signIn, systemClient } from './fixtures';
import { formatDateTime } from '../../src/lib/dates';

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().replace('T', ' ');

/** A citizen with a booking (waiting for approval), a hold and a shift, arranged with system rights. */
async function citizenWithThree() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `overblik-${id}@test.borgerhus.dk`;
	const password = 'overblik-kodeord';
	const user = await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Olga Overblik',
		verified: true,
		language: 'da',
		notify_email: true,
		notify_reminders: true
	});
	const room = await system.collection('rooms').create({
		name: `Mødelokale ${id}`,
		slug: `e2e-ov-${id}`,
		capacity: 20,
		active: true,
		who_may_book: 'citizens',
		opening_hours: Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '23:59']]])
		)
	});
	// Created on a free slot far ahead, then moved by the system account to the time the test needs.
	const slot = new Date();
	slot.setUTCHours(10, 0, 0, 0);
	const slotStart = new Date(slot.getTime() + (400 + Math.floor(Math.random() * 300)) * 86_400_000);
	const created = await system.collection('bookings').create({
		room: room.id,
		booker: user.id,
		attendees: 4,
		purpose: 'Bestyrelsesmøde',
		start: slotStart.toISOString().replace('T', ' '),
		end: new Date(slotStart.getTime() + 3_600_000).toISOString().replace('T', ' '),
		status: 'pending'
	});
	// more than a day ahead: no reminder of it is due yet, whenever the house's reminder job runs
	const booking = await system
		.collection('bookings')
		.update(created.id, { start: inHours(30), end: inHours(32) });
	const title = await system
		.collection('titles')
		.create({ title: `Krimi ${id}`, creator: 'Forfatter', type: 'book' });
	await system
		.collection('holds')
		.create({ title: title.id, patron: user.id, status: 'waiting', placed_at: inHours(-1) });
	const days = 200 + Math.floor(Math.random() * 300);
	const event = await system.collection('events').create({
		title: `Koncert ${id}`,
		start: inHours(24 * days),
		end: inHours(24 * days + 3),
		state: 'published',
		category: 'concert'
	});
	const shift = await system.collection('shifts').create({
		event: event.id,
		task: `Billetsalg ${id}`,
		start: inHours(24 * days - 1),
		end: inHours(24 * days + 1),
		places: 3
	});
	await system.collection('signups').create({ shift: shift.id, user: user.id, status: 'confirmed' });
	return { system, email, password, user, room, booking, title, shift };
}

test('a citizen sees a booking, a hold and a shift, hears live news, exports the data and deletes the account', async ({
	page
}) => {
	const s = await citizenWithThree();
	await signIn(page, s.email, s.password);
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { name: s.room.name })).toBeVisible();
	await expect(main.getByRole('heading', { name: s.title.title })).toBeVisible();
	await expect(main.getByRole('heading', { name: s.shift.task })).toBeVisible();
	// each title leads to its room, title or event
	await expect(
		main.getByRole('heading', { name: s.room.name }).getByRole('link', { name: s.room.name })
	).toHaveAttribute('href', `/lokaler/${s.room.slug}`);
	await expect(
		main.getByRole('heading', { name: s.title.title }).getByRole('link', { name: s.title.title })
	).toHaveAttribute('href', `/bibliotek/${s.title.id}`);
	await expect(main.getByText('Venter på godkendelse fra personalet')).toBeVisible();
	await expect(main.getByText('Du er nr. 1 i køen')).toBeVisible();
	await expectAccessible(page);

	// Staff approve the booking: the timeline changes without a reload.
	await s.system.collection('bookings').update(s.booking.id, { status: 'approved' });
	await expect(main.getByText('Godkendt', { exact: true })).toBeVisible();

	// The inbox hears the reminder for the approved booking live.
	await main.getByRole('link', { name: 'Indbakke' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indbakke' })).toBeVisible();
	await expect(main.getByText('Du har ingen beskeder endnu.', { exact: false })).toBeVisible();
	await expectAccessible(page);
	// the booking moves to within the reminder's 24 hours, and the job runs (its own run every ten minutes
	// may come first: the reminder is the same)
	await s.system.collection('bookings').update(s.booking.id, { start: inHours(6), end: inHours(8) });
	await s.system.send('/api/borgerhus/overview/reminders/run', { method: 'POST' });
	await expect(main.getByRole('heading', { name: new RegExp(`Påmindelse: ${s.room.name}`) })).toBeVisible();
	await main
		.getByRole('button', { name: /Markér som læst/ })
		.first()
		.click();
	await expect(main.getByRole('status')).toHaveText('Markeret som læst.');

	await page.goto('/overblik/kalender');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Lav min kalenderadresse' }).click();
	await expect(page.getByLabel('Din kalenderadresse')).toHaveValue(/\/kalender\/[A-Za-z0-9]{48}\.ics$/);

	await page.goto('/mine-data');
	await expect(page.getByRole('heading', { level: 1, name: 'Mine data' })).toBeVisible();
	await expectAccessible(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Hent som JSON-fil' }).click()
	]);
	const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
	expect(exported.profile.email).toBe(s.email);
	expect(exported.bookings[0].room).toBe(s.room.name);
	expect(exported.signups[0].task).toBe(s.shift.task);

	await page.getByRole('link', { name: 'Vis som dokument, du kan printe' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dine data i Borgerhus' })).toBeVisible();
	await expectAccessible(page);
	await page.goBack();

	await page.getByLabel('Skriv din adgangskode for at bekræfte').fill(s.password);
	await page.getByRole('button', { name: 'Slet min konto for altid' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Din konto er slettet' })).toBeVisible();
	await expectAccessible(page);
	expect((await s.system.collection('bookings').getOne(s.booking.id)).status).toBe('cancelled');

	await page.goto('/log-ind');
	await page.getByLabel('E-mail').fill(s.email);
	await page.getByLabel('Adgangskode').fill(s.password);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByRole('alert')).toContainText('Forkert e-mail eller adgangskode');
});

test('an English reader’s overview marks a shift’s task, written in Danish only, as Danish', async ({
	page
}) => {
	const { system, email, password, user, shift } = await citizenWithThree();
	await system.collection('users').update(user.id, { language: 'en' });
	await signIn(page, email, password);
	await expect(page.getByRole('heading', { level: 1, name: 'My overview' })).toBeVisible();
	// the task names the entry, its event's title (no English version) the line under it: both Danish
	const card = page.getByRole('article', { name: shift.task as string });
	await expect(card.getByRole('link', { name: shift.task as string, exact: true })).toHaveAttribute(
		'lang',
		'da'
	);
	await expect(card.getByText(/^Koncert /)).toHaveAttribute('lang', 'da');
	await expectAccessible(page);
});

test('an empty overview says what to do next', async ({ page }) => {
	const system = await systemClient();
	const email = `tom-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	await system.collection('users').create({
		email,
		password: 'tomt-overblik',
		passwordConfirm: 'tomt-overblik',
		name: 'Tom Tomsen',
		verified: true
	});
	await signIn(page, email, 'tomt-overblik');
	await expect(
		page.getByText('Du har ingen bookinger, reservationer, lån eller vagter endnu.')
	).toBeVisible();
	await expect(page.getByRole('main').getByRole('link', { name: 'Lokaler' })).toBeVisible();
	// every page of one's own is a link away, however short the lists are
	const own = page.getByRole('navigation', { name: 'Mere' });
	for (const [name, path] of [
		['Indbakke', '/indbakke'],
		['Mine bookinger', '/bookinger'],
		['Mine reservationer og lån', '/bibliotek/mine'],
		['Mine vagter', '/frivillig'],
		['Foreninger og sæson', '/foreninger'],
		['Kalenderabonnement', '/overblik/kalender'],
		['Mine data', '/mine-data']
	] as const) {
		await expect(own.getByRole('link', { name, exact: true })).toHaveAttribute('href', path);
	}
	await own.getByRole('link', { name: 'Foreninger og sæson' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Foreninger' })).toBeVisible();
	await page.goBack();
	await expectAccessible(page);
});

test('on a wide screen the cards side by side on Mit overblik are as tall as each other', async ({
	page
}) => {
	const s = await citizenWithThree();
	await page.setViewportSize({ width: 1280, height: 900 });
	await signIn(page, s.email, s.password);
	const cards = page.getByRole('region', { name: 'Kommende' }).getByRole('article');
	await expect(cards).toHaveCount(3);
	const boxes = await Promise.all((await cards.all()).map(async (card) => (await card.boundingBox())!));
	// the hold and the booking share the first row, each with its own lines: one card no shorter than the other
	const row = boxes.filter((box) => Math.abs(box.y - boxes[0]!.y) < 1);
	expect(row).toHaveLength(2);
	expect(Math.abs(row[0]!.height - row[1]!.height)).toBeLessThan(1);
});

test("cancel is offered only before the room's cancellation deadline, and the page says why not", async ({
	page
}) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `frist-${id}@test.borgerhus.dk`;
	const password = 'frist-kodeord';
	const user = await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Frida Frist',
		verified: true,
		language: 'da'
	});
	const room = (name: string) =>
		system.collection('rooms').create({
			name,
			slug: `e2e-frist-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
			capacity: 20,
			active: true,
			who_may_book: 'citizens',
			cancel_hours: 24,
			opening_hours: Object.fromEntries(
				['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '23:59']]])
			)
		});
	// Created on a free slot far ahead, then moved by the system account to the time the test needs.
	const book = async (roomId: string, hoursAhead: number) => {
		const slot = new Date();
		slot.setUTCHours(10, 0, 0, 0);
		const far = new Date(slot.getTime() + (400 + Math.floor(Math.random() * 300)) * 86_400_000);
		const created = await system.collection('bookings').create({
			room: roomId,
			booker: user.id,
			attendees: 4,
			purpose: 'Møde',
			start: far.toISOString().replace('T', ' '),
			end: new Date(far.getTime() + 3_600_000).toISOString().replace('T', ' '),
			status: 'approved'
		});
		return system
			.collection('bookings')
			.update(created.id, { start: inHours(hoursAhead), end: inHours(hoursAhead + 1) });
	};
	const soon = await room(`Snart ${id}`);
	const later = await room(`Senere ${id}`);
	const soonBooking = await book(soon.id, 6);
	const laterBooking = await book(later.id, 72);

	await signIn(page, email, password);
	const main = page.getByRole('main');
	const soonCard = main.getByRole('article').filter({ has: page.getByRole('heading', { name: soon.name }) });
	const laterCard = main
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: later.name }) });
	// the card says when the deadline was (24 hours before the start), as Mine bookinger does
	const deadline = new Date(Date.parse(soonBooking.start.replace(' ', 'T')) - 24 * 3600_000);
	await expect(
		soonCard.getByText(
			`Fristen for at aflyse var ${formatDateTime(deadline, 'da')}. Kan du ikke komme, så ring til huset.`
		)
	).toBeVisible();
	await expect(soonCard.getByRole('button', { name: /Aflys booking/ })).toHaveCount(0);
	await expect(laterCard.getByText('Du kan aflyse indtil', { exact: false })).toBeVisible();
	await expect(laterCard.getByRole('button', { name: /Aflys booking/ })).toBeVisible();
	await expectAccessible(page);

	await laterCard.getByRole('button', { name: /Aflys booking/ }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Ja, aflys booking' }).click();
	await expect
		.poll(async () => (await system.collection('bookings').getOne(laterBooking.id)).status)
		.toBe('cancelled');
});

test("a patron's place in the queue moves up live when someone ahead cancels", async ({ page }) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const password = 'overblik-kodeord';
	const person = (name: string) =>
		system.collection('users').create({
			email: `ko-${name}-${id}@test.borgerhus.dk`,
			password,
			passwordConfirm: password,
			name,
			verified: true,
			language: 'da'
		});
	const [first, second] = [await person('forrest'), await person('anden')];
	const title = await system
		.collection('titles')
		.create({ title: `Kø ${id}`, creator: 'Forfatter', type: 'book' });
	const ahead = await system
		.collection('holds')
		.create({ title: title.id, patron: first.id, status: 'waiting', placed_at: inHours(-2) });
	await system
		.collection('holds')
		.create({ title: title.id, patron: second.id, status: 'waiting', placed_at: inHours(-1) });
	await signIn(page, second.email, password);
	const main = page.getByRole('main');
	await expect(main.getByText('Du er nr. 2 i køen')).toBeVisible();
	// the one ahead cancels elsewhere: nothing of the second patron's own changed, and yet the page hears it
	await system.collection('holds').update(ahead.id, { status: 'cancelled' });
	await expect(main.getByText('Du er nr. 1 i køen')).toBeVisible();
});

test('a message keeps its lines in the inbox, as its mail does', async ({ page }) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `linjer-${id}@test.borgerhus.dk`;
	const password = 'linjer-kodeord';
	const user = await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Lise Linje',
		verified: true,
		language: 'da'
	});
	// a staff message to an event's volunteers is written in lines, as staff typed it
	const body =
		'Hej alle frivillige\n\nHusk i morgen:\n- nøgler til depotet\n- kaffe til 40\n\nVi ses kl. 17!';
	await system.collection('notifications').create({
		user: user.id,
		kind: 'events_message',
		title: 'Besked om Høstkoncert',
		body,
		texts: { da: { title: 'Besked om Høstkoncert', body }, en: { title: 'Message about Høstkoncert', body } }
	});
	await signIn(page, email, password);
	await page.goto('/indbakke');
	const message = page.getByRole('article', { name: 'Besked om Høstkoncert' });
	const text = await message.locator('.body').evaluate((element) => (element as HTMLElement).innerText);
	expect(text.split('\n').filter(Boolean)).toEqual([
		'Hej alle frivillige',
		'Husk i morgen:',
		'- nøgler til depotet',
		'- kaffe til 40',
		'Vi ses kl. 17!'
	]);
	await expectAccessible(page);
});
