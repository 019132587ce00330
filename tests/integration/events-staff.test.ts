import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import { createUser, systemClient } from '../helpers/pocketbase';
import type { EventRecord, RegistrationRecord, ShiftRecord } from '../../src/lib/pocketbase-types';
import { arrangeEvent, createVolunteer } from './events-helpers';

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
		const { event } = await arrangeEvent({ capacity: 3 });
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
});
