import { randomUUID } from 'node:crypto';
import { test, expect, expectAccessible, signIn, systemClient } from './fixtures';
import { localToUtc, addDays, localParts, lastBookableDate } from '../../pb_hooks/lib/rooms-policy.js';

// Issue 13 at 360 px: the booking horizon shown before anyone runs into it (and said once in a season
// preview), a tapped free time filling the booking form, one search across rooms, and focus that goes
// where the work continues after an action (docs/rules.md, "Rooms and bookings", "Keyboard and screen
// reader").

const PASSWORD = 'e2e-kodeord-123';
const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '22:00']]])
);
const pbDate = (date: string, time: string) =>
	new Date(localToUtc(date, time) as number).toISOString().replace('T', ' ');

async function arrange(horizon = 60) {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `finder-${id}@test.borgerhus.dk`;
	const citizen = await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: `Frida Finder ${id}`,
		verified: true,
		language: 'da'
	});
	// a facility only these rooms have, so the search can be narrowed to them
	const facility = `Teleskop ${id}`;
	const room = (name: string, extra: Record<string, unknown> = {}) =>
		system.collection('rooms').create({
			name: `${name} ${id}`,
			slug: `${name.toLowerCase()}-${id}`,
			description: 'Et lokale til prøver.',
			capacity: 12,
			facilities: [facility],
			step_free: true,
			who_may_book: 'citizens',
			requires_approval: false,
			opening_hours: EVERY_DAY,
			min_minutes: 30,
			max_minutes: 240,
			step_minutes: 30,
			buffer_minutes: 15,
			horizon_days: horizon,
			cancel_hours: 24,
			active: true,
			sort: 99,
			...extra
		});
	const [free, busy, small] = await Promise.all([
		room('Kuplen'),
		room('Observatoriet'),
		room('Kikkerten', { capacity: 3 })
	]);
	return { system, email, citizen, free, busy, small, facility, id };
}

test('the room page shows the last bookable date, and a season preview says once which dates are beyond it', async ({
	page
}) => {
	const { free, email } = await arrange(60);
	const last = lastBookableDate(60, Date.now()) as string;
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${free.slug}`);
	await expect(page.getByText(/^Du kan booke frem til og med .+\.$/).first()).toBeVisible();
	// the booking form's date field stops at the same date the hooks refuse after
	await expect(page.locator('#field-date')).toHaveAttribute('max', last);

	// a season from five weeks before the horizon to twelve weeks after it, on the room's season page
	await page.goto(`/lokaler/${free.slug}/saeson`);
	await page.locator('#season-purpose').fill('Stjerneklubben');
	await page.locator('#season-attendees').fill('4');
	await page.locator('#season-first').fill(addDays(last, -34));
	await page.locator('#season-last').fill(addDays(last, 12 * 7));
	await page.locator('#season-start').fill('18:00');
	await page.locator('#season-end').fill('19:00');
	await page.getByRole('button', { name: 'Vis datoer' }).click();

	// focus goes to the preview's heading, and what changed is read out
	await expect(page.locator('#season-preview-heading')).toBeFocused();
	await expect(page.getByTestId('announcer')).toContainText(/datoer er vist/);
	const beyond = page.getByText(/12 af datoerne ligger efter .+, som er den sidste dag, du kan booke:/);
	await expect(beyond).toHaveCount(1);
	await expect(page.locator('.beyond-dates li')).toHaveCount(12);
	// not one refusal per date
	await expect(page.getByText('Du kan ikke booke så langt frem i tiden.')).toHaveCount(0);
	await expect(page.locator('input[name=dates]')).toHaveCount(5);
	await expectAccessible(page);
	await page.screenshot({ path: 'test-results/e2e/finder-season-360.png', fullPage: true });

	// a failed submit: the list of problems at the top of the form gets focus and is read out
	await page.goto(`/lokaler/${free.slug}`);
	await page.locator('#book-form button[type=submit]').click();
	const purpose = page.locator('#field-purpose');
	await expect(page.locator('#book-form [data-error-summary]')).toBeFocused();
	await expect(purpose).toHaveAttribute('aria-invalid', 'true');
	// the message is read out with the field: it names it through aria-describedby
	await expect(purpose).toHaveAttribute('aria-describedby', /field-purpose-error/);
	await expect(page.locator('#field-purpose-error')).not.toBeEmpty();
	await expectAccessible(page);
});

test('a season preview lists every reason a date cannot be booked, readable on a 320 px phone', async ({
	page
}) => {
	const { free, email, system, citizen } = await arrange(400);
	const first = addDays(localParts(Date.now()).date, 20);
	const second = addDays(first, 7);
	// the second date: closed until 18:30, and booked from 18:30 (its time is 18:00-19:00)
	await system.collection('closures').create({
		room: free.id,
		start: pbDate(second, '17:00'),
		end: pbDate(second, '18:30'),
		reason: 'Maling'
	});
	await system.collection('bookings').create({
		room: free.id,
		booker: citizen.id,
		purpose: 'Stjernekig',
		attendees: 2,
		start: pbDate(second, '18:30'),
		end: pbDate(second, '19:30'),
		status: 'approved'
	});
	await page.setViewportSize({ width: 320, height: 740 });
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${free.slug}/saeson`);
	await page.locator('#season-purpose').fill('Stjerneklubben');
	await page.locator('#season-attendees').fill('4');
	await page.locator('#season-first').fill(first);
	await page.locator('#season-last').fill(addDays(first, 14));
	await page.locator('#season-start').fill('18:00');
	await page.locator('#season-end').fill('19:00');
	await page.getByRole('button', { name: 'Vis datoer' }).click();
	await expect(page.locator('input[name=dates]')).toHaveCount(2);
	const reasons = page.locator('.segment').nth(1).locator('.reasons li');
	await expect(reasons).toHaveText(['Lukket', 'Optaget af en anden booking']);
	// each reason whole on the screen, and the page no wider than it
	for (const box of await Promise.all((await reasons.all()).map((r) => r.boundingBox()))) {
		expect(box!.x).toBeGreaterThanOrEqual(0);
		expect(box!.x + box!.width).toBeLessThanOrEqual(320);
	}
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible(page);
	await page.screenshot({ path: 'test-results/e2e/season-reasons-320.png', fullPage: true });
});

test('tapping a free time in the week fills the booking form, by keyboard too', async ({ page }) => {
	const { email, free, system, citizen } = await arrange(400);
	const day = addDays(localParts(Date.now()).date, 10);
	// 08:00-10:00 taken: the first free time starts after it and its buffer
	await system.collection('bookings').create({
		room: free.id,
		booker: citizen.id,
		purpose: 'Morgenhold',
		attendees: 2,
		start: pbDate(day, '08:00'),
		end: pbDate(day, '10:00'),
		status: 'approved'
	});
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${free.slug}?fra=${day}`);
	await expect(page.getByText('Tryk på en ledig tid for at udfylde bookingen med den.')).toBeVisible();
	const first = page.locator('.day').first().locator('.pick a').first();
	await expect(first).toContainText('10:00–22:00');
	await first.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#field-date')).toHaveValue(day);
	await expect(page.locator('#field-start')).toHaveValue('10:30');
	await expect(page.locator('#field-end')).toHaveValue('12:30');
	await expect(page.locator('#field-purpose')).toBeFocused();
	await expect(page.getByTestId('announcer')).toContainText('Bookingen er udfyldt med');
	await expectAccessible(page);
	await page.screenshot({ path: 'test-results/e2e/finder-week-360.png', fullPage: false });

	// and a tap (a click) on a later day does the same
	const second = page.locator('.day').nth(1).locator('.pick a').first();
	await second.click();
	await expect(page.locator('#field-date')).toHaveValue(addDays(day, 1));
	await expect(page.locator('#field-start')).toHaveValue('08:00');
	await page.locator('#field-purpose').fill('Stjernekig');
	await page.locator('#field-attendees').fill('3');
	// a switch of language keeps the tapped time with what was typed
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('#field-date')).toHaveValue(addDays(day, 1));
	await expect(page.locator('#field-start')).toHaveValue('08:00');
	await expect(page.locator('#field-purpose')).toHaveValue('Stjernekig');
	await page.getByRole('button', { name: 'Skift til dansk' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	await expect(page.locator('#field-start')).toHaveValue('08:00');
	await page.getByRole('button', { name: 'Send booking' }).click();
	await expect(page).toHaveURL(/\/bookinger\?ny=/);
});

test('one search across rooms lists the free rooms that fit, each opening its booking form filled in', async ({
	page
}) => {
	const { email, free, busy, small, facility, system, citizen } = await arrange(400);
	const day = addDays(localParts(Date.now()).date, 9);
	// Observatoriet is taken until 18:50: inside its 15 minute buffer before 19:00
	await system.collection('bookings').create({
		room: busy.id,
		booker: citizen.id,
		purpose: 'Tidligere hold',
		attendees: 2,
		start: pbDate(day, '17:00'),
		end: pbDate(day, '18:50'),
		status: 'approved'
	});
	await signIn(page, email, PASSWORD);
	await page.goto('/lokaler');
	await page.getByRole('link', { name: 'Find et ledigt lokale til et bestemt tidspunkt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Find et ledigt lokale' })).toBeVisible();
	await expectAccessible(page);

	// a search without times: focus on the first field to correct, its message read out
	await page.getByLabel('Dato').fill(day);
	await page.getByRole('button', { name: 'Find ledige lokaler' }).click();
	await expect(page.getByLabel('Fra kl.')).toBeFocused();
	await expect(page.getByLabel('Fra kl.')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Fra kl.')).toHaveAccessibleDescription('Skriv et tidspunkt som 19:00.');

	await page.getByLabel('Fra kl.').fill('19:00');
	await page.getByLabel('Til kl.').fill('21:00');
	await page.getByLabel('Antal personer').fill('5');
	await page.getByLabel('Trinfri adgang').check();
	await page.getByLabel(facility).check();
	await page.getByRole('button', { name: 'Find ledige lokaler' }).click();

	const heading = page.locator('#results-heading');
	await expect(heading).toHaveText('1 lokale er ledigt og passer');
	await expect(heading).toBeFocused();
	await expect(page.getByRole('heading', { name: free.name })).toBeVisible();
	await expect(page.getByRole('heading', { name: busy.name })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: small.name })).toHaveCount(0);
	await expectAccessible(page);
	await page.screenshot({ path: 'test-results/e2e/finder-search-360.png', fullPage: true });

	await page.getByRole('link', { name: new RegExp(`^Book ${free.name}`) }).click();
	await expect(page).toHaveURL(new RegExp(`/lokaler/${free.slug}\\?`));
	await expect(page.locator('#field-date')).toHaveValue(day);
	await expect(page.locator('#field-start')).toHaveValue('19:00');
	await expect(page.locator('#field-end')).toHaveValue('21:00');
	await expect(page.locator('#field-attendees')).toHaveValue('5');
	await expectAccessible(page);
});

test('after reserving and pausing a title focus stays with the hold and the change is read out', async ({
	page
}) => {
	const { email, system, id } = await arrange();
	const title = await system.collection('titles').create({
		title: `Stjernekort ${id}`,
		creator: 'Tycho B.',
		type: 'book',
		identifier: `978-99-${id}`,
		subjects: 'astronomi'
	});
	await system
		.collection('copies')
		.create({ title: title.id, barcode: `ST-${id}`, shelf: 'Astro', status: 'missing' });
	await signIn(page, email, PASSWORD);
	await page.goto(`/bibliotek/${title.id}`);
	await page.getByRole('button', { name: 'Reservér' }).click();
	const status = page.locator('[data-hold-status]');
	await expect(status).toContainText('Du er nummer 1 i køen');
	await expect(status).toBeFocused();
	await page.getByRole('button', { name: 'Sæt på pause' }).click();
	await expect(page.getByRole('button', { name: 'Genoptag' })).toBeVisible();
	await expect(status).toBeFocused();
	// the page's own polite status message says what happened
	await expect(page.getByRole('status').filter({ hasText: 'Reservationen er sat på pause.' })).toBeVisible();
	await expectAccessible(page);
});

test('after cancelling a booking focus stays with it, now cancelled', async ({ page }) => {
	const { email, free, system, citizen } = await arrange(400);
	const day = addDays(localParts(Date.now()).date, 12);
	const booking = await system.collection('bookings').create({
		room: free.id,
		booker: citizen.id,
		purpose: 'Aftenhold',
		attendees: 2,
		start: pbDate(day, '18:00'),
		end: pbDate(day, '19:00'),
		status: 'approved'
	});
	await signIn(page, email, PASSWORD);
	await page.goto('/bookinger');
	await page.getByRole('button', { name: new RegExp(`^Aflys booking: ${free.name}`) }).click();
	await page.getByRole('dialog').getByRole('button', { name: /^Ja/ }).click();
	const item = page.locator(`#booking-${booking.id}`);
	await expect(item).toContainText('Aflyst');
	await expect(item).toBeFocused();
	await expectAccessible(page);
});

test('marking a message read keeps focus on it and says so', async ({ page }) => {
	const { email, citizen, system, id } = await arrange();
	const note = await system.collection('notifications').create({
		user: citizen.id,
		kind: 'test',
		title: `Velkommen ${id}`,
		body: 'En besked til prøve.',
		link: ''
	});
	await signIn(page, email, PASSWORD);
	await page.goto('/indbakke');
	await page.getByRole('button', { name: `Markér som læst: Velkommen ${id}` }).click();
	await expect(page.locator(`#n-${note.id}`)).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'Markeret som læst.' })).toBeVisible();
	await expectAccessible(page);
});

test('the current page stays marked in forced colours, and a focused field is not hidden by the navigation', async ({
	page
}) => {
	const { email, free } = await arrange();
	await page.emulateMedia({ forcedColors: 'active' });
	await page.goto('/lokaler');
	const current = page.locator('.tabbar a[aria-current="page"]');
	await expect(current).toHaveCSS('border-top-width', '3px');
	await expect(current).toHaveCSS('text-decoration-line', 'underline');
	const other = page.locator('.tabbar a:not([aria-current])').first();
	await expect(other).toHaveCSS('text-decoration-line', 'none');
	await page.emulateMedia({ forcedColors: 'none' });

	// Tab through the booking form: each focused control stays above the bottom navigation
	await signIn(page, email, PASSWORD);
	await page.goto(`/lokaler/${free.slug}`);
	await page.locator('#field-purpose').focus();
	for (let i = 0; i < 8; i++) {
		await page.keyboard.press('Tab');
		const hidden = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			const bar = document.querySelector('.tabbar');
			if (!el || !bar) return false;
			return el.getBoundingClientRect().bottom > bar.getBoundingClientRect().top;
		});
		expect(hidden).toBe(false);
	}
});

test('at desktop width the room page shows its week on the first screen and library results use the width', async ({
	page
}) => {
	const { free } = await arrange();
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/lokaler/salen');
	const week = await page.locator('#week-heading').boundingBox();
	expect(week!.y).toBeLessThan(800);
	await page.screenshot({ path: 'test-results/e2e/finder-room-1280.png' });
	await page.goto(`/lokaler/${free.slug}`);
	await expectAccessible(page);

	await page.goto('/bibliotek');
	const items = page.locator('.titles > li');
	await expect(items.nth(1)).toBeVisible();
	const [a, b] = [await items.nth(0).boundingBox(), await items.nth(1).boundingBox()];
	// side by side: the second result starts on the first one's row
	expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
	await page.screenshot({ path: 'test-results/e2e/finder-library-1280.png' });
	await expectAccessible(page);
});

test('after a search the results heading is on screen with focus, and a citizen is not counted rooms only associations book', async ({
	page
}) => {
	const { email, free, busy, facility, system, id } = await arrange(400);
	const club = await system.collection('rooms').create({
		name: `Klubstuen ${id}`,
		slug: `klubstuen-${id}`,
		capacity: 12,
		facilities: [facility],
		who_may_book: 'associations',
		requires_approval: true,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		horizon_days: 400,
		cancel_hours: 24,
		active: true
	});
	const day = addDays(localParts(Date.now()).date, 9);
	await signIn(page, email, PASSWORD);
	await page.goto('/lokaler/ledige');
	await page.getByLabel('Dato').fill(day);
	await page.getByLabel('Fra kl.').fill('10:00');
	await page.getByLabel('Til kl.').fill('11:00');
	await page.getByLabel('Antal personer').fill('4');
	await page.getByLabel(facility).check();
	await page.getByRole('button', { name: 'Find ledige lokaler' }).click();

	const heading = page.locator('#results-heading');
	await expect(heading).toHaveText('2 lokaler er ledige og passer');
	await expect(heading).toBeFocused();
	// the heading stands at the top of the screen, with the results under it, not at its bottom edge
	const box = await heading.boundingBox();
	expect(box!.y).toBeGreaterThanOrEqual(0);
	expect(box!.y).toBeLessThan(page.viewportSize()!.height / 3);
	await expect(page.getByRole('heading', { name: free.name })).toBeVisible();
	await expect(page.getByRole('heading', { name: busy.name })).toBeVisible();
	// the room only associations book is named apart, with why, and no way to book it
	const apart = page.getByRole('region', { name: 'Ledige, men kun for foreninger' });
	await expect(apart.getByRole('heading', { name: club.name })).toBeVisible();
	await expect(apart.getByText('Du kan booke det, når du er booker eller administrator')).toBeVisible();
	await expect(apart.getByRole('link')).toHaveCount(0);
	await expectAccessible(page);
});
