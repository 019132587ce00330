import { describe, expect, it } from 'vitest';
import { AppSession, loadedAfter } from '../helpers/app';
import { waitForMail, linkFrom, readMails } from '../helpers/mail';
import {
	createUser,
	guestClient,
	randomIp,
	systemClient,
	uniqueEmail,
	PASSWORD
} from '../helpers/pocketbase';
import { stack } from '../helpers/stack';
import { codesOf, outcome } from '../helpers/scenarios';

const mailDir = () => stack().mailDir;

async function signUpThroughApp(session: AppSession, email: string, password = PASSWORD) {
	return session.post('/opret-konto', { name: 'Ny Borger', email, password, passwordConfirm: password });
}

async function outcomeOf(request: Promise<unknown>): Promise<{ status: number }> {
	try {
		await request;
		return { status: 204 };
	} catch (err) {
		return { status: (err as { status: number }).status };
	}
}

describe('citizen account through the app', () => {
	it('signs up, verifies from the real mail and signs in with an httpOnly, Lax cookie', async () => {
		const session = new AppSession();
		const email = uniqueEmail('signup');
		const created = await signUpThroughApp(session, email);
		expect(created.status).toBe(200);
		expect(await created.text()).toContain('Tjek din e-mail');

		// Not verified yet: sign-in is refused with the translated message.
		const early = await session.signIn(email, PASSWORD);
		expect(early.status).toBe(400);
		expect(await early.text()).toContain('Forkert e-mail eller adgangskode');

		const mail = await waitForMail(mailDir(), email, /Bekræft din e-mail/);
		const link = new URL(linkFrom(mail, '/bekraeft/')).pathname;
		// opening the link confirms nothing (a mail scanner opens every link): the form asks for the password
		const opened = await session.get(link);
		expect(await opened.text()).toContain('Skriv den adgangskode, du valgte');
		expect((await session.signIn(email, PASSWORD)).status).toBe(400);
		const wrong = await session.post(`${link}?/confirm`, { password: 'en-anden-kode-1' });
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Adgangskoden passer ikke');
		// with it, the address is confirmed and the person signed in, in one step
		const confirmed = await session.post(`${link}?/confirm`, { password: PASSWORD });
		expect(confirmed.status).toBe(303);
		expect(confirmed.headers.get('location')).toBe('/overblik');

		const signedIn = await session.signIn(email, PASSWORD);
		expect(signedIn.status).toBe(303);
		expect(signedIn.headers.get('location')).toBe('/overblik');
		const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('pb_auth='));
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Secure/i);

		const overview = await session.get('/overblik');
		expect(overview.status).toBe(200);
		expect(await overview.text()).toContain('Mit overblik');
	});

	it('calls an address too long to be one invalid, never taken', async () => {
		const refused = await signUpThroughApp(new AppSession(), `${'x'.repeat(70)}@test.borgerhus.dk`);
		expect(refused.status).toBe(400);
		const page = await refused.text();
		expect(page).toContain('Skriv en gyldig e-mail');
		expect(page).not.toContain('Der findes allerede en konto');
	});

	it('answers a taken address as a new one, creates nothing and tells the owner by mail', async () => {
		const existing = await createUser({ name: 'Ejer Ejersen' });
		const fresh = uniqueEmail('signup');
		const taken = await signUpThroughApp(new AppSession(), existing.email);
		const created = await signUpThroughApp(new AppSession(), fresh);
		// the same page for both: nothing tells a visitor which address has an account
		expect(taken.status).toBe(200);
		expect(created.status).toBe(200);
		const mainOf = async (response: Response, address: string) => {
			const html = await response.text();
			return html.slice(html.indexOf('<main'), html.indexOf('</main>')).replaceAll(address, 'ADDRESS');
		};
		const takenPage = await mainOf(taken, existing.email);
		expect(takenPage).toContain('Tjek din e-mail');
		expect(takenPage).toBe(await mainOf(created, fresh));
		const system = await systemClient();
		const matches = await system
			.collection('users')
			.getFullList({ filter: system.filter('email = {:e}', { e: existing.email }) });
		expect(matches).toHaveLength(1);
		expect(matches[0]!.name).toBe('Ejer Ejersen');
		// the owner is told, in the account's language, with the way in
		const mail = await waitForMail(mailDir(), existing.email, /Du har allerede en konto/);
		expect(mail.text).toContain('Hej Ejer Ejersen');
		expect(mail.text).toMatch(/^https?:\/\/\S+\/log-ind$/m);
		expect(mail.text).toMatch(/^https?:\/\/\S+\/glemt-adgangskode$/m);
		// a second try at once mails the owner no more (one such mail per account in ten minutes)
		expect((await signUpThroughApp(new AppSession(), existing.email.toUpperCase())).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		const notices = readMails(mailDir()).filter(
			(m) => m.to.includes(existing.email.toLowerCase()) && /Du har allerede en konto/.test(m.subject)
		);
		expect(notices).toHaveLength(1);
	});

	it('answers bad input for a taken address exactly as for a new one', async () => {
		const existing = await createUser();
		const bodies = (email: string) => [
			{ name: 'Ny Borger', email, password: 'short', passwordConfirm: 'short' },
			{ name: '', email, password: PASSWORD, passwordConfirm: PASSWORD },
			{ name: 'Ny Borger', email, password: PASSWORD, passwordConfirm: 'anden-kode-123' }
		];
		const guest = guestClient();
		const answer = (body: Record<string, string>) =>
			guest.send('/api/borgerhus/account/signup', { method: 'POST', body }).then(
				() => ({ status: 204, data: {} }),
				(err: { status: number; response: { data: Record<string, { code: string }> } }) => ({
					status: err.status,
					data: Object.fromEntries(Object.entries(err.response.data).map(([k, v]) => [k, v.code]))
				})
			);
		const forTaken = await Promise.all(bodies(existing.email).map(answer));
		const forNew = await Promise.all(bodies(uniqueEmail('signup')).map(answer));
		expect(forTaken).toEqual(forNew);
		expect(forTaken.map((a) => a.status)).toEqual([400, 400, 400]);
		expect(forTaken[0]!.data).toHaveProperty('password');
		expect(forTaken[1]!.data).toHaveProperty('name');
		expect(forTaken[2]!.data).toEqual({ passwordConfirm: 'validation_values_mismatch' });
		// and the owner is told nothing of input that was refused
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(readMails(mailDir()).filter((m) => m.to.includes(existing.email.toLowerCase()))).toEqual([]);
	});

	it('limits sign-ups per address, with Retry-After', async () => {
		const ip = randomIp();
		const statuses: number[] = [];
		let last: Response | undefined;
		for (let i = 0; i < 12; i++) {
			last = await fetch(`${stack().pbUrl}/api/borgerhus/account/signup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
				body: JSON.stringify({
					name: 'Ny',
					email: uniqueEmail('limit'),
					password: 'kort',
					passwordConfirm: 'kort'
				})
			});
			statuses.push(last.status);
		}
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
		expect(last?.status).toBe(429);
		expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
	});

	it('gives an account never confirmed to whoever can read its mail: a link to choose the password, never the first password', async () => {
		// a stranger signed up first with someone else's address and a password of their own
		const email = uniqueEmail('forud');
		const system = await systemClient();
		await system.collection('users').create({
			email,
			password: 'fremmedes-kode-1',
			passwordConfirm: 'fremmedes-kode-1',
			name: 'Fremmed',
			verified: false,
			language: 'da'
		});
		// the owner signs up: the same answer as ever, and a mail to take the account into use
		expect((await signUpThroughApp(new AppSession(), email, 'ejerens-kode-12')).status).toBe(200);
		const mail = await waitForMail(mailDir(), email, /Tag din konto i Borgerhus i brug/);
		expect(mail.text).not.toContain('Fremmed');
		expect(readMails(mailDir()).filter((m) => m.to.includes(email) && /Bekræft/.test(m.subject))).toEqual([]);
		const path = new URL(linkFrom(mail, '/nulstil-adgangskode/')).pathname;
		const session = new AppSession();
		const done = await session.post(path, {
			password: 'ejerens-kode-12',
			passwordConfirm: 'ejerens-kode-12'
		});
		expect(await done.text()).toContain('Din adgangskode er skiftet');
		// the owner's password signs in (the account is confirmed by the link), the stranger's does not
		expect((await new AppSession().signIn(email, 'ejerens-kode-12')).status).toBe(303);
		expect((await new AppSession().signIn(email, 'fremmedes-kode-1')).status).toBe(400);
		// a try at once after mails nothing more
		expect((await signUpThroughApp(new AppSession(), email)).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(readMails(mailDir()).filter((m) => m.to.includes(email))).toHaveLength(1);
	});

	it('confirms an address with the link and the password together: the link alone hands nobody an account', async () => {
		// someone signs up with another person's address and a password of their own
		const email = uniqueEmail('offer');
		const strangers = 'fremmedes-kode-9';
		await guestClient().send('/api/borgerhus/account/signup', {
			method: 'POST',
			body: { name: 'Fremmed', email, password: strangers, passwordConfirm: strangers }
		});
		const mail = await waitForMail(mailDir(), email, /Bekræft din e-mail/);
		const link = new URL(linkFrom(mail, '/bekraeft/')).pathname;
		const token = link.split('/').pop()!;
		const system = await systemClient();
		const verified = async () =>
			(await system.collection('users').getFirstListItem(system.filter('email = {:e}', { e: email })))
				.verified;
		// the owner of the mailbox (or a scanner) opens the link, and tries the form without the password
		expect((await new AppSession().get(link)).status).toBe(200);
		expect((await new AppSession().post(`${link}?/confirm`, { password: 'ejerens-gaet-1' })).status).toBe(
			400
		);
		// PocketBase's own confirmation, which takes the link alone, is refused
		await expect(guestClient().collection('users').confirmVerification(token)).rejects.toMatchObject({
			status: 400,
			response: { data: { token: { code: 'account_confirm_with_password' } } }
		});
		expect(await verified()).toBe(false);
		// a link that is no link
		const bogus = await guestClient()
			.send('/api/borgerhus/account/confirm', {
				method: 'POST',
				body: { token: 'x.y.z', password: strangers }
			})
			.catch((err: { response: { data: Record<string, { code: string }> } }) => err.response.data);
		expect(bogus).toMatchObject({ token: { code: 'account_confirm_invalid' } });
		expect(await verified()).toBe(false);
		// wrong passwords with the link are counted per account, from any address, as other password checks
		const attempt = (password: string) =>
			outcome(
				guestClient().send('/api/borgerhus/account/confirm', { method: 'POST', body: { token, password } })
			);
		for (let i = 0; i < 4; i++) expect((await attempt(`gaet-nummer-${i}`)).status).toBe(400);
		const limited = await attempt(strangers);
		expect(limited.status).toBe(429);
		expect(codesOf(limited.body)).toEqual(['account_password_attempts']);
		expect(await verified()).toBe(false);
	});

	it('keeps the owner’s confirmation link working whoever signs up with the address after them', async () => {
		const email = uniqueEmail('forkoeb');
		const signUp = (password: string) =>
			guestClient().send('/api/borgerhus/account/signup', {
				method: 'POST',
				body: { name: 'Ny Borger', email, password, passwordConfirm: password }
			});
		const confirm = (token: string, password: string) =>
			outcome(
				guestClient().send('/api/borgerhus/account/confirm', { method: 'POST', body: { token, password } })
			);
		await signUp('ejerens-kode-12');
		const first = await waitForMail(mailDir(), email, /Bekræft din e-mail/);
		const token = new URL(linkFrom(first, '/bekraeft/')).pathname.split('/').pop()!;
		// a stranger signs up with the address again and again: it changes nothing of the account
		for (let i = 0; i < 3; i++) await signUp(`fremmedes-kode-${i}`);
		expect((await confirm(token, 'fremmedes-kode-1')).status).toBe(400);
		expect((await confirm(token, 'ejerens-kode-12')).status).toBe(200);
		const system = await systemClient();
		const stored = await system
			.collection('users')
			.getFirstListItem(system.filter('email = {:e}', { e: email }));
		expect(stored.verified).toBe(true);
	});

	it('lets the first confirmation link confirm nothing once the owner has chosen the password', async () => {
		const email = uniqueEmail('forud2');
		// a stranger signs up first with the address: its confirmation mail names the stranger's password
		await guestClient().send('/api/borgerhus/account/signup', {
			method: 'POST',
			body: { name: 'Fremmed', email, password: 'fremmedes-kode-1', passwordConfirm: 'fremmedes-kode-1' }
		});
		const first = await waitForMail(mailDir(), email, /Bekræft din e-mail/);
		const token = new URL(linkFrom(first, '/bekraeft/')).pathname.split('/').pop()!;
		// the owner takes the account into use with a password of their own, by the sign-in help's mail
		const system = await systemClient();
		const user = await system
			.collection('users')
			.getFirstListItem(system.filter('email = {:e}', { e: email }));
		await system.collection('users').requestPasswordReset(email);
		const reset = await waitForMail(mailDir(), email, /Vælg en ny adgangskode/);
		const path = new URL(linkFrom(reset, '/nulstil-adgangskode/')).pathname;
		const done = await new AppSession().post(path, {
			password: 'ejerens-kode-12',
			passwordConfirm: 'ejerens-kode-12'
		});
		expect(await done.text()).toContain('Din adgangskode er skiftet');
		// the first link, with the stranger's password, confirms nothing: a new password ends every earlier link
		await expect(
			guestClient().send('/api/borgerhus/account/confirm', {
				method: 'POST',
				body: { token, password: 'fremmedes-kode-1' }
			})
		).rejects.toMatchObject({ status: 400 });
		expect((await new AppSession().signIn(email, 'ejerens-kode-12')).status).toBe(303);
		expect((await system.collection('users').getOne(user.id)).verified).toBe(true);
	});

	it('refuses a name with characters that hide or reorder text, for a taken address as for a new one', async () => {
		const existing = await createUser();
		for (const email of [existing.email, uniqueEmail('signup')]) {
			for (const [name, code] of [
				['Anna\u202eNNA', 'core_text_hidden'],
				['A\u0000B', 'core_text_hidden'],
				['   ', 'core_text_blank'],
				['An\u00adna', 'core_text_invisible'],
				['Anna\u3164', 'core_text_hidden'],
				['An\u2062na', 'core_text_hidden']
			]) {
				await expect(
					guestClient().send('/api/borgerhus/account/signup', {
						method: 'POST',
						body: { name, email, password: PASSWORD, passwordConfirm: PASSWORD }
					}),
					JSON.stringify(name)
				).rejects.toMatchObject({ status: 400, response: { data: { name: { code } } } });
			}
		}
	});

	it('makes a citizen and nothing more, whatever the sign-up sends; the record API makes no account at all', async () => {
		const email = uniqueEmail('signup');
		await guestClient().send('/api/borgerhus/account/signup', {
			method: 'POST',
			body: {
				name: 'Ny Borger',
				email,
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				staff: true,
				verified: true,
				library_card: '12345678',
				desk_account: true,
				language: 'en'
			}
		});
		const system = await systemClient();
		const made = await system
			.collection('users')
			.getFirstListItem(system.filter('email = {:e}', { e: email }));
		expect(made).toMatchObject({
			staff: false,
			verified: false,
			library_card: '',
			desk_account: false,
			language: 'en',
			name: 'Ny Borger'
		});
		const direct = await guestClient()
			.collection('users')
			.create({
				email: uniqueEmail('direct'),
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name: 'Direkte'
			})
			.then(
				() => 200,
				(err: { status: number }) => err.status
			);
		expect(direct).toBe(403);
	});

	it('checks the sign-up form on the server: short password, mismatch, bad email', async () => {
		const session = new AppSession();
		const response = await session.post('/opret-konto', {
			name: '',
			email: 'not-an-email',
			password: 'short',
			passwordConfirm: 'different'
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Udfyld feltet.');
		expect(html).toContain('Skriv en gyldig e-mail');
		expect(html).toContain('mindst 10 tegn');
		expect(html).not.toContain('value="short"');
	});

	it('says a password is too long where PocketBase would take no more: 71 characters, 72 bytes', async () => {
		const session = new AppSession();
		const system = await systemClient();
		const signUp = async (password: string) => {
			const email = uniqueEmail('lang');
			const response = await session.post('/opret-konto', {
				name: 'Lang Kode',
				email,
				password,
				passwordConfirm: password
			});
			const stored = await system
				.collection('users')
				.getList(1, 1, { filter: system.filter('email = {:email}', { email }) });
			return { status: response.status, html: await response.text(), stored: stored.totalItems };
		};
		for (const password of ['æ'.repeat(40), 'a'.repeat(72)]) {
			const refused = await signUp(password);
			expect(refused.status).toBe(400);
			expect(refused.html).toContain('Adgangskoden er for lang');
			expect(refused.stored).toBe(0);
		}
		// the longest that fits is taken
		expect(await signUp('a'.repeat(71))).toMatchObject({ status: 200, stored: 1 });
	});

	it('answers a wrong password with a translated message, then rate limits the address', async () => {
		const user = await createUser();
		const session = new AppSession();
		const wrong = await session.signIn(user.email, 'wrong-password-123');
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Forkert e-mail eller adgangskode');

		let last: Response | undefined;
		for (let i = 0; i < 12; i++) last = await session.signIn(user.email, 'wrong-password-123');
		expect(last?.status).toBe(429);
		expect(await last?.text()).toContain('For mange forsøg');

		// Another address is not affected.
		const other = new AppSession();
		expect((await other.signIn(user.email, PASSWORD)).status).toBe(303);
	});

	it('limits sign-in from a request whose address cannot be read, as one shared address', async () => {
		const user = await createUser();
		const base = new AppSession().base;
		const attempt = () =>
			fetch(new URL('/log-ind', base), {
				method: 'POST',
				// no X-Forwarded-For although the app is told to read the address from it
				headers: {
					origin: new URL(base).origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ email: user.email, password: 'wrong-password-123' }),
				redirect: 'manual'
			});
		let last: Response | undefined;
		for (let i = 0; i < 12; i++) last = await attempt();
		expect(last?.status).toBe(429);
	});

	it('tells the account of a sign-in from a new place, in its language', async () => {
		// createUser signed in once already: the next sign-in from another address is from a new place
		const user = await createUser({ name: 'Vagtsom Vera' });
		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		const danish = await waitForMail(mailDir(), user.email, /Nogen loggede ind på din konto/);
		expect(danish.text).toContain('Hej Vagtsom Vera.');
		expect(danish.text).toContain(`adressen ${session.ip}`);
		expect(danish.text).toContain('/glemt-adgangskode');
		expect(danish.text).not.toMatch(/Login from a new location/i);

		await (await systemClient()).collection('users').update(user.record.id, { language: 'en' });
		const elsewhere = new AppSession();
		expect((await elsewhere.signIn(user.email, PASSWORD)).status).toBe(303);
		const english = await waitForMail(mailDir(), user.email, /Someone signed in to your Borgerhus account/);
		expect(english.text).toContain(`the address ${elsewhere.ip}`);
	});

	it('resets a forgotten password from the mailed link', async () => {
		const user = await createUser();
		const session = new AppSession();
		const asked = await session.post('/glemt-adgangskode', { email: user.email });
		expect(await asked.text()).toContain('har vi sendt et link');
		const mail = await waitForMail(mailDir(), user.email, /ny adgangskode/);
		const path = new URL(linkFrom(mail, '/nulstil-adgangskode/')).pathname;

		const mismatch = await session.post(path, {
			password: 'a-new-password-1',
			passwordConfirm: 'other-password-1'
		});
		expect(await mismatch.text()).toContain('De to adgangskoder er ikke ens');

		const done = await session.post(path, {
			password: 'a-new-password-1',
			passwordConfirm: 'a-new-password-1'
		});
		expect(await done.text()).toContain('Din adgangskode er skiftet');
		expect((await session.signIn(user.email, 'a-new-password-1')).status).toBe(303);

		// The link works once.
		const again = await new AppSession().post(path, {
			password: 'third-password-1',
			passwordConfirm: 'third-password-1'
		});
		expect(await again.text()).toContain('Linket er udløbet');
	});

	it('changes email after confirming the mailed link with the password', async () => {
		const user = await createUser();
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const newEmail = uniqueEmail('moved');
		const asked = await session.post('/profil?/email', { newEmail });
		expect(await asked.text()).toContain(`Vi har sendt et link til ${newEmail}`);
		const mail = await waitForMail(mailDir(), newEmail, /nye e-mail/);
		const path = new URL(linkFrom(mail, '/skift-email/')).pathname;

		const wrong = await session.post(path, { password: 'not-the-password' });
		expect(wrong.status).toBe(400);
		expect(wrong.headers.get('clear-site-data')).toBeNull();
		const done = await session.post(path, { password: PASSWORD });
		expect(await done.text()).toContain('Din e-mail er skiftet');
		// the session ended with the change: the pages kept for offline use go with it
		expect(done.headers.get('clear-site-data')).toBe('"cache", "storage"');
		expect((await new AppSession().signIn(newEmail, PASSWORD)).status).toBe(303);
		expect((await new AppSession().signIn(user.email, PASSWORD)).status).toBe(400);
	});

	it('counts wrong passwords at the confirmation of a new address per account, from any address', async () => {
		const user = await createUser();
		const newEmail = uniqueEmail('flyttet');
		await user.pb.collection('users').requestEmailChange(newEmail);
		const mail = await waitForMail(mailDir(), newEmail, /nye e-mail/);
		const token = new URL(linkFrom(mail, '/skift-email/')).pathname.split('/').pop()!;
		// each try from another client address, as a stolen link and session could be used
		const attempt = (password: string, i: number) =>
			outcome(
				guestClient().send('/api/collections/users/confirm-email-change', {
					method: 'POST',
					body: { token, password },
					headers: { 'X-Forwarded-For': `198.51.100.${i + 1}` }
				})
			);
		for (let i = 0; i < 5; i++) expect((await attempt(`gaet-nummer-${i}`, i)).status).toBe(400);
		const limited = await attempt(PASSWORD, 9);
		expect(limited.status).toBe(429);
		expect(codesOf(limited.body)).toEqual(['account_password_attempts']);
		const system = await systemClient();
		expect((await system.collection('users').getOne(user.record.id)).email).toBe(user.email);
	});

	it('says so when the new address has another account by the time the link is used, not that the password is wrong', async () => {
		const user = await createUser();
		const other = await createUser();
		const newEmail = uniqueEmail('flyttet');
		await user.pb.collection('users').requestEmailChange(newEmail);
		const mail = await waitForMail(mailDir(), newEmail, /nye e-mail/);
		const path = new URL(linkFrom(mail, '/skift-email/')).pathname;
		// the address was free when asked for; another account has it now (its own change confirmed first)
		const system = await systemClient();
		await system.collection('users').update(other.record.id, { email: newEmail.toUpperCase() });

		// through PocketBase directly: the address, not the right password, is what is refused
		const direct = await outcome(
			guestClient().send('/api/collections/users/confirm-email-change', {
				method: 'POST',
				body: { token: path.split('/').pop(), password: PASSWORD }
			})
		);
		expect(direct.status).toBe(400);
		expect(codesOf(direct.body)).toEqual(['account_email_taken_meanwhile']);
		// and on the page, in words
		const session = new AppSession();
		const page = await session.post(path, { password: PASSWORD });
		expect(page.status).toBe(400);
		const html = await page.text();
		expect(html).toContain('Den nye e-mail bruges nu af en anden konto');
		expect(html).not.toContain('Adgangskoden er forkert');
		expect((await system.collection('users').getOne(user.record.id)).email).toBe(user.email);
		// a wrong password is still said to be wrong, before anything about the address
		const wrong = await outcome(
			guestClient().send('/api/collections/users/confirm-email-change', {
				method: 'POST',
				body: { token: path.split('/').pop(), password: 'ikke-adgangskoden' }
			})
		);
		expect(codesOf(wrong.body)).toContain('validation_invalid_password');
		expect(codesOf(wrong.body)).not.toContain('account_email_taken_meanwhile');
	});

	it('answers a change to a taken address as a change to a free one, and sends no link', async () => {
		const user = await createUser();
		const other = await createUser();
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const asked = await session.post('/profil?/email', { newEmail: other.email.toUpperCase() });
		expect(await asked.text()).toContain(`Vi har sendt et link til ${other.email.toUpperCase()}`);
		// through PocketBase directly, the same answer for a taken and a free address
		const taken = await user.pb.send('/api/collections/users/request-email-change', {
			method: 'POST',
			body: { newEmail: other.email }
		});
		const free = uniqueEmail('fri');
		const freeAnswer = await user.pb.send('/api/collections/users/request-email-change', {
			method: 'POST',
			body: { newEmail: free }
		});
		expect(taken).toEqual(freeAnswer);
		await waitForMail(mailDir(), free, /nye e-mail/);
		// the owner of the taken address is told that nothing changed, once in ten minutes, and gets no link:
		// a mail in both cases, so the time of the answer does not tell a taken address from a free one
		const notice = await waitForMail(
			mailDir(),
			other.email.toLowerCase(),
			/Nogen ville skifte til din e-mail/
		);
		expect(notice.text).toContain('intet er ændret');
		expect(notice.text).not.toMatch(/skift-email|token/i);
		expect(readMails(mailDir()).filter((m) => m.to.includes(other.email.toLowerCase()))).toHaveLength(1);
		const system = await systemClient();
		expect((await system.collection('users').getOne(user.record.id)).email).toBe(user.email);
		expect((await system.collection('users').getOne(other.record.id)).email).toBe(other.email);
		// every request counts against one limit per account, taken or free: five a minute
		const ip = randomIp();
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) {
			for (const newEmail of [other.email, uniqueEmail('fri')]) {
				const response = await fetch(`${stack().pbUrl}/api/collections/users/request-email-change`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						authorization: user.pb.authStore.token,
						'x-forwarded-for': ip
					},
					body: JSON.stringify({ newEmail })
				});
				statuses.push(response.status);
				if (response.status === 429) expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
			}
		}
		// three were made above: two more pass, then every request is refused, taken or free
		expect(statuses).toEqual([204, 204, 429, 429, 429, 429]);
	});

	it('answers a taken address as a free one also where the path names the users collection otherwise', async () => {
		const user = await createUser();
		const other = await createUser();
		for (const name of ['_pb_users_auth_', 'Users', 'USERS']) {
			const answer = await outcomeOf(
				user.pb.send(`/api/collections/${name}/request-email-change`, {
					method: 'POST',
					body: { newEmail: other.email }
				})
			);
			expect(answer, name).toEqual({ status: 204 });
		}
		// an address no account may have is refused before anything else
		const lookalike = await outcomeOf(
			user.pb.send('/api/collections/users/request-email-change', {
				method: 'POST',
				body: { newEmail: `bor\u200bger-${other.email}` }
			})
		);
		expect(lookalike.status).toBe(400);
		await new Promise((r) => setTimeout(r, 300));
		// the owner's one notice (nothing changed), no link to confirm a change
		expect(
			readMails(mailDir())
				.filter((m) => m.to.includes(other.email.toLowerCase()))
				.map((m) => m.subject)
		).toEqual(['Nogen ville skifte til din e-mail i Borgerhus']);
	});

	it('reads the fields of the account mail routes in every spelling PocketBase takes: a taken address, the mail limit and the password count hold', async () => {
		// PocketBase binds a JSON body's keys to its form in any letter case ("NewEmail", "EMAIL", "paſſword"
		// with a long s); the door read only the spelling of the docs, so another one went past it
		const user = await createUser();
		const other = await createUser();
		const changeTo = (body: Record<string, string>) =>
			outcome(user.pb.send('/api/collections/users/request-email-change', { method: 'POST', body }));
		const taken = await changeTo({ NewEmail: other.email });
		expect(taken).toEqual(await changeTo({ NewEmail: uniqueEmail('fri') }));
		// a field named twice, in two spellings, is refused: which one PocketBase would take is not known
		const twice = await changeTo({ newEmail: uniqueEmail('fri'), NEWEMAIL: other.email });
		expect(twice.status).toBe(400);

		const reset = await createUser();
		for (let i = 0; i < 5; i++) {
			const response = await fetch(`${stack().pbUrl}/api/collections/users/request-password-reset`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
				body: JSON.stringify({ [['Email', 'EMAIL', 'eMail', 'email', 'Email'][i]!]: reset.email })
			});
			expect(response.status).toBe(204);
		}
		await waitForMail(mailDir(), reset.email, /adgangskode/i);
		await new Promise((r) => setTimeout(r, 1_000));
		expect(readMails(mailDir()).filter((m) => m.to.includes(reset.email.toLowerCase()))).toHaveLength(3);

		const mover = await createUser();
		const newEmail = uniqueEmail('flyttet');
		await mover.pb.collection('users').requestEmailChange(newEmail);
		const mail = await waitForMail(mailDir(), newEmail, /nye e-mail/);
		const token = new URL(linkFrom(mail, '/skift-email/')).pathname.split('/').pop()!;
		const attempt = (password: string, i: number) =>
			outcome(
				guestClient().send('/api/collections/users/confirm-email-change', {
					method: 'POST',
					body: { Token: token, ['pa\u017F\u017Fword']: password },
					headers: { 'X-Forwarded-For': `198.51.100.${i + 11}` }
				})
			);
		for (let i = 0; i < 5; i++) expect((await attempt(`gaet-nummer-${i}`, i)).status).toBe(400);
		const limited = await attempt(PASSWORD, 9);
		expect(limited.status).toBe(429);
		expect(codesOf(limited.body)).toEqual(['account_password_attempts']);
		const system = await systemClient();
		expect((await system.collection('users').getOne(mover.record.id)).email).toBe(mover.email);
	});

	it('refuses a field of the account mail routes given twice in a form: the password count and the mail limit hold', async () => {
		// a form's field given twice comes to the door as a list, and PocketBase's handler takes its first
		// value: read as no text, the guesses went uncounted and the mails past the limit
		const twice = (fields: Record<string, string>, name: string, value: string) => {
			const form = new FormData();
			for (const [key, text] of Object.entries(fields)) form.append(key, text);
			form.append(name, value);
			form.append(name, value);
			return form;
		};
		const mover = await createUser();
		const newEmail = uniqueEmail('flyttet');
		await mover.pb.collection('users').requestEmailChange(newEmail);
		const mail = await waitForMail(mailDir(), newEmail, /nye e-mail/);
		const token = new URL(linkFrom(mail, '/skift-email/')).pathname.split('/').pop()!;
		for (let i = 0; i < 6; i++) {
			const guess = await outcome(
				guestClient().send('/api/collections/users/confirm-email-change', {
					method: 'POST',
					body: twice({ token }, 'password', `gaet-nummer-${i}`),
					headers: { 'X-Forwarded-For': randomIp() }
				})
			);
			expect([guess.status, codesOf(guess.body)]).toEqual([400, ['core_invalid_value']]);
		}
		const system = await systemClient();
		expect((await system.collection('users').getOne(mover.record.id)).email).toBe(mover.email);

		const reset = await createUser();
		for (let i = 0; i < 5; i++) {
			const response = await fetch(`${stack().pbUrl}/api/collections/users/request-password-reset`, {
				method: 'POST',
				headers: { 'x-forwarded-for': randomIp() },
				body: twice({}, 'email', reset.email)
			});
			expect(response.status).toBe(400);
		}
		await new Promise((r) => setTimeout(r, 1_000));
		expect(readMails(mailDir()).filter((m) => m.to.includes(reset.email.toLowerCase()))).toEqual([]);
	});

	it('sends at most three password mails to one address in an hour, however many client addresses ask', async () => {
		const user = await createUser();
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			const response = await fetch(`${stack().pbUrl}/api/collections/users/request-password-reset`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
				body: JSON.stringify({ email: i % 2 ? user.email.toUpperCase() : user.email })
			});
			statuses.push(response.status);
		}
		// every request gets the same answer
		expect(statuses).toEqual([204, 204, 204, 204, 204]);
		await waitForMail(mailDir(), user.email, /adgangskode/i);
		await new Promise((r) => setTimeout(r, 1_000));
		const mails = readMails(mailDir()).filter((m) => m.to.includes(user.email.toLowerCase()));
		expect(mails).toHaveLength(3);
	});

	it('greets nobody by a name an unconfirmed account or an e-mail change could carry to a stranger', async () => {
		const lure = 'Din konto er spærret. Gå til https://evil.example/login';
		// a stranger signs up with someone else's address, never confirmed, and asks for a new password
		const victim = uniqueEmail('navnelokke');
		await guestClient().send('/api/borgerhus/account/signup', {
			method: 'POST',
			headers: { 'x-forwarded-for': randomIp() },
			body: { email: victim, password: PASSWORD, passwordConfirm: PASSWORD, name: lure, language: 'da' }
		});
		const reset = await fetch(`${stack().pbUrl}/api/collections/users/request-password-reset`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
			body: JSON.stringify({ email: victim })
		});
		expect(reset.status).toBe(204);
		const resetMail = await waitForMail(mailDir(), victim, /ny adgangskode/);
		expect(resetMail.text).toContain('Hej. Du har bedt om en ny adgangskode.');
		expect(resetMail.text).not.toContain('evil.example');
		// a confirmed account names itself, and asks to move to someone else's address
		const asker = await createUser({ name: lure });
		const other = uniqueEmail('navnelokke-ny');
		await asker.pb.collection('users').requestEmailChange(other);
		const changeMail = await waitForMail(mailDir(), other, /e-mail/);
		expect(changeMail.text).toContain('Hej. Bekræft at du vil bruge denne e-mail');
		expect(changeMail.text).not.toContain('evil.example');
	});

	it('takes a phone number as a phone number, through the records API and at the desk alike', async () => {
		const user = await createUser({ name: 'Telefon Tove' });
		const system = await systemClient();
		await user.pb.collection('users').update(user.record.id, { phone: '+45 20 30 40 50' });
		for (const phone of ['ring aldrig <b>her</b>', '12', '20 30 +40 50']) {
			const refused = await outcome(user.pb.collection('users').update(user.record.id, { phone }));
			expect(refused.status).toBe(400);
			expect(codesOf(refused.body)).toEqual(['core_phone_invalid']);
		}
		expect((await system.collection('users').getOne(user.record.id)).phone).toBe('+45 20 30 40 50');
		await user.pb.collection('users').update(user.record.id, { phone: '' });
		expect((await system.collection('users').getOne(user.record.id)).phone).toBe('');
		// a desk account is found again by its number: one that is none is refused there too
		const staff = await createUser({ staff: true });
		const desk = await outcome(
			staff.pb.send('/api/borgerhus/desk/accounts', {
				method: 'POST',
				body: { name: 'Vera Venter', phone: 'ring aldrig' }
			})
		);
		expect(desk.status).toBe(400);
		expect(codesOf(desk.body)).toEqual(['core_phone_invalid']);
	});

	it('mails a confirmation link that works for the 3 days the mail says', async () => {
		const email = uniqueEmail('tredage');
		await guestClient().send('/api/borgerhus/account/signup', {
			method: 'POST',
			headers: { 'x-forwarded-for': randomIp() },
			body: { email, password: PASSWORD, passwordConfirm: PASSWORD, name: 'Tre Dage', language: 'da' }
		});
		const mail = await waitForMail(mailDir(), email, /Bekræft/);
		expect(mail.text).toContain('Linket virker i 3 dage.');
		const token = /\/bekraeft\/(\S+)/.exec(mail.text)![1]!;
		const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
		expect((exp * 1000 - Date.now()) / 3_600_000).toBeGreaterThan(71.5);
	});

	it("writes a name into a mail as it is, whatever it holds ($' or a placeholder)", async () => {
		const user = await createUser({ name: "Ann$' {when} $&" });
		const response = await fetch(`${stack().pbUrl}/api/collections/users/request-password-reset`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
			body: JSON.stringify({ email: user.email })
		});
		expect(response.status).toBe(204);
		const mail = await waitForMail(mailDir(), user.email, /adgangskode/i);
		expect(mail.text).toContain("Hej Ann$' {when} $&. Du har bedt om en ny adgangskode.");
		expect(mail.text.split('Du har bedt om en ny adgangskode').length).toBe(2);
	});

	it('saves the profile and refuses a bad phone number without changing anything', async () => {
		const user = await createUser({ name: 'Før Navn' });
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);

		const bad = await session.post('/profil?/save', {
			name: 'Efter Navn',
			phone: 'ring til mig',
			language: 'da'
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Skriv et telefonnummer med cifre');
		const system = await systemClient();
		expect((await system.collection('users').getOne(user.record.id)).name).toBe('Før Navn');

		const good = await session.post('/profil?/save', {
			name: 'Efter Navn',
			phone: '+45 20 30 40 50',
			language: 'en',
			notify_email: 'on'
		});
		expect(good.status).toBe(303);
		expect(good.headers.get('location')).toBe('/profil?gemt=1');
		expect(await (await session.get('/profil?gemt=1')).text()).toContain('Your details have been saved');
		const saved = await system.collection('users').getOne(user.record.id);
		expect(saved).toMatchObject({
			name: 'Efter Navn',
			phone: '+45 20 30 40 50',
			language: 'en',
			notify_email: true,
			notify_reminders: false
		});
	});

	it('switches language for a guest and remembers it in a cookie', async () => {
		const session = new AppSession();
		expect(await (await session.get('/lokaler')).text()).toContain('<html lang="da"');
		const switched = await session.post('/sprog', { language: 'en', redirectTo: '/lokaler' });
		expect(switched.status).toBe(303);
		expect(switched.headers.get('location')).toBe('/lokaler');
		expect(session.cookie('PARAGLIDE_LOCALE')).toBe('en');
		const page = await (await session.get('/lokaler')).text();
		expect(page).toContain('<html lang="en"');
		expect(page).toContain('Rooms');

		// A hostile redirect target is ignored.
		const hostile = await session.post('/sprog', { language: 'da', redirectTo: '//evil.example/' });
		expect(hostile.headers.get('location')).toBe('/');
	});

	it('stores the language on the profile of a signed-in user and applies it at the next sign-in', async () => {
		const user = await createUser();
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		await session.post('/sprog', { language: 'en', redirectTo: '/' });
		const system = await systemClient();
		expect((await system.collection('users').getOne(user.record.id)).language).toBe('en');

		const fresh = new AppSession();
		await fresh.signIn(user.email, PASSWORD);
		expect(fresh.cookie('PARAGLIDE_LOCALE')).toBe('en');
	});

	it('keeps a language chosen in another tab when the profile form, opened before, is saved', async () => {
		const user = await createUser({ name: 'To Faner' });
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		const page = await (await session.get('/profil')).text();
		expect(page).toContain('<html lang="da"');
		const form = { name: 'To Faner', phone: '', language: 'da', _loaded: loadedAfter(page) };
		// the other tab switches to English, then the first saves its form with a phone number
		await session.post('/sprog', { language: 'en', redirectTo: '/profil' });
		const saved = await session.post('/profil?/save', { ...form, phone: '+45 20 30 40 50' });
		expect(saved.status).toBe(303);
		const system = await systemClient();
		expect(await system.collection('users').getOne(user.record.id)).toMatchObject({
			phone: '+45 20 30 40 50',
			language: 'en'
		});
		expect(session.cookie('PARAGLIDE_LOCALE')).toBe('en');
		expect(await (await session.get('/profil?gemt=1')).text()).toContain('<html lang="en"');
	});

	it('keeps the field each of two open profile forms changed; the later save decides a field both changed', async () => {
		const user = await createUser({ name: 'Før Navn' });
		const [first, second] = [new AppSession(), new AppSession()];
		await first.signIn(user.email, PASSWORD);
		await second.signIn(user.email, PASSWORD);
		const bothOpen = async () => {
			const [a, b] = await Promise.all([first.get('/profil'), second.get('/profil')]);
			const fields = { name: 'Før Navn', phone: '', language: 'da' };
			return [
				{ ...fields, _loaded: loadedAfter(await a.text()) },
				{ ...fields, _loaded: loadedAfter(await b.text()) }
			] as const;
		};
		const system = await systemClient();
		const stored = () => system.collection('users').getOne(user.record.id);

		// one renames, the other, from the form as it was, turns on mails and gives a phone number
		const [formA, formB] = await bothOpen();
		expect((await first.post('/profil?/save', { ...formA, name: 'Efter Navn' })).status).toBe(303);
		expect(
			(await second.post('/profil?/save', { ...formB, phone: '+45 20 30 40 50', notify_email: 'on' })).status
		).toBe(303);
		expect(await stored()).toMatchObject({
			name: 'Efter Navn',
			phone: '+45 20 30 40 50',
			notify_email: true,
			language: 'da'
		});

		// both change the phone number: the later save decides
		const [againA, againB] = (await bothOpen()).map((form) => ({
			...form,
			name: 'Efter Navn',
			phone: '+45 20 30 40 50',
			notify_email: 'on'
		}));
		expect((await first.post('/profil?/save', { ...againA!, phone: '+45 11 22 33 44' })).status).toBe(303);
		expect((await second.post('/profil?/save', { ...againB!, phone: '+45 55 66 77 88' })).status).toBe(303);
		expect(await stored()).toMatchObject({
			name: 'Efter Navn',
			phone: '+45 55 66 77 88',
			notify_email: true
		});
	});

	it('signs out and the cookie no longer gives access', async () => {
		const user = await createUser();
		const session = new AppSession();
		await session.signIn(user.email, PASSWORD);
		expect((await session.get('/overblik')).status).toBe(200);
		const out = await session.post('/log-ud', {});
		expect(out.status).toBe(303);
		const after = await session.get('/overblik');
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/log-ind?redirectTo=%2Foverblik');
	});
});

describe('staff pages are refused to others on the server', () => {
	it.each([
		['guest', null, 303],
		['citizen', false, 403],
		['staff', true, 200]
	] as const)('%s gets %s… on /personale', async (_who, staff, status) => {
		const session = new AppSession();
		if (staff !== null) {
			const user = await createUser({ staff });
			await session.signIn(user.email, PASSWORD);
		}
		const response = await session.get('/personale');
		expect(response.status).toBe(status);
		const html = await response.text();
		if (status === 403) expect(html).toContain('kun for husets personale');
		if (status === 200) expect(html).toContain('Personale');
	});
});

describe('the users collection through the PocketBase API directly', () => {
	it('will not let anyone make themselves staff', async () => {
		const guest = guestClient();
		await expect(
			guest.collection('users').create({
				email: uniqueEmail('sneaky'),
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name: 'Sneaky',
				staff: true
			})
		).rejects.toMatchObject({ status: 403 });

		const user = await createUser();
		await expect(user.pb.collection('users').update(user.record.id, { staff: true })).rejects.toMatchObject({
			status: 400,
			response: { data: { staff: { code: 'core_field_locked' } } }
		});
		const system = await systemClient();
		expect((await system.collection('users').getOne(user.record.id)).staff).toBe(false);
	});

	it('shows a user only their own record; staff see everyone; guests see nobody', async () => {
		const alice = await createUser();
		const bob = await createUser();
		const staff = await createUser({ staff: true });

		const aliceSees = await alice.pb.collection('users').getFullList();
		expect(aliceSees.map((u) => u.id)).toEqual([alice.record.id]);
		await expect(alice.pb.collection('users').getOne(bob.record.id)).rejects.toMatchObject({ status: 404 });

		const guestSees = await guestClient().collection('users').getList(1, 50);
		expect(guestSees.items).toHaveLength(0);

		const staffSees = await staff.pb.collection('users').getOne(bob.record.id);
		expect(staffSees.id).toBe(bob.record.id);
		// The calendar secret is hidden even from staff.
		expect(staffSees).not.toHaveProperty('calendar_token');
	});

	it('refuses sign-in to an account that may not sign in as it refuses a wrong password', async () => {
		const system = await systemClient();
		const email = uniqueEmail('unverified');
		await system
			.collection('users')
			.create({ email, password: PASSWORD, passwordConfirm: PASSWORD, name: 'U', verified: false });
		const refused = (address: string, password: string) =>
			guestClient()
				.collection('users')
				.authWithPassword(address, password)
				.then(
					() => null,
					(err: { status: number; response: { message: string } }) => [err.status, err.response.message]
				);
		const wrong = await refused((await createUser()).email, 'et-forkert-kodeord');
		expect(wrong).toEqual([400, 'Failed to authenticate.']);
		// never confirmed, with the right password: whoever signed up with an address cannot tell by signing
		// in whether it had an account before
		expect(await refused(email, PASSWORD)).toEqual(wrong);
		const deleted = await createUser();
		await system.collection('users').update(deleted.record.id, { deleted_at: new Date().toISOString() });
		expect(await refused(deleted.email, deleted.password)).toEqual(wrong);
	});
});
