import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import PocketBase from 'pocketbase';
import {
	test,
	expect,
	expectAccessible,
	signIn,
	systemClient,
	waitsForHydration,
	ownAddress
} from './fixtures';
import { validCvrNumber } from '../helpers/cvr';
import { formatDay } from '../../src/lib/rooms/format';

const PASSWORD = 'e2e-kodeord-123';
const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);

/** A local date `days` from today, "YYYY-MM-DD". */
function dayFromNow(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

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
	const booker = await user('booker');
	const staff = await user('personale', true);
	const association = await system.collection('associations').create({
		name: `Skakklubben ${id}`,
		cvr: validCvrNumber(),
		verified: true
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: booker.id, role: 'booker' });
	const room = await system.collection('rooms').create({
		name: `Klublokalet ${id}`,
		slug: `klub-${id}`,
		capacity: 20,
		who_may_book: 'associations',
		requires_approval: true,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 15,
		horizon_days: 1000,
		cancel_hours: 48,
		active: true
	});
	return { booker, staff, association, room };
}

test('an association booker books a room and a season with a skipped date; staff approve; the booker gets the .ics', async ({
	page,
	browser
}) => {
	const { booker, staff, association, room } = await arrange();
	const system = await systemClient();
	const start = 100 + Math.floor(Math.random() * 600);

	await signIn(page, booker.email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}`);
	await expect(page.getByRole('heading', { level: 1, name: room.name })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Uge »' }).click();
	await expect(page).toHaveURL(/fra=/);

	// a single booking
	const single = page.getByRole('region', { name: 'Book lokalet' });
	await expect(single.getByLabel('Hvem booker du for?')).toHaveValue(association.id);
	await single.getByLabel('Formål').fill('Bestyrelsesmøde');
	await single.getByLabel('Antal deltagere').fill('6');
	await single.getByLabel('Dato').fill(dayFromNow(start));
	await single.getByLabel('Fra kl.').fill('17:00');
	await single.getByLabel('Til kl.').fill('18:30');
	// Staff close the room on another day just as the browser is on its way to "Mine bookinger": the
	// room page's live update arrives mid-navigation and must not keep the booker on the room page.
	await page.route(
		'**/bookinger/__data.json*',
		async (route) => {
			await system.collection('closures').create({
				room: room.id,
				start: `${dayFromNow(start + 40)} 00:00:00.000Z`,
				end: `${dayFromNow(start + 41)} 00:00:00.000Z`,
				reason: 'Maling'
			});
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await route.continue();
		},
		// only the navigation's own request: the receipt of the booking reloads the page's data once more
		{ times: 1 }
	);
	await single.getByRole('button', { name: 'Send booking' }).click();
	await expect(page).toHaveURL(/\/bookinger\?ny=/);
	await page.unroute('**/bookinger/__data.json*');
	// the message says what happened: a request that waits for the house
	await expect(
		page.getByText(/^Din anmodning om .+ er sendt\. Du får besked, når huset har svaret\.$/)
	).toBeVisible();
	await expect(page.getByText('Venter på godkendelse fra personalet')).toBeVisible();
	await expectAccessible(page);

	// a season booking: four weekly dates, one left out, on the room's season page
	await page.goto(`/lokaler/${room.slug}`);
	await page
		.getByRole('region', { name: 'Sæsonbooking' })
		.getByRole('link', { name: 'Book en fast tid' })
		.click();
	await expect(page).toHaveURL(new RegExp(`/lokaler/${room.slug}/saeson$`));
	const season = page.getByRole('region', { name: 'Sæsonbooking' });
	await season.getByLabel('Formål').fill('Klubaften');
	await season.getByLabel('Antal deltagere').fill('12');
	await season.getByLabel('Første dato').fill(dayFromNow(start + 1));
	await season.getByLabel('Sidste dato').fill(dayFromNow(start + 22));
	await season.getByLabel('Fra kl.').fill('19:00');
	await season.getByLabel('Til kl.').fill('21:00');
	await season.getByRole('button', { name: 'Vis datoer' }).click();
	// the previewed dates (the form's other box is "show the association's name")
	const dates = season.locator('input[type="checkbox"][name="dates"]');
	await expect(dates).toHaveCount(4);
	await expectAccessible(page);
	await dates.nth(1).uncheck();
	await season.getByRole('button', { name: 'Send de valgte datoer' }).click();
	await expect(page).toHaveURL(/\/bookinger\?serie=3/);
	await expect(page.getByText('3 datoer er sendt.')).toBeVisible();

	// staff approve the whole series
	const staffContext = await browser.newContext({ extraHTTPHeaders: ownAddress() });
	const staffPage = waitsForHydration(await staffContext.newPage());
	await signIn(staffPage, staff.email, PASSWORD);
	await staffPage.goto(`/personale/bookinger?lokale=${room.id}`);
	await expect(staffPage.getByRole('heading', { level: 1, name: 'Bookinger' })).toBeVisible();
	await expectAccessible(staffPage);
	const request = staffPage
		.getByRole('listitem')
		.filter({ hasText: 'Klubaften' })
		.filter({ hasText: room.name })
		.first();
	await request.getByRole('button', { name: 'Godkend hele serien' }).click();
	await expect(staffPage.getByText(/Godkendt: 3 datoer i serien/)).toBeVisible();
	await staffPage.goto('/personale/lokaler');
	await expect(staffPage.getByRole('heading', { level: 1, name: 'Lokaler og lukninger' })).toBeVisible();
	await expectAccessible(staffPage);
	// Tuesdays closed for lunch: a second period of the day
	const policy = staffPage
		.locator('details.card')
		.filter({ has: staffPage.getByText(room.name, { exact: true }) });
	await policy.getByText(room.name, { exact: true }).click();
	await policy.getByLabel('Tirsdag lukker', { exact: true }).fill('12:00');
	await policy.getByText('Flere perioder samme dag (fx lukket til frokost)').click();
	await policy.getByLabel('Tirsdag, periode 2 åbner', { exact: true }).fill('13:00');
	await policy.getByLabel('Tirsdag, periode 2 lukker', { exact: true }).fill('21:00');
	await policy.getByRole('button', { name: 'Gem lokale' }).click();
	await expect(policy.getByText('Gemt.')).toBeVisible();
	const saved = await (await systemClient()).collection('rooms').getOne(room.id);
	expect(saved.opening_hours.tue).toEqual([
		['08:00', '12:00'],
		['13:00', '21:00']
	]);
	await expectAccessible(staffPage);
	await staffContext.close();

	// the booker sees them approved, as one card for the series, and downloads a date's calendar file
	await page.goto('/bookinger');
	const approved = page.getByRole('listitem').filter({ hasText: 'Klubaften' });
	await expect(approved).toHaveCount(1);
	await expect(approved.getByText('Godkendt').first()).toBeVisible();
	await approved.getByText('Vis alle 3 datoer').click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		approved
			.getByRole('link', { name: /^Føj til kalender:/ })
			.first()
			.click()
	]);
	const ics = readFileSync((await download.path())!, 'utf8');
	expect(ics).toContain('BEGIN:VEVENT');
	expect(ics).toContain('Klubaften');
});

test('a season booking where a date was taken after the preview shows which date was skipped and why', async ({
	page
}) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `saeson-${id}@test.borgerhus.dk`;
	await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Sæson Signe',
		verified: true,
		language: 'da'
	});
	const other = await system.collection('users').create({
		email: `anden-${id}@test.borgerhus.dk`,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Anden Arne',
		verified: true,
		language: 'da'
	});
	const room = await system.collection('rooms').create({
		name: `Mødelokalet ${id}`,
		slug: `moede-${id}`,
		capacity: 12,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 1000,
		cancel_hours: 24,
		active: true
	});
	const start = 100 + Math.floor(Math.random() * 600);
	const dates = [start + 1, start + 8, start + 15].map(dayFromNow);

	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}/saeson`);
	const season = page.getByRole('region', { name: 'Sæsonbooking' });
	await season.getByLabel('Formål').fill('Strikkeklub');
	await season.getByLabel('Antal deltagere').fill('8');
	await season.getByLabel('Første dato').fill(dates[0]!);
	await season.getByLabel('Sidste dato').fill(dates[2]!);
	await season.getByLabel('Fra kl.').fill('17:00');
	await season.getByLabel('Til kl.').fill('19:00');
	await season.getByRole('button', { name: 'Vis datoer' }).click();
	await expect(season.getByRole('checkbox')).toHaveCount(3);

	// someone else books the second date through the API after the preview
	await system.collection('bookings').create({
		room: room.id,
		booker: other.id,
		purpose: 'Foredrag',
		attendees: 5,
		start: `${dates[1]} 16:30:00.000Z`,
		end: `${dates[1]} 17:30:00.000Z`
	});

	await season.getByRole('button', { name: 'Send de valgte datoer' }).click();
	await expect(page).toHaveURL(/\/bookinger\?serie=2&sprunget=/);
	await expect(page.getByText('2 datoer er sendt.')).toBeVisible();
	await expect(page.getByText('Disse datoer blev sprunget over:')).toBeVisible();
	const skipped = page.getByRole('listitem').filter({ hasText: 'Lokalet er optaget på det tidspunkt.' });
	await expect(skipped).toHaveCount(1);
	await expect(skipped).toContainText(formatDay(dates[1]!, 'da'));
	// the two dates sent are one series: one card with both dates
	const series = page.getByRole('listitem').filter({ hasText: 'Strikkeklub' });
	await expect(series).toHaveCount(1);
	await expect(series.getByText('Vis alle 2 datoer')).toBeVisible();
	await expectAccessible(page);
});

test("an association's season shows on Mine bookinger as one card, its dates on demand, each still cancellable", async ({
	page
}) => {
	const { booker, association, room } = await arrange();
	const system = await systemClient();
	// four weekly dates for the association, booked through the season route with the booker's own token
	const own = new PocketBase(system.baseURL);
	own.autoCancellation(false);
	await own.collection('users').authWithPassword(booker.email, PASSWORD);
	const first = dayFromNow(100 + Math.floor(Math.random() * 600));
	const made = await own.send<{ series: string; booked: { id: string }[] }>('/api/borgerhus/series', {
		method: 'POST',
		body: {
			room: room.id,
			association: association.id,
			purpose: 'Skaktræning',
			attendees: 10,
			first_date: first,
			last_date: new Date(Date.parse(first) + 21 * 86_400_000).toISOString().slice(0, 10),
			interval: 1,
			start_time: '19:00',
			end_time: '21:00'
		}
	});
	expect(made.booked).toHaveLength(4);

	await signIn(page, booker.email, PASSWORD);
	await page.goto('/bookinger');
	const upcoming = page.getByRole('region', { name: 'Kommende' });
	// one card for the series, not one per date: its weekday and time, its period, what is left and when next
	const card = upcoming.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
	await expect(card).toHaveCount(1);
	await expect(card.getByRole('heading', { level: 3, name: room.name })).toBeVisible();
	await expect(card).toContainText(
		/Hver (mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) kl\. 19:00–21:00/
	);
	await expect(card).toContainText(/Tilbage\s*4 datoer/);
	await expect(card).toContainText(formatDay(first, 'da'));
	await expect(card.getByText('Venter på godkendelse fra personalet').first()).toBeVisible();
	await expect(card.getByRole('link', { name: 'Aflys nogle af datoerne i en periode' })).toBeVisible();
	// the dates only on demand
	const dates = card.getByRole('heading', { level: 4 });
	await expect(dates).toHaveCount(0);
	await card.getByText('Vis alle 4 datoer').click();
	await expect(dates).toHaveCount(4);
	await expectAccessible(page);

	// cancelling one date from inside the card: that date only
	const second = card.locator(`#booking-${made.booked[1]!.id}`);
	await second.getByRole('button', { name: /^Aflys booking:/ }).click();
	await page
		.getByRole('dialog', { name: 'Aflys bookingen?' })
		.getByRole('button', { name: 'Ja, aflys booking' })
		.click();
	await expect(page.getByRole('status').filter({ hasText: 'er aflyst' })).toContainText(room.name);
	await expect
		.poll(async () => (await system.collection('bookings').getOne(made.booked[1]!.id)).status)
		.toBe('cancelled');
	for (const i of [0, 2, 3]) {
		expect((await system.collection('bookings').getOne(made.booked[i]!.id)).status).toBe('pending');
	}
	// the card counts three left, keeps its list open with focus in it, and the cancelled date is listed apart
	await expect(card).toContainText(/Tilbage\s*3 datoer/);
	await expect(dates).toHaveCount(3);
	await expect(card.getByText('Vis alle 3 datoer')).toBeFocused();
	const inactive = page.getByRole('region', { name: 'Aflyst eller afvist' });
	await expect(inactive.locator(`#booking-${made.booked[1]!.id}`)).toContainText('Aflyst');
	await expectAccessible(page);

	// the rest of the series from the card: the three dates left, and the card leaves the upcoming list
	await card.getByRole('button', { name: /^Aflys resten af serien:/ }).click();
	await page
		.getByRole('dialog', { name: 'Aflys resten af serien?' })
		.getByRole('button', { name: 'Ja, aflys 3 datoer' })
		.click();
	await expect
		.poll(async () =>
			Promise.all(made.booked.map(async (b) => (await system.collection('bookings').getOne(b.id)).status))
		)
		.toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
	await expect(card).toHaveCount(0);
	await expect(inactive.getByText('Vis alle 4 datoer')).toBeVisible();
	await expectAccessible(page);
});

test('the booking form says beside the times, as they change, when the start lies inside the cancel deadline', async ({
	page
}) => {
	const { booker, room } = await arrange();
	await signIn(page, booker.email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}`);
	const single = page.getByRole('region', { name: 'Book lokalet' });
	const warning = single.getByText(
		'Bookingen starter om under 48 timer, så du kan ikke aflyse den, når huset har godkendt den.'
	);
	await single.getByLabel('Dato').fill(dayFromNow(100));
	await single.getByLabel('Fra kl.').fill('12:00');
	await expect(warning).toBeHidden();
	await single.getByLabel('Dato').fill(dayFromNow(1));
	await expect(warning).toBeVisible();
	await single.getByLabel('Dato').fill(dayFromNow(100));
	await expect(warning).toBeHidden();
});

test('the booking form keeps its live region for the cancel warning without a gap of its own while it is empty', async ({
	page
}) => {
	const { booker, room } = await arrange();
	await signIn(page, booker.email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}`);
	const single = page.getByRole('region', { name: 'Book lokalet' });
	const hint = single.getByText('Tider følger lokalets interval på 30 minutter.');
	const rule = single.getByTestId('cancel-rule');
	// the region is on the page, and rendered, before it has anything to say: a screen reader hears what
	// comes into it
	const live = single.locator('[aria-live="polite"]');
	await expect(live).toHaveCount(1);
	await expect(live).toBeEmpty();
	expect(await live.evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
	expect(await live.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
	// the space between two lines of the form: the form's gap and the line's own margin, once
	const space = await hint.evaluate(
		(el) =>
			parseFloat(getComputedStyle(el.closest('form')!).rowGap) + parseFloat(getComputedStyle(el).marginBottom)
	);
	const between = async (upper: typeof hint, lower: typeof hint) => {
		const [a, b] = [(await upper.boundingBox())!, (await lower.boundingBox())!];
		return b.y - (a.y + a.height);
	};
	expect(await between(hint, rule)).toBeCloseTo(space, 0);
	// the warning comes into the region, with the form's space on each side of it
	await single.getByLabel('Dato').fill(dayFromNow(1));
	await single.getByLabel('Fra kl.').fill('12:00');
	const warning = live.getByTestId('no-cancel');
	await expect(warning).toBeVisible();
	expect(await between(hint, warning)).toBeCloseTo(space, 0);
	expect(await between(warning, rule)).toBeGreaterThanOrEqual(space - 1);
	await expectAccessible(page);
});

test("a room page sets each section's heading as far under the block above it as the others, the week's too", async ({
	page
}) => {
	const { booker, room } = await arrange();
	await signIn(page, booker.email, PASSWORD);
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/lokaler/${room.slug}`);
		// from the bottom of the block before a section to the top of the section's heading
		const space = async (name: string | RegExp) => {
			const section = page.getByRole('region', { name });
			const above = (await section.locator('xpath=preceding-sibling::*[1]').boundingBox())!;
			const heading = (await section.getByRole('heading', { level: 2 }).first().boundingBox())!;
			return heading.y - (above.y + above.height);
		};
		const book = await space('Book lokalet');
		expect(book, `the booking form's heading at ${width} px`).toBeGreaterThanOrEqual(24);
		// the week's heading is not on a card: it stands as far under the room's card as the others do
		expect(
			Math.abs((await space(/^Ledige tider fra/)) - book),
			`the week's heading at ${width} px`
		).toBeLessThan(2);
		// the season's card does not touch the booking form's
		expect(
			Math.abs((await space('Sæsonbooking')) - book),
			`the season's heading at ${width} px`
		).toBeLessThan(2);
	}
});

test("the booking form offers to show the association's name on the screens only while an association is chosen", async ({
	page
}) => {
	const { booker, association, room } = await arrange();
	await (await systemClient()).collection('rooms').update(room.id, { who_may_book: 'citizens' });
	await signIn(page, booker.email, PASSWORD);
	await page.goto(`/lokaler/${room.slug}`);
	const single = page.getByRole('region', { name: 'Book lokalet' });
	const show = single.getByLabel('Vis foreningens navn på husets skærme');
	await expect(single.getByLabel('Hvem booker du for?')).toHaveValue('self');
	await expect(show).toBeHidden();
	await single.getByLabel('Hvem booker du for?').selectOption(association.id);
	await expect(show).toBeVisible();
	await single.getByLabel('Hvem booker du for?').selectOption('self');
	await expect(show).toBeHidden();
});

test('a room page keeps its picture and its description readable at every width, from a phone to a wide screen', async ({
	page
}) => {
	for (const width of [360, 700, 900, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/lokaler/salen');
		const about = page.getByText('Husets store sal med scene, lyd og lys.');
		const picture = page.getByRole('img', { name: /Salen/ });
		const text = (await about.boundingBox())!;
		const photo = (await picture.boundingBox())!;
		// the description is a column of text, not squeezed beside the picture into a letter or two a line
		expect(text.width, `description at ${width} px`).toBeGreaterThan(250);
		// on a phone or a tablet the description starts below the picture, with room between them
		if (width < 1024)
			expect(text.y, `space below the picture at ${width} px`).toBeGreaterThanOrEqual(
				photo.y + photo.height + 12
			);
	}
	await expectAccessible(page);
});
