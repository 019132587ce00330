import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { test, expect, expectAccessible, signIn, demo, stack, systemClient } from './fixtures';
import { addDays, localParts } from '../../pb_hooks/lib/rooms-policy.js';

/** The house date `offsetDays` from today (Copenhagen's calendar, not UTC's, which is a day behind after midnight). */
const day = (offsetDays: number) => addDays(localParts(Date.now()).date, offsetDays);

test('staff read room use for a period in charts and tables and download it as CSV', async ({ page }) => {
	await signIn(page, demo.staff);
	await page.goto('/personale');
	await page.getByRole('link', { name: 'Statistik med CSV-eksport' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Statistik' })).toBeVisible();

	// The demo association meets in Mødelokale 1 in the coming weeks. The period is read once: the file's
	// name below holds the same dates, also when the test runs across midnight.
	const [from, to] = [day(0), day(30)];
	await page.getByLabel('Fra').fill(from);
	await page.getByLabel('Til og med').fill(to);
	await page.getByRole('button', { name: 'Vis' }).click();
	await expect(page).toHaveURL(/fra=.*til=/);
	const byRoom = page.getByRole('figure', { name: 'Timer booket pr. lokale' });
	await expect(byRoom).toBeVisible();
	await byRoom.getByText('Vis tallene').click();
	// the demo room only: rooms other tests make are named "Mødelokale <random hex>"
	const row = byRoom.getByRole('row', { name: /^Mødelokale 1 \d/ });
	await expect(row).toBeVisible();
	// its hours are not nought: the cell's first number is read whole ("10 t · 4 %" holds "0 t ·", and the
	// demo's hours in the 31 days from today are a round ten on some days of the week)
	await expect(row.getByRole('cell')).toHaveText(/^(?!0 t )\d[\d.]*(,\d)? t · /);
	await expect(page.getByRole('figure', { name: 'Timer booket pr. time på døgnet' })).toBeVisible();
	await expectAccessible(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Hent CSV: Timer booket pr. lokale' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`statistik-lokaler-${from}-${to}.csv`);
	const csv = readFileSync((await download.path()) ?? '', 'utf8');
	expect(csv).toContain('Lokale;Bookinger;Arrangementer;Timer booket;Åbne timer;Belægning (%)');
	expect(csv).toMatch(/Mødelokale 1;[1-9]\d*;/);
});

test('a reversed period gets a clear message and no figures', async ({ page }) => {
	await signIn(page, demo.staff);
	await page.goto(`/personale/statistik?fra=${day(0)}&til=${day(-5)}`);
	await expect(page.getByRole('alert')).toHaveText(/Vælg en gyldig periode/);
	await expect(page.getByRole('heading', { name: 'Lokaler' })).toHaveCount(0);
});

test('two rooms with one name get a bar each, and the page stays whole', async ({ page }) => {
	// rooms are unique by their address, not by name
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const name = `Tvillingrum ${id}`;
	const rooms = [];
	for (const slug of [`tvilling-a-${id}`, `tvilling-b-${id}`]) {
		rooms.push(
			await system.collection('rooms').create({
				name,
				slug,
				capacity: 10,
				who_may_book: 'citizens',
				requires_approval: false,
				opening_hours: { mon: [['08:00', '22:00']] },
				min_minutes: 30,
				max_minutes: 240,
				step_minutes: 30,
				buffer_minutes: 0,
				horizon_days: 400,
				cancel_hours: 48,
				active: true
			})
		);
	}
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	try {
		await signIn(page, demo.staff);
		await page.goto(`/personale/statistik?fra=${day(0)}&til=${day(30)}`);
		const byRoom = page.getByRole('figure', { name: 'Timer booket pr. lokale' });
		await byRoom.getByText('Vis tallene').click();
		await expect(byRoom.getByRole('row', { name: new RegExp(`^${name} `) })).toHaveCount(2);
		// two bars drawn, one below the other
		await expect(byRoom.locator('.row').filter({ hasText: name })).toHaveCount(2);
		const tops = await byRoom
			.locator('.row')
			.filter({ hasText: name })
			.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).style.top));
		expect(new Set(tops).size).toBe(2);
		// and so on the screen, the chart as tall as its rows (the drawing is the server's markup)
		const [a, b] = await byRoom
			.locator('.row')
			.filter({ hasText: name })
			.evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().toJSON() as DOMRect));
		expect(a!.height).toBeGreaterThan(10);
		expect(a!.bottom <= b!.top || b!.bottom <= a!.top).toBe(true);
		expect(errors).toEqual([]);
	} finally {
		for (const room of rooms) await system.collection('rooms').update(room.id, { active: false });
	}
});

// A figure's name wraps between words on a phone, never inside one: a long Danish compound in a card of
// half the screen's width was broken in the middle ("afhentningshyl-den") by the page's overflow-wrap.
test("each figure's name fits its card on a phone without a word broken, in Danish and English", async ({
	page
}) => {
	await signIn(page, demo.staff);
	for (const width of [320, 360, 414])
		for (const language of ['da', 'en']) {
			const where = `${language} at ${width} px`;
			await page.setViewportSize({ width, height: 740 });
			await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: language, url: stack.url }]);
			await page.goto(`/personale/statistik?fra=${day(-30)}&til=${day(0)}`);
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			const names = page.locator('.card dt');
			expect(await names.count()).toBeGreaterThan(10);
			// a word that does not fit its line makes the name wider than its card once words may not be broken
			const broken = await names.evaluateAll((dts) =>
				dts
					.filter((dt) => {
						(dt as HTMLElement).style.overflowWrap = 'normal';
						return dt.scrollWidth > dt.clientWidth;
					})
					.map((dt) => dt.textContent)
			);
			expect(broken, where).toEqual([]);
		}
});
