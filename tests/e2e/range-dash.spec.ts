import { randomUUID } from 'node:crypto';
import type { Locator } from '@playwright/test';
import { test, expect, systemClient } from './fixtures';

// A range of a date and a time ("mandag 14. december 2027 kl. 18:00–tirsdag 15. december 2027 kl. 02:00")
// may wrap between the words of its dates, never at its dash: the dash stays on the line of the end
// before it and of the end after it (docs/rules.md, where it says how a range is written).

/** The widths of `paragraph` (from 100 px to the page's own) at which its range's dash starts or ends a line. */
async function widthsBreakingAtDash(paragraph: Locator): Promise<number[]> {
	return paragraph.evaluate((el: HTMLElement) => {
		const texts: Text[] = [];
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if ((node as Text).data.length) texts.push(node as Text);
		}
		const text = (index: number): Text => {
			const node = texts[index];
			if (!node) throw new Error('no range in ' + el.outerHTML);
			return node;
		};
		const at = texts.findIndex((t) => t.data.includes('–'));
		const dashNode = text(at);
		const dash = dashNode.data.indexOf('–');
		// the characters right before and right after the dash, in the same text or the next one
		const before: [Text, number] =
			dash > 0 ? [dashNode, dash - 1] : [text(at - 1), text(at - 1).data.length - 1];
		const after: [Text, number] = dash < dashNode.data.length - 1 ? [dashNode, dash + 1] : [text(at + 1), 0];
		const top = ([node, offset]: [Text, number]) => {
			const range = document.createRange();
			range.setStart(node, offset);
			range.setEnd(node, offset + 1);
			return range.getBoundingClientRect().top;
		};
		const broken: number[] = [];
		const widest = el.getBoundingClientRect().width;
		for (let width = 100; width <= widest; width++) {
			el.style.width = `${width}px`;
			const line = top([dashNode, dash]);
			if (Math.abs(top(before) - line) > 2 || Math.abs(top(after) - line) > 2) broken.push(width);
		}
		el.style.width = '';
		return broken;
	});
}

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
