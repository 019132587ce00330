import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, signIn, systemClient, phonePage } from './fixtures';
import { validCvrNumber } from '../helpers/cvr';

// docs/rules.md, "Associations and memberships": an admin invites, the invited citizen accepts in the app,
// and only then is a member. At phone size (360 px, tests/playwright.config.ts).

const PASSWORD = 'e2e-kodeord-123';

async function arrange() {
	const system = await systemClient();
	const id = randomUUID().slice(0, 8);
	const user = async (name: string) => {
		const email = `${name.toLowerCase().split(' ')[0]}-${id}@test.borgerhus.dk`;
		const record = await system.collection('users').create({
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name,
			verified: true,
			language: 'da'
		});
		return { email, id: record.id, name };
	};
	const [admin, citizen] = await Promise.all([user('Alma Formand'), user('Kim Nymedlem')]);
	const association = await system.collection('associations').create({
		name: `Skakklubben ${id}`,
		cvr: validCvrNumber(),
		verified: true
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: admin.id, role: 'admin' });
	return { admin, citizen, association };
}

async function noSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
}

test('an admin invites a citizen, who accepts in the app and is then a member', async ({ page, browser }) => {
	const { admin, citizen, association } = await arrange();

	await signIn(page, admin.email, PASSWORD);
	await page.goto(`/foreninger/${association.id}`);
	await expect(page.getByRole('heading', { level: 1, name: association.name })).toBeVisible();
	await page.getByLabel('Personens e-mail').fill(citizen.email);
	await page.getByLabel('Rolle', { exact: true }).selectOption('booker');
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByText(`Invitationen er sendt til ${citizen.email}`)).toBeVisible();
	const pending = page.getByRole('region', { name: 'Ventende invitationer' });
	await expect(pending.getByText(`${citizen.email} som Booker`)).toBeVisible();
	// invited is not a member
	await expect(page.getByRole('region', { name: 'Medlemmer' }).getByText(citizen.name)).toHaveCount(0);
	await expectAccessible(page);
	await noSidewaysScroll(page);

	const phone = await phonePage(browser);
	await signIn(phone, citizen.email, PASSWORD);
	await phone.goto('/indbakke');
	const notice = phone.getByRole('article', { name: `Invitation fra ${association.name}` });
	// an unread message opens through a button that marks it read on the way
	await notice.getByRole('button', { name: /^Se mere/ }).click();
	await expect(phone).toHaveURL(/\/foreninger$/);
	const invitations = phone.getByRole('region', { name: 'Invitationer til dig' });
	await expect(invitations.getByText(`${association.name} inviterer dig med som Booker.`)).toBeVisible();
	await expect(invitations.getByRole('button', { name: 'Afvis og bloker' })).toBeVisible();
	await expectAccessible(phone);
	await noSidewaysScroll(phone);
	await invitations.getByRole('button', { name: 'Tag imod' }).click();
	// the answered invitation leaves its list: focus and the view go to the message (keyboard at 360 px)
	const accepted = phone.getByText('Du er nu med i foreningen.');
	await expect(accepted).toBeFocused();
	await expect(accepted).toBeInViewport();
	const mine = phone.getByRole('region', { name: 'Mine foreninger' });
	await expect(mine.getByRole('link', { name: association.name })).toBeVisible();
	await expect(phone.getByRole('region', { name: 'Invitationer til dig' })).toHaveCount(0);

	await mine.getByRole('link', { name: association.name }).click();
	const members = phone.getByRole('region', { name: 'Medlemmer' });
	await expect(members.getByText(citizen.name)).toBeVisible();
	await expect(members.getByText(admin.name)).toBeVisible();
	await expectAccessible(phone);
	await phone.context().close();

	await page.reload();
	await expect(page.getByRole('region', { name: 'Medlemmer' }).getByText(citizen.name)).toBeVisible();
	await expect(page.getByText('Ingen ventende invitationer.')).toBeVisible();

	// the admin changes the new member's role: focus and the view go to the message at the top
	const member = page
		.getByRole('region', { name: 'Medlemmer' })
		.getByRole('listitem')
		.filter({ hasText: citizen.name });
	await member.getByLabel('Rolle').selectOption('member');
	await member.getByRole('button', { name: 'Skift rolle' }).click();
	const saved = page.getByText('Rollen er ændret.');
	await expect(saved).toBeFocused();
	await expect(saved).toBeInViewport();
	// and after withdrawing an invitation, whose item leaves the list
	await page.getByLabel('Personens e-mail').fill(`ny-${citizen.email}`);
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await page
		.getByRole('region', { name: 'Ventende invitationer' })
		.getByRole('button', { name: 'Træk tilbage' })
		.click();
	const withdrawn = page.getByText('Invitationen er trukket tilbage.');
	await expect(withdrawn).toBeFocused();
	await expect(withdrawn).toBeInViewport();
});

test('an invitation from an association renamed since names no association and offers no accepting', async ({
	page
}) => {
	const { admin, citizen, association } = await arrange();
	await signIn(page, admin.email, PASSWORD);
	await page.goto(`/foreninger/${association.id}`);
	await page.getByLabel('Personens e-mail').fill(citizen.email);
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByText(`Invitationen er sendt til ${citizen.email}`)).toBeVisible();
	// renamed: back to staff verification
	const renamed = `Din konto lukkes - ring 70 20 30 40 ${randomUUID().slice(0, 4)}`;
	await (await systemClient()).collection('associations').update(association.id, { name: renamed });

	await page.context().clearCookies();
	await signIn(page, citizen.email, PASSWORD);
	await page.goto('/foreninger');
	const invitations = page.getByRole('region', { name: 'Invitationer til dig' });
	await expect(
		invitations.getByText(
			'En forening, der venter på husets godkendelse, inviterer dig med som Medlem. Du kan tage imod, når huset har godkendt den.'
		)
	).toBeVisible();
	await expect(page.getByText(renamed)).toHaveCount(0);
	await expect(invitations.getByRole('button', { name: 'Tag imod' })).toHaveCount(0);
	await expect(invitations.getByRole('button', { name: 'Afvis og bloker' })).toBeVisible();
	await expectAccessible(page);
	await noSidewaysScroll(page);
});

test('an admin demoted meanwhile is told so at "Skift rolle", and the admin controls go', async ({
	page
}) => {
	const { admin, citizen, association } = await arrange();
	const system = await systemClient();
	const [mine] = await system.collection('memberships').getFullList({
		filter: system.filter('association = {:a} && user = {:u}', { a: association.id, u: admin.id })
	});
	await system
		.collection('memberships')
		.create({ association: association.id, user: citizen.id, role: 'admin', status: 'active' });

	await signIn(page, admin.email, PASSWORD);
	await page.goto(`/foreninger/${association.id}`);
	const member = page
		.getByRole('region', { name: 'Medlemmer' })
		.getByRole('listitem')
		.filter({ hasText: citizen.name });
	await member.getByLabel('Rolle').selectOption('booker');
	// the other admin makes Alma a member while her page is open
	await system.collection('memberships').update(mine!.id, { role: 'member' });
	await member.getByRole('button', { name: 'Skift rolle' }).click();
	const refused = page.getByRole('alert');
	await expect(refused).toHaveText('Du er ikke administrator i foreningen og kan ikke ændre medlemmerne.');
	await expect(refused).toBeFocused();
	await expect(refused).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Skift rolle' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Inviter et medlem' })).toHaveCount(0);
	expect((await system.collection('memberships').getOne(mine!.id)).role).toBe('member');
});

test('an admin renames the association; staff verify it again from their list, then withdraw it', async ({
	page,
	browser
}) => {
	const { admin, association } = await arrange();
	const renamed = `${association.name} og Omegn`;

	await signIn(page, admin.email, PASSWORD);
	await page.goto(`/foreninger/${association.id}`);
	const edit = page.getByRole('region', { name: 'Ret oplysninger' });
	await edit.getByLabel('Foreningens navn').fill(renamed);
	await edit.getByLabel('Kort beskrivelse').fill('Vi spiller skak hver tirsdag.');
	await edit.getByRole('button', { name: 'Gem oplysninger' }).click();
	await expect(edit.getByText('venter nu på husets godkendelse igen')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
	await expect(page.getByText('Venter på godkendelse')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Oplysninger', exact: true })).toContainText(
		'Vi spiller skak hver tirsdag.'
	);
	await expectAccessible(page);
	await noSidewaysScroll(page);

	const system = await systemClient();
	const staffEmail = `personale-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
	await system.collection('users').create({
		email: staffEmail,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Pia Personale',
		verified: true,
		staff: true,
		language: 'da'
	});
	const staff = await phonePage(browser);
	await signIn(staff, staffEmail, PASSWORD);
	await staff.goto('/personale');
	await staff.getByRole('link', { name: /Foreninger venter på godkendelse/ }).click();
	const item = staff.getByRole('listitem').filter({ hasText: renamed });
	await item.getByRole('button', { name: 'Godkend forening' }).click();
	await expect(staff.getByText('Foreningen er godkendt og kan nu booke i sit navn.')).toBeVisible();
	expect((await system.collection('associations').getOne(association.id)).verified).toBe(true);
	await expectAccessible(staff);
	await noSidewaysScroll(staff);

	await staff.goto(`/personale/foreninger?q=${encodeURIComponent(renamed)}`);
	await staff.getByRole('link', { name: renamed }).click();
	await staff.getByRole('button', { name: 'Fjern godkendelse' }).click();
	await staff.getByRole('dialog').getByRole('button', { name: 'Ja, fjern godkendelsen' }).click();
	await expect(staff.getByText('Godkendelsen er fjernet.')).toBeVisible();
	expect((await system.collection('associations').getOne(association.id)).verified).toBe(false);
	await expectAccessible(staff);
	await noSidewaysScroll(staff);
	await staff.context().close();
});

test("a form the house does not answer keeps what was typed and says so in words, not the browser's", async ({
	page
}) => {
	const { citizen } = await arrange();
	await signIn(page, citizen.email, PASSWORD);
	await page.goto('/foreninger');
	const name = page.getByLabel('Foreningens navn');
	await name.fill('Petanqueklubben');
	// online as far as the browser knows, but nothing reaches the house (no internet behind the Wi-Fi)
	await page.route('**/foreninger**', (route) =>
		route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()
	);
	await page.getByRole('button', { name: 'Opret forening' }).click();
	await expect(page.getByTestId('unreachable-notice')).toContainText('Huset svarer ikke lige nu');
	// beside the form too, for whoever sent it far below the top of the page
	const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Opret forening' }) });
	await expect(form.getByText('Huset svarer ikke lige nu')).toBeVisible();
	await expect(page.getByText('Failed to fetch')).toHaveCount(0);
	await expect(page).toHaveURL(/\/foreninger$/);
	await expect(name).toHaveValue('Petanqueklubben');
	await expectAccessible(page);
	// sent again: the line beside the form goes as the form is sent, before any answer
	await page.unroute('**/foreninger**');
	let release = () => {};
	const answered = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/foreninger**', async (route) => {
		if (route.request().method() === 'POST') await answered;
		await route.continue();
	});
	await page.getByRole('button', { name: 'Opret forening' }).click();
	await expect(form.getByText('Huset svarer ikke lige nu')).toHaveCount(0);
	await expect(name).toHaveValue('Petanqueklubben');
	release();
	// the house's answer this time (the form lacks a CVR number), and no line about an unanswered form
	await expect(page.getByText('CVR-nummeret er ikke gyldigt')).toBeVisible();
	await expect(form.getByText('Huset svarer ikke lige nu')).toHaveCount(0);
});
