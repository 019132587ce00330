import { randomUUID } from 'node:crypto';
import type { Browser } from '@playwright/test';
import PocketBase from 'pocketbase';
import {
	test,
	expect,
	expectAccessible,
	signIn,
	systemClient,
	demo,
	waitsForHydration,
	ownAddress
} from './fixtures';
import { formatDay } from '../../src/lib/dates';
import { validCvrNumber } from '../helpers/cvr';

// docs/rules.md, "Season application round", at phone size: what follows the final plan. A swap proposed by
// one admin and confirmed by the other; the public plan for guests (and no draft); a freed single date taken
// from the leftovers; the second round over the free slots; the staff set-up form, created and edited.

async function as(system: PocketBase, email: string) {
	const user = await system.collection('users').getFirstListItem(system.filter('email = {:e}', { e: email }));
	const client = await system.collection('users').impersonate(user.id, 3600);
	client.baseURL = system.baseURL;
	return client;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A new verified association with a new admin who can sign in. */
async function rivalClub(system: PocketBase) {
	const email = `bytte-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const password = 'e2e-kodeord-123';
	const user = await system.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name: 'Birgit Bytte',
		verified: true
	});
	const club = await system
		.collection('associations')
		.create({ name: `Byttelauget ${randomUUID().slice(0, 4)}`, cvr: validCvrNumber(), verified: true });
	await system
		.collection('memberships')
		.create({ association: club.id, user: user.id, role: 'admin', status: 'active' });
	return {
		id: club.id as string,
		name: club.name as string,
		email,
		password,
		client: await as(system, email)
	};
}

type Slot = { room: string; weekday: string; start: string; end: string };

/** The seasons made so far by this file's tests (they run one after another, in one worker). */
let seasonsMade = 0;
type Wish = { name: string; slot: string; participants?: number };

/**
 * A season in the workshop on three Friday slots apart by more than the room buffer, taken to its final plan;
 * `shape` gives other slots and activities (by room id).
 */
async function finalSeason(
	extra: Record<string, unknown> = {},
	shape?: (
		room: (slug: string) => Promise<string>
	) => Promise<{ slots: Slot[]; boldklub: Wish[]; rival: Wish[] }>
) {
	const system = await systemClient();
	const staff = await as(system, demo.staff);
	const admin = await as(system, demo.associationAdmin);
	const roomId = async (slug: string) =>
		(await system.collection('rooms').getFirstListItem(system.filter('slug = {:s}', { s: slug })))
			.id as string;
	const room = await system.collection('rooms').getFirstListItem('slug = "vaerkstedet"');
	const shaped = await shape?.(roomId);
	const boldklub = await system.collection('associations').getFirstListItem('name = "Nørreby Boldklub"');
	const rival = await rivalClub(system);
	// each season of this file on weeks of its own, so one's bookings never meet another's
	const offset = 120 + 35 * seasonsMade++;
	const hour = 3600_000;
	const season = await staff.send<{ id: string }>('/api/borgerhus/seasons', {
		method: 'POST',
		body: {
			name: `E2E-værksted ${randomUUID().slice(0, 6)}`,
			first_date: day(offset),
			last_date: day(offset + 27),
			slots: shaped?.slots ?? [
				{ room: room.id, weekday: 'fri', start: '16:00', end: '17:30' },
				{ room: room.id, weekday: 'fri', start: '18:00', end: '19:30' },
				{ room: room.id, weekday: 'fri', start: '20:00', end: '21:00' }
			],
			tie_breakers: [],
			apply_from: new Date(Date.now() - hour).toISOString(),
			apply_until: new Date(Date.now() + hour).toISOString(),
			...extra
		}
	});
	const post = (pb: PocketBase, path: string, body: Record<string, unknown> = {}) =>
		pb.send(`/api/borgerhus/seasons/${season.id}${path}`, { method: 'POST', body });
	await post(staff, '/status', { to: 'open' });
	const activity = (wish: Wish) => ({
		name: wish.name,
		age_group: 'adults',
		adult_kind: 'other',
		participants: wish.participants ?? 6,
		wishes: [{ slot: wish.slot, every: 1 }]
	});
	await post(admin, '/apply', {
		association: boldklub.id,
		declared_section4: true,
		activities: (shaped?.boldklub ?? [{ name: 'Boldværksted', slot: `${room.id}-fri-1600` }]).map(activity)
	});
	await post(rival.client, '/apply', {
		association: rival.id,
		declared_section4: true,
		activities: (shaped?.rival ?? [{ name: 'Byttehold', slot: `${room.id}-fri-1800` }]).map(activity)
	});
	await post(staff, '/status', { to: 'closed' });
	await post(staff, '/draft');
	await post(staff, '/status', { to: 'draft_published' });
	await post(staff, '/status', { to: 'final' });
	return { season: season.id, rival, system, staff, boldklub: boldklub.id as string };
}

async function phone(browser: Browser) {
	return waitsForHydration(await (await browser.newContext({ extraHTTPHeaders: ownAddress() })).newPage());
}

test('an admin proposes a swap, the other admin confirms it, and both see the swapped times', async ({
	browser
}) => {
	const { season, rival } = await finalSeason();
	const proposer = await phone(browser);
	await signIn(proposer, demo.associationAdmin);
	await proposer.goto(`/saeson/${season}`);
	await proposer.getByRole('link', { name: 'Byt eller overdrag tider' }).click();
	await expect(proposer.getByRole('heading', { name: 'Byt sæsontider' })).toBeVisible();
	await expect(proposer.getByText(/Boldværksted: fredag 16:00–17:30/).first()).toBeVisible();
	await proposer
		.getByLabel('Den anden forenings tid')
		.selectOption({ label: `${rival.name}: fredag 18:00–19:30, Værkstedet` });
	await proposer.getByRole('button', { name: 'Send forslaget' }).click();
	await expect(proposer.getByText('Forslaget er sendt.', { exact: false })).toBeVisible();
	await expect(proposer.getByText('Venter på svar')).toBeVisible();
	await expectAccessible(proposer);

	const other = await phone(browser);
	await signIn(other, rival.email, rival.password);
	await other.goto(`/saeson/${season}/bytte`);
	await expect(other.getByRole('heading', { name: 'Forslag til jer' })).toBeVisible();
	await expect(other.getByText(/Nørreby Boldklub giver Boldværksted/)).toBeVisible();
	await other.getByRole('button', { name: 'Ja tak, byt' }).click();
	await expect(other.getByText('Gennemført').first()).toBeVisible();
	// each activity has the other's time: the rival's Byttehold is now Friday 16:00
	await expect(other.getByText(/Byttehold: fredag 16:00–17:30/).first()).toBeVisible();
	await expectAccessible(other);

	await proposer.reload();
	await expect(proposer.getByRole('heading', { name: 'Afsluttede bytter' })).toBeVisible();
	await expect(proposer.getByText('Gennemført').first()).toBeVisible();
	await expect(
		proposer
			.locator('section', { hasText: 'Jeres faste tider' })
			.getByText(/Boldværksted: fredag 18:00–19:30/)
	).toBeVisible();
	// the finished swap says what was given and taken, each time with the activity it had then
	await expect(
		proposer.getByText(/Boldværksted, fredag 16:00–17:30.*Byttehold, fredag 18:00–19:30/).first()
	).toBeVisible();
});

test('a time of another association the swap would refuse is offered as not possible, with the reason', async ({
	browser
}) => {
	// Boldklub's 15 in the workshop (20 places); the rival's in meeting room 2 (8 places) and in the workshop
	const { season, rival, boldklub } = await finalSeason({}, async (room) => {
		const [workshop, small] = [await room('vaerkstedet'), await room('moedelokale-2')];
		return {
			slots: [
				{ room: workshop, weekday: 'fri', start: '16:00', end: '17:30' },
				{ room: workshop, weekday: 'fri', start: '18:00', end: '19:30' },
				{ room: small, weekday: 'fri', start: '16:00', end: '17:30' }
			],
			boldklub: [{ name: 'Stort boldværksted', slot: `${workshop}-fri-1600`, participants: 15 }],
			rival: [
				{ name: 'Byttehold', slot: `${workshop}-fri-1800` },
				{ name: 'Lille hold', slot: `${small}-fri-1600` }
			]
		};
	});
	const page = await phone(browser);
	await signIn(page, demo.associationAdmin);
	await page.goto(`/saeson/${season}/bytte?forening=${boldklub}`);
	const take = page.getByLabel('Den anden forenings tid');
	const small = take.locator('option', { hasText: 'Mødelokale 2' });
	await expect(small).toBeDisabled();
	await expect(small).toHaveText(
		`${rival.name}: fredag 16:00–17:30, Mødelokale 2 – kan ikke byttes: en af aktiviteterne har flere deltagere, end det andet lokale har plads til`
	);
	// the time that fits is chosen, and the swap for it is sent
	await expect(take.locator('option:checked')).toHaveText(`${rival.name}: fredag 18:00–19:30, Værkstedet`);
	await page.getByRole('button', { name: 'Send forslaget' }).click();
	await expect(page.getByText('Forslaget er sendt.', { exact: false })).toBeVisible();
	await expectAccessible(page);
});

test('an association whose season booking staff withdrew reads why, and is offered no free time to take', async ({
	browser
}) => {
	const { season, system, staff, boldklub } = await finalSeason();
	const line = await system
		.collection('season_lines')
		.getFirstListItem(system.filter('season = {:s} && association = {:a}', { s: season, a: boldklub }));
	await staff.send(`/api/borgerhus/series/${line.series}/cancel`, {
		method: 'POST',
		body: { withdraw: true, reason: 'Gentagne udeblivelser' }
	});
	await staff.send(`/api/borgerhus/seasons/${season}/status`, { method: 'POST', body: { to: 'leftovers' } });
	const page = await phone(browser);
	await signIn(page, demo.associationAdmin);
	await page.goto(`/saeson/${season}?forening=${boldklub}`);
	await expect(
		page.getByText(
			'Huset har trukket en af foreningens sæsontider tilbage i denne sæson, fordi foreningen flere gange ikke kom til sin booking.'
		)
	).toBeVisible();
	await expect(
		page.getByText('Derfor kan du ikke tage ledige tider eller datoer for Nørreby Boldklub i denne sæson.', {
			exact: false
		})
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Ledige tider' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Tag tiden' })).toHaveCount(0);
	await expectAccessible(page);
});

test('a guest sees the final plan with association names, and no plan of a draft', async ({ page }) => {
	const { season, rival } = await finalSeason();
	await page.goto('/saeson');
	await page
		.locator('li', { hasText: /E2E-værksted/ })
		.getByRole('link', { name: 'Se den offentlige sæsonplan' })
		.first()
		.click();
	await expect(page).toHaveURL(/\/saeson\/[a-z0-9]+\/plan$/);
	await page.goto(`/saeson/${season}/plan`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sæsonplan');
	await expect(page.getByRole('heading', { name: 'Værkstedet' })).toBeVisible();
	await expect(page.getByText('Nørreby Boldklub').first()).toBeVisible();
	await expect(page.getByText(rival.name)).toBeVisible();
	await expect(page.getByText('Lars Formand')).toHaveCount(0);
	await expect(page.getByText('Birgit Bytte')).toHaveCount(0);
	await expectAccessible(page);
	// the room page links to it
	await page.goto('/lokaler/vaerkstedet');
	await expect(page.getByRole('link', { name: /Sæsonplan / }).first()).toBeVisible();
	// a season whose draft is published but not final shows no plan
	const system = await systemClient();
	const draft = await system.collection('seasons').getFirstListItem('status = "draft_published"');
	const response = await page.goto(`/saeson/${draft.id}/plan`);
	expect(response?.status()).toBe(404);
});

test('a freed single date of the leftovers is booked by an association', async ({ browser }) => {
	const system = await systemClient();
	const leftovers = await system
		.collection('seasons')
		.getFirstListItem('status = "leftovers" && leftovers = "fcfs" && name ~ "Værkstedshold"');
	const page = await phone(browser);
	await signIn(page, demo.associationAdmin);
	await page.goto(`/saeson/${leftovers.id}`);
	await expect(page.getByRole('heading', { name: 'Ledige enkeltdatoer' })).toBeVisible();
	const first = page.locator('form[action*="claimDate"]').first();
	const date = await first.locator('input[name="date"]').inputValue();
	// the date in words, as everywhere else, not as it is stored
	await expect(first.locator('strong')).toContainText(formatDay(date, 'da'));
	await expect(first.locator('strong')).not.toContainText(date);
	// and so on the public plan, which lists the same free dates
	const plan = await phone(browser);
	await plan.goto(`/saeson/${leftovers.id}/plan`);
	const freeDates = plan.locator('section', {
		has: plan.getByRole('heading', { name: 'Ledige enkeltdatoer' })
	});
	await expect(freeDates.getByText(formatDay(date, 'da')).first()).toBeVisible();
	await expect(freeDates.getByText(date)).toHaveCount(0);
	await first.getByLabel('Navn (hold, kor, klasse)').fill('Ekstra værkstedsaften');
	await first.getByLabel('Forventet antal deltagere').fill('6');
	await first.getByRole('button', { name: 'Book datoen' }).click();
	await expect(page.getByText('Datoen er booket til jer.')).toBeVisible();
	await expect(page.locator('input[name="date"][value="' + date + '"]')).toHaveCount(0);
	await expectAccessible(page);
});

test('staff open a second round; an association applies for a free slot only; staff allocate and publish', async ({
	browser
}) => {
	const { season } = await finalSeason({ leftovers: 'second_round' });
	const staff = await phone(browser);
	await signIn(staff, demo.staff);
	await staff.goto(`/personale/saeson/${season}`);
	await expect(staff.getByRole('button', { name: /Næste trin: Ledige tider/ })).toHaveCount(0);
	const until = new Date(Date.now() + 2 * 86_400_000);
	await staff.getByLabel('Anden runde slutter').fill(`${until.toISOString().slice(0, 10)}T12:00`);
	await staff.getByRole('button', { name: /Næste trin: Anden runde/ }).click();
	// the button that named this step also holds its words; the next step's button shows the move is done
	await expect(staff.getByRole('button', { name: /Næste trin: Anden runde: fordeling/ })).toBeVisible();

	const association = await phone(browser);
	await signIn(association, demo.associationAdmin);
	await association.goto(`/saeson/${season}`);
	await expect(association.getByRole('heading', { name: /Anden runde for Nørreby Boldklub/ })).toBeVisible();
	const options = await association.locator('#a0_w0_slot option').allTextContents();
	expect(options.filter((o) => o.includes('fredag'))).toEqual(['fredag 20:00–21:00, Værkstedet']);
	await association.getByLabel('Navn (hold, kor, klasse)').first().fill('Sent værksted');
	await association.locator('#a0_participants').fill('5');
	await association.locator('#a0_w0_slot').selectOption({ label: 'fredag 20:00–21:00, Værkstedet' });
	await association.getByLabel('Foreningen opfylder betingelserne i folkeoplysningslovens § 4').check();
	await association.getByRole('button', { name: 'Send ansøgning' }).click();
	await expect(association.getByText('Ansøgningen er modtaget.')).toBeVisible();
	await expectAccessible(association);

	await staff.reload();
	await staff.getByRole('button', { name: /Næste trin: Anden runde: fordeling/ }).click();
	await staff.getByRole('button', { name: 'Kør fordelingen' }).click();
	await expect(staff.getByText(/Sent værksted/).first()).toBeVisible();
	await staff.getByRole('button', { name: /Næste trin: Ledige tider/ }).click();
	await expect(staff.getByText(/datoer booket/).first()).toBeVisible();

	await association.goto(`/saeson/${season}`);
	await expect(association.getByText(/Sent værksted/).first()).toBeVisible();
});

test('staff create a season with the set-up form, see a refusal, and edit it', async ({ browser }) => {
	const staff = await phone(browser);
	await signIn(staff, demo.staff);
	await staff.goto('/personale/saeson');
	await staff.getByText('Ny sæson').click();
	const name = `Formsæson ${randomUUID().slice(0, 6)}`;
	await staff.getByLabel('Navn', { exact: true }).fill(name);
	await staff.getByLabel(/Første dag/).fill(day(300));
	await staff.getByLabel(/Sidste dag/).fill(day(200));
	await staff.getByLabel('Ugentlige tider').fill('vaerkstedet tir 17:00-19:00');
	await staff.getByLabel('Ansøgning åbner').fill(`${day(10)}T09:00`);
	await staff.getByLabel('Ansøgningsfrist').fill(`${day(20)}T12:00`);
	await staff.getByRole('button', { name: 'Opret sæson' }).click();
	await expect(staff.getByText('Tjek felterne markeret nedenfor.')).toBeVisible();
	await expect(staff.getByLabel('Navn', { exact: true })).toHaveValue(name);
	await staff.getByLabel(/Sidste dag/).fill(day(380));
	await staff.getByLabel('Skillekriterium 1').selectOption('applied_first');
	await staff.getByLabel('Kriterium 1 på dansk').fill('Medlemmer bor i kommunen');
	await staff.getByLabel('Kriterium 1 på engelsk').fill('Members live in the municipality');
	await staff.getByRole('button', { name: 'Opret sæson' }).click();
	await expect(staff).toHaveURL(/\/personale\/saeson\/[a-z0-9]{15}$/);
	await staff.getByRole('link', { name: 'Redigér opsætningen' }).click();
	await expect(staff.getByLabel('Skillekriterium 1')).toHaveValue('applied_first');
	await expect(staff.getByLabel('Kriterium 1 på dansk')).toHaveValue('Medlemmer bor i kommunen');
	await staff.getByLabel('Navn', { exact: true }).fill(`${name} (rettet)`);
	await staff.getByRole('button', { name: 'Gem ændringer' }).click();
	await expect(staff.getByText('Opsætningen er gemt.')).toBeVisible();
	await expectAccessible(staff);
	const system = await systemClient();
	const stored = await system
		.collection('seasons')
		.getFirstListItem(system.filter('name = {:n}', { n: `${name} (rettet)` }));
	expect(stored.tie_breakers).toEqual(['applied_first', 'participants_per_hour']);
});

test('without JavaScript an admin proposes a swap for the second of their times, which the first could not take', async ({
	browser
}) => {
	// Boldklub's big group (15) and small group (6) in the workshop; the rival's small group in meeting room 2
	// (8 places): the big group would not fit there, the small one would
	const { season, rival, boldklub } = await finalSeason({}, async (room) => {
		const [workshop, small] = [await room('vaerkstedet'), await room('moedelokale-2')];
		return {
			slots: [
				{ room: workshop, weekday: 'fri', start: '16:00', end: '17:30' },
				{ room: workshop, weekday: 'fri', start: '18:00', end: '19:30' },
				{ room: small, weekday: 'fri', start: '16:00', end: '17:30' }
			],
			boldklub: [
				{ name: 'Stort boldværksted', slot: `${workshop}-fri-1600`, participants: 15 },
				{ name: 'Lille boldhold', slot: `${workshop}-fri-1800` }
			],
			rival: [{ name: 'Lille hold', slot: `${small}-fri-1600` }]
		};
	});
	const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: ownAddress() });
	const page = await context.newPage();
	await signIn(page, demo.associationAdmin);
	await page.goto(`/saeson/${season}/bytte?forening=${boldklub}`);
	const form = page.locator('form', { has: page.getByRole('button', { name: 'Send forslaget' }) });
	const take = form.getByLabel('Den anden forenings tid');
	const theirs = take.locator('option', { hasText: 'Mødelokale 2' });
	// the big group's time: the rival's time is not possible, with the reason
	await form
		.getByLabel('Jeres tid')
		.selectOption({ label: 'Stort boldværksted: fredag 16:00–17:30, Værkstedet' });
	await form.getByRole('button', { name: 'Vis de tider, I kan få' }).click();
	await expect(theirs).toBeDisabled();
	await expect(theirs).toContainText('kan ikke byttes');
	// the small group's time: the rival's time can be chosen and the swap sent
	await form
		.getByLabel('Jeres tid')
		.selectOption({ label: 'Lille boldhold: fredag 18:00–19:30, Værkstedet' });
	await form.getByRole('button', { name: 'Vis de tider, I kan få' }).click();
	await expect(theirs).toBeEnabled();
	await expect(theirs).toHaveText(`${rival.name}: fredag 16:00–17:30, Mødelokale 2`);
	await expect(form.getByLabel('Jeres tid').locator('option:checked')).toHaveText(
		'Lille boldhold: fredag 18:00–19:30, Værkstedet'
	);
	await take.selectOption({ label: `${rival.name}: fredag 16:00–17:30, Mødelokale 2` });
	await form.getByRole('button', { name: 'Send forslaget' }).click();
	await expect(page.getByText('Forslaget er sendt.', { exact: false })).toBeVisible();
	await expect(page.locator('section', { hasText: 'Jeres forslag' })).toContainText('Lille boldhold');
	await context.close();
});
