// What people read on the pages, through the app (a UI sweep): validation messages in the page's language
// (never the validation library's English), one friendly not-found page for every 404, and a search for
// more people than the house holds told so plainly.
import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser } from '../helpers/pocketbase';
import { houseDate } from './rooms-arrange';

const LIBRARY_DEFAULT = /Too big|Too small|expected string|Invalid input/;

describe('form messages in the page language', () => {
	it('says a too-long password on /log-ind is too long, in Danish', async () => {
		const session = new AppSession();
		const response = await session.signIn('someone@example.dk', 'x'.repeat(201));
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Teksten er for lang (højst 200 tegn).');
		expect(html).not.toMatch(LIBRARY_DEFAULT);
	});

	it('says so for the current password on /profil and a contact e-mail on /foreninger', async () => {
		const user = await createUser();
		const session = new AppSession();
		expect((await session.signIn(user.email, user.password)).status).toBe(303);

		const password = await session.post('/profil?/password', {
			oldPassword: 'x'.repeat(201),
			password: 'et-langt-nyt-kodeord',
			passwordConfirm: 'et-langt-nyt-kodeord'
		});
		expect(password.status).toBe(400);
		const passwordHtml = await password.text();
		expect(passwordHtml).toContain('Teksten er for lang (højst 200 tegn).');
		expect(passwordHtml).not.toMatch(LIBRARY_DEFAULT);

		const association = await session.post('/foreninger?/create', {
			name: 'Forening med lang e-mail',
			cvr: '',
			contact_name: '',
			contact_email: `${'x'.repeat(250)}@example.dk`,
			contact_phone: '',
			description: ''
		});
		expect(association.status).toBe(400);
		const associationHtml = await association.text();
		expect(associationHtml).toContain('Teksten er for lang (højst 254 tegn).');
		expect(associationHtml).not.toMatch(LIBRARY_DEFAULT);
	});
});

describe('not found', () => {
	it.each([
		'/arrangementer/ikke-et-id',
		'/lokaler/findes-ikke-xyz',
		'/lokaler/findes-ikke-xyz/skilt',
		'/bibliotek/aaaaaaaaaaaaaaa',
		'/saeson/aaaaaaaaaaaaaaa/plan',
		'/ingen-side-her'
	])('%s reads as a page that is not there, never "Error: 404"', async (path) => {
		const response = await new AppSession().get(path);
		expect(response.status).toBe(404);
		// what the page shows, not the data it hands to the browser's script
		const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '');
		expect(html).toContain('Siden findes ikke');
		expect(html).not.toContain('Error: 404');
		expect(html).not.toContain('Der skete en fejl');
	});
});

describe('finding a free room', () => {
	it('says how many people at most, not "at least 1", for a huge number', async () => {
		const response = await new AppSession().get(
			`/lokaler/ledige?dato=${houseDate(20)}&fra=12:00&til=14:00&antal=999999999`
		);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Skriv et antal fra 1 til 99.999.');
		expect(html).not.toContain('mindst 1');
	});
});

describe('a form post that cannot be read as a form', () => {
	it('is refused as bad input in the reader’s language, never a server error, on any page', async () => {
		const citizen = await createUser({ name: 'Formular Fejl' });
		const session = new AppSession();
		await session.signIn(citizen.email, citizen.password);
		const post = (path: string, type: string, body: string, extra: Record<string, string> = {}) =>
			fetch(new URL(path, session.base), {
				method: 'POST',
				headers: {
					'x-forwarded-for': session.ip,
					origin: new URL(session.base).origin,
					cookie: session.cookieHeader(),
					'content-type': type,
					accept: 'text/html',
					...extra
				},
				body,
				redirect: 'manual'
			});
		for (const path of ['/log-ind', '/profil?/save', '/overblik?/cancel']) {
			for (const [type, body] of [
				['multipart/form-data; boundary=xyz', 'garbage'],
				[
					'multipart/form-data; boundary=xyz',
					'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\ncut off'
				],
				['text/plain', 'id=1']
			] as const) {
				const answer = await post(path, type, body);
				expect(answer.status, `${path} ${type}`).toBe(400);
				expect(await answer.text()).toContain('Formularen kunne ikke læses');
			}
		}
		const english = await fetch(new URL('/log-ind', session.base), {
			method: 'POST',
			headers: {
				origin: new URL(session.base).origin,
				cookie: 'PARAGLIDE_LOCALE=en',
				'content-type': 'text/plain'
			},
			body: 'x'
		});
		expect(english.status).toBe(400);
		expect(await english.text()).toContain('The form could not be read');
		// JSON to a form action, as a script might send it: refused in words, not as an unexpected error
		const json = await post('/overblik?/cancel', 'application/json', '{}', { accept: 'application/json' });
		expect(json.status).toBe(415);
		expect(await json.text()).toContain('Formularen kunne ikke læses');
		// a readable form still reaches its action
		expect((await session.post('/overblik?/cancel', { kind: 'booking', id: 'x' })).status).toBe(400);
	});
});

describe('the app’s own endpoints', () => {
	it('answer a bad request and a missing file in words, not a bare status', async () => {
		const session = new AppSession();
		for (const path of [
			'/live?c=',
			'/live?c=Bad!',
			'/media/users/abc/x.png',
			'/media/rooms/abcdefghijklmno/nothing.png'
		]) {
			const answer = await session.get(path);
			expect(answer.status, path).toBeGreaterThanOrEqual(400);
			const text = await answer.text();
			expect(text, path).not.toMatch(/Error: \d{3}/);
			expect(text, path).toMatch(/Værdien er ikke gyldig|Adressen er måske skrevet forkert/);
		}
	});
});
