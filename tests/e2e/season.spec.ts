import { randomUUID } from 'node:crypto';
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
import { validCvrNumber } from '../helpers/cvr';
import { widthsBreakingAtDash } from './range-widths';

// docs/rules.md, "Season application round", at phone size: the demo association copies last season and
// applies with two wishes; staff close, run the draft, settle the flagged tie and publish; the association
// sees its result and reason, objects; staff answer and publish the final plan; the bookings show in Mit
// overblik.

async function as(system: PocketBase, email: string) {
	const user = await system.collection('users').getFirstListItem(system.filter('email = {:e}', { e: email }));
	const client = await system.collection('users').impersonate(user.id, 3600);
	client.baseURL = system.baseURL;
	return client;
}

/**
 * A season on last season's times from `from` days ahead for 40 days: two tests on one stack take periods
 * apart, or the first one's bookings take every date of the second's times.
 */
async function arrange(from = 1) {
	const system = await systemClient();
	const staff = await as(system, demo.staff);
	const last = await system.collection('seasons').getFirstListItem('status = "final"', { sort: 'created' });
	const slots = last.slots as { room: string; weekday: string; start: string; end: string }[];
	const tomorrow = new Date(Date.now() + from * 86_400_000).toISOString().slice(0, 10);
	const end = new Date(Date.now() + (from + 39) * 86_400_000).toISOString().slice(0, 10);
	const hour = 3600_000;
	const season = await staff.send<{ id: string }>('/api/borgerhus/seasons', {
		method: 'POST',
		body: {
			name: `E2E-sæson ${randomUUID().slice(0, 6)}`,
			first_date: tomorrow,
			last_date: end,
			slots,
			local_criteria: last.local_criteria,
			tie_breakers: [],
			previous: last.id,
			apply_from: new Date(Date.now() - hour).toISOString(),
			apply_until: new Date(Date.now() + hour).toISOString()
		}
	});
	await staff.send(`/api/borgerhus/seasons/${season.id}/status`, { method: 'POST', body: { to: 'open' } });
	// a rival association, equal in every way on the Monday slot: a real tie
	const email = `rival-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	const rivalUser = await system.collection('users').create({
		email,
		password: 'e2e-kodeord-123',
		passwordConfirm: 'e2e-kodeord-123',
		name: 'Rita Rival',
		verified: true
	});
	const rival = await system
		.collection('associations')
		.create({ name: `Rivalerne ${randomUUID().slice(0, 4)}`, cvr: validCvrNumber(), verified: true });
	await system
		.collection('memberships')
		.create({ association: rival.id, user: rivalUser.id, role: 'admin', status: 'active' });
	const rivalClient = await as(system, email);
	const monday = slots.find((s) => s.weekday === 'mon')!;
	await rivalClient.send(`/api/borgerhus/seasons/${season.id}/apply`, {
		method: 'POST',
		body: {
			association: rival.id,
			declared_section4: true,
			declared_child_certificates: true,
			local_criteria: ['local_members'],
			activities: [
				{
					name: 'Rivalholdet',
					age_group: 'children',
					participants: 12,
					wishes: [{ slot: `${monday.room}-mon-${monday.start.replace(':', '')}`, every: 1 }]
				}
			]
		}
	});
	return { season: season.id, rival: rival.name };
}

test('a whole season round at phone size', async ({ browser }) => {
	const { season, rival } = await arrange();
	const association = waitsForHydration(
		await (await browser.newContext({ extraHTTPHeaders: ownAddress() })).newPage()
	);
	await signIn(association, demo.associationAdmin);
	await association.goto(`/saeson/${season}`);
	await association.getByRole('button', { name: 'Kopiér sidste sæson' }).click();
	await expect(association.getByText('Formularen er udfyldt')).toBeVisible();
	await expect(association.getByLabel('Navn (hold, kor, klasse)').first()).toHaveValue('U10 holdmøde');
	// a second wish for the first activity
	await association.locator('#a0_w1_slot').selectOption({ index: 2 });
	await association.getByLabel('Foreningen opfylder betingelserne i folkeoplysningslovens § 4').check();
	await association.getByLabel(/børneattester/).check();
	await association.getByRole('button', { name: 'Send ansøgning' }).click();
	await expect(association.getByText('Ansøgningen er modtaget.')).toBeVisible();
	await expect(association.getByText(/U10 holdmøde: gruppe 1/)).toBeVisible();
	await expectAccessible(association);

	const staff = waitsForHydration(
		await (await browser.newContext({ extraHTTPHeaders: ownAddress() })).newPage()
	);
	await signIn(staff, demo.staff);
	await staff.goto(`/personale/saeson/${season}`);
	await staff.getByRole('button', { name: /Næste trin: Lukket/ }).click();
	await staff.getByRole('button', { name: 'Kør fordelingen' }).click();
	await expect(staff.getByRole('heading', { name: 'Konflikter, du skal afgøre' })).toBeVisible();
	await staff.getByRole('button', { name: /Giv tiden til Nørreby Boldklub/ }).click();
	await expect(staff.getByText('Konflikten er afgjort')).toBeVisible();
	await expect(staff.getByRole('heading', { name: 'Konflikter, du skal afgøre' })).toHaveCount(0);
	await expectAccessible(staff);
	// staff read of the association's wishes in the round's lines
	await expect(staff.getByText('Foreningens ønske 1.').first()).toBeVisible();
	await staff.getByRole('button', { name: /Næste trin: Udkast offentliggjort/ }).click();
	// the button that named this step also holds its words; the next step's button shows the move is done
	await expect(staff.getByRole('button', { name: /Næste trin: Endelig plan/ })).toBeVisible();

	await association.goto(`/saeson/${season}`);
	await expect(association.getByRole('heading', { name: 'Jeres resultat' })).toBeVisible();
	await expect(association.getByText('Jeres ønske 1.').first()).toBeVisible();
	await association
		.getByLabel('Hvad er I uenige i, og hvad ønsker I?')
		.fill('Vi vil gerne have en time mere.');
	await association.getByRole('button', { name: 'Gør indsigelse' }).click();
	await expect(association.getByText('Indsigelsen er sendt.')).toBeVisible();
	await expectAccessible(association);

	await staff.goto(`/personale/saeson/${season}`);
	await staff.getByLabel('Svar').fill('Der er desværre ikke flere tider.');
	await staff.getByRole('button', { name: 'Send svar' }).click();
	await expect(staff.getByText(/Besvaret: Der er desværre/)).toBeVisible();
	await staff.getByRole('button', { name: /Næste trin: Endelig plan/ }).click();
	await expect(staff.getByText(/datoer booket/).first()).toBeVisible();

	await association.goto(`/saeson/${season}`);
	await expect(association.getByRole('heading', { name: 'Sæsonplan' })).toBeVisible();
	await expect(association.locator('ul.plan').getByText('Nørreby Boldklub').first()).toBeVisible();
	await expect(association.getByText(rival)).toHaveCount(0);
	// a weekly time inside a sentence keeps its range whole on a narrow screen, in the plan and in the result
	const planRow = association.locator('ul.plan li').first();
	await expect(planRow).toContainText('–');
	expect(await widthsBreakingAtDash(planRow)).toEqual([]);
	const allocated = association.locator('ul.lines h3').filter({ hasText: '–' }).first();
	expect(await widthsBreakingAtDash(allocated)).toEqual([]);
	// the plan's dates are the association's bookings now (Mit overblik shows only the next twenty of
	// everything, which other bookings of the same association may fill; Mine bookinger has them all)
	await association.goto('/bookinger');
	await expect(association.getByText(/U10 holdmøde/).first()).toBeVisible();
});

test('staff see the final plan times an association could not get, and book them once it is verified', async ({
	browser
}) => {
	const { season, rival } = await arrange(50);
	const system = await systemClient();
	const staffApi = await as(system, demo.staff);
	const step = (to: string) =>
		staffApi.send(`/api/borgerhus/seasons/${season}/status`, { method: 'POST', body: { to } });
	await step('closed');
	await staffApi.send(`/api/borgerhus/seasons/${season}/draft`, { method: 'POST' });
	await step('draft_published');
	// the rival association is sent back to verification before the plan is published
	const association = await system
		.collection('associations')
		.getFirstListItem(system.filter('name = {:n}', { n: rival }));
	await system.collection('associations').update(association.id, { verified: false });

	const staff = waitsForHydration(
		await (await browser.newContext({ extraHTTPHeaders: ownAddress() })).newPage()
	);
	await signIn(staff, demo.staff);
	await staff.goto(`/personale/saeson/${season}`);
	await staff.getByRole('button', { name: /Næste trin: Endelig plan/ }).click();
	await expect(staff.getByText(`${rival}: ikke booket. Foreningen er ikke godkendt endnu.`)).toBeVisible();
	await expect(staff.getByRole('heading', { name: 'Ikke booket endnu' })).toBeVisible();
	const unbooked = staff.getByRole('region', { name: 'Ikke booket endnu' });
	await expect(unbooked.getByText(new RegExp(`${rival}: Rivalholdet`))).toBeVisible();
	await expect(staff.getByText(`${rival}: Rivalholdet (sendt)`)).toBeVisible();
	await expectAccessible(staff);

	await system.collection('associations').update(association.id, { verified: true });
	await staff.getByRole('button', { name: 'Book de manglende tider' }).click();
	await expect(staff.getByText(new RegExp(`${rival}: \\d+ datoer booket\\.`))).toBeVisible();
	await expect(staff.getByRole('heading', { name: 'Ikke booket endnu' })).toHaveCount(0);
});

test('a season form saved with nothing changed sends nothing and says so', async ({ browser }) => {
	const { season } = await arrange(60);
	const system = await systemClient();
	const stored = () => system.collection('seasons').getOne(season);
	const before = await stored();
	const staff = waitsForHydration(
		await (await browser.newContext({ extraHTTPHeaders: ownAddress() })).newPage()
	);
	await signIn(staff, demo.staff);
	await staff.goto(`/personale/saeson/${season}/rediger`);
	await staff.getByRole('button', { name: 'Gem ændringer' }).click();
	await expect(staff.getByText('Intet er gemt: du har ikke ændret noget.')).toBeVisible();
	await expect(staff.getByText('Opsætningen er gemt.')).toHaveCount(0);
	expect((await stored()).updated).toBe(before.updated);
	await expectAccessible(staff);

	const association = waitsForHydration(
		await (await browser.newContext({ extraHTTPHeaders: ownAddress() })).newPage()
	);
	await signIn(association, demo.associationAdmin);
	await association.goto(`/saeson/${season}`);
	await association.getByRole('button', { name: 'Kopiér sidste sæson' }).click();
	await expect(association.getByText('Formularen er udfyldt')).toBeVisible();
	await association.getByLabel('Foreningen opfylder betingelserne i folkeoplysningslovens § 4').check();
	await association.getByLabel(/børneattester/).check();
	await association.getByRole('button', { name: 'Send ansøgning' }).click();
	await expect(association.getByText('Ansøgningen er modtaget.')).toBeVisible();
	await expect(association.getByText('Ansøgning: Sendt')).toBeVisible();
	const application = () =>
		system
			.collection('season_applications')
			.getFirstListItem(system.filter('season = {:s} && round != 2', { s: season }), { sort: '-updated' });
	const sent = await application();
	// sent again as it stands: nothing is written
	await association.getByRole('button', { name: 'Send ansøgning' }).click();
	await expect(association.getByText('Intet er gemt: du har ikke ændret noget.')).toBeVisible();
	expect((await application()).updated).toBe(sent.updated);
	await expectAccessible(association);
});
