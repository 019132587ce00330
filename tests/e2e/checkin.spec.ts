import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo, hydrated, signIn, systemClient } from './fixtures';
import { validCvrNumber } from '../helpers/cvr';
import { addDays, localParts } from '../../pb_hooks/lib/rooms-policy.js';
import { seasonOf } from '../../pb_hooks/lib/rooms/checkin.js';

// Check-in at the door and the no-show release, at phone size (docs/rules.md, "Check-in and no-shows").

const PASSWORD = 'e2e-kodeord-123';
const ALL_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
);
const MINUTE = 60_000;

/** The room page's day that holds the present: the first with a stretch not yet past (today, or tomorrow once
 * midnight has passed while a test ran, and the page, read the day before, shows today's stretches as past). */
function dayOfNow(page: Page) {
	return page
		.locator('.day')
		.filter({ has: page.locator('.segment:not(.past)') })
		.first();
}

function pbDate(ms: number): string {
	const whole = Math.floor(ms / MINUTE) * MINUTE;
	return new Date(whole).toISOString().replace('T', ' ');
}

async function arrange(startIn: number) {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `tjekind-${id}@test.borgerhus.dk`;
	const user = await system.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Tjek Indsen',
		verified: true,
		language: 'da'
	});
	const room = await system.collection('rooms').create({
		name: `Dørlokalet ${id}`,
		slug: `doer-${id}`,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: ALL_DAY,
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
		checkin_since: pbDate(Date.now() - 7 * 24 * 60 * MINUTE)
	});
	const booking = await system.collection('bookings').create({
		room: room.id,
		booker: user.id,
		purpose: 'Bestyrelsesmøde',
		attendees: 4,
		start: pbDate(Date.now() + startIn * MINUTE),
		end: pbDate(Date.now() + (startIn + 60) * MINUTE),
		status: 'approved'
	});
	return { system, email, room, booking };
}

test('"Vi er her" appears when check-in opens, on the door’s page and in Mit overblik, without a reload', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	// check-in opens 15 minutes before the start: a start on the minute that opens it in 15 to 75 seconds
	const start = Math.ceil((Date.now() + 15 * MINUTE + 15_000) / MINUTE) * MINUTE;
	const { email, room } = await arrange((start - Date.now()) / MINUTE);
	await signIn(page, email, PASSWORD);
	const overview = await context.newPage();
	await overview.goto('/overblik');
	await hydrated(overview);
	await page.goto(`/lokaler/${room.slug}/tjek-ind`);
	await hydrated(page);
	await expect(page.getByText(/Tjek-ind åbner kl\./)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Vi er her' })).toHaveCount(0);
	await expect(overview.getByRole('button', { name: 'Vi er her' })).toHaveCount(0);
	// nothing is written when the window opens: the pages read again at that moment by themselves
	const opened = { timeout: start - 15 * MINUTE - Date.now() + 30_000 };
	await expect(page.getByRole('button', { name: 'Vi er her' })).toBeVisible(opened);
	await expect(overview.getByRole('button', { name: 'Vi er her' })).toBeVisible(opened);
});

test('a booker opens the door’s check-in link, signs in and checks in', async ({ page }) => {
	const { system, email, room, booking } = await arrange(5);
	// the QR code on the door holds this address; a signed-out phone is sent to sign in and back
	await page.goto(`/lokaler/${room.slug}/tjek-ind`);
	await expect(page).toHaveURL(/\/log-ind\?redirectTo=/);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Adgangskode').fill(PASSWORD);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(new RegExp(`/lokaler/${room.slug}/tjek-ind$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(room.name);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Vi er her' }).click();
	await expect(page.getByText('I er tjekket ind. God fornøjelse!')).toBeVisible();
	await expect(page.getByTestId('checkin-booking')).toContainText('Tjekket ind kl.');
	await expect(page.getByRole('button', { name: 'Vi er her' })).toHaveCount(0);
	await expectAccessible(page);
	const stored = await system.collection('bookings').getOne(booking.id);
	expect(stored.checked_in_at).not.toBe('');
	expect(stored.status).toBe('approved');
	// the same button on Mine bookinger is gone now that the booking is checked in
	await page.goto('/bookinger');
	await expect(page.getByRole('button', { name: 'Vi er her' })).toHaveCount(0);
});

test('Mine bookinger offers “Vi er her” while check-in is open', async ({ page }) => {
	const { email, booking } = await arrange(3);
	await page.goto('/log-ind?redirectTo=/bookinger');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Adgangskode').fill(PASSWORD);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(/\/bookinger$/);
	const card = page.locator(`#booking-${booking.id}`);
	await card.getByRole('button', { name: 'Vi er her' }).click();
	await expect(page.getByText('I er tjekket ind. God fornøjelse!')).toBeVisible();
	await expect(card).toContainText('Tjekket ind');
	await expectAccessible(page);
});

test('a booking nobody checked in shows as free on the room page, without reload, once released', async ({
	page
}) => {
	// its grace period ended five minutes ago; the job has not run for it yet
	const { system, room, booking } = await arrange(-20);
	await page.goto(`/lokaler/${room.slug}`);
	const today = dayOfNow(page);
	await expect(today.locator('.segment.busy')).toHaveCount(1);
	// the system account's route runs the job now, for this room (the minute cron does the same)
	// (the minute's own run may have released it a moment before: then this one finds nothing left)
	const answer = await system.send<{ released: number }>('/api/borgerhus/rooms/release/run', {
		method: 'POST',
		body: { room: room.id }
	});
	expect(answer.released).toBeLessThanOrEqual(1);
	await expect(today.locator('.segment.busy')).toHaveCount(0);
	await expect(today.locator('.segment.free')).toHaveCount(1);
	expect((await system.collection('bookings').getOne(booking.id)).status).toBe('no_show');
});

test('a booking checked out in its first minute leaves the room page working', async ({ page }) => {
	// the day is cut at the check-out's second: the busy stretch and the free one after it start in one minute
	const { system, room, booking } = await arrange(0);
	const now = new Date().toISOString().replace('T', ' ');
	await system.collection('bookings').update(booking.id, { checked_in_at: now, checked_out_at: now });
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`/lokaler/${room.slug}`);
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: room.name })).toBeVisible();
	await expect(dayOfNow(page).locator('.segment.free')).not.toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a release made before the page’s live stream opens still shows, without reload', async ({ page }) => {
	const { system, room, booking } = await arrange(-20);
	// the stream is held back until the booking is released: the page's data is older than the change,
	// which the stream itself never sends
	let open = () => {};
	const released = new Promise<void>((resolve) => (open = resolve));
	await page.route('**/live?*', async (route) => {
		await released;
		await route.continue();
	});
	await page.goto(`/lokaler/${room.slug}`);
	const today = dayOfNow(page);
	await expect(today.locator('.segment.busy')).toHaveCount(1);
	await system.send('/api/borgerhus/rooms/release/run', { method: 'POST', body: { room: room.id } });
	expect((await system.collection('bookings').getOne(booking.id)).status).toBe('no_show');
	open();
	await expect(today.locator('.segment.busy')).toHaveCount(0);
	await expect(today.locator('.segment.free')).toHaveCount(1);
});

test('staff see no-shows per season and association on the rooms page', async ({ page }) => {
	const { association } = await associationWithNoShows();
	await signIn(page, demo.staff);
	await page.goto('/personale/lokaler');
	const section = page.locator('section', { has: page.getByRole('heading', { name: 'Udeblivelser' }) });
	await expect(section).toBeVisible();
	// this season's table lists the association with its no-shows
	await expect(section.getByRole('table').first()).toContainText(association.name);
	// withdrawing asks first, and nothing is chosen for staff: confirming without a choice withdraws nothing
	const before = await seriesStates();
	await section.getByRole('button', { name: 'Træk tilbage' }).click();
	const dialog = page.getByRole('dialog', { name: 'Træk resten af sæsonbookingen tilbage?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Ja, træk tilbage' }).click();
	await expect(section.getByRole('combobox', { name: 'Sæsonbooking' })).toHaveAccessibleDescription(
		'Vælg den sæsonbooking, der skal trækkes tilbage.'
	);
	expect(changedSince(before, await seriesStates())).toEqual([]);
	await expectAccessible(page);
});

test('the no-show section reads plainly on a 360 px phone: names break between words, the choice fits', async ({
	page
}) => {
	const { association } = await associationWithNoShows();
	await signIn(page, demo.staff);
	await page.goto('/personale/lokaler');
	const section = page.locator('section', { has: page.getByRole('heading', { name: 'Udeblivelser' }) });
	await expect(section.getByTestId('noshow-warnings')).toContainText(
		new RegExp(`${association.name}\\s*Har nået husets grænse \\(3 udeblivelser\\)`)
	);
	// every word of the association's name on one line of its own cell
	const cell = section.getByRole('cell', { name: association.name }).first();
	const linesPerWord = await cell.evaluate((td) => {
		const text = td.firstChild as Text;
		const words = [...text.data.matchAll(/\S+/g)];
		return words.map((word) => {
			const range = document.createRange();
			range.setStart(text, word.index);
			range.setEnd(text, word.index + word[0].length);
			return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
		});
	});
	expect(linesPerWord).toEqual(association.name.split(' ').map(() => 1));
	// the select shows its whole chosen text, with no second line to repeat it
	const choice = section.getByRole('combobox', { name: 'Sæsonbooking' });
	await expect(choice.locator('option:checked')).toHaveText('Vælg sæsonbooking');
	await expect(section.locator('.whole-choice')).toBeHidden();
});

/**
 * An association with the house's three no-shows this season, and a season booking staff may withdraw: the
 * staff's no-show section is about the season now (from 1 August), and the demo's no-shows, days and weeks
 * back, lie in the season before in the first weeks of August. Its no-shows lie in the hours before now, or
 * after now in the season's first hours (a no-show is counted in the season of its start).
 */
async function associationWithNoShows() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 6);
	const admin = await system.collection('users').create({
		email: `udeblevet-${id}@test.borgerhus.dk`,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: `Formand ${id}`,
		verified: true,
		language: 'da'
	});
	const association = await system.collection('associations').create({
		name: `Grundejerforeningen Egebakken${id}`,
		cvr: validCvrNumber(),
		verified: true
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: admin.id, role: 'admin' });
	const room = await system.collection('rooms').create({
		name: `Udeblivelseslokalet ${id}`,
		slug: `udeblivelse-${id}`,
		capacity: 10,
		who_may_book: 'associations',
		requires_approval: false,
		opening_hours: ALL_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 400,
		cancel_hours: 0,
		active: true
	});
	const now = Math.floor(Date.now() / MINUTE) * MINUTE;
	const season = seasonOf(now);
	const hour = 60 * MINUTE;
	const starts = now - 3 * hour >= season.from ? [-3, -2, -1] : [1, 2, 3];
	for (const h of starts)
		await system.collection('bookings').create({
			room: room.id,
			booker: admin.id,
			association: association.id,
			purpose: 'Bestyrelsesmøde',
			attendees: 4,
			start: pbDate(now + h * hour),
			end: pbDate(now + h * hour + 30 * MINUTE),
			status: 'no_show',
			released_at: pbDate(now + h * hour + 15 * MINUTE)
		});
	const asAdmin = await system.collection('users').impersonate(admin.id, 3600);
	asAdmin.baseURL = system.baseURL;
	const first = addDays(localParts(now).date, 30);
	await asAdmin.send('/api/borgerhus/series', {
		method: 'POST',
		body: {
			room: room.id,
			association: association.id,
			purpose: 'Havedag',
			attendees: 4,
			first_date: first,
			last_date: addDays(first, 14),
			start_time: '10:00',
			end_time: '11:00'
		}
	});
	return { association: { id: association.id, name: association.name as string } };
}

/**
 * The series bookings whose status changed from `before` to `after`, but for the house's minute job
 * releasing a demo booking nobody checked in to (approved to no-show), which it may do while the test runs.
 */
function changedSince(before: Record<string, string>, after: Record<string, string>) {
	return Object.keys({ ...before, ...after })
		.filter((id) => after[id] !== before[id] && !(before[id] === 'approved' && after[id] === 'no_show'))
		.map((id) => `${id}: ${before[id]} → ${after[id]}`);
}

/** Every booking of every booking series, with its status: what a withdrawal would change. */
async function seriesStates() {
	const system = await systemClient();
	const rows = await system
		.collection('bookings')
		.getFullList({ filter: 'series != ""', fields: 'id,status' });
	return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}
