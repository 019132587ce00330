import { randomUUID } from 'node:crypto';
import { test, expect, demo, hydrated, signIn, systemClient } from './fixtures';

// A room keeps the addresses it had (docs/rules.md, "Rooms and closures"): a sign printed before staff
// renamed the room's address still leads to the room.

test('a door sign printed before staff renamed the room’s address opens the room’s sign under its new address', async ({
	page
}) => {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const [old, now] = [`skiltlokale-${id}`, `nyt-skiltlokale-${id}`];
	const room = await system.collection('rooms').create({
		name: `Skiltlokale ${id}`,
		slug: old,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: {},
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		horizon_days: 400,
		active: true,
		checkin_required: true
	});
	// staff rename the address on the staff room page
	await signIn(page, demo.staff);
	await page.goto(`/personale/lokaler/${room.id}`);
	await hydrated(page);
	await page.getByLabel('Adressenavn').fill(now);
	await page.getByRole('button', { name: 'Gem oplysningerne' }).click();
	await expect(page.getByText('Oplysningerne er gemt.')).toBeVisible();
	expect((await system.collection('rooms').getOne(room.id)).slug).toBe(now);
	// the printed sign's address, as someone types it from the paper
	await page.goto(`/lokaler/${old}/skilt?format=a4`);
	await expect(page).toHaveURL(new RegExp(`/lokaler/${now}/skilt\\?format=a4$`));
	await expect(page.getByRole('heading', { name: `Skiltlokale ${id}` })).toBeVisible();
	// the sign now prints the new check-in address
	await expect(page.locator('.url')).toHaveText(new RegExp(`/lokaler/${now}/tjek-ind$`));
});
