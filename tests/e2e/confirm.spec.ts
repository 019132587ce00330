import { randomUUID } from 'node:crypto';
import { test, expect, expectAccessible, signIn, systemClient } from './fixtures';

// Each destructive action asks first in an accessible dialog that says what will happen.

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().replace('T', ' ');

async function citizenWithBookingAndHold() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const email = `bekraeft-${id}@test.borgerhus.dk`;
	const password = 'bekraeft-kodeord';
	const user = await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Bente Bekræft',
		verified: true,
		language: 'da'
	});
	const room = await system.collection('rooms').create({
		name: `Lokale ${id}`,
		slug: `e2e-confirm-${id}`,
		capacity: 20,
		active: true,
		cancel_hours: 24,
		who_may_book: 'citizens',
		opening_hours: Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '23:59']]])
		)
	});
	const slot = new Date();
	slot.setUTCHours(10, 0, 0, 0);
	const far = new Date(slot.getTime() + (400 + Math.floor(Math.random() * 300)) * 86_400_000);
	const created = await system.collection('bookings').create({
		room: room.id,
		booker: user.id,
		attendees: 4,
		purpose: 'Møde',
		start: far.toISOString().replace('T', ' '),
		end: new Date(far.getTime() + 3_600_000).toISOString().replace('T', ' '),
		status: 'approved'
	});
	const booking = await system
		.collection('bookings')
		.update(created.id, { start: inHours(72), end: inHours(73) });
	const title = await system
		.collection('titles')
		.create({ title: `Roman ${id}`, creator: 'Forfatter', type: 'book' });
	const hold = await system
		.collection('holds')
		.create({ title: title.id, patron: user.id, status: 'waiting', placed_at: inHours(-1) });
	return { system, email, password, room, booking, title, hold };
}

test('cancelling a booking asks first, says what happens, and Escape keeps it', async ({ page }) => {
	const { system, email, password, room, booking } = await citizenWithBookingAndHold();
	await signIn(page, email, password);
	await page.goto('/bookinger');
	const card = page.locator(`#booking-${booking.id}`);
	// The deadline is visible before anyone runs into it.
	await expect(card.getByText(/Du kan aflyse indtil .* kl\. \d\d:\d\d\./)).toBeVisible();

	const cancel = card.getByRole('button', { name: /Aflys booking/ });
	await expect(cancel).toHaveClass(/danger/);
	await cancel.click();
	const dialog = page.getByRole('dialog', { name: 'Aflys bookingen?' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(`${room.name}`);
	await expect(dialog).toContainText('bliver aflyst');
	await expect(dialog).toContainText('Det kan ikke fortrydes');
	// Focus starts on the safe choice.
	await expect(dialog.getByRole('button', { name: 'Nej, behold' })).toBeFocused();
	await expectAccessible(page);

	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(cancel).toBeFocused();
	expect((await system.collection('bookings').getOne(booking.id)).status).toBe('approved');

	await cancel.click();
	await dialog.getByRole('button', { name: 'Ja, aflys booking' }).click();
	await expect(page.getByText(`${room.name}`).first()).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'er aflyst' })).toContainText(room.name);
	await expect
		.poll(async () => (await system.collection('bookings').getOne(booking.id)).status)
		.toBe('cancelled');
	// A cancelled booking is no longer under "Kommende".
	const upcoming = page.getByRole('region', { name: 'Kommende' });
	await expect(upcoming.locator(`#booking-${booking.id}`)).toHaveCount(0);
	await expect(
		page.getByRole('region', { name: 'Aflyst eller afvist' }).locator(`#booking-${booking.id}`)
	).toBeVisible();
});

test('cancelling a reservation asks first and names the title', async ({ page }) => {
	const { system, email, password, title, hold } = await citizenWithBookingAndHold();
	await signIn(page, email, password);
	await page.goto('/bibliotek/mine');
	await page.getByRole('button', { name: `Annuller reservation: ${title.title}` }).click();
	const dialog = page.getByRole('dialog', { name: 'Annuller reservationen?' });
	await expect(dialog).toContainText(`Du mister din plads i køen til ${title.title}.`);
	await expect(dialog).toContainText('bagerst i køen');
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Nej, behold' }).click();
	await expect(dialog).toBeHidden();
	expect((await system.collection('holds').getOne(hold.id)).status).toBe('waiting');

	await page.getByRole('button', { name: `Annuller reservation: ${title.title}` }).click();
	await dialog.getByRole('button', { name: 'Ja, annuller reservation' }).click();
	await expect.poll(async () => (await system.collection('holds').getOne(hold.id)).status).toBe('cancelled');
});

test('cancelling from Mit overblik asks first too', async ({ page }) => {
	const { system, email, password, room, booking } = await citizenWithBookingAndHold();
	await signIn(page, email, password);
	const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: room.name }) });
	await card.getByRole('button', { name: /Aflys booking/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Aflys bookingen?' });
	await expect(dialog).toBeVisible();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Ja, aflys booking' }).click();
	await expect
		.poll(async () => (await system.collection('bookings').getOne(booking.id)).status)
		.toBe('cancelled');
});
