import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible, signIn, demo } from './fixtures';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('staff read room use for a period in charts and tables and download it as CSV', async ({ page }) => {
	await signIn(page, demo.staff);
	await page.goto('/personale');
	await page.getByRole('link', { name: 'Statistik med CSV-eksport' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Statistik' })).toBeVisible();

	// The demo association meets in Mødelokale 1 in the coming weeks.
	await page.getByLabel('Fra').fill(day(0));
	await page.getByLabel('Til og med').fill(day(30));
	await page.getByRole('button', { name: 'Vis' }).click();
	await expect(page).toHaveURL(/fra=.*til=/);
	const byRoom = page.getByRole('figure', { name: 'Timer booket pr. lokale' });
	await expect(byRoom).toBeVisible();
	await byRoom.getByText('Vis tallene').click();
	// the demo room only: rooms other tests make are named "Mødelokale <random hex>"
	const row = byRoom.getByRole('row', { name: /^Mødelokale 1 \d/ });
	await expect(row).toBeVisible();
	await expect(row).not.toContainText('0 t ·');
	await expect(page.getByRole('figure', { name: 'Timer booket pr. time på døgnet' })).toBeVisible();
	await expectAccessible(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Hent CSV: Timer booket pr. lokale' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`statistik-lokaler-${day(0)}-${day(30)}.csv`);
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
