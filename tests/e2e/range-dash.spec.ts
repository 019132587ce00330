import { randomUUID } from 'node:crypto';
import { test, expect, systemClient } from './fixtures';
import { widthsBreakingAtDash } from './range-widths';

// A range of a date and a time ("mandag 14. december 2027 kl. 18:00–tirsdag 15. december 2027 kl. 02:00")
// may wrap between the words of its dates, never at its dash: the dash stays on the line of the end
// before it and of the end after it (docs/rules.md, where it says how a range is written).

test('a date-and-time range never breaks at its dash, at any width of a 360 px page', async ({ page }) => {
	const system = await systemClient();
	// far ahead, so the dates carry their year: the longest a range is written
	const day = Math.floor(Date.now() / 86_400_000) + 400 + Math.floor(Math.random() * 1000);
	const start = new Date(day * 86_400_000 + 17 * 3600_000);
	const title = `Lang nattekoncert ${randomUUID().slice(0, 6)}`;
	const event = await system.collection('events').create({
		title,
		description: 'Til test',
		category: 'concert',
		start,
		// into the next day: the end is written with its own date
		end: new Date(start.getTime() + 9 * 3600_000),
		state: 'published',
		registration: false,
		capacity: 0
	});
	await system.collection('shifts').create({
		event: event.id,
		task: 'Garderobe',
		start,
		end: new Date(start.getTime() + 3 * 3600_000),
		places: 2
	});

	await page.goto(`/arrangementer/${event.id}`);
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
	const eventTime = page.locator('main p', { has: page.locator('time') }).first();
	const shiftTime = page.getByTestId('shift').locator('p').filter({ hasText: '–' }).first();
	await expect(eventTime).toContainText('–');
	expect(await widthsBreakingAtDash(eventTime)).toEqual([]);
	expect(await widthsBreakingAtDash(shiftTime)).toEqual([]);
});
