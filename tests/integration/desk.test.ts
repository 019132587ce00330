import { describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import type PocketBase from 'pocketbase';
import {
	createUser,
	guestClient,
	randomIp,
	systemClient,
	PASSWORD,
	type TestUser
} from '../helpers/pocketbase';
import { linkFrom, waitForMail, readMails } from '../helpers/mail';
import { AppSession } from '../helpers/app';
import { houseDate, houseTime, makeRoom, slot, someDay } from './rooms-arrange';
import { arrangeTitle, refusal } from './library-helpers';
import { arrangeEvent, createVolunteer, doorOpen } from './events-helpers';
import { makeAssociation, membership } from './associations-helpers';
import { arrange, inHours } from './overview-arrange';
import { validCvrNumber } from '../helpers/cvr';
import type { BookingRecord, HoldRecord, SignupRecord } from '../../src/lib/pocketbase-types';
import { format } from '$rules/core/time.js';
import { formatDateTime } from '$lib/dates';
import { stack } from '../helpers/stack';

// Service at the desk (docs/rules.md, "Service at the desk"): staff act for a citizen through the same
// record API and rules, naming the citizen in X-Borgerhus-For; overrides need a reason.

const mailDir = () => stack().mailDir;

function desk(citizenId: string, reason?: string) {
	const headers: Record<string, string> = { 'X-Borgerhus-For': citizenId };
	if (reason !== undefined) headers['X-Borgerhus-Override'] = encodeURIComponent(reason);
	return { headers };
}

async function auditOf(targetId: string) {
	const system = await systemClient();
	return system.collection('audit_log').getFullList({ filter: `target_id = "${targetId}"`, sort: 'created' });
}

async function bookFor(staff: TestUser, citizenId: string, room: string, day: number, reason?: string) {
	return staff.pb
		.collection('bookings')
		.create<BookingRecord>(
			{ room, booker: citizenId, purpose: 'Møde ved skranken', attendees: 2, ...slot(day, '10:00', '11:00') },
			desk(citizenId, reason)
		);
}

describe('acting for a citizen at the desk', () => {
	it('words the cards and a loan on the server: the page loads none of their words', async () => {
		// the desk's words for the overview's cards, the citizen's they build on and a loan's were a tenth of
		// the page's gzipped script (docs/performance.md, "Every other page")
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const room = await makeRoom();
		await bookFor(staff, citizen.record.id, room.id, someDay());
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const html = await (await session.get(`/personale/borgere/${citizen.record.id}`)).text();
		expect(html).toContain('Oprettet ved skranken');
		const scripts = new Set(html.match(/\/_app\/immutable\/[^"']+\.js/g));
		expect(scripts.size).toBeGreaterThan(2);
		for (const script of scripts) {
			const code = await (await session.get(script)).text();
			// a place in the queue at the desk ("Nr. 2 i køen") and to the citizen, and a loan ("Udlånt: ...")
			for (const words of ['i køen', 'Udlånt:'])
				expect(code.includes(words), `${script}: ${words}`).toBe(false);
		}
	});

	it("is in both people's Mine data in their own words: for you, and for a citizen", async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const room = await makeRoom();
		await bookFor(staff, citizen.record.id, room.id, someDay());
		const pageOf = async (user: TestUser) => {
			const session = new AppSession();
			expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
			return (await session.get('/mine-data')).text();
		};
		const staffPage = await pageOf(staff);
		expect(staffPage).toContain('Du oprettede en booking for en borger ved skranken');
		expect(staffPage).not.toContain('for dig ved skranken');
		expect(await pageOf(citizen)).toContain('Personalet oprettede en booking');
	});

	it('books a room as the citizen, audited with both identities, and the citizen sees it made at the desk', async () => {
		const staff = await createUser({ staff: true, name: 'Skranke Sara' });
		const citizen = await createUser({ name: 'Borger Bent' });
		const room = await makeRoom();
		const booking = await bookFor(staff, citizen.record.id, room.id, someDay());
		expect(booking.booker).toBe(citizen.record.id);
		expect(booking.status).toBe('approved');

		const audit = await auditOf(booking.id);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actor: staff.record.id,
			action: 'desk_create',
			target_collection: 'bookings'
		});
		expect(audit[0]?.details).toMatchObject({ on_behalf_of: citizen.record.id, to: 'approved' });

		const mine = await citizen.pb.send('/api/borgerhus/overview', {});
		expect(mine.bookings.map((b: BookingRecord) => b.id)).toContain(booking.id);
		expect(mine.desk[booking.id]).toBe(true);
		const inbox = await citizen.pb.collection('notifications').getFullList();
		expect(inbox.map((n) => n.title)).toContain('Oprettet for dig ved skranken');

		// the app marks it in Mit overblik
		const session = new AppSession();
		await session.signIn(citizen.email, PASSWORD);
		const page = await (await session.get('/overblik')).text();
		expect(page).toContain('Oprettet for dig ved skranken');
	});

	it('refuses the desk header to citizens and guests, and a citizen cannot book for another', async () => {
		const citizen = await createUser();
		const other = await createUser();
		const room = await makeRoom();
		const day = someDay();
		const asCitizen = await refusal(bookFor(citizen, other.record.id, room.id, day));
		expect(asCitizen).toEqual({ status: 403, code: 'desk_staff_only' });
		const guest = guestClient();
		const asGuest = await refusal(
			guest
				.collection('bookings')
				.create(
					{ room: room.id, booker: other.record.id, ...slot(day, '10:00', '11:00') },
					desk(other.record.id)
				)
		);
		expect(asGuest).toEqual({ status: 403, code: 'desk_staff_only' });
		// the override header alone is refused too
		const overrideOnly = await refusal(
			citizen.pb.collection('bookings').create(
				{
					room: room.id,
					booker: citizen.record.id,
					purpose: 'x',
					attendees: 1,
					...slot(day, '10:00', '11:00')
				},
				{ headers: { 'X-Borgerhus-Override': 'fordi' } }
			)
		);
		expect(overrideOnly).toEqual({ status: 403, code: 'desk_staff_only' });
		// without the header, the citizen's own rule: only for themselves
		const plain = await refusal(
			citizen.pb.collection('bookings').create({
				room: room.id,
				booker: other.record.id,
				purpose: 'x',
				attendees: 1,
				...slot(day, '10:00', '11:00')
			})
		);
		expect(plain.status).toBeGreaterThanOrEqual(400);
		// staff at the desk for one citizen whose body names another: refused by the field, with a code
		const staff = await createUser({ staff: true });
		const mixed = await refusal(
			staff.pb.collection('bookings').create(
				{
					room: room.id,
					booker: other.record.id,
					purpose: 'x',
					attendees: 1,
					...slot(day, '10:00', '11:00')
				},
				desk(citizen.record.id)
			)
		);
		expect(mixed).toEqual({ status: 400, code: 'core_field_locked' });
		const { title } = await arrangeTitle();
		const hold = await refusal(
			staff.pb
				.collection('holds')
				.create({ title: title.id, patron: other.record.id }, desk(citizen.record.id))
		);
		expect(hold).toEqual({ status: 400, code: 'core_field_locked' });
		const system = await systemClient();
		const stored = await system.collection('bookings').getFullList({ filter: `room = "${room.id}"` });
		expect(stored).toHaveLength(0);
		const held = await system.collection('holds').getFullList({ filter: `title = "${title.id}"` });
		expect(held).toHaveLength(0);
		// the desk routes are staff's
		expect((await refusal(citizen.pb.send('/api/borgerhus/desk/citizens?q=Test', {}))).status).toBe(403);
		expect((await refusal(guest.send('/api/borgerhus/desk/citizens?q=Test', {}))).status).toBe(401);
		expect(
			(await refusal(citizen.pb.send(`/api/borgerhus/desk/citizens/${other.record.id}`, {}))).status
		).toBe(403);
	});

	it('acts for the citizen in the desk acts only: never on an association, a membership or a season route', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const admin = await createUser();
		const association = await makeAssociation();
		await membership(association.id, admin, 'admin');
		const invitation = await membership(association.id, citizen, 'admin', 'invited');
		// accepting an invitation is the invited person's own consent
		const accept = await refusal(
			staff.pb.send(`/api/borgerhus/memberships/${invitation.id}/accept`, {
				method: 'POST',
				...desk(citizen.record.id)
			})
		);
		expect(accept).toEqual({ status: 403, code: 'desk_not_here' });
		const system = await systemClient();
		expect((await system.collection('memberships').getOne(invitation.id)).status).toBe('invited');
		// nor is an association founded in the citizen's name
		const name = `Skrankeforening ${citizen.record.id}`;
		const founded = await refusal(
			staff.pb.collection('associations').create({ name, cvr: validCvrNumber() }, desk(citizen.record.id))
		);
		expect(founded).toEqual({ status: 403, code: 'desk_not_here' });
		expect(
			await system
				.collection('associations')
				.getFullList({ filter: system.filter('name = {:name}', { name }) })
		).toEqual([]);
		// nor are the records API's reads a desk act
		const read = await refusal(staff.pb.collection('memberships').getFullList(desk(citizen.record.id)));
		expect(read).toEqual({ status: 403, code: 'desk_not_here' });
		// the citizen accepts for themselves
		await citizen.pb.send(`/api/borgerhus/memberships/${invitation.id}/accept`, { method: 'POST' });
		expect((await system.collection('memberships').getOne(invitation.id)).status).toBe('active');
	});

	it("applies the citizen's horizon and cancellation deadline unless staff override them with a reason", async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const room = await makeRoom({ horizon_days: 30, cancel_hours: 48 });
		const far = await refusal(bookFor(staff, citizen.record.id, room.id, 40));
		expect(far).toEqual({ status: 400, code: 'rooms_beyond_horizon' });
		const blank = await refusal(bookFor(staff, citizen.record.id, room.id, 40, '   '));
		expect(blank).toEqual({ status: 400, code: 'desk_override_reason' });
		// an invisible or hostile reason is no reason: the audit log would show nothing readable
		for (const [hostile, code] of [
			['\u200b', 'core_text_hidden'],
			['\u001b[31m\u202eok', 'core_text_hidden'],
			['første linje\nanden linje', 'core_text_one_line']
		]) {
			const refused = await refusal(bookFor(staff, citizen.record.id, room.id, 40, hostile!));
			expect(refused, JSON.stringify(hostile)).toEqual({ status: 400, code });
		}
		const forced = await bookFor(staff, citizen.record.id, room.id, 40, 'Fast aftale med biblioteket');
		expect(forced.booker).toBe(citizen.record.id);
		const audit = await auditOf(forced.id);
		expect(audit[0]?.details).toMatchObject({
			on_behalf_of: citizen.record.id,
			override_reason: 'Fast aftale med biblioteket'
		});
		// the staff log says whom it was for (a link to the citizen's page) and why the rule gave way
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const log = await (await session.get(`/personale/log?person=${staff.record.id}`)).text();
		expect(log).toContain(`href="/personale/borgere/${citizen.record.id}"`);
		expect(log).toContain('Undtagelse fra reglerne: Fast aftale med biblioteket');

		// a booking tomorrow is inside the 48-hour deadline: the citizen's rule refuses the desk's cancel
		const system = await systemClient();
		const soon = await system.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: citizen.record.id,
			purpose: 'I morgen',
			attendees: 1,
			status: 'approved',
			...slot(1, '12:00', '13:00')
		});
		// the citizen's page at the desk speaks of the citizen, not to them
		const deskPage = await (await session.get(`/personale/borgere/${citizen.record.id}`)).text();
		expect(deskPage).toContain('Oprettet ved skranken');
		// when the deadline was, 48 hours before the start, as the citizen's own pages say it
		const deadline = new Date(Date.parse(soon.start.replace(' ', 'T')) - 48 * 3600_000);
		expect(deskPage).toContain(
			`Borgerens frist for at aflyse var ${formatDateTime(deadline, 'da')}. Du kan aflyse ved at tilsidesætte reglen.`
		);
		expect(deskPage).toContain('Borgeren kan selv aflyse indtil');
		expect(deskPage).not.toContain('Oprettet for dig');
		expect(deskPage).not.toContain('Du kan aflyse indtil');
		// the two bookings of one room have buttons a screen reader tells apart, by their times
		const labels = [...deskPage.matchAll(/aria-label="([^"]*)"/g)]
			.map((match) => match[1]!)
			.filter((label) => label.includes(room.name));
		expect(labels.length).toBeGreaterThanOrEqual(2);
		expect(new Set(labels).size).toBe(labels.length);
		const cancel = { status: 'cancelled', cancelled_by: citizen.record.id };
		const late = await refusal(
			staff.pb.collection('bookings').update(soon.id, cancel, desk(citizen.record.id))
		);
		expect(late).toEqual({ status: 400, code: 'rooms_cancel_deadline' });
		expect((await system.collection('bookings').getOne(soon.id)).status).toBe('approved');
		// through the desk's page, the refusal says when the deadline was and what staff can do, not
		// "Kontakt huset" to the house's own staff
		const atDesk = await session.post(`/personale/borgere/${citizen.record.id}?/cancel`, {
			kind: 'booking',
			id: soon.id
		});
		expect(atDesk.status).toBe(400);
		const refusedPage = await atDesk.text();
		expect(refusedPage).toContain(
			`<p class="notice error" role="alert">Borgerens frist for at aflyse var ${formatDateTime(deadline, 'da')}. Du kan aflyse ved at tilsidesætte reglen.</p>`
		);
		expect(refusedPage).not.toContain('Kontakt huset');
		expect((await system.collection('bookings').getOne(soon.id)).status).toBe('approved');
		const noReason = await refusal(
			staff.pb.collection('bookings').update(soon.id, cancel, desk(citizen.record.id, ' '))
		);
		expect(noReason).toEqual({ status: 400, code: 'desk_override_reason' });
		await staff.pb
			.collection('bookings')
			.update(soon.id, cancel, desk(citizen.record.id, 'Syg, ringede ind'));
		expect((await system.collection('bookings').getOne(soon.id)).status).toBe('cancelled');
		const cancelAudit = await auditOf(soon.id);
		expect(cancelAudit.at(-1)).toMatchObject({ actor: staff.record.id, action: 'desk_update' });
		expect(cancelAudit.at(-1)?.details).toMatchObject({
			on_behalf_of: citizen.record.id,
			from: 'approved',
			to: 'cancelled',
			override_reason: 'Syg, ringede ind'
		});
	});

	it('places, pauses and resumes a hold for the citizen within their hold limit', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const { title } = await arrangeTitle({ copies: 1 });
		const hold = await staff.pb
			.collection('holds')
			.create<HoldRecord>({ title: title.id, patron: citizen.record.id }, desk(citizen.record.id));
		expect(hold).toMatchObject({ patron: citizen.record.id, status: 'waiting' });
		const paused = await staff.pb
			.collection('holds')
			.update<HoldRecord>(hold.id, { status: 'paused' }, desk(citizen.record.id));
		expect(paused.status).toBe('paused');
		await staff.pb.collection('holds').update(hold.id, { status: 'waiting' }, desk(citizen.record.id));
		// the desk's page speaks of the citizen, the receipt (the citizen's own) to them, each once
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const deskPage = await (await session.get(`/personale/borgere/${citizen.record.id}`)).text();
		expect(deskPage).toContain('Nr. 1 i køen');
		expect(deskPage).not.toContain('Du er nr. 1 i køen');
		const receipt = await (await session.get(`/personale/borgere/${citizen.record.id}/kvittering`)).text();
		expect(receipt.match(/nr\. 1 i køen/gi)).toEqual(['nr. 1 i køen']);
		const audit = await auditOf(hold.id);
		expect(audit.map((a) => a.action)).toEqual(['desk_create', 'desk_update', 'desk_update']);
		for (const a of audit) {
			expect(a.actor).toBe(staff.record.id);
			expect(a.details.on_behalf_of).toBe(citizen.record.id);
		}

		// the citizen's limit of active holds holds at the desk too, unless overridden with a reason
		const system = await systemClient();
		for (let i = 0; i < 9; i++) {
			const { title: t } = await arrangeTitle();
			await system.collection('holds').create({ title: t.id, patron: citizen.record.id });
		}
		const { title: one } = await arrangeTitle();
		const limit = await refusal(
			staff.pb
				.collection('holds')
				.create({ title: one.id, patron: citizen.record.id }, desk(citizen.record.id))
		);
		expect(limit).toEqual({ status: 400, code: 'library_hold_limit' });
		const over = await staff.pb
			.collection('holds')
			.create<HoldRecord>(
				{ title: one.id, patron: citizen.record.id },
				desk(citizen.record.id, 'Studieophold, aftalt med lederen')
			);
		expect(over.patron).toBe(citizen.record.id);
		// and the citizen themself still cannot go over it
		const { title: two } = await arrangeTitle();
		expect(
			await refusal(citizen.pb.collection('holds').create({ title: two.id, patron: citizen.record.id }))
		).toEqual({
			status: 400,
			code: 'library_hold_limit'
		});
	});

	it('registers and signs up the citizen under their own terms and the shift cut-off, cancelled alike', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const volunteer = await createVolunteer();
		// a shift tomorrow: inside the 48-hour cut-off for a volunteer's own cancellation
		const soon = new Date(Math.ceil((Date.now() + 26 * 3600_000) / 60_000) * 60_000);
		const { event, shift } = await arrangeEvent({ start: soon, capacity: 5, places: 3 });

		const registration = await staff.pb
			.collection('registrations')
			.create({ event: event.id, user: citizen.record.id }, desk(citizen.record.id));
		expect(registration).toMatchObject({ user: citizen.record.id, status: 'confirmed' });
		expect((await auditOf(registration.id))[0]).toMatchObject({
			actor: staff.record.id,
			action: 'desk_create'
		});

		// the volunteer terms are the citizen's own to accept: the desk cannot skip them
		const noTerms = await refusal(
			staff.pb
				.collection('signups')
				.create({ shift: shift.id, user: citizen.record.id }, desk(citizen.record.id))
		);
		expect(noTerms.status).toBeGreaterThanOrEqual(400);
		const signup = await staff.pb
			.collection('signups')
			.create({ shift: shift.id, user: volunteer.record.id }, desk(volunteer.record.id));
		expect(signup).toMatchObject({ user: volunteer.record.id, status: 'confirmed' });

		const late = await refusal(
			staff.pb.collection('signups').update(signup.id, { status: 'cancelled' }, desk(volunteer.record.id))
		);
		expect(late).toEqual({ status: 400, code: 'events_cancel_too_late' });
		await staff.pb
			.collection('signups')
			.update(
				signup.id,
				{ status: 'cancelled' },
				desk(volunteer.record.id, 'Indlagt, ringede fra hospitalet')
			);
		const audit = await auditOf(signup.id);
		expect(audit.at(-1)).toMatchObject({ actor: staff.record.id, action: 'desk_update' });
		expect(audit.at(-1)?.details).toMatchObject({
			on_behalf_of: volunteer.record.id,
			to: 'cancelled',
			override_reason: 'Indlagt, ringede fra hospitalet'
		});
		const inbox = await volunteer.pb.collection('notifications').getFullList();
		expect(inbox.map((n) => n.title)).toContain('Ændret for dig ved skranken');
	});

	it('signs a desk account up for a shift once staff record that the citizen agreed to the volunteer terms', async () => {
		const staff = await createUser({ staff: true });
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const account = await staff.pb.send<{ id: string }>('/api/borgerhus/desk/accounts', {
			method: 'POST',
			body: {
				name: 'Aage Vagt',
				phone: `+45 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '2')}`,
				library_card: ''
			}
		});
		const { shift } = await arrangeEvent({ places: 2 });
		const page = `/personale/borgere/${account.id}`;
		expect(await (await session.get(page)).text()).toContain(
			'Aage Vagt har hørt vilkårene og siger ja til dem'
		);
		// without the tick: refused at the tick box, in words for staff, and nothing is written
		const unticked = await session.post(`${page}?/signup`, { shift: shift.id });
		expect(unticked.status).toBe(400);
		expect(await unticked.text()).toContain(
			'id="signup-terms-error">Borgeren har ikke godkendt vilkårene for frivillige.'
		);
		const system = await systemClient();
		expect((await system.collection('users').getOne(account.id)).volunteer_terms_at).toBe('');
		// ticked, but the shift does not exist: refused, and the terms are not recorded either
		const unknown = await session.post(`${page}?/signup`, { shift: 'aaaaaaaaaaaaaaa', terms: 'on' });
		expect(unknown.status).toBeGreaterThanOrEqual(400);
		expect((await system.collection('users').getOne(account.id)).volunteer_terms_at).toBe('');
		// ticked: the terms are recorded (audited with both identities) and the shift is taken
		const ticked = await session.post(`${page}?/signup`, { shift: shift.id, terms: 'on' });
		expect(ticked.status).toBe(200);
		expect((await system.collection('users').getOne(account.id)).volunteer_terms_at).not.toBe('');
		const signups = await system.collection('signups').getFullList({
			filter: system.filter('user = {:u}', { u: account.id })
		});
		expect(signups.map((s) => [s.shift, s.status])).toEqual([[shift.id, 'confirmed']]);
		expect((await auditOf(account.id)).map((a) => [a.action, a.actor])).toContainEqual([
			'desk_volunteer_terms',
			staff.record.id
		]);
		// the tick box is gone once they have agreed
		expect(await (await session.get(page)).text()).not.toContain('har hørt vilkårene');
		// only staff record it, and only for a citizen
		const citizen = await createUser();
		const byCitizen = await refusal(
			citizen.pb.send(`/api/borgerhus/desk/citizens/${account.id}/volunteer-terms`, { method: 'POST' })
		);
		expect(byCitizen.status).toBe(403);
		const forStaff = await refusal(
			staff.pb.send(`/api/borgerhus/desk/citizens/${staff.record.id}/volunteer-terms`, { method: 'POST' })
		);
		expect(forStaff).toEqual({ status: 400, code: 'desk_unknown_citizen' });
	});

	it('moves a waiting volunteer up in their turn once staff record that they accepted the volunteer terms again', async () => {
		const staff = await createUser({ staff: true });
		const { shift } = await arrangeEvent({ places: 1 });
		const [first, waiting, behind] = await Promise.all([
			createVolunteer(),
			createVolunteer(),
			createVolunteer()
		]);
		const system = await systemClient();
		const signUp = (v: TestUser) =>
			v.pb.collection('signups').create<SignupRecord>({ shift: shift.id, user: v.record.id });
		const taken = await signUp(first);
		const mine = await signUp(waiting);
		const theirs = await signUp(behind);
		expect([mine.status, theirs.status]).toEqual(['waitlisted', 'waitlisted']);
		await waiting.pb.collection('users').update(waiting.record.id, { volunteer_terms_at: '' });
		const status = async (id: string) => (await system.collection('signups').getOne<SignupRecord>(id)).status;
		// without the terms they are passed over and keep their turn; a place freed again stays free
		await system.collection('signups').update(taken.id, { status: 'cancelled' });
		expect([await status(mine.id), await status(theirs.id)]).toEqual(['waitlisted', 'confirmed']);
		await system.collection('signups').update(theirs.id, { status: 'cancelled' });
		expect(await status(mine.id)).toBe('waitlisted');

		// a citizen cannot record it for someone else, with or without the desk header
		const citizen = await createUser();
		const route = `/api/borgerhus/desk/citizens/${waiting.record.id}/volunteer-terms`;
		expect((await refusal(citizen.pb.send(route, { method: 'POST' }))).status).toBe(403);
		expect(await refusal(citizen.pb.send(route, { method: 'POST', ...desk(waiting.record.id) }))).toEqual({
			status: 403,
			code: 'desk_staff_only'
		});
		expect((await system.collection('users').getOne(waiting.record.id)).volunteer_terms_at).toBe('');
		expect(await status(mine.id)).toBe('waitlisted');

		// staff at the desk record it: the free place is theirs in the same write, and it is audited
		const recorded = await staff.pb.send<{ volunteer_terms: boolean }>(route, { method: 'POST' });
		expect(recorded.volunteer_terms).toBe(true);
		expect(await status(mine.id)).toBe('confirmed');
		expect((await auditOf(waiting.record.id)).map((a) => [a.action, a.actor])).toContainEqual([
			'desk_volunteer_terms',
			staff.record.id
		]);
	});

	it('books for the citizen up to midnight, as the room page does, and refuses a bad end at its field', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const allDay = Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '00:00']]])
		);
		const room = await makeRoom({ opening_hours: allDay });
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const day = someDay();
		const form = {
			room: room.id,
			purpose: 'Aftenmøde',
			attendees: '2',
			date: houseDate(day),
			start: '22:00'
		};
		const late = await session.post(`/personale/borgere/${citizen.record.id}?/book`, {
			...form,
			end: '00:00'
		});
		expect(late.status, await late.clone().text()).toBe(200);
		const system = await systemClient();
		const [booking] = await system.collection('bookings').getFullList({
			filter: system.filter('booker = {:u} && room = {:r}', { u: citizen.record.id, r: room.id })
		});
		expect(booking?.end).toBe(houseTime(day + 1, '00:00'));
		const bad = await session.post(`/personale/borgere/${citizen.record.id}?/book`, {
			...form,
			end: '25:00'
		});
		expect(bad.status).toBe(400);
	});

	it('offers no cancel of a ticket checked in, and its confirmations speak of the citizen by name', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser({ name: 'Karen Skranke' });
		const { event } = await arrangeEvent({ start: doorOpen(), capacity: 5 });
		const { event: later } = await arrangeEvent({ capacity: 5 });
		const [used, open] = await Promise.all(
			[event, later].map((e) =>
				citizen.pb.collection('registrations').create({ event: e.id, user: citizen.record.id })
			)
		);
		await staff.pb.send(`/api/borgerhus/registrations/${used!.id}/check-in`, { method: 'POST' });
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const html = await (await session.get(`/personale/borgere/${citizen.record.id}`)).text();
		// the used ticket: its reason, and no form to cancel it (no override undoes attendance)
		expect(html).toContain('Billetten er tjekket ind, så den kan ikke afmeldes.');
		expect(html).not.toContain(`name="id" value="${used!.id}"`);
		// the other ticket: cancelled by staff, spoken of by name
		expect(html).toContain(`name="id" value="${open!.id}"`);
		expect(html).toContain('Afmeld Karen Skranke?');
		expect(html).toContain('Ja, afmeld Karen Skranke');
		expect(html).not.toContain('Ja, afmeld mig');
	});

	it('finds citizens by name, email, phone and library card number, for staff only', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser({ name: `Findes Frida ${Date.now()}` });
		const card = String(Date.now()).slice(-10);
		const system = await systemClient();
		await system.collection('users').update(citizen.record.id, { phone: '+45 20 30 40 50' });
		await staff.pb.send(`/api/borgerhus/desk/citizens/${citizen.record.id}/card`, {
			method: 'POST',
			body: { library_card: card }
		});
		const find = async (q: string) =>
			(await staff.pb.send(`/api/borgerhus/desk/citizens?q=${encodeURIComponent(q)}`, {})).items.map(
				(c: { id: string }) => c.id
			);
		expect(await find(citizen.record.name)).toContain(citizen.record.id);
		expect(await find(citizen.email)).toContain(citizen.record.id);
		expect(await find('20304050')).toContain(citizen.record.id);
		expect(await find(card)).toContain(citizen.record.id);
		// a number shared with many staff accounts (a switchboard's) still finds the citizen who has it
		const shared = `+45 6${String(Date.now()).slice(-7)}`;
		await Promise.all(
			Array.from({ length: 26 }, (_, n) =>
				system.collection('users').create({
					email: `omstilling-${n}-${Date.now()}@test.borgerhus.dk`,
					password: 'en-kode-til-test',
					passwordConfirm: 'en-kode-til-test',
					name: `Omstilling ${n}`,
					staff: true,
					phone: shared
				})
			)
		);
		const sharer = await createUser({ name: `Deler Dorte ${Date.now()}` });
		await system.collection('users').update(sharer.record.id, { phone: shared });
		expect(await find(shared.replace(/\D/g, '').slice(2))).toEqual([sharer.record.id]);
		// accounts not confirmed yet among the matches (signed up, never confirmed) are listed too, with
		// whether a take-over waits for them
		const tag = `Ubekræftet ${Date.now()}`;
		for (const n of [1, 2, 3]) {
			await system.collection('users').create({
				email: `ubekraeftet-${n}-${Date.now()}@test.borgerhus.dk`,
				password: 'en-kode-til-test',
				passwordConfirm: 'en-kode-til-test',
				name: `${tag} ${n}`
			});
		}
		const unconfirmed = (await staff.pb.send(`/api/borgerhus/desk/citizens?q=${encodeURIComponent(tag)}`, {}))
			.items as { name: string; verified: boolean; takeover_pending: boolean }[];
		expect(unconfirmed.map((c) => [c.name, c.verified, c.takeover_pending])).toEqual(
			[1, 2, 3].map((n) => [`${tag} ${n}`, false, false])
		);

		// the card number is unique, digits only, and not the citizen's to set
		const other = await createUser();
		const taken = await refusal(
			staff.pb.send(`/api/borgerhus/desk/citizens/${other.record.id}/card`, {
				method: 'POST',
				body: { library_card: card }
			})
		);
		expect(taken).toEqual({ status: 400, code: 'desk_card_taken' });
		const bad = await refusal(
			staff.pb.send(`/api/borgerhus/desk/citizens/${other.record.id}/card`, {
				method: 'POST',
				body: { library_card: '12' }
			})
		);
		expect(bad).toEqual({ status: 400, code: 'desk_card_invalid' });
		const self = await refusal(
			other.pb.collection('users').update(other.record.id, { library_card: '99999999' })
		);
		expect(self.status).toBeGreaterThanOrEqual(400);
		expect((await system.collection('users').getOne(other.record.id)).library_card).toBe('');

		const overview = await staff.pb.send(`/api/borgerhus/desk/citizens/${citizen.record.id}`, {});
		expect(overview.citizen).toMatchObject({ id: citizen.record.id, library_card: card });
		expect(overview.overview.bookings).toEqual([]);
	});
});

describe('desk accounts', () => {
	async function createDeskAccount(staff: PocketBase, body: Record<string, unknown>) {
		return staff.send('/api/borgerhus/desk/accounts', { method: 'POST', body });
	}

	it('are created by staff only, cannot sign in, get no mail, and become ordinary after a take-over', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const card = String(Date.now()).slice(-9);
		expect(await refusal(createDeskAccount(citizen.pb, { name: 'Nogen', phone: '12345678' }))).toMatchObject({
			status: 403
		});
		expect(await refusal(createDeskAccount(staff.pb, { name: 'Uden Kontakt' }))).toEqual({
			status: 400,
			code: 'desk_contact_required'
		});
		expect(await refusal(createDeskAccount(staff.pb, { name: '   ', phone: '12345678' }))).toEqual({
			status: 400,
			code: 'core_text_blank'
		});
		const account = await createDeskAccount(staff.pb, { name: 'Skranke Svend', library_card: card });
		expect(account).toMatchObject({
			name: 'Skranke Svend',
			email: '',
			library_card: card,
			desk_account: true
		});
		const audit = await auditOf(account.id);
		expect(audit[0]).toMatchObject({ actor: staff.record.id, action: 'desk_account_create' });

		// a room booked for them at the desk; no mail goes anywhere
		const system = await systemClient();
		const stored = await system.collection('users').getOne(account.id);
		expect(stored.email).toMatch(/@borgerhus\.invalid$/);
		const room = await makeRoom();
		const mailsBefore = readMails(mailDir()).length;
		const booking = await bookFor(staff, account.id, room.id, someDay());
		expect(booking.booker).toBe(account.id);
		await new Promise((r) => setTimeout(r, 500));
		expect(
			readMails(mailDir()).filter((m) => m.to.some((t) => t.endsWith('borgerhus.invalid')))
		).toHaveLength(0);
		expect(readMails(mailDir()).length).toBeGreaterThanOrEqual(mailsBefore);

		// even with a password known, the account does not sign in
		await system.collection('users').update(account.id, { password: PASSWORD, passwordConfirm: PASSWORD });
		const signIn = await refusal(guestClient().collection('users').authWithPassword(stored.email, PASSWORD));
		expect(signIn.status).toBeGreaterThanOrEqual(400);
		expect(signIn.status).toBeLessThan(500);
		const reset = guestClient().collection('users').requestPasswordReset(stored.email);
		await reset;
		await new Promise((r) => setTimeout(r, 300));
		expect(
			readMails(mailDir()).filter((m) => m.to.some((t) => t.endsWith('borgerhus.invalid')))
		).toHaveLength(0);

		// take-over: staff enter the citizen's address; the mail lets them choose a password
		expect(
			await refusal(
				staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
					method: 'POST',
					body: { email: citizen.email }
				})
			)
		).toEqual({ status: 400, code: 'desk_email_taken' });
		expect(
			await refusal(
				citizen.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
					method: 'POST',
					body: { email: 'x@test.borgerhus.dk' }
				})
			)
		).toMatchObject({ status: 403 });
		// an address sign-up would refuse (a local part over 64 characters, a hidden soft hyphen) is refused
		for (const email of [`${'a'.repeat(80)}@test.borgerhus.dk`, 'sv\u00adend@test.borgerhus.dk']) {
			expect(
				await refusal(
					staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
						method: 'POST',
						body: { email }
					})
				)
			).toMatchObject({
				status: 400,
				code: expect.stringMatching(/^(desk_email_invalid|core_text_invisible)$/)
			});
		}
		const address = `svend-${Date.now()}@test.borgerhus.dk`;
		const taken = await staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
			method: 'POST',
			body: { email: address }
		});
		expect(taken).toMatchObject({ email: address, desk_account: false, takeover_pending: true });
		const mistyped = await waitForMail(mailDir(), address, /Din konto i Borgerhus er klar/);

		// until the citizen has chosen a password, staff may correct the address and send the mail again;
		// the link sent to the first address stops working
		const corrected = `svend-rettet-${Date.now()}@test.borgerhus.dk`;
		const again = await staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
			method: 'POST',
			body: { email: corrected }
		});
		expect(again).toMatchObject({ email: corrected, desk_account: false, takeover_pending: true });
		// until the citizen has chosen a password, staff are told what the account waits for
		for (const act of ['delete', 'mydata']) {
			expect(
				await refusal(staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/${act}`, { method: 'POST' }))
			).toEqual({ status: 400, code: 'desk_takeover_pending' });
		}
		const firstToken = new URL(linkFrom(mistyped, '/nulstil-adgangskode/')).pathname.split('/').at(-1)!;
		expect(
			await refusal(
				guestClient()
					.collection('users')
					.confirmPasswordReset(firstToken, 'fremmed-kode-123', 'fremmed-kode-123')
			)
		).toMatchObject({ status: 400 });
		expect(await system.collection('users').getOne(account.id)).toMatchObject({
			verified: false,
			email: corrected
		});
		expect((await auditOf(account.id)).filter((a) => a.action === 'desk_account_takeover')).toHaveLength(2);

		const mail = await waitForMail(mailDir(), corrected, /Din konto i Borgerhus er klar/);
		// the citizen was at the desk a moment ago: the mail says where the account comes from
		expect(mail.subject).toBe('Din konto i Borgerhus er klar');
		expect(mail.text).toContain('Hej Skranke Svend. Vi har lavet en konto til dig ved skranken i Borgerhus.');
		expect(mail.text).not.toContain('Du har bedt om en ny adgangskode');
		const session = new AppSession();
		const path = new URL(linkFrom(mail, '/nulstil-adgangskode/')).pathname;
		const done = await session.post(path, {
			password: 'svends-egen-kode-1',
			passwordConfirm: 'svends-egen-kode-1'
		});
		expect(done.status).toBeLessThan(500);
		expect((await session.signIn(corrected, 'svends-egen-kode-1')).status).toBe(303);
		const overview = await (await session.get('/overblik')).text();
		expect(overview).toContain('Oprettet for dig ved skranken');
		const after = await system.collection('users').getOne(account.id);
		expect(after).toMatchObject({ verified: true, desk_account: false, email: corrected });
		// mail and reminders on, as for an account made by its owner
		expect(after).toMatchObject({ notify_email: true, notify_reminders: true });

		// once the password is chosen, the account is the citizen's: staff cannot change its address
		expect(
			await refusal(
				staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
					method: 'POST',
					body: { email: `3${address}` }
				})
			)
		).toEqual({ status: 400, code: 'desk_not_desk_account' });
		expect((await system.collection('users').getOne(account.id)).email).toBe(corrected);
	});

	it('never lets staff give an ordinary unverified account a new address', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const address = `uverificeret-${Date.now()}@test.borgerhus.dk`;
		const signup = await system.collection('users').create({
			email: address,
			password: 'en-kode-til-test',
			passwordConfirm: 'en-kode-til-test',
			name: 'Ulla Uverificeret'
		});
		const citizen = await staff.pb.send(`/api/borgerhus/desk/citizens/${signup.id}`, {});
		expect(citizen.citizen).toMatchObject({ verified: false, takeover_pending: false });
		expect(
			await refusal(
				staff.pb.send(`/api/borgerhus/desk/citizens/${signup.id}/takeover`, {
					method: 'POST',
					body: { email: `ny-${address}` }
				})
			)
		).toEqual({ status: 400, code: 'desk_not_desk_account' });
		expect((await system.collection('users').getOne(signup.id)).email).toBe(address);
	});

	it('gives a desk account the address as typed, as PocketBase compares addresses: letters beyond ASCII keep their case', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const tail = `-${Date.now()}@test.borgerhus.dk`;
		// another person's account: "øle…" is not "Øle…" to PocketBase (its email index folds ASCII letters only)
		await system.collection('users').create({
			email: `øle${tail}`,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Øle Anden',
			verified: true
		});
		const account = await createDeskAccount(staff.pb, { name: 'Øle Skranke', phone: '23456781' });
		const taken = await staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
			method: 'POST',
			body: { email: `ØLE${tail.toUpperCase()}` }
		});
		// ASCII letters in lower case, every other letter as written
		expect(taken).toMatchObject({ email: `Øle${tail}`, takeover_pending: true });
		expect((await system.collection('users').getOne(account.id)).email).toBe(`Øle${tail}`);
		// the address in ASCII case only is the other account's, and is refused
		expect(
			await refusal(
				staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
					method: 'POST',
					body: { email: `øLE${tail}` }
				})
			)
		).toEqual({ status: 400, code: 'desk_email_taken' });
	});

	it("deletes a desk account at the citizen's request as their own deletion would, for desk accounts only", async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const account = await createDeskAccount(staff.pb, {
			name: 'Slette Sonja',
			phone: '34567891',
			library_card: String(Date.now()).slice(-8)
		});
		const room = await makeRoom();
		const booking = await bookFor(staff, account.id, room.id, someDay());
		const route = (id: string) => `/api/borgerhus/desk/citizens/${id}/delete`;

		// never the citizen's, a guest's, through the desk header, or for an account of one's own
		expect(await refusal(citizen.pb.send(route(account.id), { method: 'POST' }))).toMatchObject({
			status: 403
		});
		expect(await refusal(guestClient().send(route(account.id), { method: 'POST' }))).toMatchObject({
			status: 401
		});
		expect(await refusal(staff.pb.send(route(account.id), { method: 'POST', ...desk(account.id) }))).toEqual({
			status: 403,
			code: 'desk_not_here'
		});
		expect(await refusal(staff.pb.send(route(citizen.record.id), { method: 'POST' }))).toEqual({
			status: 400,
			code: 'desk_delete_own_account'
		});
		const system = await systemClient();
		expect((await system.collection('users').getOne(citizen.record.id)).deleted_at).toBe('');

		// at the desk, through the app's page: the same erasure as the citizen's own, in one transaction
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const done = await session.post(`/personale/borgere/${account.id}?/delete`, {});
		expect(done.status, await done.clone().text()).toBe(303);
		expect(done.headers.get('location')).toBe('/personale/borgere?slettet=1');
		expect(await (await session.get('/personale/borgere?slettet=1')).text()).toContain('Kontoen er slettet.');
		const gone = await system.collection('users').getOne(account.id);
		expect(gone).toMatchObject({ name: 'Slettet bruger', phone: '', library_card: '' });
		expect(gone.deleted_at).not.toBe('');
		expect(gone.email).toBe(`deleted-${account.id}@borgerhus.invalid`);
		expect((await system.collection('bookings').getOne(booking.id)).status).toBe('cancelled');
		expect(
			await system.collection('notifications').getFullList({ filter: `user = "${account.id}"` })
		).toHaveLength(0);

		// audited with staff and the account's id, nothing about the person
		const audit = (await auditOf(account.id)).filter((a) => a.action === 'desk_account_delete');
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor: staff.record.id, target_collection: 'users' });
		expect(audit[0]?.details).toEqual({
			released: { bookings: 1, holds: 0, signups: 0, registrations: 0 },
			on_behalf_of: account.id
		});
		const everything = JSON.stringify(
			await system.collection('audit_log').getFullList({
				filter: `target_id = "${account.id}" || details.on_behalf_of = "${account.id}"`
			})
		);
		expect(everything).not.toContain('Slette Sonja');
		expect(everything).not.toContain('34567891');

		// a deleted account is nobody's to delete again
		expect(await refusal(staff.pb.send(route(account.id), { method: 'POST' }))).toEqual({
			status: 400,
			code: 'desk_unknown_citizen'
		});
	});

	it("hands staff everything held about a desk account's citizen, audited, and nobody else's data", async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const account = await createDeskAccount(staff.pb, { name: 'Data Dagmar', phone: '23456789' });
		const room = await makeRoom();
		const booking = await bookFor(staff, account.id, room.id, someDay());
		const route = (id: string) => `/api/borgerhus/desk/citizens/${id}/mydata`;

		const copy = await staff.pb.send(route(account.id), { method: 'POST' });
		expect(copy.profile).toMatchObject({
			id: account.id,
			name: 'Data Dagmar',
			phone: '23456789',
			// the placeholder address is nobody's
			email: '',
			desk_account: true
		});
		expect(copy.bookings.map((b: { id: string; room: string }) => [b.id, b.room])).toEqual([
			[booking.id, room.name]
		]);
		// the copy lists its own hand-over, by staff, never by name
		expect(copy.audit.map((a: { action: string; by: string }) => [a.action, a.by])).toEqual(
			expect.arrayContaining([
				['desk_data_handed_over', 'staff'],
				['desk_account_create', 'staff']
			])
		);
		expect(JSON.stringify(copy)).not.toContain(staff.record.id);
		const audit = await auditOf(account.id);
		expect(audit.at(-1)).toMatchObject({ actor: staff.record.id, action: 'desk_data_handed_over' });

		// a citizen with an account of their own reads it in the app; the citizen themselves, a guest and
		// the desk header get nothing, and nothing is audited for them
		expect(await refusal(staff.pb.send(route(citizen.record.id), { method: 'POST' }))).toEqual({
			status: 400,
			code: 'desk_data_own_account'
		});
		expect(await refusal(citizen.pb.send(route(account.id), { method: 'POST' }))).toMatchObject({
			status: 403
		});
		expect(await refusal(guestClient().send(route(account.id), { method: 'POST' }))).toMatchObject({
			status: 401
		});
		expect(await refusal(staff.pb.send(route(account.id), { method: 'POST', ...desk(account.id) }))).toEqual({
			status: 403,
			code: 'desk_not_here'
		});
		expect(await refusal(staff.pb.send(route(staff.record.id), { method: 'POST' }))).toEqual({
			status: 400,
			code: 'desk_unknown_citizen'
		});
		expect((await auditOf(citizen.record.id)).map((a) => a.action)).not.toContain('desk_data_handed_over');
		expect((await auditOf(account.id)).filter((a) => a.action === 'desk_data_handed_over')).toHaveLength(1);
	});
});

describe("the desk's printed copy of a desk account's data", () => {
	it('says what each message said, who came to a booking, and where and until when a hold waits', async () => {
		const staff = await createUser({ staff: true });
		const account = await staff.pb.send('/api/borgerhus/desk/accounts', {
			method: 'POST',
			body: { name: 'Kopi Karla', phone: '45678912' }
		});
		const room = await makeRoom();
		await staff.pb.collection('bookings').create(
			{
				room: room.id,
				booker: account.id,
				purpose: 'Strikkeklub',
				attendees: 7,
				...slot(someDay(), '10:00', '11:00')
			},
			desk(account.id)
		);
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const hold = await staff.pb
			.collection('holds')
			.create<HoldRecord>({ title: title.id, patron: account.id }, desk(account.id));
		await staff.pb.send('/api/library/checkin', { method: 'POST', body: { code: copies[0]!.barcode } });
		const system = await systemClient();
		const ready = await system.collection('holds').getOne<HoldRecord>(hold.id);
		expect(ready.status).toBe('ready');
		const [message] = await system.collection('notifications').getFullList({
			filter: system.filter('user = {:u} && title = "Oprettet for dig ved skranken"', { u: account.id }),
			sort: 'created'
		});
		expect(message?.body).toMatch(/Se det i Mit overblik/);

		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const printed = await session.post(`/personale/borgere/${account.id}/data`, {});
		expect(printed.status).toBe(200);
		// what the page shows, not the data SvelteKit sends along in its script
		const html = (await printed.text())
			.replace(/<script[\s\S]*?<\/script>/g, '')
			.replace(/&#39;|&amp;/g, (e) => (e === '&amp;' ? '&' : "'"));
		expect(html).toContain(message!.body);
		expect(html).toContain('Deltagere: 7');
		expect(html).toContain(`Klar til afhentning på hylde ${ready.pickup_shelf}. Hent den senest`);
	});
});

describe("the desk's receipt, the citizen's own paper", () => {
	it('names no association the citizen may no longer read: one renamed after they left is left out', async () => {
		const a = await arrange();
		const [citizen, admin, staff] = await Promise.all([
			createUser({ name: 'Tidligere Booker' }),
			createUser({ name: 'Anden Admin' }),
			createUser({ staff: true })
		]);
		const room = await a.room();
		const association = await a.association([citizen.record.id, admin.record.id]);
		await a.booking({
			booker: citizen.record.id,
			room: room.id,
			association: association.id,
			start: inHours(24 * 4),
			end: inHours(24 * 4 + 2)
		});
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const receipt = async () =>
			(await (await session.get(`/personale/borgere/${citizen.record.id}/kvittering`)).text())
				.replace(/<script[\s\S]*?<\/script>/g, '')
				.replace(/<!--[\s\S]*?-->/g, '');
		expect(await receipt()).toContain(association.name);
		// the citizen leaves; the other admin renames the association, which takes it back to the house's
		// verification: the new name is for its active members and staff until then
		const own = await a.system
			.collection('memberships')
			.getFirstListItem(
				a.system.filter('association = {:a} && user = {:u}', { a: association.id, u: citizen.record.id })
			);
		await citizen.pb.send(`/api/borgerhus/memberships/${own.id}/leave`, { method: 'POST' });
		const renamed = `Ukendt navn ${Date.now()}`;
		await admin.pb.collection('associations').update(association.id, { name: renamed });
		const citizenSees = await (await citizen.pb.send('/api/borgerhus/overview', {})).bookings;
		expect(JSON.stringify(citizenSees)).not.toContain(renamed);
		const after = await receipt();
		expect(after).toContain(room.name);
		expect(after).not.toContain(renamed);
	});
});

describe("the desk's messages, in the citizen's language", () => {
	it("prints the receipt in the citizen's language, whatever the staff member reads", async () => {
		const staff = await createUser({ staff: true });
		const english = await createUser({ name: 'Receipt Rita' });
		const system = await systemClient();
		await system.collection('users').update(english.record.id, { language: 'en' });
		const room = await makeRoom();
		await bookFor(staff, english.record.id, room.id, someDay());
		const session = new AppSession();
		expect((await session.signIn(staff.email, staff.password)).status).toBe(303);
		const html = await (await session.get(`/personale/borgere/${english.record.id}/kvittering`)).text();
		const receipt = html.slice(html.indexOf('<div lang="en">'));
		expect(html).toContain('<html lang="da"');
		expect(html).toContain('Tilbage til borgeren');
		expect(receipt).toContain('Receipt from the desk');
		expect(receipt).toContain('For Receipt Rita');
		expect(receipt).toContain(room.name);
		expect(receipt).toMatch(/>Booking</);
		expect(receipt).not.toContain('Kvittering fra skranken');
	});

	async function deskMessages(citizen: TestUser, kind: 'desk_create' | 'desk_update') {
		return citizen.pb
			.collection('notifications')
			.getFullList({ filter: `kind = "${kind}"`, sort: 'created' });
	}

	it('audits and tells nothing for an update that changed nothing, whoever the header names', async () => {
		const staff = await createUser({ staff: true });
		const [owner, stranger] = await Promise.all([
			createUser({ name: 'Ejer Eva' }),
			createUser({ name: 'Fremmed Frede' })
		]);
		const room = await makeRoom();
		const booking = await bookFor(staff, owner.record.id, room.id, someDay());
		const before = await auditOf(booking.id);
		// staff name another citizen and send nothing to change: no act, so nothing is told about the
		// owner's booking to the citizen named, nor audited as done for them
		await staff.pb.collection('bookings').update(booking.id, {}, desk(stranger.record.id));
		await staff.pb
			.collection('bookings')
			.update(booking.id, { purpose: booking.purpose }, desk(stranger.record.id));
		expect(await deskMessages(stranger, 'desk_update')).toEqual([]);
		expect(await auditOf(booking.id)).toHaveLength(before.length);
		const system = await systemClient();
		const strangers = await system.collection('audit_log').getFullList({
			filter: system.filter('details.on_behalf_of = {:u}', { u: stranger.record.id })
		});
		expect(strangers).toEqual([]);
		// a real change for someone else's booking is refused with the named citizen's rights
		const changed = await refusal(
			staff.pb.collection('bookings').update(booking.id, { purpose: 'Overtaget' }, desk(stranger.record.id))
		);
		expect(changed.status).toBeGreaterThanOrEqual(400);
		expect((await system.collection('bookings').getOne(booking.id)).purpose).toBe(booking.purpose);
	});

	it('audits the fields a desk act changed, not the names its request sent, and in Mine data alike', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const room = await makeRoom();
		const booking = await bookFor(staff, citizen.record.id, room.id, someDay());
		// a field sent as it was and a name that is no field are no change of the citizen's booking
		const body: Record<string, unknown> = {
			purpose: 'Nyt formål',
			room: room.id,
			attendees: booking.attendees,
			not_a_field: 'x'
		};
		// nor do thousands of such names make the act fail at its audit entry
		for (let i = 0; i < 2000; i++) body[`${'k'.repeat(60)}${i}`] = 1;
		await staff.pb.collection('bookings').update(booking.id, body, desk(citizen.record.id));
		const entry = (await auditOf(booking.id)).find((a) => a.action === 'desk_update');
		expect(entry?.details).toMatchObject({ fields: ['purpose'] });
		const mine = await citizen.pb.send<{ audit: { action: string; fields: string[] }[] }>(
			'/api/borgerhus/mydata',
			{}
		);
		expect(mine.audit.find((a) => a.action === 'desk_update')?.fields).toEqual(['purpose']);
	});

	it('writes the time and the status as the citizen reads them, and leaves an unchanged status out', async () => {
		const staff = await createUser({ staff: true });
		const english = await createUser({ name: 'Desk Dana' });
		const system = await systemClient();
		await system.collection('users').update(english.record.id, { language: 'en' });
		const room = await makeRoom();
		const booking = await bookFor(staff, english.record.id, room.id, someDay());
		const when = `${room.name}, ${format(booking.start, 'en')}`;
		const [made] = await deskMessages(english, 'desk_create');
		expect(made).toMatchObject({
			title: 'Made for you at the desk',
			body: `${when}. See it in My overview.`
		});

		// an edit that leaves the status as it was says what changed, not the status code
		await staff.pb
			.collection('bookings')
			.update(booking.id, { purpose: 'Nyt formål' }, desk(english.record.id));
		await staff.pb
			.collection('bookings')
			.update(booking.id, { status: 'cancelled', cancelled_by: english.record.id }, desk(english.record.id));
		const changed = await deskMessages(english, 'desk_update');
		expect(changed.map((n) => [n.title, n.body])).toEqual([
			['Changed for you at the desk', `${when}. See it in My overview.`],
			['Changed for you at the desk', `${when}: cancelled.`]
		]);

		// a hold paused for an English reader
		const { title } = await arrangeTitle({ copies: 1 });
		const hold = await staff.pb
			.collection('holds')
			.create<HoldRecord>({ title: title.id, patron: english.record.id }, desk(english.record.id));
		await staff.pb.collection('holds').update(hold.id, { status: 'paused' }, desk(english.record.id));
		expect((await deskMessages(english, 'desk_update')).at(-1)?.body).toBe(`${title.title}: paused.`);
	});

	it('names every new status in words for a Danish reader: a moved booking waiting for approval again', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser({ name: 'Skranke Signe' });
		const system = await systemClient();
		const room = await makeRoom({ requires_approval: true });
		const day = someDay();
		const booking = await bookFor(staff, citizen.record.id, room.id, day);
		expect(booking.status).toBe('pending');
		await system.collection('bookings').update(booking.id, { status: 'approved' });

		await staff.pb
			.collection('bookings')
			.update(booking.id, { purpose: 'Nyt formål' }, desk(citizen.record.id));
		const moved = await staff.pb
			.collection('bookings')
			.update<BookingRecord>(booking.id, slot(day, '12:00', '13:00'), desk(citizen.record.id));
		expect(moved.status).toBe('pending');
		const changed = await deskMessages(citizen, 'desk_update');
		expect(changed.map((n) => [n.title, n.body])).toEqual([
			['Ændret for dig ved skranken', `${room.name}, ${format(booking.start, 'da')}. Se det i Mit overblik.`],
			['Ændret for dig ved skranken', `${room.name}, ${format(moved.start, 'da')}: venter på godkendelse.`]
		]);
		for (const n of changed) expect(n.body).not.toMatch(/approved|pending/);
	});
});

describe('the desk keeps addresses and card numbers', () => {
	it('refuses a take-over address that another account has in another letter case', async () => {
		const staff = await createUser({ staff: true });
		const system = await systemClient();
		const stored = `Anna.Hansen-${Date.now()}@Test.Borgerhus.dk`;
		const existing = await system.collection('users').create({
			email: stored,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Anna Hansen',
			verified: true,
			language: 'da'
		});
		expect(existing.email).toBe(stored);
		const account = await staff.pb.send('/api/borgerhus/desk/accounts', {
			method: 'POST',
			body: { name: 'Anna Skranke', phone: '11223344' }
		});
		for (const email of [stored.toLowerCase(), stored.toUpperCase()]) {
			expect(
				await refusal(
					staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/takeover`, {
						method: 'POST',
						body: { email }
					})
				)
			).toEqual({ status: 400, code: 'desk_email_taken' });
		}
		const same = await system
			.collection('users')
			.getFullList({ filter: system.filter('email:lower = {:m}', { m: stored.toLowerCase() }) });
		expect(same.map((u) => u.id)).toEqual([existing.id]);
		expect((await system.collection('users').getOne(account.id)).desk_account).toBe(true);
	});

	it('audits a card number set, changed and removed without the number itself', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const first = String(Date.now()).slice(-10);
		const second = `7${first.slice(1)}`;
		for (const library_card of [first, second, '']) {
			await staff.pb.send(`/api/borgerhus/desk/citizens/${citizen.record.id}/card`, {
				method: 'POST',
				body: { library_card }
			});
		}
		const audit = (await auditOf(citizen.record.id)).filter((a) => a.action === 'desk_card_set');
		expect(audit.map((a) => a.details)).toEqual([
			{ had: false, has: true, on_behalf_of: citizen.record.id },
			{ had: true, has: true, on_behalf_of: citizen.record.id },
			{ had: true, has: false, on_behalf_of: citizen.record.id }
		]);
		for (const a of audit) {
			expect(JSON.stringify(a)).not.toContain(first);
			expect(JSON.stringify(a)).not.toContain(second);
		}
	});
});

describe("the desk's headers, in one spelling and once", () => {
	/**
	 * A request to PocketBase with headers exactly as given, a name with a list of values sent once per
	 * value (fetch joins them into one, and writes every name in lower case).
	 */
	function rawSend(
		user: TestUser,
		method: string,
		path: string,
		headers: Record<string, string | string[]>,
		body?: unknown
	): Promise<{ status: number; code: string }> {
		const url = new URL(path, stack().pbUrl);
		const text = body === undefined ? undefined : JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const req = httpRequest(
				url,
				{
					method,
					headers: {
						Authorization: user.pb.authStore.token,
						'X-Forwarded-For': randomIp(),
						...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
						...headers
					}
				},
				(res) => {
					let answer = '';
					res.setEncoding('utf8');
					res.on('data', (chunk) => (answer += chunk));
					res.on('end', () => {
						const data = (answer ? JSON.parse(answer) : {}) as {
							data?: Record<string, { code?: string }>;
						};
						const code = Object.values(data.data ?? {}).find((d) => d?.code)?.code ?? '';
						resolve({ status: res.statusCode ?? 0, code });
					});
				}
			);
			req.on('error', reject);
			req.end(text);
		});
	}

	async function holdsOf(titleId: string) {
		const system = await systemClient();
		return system.collection('holds').getFullList({ filter: `title = "${titleId}"` });
	}

	const invalid = { status: 400, code: 'desk_header_invalid' };

	it('refuses another spelling of either header from anyone, on any route, where PocketBase would read it', async () => {
		const citizen = await createUser();
		const other = await createUser();
		const staff = await createUser({ staff: true });
		const { title } = await arrangeTitle({ copies: 1 });
		for (const name of ['X_Borgerhus_For', 'x.borgerhus.for', 'X-Borgerhus_For', 'X--Borgerhus--For']) {
			const naming = { headers: { [name]: other.record.id } };
			// a citizen reading: the overview, a list of records
			expect(await refusal(citizen.pb.send('/api/borgerhus/overview', naming)), name).toEqual(invalid);
			expect(await refusal(citizen.pb.collection('holds').getList(1, 5, naming)), name).toEqual(invalid);
			// a citizen's own hold, and staff's for the citizen the header names
			expect(
				await refusal(
					citizen.pb.collection('holds').create({ title: title.id, patron: citizen.record.id }, naming)
				),
				name
			).toEqual(invalid);
			expect(
				await refusal(
					staff.pb.collection('holds').create({ title: title.id, patron: other.record.id }, naming)
				),
				name
			).toEqual(invalid);
			// staff's own routes
			expect(
				await refusal(staff.pb.send(`/api/borgerhus/desk/citizens/${other.record.id}`, naming)),
				name
			).toEqual(invalid);
		}
		// the override's reason, next to the citizen in its own spelling
		expect(
			await refusal(
				staff.pb
					.collection('holds')
					.create(
						{ title: title.id, patron: other.record.id },
						{ headers: { 'X-Borgerhus-For': other.record.id, X_Borgerhus_Override: 'fordi' } }
					)
			)
		).toEqual(invalid);
		expect(
			await refusal(
				citizen.pb.send('/api/borgerhus/overview', { headers: { x_borgerhus_override: 'fordi' } })
			)
		).toEqual(invalid);
		expect(await holdsOf(title.id)).toHaveLength(0);
	});

	it('refuses both spellings at once, so the rule and the hooks never read two different citizens', async () => {
		const staff = await createUser({ staff: true });
		const named = await createUser();
		const other = await createUser();
		// PocketBase's rule took one of the two at random: a hold for the other, or core_field_locked
		for (let i = 0; i < 6; i++) {
			const { title } = await arrangeTitle({ copies: 1 });
			const both = await refusal(
				staff.pb
					.collection('holds')
					.create(
						{ title: title.id, patron: other.record.id },
						{ headers: { 'X-Borgerhus-For': named.record.id, X_Borgerhus_For: other.record.id } }
					)
			);
			expect(both, `try ${i}`).toEqual(invalid);
			expect(await holdsOf(title.id)).toHaveLength(0);
		}
	});

	it('refuses a header sent twice, and takes the one spelling in any letter case', async () => {
		const staff = await createUser({ staff: true });
		const citizen = await createUser();
		const other = await createUser();
		const { title } = await arrangeTitle({ copies: 1 });
		const holds = `/api/collections/holds/records`;
		const body = { title: title.id, patron: citizen.record.id };
		expect(
			await rawSend(staff, 'POST', holds, { 'X-Borgerhus-For': [citizen.record.id, other.record.id] }, body)
		).toEqual(invalid);
		expect(
			await rawSend(staff, 'POST', holds, { 'X-Borgerhus-For': [citizen.record.id, citizen.record.id] }, body)
		).toEqual(invalid);
		expect(
			await rawSend(
				staff,
				'POST',
				holds,
				{ 'X-Borgerhus-For': citizen.record.id, 'X-Borgerhus-Override': ['fordi', 'derfor'] },
				body
			)
		).toEqual(invalid);
		expect(await holdsOf(title.id)).toHaveLength(0);
		// the one spelling, as the app's server sends it (in lower case) or in capitals: the desk's act
		expect(await rawSend(staff, 'POST', holds, { 'x-borgerhus-for': citizen.record.id }, body)).toEqual({
			status: 200,
			code: ''
		});
		const { title: second } = await arrangeTitle({ copies: 1 });
		expect(
			await rawSend(
				staff,
				'POST',
				holds,
				{ 'X-BORGERHUS-FOR': citizen.record.id },
				{ title: second.id, patron: citizen.record.id }
			)
		).toEqual({ status: 200, code: '' });
		const made = [...(await holdsOf(title.id)), ...(await holdsOf(second.id))];
		expect(made.map((h) => h.patron)).toEqual([citizen.record.id, citizen.record.id]);
		for (const hold of made) {
			expect((await auditOf(hold.id)).map((a) => [a.action, a.actor, a.details?.on_behalf_of])).toEqual([
				['desk_create', staff.record.id, citizen.record.id]
			]);
		}
		// and a citizen's in the one spelling is still desk_staff_only
		expect(
			await rawSend(citizen, 'GET', '/api/borgerhus/overview', { 'x-borgerhus-for': other.record.id })
		).toEqual({ status: 403, code: 'desk_staff_only' });
	});
});

describe("the desk's search and take-over", () => {
	it('finds no desk account by its placeholder address, only by what staff see of it', async () => {
		const staff = await createUser({ staff: true });
		const name = `Skranke Svend ${Date.now()}`;
		const account = await staff.pb.send('/api/borgerhus/desk/accounts', {
			method: 'POST',
			body: { name, phone: '45678912' }
		});
		const system = await systemClient();
		const placeholder = (await system.collection('users').getOne(account.id)).email as string;
		expect(placeholder).toMatch(/^desk-.*@borgerhus\.invalid$/);
		const find = async (q: string) =>
			(await staff.pb.send(`/api/borgerhus/desk/citizens?q=${encodeURIComponent(q)}`, {})).items as {
				id: string;
				desk_account: boolean;
			}[];
		for (const q of [
			'desk-',
			'borgerhus.invalid',
			'@borgerhus.invalid',
			placeholder,
			placeholder.slice(0, 12)
		]) {
			const found = await find(q);
			expect(
				found.map((c) => c.id),
				q
			).not.toContain(account.id);
			expect(
				found.filter((c) => c.desk_account),
				q
			).toEqual([]);
		}
		expect((await find(name)).map((c) => c.id)).toEqual([account.id]);
		expect((await find('45678912')).map((c) => c.id)).toContain(account.id);
	});

	it('answers a take-over of a deleted, unknown or staff account as every desk route does', async () => {
		const staff = await createUser({ staff: true });
		const colleague = await createUser({ staff: true });
		const account = await staff.pb.send('/api/borgerhus/desk/accounts', {
			method: 'POST',
			body: { name: 'Slettet Sigurd', phone: '56789123' }
		});
		await staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}/delete`, { method: 'POST' });
		const takeover = (id: string) =>
			refusal(
				staff.pb.send(`/api/borgerhus/desk/citizens/${id}/takeover`, {
					method: 'POST',
					body: { email: `sigurd-${Date.now()}@test.borgerhus.dk` }
				})
			);
		const unknown = { status: 400, code: 'desk_unknown_citizen' };
		expect(await takeover(account.id)).toEqual(unknown);
		expect(await takeover('aaaaaaaaaaaaaaa')).toEqual(unknown);
		expect(await takeover(colleague.record.id)).toEqual(unknown);
		// as the citizen's page and the other routes answer it
		expect(await refusal(staff.pb.send(`/api/borgerhus/desk/citizens/${account.id}`, {}))).toEqual(unknown);
		const system = await systemClient();
		expect((await system.collection('users').getOne(account.id)).email).toBe(
			`deleted-${account.id}@borgerhus.invalid`
		);
	});
});

describe('the words of what the desk changed', () => {
	it('names a reservation or a ticket cancelled at the desk "annulleret", as the house’s own messages do', async () => {
		const staff = await createUser({ staff: true });
		const [reader, guest] = await Promise.all([createUser(), createUser()]);
		const { title } = await arrangeTitle();
		const hold = await reader.pb.collection('holds').create({ title: title.id, patron: reader.record.id });
		await staff.pb.collection('holds').update(hold.id, { status: 'cancelled' }, desk(reader.record.id));
		const { event } = await arrangeEvent({ capacity: 5 });
		const ticket = await guest.pb
			.collection('registrations')
			.create({ event: event.id, user: guest.record.id });
		await staff.pb
			.collection('registrations')
			.update(ticket.id, { status: 'cancelled' }, desk(guest.record.id));
		const told = async (user: TestUser) =>
			(await user.pb.collection('notifications').getFullList({ filter: 'kind = "desk_update"' }))[0];
		const held = await told(reader);
		expect(held?.body).toBe(`${title.title}: annulleret.`);
		expect(held?.texts?.en?.body).toBe(`${title.title}: cancelled.`);
		expect((await told(guest))?.body).toBe(`${event.title}: annulleret.`);
	});
});
