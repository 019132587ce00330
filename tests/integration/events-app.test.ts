import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { formatDateTime, formatTime } from '$lib/dates';
import { shiftCancelDeadline } from '$rules/events-rules.js';
import { createUser, systemClient } from '../helpers/pocketbase';
import type { RegistrationRecord, SignupRecord } from '../../src/lib/pocketbase-types';
import {
	arrangeEvent,
	arrangeShift,
	codeOf,
	createVolunteer,
	doorOpen,
	farFuture,
	refusal,
	statusOf
} from './events-helpers';

// The same rules through the SvelteKit app, the way a browser without JavaScript uses it.

async function signedIn(user: { email: string; password: string }): Promise<AppSession> {
	const session = new AppSession();
	const response = await session.signIn(user.email, user.password);
	expect(response.status).toBe(303);
	return session;
}

describe('events through the app', () => {
	it('shows the programme to guests with places left and shifts that need hands', async () => {
		const { event, shift } = await arrangeEvent({ places: 3, capacity: 7 });
		const guest = new AppSession();
		// the programme comes in pages, soonest first; other tests' events may come before this one
		let found = false;
		for (let side = 1; side <= 200 && !found; side++) {
			const list = await (await guest.get(`/arrangementer?side=${side}`)).text();
			found = list.includes(event.title);
			if (!found && !list.includes(`side=${side + 1}`)) break;
		}
		expect(found).toBe(true);
		const page = await (await guest.get(`/arrangementer/${event.id}`)).text();
		expect(page).toContain(shift.task);
		expect(page).toMatch(/Ledige pladser: 7/);
	});

	it('names the day of a shift in the programme when it is not the day the event starts', async () => {
		// an evening event, set up the afternoon before and cleared up after midnight
		const base = farFuture();
		const day = new Date(Math.floor(base.getTime() / 86_400_000) * 86_400_000);
		const start = new Date(day.getTime() + 18 * 3600_000);
		const { event, shift } = await arrangeEvent({ start, hours: 4, places: 2 });
		const setUp = await arrangeShift(event.id, new Date(start.getTime() - 24 * 3600_000), 3);
		const clearUp = await arrangeShift(event.id, new Date(start.getTime() + 5 * 3600_000), 1);
		const guest = new AppSession();
		let list = '';
		for (let side = 1; side <= 200; side++) {
			list = await (await guest.get(`/arrangementer?side=${side}`)).text();
			if (list.includes(event.title) || !list.includes(`side=${side + 1}`)) break;
		}
		const card = list.slice(list.indexOf(event.title));
		const at = (when: Date | string) => formatDateTime(when, 'da', start);
		// the event's own day: the time alone, as under its date
		expect(card).toMatch(new RegExp(`${shift.task}</span>, ${formatTime(shift.start)}:`));
		expect(card).toMatch(new RegExp(`${setUp.task}</span>, ${at(setUp.start)}:`));
		expect(card).toMatch(new RegExp(`${clearUp.task}</span>, ${at(clearUp.start)}:`));
	});

	it('a volunteer accepts the terms once, signs up and sees confirmed or the waitlist place at once', async () => {
		const { event, shift } = await arrangeEvent({ places: 1 });
		const first = await createUser();
		const second = await createVolunteer();
		const a = await signedIn(first);
		// before accepting the terms there is no sign-up button, and the API refuses the sign-up
		const before = await (await a.get(`/arrangementer/${event.id}`)).text();
		expect(before).not.toContain('name="shift"');
		const refused = await a.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		expect(refused.status).toBe(400);
		const accepted = await a.post('/frivillig?/accept', { accept: 'on' });
		expect(accepted.status).toBe(303);
		const system = await systemClient();
		expect((await system.collection('users').getOne(first.record.id)).volunteer_terms_at).not.toBe('');

		const signedUp = await a.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		expect(signedUp.status).toBe(200);
		expect(await signedUp.text()).toContain('Du er bekræftet');

		const b = await signedIn(second);
		const waiting = await b.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		expect(await waiting.text()).toContain('Du er nummer 1 på ventelisten');

		const mine = await system
			.collection('signups')
			.getFirstListItem<SignupRecord>(
				system.filter('shift = {:shift} && user = {:user}', { shift: shift.id, user: first.record.id })
			);
		const cancelled = await a.post('/frivillig?/cancel', { id: mine.id });
		expect(cancelled.status).toBe(200);
		expect(await (await b.get('/frivillig')).text()).toContain('Du er bekræftet');
	});

	it('says a shift taken, waited for or given up by that shift, apart from the ticket’s message', async () => {
		const { event, shift } = await arrangeEvent({ places: 1, capacity: 5 });
		const [first, second] = await Promise.all([createVolunteer(), createVolunteer()]);
		const card = (html: string) => html.slice(html.indexOf(`id="shift-${shift.id}"`)).split('</li>')[0]!;
		const a = await signedIn(first);
		const taken = await (await a.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id })).text();
		expect(card(taken)).toContain('Du har taget vagten Billetkontrol.');
		expect(taken).not.toContain('Du er tilmeldt. Din status står herunder.');
		const b = await signedIn(second);
		const waiting = await (await b.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id })).text();
		expect(card(waiting)).toContain('Du står på ventelisten til vagten Billetkontrol.');
		const system = await systemClient();
		const mine = await system
			.collection('signups')
			.getFirstListItem<SignupRecord>(
				system.filter('shift = {:shift} && user = {:user}', { shift: shift.id, user: first.record.id })
			);
		const given = await (await a.post(`/arrangementer/${event.id}?/cancelSignup`, { id: mine.id })).text();
		expect(card(given)).toContain('Du har afmeldt vagten Billetkontrol.');
		expect(given).not.toContain('Du er afmeldt.');
		// the ticket's own message stays the ticket's
		const ticket = await (await a.post(`/arrangementer/${event.id}?/register`, { event: event.id })).text();
		expect(ticket).toContain('Du er tilmeldt. Din status står herunder.');
		expect(ticket).not.toContain('Du har taget vagten');
	});

	it('always offers the volunteer a way to find more shifts on /frivillig, with shifts or none', async () => {
		const { event, shift } = await arrangeEvent({ places: 2 });
		const volunteer = await createVolunteer();
		const page = await signedIn(volunteer);
		const findLink = /<a[^>]*href="\/arrangementer"[^>]*>[^<]*(Find en vagt|Find flere vagter)/;
		expect(await (await page.get('/frivillig')).text()).toMatch(findLink);
		await page.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		const withShift = await (await page.get('/frivillig')).text();
		expect(withShift).toContain('Du er bekræftet');
		expect(withShift).toMatch(findLink);
	});

	it('says on /frivillig until when a shift can be left, in the words Mit overblik uses', async () => {
		const { event, shift } = await arrangeEvent({ places: 1 });
		const [first, second] = await Promise.all([createVolunteer(), createVolunteer()]);
		const a = await signedIn(first);
		await a.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		// a confirmed place until the cut-off before the start
		const until = `Du kan melde fra indtil ${formatDateTime(new Date(shiftCancelDeadline(shift.start)), 'da')}.`;
		expect(await (await a.get('/frivillig')).text()).toContain(until);
		expect(await (await a.get('/overblik')).text()).toContain(until);
		// a place on the waitlist until the start
		const b = await signedIn(second);
		await b.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		expect(await (await b.get('/frivillig')).text()).toContain(
			`Du kan melde fra indtil ${formatDateTime(shift.start, 'da')}.`
		);
	});

	it('offers the waitlist of a full shift inside the cut-off, and says how a place can still open', async () => {
		const { event, shift } = await arrangeEvent({ places: 1, start: new Date(Date.now() + 24 * 3600_000) });
		const [first, second] = await Promise.all([createVolunteer(), createVolunteer()]);
		const a = await signedIn(first);
		expect(await (await a.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id })).text()).toContain(
			'Du er bekræftet'
		);
		const b = await signedIn(second);
		const page = await (await b.get(`/arrangementer/${event.id}`)).text();
		expect(page).toContain('Der er under 48 timer til vagten.');
		expect(page).toContain('Skriv mig på ventelisten');
		const waiting = await b.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		expect(await waiting.text()).toContain('Du er nummer 1 på ventelisten');
	});

	it('tells a waiting volunteer passed over for a shift they hold at the same time why, naming that shift', async () => {
		const HOUR = 3600_000;
		const day = farFuture();
		const { event, shift } = await arrangeEvent({
			start: new Date(day.getTime() + 2 * HOUR),
			places: 1,
			hours: 1
		});
		const other = await arrangeShift(event.id, new Date(day.getTime() + 5 * HOUR), 1, 1);
		const [first, waiting] = await Promise.all([createVolunteer(), createVolunteer()]);
		const system = await systemClient();
		await first.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: first.record.id });
		const mine = await waiting.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: waiting.record.id });
		await waiting.pb.collection('signups').create<SignupRecord>({ shift: other.id, user: waiting.record.id });
		const w = await signedIn(waiting);
		const card = (html: string) => html.slice(html.indexOf(`id="shift-${shift.id}"`)).split('</li>')[0]!;
		const because =
			'Du rykker ikke op, så længe vagten ligger samtidig med en vagt, du allerede har: Opstilling';
		// first on the waitlist, nothing in the way: no reason given
		expect(card(await (await w.get(`/arrangementer/${event.id}`)).text())).not.toContain(because);

		// staff move the other shift onto this one: promotions pass the volunteer over, and the pages say why
		await system.collection('shifts').update(other.id, {
			start: new Date(day.getTime() + 2.5 * HOUR),
			end: new Date(day.getTime() + 3.5 * HOUR)
		});
		const eventPage = card(await (await w.get(`/arrangementer/${event.id}`)).text());
		expect(eventPage).toContain('Du er nummer 1 på ventelisten');
		expect(eventPage).toContain(`${because}, ${event.title}`);
		const shiftList = await (await w.get('/frivillig')).text();
		const listCard = shiftList.slice(shiftList.lastIndexOf('<li', shiftList.indexOf('Du er nummer 1')));
		expect(listCard.split('</li>')[0]).toContain(`${because}, ${event.title}`);
		// in English too
		await w.post('/sprog', { language: 'en', redirectTo: '/frivillig' });
		expect(await (await w.get('/frivillig')).text()).toContain(
			'You will not move up while this shift overlaps a shift you already have: Opstilling'
		);
		// staff read why on the shift's roster
		const staff = await signedIn(await createUser({ staff: true }));
		const overlapOnRoster =
			/Venteliste nr\. 1\s*(<!--[^>]*-->)?·\s*rykker ikke op, da vedkommende har en vagt på samme tid/;
		expect(await (await staff.get(`/personale/arrangementer/${event.id}`)).text()).toMatch(overlapOnRoster);

		// as the rule says: a place freed goes to no one waiting behind them, and they keep their place
		await system
			.collection('signups')
			.update(
				(
					await system
						.collection('signups')
						.getFirstListItem(
							system.filter('shift = {:s} && user = {:u}', { s: shift.id, u: first.record.id })
						)
				).id,
				{ status: 'cancelled' }
			);
		expect(await statusOf('signups', mine.id)).toBe('waitlisted');
	});

	it('tells a waiting volunteer who withdrew the volunteer terms that they move up once they accept them again, and where', async () => {
		const { event, shift } = await arrangeEvent({ places: 1 });
		const [first, waiting] = await Promise.all([createVolunteer(), createVolunteer()]);
		const system = await systemClient();
		const taken = await first.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: first.record.id });
		const mine = await waiting.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: waiting.record.id });
		const w = await signedIn(waiting);
		const card = (html: string) => html.slice(html.indexOf(`id="shift-${shift.id}"`)).split('</li>')[0]!;
		const because = 'Du rykker ikke op, før du har godkendt vilkårene for frivillige igen.';
		// first on the waitlist with the terms accepted: no reason given
		expect(card(await (await w.get(`/arrangementer/${event.id}`)).text())).not.toContain(because);

		// they withdraw the terms: promotions pass them over, and the pages say why and where to accept them
		await waiting.pb.collection('users').update(waiting.record.id, { volunteer_terms_at: '' });
		const eventPage = card(await (await w.get(`/arrangementer/${event.id}`)).text());
		expect(eventPage).toContain('Du er nummer 1 på ventelisten');
		expect(eventPage).toContain(because);
		expect(eventPage).toMatch(
			/<a href="\/frivillig\?redirectTo=[^"]*">Godkend vilkårene for frivillige<\/a>/
		);
		const shiftList = await (await w.get('/frivillig')).text();
		const listCard = shiftList.slice(shiftList.lastIndexOf('<li', shiftList.indexOf('Du er nummer 1')));
		expect(listCard.split('</li>')[0]).toContain(because);
		expect(listCard.split('</li>')[0]).toContain(
			'<a href="#terms-heading">Godkend vilkårene for frivillige</a>'
		);
		expect(shiftList).toContain('id="terms-heading"');
		// in English too
		await w.post('/sprog', { language: 'en', redirectTo: '/frivillig' });
		expect(await (await w.get('/frivillig')).text()).toContain(
			'You will not move up until you accept the volunteer terms again.'
		);
		// staff read why on the shift's roster
		const staff = await signedIn(await createUser({ staff: true }));
		const roster = () => staff.get(`/personale/arrangementer/${event.id}`).then((r) => r.text());
		const termsOnRoster =
			/Venteliste nr\. 1\s*(<!--[^>]*-->)?·\s*rykker ikke op, før vedkommende godkender vilkårene for frivillige igen/;
		expect(await roster()).toMatch(termsOnRoster);

		// as the rule says: the place freed stays free while they are without the terms, and they keep theirs
		await system.collection('signups').update(taken.id, { status: 'cancelled' });
		expect(await statusOf('signups', mine.id)).toBe('waitlisted');
		// accepted again where the line points: they move up, and the line is gone
		expect((await w.post('/frivillig?/accept', { accept: 'on' })).status).toBeLessThan(400);
		expect(await statusOf('signups', mine.id)).toBe('confirmed');
		await w.post('/sprog', { language: 'da', redirectTo: '/frivillig' });
		expect(await (await w.get('/frivillig')).text()).not.toContain(because);
		expect(await roster()).not.toMatch(/rykker ikke op/);
	});

	it('lets exactly the free places win when many sign up through the app at once', async () => {
		const { event, shift } = await arrangeEvent({ places: 3 });
		const volunteers = await Promise.all(Array.from({ length: 12 }, () => createVolunteer()));
		const sessions = await Promise.all(volunteers.map((v) => signedIn(v)));
		const responses = await Promise.all(
			sessions.map((s) => s.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id }))
		);
		expect(responses.every((r) => r.status === 200)).toBe(true);
		const system = await systemClient();
		const rows = await system.collection('signups').getFullList<SignupRecord>({
			filter: system.filter('shift = {:shift}', { shift: shift.id })
		});
		expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(3);
		expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(9);
	});

	it('refuses a cancellation after the cut-off with a message to contact staff', async () => {
		const { event, shift } = await arrangeEvent({ start: new Date(Date.now() + 12 * 3600_000), places: 2 });
		const v = await createVolunteer();
		const s = await v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const session = await signedIn(v);
		const response = await session.post(`/arrangementer/${event.id}?/cancelSignup`, { id: s.id });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Kontakt personalet');
	});

	it('says "not open" to someone registering or signing up after staff closed it, and stores nothing', async () => {
		const { event, shift } = await arrangeEvent({ capacity: 5, places: 2 });
		const attendee = await createUser();
		const volunteer = await createVolunteer();
		const page = await signedIn(attendee);
		const volunteerPage = await signedIn(volunteer);
		const system = await systemClient();
		// registration switched off while the page was open
		await system.collection('events').update(event.id, { registration: false });
		const registered = await page.post(`/arrangementer/${event.id}?/register`, { event: event.id });
		expect(registered.status).toBe(400);
		expect(await registered.text()).toContain('Der er ikke åbent for tilmelding');
		// the event cancelled: its shifts take no volunteers either
		await system.collection('events').update(event.id, { state: 'cancelled' });
		const signedUp = await volunteerPage.post(`/arrangementer/${event.id}?/signup`, { shift: shift.id });
		expect(signedUp.status).toBe(400);
		expect(await signedUp.text()).toContain('Der er ikke åbent for tilmelding');
		const places = [
			...(await system
				.collection('registrations')
				.getFullList({ filter: system.filter('event = {:e}', { e: event.id }) })),
			...(await system
				.collection('signups')
				.getFullList({ filter: system.filter('shift = {:s}', { s: shift.id }) }))
		];
		expect(places).toEqual([]);
	});

	it('an attendee registers and gets a self-contained ticket page with a QR code', async () => {
		const { event } = await arrangeEvent({ capacity: 2 });
		const attendee = await createUser();
		const session = await signedIn(attendee);
		const registered = await session.post(`/arrangementer/${event.id}?/register`, { event: event.id });
		expect(await registered.text()).toContain('Du er bekræftet');
		const system = await systemClient();
		const registration = await system
			.collection('registrations')
			.getFirstListItem(
				system.filter('event = {:event} && user = {:user}', { event: event.id, user: attendee.record.id })
			);
		const ticket = await (await session.get(`/billet/${registration.id}`)).text();
		expect(ticket).toContain('src="data:image/png;base64,');
		expect(ticket).toContain(registration.ticket_code);
		// another citizen cannot open it
		const other = await signedIn(await createUser());
		expect((await other.get(`/billet/${registration.id}`)).status).toBe(404);
		// cancelled, and registered again behind someone else: the old link says its place in the queue
		await session.post(`/arrangementer/${event.id}?/cancelRegistration`, { id: registration.id });
		await other.post(`/arrangementer/${event.id}?/register`, { event: event.id });
		await (
			await signedIn(await createUser())
		).post(`/arrangementer/${event.id}?/register`, { event: event.id });
		await session.post(`/arrangementer/${event.id}?/register`, { event: event.id });
		const waiting = await (await session.get(`/billet/${registration.id}`)).text();
		expect(waiting).toContain('Du er nummer 1 på ventelisten');
		// the house cancels the event: the ticket says so, not that its holder withdrew
		await system.collection('events').update(event.id, { state: 'cancelled' });
		const called = await (await session.get(`/billet/${registration.id}`)).text();
		expect(called).toContain('Arrangementet er aflyst.');
		expect(called).not.toContain('Afmeldt');
	});

	it('says on a ticket staff cancelled that the house cancelled it, not that its holder withdrew', async () => {
		const { event } = await arrangeEvent({ capacity: 2 });
		const attendee = await createUser();
		const system = await systemClient();
		await system.collection('users').update(attendee.record.id, { language: 'en' });
		const registration = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: attendee.record.id });
		const staff = await createUser({ staff: true });
		// what the staff event page's cancelRegistration action sends
		await staff.pb.collection('registrations').update(registration.id, { status: 'cancelled' });
		const english = await (await (await signedIn(attendee)).get(`/billet/${registration.id}`)).text();
		expect(english).toContain('The house cancelled your place.');
		await system.collection('users').update(attendee.record.id, { language: 'da' });
		const danish = await (await (await signedIn(attendee)).get(`/billet/${registration.id}`)).text();
		expect(danish).toContain('Huset aflyste din plads.');
		expect(danish).not.toContain('Afmeldt');
		// one the holder cancelled themselves still says so
		const own = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: (await arrangeEvent()).event.id, user: attendee.record.id });
		await attendee.pb.collection('registrations').update(own.id, { status: 'cancelled' });
		const withdrew = await (await (await signedIn(attendee)).get(`/billet/${own.id}`)).text();
		expect(withdrew).toContain('Afmeldt');
		expect(withdrew).not.toContain('Huset aflyste din plads.');
	});

	it('says a place cancelled meanwhile is already cancelled, from the event page, Mit overblik and /frivillig', async () => {
		const { event, shift } = await arrangeEvent({ capacity: 2, places: 2 });
		const volunteer = await createVolunteer();
		const session = await signedIn(volunteer);
		const ticket = await volunteer.pb
			.collection('registrations')
			.create({ event: event.id, user: volunteer.record.id });
		const place = await volunteer.pb
			.collection('signups')
			.create({ shift: shift.id, user: volunteer.record.id });
		// staff cancel both while the volunteer's pages are open
		const staff = await createUser({ staff: true });
		await staff.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(place.id, { status: 'cancelled' });
		const gone = 'Du er allerede afmeldt, eller pladsen findes ikke længere.';
		for (const [path, body] of [
			[`/arrangementer/${event.id}?/cancelRegistration`, { id: ticket.id }],
			[`/arrangementer/${event.id}?/cancelSignup`, { id: place.id }],
			['/overblik?/cancel', { kind: 'registration', id: ticket.id }],
			['/overblik?/cancel', { kind: 'shift', id: place.id }],
			['/frivillig?/cancel', { id: place.id }]
		] as const) {
			const answer = await session.post(path, body);
			expect(answer.status, path).toBe(409);
			const html = await answer.text();
			expect(html, path).toContain(gone);
			expect(html, path).not.toContain('Siden findes ikke.');
		}
	});

	it('offers only what the server would do: no cancel of a used ticket, no registering once begun', async () => {
		const { event } = await arrangeEvent({ capacity: 1, start: doorOpen() });
		const [attendee, late, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const session = await signedIn(attendee);
		await session.post(`/arrangementer/${event.id}?/register`, { event: event.id });
		const system = await systemClient();
		const registration = await system
			.collection('registrations')
			.getFirstListItem(
				system.filter('event = {:event} && user = {:user}', { event: event.id, user: attendee.record.id })
			);
		// full: the next one is offered the waitlist by name
		const lateSession = await signedIn(late);
		expect(await (await lateSession.get(`/arrangementer/${event.id}`)).text()).toContain(
			'Skriv mig på ventelisten'
		);
		await staff.pb.send(`/api/borgerhus/registrations/${registration.id}/check-in`, {
			method: 'POST',
			body: { code: registration.ticket_code }
		});
		const page = await (await session.get(`/arrangementer/${event.id}`)).text();
		expect(page).toContain('Billetten er tjekket ind, så den kan ikke afmeldes.');
		expect(page).not.toContain('action="?/cancelRegistration"');
		const overview = await (await session.get('/overblik')).text();
		expect(overview).toContain('Billetten er tjekket ind, så den kan ikke afmeldes.');

		// registration switched off since: the ticket is still shown, nobody new may register
		await system.collection('events').update(event.id, { registration: false });
		const off = await (await session.get(`/arrangementer/${event.id}`)).text();
		expect(off).toContain('Du er bekræftet');
		expect(off).toContain(`/billet/${registration.id}`);
		expect(await (await lateSession.get(`/arrangementer/${event.id}`)).text()).not.toContain(
			'action="?/register"'
		);

		// begun: no button, the reason instead
		const begun = await arrangeEvent({ start: new Date(Date.now() - 10 * 60_000), capacity: 5 });
		const started = await (await lateSession.get(`/arrangementer/${begun.event.id}`)).text();
		expect(started).not.toContain('action="?/register"');
		expect(started).toContain('Arrangementet er begyndt, så du kan ikke længere tilmelde dig.');
		// nor a call for volunteers on its shift, which has begun too, to a guest or a volunteer
		const volunteer = await signedIn(await createVolunteer());
		for (const reader of [new AppSession(), volunteer]) {
			const shown = await (await reader.get(`/arrangementer/${begun.event.id}`)).text();
			expect(shown).toContain(begun.shift.task);
			expect(shown).not.toMatch(/Mangler \d+ frivillig|Log ind for at tilmelde dig|action="\?\/signup"/);
		}
	});

	it('a place staff cancelled reads so in Mit overblik, not as if its person had cancelled it', async () => {
		const { event, shift } = await arrangeEvent({ capacity: 3, places: 2 });
		const volunteer = await createVolunteer();
		const session = await signedIn(volunteer);
		const ticket = await volunteer.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: volunteer.record.id });
		const place = await volunteer.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: volunteer.record.id });
		const staff = await createUser({ staff: true });
		await staff.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await staff.pb.collection('signups').update(place.id, { status: 'cancelled' });
		const overview = await (await session.get('/overblik')).text();
		for (const key of [`registration:${ticket.id}`, `shift:${place.id}`]) {
			const at = overview.indexOf(`id="entry-${key}"`);
			expect(at, key).toBeGreaterThan(-1);
			const card = overview.slice(at, at + 1200);
			expect(card).toContain('Huset aflyste din plads');
			expect(card).not.toContain('Afmeldt');
		}
	});

	it('a cancelled event reads "Aflyst" in Mit overblik, not as if the attendee had cancelled', async () => {
		const { event } = await arrangeEvent({ capacity: 3 });
		const attendee = await createUser();
		const session = await signedIn(attendee);
		await session.post(`/arrangementer/${event.id}?/register`, { event: event.id });
		await (await systemClient()).collection('events').update(event.id, { state: 'cancelled' });
		const overview = await (await session.get('/overblik')).text();
		const at = overview.indexOf(event.title);
		expect(at).toBeGreaterThan(-1);
		const card = overview.slice(at, at + 1500);
		expect(card).toContain('Arrangementet er aflyst');
		expect(card).not.toContain('Afmeldt');
		// its page asks nobody to help: no places missing, no sign-in or sign-up for its shift
		const volunteer = await signedIn(await createVolunteer());
		for (const reader of [new AppSession(), volunteer]) {
			const page = await (await reader.get(`/arrangementer/${event.id}`)).text();
			expect(page).toContain('Billetkontrol');
			expect(page).not.toMatch(/Mangler \d+ frivillig|Log ind for at tilmelde dig|action="\?\/signup"/);
		}
	});
	it('tells a person only on the waitlist who signs up again that they are already on it, at the API, the page and the desk', async () => {
		const { event, shift } = await arrangeEvent({ places: 1, capacity: 1 });
		const [holder, waiting] = await Promise.all([createVolunteer(), createVolunteer()]);
		await holder.pb.collection('signups').create({ shift: shift.id, user: holder.record.id });
		await holder.pb.collection('registrations').create({ event: event.id, user: holder.record.id });
		const place = await waiting.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: waiting.record.id });
		const ticket = await waiting.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: waiting.record.id });
		expect([place.status, ticket.status]).toEqual(['waitlisted', 'waitlisted']);
		// the API, as anyone may call it
		for (const again of [
			() => waiting.pb.collection('signups').create({ shift: shift.id, user: waiting.record.id }),
			() => waiting.pb.collection('registrations').create({ event: event.id, user: waiting.record.id })
		]) {
			const refused = await refusal(again());
			expect(refused.status).toBe(400);
			expect(codeOf(refused.error)).toBe('events_already_waiting');
		}
		// twice at once: both told the same, and the place keeps its turn
		const both = await Promise.all(
			[0, 1].map(() =>
				refusal(waiting.pb.collection('signups').create({ shift: shift.id, user: waiting.record.id }))
			)
		);
		expect(both.map((r) => codeOf(r.error))).toEqual(['events_already_waiting', 'events_already_waiting']);
		// a page shown before the person got on the waitlist (another tab) sends the form again
		const session = await signedIn(waiting);
		for (const [action, body] of [
			['signup', { shift: shift.id }],
			['register', { event: event.id }]
		] as const) {
			const page = await (await session.post(`/arrangementer/${event.id}?/${action}`, body)).text();
			expect(page, action).toContain('Du står allerede på ventelisten.');
			expect(page, action).not.toContain('Du er allerede tilmeldt.');
		}
		// staff signing the citizen up at the desk are told in their own words
		const staff = await createUser({ staff: true });
		const desk = await signedIn(staff);
		const deskPage = `/personale/borgere/${waiting.record.id}`;
		for (const [action, body] of [
			['signup', { shift: shift.id }],
			['register', { event: event.id }]
		] as const) {
			const page = await (await desk.post(`${deskPage}?/${action}`, body)).text();
			expect(page, action).toContain('Borgeren står allerede på ventelisten.');
			expect(page, action).not.toContain('Borgeren er allerede tilmeldt.');
		}
		// one with a confirmed place is still told they are signed up
		const confirmed = await refusal(
			holder.pb.collection('signups').create({ shift: shift.id, user: holder.record.id })
		);
		expect(codeOf(confirmed.error)).toBe('events_already_signed_up');
		expect(await statusOf('signups', place.id)).toBe('waitlisted');
	});

	it('says on the ticket and in Mit overblik that the house took a waiting person off the waitlist, not "Afmeldt"', async () => {
		const { event, shift } = await arrangeEvent({ places: 1, capacity: 1 });
		const [holder, waiting] = await Promise.all([createVolunteer(), createVolunteer()]);
		await holder.pb.collection('signups').create({ shift: shift.id, user: holder.record.id });
		await holder.pb.collection('registrations').create({ event: event.id, user: holder.record.id });
		const place = await waiting.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: waiting.record.id });
		const ticket = await waiting.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: waiting.record.id });
		const staff = await createUser({ staff: true });
		// what the staff event page's cancel actions send
		await staff.pb.collection('signups').update(place.id, { status: 'cancelled' });
		await staff.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		const system = await systemClient();
		// the house's mark stays the mark of a confirmed place cancelled (what the calendar feed keeps)
		for (const [collection, id] of [
			['signups', place.id],
			['registrations', ticket.id]
		] as const) {
			expect((await system.collection(collection).getOne(id)).cancelled_by_house, collection).toBe(false);
		}
		const session = await signedIn(waiting);
		const ticketPage = await (await session.get(`/billet/${ticket.id}`)).text();
		expect(ticketPage).toContain('Huset tog dig af ventelisten.');
		expect(ticketPage).not.toContain('Afmeldt');
		const overview = await (await session.get('/overblik')).text();
		for (const key of [`registration:${ticket.id}`, `shift:${place.id}`]) {
			const at = overview.indexOf(`id="entry-${key}"`);
			expect(at, key).toBeGreaterThan(-1);
			const card = overview.slice(at, at + 1200);
			expect(card, key).toContain('Huset tog dig af ventelisten');
			expect(card, key).not.toContain('Afmeldt');
			expect(card, key).not.toContain('Huset aflyste din plads');
		}
		await system.collection('users').update(waiting.record.id, { language: 'en' });
		const english = await signedIn(waiting);
		expect(await (await english.get(`/billet/${ticket.id}`)).text()).toContain(
			'The house took you off the waitlist.'
		);
		expect(await (await english.get('/overblik')).text()).toContain('The house took you off the waitlist');
		// a waitlist place the person left themselves still reads as theirs, and one taken again loses the mark
		const again = await waiting.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: waiting.record.id });
		expect(again.id).toBe(ticket.id);
		await waiting.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		const own = await (await session.get(`/billet/${ticket.id}`)).text();
		expect(own).toContain('Afmeldt');
		expect(own).not.toContain('Huset tog dig af ventelisten.');
	});
});
