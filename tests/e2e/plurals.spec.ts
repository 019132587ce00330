import { randomUUID } from 'node:crypto';
import { test, expect, expectAccessible, systemClient } from './fixtures';

// Counts read right in both languages: the message format's plural forms, not "titler" for one title.

async function arrange() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const days = 300 + Math.floor(Math.random() * 2000);
	const start = new Date(Math.floor(Date.now() / 86_400_000 + days) * 86_400_000 + 17 * 3600_000);
	const end = new Date(start.getTime() + 2 * 3600_000);
	const event = await system.collection('events').create({
		title: `Flertal ${id}`,
		description: 'Koncert.',
		category: 'concert',
		start,
		end,
		state: 'published',
		registration: false,
		capacity: 0
	});
	await system.collection('shifts').create({ event: event.id, task: 'Garderobe', start, end, places: 1 });
	await system.collection('shifts').create({ event: event.id, task: 'Bar', start, end, places: 3 });
	const title = await system
		.collection('titles')
		.create({ title: `Entalsbog ${id}`, creator: 'Forfatter', type: 'book' });
	return { event, title, id };
}

test('one volunteer, one title: singular and plural in Danish and English', async ({ page, context }) => {
	const { event, id } = await arrange();
	await page.goto(`/arrangementer/${event.id}`);
	await expect(page.getByText('Mangler 1 frivillig', { exact: true })).toBeVisible();
	await expect(page.getByText('Mangler 3 frivillige', { exact: true })).toBeVisible();
	await page.goto(`/bibliotek?q=Entalsbog ${id}`);
	await expect(page.getByText('1 titel på denne side')).toBeVisible();
	await expectAccessible(page);

	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
	await page.goto(`/arrangementer/${event.id}`);
	await expect(page.getByText('Needs 1 volunteer', { exact: true })).toBeVisible();
	await expect(page.getByText('Needs 3 volunteers', { exact: true })).toBeVisible();
	await page.goto(`/bibliotek?q=Entalsbog ${id}`);
	await expect(page.getByText('1 title on this page')).toBeVisible();
	await expectAccessible(page);
});
