import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import type { EventRecord, RegistrationRecord, ShiftRecord } from '../../src/lib/pocketbase-types';
import { arrangeEvent } from './events-helpers';

// The house's own texts in the reader's language (docs/rules.md, "Languages"): an English version when
// staff wrote one, else the Danish text, marked lang="da" on an English page.

async function inEnglish(session: AppSession): Promise<AppSession> {
	expect((await session.post('/sprog', { language: 'en', redirectTo: '/' })).status).toBe(303);
	return session;
}

async function signedIn(user: TestUser): Promise<AppSession> {
	const session = new AppSession();
	expect((await session.signIn(user.email, user.password)).status).toBe(303);
	return session;
}

/** An event with an English version of its title and description. */
async function englishEvent(): Promise<EventRecord> {
	const { event } = await arrangeEvent({ capacity: 5 });
	const system = await systemClient();
	return system.collection('events').update<EventRecord>(event.id, {
		title_en: `Test event ${event.title.split(' ').at(-1)}`,
		description_en: 'For testing'
	});
}

/** The programme's pages, read until the event is listed. */
async function programmeWith(session: AppSession, title: string): Promise<string> {
	for (let side = 1; side <= 200; side++) {
		const list = await (await session.get(`/arrangementer?side=${side}`)).text();
		if (list.includes(title) || !list.includes(`side=${side + 1}`)) return list;
	}
	return '';
}

/** The opening tag of the paragraph that holds exactly `text` on a page, or '' when there is none. */
function paragraphOf(html: string, text: string): string {
	return html.match(new RegExp(`<p[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</p>`))?.[0] ?? '';
}

describe('the house’s texts in English', () => {
	it('shows an event in English on an English page, in Danish on a Danish one, and the Danish marked as Danish when there is no English', async () => {
		const event = await englishEvent();
		const { event: plain } = await arrangeEvent();

		const danish = new AppSession();
		const da = await (await danish.get(`/arrangementer/${event.id}`)).text();
		expect(da).toContain(`<h1>${event.title}</h1>`);
		expect(da).toMatch(/<p class="description[^"]*">Til test<\/p>/);
		expect(da).not.toContain(event.title_en);

		const english = await inEnglish(new AppSession());
		const en = await (await english.get(`/arrangementer/${event.id}`)).text();
		expect(en).toContain(`<h1>${event.title_en}</h1>`);
		expect(en).toMatch(/<p class="description[^"]*">For testing<\/p>/);
		expect(en).not.toContain(`<h1>${event.title}`);
		// no English version: the Danish text, marked as Danish for screen readers (WCAG 3.1.2)
		const fallback = await (await english.get(`/arrangementer/${plain.id}`)).text();
		expect(fallback).toContain(`<h1 lang="da">${plain.title}</h1>`);
		expect(fallback).toMatch(/<p class="description[^"]*" lang="da">Til test<\/p>/);

		const list = await programmeWith(english, event.title_en);
		expect(list).toContain(`>${event.title_en}</a>`);
		expect(list).not.toContain(`>${event.title}</a>`);
		expect(await programmeWith(danish, event.title)).toContain(`>${event.title}</a>`);
	});

	it('an English reader’s ticket, Mit overblik, calendar feed and messages carry the English title', async () => {
		const event = await englishEvent();
		const { event: plain } = await arrangeEvent({ capacity: 5 });
		const user = await createUser();
		const session = await inEnglish(await signedIn(user));
		expect((await user.pb.collection('users').getOne(user.record.id)).language).toBe('en');
		const ticket = await user.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: user.record.id });
		await user.pb.collection('registrations').create({ event: plain.id, user: user.record.id });

		const page = await (await session.get(`/billet/${ticket.id}`)).text();
		expect(page).toContain(`<h2>${event.title_en}</h2>`);
		const overview = await (await session.get('/overblik')).text();
		expect(overview).toContain(`>${event.title_en}</a>`);
		expect(overview).toContain(`lang="da">${plain.title}</a>`);
		// Mine data names each place by the title the reader sees elsewhere, the Danish one marked as Danish
		const mine = await (await session.get('/mine-data')).text();
		expect(mine).toContain(`<span>${event.title_en}</span>`);
		expect(mine).toContain(`<span lang="da">${plain.title}</span>`);
		expect(mine).not.toContain(`<span>${plain.title}</span>`);

		// the message is written in both languages; the English one names the English title
		const [message] = await user.pb.collection('notifications').getFullList<{
			title: string;
			body: string;
			texts: { da: { body: string }; en: { body: string } };
		}>({ filter: user.pb.filter('kind = "registration_received" && link ~ {:id}', { id: ticket.id }) });
		expect(message?.body).toContain(event.title_en);
		expect(message?.texts.en.body).toContain(event.title_en);
		expect(message?.texts.da.body).toContain(event.title);

		// the subscribed feed, in the user's language, and the entry's own calendar file
		const renewed = await session.post('/overblik/kalender?/renew', {});
		const url = (await renewed.text()).match(/https?:\/\/[^"\s<]+\/kalender\/[A-Za-z0-9]{48}\.ics/);
		expect(url).not.toBeNull();
		const feed = await (await new AppSession().get(new URL(url![0]).pathname)).text();
		expect(feed).toContain(`SUMMARY:${event.title_en}`);
		expect(feed).toContain(`SUMMARY:${plain.title}`);
		const file = await (await session.get(`/kalender/registration/${ticket.id}.ics`)).text();
		expect(file).toContain(`SUMMARY:${event.title_en}`);

		// a ticket made for them at the desk: its message names the English title too
		const desk = await createUser({ staff: true });
		const other = await englishEvent();
		await desk.pb
			.collection('registrations')
			.create({ event: other.id, user: user.record.id }, { headers: { 'X-Borgerhus-For': user.record.id } });
		const [made] = await user.pb.collection('notifications').getFullList<{
			texts: { da: { body: string }; en: { body: string } };
		}>({ filter: user.pb.filter('kind = "desk_create"') });
		expect(made?.texts.en.body).toContain(other.title_en);
		expect(made?.texts.da.body).toContain(other.title);

		// back in Danish, the Danish title
		expect((await session.post('/sprog', { language: 'da', redirectTo: '/' })).status).toBe(303);
		expect(await (await session.get(`/billet/${ticket.id}`)).text()).toContain(`<h2>${event.title}</h2>`);
	});

	it('staff write the English version in the event form, within the Danish fields’ limits', async () => {
		const staff = await createUser({ staff: true });
		const session = await signedIn(staff);
		const fields = {
			title: `Fortælling ${Math.random().toString(36).slice(2, 8)}`,
			title_en: 'Storytelling',
			description: 'Om byens historie',
			description_en: 'About the town’s history',
			category: 'talk',
			start: '2031-03-04T19:00',
			end: '2031-03-04T21:00',
			room: '',
			state: 'draft',
			capacity: '0'
		};
		const created = await session.post('/personale/arrangementer?/create', fields);
		expect(created.status).toBe(303);
		const id = created.headers.get('location')!.split('/').at(-1)!;
		const stored = await (await systemClient()).collection('events').getOne<EventRecord>(id);
		expect([stored.title_en, stored.description_en]).toEqual(['Storytelling', 'About the town’s history']);
		const form = await (await session.get(`/personale/arrangementer/${id}`)).text();
		expect(form).toContain('Titel på engelsk (valgfri)');
		expect(form).toContain('value="Storytelling"');

		const long = await session.post('/personale/arrangementer?/create', {
			...fields,
			title_en: 'x'.repeat(201)
		});
		expect(long.status).toBe(400);
		expect(await long.text()).toContain('Teksten er for lang (højst 200 tegn).');
		// PocketBase checks it too, as it does the Danish title
		await expect(staff.pb.collection('events').update(id, { title_en: '   ' })).rejects.toMatchObject({
			status: 400,
			response: { data: { title_en: { code: 'core_text_blank' } } }
		});
		// one line, as the Danish title: it stands in mail subjects and calendar entries
		await expect(
			staff.pb.collection('events').update(id, { title_en: 'Concert\nBcc: someone@example.com' })
		).rejects.toMatchObject({
			status: 400,
			response: { data: { title_en: { code: 'core_text_one_line' } } }
		});
		await expect(
			staff.pb.collection('events').update(id, { description_en: 'x'.repeat(10001) })
		).rejects.toMatchObject({ status: 400 });
	});

	it('staff write a room’s description in English in the room form; the room pages show it to an English reader', async () => {
		const staff = await createUser({ staff: true });
		const session = await signedIn(staff);
		const name = `Lokale ${Math.random().toString(36).slice(2, 8)}`;
		const slug = name.toLowerCase().replace(/ /g, '-');
		const created = await session.post('/personale/lokaler/ny?/create', {
			name,
			slug: '',
			capacity: '10',
			description: 'Lyst lokale med udsigt.',
			description_en: 'Bright room with a view.',
			facilities: '',
			accessibility_notes: '',
			// in use at once, for its public pages
			active: 'on'
		});
		expect(created.status).toBe(303);
		const id = /\/personale\/lokaler\/([a-z0-9]{15})/.exec(created.headers.get('location') ?? '')?.[1];
		const system = await systemClient();
		expect((await system.collection('rooms').getOne(id!)).description_en).toBe('Bright room with a view.');
		const form = await (await session.get(`/personale/lokaler/${id}`)).text();
		expect(form).toContain('Beskrivelse på engelsk (valgfri)');
		expect(form).toMatch(/<textarea[^>]*lang="en"[^>]*>Bright room with a view.<\/textarea>/);

		const danish = new AppSession();
		const english = await inEnglish(new AppSession());
		const da = await (await danish.get(`/lokaler/${slug}`)).text();
		expect(paragraphOf(da, 'Lyst lokale med udsigt.')).not.toMatch(/lang=/);
		expect(da).not.toContain('Bright room with a view.');
		const en = await (await english.get(`/lokaler/${slug}`)).text();
		expect(paragraphOf(en, 'Bright room with a view.')).not.toMatch(/lang=/);
		expect(en).not.toContain('Lyst lokale med udsigt.');
		expect(paragraphOf(await (await english.get('/lokaler')).text(), 'Bright room with a view.')).not.toBe(
			''
		);
		expect(paragraphOf(await (await danish.get('/lokaler')).text(), 'Lyst lokale med udsigt.')).not.toBe('');

		// without an English version, the Danish description marked as Danish
		await system.collection('rooms').update(id!, { description_en: '' });
		const fallback = await (await english.get(`/lokaler/${slug}`)).text();
		expect(paragraphOf(fallback, 'Lyst lokale med udsigt.')).toContain('lang="da"');
		const list = await (await english.get('/lokaler')).text();
		expect(paragraphOf(list, 'Lyst lokale med udsigt.')).toContain('lang="da"');
	});

	it('staff write a shift’s description in English in the shift form; the event page shows it to an English reader, its task and requirements marked as Danish', async () => {
		const staff = await createUser({ staff: true });
		const session = await signedIn(staff);
		const { event } = await arrangeEvent({ start: new Date('2031-06-17T16:00:00Z') });
		const added = await session.post(`/personale/arrangementer/${event.id}?/addShift`, {
			task: 'Kaffe',
			places: '2',
			start: '2031-06-17T17:00',
			end: '2031-06-17T19:00',
			description: 'Kom i god tid.',
			description_en: 'Come in good time.',
			requirements: 'Kan løfte borde.'
		});
		expect(added.status).toBe(200);
		const system = await systemClient();
		const shift = await system
			.collection('shifts')
			.getFirstListItem<ShiftRecord>(system.filter('event = {:e} && task = "Kaffe"', { e: event.id }));
		expect(shift.description_en).toBe('Come in good time.');
		expect(await (await session.get(`/personale/arrangementer/${event.id}`)).text()).toContain(
			'value="Come in good time."'
		);

		const da = await (await new AppSession().get(`/arrangementer/${event.id}`)).text();
		expect(paragraphOf(da, 'Kom i god tid.')).not.toMatch(/lang=/);
		expect(da).not.toContain('Come in good time.');
		expect(da).toContain('<h3>Kaffe</h3>');
		expect(da).toMatch(/Krav:\s*<span>Kan løfte borde\.<\/span>/);
		const english = await inEnglish(new AppSession());
		const en = await (await english.get(`/arrangementer/${event.id}`)).text();
		expect(paragraphOf(en, 'Come in good time.')).not.toBe('');
		expect(en).not.toContain('Kom i god tid.');
		// the task and the requirements have no English version: the Danish, marked as Danish
		expect(en).toContain('<h3 lang="da">Kaffe</h3>');
		expect(en).toMatch(/Requirements:\s*<span lang="da">Kan løfte borde\.<\/span>/);
		await system.collection('shifts').update(shift.id, { description_en: '' });
		const fallback = await (await english.get(`/arrangementer/${event.id}`)).text();
		expect(paragraphOf(fallback, 'Kom i god tid.')).toContain('lang="da"');
		// PocketBase checks it as it does the Danish description
		await expect(
			staff.pb.collection('shifts').update(shift.id, { description_en: '  ' })
		).rejects.toMatchObject({
			status: 400,
			response: { data: { description_en: { code: 'core_text_blank' } } }
		});
	});
});
