import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
	test,
	expect,
	demo,
	expectAccessible,
	signIn,
	systemClient,
	waitsForHydration,
	ownAddress
} from './fixtures';

const PASSWORD = 'e2e-kodeord-123';

/** A staff member of their own, reading the app in `language`. */
async function staffReading(language: 'da' | 'en') {
	const email = `personale-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	await (await systemClient()).collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Sprog Personale',
		verified: true,
		staff: true,
		language
	});
	return email;
}

/** The house's day (YYYY-MM-DD) of a moment as PocketBase stores it. */
const houseDay = (at: string) =>
	new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(at.replace(' ', 'T')));

const eventByTitle = async (title: string) =>
	(await systemClient()).collection('events').getFirstListItem(`title = "${title}"`);

async function checked(page: Page, path: string) {
	await page.goto(path);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectAccessible(page);
}

// The house's texts written in Danish only (docs/rules.md, "Languages"): staff pages show them in Danish,
// and a staff member reading English hears them read as Danish (WCAG 3.1.2): an event's title, a shift's
// task and requirements, a closure's reason, the Danish fields of the forms. Names (rooms, people,
// associations), catalogue titles and what people typed are left to the page's language.
test('a staff member reading English hears the house’s Danish words as Danish on the staff pages', async ({
	browser
}) => {
	const email = await staffReading('en');
	// the browser asks for Danish (the sign-in page's words); signing in brings the account's English
	const context = await browser.newContext({ locale: 'da-DK', extraHTTPHeaders: ownAddress() });
	const page = waitsForHydration(await context.newPage());
	await signIn(page, email, PASSWORD);

	await checked(page, '/personale');

	// the calendar on the concert's day: the event and the closure of the hall, in Danish
	const concert = await eventByTitle('Julekoncert med Koret Tonefald');
	await checked(page, `/personale/bookinger?dag=${houseDay(concert.start)}&visning=dag`);
	const grid = page.locator('table.grid-table');
	await expect(grid.getByRole('link', { name: 'Julekoncert med Koret Tonefald' })).toHaveAttribute(
		'lang',
		'da'
	);
	await expect(grid.getByText('Gulvet i Salen lakeres')).toHaveAttribute('lang', 'da');
	// a room is named by its name
	await expect(grid.getByRole('rowheader', { name: 'Salen' })).not.toHaveAttribute('lang', /./);

	// the events: the Danish title even where an English one is written (staff pages show the Danish)
	await checked(page, '/personale/arrangementer');
	await expect(page.getByRole('link', { name: 'Julekoncert med Koret Tonefald' })).toHaveAttribute(
		'lang',
		'da'
	);
	await expect(page.getByRole('link', { name: 'Loppemarked i Salen' })).toHaveAttribute('lang', 'da');

	// an event with its roster: title, shifts' tasks, and the form's Danish fields beside the English ones
	const market = await eventByTitle('Loppemarked i Salen');
	await checked(page, `/personale/arrangementer/${market.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'da');
	await expect(page.getByRole('heading', { name: 'Opstilling af borde', level: 3 })).toHaveAttribute(
		'lang',
		'da'
	);
	await expect(page.locator('input[name="title"]')).toHaveAttribute('lang', 'da');
	await expect(page.locator('textarea[name="description"]')).toHaveAttribute('lang', 'da');
	await expect(page.locator('input[name="title_en"]')).toHaveAttribute('lang', 'en');
	await expect(page.locator('input[name="task"]').first()).toHaveAttribute('lang', 'da');
	await expect(page.locator('input[name="requirements"]').first()).toHaveAttribute('lang', 'da');
	await checked(page, `/personale/arrangementer/${market.id}/indtjek`);
	await expect(page.getByRole('link', { name: 'Loppemarked i Salen' })).toHaveAttribute('lang', 'da');

	// the desk's page of a citizen: a shift's task and its event's title, in Danish; a catalogue title and
	// a room's name are not marked
	const volunteer = await (
		await systemClient()
	)
		.collection('users')
		.getFirstListItem(`email = "${demo.volunteer}"`);
	await checked(page, `/personale/borgere/${volunteer.id}`);
	const shift = page.locator('article.entry').filter({ hasText: 'Syhjælper' }).first();
	await expect(shift.getByRole('link', { name: 'Syhjælper', exact: true })).toHaveAttribute('lang', 'da');
	await expect(shift.getByText('Syværksted: Reparér dit tøj')).toHaveAttribute('lang', 'da');
	const lending = page
		.locator('article.entry')
		.filter({ has: page.locator('p.kind', { hasText: /^(Hold|Loan)$/ }) })
		.first();
	await expect(lending).toBeVisible();
	await expect(lending.getByRole('heading', { level: 3 }).locator('[lang]')).toHaveCount(0);

	// the rooms: a closure's reason, and a room's Danish fields beside its English description
	await checked(page, '/personale/lokaler');
	await expect(page.getByText('Gulvet i Salen lakeres')).toHaveAttribute('lang', 'da');
	const room = await (await systemClient()).collection('rooms').getFirstListItem('slug = "moedelokale-1"');
	await checked(page, `/personale/lokaler/${room.id}`);
	await expect(page.locator('input[name="facilities"]')).toHaveAttribute('lang', 'da');
	await expect(page.locator('textarea[name="description"]')).toHaveAttribute('lang', 'da');
	await expect(page.locator('textarea[name="description_en"]')).toHaveAttribute('lang', 'en');

	// the library desk: catalogue titles are in any language and stay unmarked
	await checked(page, '/personale/skranke');
	await expect(page.locator('main [lang]')).toHaveCount(0);
	await context.close();
});

// A Danish page marks nothing: the whole page is Danish.
test('a staff member reading Danish gets no language marks on the staff pages', async ({ browser }) => {
	const email = await staffReading('da');
	const context = await browser.newContext({ locale: 'da-DK', extraHTTPHeaders: ownAddress() });
	const page = waitsForHydration(await context.newPage());
	await signIn(page, email, PASSWORD);
	const concert = await eventByTitle('Julekoncert med Koret Tonefald');
	const market = await eventByTitle('Loppemarked i Salen');
	const volunteer = await (
		await systemClient()
	)
		.collection('users')
		.getFirstListItem(`email = "${demo.volunteer}"`);
	for (const path of [
		`/personale/bookinger?dag=${houseDay(concert.start)}&visning=dag`,
		'/personale/arrangementer',
		`/personale/arrangementer/${market.id}`,
		`/personale/borgere/${volunteer.id}`,
		'/personale/lokaler'
	]) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'da');
		// only the English fields of a form are marked, as English
		const marked = await page
			.locator('main [lang]')
			.evaluateAll((all) => all.map((e) => e.getAttribute('lang')));
		expect(
			marked.filter((lang) => lang !== 'en'),
			path
		).toEqual([]);
	}
	await context.close();
});
