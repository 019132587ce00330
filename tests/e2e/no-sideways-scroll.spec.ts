import { test, expect, signIn, demo, hydrated, stack, systemClient } from './fixtures';
import type { Page } from '@playwright/test';

// No page scrolls sideways at 320 px or wider: every route, for each role.

/** Pages whose content is the same for everyone: read by a guest and, signed in, by the citizen. */
const sameForAll = [
	'/log-ind',
	'/opret-konto',
	'/glemt-adgangskode',
	'/offline',
	'/bekraeft/ukendt',
	'/nulstil-adgangskode/ukendt',
	'/skift-email/ukendt',
	'/mine-data/slettet'
];
const publicPaths = ['/', '/lokaler', '/bibliotek', '/arrangementer', '/foreninger', ...sameForAll];
const userPaths = [
	'/overblik',
	'/overblik/kalender',
	'/indbakke',
	'/bookinger',
	'/bibliotek/mine',
	'/frivillig',
	'/profil',
	'/mine-data',
	'/mine-data/dokument'
];
const staffPaths = [
	'/personale',
	'/personale/arrangementer',
	'/personale/bookinger',
	'/personale/foreninger',
	'/personale/katalog',
	'/personale/katalog/ny',
	'/personale/log',
	'/personale/lokaler',
	'/personale/skranke',
	'/personale/statistik'
];

async function overflow(page: Page, path: string): Promise<string | null> {
	// `goto` waits for the load event (styles and images) and hydration; the fonts decide the widths too
	await page.goto(path);
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
	return page.evaluate((path) => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return null;
		// The innermost elements that stick out (a fixed bar only follows the page's width).
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 0.5)
			.filter((el) => ![...el.children].some((child) => child.getBoundingClientRect().right > width + 0.5))
			.slice(0, 4)
			.map(
				(el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}`
			);
		return `${path}: ${document.documentElement.scrollWidth}px (${wide.join(', ')})`;
	}, path);
}

const roles = [
	{ name: 'guest', email: null },
	{ name: 'citizen', email: demo.citizen },
	{ name: 'association admin', email: demo.associationAdmin },
	{ name: 'volunteer', email: demo.volunteer },
	{ name: 'staff', email: demo.staff }
] as const;

for (const role of roles) {
	test(`no page scrolls sideways at 320 px for a ${role.name}`, async ({ page }) => {
		test.setTimeout(240_000);
		if (role.email) await signIn(page, role.email);
		await page.setViewportSize({ width: 320, height: 740 });
		const wide: string[] = [];
		const visited = new Set<string>();
		/** Checks a page; with `pattern`, also checks the first page it links to whose address matches. */
		async function check(path: string, pattern?: RegExp) {
			if (!visited.has(path)) {
				visited.add(path);
				const problem = await overflow(page, path);
				if (problem) wide.push(problem);
			}
			if (!pattern) return [];
			if (new URL(page.url()).pathname + new URL(page.url()).search !== path) await page.goto(path);
			const hrefs = await page
				.locator('main a[href]')
				.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
			const found = hrefs.find((href) => pattern.test(href));
			if (found) await check(found);
			return found ? [found] : [];
		}
		// each list first, with the first page it links to; a page is read once
		await check('/lokaler', /^\/lokaler\/[^/]+$/);
		await check('/bibliotek', /^\/bibliotek\/(?!mine)[^/]+$/);
		await check('/arrangementer', /^\/arrangementer\/[^/]+$/);
		await check('/foreninger', /^\/foreninger\/[^/]+$/);
		await check('/saeson', /^\/saeson\/[^/]+\/plan$/);
		const everyone = role.name === 'guest' || role.name === 'citizen';
		for (const path of publicPaths.filter((path) => everyone || !sameForAll.includes(path))) {
			await check(path);
		}
		if (role.email) {
			await check('/overblik', /^\/billet\/[^/]+$/);
			for (const path of userPaths) await check(path);
		}
		if (role.name === 'staff') {
			const events = await check('/personale/arrangementer', /^\/personale\/arrangementer\/[^/]+$/);
			for (const path of events) await check(`${path}/indtjek`);
			await check('/personale/katalog', /^\/personale\/katalog\/(?!ny)[^/]+$/);
			// a desk account's page: its facts and the booking form's two time fields side by side
			await check('/personale/borgere?q=Aage', /^\/personale\/borgere\/(?!ny)[^/]+$/);
			for (const path of staffPaths) await check(path);
		}
		expect(visited.size, 'pages read').toBeGreaterThanOrEqual(everyone ? 15 : 10);
		expect(wide, 'pages wider than 320 px').toEqual([]);
	});
}

// A title page with a cover, a long title or creator and long facts (an ISBN, subjects) stays within a
// phone's width: the first titles linked from the catalogue, at 360 and 320 px.
test('no title page scrolls sideways at 360 or 320 px', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto('/bibliotek');
	const titles = [
		...new Set(
			await page
				.locator('main a[href]')
				.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
		)
	]
		.filter((path) => /^\/bibliotek\/(?!mine)[^/]+$/.test(path))
		// the first page's first few: enough shapes of cover, title and facts, in reasonable time
		.slice(0, 6);
	expect(titles.length, 'title links on /bibliotek').toBeGreaterThan(0);
	const wide: string[] = [];
	for (const width of [360, 320]) {
		await page.setViewportSize({ width, height: 740 });
		for (const path of titles) {
			const problem = await overflow(page, path);
			if (problem) wide.push(`${width}: ${problem}`);
		}
	}
	expect(wide, 'title pages wider than the screen').toEqual([]);
});

// Staff paste links into descriptions: a link longer than the screen breaks instead of widening the page.
test('an event and a room whose description holds a long link stay within 320 px', async ({ page }) => {
	const system = await systemClient();
	const tag = Math.random().toString(36).slice(2, 8);
	const link = `https://www.kulturhusene.example.dk/arrangementer/boernekulturfestival-2026-${tag}-${'x'.repeat(80)}`;
	const start = new Date(Date.now() + (400 + Math.floor(Math.random() * 2000)) * 86_400_000);
	const event = await system.collection('events').create({
		title: `Festival ${tag}`,
		description: `Læs mere:\n${link}`,
		category: 'concert',
		start,
		end: new Date(start.getTime() + 2 * 3600_000),
		state: 'published',
		registration: false,
		capacity: 0
	});
	const room = await system.collection('rooms').create({
		name: `Linklokale ${tag}`,
		slug: `linklokale-${tag}`,
		description: `Se plantegningen: ${link}`,
		capacity: 10,
		who_may_book: 'citizens',
		opening_hours: {},
		active: true
	});
	await page.setViewportSize({ width: 320, height: 740 });
	const wide: string[] = [];
	for (const path of [`/arrangementer/${event.id}`, `/lokaler/${room.slug}`]) {
		const problem = await overflow(page, path);
		if (problem) wide.push(problem);
	}
	expect(wide, 'pages wider than 320 px').toEqual([]);
	await expect(page.getByText(link.slice(0, 40), { exact: false })).toBeVisible();
});

// An ISBN reads as one number: at 320 px, in both languages, it is not broken at its hyphens, and the
// page still does not scroll sideways (the facts' names wrap instead).
test('an ISBN with hyphens stays on one line at 320 px', async ({ page }) => {
	const tag = Math.random().toString(36).slice(2, 8);
	// 17 characters, as an ISBN-13 with its hyphens; digits of its own, as the ISBN is unique
	const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
	const isbn = `978-87-${digits.slice(0, 5)}-${digits.slice(5, 7)}-${digits[7]}`;
	const title = await (await systemClient()).collection('titles').create({
		title: `Bindestreger ${tag}`,
		creator: 'Ib Isbn',
		type: 'book',
		identifier: isbn,
		language: 'dansk',
		subjects: 'roman',
		year: 2024
	});
	await page.setViewportSize({ width: 320, height: 740 });
	for (const language of ['da', 'en']) {
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: language, url: stack.url }]);
		expect(await overflow(page, `/bibliotek/${title.id}`)).toBeNull();
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		const value = page.locator('dd', { hasText: isbn });
		const lines = await value.evaluate((dd) => {
			const range = document.createRange();
			range.selectNodeContents(dd);
			return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
		});
		expect(lines, `${language}: the ISBN's lines`).toBe(1);
	}
});

/**
 * A select shows its chosen option on one line: each select on the page gets its longest option chosen,
 * and that option's whole text must be readable at the page's width, in the field itself or on the line
 * under it (src/lib/whole-choice.ts). Answers the fields whose chosen text is cut off and not shown whole.
 */
async function cutOffChoices(page: Page): Promise<string[]> {
	// the forms folded away (a line's adjustment on the staff season page) are read open
	await page.evaluate(() =>
		document.querySelectorAll<HTMLDetailsElement>('main details').forEach((d) => (d.open = true))
	);
	const selects = page.locator('main select:visible');
	const problems: string[] = [];
	for (let i = 0; i < (await selects.count()); i++) {
		const select = selects.nth(i);
		const longest = await select.evaluate(
			(s: HTMLSelectElement) =>
				[...s.options].reduce((a, b) => (b.text.trim().length > a.text.trim().length ? b : a)).value
		);
		await select.selectOption(longest);
		// a short wait: the line follows the choice at once, and a page of cut-off fields is told in one list
		await expect
			.poll(
				() =>
					select.evaluate((s: HTMLSelectElement) => {
						const text = s.selectedOptions[0]?.text.trim() ?? '';
						const style = getComputedStyle(s);
						const context = document.createElement('canvas').getContext('2d')!;
						context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
						// the field's own text room, its arrow aside
						const room =
							s.clientWidth -
							parseFloat(style.paddingLeft) -
							parseFloat(style.paddingRight) -
							1.6 * parseFloat(style.fontSize);
						if (context.measureText(text).width <= room) return 'whole';
						const line = s.nextElementSibling as HTMLElement | null;
						const box = line?.getBoundingClientRect();
						const shown =
							line?.textContent === text &&
							!!box &&
							box.height > 0 &&
							box.right <= document.documentElement.clientWidth + 0.5;
						return shown ? 'whole' : `${s.id || s.name}: "${text}"`;
					}),
				{ timeout: 2_000 }
			)
			.toBe('whole')
			.catch(async () => problems.push(`${new URL(page.url()).pathname} ${await select.getAttribute('id')}`));
	}
	return problems;
}

// The selects with long options (a season's times with their rooms, associations' names, a room's rule, a
// line to swap) at 320 px: the page does not scroll sideways, and the chosen option is read whole.
test('a select’s long chosen option is read whole at 320 px, and its page does not scroll sideways', async ({
	page
}) => {
	test.setTimeout(240_000);
	const system = await systemClient();
	const season = (filter: string) => system.collection('seasons').getFirstListItem(filter);
	const [open, draft, leftovers] = await Promise.all([
		season('status = "open"'),
		season('status = "draft_published"'),
		season('status = "leftovers" && name ~ "Værkstedshold"')
	]);
	const desk = await system.collection('users').getFirstListItem('library_card = "5500200001"');
	// a room whose name is longer than a phone's field, in the staff's room choices
	const id = Math.random().toString(36).slice(2, 8);
	const longRoom = await system.collection('rooms').create({
		name: `Det lille mødelokale på første sal ved biblioteket ${id}`,
		slug: `e2e-langt-navn-${id}`,
		capacity: 8,
		who_may_book: 'citizens',
		opening_hours: { mon: [['08:00', '22:00']] },
		active: true
	});
	const pages = [
		{
			email: demo.associationAdmin,
			paths: [
				`/saeson/${leftovers.id}/bytte`,
				`/saeson/${open.id}`,
				`/saeson/${draft.id}`,
				'/lokaler/salen',
				'/lokaler/salen/saeson',
				'/bookinger/aflys-periode'
			]
		},
		{
			email: demo.staff,
			paths: [
				'/personale/saeson',
				`/personale/saeson/${draft.id}`,
				'/personale/lokaler',
				'/personale/bookinger',
				'/personale/arrangementer',
				`/personale/borgere/${desk.id}`
			]
		}
	];
	await page.setViewportSize({ width: 320, height: 740 });
	const wide: string[] = [];
	const cut: string[] = [];
	let seen = 0;
	try {
		for (const { email, paths } of pages) {
			await page.context().clearCookies();
			await signIn(page, email);
			for (const path of paths) {
				const problem = await overflow(page, path);
				if (problem) wide.push(problem);
				await hydrated(page);
				seen += await page.locator('main select:visible').count();
				cut.push(...(await cutOffChoices(page)));
				const after = await page.evaluate(
					() => document.documentElement.scrollWidth > document.documentElement.clientWidth
				);
				if (after) wide.push(`${path}: wider with the longest options chosen`);
			}
		}
	} finally {
		await system.collection('rooms').delete(longRoom.id);
	}
	expect(seen, 'selects on the pages').toBeGreaterThan(20);
	expect(wide, 'pages wider than 320 px').toEqual([]);
	expect(cut, 'chosen options cut off').toEqual([]);
});
