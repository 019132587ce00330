import { describe, expect, it } from 'vitest';
import { AppSession, loadedAfter } from '../helpers/app';
import { createUser, systemClient } from '../helpers/pocketbase';
import type {
	EventRecord,
	RegistrationRecord,
	ShiftRecord,
	SignupRecord
} from '../../src/lib/pocketbase-types';
import {
	arrangeEvent,
	arrangeShift,
	codeOf,
	createVolunteer,
	doorOpen,
	refusal,
	statusOf
} from './events-helpers';
import { ticketCheckinOpens } from '$rules/events-rules.js';
import { houseLocalFromNow } from '../helpers/house-local';
import { formatDateTime } from '$lib/dates';
import { utcToHouseLocal } from '$lib/events/time';
import { makeRoom } from './rooms-arrange';
import { MAX_FILE_BYTES } from '$lib/uploads';

// Staff pages through the app: events and shifts, rosters, messages and check-in. Citizens are refused.

async function staffSession() {
	const staff = await createUser({ staff: true, name: 'Test Personale' });
	const session = new AppSession();
	expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
	return { staff, session };
}

describe('staff events pages', () => {
	it('refuses citizens', async () => {
		const citizen = await createUser();
		const session = new AppSession();
		await session.signIn(citizen.email, citizen.password);
		expect((await session.get('/personale/arrangementer')).status).toBe(403);
		const { event } = await arrangeEvent();
		expect(
			(await session.post(`/personale/arrangementer/${event.id}?/message`, { message: 'x' })).status
		).toBe(403);
	});

	it('refuses to move a coming event to before now through its form, in words, and keeps it', async () => {
		const { session } = await staffSession();
		const [start, end] = houseLocalFromNow([20, 22], 15);
		const [pastStart, pastEnd] = houseLocalFromNow([-3, -1], 15);
		const fields = {
			title: `Snart ${Math.random().toString(36).slice(2, 8)}`,
			description: 'Om byens historie',
			category: 'talk',
			start,
			end,
			room: '',
			state: 'draft',
			registration: 'on',
			capacity: '40'
		};
		const created = await session.post('/personale/arrangementer?/create', fields);
		const id = created.headers.get('location')!.split('/').at(-1)!;
		const before = await (await systemClient()).collection('events').getOne<EventRecord>(id);
		const moved = await session.post(`/personale/arrangementer/${id}?/update`, {
			...fields,
			start: pastStart,
			end: pastEnd,
			_loaded: loadedAfter(await (await session.get(`/personale/arrangementer/${id}`)).text())
		});
		expect(moved.status).toBe(400);
		expect(await moved.text()).toContain(
			'Et arrangement, der endnu ikke er begyndt, kan ikke flyttes til et tidspunkt før nu.'
		);
		const after = await (await systemClient()).collection('events').getOne<EventRecord>(id);
		expect([after.start, after.end]).toEqual([before.start, before.end]);
	});

	it('refuses an event or a shift created with a start before now, through the API and the forms, beside the start', async () => {
		const { staff, session } = await staffSession();
		const system = await systemClient();
		// last year typed by mistake: such an event could never be moved, unpublished, cancelled or deleted
		const lastYear = new Date(Date.now() - 365 * 86_400_000);
		const title = `Forkert år ${Math.random().toString(36).slice(2, 8)}`;
		const made = await refusal(
			staff.pb.collection('events').create({
				title,
				category: 'talk',
				start: lastYear,
				end: new Date(lastYear.getTime() + 3600_000),
				state: 'published',
				registration: true,
				capacity: 50
			})
		);
		expect([made.status, codeOf(made.error, 'start')]).toEqual([400, 'events_created_in_past']);
		// so is one under way already
		const begun = await refusal(
			staff.pb.collection('events').create({
				title,
				category: 'talk',
				start: new Date(Date.now() - 60_000),
				end: new Date(Date.now() + 3600_000),
				state: 'draft'
			})
		);
		expect([begun.status, codeOf(begun.error, 'start')]).toEqual([400, 'events_created_in_past']);
		expect(
			await system.collection('events').getFullList({ filter: system.filter('title = {:title}', { title }) })
		).toEqual([]);
		// and a shift already under way, though around its event
		const { event } = await arrangeEvent({ start: doorOpen(), places: 1 });
		const shift = await refusal(
			staff.pb.collection('shifts').create({
				event: event.id,
				task: 'Opstilling',
				start: new Date(Date.now() - 30 * 60_000),
				end: new Date(Date.now() + 30 * 60_000),
				places: 1
			})
		);
		expect([shift.status, codeOf(shift.error, 'start')]).toEqual([400, 'events_shift_created_in_past']);
		const shifts = await system.collection('shifts').getFullList({
			filter: system.filter('event = {:e}', { e: event.id })
		});
		expect(shifts).toHaveLength(1);
		// the forms say so beside the start field, in words, and store nothing
		const form = await session.post('/personale/arrangementer?/create', {
			title,
			description: '',
			category: 'talk',
			start: '2025-06-12T19:00',
			end: '2025-06-12T21:00',
			room: '',
			state: 'published',
			registration: 'on',
			capacity: '40'
		});
		expect(form.status).toBe(400);
		expect(await form.text()).toMatch(
			/id="field-start-error"[^>]*>Et nyt arrangement kan ikke begynde før nu\. Tjek dato og år\./
		);
		const [start, end] = houseLocalFromNow([-2, -1]);
		const added = await session.post(`/personale/arrangementer/${event.id}?/addShift`, {
			task: 'Opstilling',
			start,
			end,
			places: '1',
			description: '',
			requirements: ''
		});
		expect(added.status).toBe(400);
		expect(await added.text()).toMatch(
			/id="new-start-error"[^>]*>En ny vagt kan ikke begynde før nu\. Tjek dato og år\./
		);
		expect(
			await system.collection('events').getFullList({ filter: system.filter('title = {:title}', { title }) })
		).toEqual([]);
		expect(
			await system
				.collection('shifts')
				.getFullList({ filter: system.filter('event = {:e}', { e: event.id }) })
		).toHaveLength(1);
		// the system, arranging history as it finds it, still may
		const history = await arrangeEvent({ start: lastYear });
		expect(history.event.start).toBe(lastYear.toISOString().replace('T', ' '));
	});

	it('refuses a file that is no image at the image field, new or edited, and saves nothing; takes an image', async () => {
		const { session } = await staffSession();
		const system = await systemClient();
		const [start, end] = houseLocalFromNow([48, 50]);
		const tag = Math.random().toString(36).slice(2, 8);
		const fields = {
			title: `Billede ${tag}`,
			description: 'Om byens gamle fotografier',
			category: 'talk',
			start,
			end,
			room: '',
			state: 'draft',
			capacity: '0'
		};
		const form = (values: Record<string, string>, image: File) => {
			const body = new FormData();
			for (const [key, value] of Object.entries(values)) body.append(key, value);
			body.append('image', image);
			return body;
		};
		const notImages = [
			new File(['ikke et billede'], 'program.txt', { type: 'text/plain' }),
			// chosen, but empty: no image either
			new File([], 'tomt.png', { type: 'image/png' }),
			new File([new Uint8Array(MAX_FILE_BYTES + 1000)], 'stort.png', { type: 'image/png' })
		];
		const saidAtField = (html: string) =>
			/id="field-image-error">(Den slags fil kan ikke bruges her|En af filerne er for stor)[^<]*</.test(html);
		const titled = (title: string) =>
			system
				.collection('events')
				.getFullList<EventRecord>({ filter: system.filter('title = {:t}', { t: title }) });
		// a new event: refused at the image field, nothing saved, what was typed shown again
		for (const file of notImages) {
			const refused = await session.postMultipart('/personale/arrangementer?/create', form(fields, file));
			expect(refused.status, file.name).toBe(400);
			const html = await refused.text();
			expect(saidAtField(html), file.name).toBe(true);
			expect(html).toMatch(/<input[^>]*id="field-image"[^>]*aria-invalid="true"/);
			expect(html).toContain(`value="Billede ${tag}"`);
			expect(html).toContain('Om byens gamle fotografier');
			expect(await titled(fields.title), file.name).toEqual([]);
		}
		// an image is taken
		const png = Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
			'base64'
		);
		const created = await session.postMultipart(
			'/personale/arrangementer?/create',
			form(fields, new File([png], 'plakat.png', { type: 'image/png' }))
		);
		expect(created.status).toBe(303);
		const [event] = await titled(fields.title);
		expect(event!.image).toMatch(/^plakat_\w+\.png$/);
		// editing: refused alike, and the event keeps its image and its other fields
		const page = `/personale/arrangementer/${event!.id}`;
		for (const file of notImages) {
			const loaded = loadedAfter(await (await session.get(page)).text());
			const edited = { ...fields, title: `Billede ${tag} ændret`, _loaded: loaded };
			const refused = await session.postMultipart(`${page}?/update`, form(edited, file));
			expect(refused.status, file.name).toBe(400);
			const html = await refused.text();
			expect(saidAtField(html), file.name).toBe(true);
			expect(html).toContain(`value="Billede ${tag} ændret"`);
			expect(await system.collection('events').getOne<EventRecord>(event!.id)).toMatchObject({
				title: fields.title,
				image: event!.image
			});
		}
	});

	it('two staff members saving one event’s form at once each keep the field they changed', async () => {
		const [{ session: a }, { session: b }] = await Promise.all([staffSession(), staffSession()]);
		const title = `Samtidig ${Math.random().toString(36).slice(2, 8)}`;
		const fields = {
			title,
			description: 'Om byens historie',
			category: 'talk',
			start: '2031-06-13T19:00',
			end: '2031-06-13T21:00',
			room: '',
			state: 'draft',
			registration: 'on',
			capacity: '40'
		};
		const created = await a.post('/personale/arrangementer?/create', fields);
		const id = created.headers.get('location')!.split('/').at(-1)!;
		const form = {
			...fields,
			_loaded: loadedAfter(await (await a.get(`/personale/arrangementer/${id}`)).text())
		};
		const saved = await Promise.all([
			a.post(`/personale/arrangementer/${id}?/update`, { ...form, capacity: '60' }),
			b.post(`/personale/arrangementer/${id}?/update`, { ...form, description: 'Nu med kaffe' })
		]);
		expect(saved.map((r) => r.status)).toEqual([200, 200]);
		const stored = await (await systemClient()).collection('events').getOne<EventRecord>(id);
		expect(stored).toMatchObject({
			capacity: 60,
			description: 'Nu med kaffe',
			start: '2031-06-13 17:00:00.000Z'
		});
	});

	it('two staff members saving one shift’s form each keep the field they changed', async () => {
		const [{ session: a }, { session: b }] = await Promise.all([staffSession(), staffSession()]);
		const { event, shift } = await arrangeEvent({ start: new Date('2031-06-14T16:00:00Z'), places: 2 });
		const form = {
			id: shift.id,
			task: shift.task,
			start: '2031-06-14T18:00',
			end: '2031-06-14T20:00',
			places: '2',
			description: '',
			requirements: '',
			_loaded: loadedAfter(
				await (await a.get(`/personale/arrangementer/${event.id}`)).text(),
				`name="id" value="${shift.id}"`
			)
		};
		// one raises the places, then the other, from the page as it was, renames the task
		const raised = await a.post(`/personale/arrangementer/${event.id}?/updateShift`, {
			...form,
			places: '4'
		});
		expect(raised.status).toBe(200);
		const renamed = await b.post(`/personale/arrangementer/${event.id}?/updateShift`, {
			...form,
			task: 'Billetkontrol ved indgangen'
		});
		expect(renamed.status).toBe(200);
		const stored = await (await systemClient()).collection('shifts').getOne<ShiftRecord>(shift.id);
		expect(stored).toMatchObject({ places: 4, task: 'Billetkontrol ved indgangen', start: shift.start });
	});

	it('refuses a shift typed on a date away from its event, when added and when moved, and keeps nothing', async () => {
		const { session, staff } = await staffSession();
		const { event, shift } = await arrangeEvent({ start: new Date('2031-06-17T16:00:00Z'), places: 2 });
		const form = { task: 'Opstilling', places: '2', description: '', requirements: '' };
		// a year off: refused at its field, in words for staff
		const added = await session.post(`/personale/arrangementer/${event.id}?/addShift`, {
			...form,
			start: '2030-06-17T14:00',
			end: '2030-06-17T16:00'
		});
		expect(added.status).toBe(400);
		expect(await added.text()).toContain('Vagten skal ligge omkring arrangementet');
		// setting up the day before, and clearing up after, are around the event
		const before = await session.post(`/personale/arrangementer/${event.id}?/addShift`, {
			...form,
			start: '2031-06-16T14:00',
			end: '2031-06-16T16:00'
		});
		expect(before.status).toBe(200);
		// moved through the API a week later than the event: refused, nothing changes
		const moved = await refusal(
			staff.pb.collection('shifts').update(shift.id, {
				start: new Date('2031-06-24T16:00:00Z'),
				end: new Date('2031-06-24T18:00:00Z')
			})
		);
		expect([moved.status, codeOf(moved.error, 'end')]).toEqual([400, 'events_shift_outside_event']);
		const system = await systemClient();
		expect((await system.collection('shifts').getOne<ShiftRecord>(shift.id)).start).toBe(shift.start);
		const shifts = await system.collection('shifts').getFullList({
			filter: system.filter('event = {:e}', { e: event.id })
		});
		expect(shifts).toHaveLength(2);
	});

	it('keeps the instant of a time in the hour that occurs twice when another field is saved; one typed anew is refused', async () => {
		// 2027-10-31, the next night the clocks go back (03:00 CEST to 02:00 CET): 02:30 occurs twice. The
		// event starts at the first 02:30 (00:30Z) and ends at the second (01:30Z); its shift the same.
		const { session } = await staffSession();
		const { event, shift } = await arrangeEvent({ start: new Date('2027-10-31T00:30:00Z'), hours: 1 });
		const page = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		/** A field's value as the page rendered it, the first after `marker`. */
		const shown = (name: string, marker = '') => {
			const found = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page.slice(page.indexOf(marker)));
			return found ? found[1]! : '';
		};
		expect([shown('start'), shown('end')]).toEqual(['2027-10-31T02:30', '2027-10-31T02:30']);
		const form = {
			title: 'Natkoncert ved urskiftet',
			description: event.description,
			category: event.category,
			start: shown('start'),
			start_kept: shown('start_kept'),
			end: shown('end'),
			end_kept: shown('end_kept'),
			room: '',
			state: event.state,
			registration: 'on',
			capacity: String(event.capacity),
			_loaded: loadedAfter(page)
		};
		const saved = await session.post(`/personale/arrangementer/${event.id}?/update`, form);
		expect(saved.status).toBe(200);
		const system = await systemClient();
		expect(await system.collection('events').getOne<EventRecord>(event.id)).toMatchObject({
			title: 'Natkoncert ved urskiftet',
			start: '2027-10-31 00:30:00.000Z',
			end: '2027-10-31 01:30:00.000Z'
		});
		const marker = `name="id" value="${shift.id}"`;
		const shiftSaved = await session.post(`/personale/arrangementer/${event.id}?/updateShift`, {
			id: shift.id,
			task: 'Billetkontrol om natten',
			start: shown('start', marker),
			start_kept: shown('start_kept', marker),
			end: shown('end', marker),
			end_kept: shown('end_kept', marker),
			places: String(shift.places),
			description: '',
			requirements: '',
			_loaded: loadedAfter(page, marker)
		});
		expect(shiftSaved.status).toBe(200);
		expect(await system.collection('shifts').getOne<ShiftRecord>(shift.id)).toMatchObject({
			task: 'Billetkontrol om natten',
			start: '2027-10-31 00:30:00.000Z',
			end: '2027-10-31 01:30:00.000Z'
		});
		// a time typed anew in that hour is refused beside its field, whatever instant is sent beside it
		const typed = await session.post(`/personale/arrangementer/${event.id}?/update`, {
			...form,
			start: '2027-10-31T02:15'
		});
		expect(typed.status).toBe(400);
		const html = await typed.text();
		expect(html).toContain('Det klokkeslæt findes to gange den dag (vintertid). Vælg et andet.');
		expect(html).toMatch(/id="field-start-error"/);
		// a kept instant sent with another wall clock is ignored: the wall clock is what is saved
		const moved = await session.post(`/personale/arrangementer/${event.id}?/update`, {
			...form,
			start: '2027-10-31T01:30'
		});
		expect(moved.status).toBe(200);
		expect(await system.collection('events').getOne<EventRecord>(event.id)).toMatchObject({
			start: '2027-10-30 23:30:00.000Z',
			end: '2027-10-31 01:30:00.000Z'
		});
	});

	it('opens a refused shift edit again with what was typed and why, also without JavaScript', async () => {
		const { session } = await staffSession();
		const { event, shift } = await arrangeEvent({ start: new Date('2031-06-16T16:00:00Z'), places: 2 });
		const volunteers = await Promise.all([createVolunteer(), createVolunteer()]);
		for (const v of volunteers)
			await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		const refused = await session.post(`/personale/arrangementer/${event.id}?/updateShift`, {
			id: shift.id,
			task: 'Billetkontrol ved døren',
			start: '2031-06-16T18:00',
			end: '2031-06-16T20:00',
			places: '1',
			description: '',
			requirements: '',
			_loaded: loadedAfter(
				await (await session.get(`/personale/arrangementer/${event.id}`)).text(),
				`name="id" value="${shift.id}"`
			)
		});
		expect(refused.status).toBe(400);
		const html = await refused.text();
		const card = html.slice(html.indexOf(`id="shift-${shift.id}"`));
		expect(card).toMatch(/<details[^>]*\sopen/);
		expect(card).toMatch(new RegExp(`id="${shift.id}-places"[^>]*value="1"`));
		expect(card).toContain(`id="${shift.id}-places-error"`);
		expect(card).toMatch(new RegExp(`id="${shift.id}-task"[^>]*value="Billetkontrol ved døren"`));
		const stored = await (await systemClient()).collection('shifts').getOne<ShiftRecord>(shift.id);
		expect(stored).toMatchObject({ places: 2, task: shift.task });
	});

	it('offers no new shift and no door check-in on a cancelled event, and says why when a shift is posted anyway', async () => {
		const { session } = await staffSession();
		const { event } = await arrangeEvent({ start: new Date('2031-06-15T16:00:00Z') });
		const door = `href="/personale/arrangementer/${event.id}/indtjek"`;
		expect(await (await session.get(`/personale/arrangementer/${event.id}`)).text()).toContain(door);
		await (await systemClient()).collection('events').update(event.id, { state: 'cancelled' });
		const page = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		expect(page).not.toContain('action="?/addShift"');
		expect(page).not.toContain(door);
		const added = await session.post(`/personale/arrangementer/${event.id}?/addShift`, {
			task: 'Kaffe',
			start: '2031-06-15T18:00',
			end: '2031-06-15T19:00',
			places: '2',
			description: '',
			requirements: ''
		});
		expect(added.status).toBe(400);
		expect(await added.text()).toContain('Arrangementet er aflyst, så det kan ikke få nye vagter.');
		const shifts = await (
			await systemClient()
		)
			.collection('shifts')
			.getFullList({ filter: `event = "${event.id}" && task = "Kaffe"` });
		expect(shifts).toEqual([]);
	});

	it('creates an event in house time, adds a shift, and refuses reversed or non-existent times', async () => {
		const { staff, session } = await staffSession();
		const reversed = await session.post('/personale/arrangementer?/create', {
			title: 'Baglæns',
			description: '',
			category: 'talk',
			start: '2031-05-01T19:00',
			end: '2031-05-01T18:00',
			room: '',
			state: 'draft',
			capacity: '0'
		});
		expect(reversed.status).toBe(400);
		const skipped = await session.post('/personale/arrangementer?/create', {
			title: 'Sommertid',
			description: '',
			category: 'talk',
			start: '2031-03-30T02:30',
			end: '2031-03-30T04:00',
			room: '',
			state: 'draft',
			capacity: '0'
		});
		expect(skipped.status).toBe(400);
		const title = `Foredrag ${Math.random().toString(36).slice(2, 8)}`;
		const created = await session.post('/personale/arrangementer?/create', {
			title,
			description: 'Om byens historie',
			category: 'talk',
			start: '2031-06-12T19:00',
			end: '2031-06-12T21:00',
			room: '',
			state: 'published',
			registration: 'on',
			capacity: '40'
		});
		expect(created.status).toBe(303);
		const id = created.headers.get('location')!.split('/').at(-1)!;
		const system = await systemClient();
		const event = await system.collection('events').getOne<EventRecord>(id);
		expect(event.start).toBe('2031-06-12 17:00:00.000Z');
		expect(event.created_by).toBe(staff.record.id);
		const added = await session.post(`/personale/arrangementer/${id}?/addShift`, {
			task: 'Kaffe',
			start: '2031-06-12T18:00',
			end: '2031-06-12T21:00',
			places: '3',
			description: '',
			requirements: ''
		});
		expect(added.status).toBe(200);
		const shifts = await system
			.collection('shifts')
			.getFullList<ShiftRecord>({ filter: system.filter('event = {:id}', { id }) });
		expect(shifts.map((s) => s.task)).toEqual(['Kaffe']);
		const audit = await staff.pb.collection('audit_log').getFullList({
			filter: staff.pb.filter('target_id = {:id}', { id })
		});
		expect(audit.map((a) => a.action)).toContain('events.create');
	});

	it('offers only the states the event machine allows from the current one', async () => {
		const { event } = await arrangeEvent({ state: 'draft' });
		const { session } = await staffSession();
		const draft = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		for (const state of ['draft', 'published', 'cancelled']) expect(draft).toContain(`value="${state}"`);
		const system = await systemClient();
		await system.collection('events').update(event.id, { state: 'cancelled' });
		const cancelled = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		expect(cancelled).toContain('value="cancelled"');
		expect(cancelled).not.toContain('value="published"');
		expect(cancelled).not.toContain('value="draft"');
	});

	it('shows the roster with contact details and messages every volunteer', async () => {
		const { event, shift } = await arrangeEvent({ places: 2 });
		const v = await createVolunteer();
		await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		const { session } = await staffSession();
		const page = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		expect(page).toContain(v.email);
		const sent = await session.post(`/personale/arrangementer/${event.id}?/message`, {
			message: 'Mød op kl. 17'
		});
		expect(await sent.text()).toContain('Beskeden er sendt til 1 frivillig.');
		const inbox = await v.pb.collection('notifications').getFullList({ filter: 'kind = "events_message"' });
		expect(inbox).toHaveLength(1);
	});

	it('checks in a ticket from its code once, and refuses unknown codes', async () => {
		const { event } = await arrangeEvent({ capacity: 3, start: doorOpen() });
		const attendee = await createUser({ name: 'Dorthe Deltager' });
		const registration = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: attendee.record.id });
		const { session } = await staffSession();
		const path = `/personale/arrangementer/${event.id}/indtjek`;
		const unknown = await session.post(path, { code: 'a'.repeat(24) });
		expect(unknown.status).toBe(404);
		const ok = await session.post(path, { code: registration.ticket_code.toUpperCase() });
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('Dorthe Deltager er tjekket ind');
		const again = await session.post(path, { code: registration.ticket_code });
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('allerede tjekket ind');
	});

	it('says when the door opens for an event ahead, and refuses a ticket there with the reason', async () => {
		const { event } = await arrangeEvent({ capacity: 3 });
		const attendee = await createUser();
		const registration = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: attendee.record.id });
		const { session } = await staffSession();
		const path = `/personale/arrangementer/${event.id}/indtjek`;
		const opens = formatDateTime(new Date(ticketCheckinOpens(event.start)), 'da');
		expect(await (await session.get(path)).text()).toContain(
			`Indtjekningen åbner ${opens}, 3 timer før arrangementet starter.`
		);
		const early = await session.post(path, { code: registration.ticket_code });
		expect(early.status).toBe(400);
		expect(await early.text()).toContain('Indtjekningen er ikke åben endnu.');
		const system = await systemClient();
		expect((await system.collection('registrations').getOne(registration.id)).checked_in_at).toBe('');
	});
});

// Deleting events and shifts, and capacity, through the API with a staff member's own token
// (docs/rules.md, "Places, the waitlist and overlapping shifts").
describe('the staff list of events', () => {
	it('reaches every event: current ones forward in pages of 50, past ones backward in their own list', async () => {
		const { session } = await staffSession();
		const { event: ahead } = await arrangeEvent();
		const { event: recent } = await arrangeEvent({ start: new Date(Date.now() - 10 * 86_400_000) });
		const { event: old } = await arrangeEvent({ start: new Date(Date.now() - 45 * 86_400_000) });
		/** The list's part of a page, and the titles in it. */
		const listOf = async (query: string) => {
			const html = await (await session.get(`/personale/arrangementer?${query}`)).text();
			const list = html.slice(html.indexOf('id="list-heading"'), html.indexOf('id="create-heading"'));
			return {
				list,
				titles: [...list.matchAll(/<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!)
			};
		};
		/** The titles on each page of a list, following its next-page links. */
		const walk = async (query: string) => {
			const pages: string[][] = [];
			for (let side = 1; side <= 100; side++) {
				const { list, titles } = await listOf(`${query}side=${side}`);
				pages.push(titles);
				if (!list.includes(`side=${side + 1}"`)) break;
			}
			return pages;
		};
		const current = await walk('');
		expect(current.every((page) => page.length <= 50)).toBe(true);
		expect(current.flat()).toEqual(expect.arrayContaining([ahead.title, recent.title]));
		expect(current.flat()).not.toContain(old.title);
		const past = await walk('visning=tidligere&');
		expect(past.flat()).toContain(old.title);
		expect(past.flat()).not.toContain(ahead.title);
		expect(past.flat()).not.toContain(recent.title);
		// a page past the end shows the last one; an odd page number the first
		expect((await listOf('visning=tidligere&side=9999')).titles).toEqual(past[past.length - 1]);
		expect((await session.get('/personale/arrangementer?side=abc')).status).toBe(200);
	});
});

describe('staff deleting events and shifts, and capacity', () => {
	async function exists(collection: string, id: string): Promise<boolean> {
		const system = await systemClient();
		return system
			.collection(collection)
			.getOne(id)
			.then(
				() => true,
				() => false
			);
	}

	it('refuses deleting an event with a registration, or with a sign-up on a shift; nothing is deleted', async () => {
		const staff = await createUser({ staff: true, name: 'Test Personale' });
		const { event, shift } = await arrangeEvent({ capacity: 3 });
		const attendee = await createUser();
		const ticket = await attendee.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: attendee.record.id });
		const refused = await refusal(staff.pb.collection('events').delete(event.id));
		expect(refused.status).toBe(400);
		expect(codeOf(refused.error)).toBe('events_has_places');
		expect(await exists('events', event.id)).toBe(true);
		expect(await exists('shifts', shift.id)).toBe(true);
		expect(await statusOf('registrations', ticket.id)).toBe('confirmed');

		// a cancelled sign-up is history too, and it counts for its event
		const other = await arrangeEvent({ capacity: 0 });
		const v = await createVolunteer();
		const signup = await v.pb
			.collection('signups')
			.create<SignupRecord>({ shift: other.shift.id, user: v.record.id });
		await v.pb.collection('signups').update(signup.id, { status: 'cancelled' });
		const again = await refusal(staff.pb.collection('events').delete(other.event.id));
		expect(again.status).toBe(400);
		expect(codeOf(again.error)).toBe('events_has_places');
		expect(await exists('events', other.event.id)).toBe(true);
		expect(await statusOf('signups', signup.id)).toBe('cancelled');
	});

	it('refuses deleting a shift with a sign-up; the sign-up stays', async () => {
		const staff = await createUser({ staff: true, name: 'Test Personale' });
		const { event, shift } = await arrangeEvent({ places: 2 });
		const v = await createVolunteer();
		const signup = await v.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: v.record.id });
		expect(signup.status).toBe('confirmed');
		const refused = await refusal(staff.pb.collection('shifts').delete(shift.id));
		expect(refused.status).toBe(400);
		expect(codeOf(refused.error)).toBe('events_has_places');
		expect(await exists('shifts', shift.id)).toBe(true);
		expect(await statusOf('signups', signup.id)).toBe('confirmed');
		const audit = await staff.pb.collection('audit_log').getFullList({
			filter: staff.pb.filter('target_id = {:id}', { id: shift.id })
		});
		expect(audit.map((a) => a.action)).not.toContain('shifts.delete');
		// the system (maintenance) still may
		const system = await systemClient();
		await system.collection('shifts').delete(shift.id);
		expect(await exists('signups', signup.id)).toBe(false);
		expect(await exists('events', event.id)).toBe(true);
	});

	it('deletes an event and a shift that never had a place', async () => {
		const staff = await createUser({ staff: true, name: 'Test Personale' });
		const { event, shift } = await arrangeEvent({ state: 'draft' });
		const spare = await arrangeShift(event.id, new Date(shift.start.replace(' ', 'T')), 1);
		await staff.pb.collection('shifts').delete(spare.id);
		expect(await exists('shifts', spare.id)).toBe(false);
		await staff.pb.collection('events').delete(event.id);
		expect(await exists('events', event.id)).toBe(false);
		expect(await exists('shifts', shift.id)).toBe(false);
	});

	it('refuses to make a draft of an event people hold places in; one whose places were all cancelled may', async () => {
		const staff = await createUser({ staff: true, name: 'Test Personale' });
		const { event } = await arrangeEvent({ capacity: 3 });
		const attendee = await createUser();
		const place = await attendee.pb
			.collection('registrations')
			.create({ event: event.id, user: attendee.record.id });
		const events = staff.pb.collection('events');
		const refused = await refusal(events.update(event.id, { state: 'draft' }));
		expect(codeOf(refused.error, 'state')).toBe('events_unpublish_has_places');
		const system = await systemClient();
		expect((await system.collection('events').getOne(event.id)).state).toBe('published');
		// the staff page offers only what the hook lets staff do: no draft, and says why under the state
		const { session } = await staffSession();
		const held = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		expect(held).toContain('value="published"');
		expect(held).toContain('value="cancelled"');
		expect(held).not.toContain('value="draft"');
		expect(held).toContain('Der er tilmeldte til arrangementet, så det kan ikke gøres til en kladde.');
		// the ticket still names its event
		const ticket = await attendee.pb
			.collection('registrations')
			.getOne(place.id, { expand: 'event', fields: 'id,expand.event.title' });
		expect(ticket.expand?.event?.title).toBe(event.title);
		await attendee.pb.collection('registrations').update(place.id, { status: 'cancelled' });
		const free = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		expect(free).toContain('value="draft"');
		expect(free).not.toContain('så det kan ikke gøres til en kladde');
		await events.update(event.id, { state: 'draft' });
		expect((await system.collection('events').getOne(event.id)).state).toBe('draft');
	});

	it('refuses capacity 0 with registration off while registrations are confirmed, and allows other edits', async () => {
		const staff = await createUser({ staff: true, name: 'Test Personale' });
		const { event } = await arrangeEvent({ capacity: 3 });
		for (let i = 0; i < 3; i++) {
			const attendee = await createUser();
			await attendee.pb.collection('registrations').create({ event: event.id, user: attendee.record.id });
		}
		const events = staff.pb.collection('events');
		const lowered = await refusal(events.update(event.id, { capacity: 1 }));
		expect(codeOf(lowered.error, 'capacity')).toBe('events_capacity_below_confirmed');
		const switchedOff = await refusal(events.update(event.id, { capacity: 0, registration: false }));
		expect(switchedOff.status).toBe(400);
		expect(codeOf(switchedOff.error, 'capacity')).toBe('events_capacity_below_confirmed');
		const system = await systemClient();
		let stored = await system.collection('events').getOne<EventRecord>(event.id);
		expect(stored.capacity).toBe(3);
		expect(stored.registration).toBe(true);
		// registration off alone keeps the places; later edits that leave the capacity alone go through
		await events.update(event.id, { registration: false });
		await events.update(event.id, { title: 'Ny titel', capacity: 3, registration: false });
		const later = await refusal(events.update(event.id, { capacity: 2 }));
		expect(codeOf(later.error, 'capacity')).toBe('events_capacity_below_confirmed');
		stored = await system.collection('events').getOne<EventRecord>(event.id);
		expect(stored).toMatchObject({ title: 'Ny titel', capacity: 3, registration: false, taken: 3 });
	});

	it("refuses more places than the event's room holds, on create, a raise and a move to a smaller room, beside the field", async () => {
		const { staff, session } = await staffSession();
		const system = await systemClient();
		const [small, large] = await Promise.all([makeRoom({ capacity: 20 }), makeRoom({ capacity: 200 })]);
		const events = staff.pb.collection('events');
		const start = new Date(Date.now() + (400 + Math.floor(Math.random() * 300)) * 86_400_000);
		const base = {
			category: 'talk',
			start,
			end: new Date(start.getTime() + 2 * 3600_000),
			state: 'draft',
			registration: true
		};
		const title = `Stort foredrag ${Math.random().toString(36).slice(2, 8)}`;
		// 200 places in a room for 20: refused on the capacity, nothing stored
		const made = await refusal(events.create({ ...base, title, room: small.id, capacity: 200 }));
		expect([made.status, codeOf(made.error, 'capacity')]).toEqual([400, 'events_capacity_over_room']);
		expect(
			await system.collection('events').getFullList({ filter: system.filter('title = {:title}', { title }) })
		).toEqual([]);
		// as many as the room holds is fine, and so is any number without a room (outdoors, elsewhere)
		const full = await events.create<EventRecord>({ ...base, title, room: small.id, capacity: 20 });
		await events.create({ ...base, title: `${title} ude`, room: '', capacity: 500 });
		// raised above the room: refused, the capacity kept
		const raised = await refusal(events.update(full.id, { capacity: 21 }));
		expect(codeOf(raised.error, 'capacity')).toBe('events_capacity_over_room');
		// in the large room it may grow; moved back to the small one with it, refused on the room
		await events.update(full.id, { room: large.id, start: base.start, end: base.end, capacity: 150 });
		const moved = await refusal(events.update(full.id, { room: small.id }));
		expect(codeOf(moved.error, 'room')).toBe('events_capacity_over_room');
		expect(await system.collection('events').getOne<EventRecord>(full.id)).toMatchObject({
			room: large.id,
			capacity: 150
		});
		// the staff form says so beside the capacity field, in words, and stores nothing
		const form = await session.post('/personale/arrangementer?/create', {
			title: `${title} formular`,
			description: '',
			category: 'talk',
			start: '2031-06-12T19:00',
			end: '2031-06-12T21:00',
			room: small.id,
			state: 'draft',
			registration: 'on',
			capacity: '40'
		});
		expect(form.status).toBe(400);
		expect(await form.text()).toMatch(
			/id="field-capacity-error"[^>]*>Der er flere pladser end lokalet har plads til\. Vælg et mindre antal eller et større lokale\./
		);
	});

	it('refuses places below the confirmed volunteers, also together with other fields', async () => {
		const staff = await createUser({ staff: true, name: 'Test Personale' });
		const { shift } = await arrangeEvent({ places: 2 });
		for (let i = 0; i < 2; i++) {
			const v = await createVolunteer();
			await v.pb.collection('signups').create({ shift: shift.id, user: v.record.id });
		}
		const refused = await refusal(
			staff.pb.collection('shifts').update(shift.id, { places: 1, task: 'Garderobe' })
		);
		expect(codeOf(refused.error, 'places')).toBe('events_places_below_confirmed');
		const system = await systemClient();
		expect(await system.collection('shifts').getOne<ShiftRecord>(shift.id)).toMatchObject({
			places: 2,
			task: 'Billetkontrol'
		});
	});
});

describe("staff cancel one attendee's registration on the event page", () => {
	it('cancels it for them: the waitlist moves up, the person is told, a used ticket is kept', async () => {
		const { staff, session } = await staffSession();
		const { event } = await arrangeEvent({ capacity: 2, start: doorOpen() });
		const a = await createUser({ name: 'Ada Afmeldt' });
		const b = await createUser({ name: 'Bo Brugt' });
		const c = await createUser({ name: 'Cy Venter' });
		const place = (u: typeof a) =>
			u.pb.collection('registrations').create<RegistrationRecord>({ event: event.id, user: u.record.id });
		const first = await place(a);
		const used = await place(b);
		const waiting = await place(c);
		expect(waiting.status).toBe('waitlisted');
		await staff.pb.send(`/api/borgerhus/registrations/${used.id}/check-in`, { method: 'POST' });

		const page = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		// one cancel button for each place not used at the door
		expect(page.match(/action="\?\/cancelRegistration"/g)).toHaveLength(2);
		expect(page).toContain('Afmeld Ada Afmeldt');
		expect(page).not.toContain('Afmeld Bo Brugt');

		const cancelled = await session.post(`/personale/arrangementer/${event.id}?/cancelRegistration`, {
			id: first.id
		});
		expect(cancelled.status).toBe(200);
		expect(await statusOf('registrations', first.id)).toBe('cancelled');
		expect(await statusOf('registrations', waiting.id)).toBe('confirmed');
		const told = await a.pb.collection('notifications').getFullList({
			filter: a.pb.filter('kind = {:k}', { k: 'events_place_cancelled' })
		});
		expect(told).toHaveLength(1);
		const system = await systemClient();
		const audit = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:t} && actor = {:s}', { t: first.id, s: staff.record.id })
		});
		expect(audit.map((row) => row.action)).toEqual(['registrations.cancel']);

		// a ticket used at the door is refused with its reason, and stays
		const refused = await session.post(`/personale/arrangementer/${event.id}?/cancelRegistration`, {
			id: used.id
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Billetten er allerede tjekket ind.');
		expect(await statusOf('registrations', used.id)).toBe('confirmed');
		// a place cancelled meanwhile (the person's own cancel, a second staff member) is said to be
		const again = await session.post(`/personale/arrangementer/${event.id}?/cancelRegistration`, {
			id: first.id
		});
		expect(again.status).toBe(409);
		expect(await again.text()).toContain('Pladsen er allerede afmeldt');
		// a place of another event is not this page's: nothing changes
		const { event: elsewhere } = await arrangeEvent();
		const theirs = await c.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: elsewhere.id, user: c.record.id });
		for (const page of [event.id, 'zzzzzzzzzzzzzzz']) {
			const wrong = await session.post(`/personale/arrangementer/${page}?/cancelRegistration`, {
				id: theirs.id
			});
			expect(wrong.status).toBe(404);
		}
		expect(await statusOf('registrations', theirs.id)).toBe('confirmed');
		// once the event has begun, a ticket is attendance or a no-show: no cancel is offered
		const { event: begun } = await arrangeEvent();
		await c.pb.collection('registrations').create({ event: begun.id, user: c.record.id });
		await (await systemClient()).collection('events').update(begun.id, {
			start: new Date(Date.now() - 30 * 60_000),
			end: new Date(Date.now() + 90 * 60_000)
		});
		const begunPage = await (await session.get(`/personale/arrangementer/${begun.id}`)).text();
		expect(begunPage).toContain('Cy Venter');
		expect(begunPage).not.toContain('action="?/cancelRegistration"');
		expect(
			(await session.post(`/personale/arrangementer/${event.id}?/cancelRegistration`, { id: 'x' })).status
		).toBe(400);
	});
});

describe('a ticket checked in at the door', () => {
	it('stays: neither its holder nor staff cancel it, so its place and attendance are kept', async () => {
		const staff = await createUser({ staff: true, name: 'Test Dørvogter' });
		const { event } = await arrangeEvent({ capacity: 1, start: doorOpen() });
		const [holder, next] = [await createUser(), await createUser()];
		const ticket = await holder.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: holder.record.id });
		const waiting = await next.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: next.record.id });
		expect(waiting.status).toBe('waitlisted');
		await staff.pb.send(`/api/borgerhus/registrations/${ticket.id}/check-in`, { method: 'POST' });

		for (const who of [holder, staff]) {
			const refused = await refusal(
				who.pb.collection('registrations').update(ticket.id, { status: 'cancelled' })
			);
			expect(refused.status).toBe(400);
			expect(codeOf(refused.error)).toBe('events_already_checked_in');
		}
		const system = await systemClient();
		const stored = await system.collection('registrations').getOne<RegistrationRecord>(ticket.id);
		expect([stored.status, stored.checked_in_at !== '']).toEqual(['confirmed', true]);
		expect(await statusOf('registrations', waiting.id)).toBe('waitlisted');

		// through the app, the holder is told why
		const session = new AppSession();
		await session.signIn(holder.email, holder.password);
		const response = await session.post(`/arrangementer/${event.id}?/cancelRegistration`, { id: ticket.id });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Billetten er allerede tjekket ind.');
		expect(await statusOf('registrations', ticket.id)).toBe('confirmed');
	});
});

describe('an event that has begun or ended', () => {
	/** A published event with a ticket checked in at the door and a volunteer on its shift, moved (by the
	 * system, arranging history) to start `startMinutes` from now and last `hours`. */
	async function attended(startMinutes: number, hours: number) {
		const staff = await createUser({ staff: true, name: 'Test Afvikler' });
		const { event, shift } = await arrangeEvent({ start: doorOpen() });
		const [holder, volunteer] = [await createUser(), await createVolunteer()];
		const ticket = await holder.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: event.id, user: holder.record.id });
		const signup = await volunteer.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: volunteer.record.id });
		await staff.pb.send(`/api/borgerhus/registrations/${ticket.id}/check-in`, { method: 'POST' });
		const start = Date.now() + startMinutes * 60_000;
		await (await systemClient()).collection('events').update(event.id, {
			start: new Date(start),
			end: new Date(start + hours * 3600_000)
		});
		return { staff, event, shift, holder, volunteer, ticket, signup };
	}

	/** Nothing changed: still published, the ticket used, the shift taken, nobody told of a cancellation. */
	async function expectKept(w: Awaited<ReturnType<typeof attended>>) {
		const system = await systemClient();
		expect((await system.collection('events').getOne<EventRecord>(w.event.id)).state).toBe('published');
		const ticket = await system.collection('registrations').getOne<RegistrationRecord>(w.ticket.id);
		expect([ticket.status, ticket.checked_in_at !== '']).toEqual(['confirmed', true]);
		expect(await statusOf('signups', w.signup.id)).toBe('confirmed');
		const told = await system.collection('notifications').getFullList({
			filter: system.filter('kind = "events_cancelled" && (user = {:a} || user = {:b})', {
				a: w.holder.record.id,
				b: w.volunteer.record.id
			})
		});
		expect(told).toHaveLength(0);
	}

	it.each([
		['has ended, days ago', -3 * 24 * 60, 2, 'events_cancel_event_over'],
		['is under way', -30, 2, 'events_cancel_event_started']
	] as const)(
		'is not cancelled by staff once it %s: its attendance stays',
		async (_when, start, hours, code) => {
			const w = await attended(start, hours);
			const refused = await refusal(
				w.staff.pb.collection('events').update(w.event.id, { state: 'cancelled' })
			);
			expect(refused.status).toBe(400);
			expect(codeOf(refused.error, 'state')).toBe(code);
			await expectKept(w);
		}
	);

	it('keeps its start once under way with people come: a move later and a cancel are both refused', async () => {
		const w = await attended(-30, 2);
		const stored = await (await systemClient()).collection('events').getOne<EventRecord>(w.event.id);
		const start = Date.now() + 5 * 60_000;
		const moved = await refusal(
			w.staff.pb
				.collection('events')
				.update(w.event.id, { start: new Date(start), end: new Date(start + 2 * 3600_000) })
		);
		expect(moved.status).toBe(400);
		expect(codeOf(moved.error, 'start')).toBe('events_move_event_started');
		const cancelled = await refusal(
			w.staff.pb.collection('events').update(w.event.id, { state: 'cancelled' })
		);
		expect(codeOf(cancelled.error, 'state')).toBe('events_cancel_event_started');
		const after = await (await systemClient()).collection('events').getOne<EventRecord>(w.event.id);
		expect([after.start, after.end]).toEqual([stored.start, stored.end]);
		await expectKept(w);
		// its end may still move: it runs late, and the check-in stands
		const later = new Date(Date.now() + 3 * 3600_000);
		await w.staff.pb.collection('events').update(w.event.id, { end: later });
		const ran = await (await systemClient()).collection('events').getOne<EventRecord>(w.event.id);
		expect(Date.parse(ran.end.replace(' ', 'T'))).toBe(later.getTime());
		await expectKept(w);
	});

	it('keeps its times once it has ended: moved ahead, its check-ins would be undone and it could be cancelled', async () => {
		const w = await attended(-3 * 24 * 60, 2);
		const system = await systemClient();
		// the notices of a move (the system's arranging above told them once)
		const movedNotices = async () =>
			(
				await system.collection('notifications').getFullList({
					filter: system.filter('kind = "events_moved" && (user = {:a} || user = {:b})', {
						a: w.holder.record.id,
						b: w.volunteer.record.id
					})
				})
			).length;
		const toldBefore = await movedNotices();
		const start = Date.now() + 10 * 24 * 3600_000;
		const moved = await refusal(
			w.staff.pb
				.collection('events')
				.update(w.event.id, { start: new Date(start), end: new Date(start + 2 * 3600_000) })
		);
		expect(moved.status).toBe(400);
		expect(codeOf(moved.error, 'start')).toBe('events_move_event_over');
		const longer = await refusal(
			w.staff.pb.collection('events').update(w.event.id, { end: new Date(Date.now() + 3600_000) })
		);
		expect(codeOf(longer.error, 'end')).toBe('events_move_event_over');
		const cancelled = await refusal(
			w.staff.pb.collection('events').update(w.event.id, { state: 'cancelled' })
		);
		expect(codeOf(cancelled.error, 'state')).toBe('events_cancel_event_over');
		await expectKept(w);
		expect(await movedNotices()).toBe(toldBefore);
		// its title may still be corrected, and the system arranges history as it finds it
		await w.staff.pb.collection('events').update(w.event.id, { title: 'Rettet titel' });
		await system
			.collection('events')
			.update(w.event.id, { start: new Date(start), end: new Date(start + 2 * 3600_000) });
	});

	it('keeps a published event that has begun: staff neither make it a draft again nor delete it', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true });
		const { id: room } = await makeRoom();
		const eventAt = (startMs: number, state: string) =>
			system.collection('events').create<EventRecord>({
				title: `Historik ${Math.random().toString(36).slice(2, 8)}`,
				description: 'Til test',
				category: 'concert',
				start: new Date(startMs),
				end: new Date(startMs + 2 * 3600_000),
				state,
				room,
				registration: false,
				capacity: 0
			});
		const day = 24 * 3600_000;
		for (const startMs of [Date.now() - 3 * day, Date.now() - 30 * 60_000]) {
			const event = await eventAt(startMs, 'published');
			const draft = await refusal(staff.pb.collection('events').update(event.id, { state: 'draft' }));
			expect(codeOf(draft.error, 'state')).toBe('events_unpublish_event_begun');
			const deleted = await refusal(staff.pb.collection('events').delete(event.id));
			expect(deleted.status).toBe(400);
			expect(JSON.stringify(deleted.error)).toContain('events_delete_event_begun');
			expect((await system.collection('events').getOne<EventRecord>(event.id)).state).toBe('published');
		}
		// a draft whose time has passed was never held: it may go; an event ahead may still be unpublished
		const old = await eventAt(Date.now() - 5 * day, 'draft');
		await staff.pb.collection('events').delete(old.id);
		const ahead = await eventAt(Date.now() + 30 * day, 'published');
		await staff.pb.collection('events').update(ahead.id, { state: 'draft' });
		await staff.pb.collection('events').delete(ahead.id);
	});

	it('publishes no draft whose time has begun: it would join the history as held, for good', async () => {
		const system = await systemClient();
		const { staff, session } = await staffSession();
		const draftAt = (startMs: number) =>
			system.collection('events').create<EventRecord>({
				title: `Glemt kladde ${Math.random().toString(36).slice(2, 8)}`,
				description: 'Til test',
				category: 'talk',
				start: new Date(startMs),
				end: new Date(startMs + 2 * 3600_000),
				state: 'draft',
				registration: false,
				capacity: 0
			});
		const day = 24 * 3600_000;
		// a draft forgotten until its date passed, and one whose start has just passed
		for (const startMs of [Date.now() - 30 * day, Date.now() - 30 * 60_000]) {
			const draft = await draftAt(startMs);
			const published = await refusal(staff.pb.collection('events').update(draft.id, { state: 'published' }));
			expect(codeOf(published.error, 'state')).toBe('events_publish_event_begun');
			expect((await system.collection('events').getOne<EventRecord>(draft.id)).state).toBe('draft');
			// the staff form offers no "published" then, and says why under the state field
			const page = await (await session.get(`/personale/arrangementer/${draft.id}`)).text();
			expect(page).not.toContain('value="published"');
			expect(page).toContain('kan ikke offentliggøres');
			// it was never held: it may still go
			await staff.pb.collection('events').delete(draft.id);
		}
		// one under way that nobody has come to may get a new start and be published in the same save
		const late = await draftAt(Date.now() - 30 * 60_000);
		const startMs = Date.now() + 7 * day;
		await staff.pb.collection('events').update(late.id, {
			state: 'published',
			start: new Date(startMs),
			end: new Date(startMs + 2 * 3600_000)
		});
		expect((await system.collection('events').getOne<EventRecord>(late.id)).state).toBe('published');
		// the system, arranging history as it finds it, still may
		const old = await draftAt(Date.now() - 3 * day);
		await system.collection('events').update(old.id, { state: 'published' });
	});

	it('keeps its room once it has ended, and once under way with people come, for staff and through the form', async () => {
		const [first, second, third] = await Promise.all([makeRoom(), makeRoom(), makeRoom()]);
		const system = await systemClient();
		const roomOf = async (id: string) => (await system.collection('events').getOne<EventRecord>(id)).room;
		// ended: neither another room nor none (where it happened is the room's history and its door sign's)
		const over = await attended(-3 * 24 * 60, 2);
		await system.collection('events').update(over.event.id, { room: first.id });
		for (const room of [second.id, '']) {
			const refused = await refusal(over.staff.pb.collection('events').update(over.event.id, { room }));
			expect(refused.status).toBe(400);
			expect(codeOf(refused.error, 'room')).toBe('events_room_event_over');
		}
		expect(await roomOf(over.event.id)).toBe(first.id);
		// an ended event without a room is not given one afterwards either
		const roomless = await attended(-3 * 24 * 60, 2);
		const given = await refusal(
			roomless.staff.pb.collection('events').update(roomless.event.id, { room: first.id })
		);
		expect(codeOf(given.error, 'room')).toBe('events_room_event_over');
		expect(await roomOf(roomless.event.id)).toBe('');
		// under way with a ticket checked in: the room stays like its start, the end may still move
		const running = await attended(-30, 2);
		await system.collection('events').update(running.event.id, { room: first.id });
		const moved = await refusal(
			running.staff.pb.collection('events').update(running.event.id, { room: second.id })
		);
		expect(codeOf(moved.error, 'room')).toBe('events_room_event_started');
		expect(await roomOf(running.event.id)).toBe(first.id);
		await expectKept(running);
		// under way and nobody come yet: the room may still be corrected
		const { event: early } = await arrangeEvent();
		const begun = Date.now() - 10 * 60_000;
		await system
			.collection('events')
			.update(early.id, { start: new Date(begun), end: new Date(begun + 2 * 3600_000), room: third.id });
		await running.staff.pb.collection('events').update(early.id, { room: second.id });
		expect(await roomOf(early.id)).toBe(second.id);
		// the system arranges history as it finds it
		await system.collection('events').update(over.event.id, { room: second.id });
		expect(await roomOf(over.event.id)).toBe(second.id);

		// the staff form offers only the room it keeps, says why, and a changed room is refused in words
		const { session } = await staffSession();
		const roomSelect = (page: string) => page.match(/<select[^>]*name="room"[^>]*>[\s\S]*?<\/select>/)![0];
		const overPage = await (await session.get(`/personale/arrangementer/${over.event.id}`)).text();
		expect(roomSelect(overPage)).toContain(`value="${second.id}"`);
		expect(roomSelect(overPage)).not.toContain(`value="${first.id}"`);
		expect(roomSelect(overPage)).not.toContain('value=""');
		expect(overPage).toContain('Arrangementet er slut, så dets lokale kan ikke skiftes.');
		const runningPage = await (await session.get(`/personale/arrangementer/${running.event.id}`)).text();
		expect(roomSelect(runningPage)).not.toContain(`value="${second.id}"`);
		expect(runningPage).toContain('så lokalet kan ikke skiftes');
		const stored = await system.collection('events').getOne<EventRecord>(running.event.id);
		const posted = await session.post(`/personale/arrangementer/${running.event.id}?/update`, {
			title: stored.title,
			description: stored.description,
			category: stored.category,
			start: utcToHouseLocal(stored.start),
			end: utcToHouseLocal(stored.end),
			room: second.id,
			state: stored.state,
			registration: 'on',
			capacity: String(stored.capacity),
			_loaded: loadedAfter(runningPage)
		});
		expect(posted.status).toBe(400);
		expect(await posted.text()).toContain('så lokalet kan ikke skiftes');
		expect(await roomOf(running.event.id)).toBe(first.id);
		// one nobody has come to yet offers every room
		const earlyPage = await (await session.get(`/personale/arrangementer/${early.id}`)).text();
		expect(roomSelect(earlyPage)).toContain(`value="${first.id}"`);
		expect(earlyPage).not.toContain('lokale kan ikke skiftes');
	});

	it('keeps an event whose set-up shift is under way with a volunteer: start, room and state stay', async () => {
		const staff = await createUser({ staff: true });
		const start = Date.now() + 10 * 3600_000;
		const { event, shift } = await arrangeEvent({ start: new Date(start) });
		const volunteer = await createVolunteer();
		const signup = await volunteer.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: volunteer.record.id });
		// the set-up shift began half an hour ago, ten hours before the event (the system arranges the past)
		const system = await systemClient();
		const setUp = Date.now() - 30 * 60_000;
		await system
			.collection('shifts')
			.update(shift.id, { start: new Date(setUp), end: new Date(setUp + 3 * 3600_000) });
		const room = await makeRoom();
		const week = start + 7 * 24 * 3600_000;
		const moved = await refusal(
			staff.pb
				.collection('events')
				.update(event.id, { start: new Date(week), end: new Date(week + 2 * 3600_000) })
		);
		expect(codeOf(moved.error, 'start')).toBe('events_move_event_started');
		const roomed = await refusal(staff.pb.collection('events').update(event.id, { room: room.id }));
		expect(codeOf(roomed.error, 'room')).toBe('events_room_event_started');
		const cancelled = await refusal(staff.pb.collection('events').update(event.id, { state: 'cancelled' }));
		expect(codeOf(cancelled.error, 'state')).toBe('events_cancel_event_started');
		expect(await statusOf('signups', signup.id)).toBe('confirmed');
		const kept = await system.collection('events').getOne<EventRecord>(event.id);
		expect([kept.start, kept.state]).toEqual([event.start, 'published']);
		// its end may still move, and the staff page says why the rest stays
		const longer = await staff.pb
			.collection('events')
			.update<EventRecord>(event.id, { end: new Date(start + 3 * 3600_000) });
		expect(longer.start).toBe(event.start);
		const session = new AppSession();
		await session.signIn(staff.email, staff.password);
		const page = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		expect(page).toContain('Arrangementet er begyndt, eller der er kommet folk til det');
		expect(page).toContain('så starttidspunktet kan ikke flyttes');
	});

	it('keeps the start of a shift under way with volunteers on it, so its event keeps its start too', async () => {
		const staff = await createUser({ staff: true });
		const { event, shift } = await arrangeEvent({ start: doorOpen() });
		const volunteer = await createVolunteer();
		const signup = await volunteer.pb
			.collection('signups')
			.create<SignupRecord>({ shift: shift.id, user: volunteer.record.id });
		const system = await systemClient();
		const begun = Date.now() - 30 * 60_000;
		await system
			.collection('events')
			.update(event.id, { start: new Date(begun), end: new Date(begun + 2 * 3600_000) });
		const start = Date.now() + 5 * 60_000;
		const ahead = { start: new Date(start), end: new Date(start + 2 * 3600_000) };
		const shiftMoved = await refusal(staff.pb.collection('shifts').update(shift.id, ahead));
		expect(codeOf(shiftMoved.error, 'start')).toBe('events_shift_move_started');
		const eventMoved = await refusal(staff.pb.collection('events').update(event.id, ahead));
		expect(codeOf(eventMoved.error, 'start')).toBe('events_move_event_started');
		const cancelled = await refusal(staff.pb.collection('events').update(event.id, { state: 'cancelled' }));
		expect(codeOf(cancelled.error, 'state')).toBe('events_cancel_event_started');
		expect(await statusOf('signups', signup.id)).toBe('confirmed');
		// the shift runs late
		const later = new Date(Date.now() + 3 * 3600_000);
		await staff.pb.collection('shifts').update(shift.id, { end: later });
		const stored = await system.collection('shifts').getOne<ShiftRecord>(shift.id);
		expect(Date.parse(stored.end.replace(' ', 'T'))).toBe(later.getTime());
		expect(Date.parse(stored.start.replace(' ', 'T'))).toBe(begun);
	});

	it('moves an event under way nobody has come to yet, and one still to come', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const { event } = await arrangeEvent({ start: new Date(Date.now() - 30 * 60_000) });
		const start = Date.now() + 5 * 60_000;
		await staff.pb
			.collection('events')
			.update(event.id, { start: new Date(start), end: new Date(start + 2 * 3600_000) });
		const moved = await system.collection('events').getOne<EventRecord>(event.id);
		expect(Date.parse(moved.start.replace(' ', 'T'))).toBe(start);
		const { event: coming } = await arrangeEvent();
		const holder = await createUser();
		const ticket = await holder.pb
			.collection('registrations')
			.create<RegistrationRecord>({ event: coming.id, user: holder.record.id });
		const dayLater = Date.parse(coming.start.replace(' ', 'T')) + 24 * 3600_000;
		await staff.pb
			.collection('events')
			.update(coming.id, { start: new Date(dayLater), end: new Date(dayLater + 2 * 3600_000) });
		const after = await system.collection('events').getOne<EventRecord>(coming.id);
		expect(Date.parse(after.start.replace(' ', 'T'))).toBe(dayLater);
		expect(await statusOf('registrations', ticket.id)).toBe('confirmed');
	});

	it('keeps the time and room of a cancelled event, which were what was cancelled; its title may be corrected', async () => {
		const [first, second] = await Promise.all([makeRoom(), makeRoom()]);
		const system = await systemClient();
		const { staff, session } = await staffSession();
		const { event, shift } = await arrangeEvent();
		await system.collection('events').update(event.id, { room: first.id });
		await staff.pb.collection('events').update(event.id, { state: 'cancelled' });
		const later = (iso: string) =>
			new Date(new Date(iso.replace(' ', 'T')).getTime() + 7 * 24 * 3600_000).toISOString();
		for (const [field, change] of [
			['start', { start: later(event.start), end: later(event.end) }],
			['end', { end: later(event.end) }],
			['room', { room: second.id }],
			['room', { room: '' }]
		] as const) {
			const refused = await refusal(staff.pb.collection('events').update(event.id, change));
			expect([field, refused.status, codeOf(refused.error, field)]).toEqual([
				field,
				400,
				'events_cancelled_kept'
			]);
		}
		const kept = await system.collection('events').getOne<EventRecord>(event.id);
		expect([kept.start, kept.end, kept.room, kept.state]).toEqual([
			event.start,
			event.end,
			first.id,
			'cancelled'
		]);
		// its shift stays with it, and a typo in its title may still be put right
		const stayed = await system.collection('shifts').getOne<ShiftRecord>(shift.id);
		expect([stayed.start, stayed.end]).toEqual([shift.start, shift.end]);
		await staff.pb.collection('events').update(event.id, { title: 'Rettet titel' });
		expect((await system.collection('events').getOne<EventRecord>(event.id)).title).toBe('Rettet titel');
		// the form shows the times and the room it keeps, read-only, and says why
		const page = await (await session.get(`/personale/arrangementer/${event.id}`)).text();
		const field = (name: string) => page.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))![0];
		expect(field('start')).toContain('readonly');
		expect(field('end')).toContain('readonly');
		const roomSelect = page.match(/<select[^>]*name="room"[^>]*>[\s\S]*?<\/select>/)![0];
		expect(roomSelect).not.toContain(`value="${second.id}"`);
		expect(page).toContain('Arrangementet er aflyst, så dets tid og lokale kan ikke ændres.');
		// the system arranges data as it finds it
		await system.collection('events').update(event.id, { room: second.id });
		expect((await system.collection('events').getOne<EventRecord>(event.id)).room).toBe(second.id);
	});

	it('refuses a cancelled event moved through its form, in words beside the field, and keeps it', async () => {
		const { staff, session } = await staffSession();
		const [start, end] = houseLocalFromNow([20, 22], 15);
		// an hour later, always: the same hours on a 22-minute step were the same time whenever the minute of
		// the day was a multiple of both (16:30), and the refusal then came at the end field
		const [laterStart, laterEnd] = houseLocalFromNow([21, 23], 15);
		const fields = {
			title: `Aflyst ${Math.random().toString(36).slice(2, 8)}`,
			description: 'Om byens historie',
			category: 'talk',
			start,
			end,
			room: '',
			state: 'draft',
			registration: 'on',
			capacity: '40'
		};
		const created = await session.post('/personale/arrangementer?/create', fields);
		const id = created.headers.get('location')!.split('/').at(-1)!;
		await staff.pb.collection('events').update(id, { state: 'published' });
		await staff.pb.collection('events').update(id, { state: 'cancelled' });
		const before = await (await systemClient()).collection('events').getOne<EventRecord>(id);
		// the form shows the times read-only; a post that sends others anyway is refused by the hook
		const moved = await session.post(`/personale/arrangementer/${id}?/update`, {
			...fields,
			state: 'cancelled',
			start: laterStart,
			end: laterEnd,
			_loaded: loadedAfter(await (await session.get(`/personale/arrangementer/${id}`)).text())
		});
		expect(moved.status).toBe(400);
		// the hook's refusal, at the start (the same words stand as a hint on the page before any post)
		const answer = await moved.text();
		expect(answer).toMatch(/<input id="field-start"[^>]*aria-invalid="true"/);
		expect(answer).toContain(
			'<p class="error" id="field-start-error">Arrangementet er aflyst, så dets tid og lokale kan ikke ændres.'
		);
		const after = await (await systemClient()).collection('events').getOne<EventRecord>(id);
		expect([after.start, after.end, after.state]).toEqual([before.start, before.end, 'cancelled']);
	});

	it('the staff page shows the times it keeps read-only and says why', async () => {
		const { session } = await staffSession();
		const field = (page: string, name: string) =>
			page.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))![0];
		const over = await attended(-3 * 24 * 60, 2);
		const overPage = await (await session.get(`/personale/arrangementer/${over.event.id}`)).text();
		expect(field(overPage, 'start')).toContain('readonly');
		expect(field(overPage, 'end')).toContain('readonly');
		expect(overPage).toContain('Arrangementet er slut, så dets start og slut kan ikke flyttes.');
		const running = await attended(-30, 2);
		const runningPage = await (await session.get(`/personale/arrangementer/${running.event.id}`)).text();
		expect(field(runningPage, 'start')).toContain('readonly');
		expect(field(runningPage, 'end')).not.toContain('readonly');
		expect(runningPage).toContain('starttidspunktet kan ikke flyttes');
		// its shift under way with a volunteer on it: the same
		const shiftField = (page: string, name: string) =>
			page.match(new RegExp(`<input[^>]*id="${running.shift.id}-${name}"[^>]*>`))![0];
		expect(shiftField(runningPage, 'start')).toContain('readonly');
		expect(shiftField(runningPage, 'end')).not.toContain('readonly');
		expect(runningPage).toContain('Vagten er begyndt, og der er frivillige på den');
		const { event: coming } = await arrangeEvent();
		const comingPage = await (await session.get(`/personale/arrangementer/${coming.id}`)).text();
		expect(field(comingPage, 'start')).not.toContain('readonly');
	});

	it('the staff page offers no cancel once it has begun, says why, and its form is refused in words', async () => {
		const w = await attended(-3 * 24 * 60, 2);
		const { session } = await staffSession();
		const page = await (await session.get(`/personale/arrangementer/${w.event.id}`)).text();
		expect(page).toContain('value="published"');
		expect(page).not.toContain('value="cancelled"');
		expect(page).not.toContain('value="draft"');
		expect(page).toContain('Arrangementet er slut, så det kan ikke aflyses.');
		const system = await systemClient();
		const stored = await system.collection('events').getOne<EventRecord>(w.event.id);
		const posted = await session.post(`/personale/arrangementer/${w.event.id}?/update`, {
			title: stored.title,
			description: stored.description,
			category: stored.category,
			start: utcToHouseLocal(stored.start),
			end: utcToHouseLocal(stored.end),
			room: stored.room,
			state: 'cancelled',
			registration: 'on',
			capacity: String(stored.capacity),
			_loaded: loadedAfter(page)
		});
		expect(posted.status).toBe(400);
		expect(await posted.text()).toContain('Arrangementet er slut, så det kan ikke aflyses.');
		await expectKept(w);
		// one under way: the same, with what to do instead
		const running = await attended(-30, 2);
		const runningPage = await (await session.get(`/personale/arrangementer/${running.event.id}`)).text();
		expect(runningPage).not.toContain('value="cancelled"');
		expect(runningPage).toContain('Arrangementet er begyndt, eller der er kommet folk til det');
		// one still to come is cancelled as before
		const { event: coming } = await arrangeEvent();
		const comingPage = await (await session.get(`/personale/arrangementer/${coming.id}`)).text();
		expect(comingPage).toContain('value="cancelled"');
		expect(comingPage).toContain('value="draft"');
		await w.staff.pb.collection('events').update(coming.id, { state: 'cancelled' });
		expect((await system.collection('events').getOne<EventRecord>(coming.id)).state).toBe('cancelled');
	});
});
