import { randomUUID } from 'node:crypto';
import { test, expect, signIn, systemClient } from './fixtures';
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

// open around the clock, so that the sign names the booking as the next thing at any hour of the run
const EVERY_DAY = Object.fromEntries(
	['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
);

/** A room and a citizen's booking in it on a day ahead (its time written with its date). */
async function bookingAhead() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const room = await system.collection('rooms').create({
		name: `Langt lokale ${id}`,
		slug: `langt-lokale-${id}`,
		capacity: 10,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: EVERY_DAY,
		min_minutes: 30,
		max_minutes: 240,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 400,
		cancel_hours: 48,
		active: true
	});
	const booker = await system.collection('users').create({
		email: `langt-${id}@test.borgerhus.dk`,
		password: 'e2e-kodeord-123',
		passwordConfirm: 'e2e-kodeord-123',
		name: `Langt ${id}`,
		verified: true,
		language: 'da'
	});
	const hour = 3600_000;
	const start = (Math.floor(Date.now() / hour) + 3 * 24) * hour;
	const booking = await system.collection('bookings').create({
		room: room.id,
		booker: booker.id,
		purpose: 'Møde',
		attendees: 2,
		start: new Date(start).toISOString().replace('T', ' '),
		end: new Date(start + 2 * hour).toISOString().replace('T', ' '),
		status: 'approved'
	});
	return { room, booking };
}

test('a door sign’s next booking on another day never breaks at its dash', async ({ page }) => {
	const { room } = await bookingAhead();
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto(`/lokaler/${room.slug}/skilt?sprog=da`);
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
	const next = page.locator('.next p').filter({ hasText: '–' }).first();
	await expect(next).toContainText(' kl. ');
	expect(await widthsBreakingAtDash(next)).toEqual([]);
});

test('the time of a booking staff give to another booker never breaks at its dash', async ({ page }) => {
	const { booking } = await bookingAhead();
	await signIn(page, 'personale@demo.borgerhus.dk');
	await page.goto(`/personale/bookinger/${booking.id}/skift`);
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
	const when = page.locator('#booking-heading + dl dd').filter({ hasText: '–' });
	await expect(when).toContainText(' kl. ');
	expect(await widthsBreakingAtDash(when)).toEqual([]);
});
