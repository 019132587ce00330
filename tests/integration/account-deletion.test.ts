import { describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import {
	createUser,
	guestClient,
	PASSWORD,
	systemClient,
	uniqueEmail,
	type TestUser
} from '../helpers/pocketbase';
import { AppSession } from '../helpers/app';
import { linkFrom, readMails, waitForMail } from '../helpers/mail';
import { stack } from '../helpers/stack';
import { codesOf, outcome, type Outcome } from '../helpers/scenarios';
import { validCvrNumber } from '../helpers/cvr';
import { houseDate, makeRoom, slot } from './rooms-arrange';
import { arrangeTitle, checkIn, placeHold } from './library-helpers';
import { arrangeEvent, createVolunteer } from './events-helpers';

// Account deletion (docs/rules.md, "Account, feed and reminders"): nothing made for the account while it
// is deleted outlives the deletion, and no personal text is left behind in season bookings, associations
// or the audit log.

const ROUNDS = 4;
const MAX_ROUNDS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function desk(citizenId: string, reason?: string) {
	const headers: Record<string, string> = { 'X-Borgerhus-For': citizenId };
	if (reason !== undefined) headers['X-Borgerhus-Override'] = encodeURIComponent(reason);
	return { headers };
}

function deleteAccount(user: TestUser) {
	return user.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
}

/** Every answer is an answer: a success or a refusal, never a server error. */
function expectNoServerError(results: Outcome[]) {
	for (const r of results) expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
}

async function activeOf(
	system: PocketBase,
	collection: string,
	field: string,
	userId: string,
	active: string
) {
	return system
		.collection(collection)
		.getFullList({ filter: system.filter(`${field} = {:u} && (${active})`, { u: userId }) });
}

describe('a create that meets the account’s deletion', () => {
	it('bookings made by the citizen and at the desk while the account is deleted do not outlive it', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true, name: 'Skranke Sune' });
		const room = await makeRoom({ buffer_minutes: 0 });
		let refusedInside = 0;
		// A loaded machine can finish every create before the deletion commits, or a quick deletion can
		// commit before most of them arrive; each round that saw no refusal spreads the next round's creates
		// wider or closer, whichever missed, so the creates are sure to meet the deletion.
		let spread = 6;
		for (let round = 0; round < ROUNDS || (refusedInside === 0 && round < MAX_ROUNDS); round++) {
			const citizen = await createUser({ name: 'Slettes Snart' });
			const id = citizen.record.id;
			const step = spread;
			const creates = Array.from({ length: 20 }, async (_, i) => {
				await sleep(i * step);
				const body = {
					room: room.id,
					booker: id,
					purpose: `Kapløb ${round}-${i}`,
					attendees: 2,
					...slot(40 + round * 25 + i, '10:00', '11:00')
				};
				return outcome(
					i % 2
						? citizen.pb.collection('bookings').create(body)
						: staff.pb.collection('bookings').create(body, desk(id))
				);
			});
			const [deleted, ...results] = await Promise.all([outcome(deleteAccount(citizen)), ...creates]);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expectNoServerError(results);
			const refused = results.filter((r) => codesOf(r.body).includes('overview_account_deleted')).length;
			refusedInside += refused;
			if (refused === 0) {
				// all made before the deletion committed: spread them wider; all refused at the door after it:
				// closer together
				const made = results.filter((r) => r.status === 200).length;
				spread = made * 2 >= results.length ? spread * 2 : Math.max(1, Math.floor(spread / 2));
			}
			// every booking that was made is released, and none keeps its text
			expect(
				await activeOf(system, 'bookings', 'booker', id, 'status = "pending" || status = "approved"')
			).toEqual([]);
			const texts = await system
				.collection('bookings')
				.getFullList({ filter: system.filter('booker = {:u} && purpose != ""', { u: id }) });
			expect(texts.map((b) => b.purpose)).toEqual([]);
		}
		// the race was run: some creates met the deletion inside their transaction
		expect(refusedInside).toBeGreaterThan(0);
	});

	it('holds, sign-ups and registrations made while the account is deleted do not outlive it', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true, name: 'Skranke Signe' });
		for (let round = 0; round < ROUNDS; round++) {
			const citizen = await createVolunteer();
			const id = citizen.record.id;
			const titles = await Promise.all(Array.from({ length: 6 }, () => arrangeTitle({ copies: 1 })));
			const events = await Promise.all(Array.from({ length: 7 }, () => arrangeEvent({ places: 3 })));
			const requests: (() => Promise<unknown>)[] = [];
			titles.forEach(({ title }, i) =>
				requests.push(() =>
					i % 2
						? placeHold(citizen.pb, title.id, id)
						: staff.pb.collection('holds').create({ title: title.id, patron: id }, desk(id))
				)
			);
			events.forEach(({ event, shift }, i) => {
				requests.push(() =>
					i % 2
						? citizen.pb.collection('signups').create({ shift: shift.id, user: id })
						: staff.pb.collection('signups').create({ shift: shift.id, user: id }, desk(id))
				);
				requests.push(() =>
					i % 2
						? staff.pb.collection('registrations').create({ event: event.id, user: id }, desk(id))
						: citizen.pb.collection('registrations').create({ event: event.id, user: id })
				);
			});
			const creates = requests.map(async (request, i) => {
				await sleep(i * 6);
				return outcome(request());
			});
			const [deleted, ...results] = await Promise.all([outcome(deleteAccount(citizen)), ...creates]);
			expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
			expectNoServerError(results);
			const held = 'status = "waiting" || status = "paused" || status = "ready"';
			const placed = 'status = "confirmed" || status = "waitlisted"';
			expect(await activeOf(system, 'holds', 'patron', id, held)).toEqual([]);
			expect(await activeOf(system, 'signups', 'user', id, placed)).toEqual([]);
			expect(await activeOf(system, 'registrations', 'user', id, placed)).toEqual([]);
		}
	});

	it('is refused inside the write for a deleted account, whoever sends it', async () => {
		const system = await systemClient();
		const citizen = await createVolunteer();
		const id = citizen.record.id;
		expect((await outcome(deleteAccount(citizen))).status).toBe(200);
		const room = await makeRoom();
		const { title, copies } = await arrangeTitle({ copies: 1, onShelf: 1 });
		const { event, shift } = await arrangeEvent();
		// the system account passes every API rule and the door: only the transaction's check stands in the way
		const tries = await Promise.all([
			outcome(
				system.collection('bookings').create({
					room: room.id,
					booker: id,
					purpose: 'Efter sletningen',
					attendees: 2,
					...slot(50, '10:00', '11:00')
				})
			),
			outcome(system.collection('holds').create({ title: title.id, patron: id })),
			outcome(system.collection('signups').create({ shift: shift.id, user: id })),
			outcome(system.collection('registrations').create({ event: event.id, user: id })),
			outcome(system.collection('loans').create({ copy: copies[0]!.id, patron: id }))
		]);
		expect(tries.map((t) => [t.status, codesOf(t.body)])).toEqual(
			Array.from({ length: 5 }, () => [400, ['overview_account_deleted']])
		);
		expect((await system.collection('copies').getOne(copies[0]!.id)).status).toBe('shelf');
		for (const [collection, field] of [
			['bookings', 'booker'],
			['holds', 'patron'],
			['signups', 'user'],
			['registrations', 'user'],
			['loans', 'patron']
		] as const) {
			const rows = await system
				.collection(collection)
				.getFullList({ filter: system.filter(`${field} = {:u}`, { u: id }) });
			expect(rows, collection).toEqual([]);
		}
		// nor is someone else's booking handed to it by staff
		const staff = await createUser({ staff: true });
		const other = await createUser();
		const booking = await other.pb.collection('bookings').create({
			room: room.id,
			booker: other.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(51, '10:00', '11:00')
		});
		const handed = await outcome(
			staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
				method: 'POST',
				body: { booker: id, reason: 'Overtager' }
			})
		);
		expect([handed.status, codesOf(handed.body)]).toEqual([400, ['overview_account_deleted']]);
		expect((await system.collection('bookings').getOne(booking.id)).booker).toBe(other.record.id);
	});
});

describe('a session let in before the deletion', () => {
	it('changes nothing once the deletion has committed: its writes are refused inside their transaction', async () => {
		const system = await systemClient();
		const citizen = await createUser({ name: 'Slettes Snart' });
		const room = await makeRoom();
		const booking = await citizen.pb.collection('bookings').create({
			room: room.id,
			booker: citizen.record.id,
			purpose: 'Før',
			attendees: 2,
			...slot(52, '10:00', '11:00')
		});
		const club = await citizen.pb.collection('associations').create({
			name: `Før sletningen ${Date.now() % 100000}`,
			cvr: validCvrNumber()
		});
		// the deletion's mark as it stands inside the transaction of a request PocketBase let in before it
		// (its session loaded before the deletion committed): set alone, the session still loads
		await system.collection('users').update(citizen.record.id, { deleted_at: new Date().toISOString() });
		// custom routes alike: an invitation in the association's name, cancelling a period of bookings
		const routes = await Promise.all([
			outcome(
				citizen.pb.send(`/api/borgerhus/associations/${club.id}/invitations`, {
					method: 'POST',
					body: { email: 'ny@example.org', role: 'member' }
				})
			),
			outcome(
				citizen.pb.send('/api/borgerhus/bookings/cancel-period', {
					method: 'POST',
					body: { from: houseDate(50), to: houseDate(54), preview: false }
				})
			)
		]);
		expect(routes.map((t) => [t.status, codesOf(t.body)])).toEqual([
			[400, ['overview_account_deleted']],
			[400, ['overview_account_deleted']]
		]);
		expect((await system.collection('bookings').getOne(booking.id)).status).toBe('approved');
		const invited = await system
			.collection('memberships')
			.getFullList({ filter: system.filter('association = {:a} && email != ""', { a: club.id }) });
		expect(invited).toEqual([]);
		const tries = await Promise.all([
			outcome(
				citizen.pb.collection('bookings').update(booking.id, { purpose: 'Petra Hansen, tlf 12345678' })
			),
			outcome(
				citizen.pb.collection('associations').create({
					name: 'Efter sletningen',
					cvr: validCvrNumber(),
					contact_name: 'Petra Hansen',
					contact_email: 'petra@example.org'
				})
			)
		]);
		expect(tries.map((t) => [t.status, codesOf(t.body)])).toEqual([
			[400, ['overview_account_deleted']],
			[400, ['overview_account_deleted']]
		]);
		expect((await system.collection('bookings').getOne(booking.id)).purpose).toBe('Før');
		const made = await system
			.collection('associations')
			.getFullList({ filter: system.filter('created_by = {:u}', { u: citizen.record.id }) });
		expect(made.map((a) => a.id)).toEqual([club.id]);
	});
});

// A sign-in loads the account before it checks the password's hash; one that began before the deletion
// committed must not leave a place signed in from (`_authOrigins`, which the deletion clears) nor mail the
// old address an alert: the account is read again before either is made (pb_hooks/account.pb.js).
describe('a sign-in while the account is deleted', () => {
	it(
		'leaves no place signed in from, and answers a failed sign-in as a wrong password',
		{ timeout: 120_000 },
		async () => {
			const system = await systemClient();
			for (let round = 0; round < 12; round++) {
				const user = await createUser({ name: `Logger Ind ${round}` });
				const [deleted, signedIn] = await Promise.all([
					outcome(deleteAccount(user)),
					sleep(round * 2).then(() =>
						outcome(guestClient().collection('users').authWithPassword(user.email, PASSWORD))
					)
				]);
				expect(deleted.status, `round ${round}`).toBe(200);
				const origins = await system
					.collection('_authOrigins')
					.getFullList({ filter: system.filter('recordRef = {:u}', { u: user.record.id }) });
				expect.soft(origins.length, `round ${round}: places signed in from`).toBe(0);
				// made before the deletion committed (its session ended by it), or refused as a wrong password is
				expect.soft([200, 400], `round ${round}`).toContain(signedIn.status);
				if (signedIn.status === 200) continue;
				expect
					.soft((signedIn.body as { message?: string }).message, `round ${round}`)
					.toBe('Failed to authenticate.');
				await sleep(200);
				const alerts = readMails(stack().mailDir).filter(
					(mail) => mail.to.includes(user.email.toLowerCase()) && /loggede ind/i.test(mail.subject)
				);
				expect.soft(alerts.length, `round ${round}: alerts of a refused sign-in`).toBe(0);
			}
		}
	);
});

// PocketBase's confirm routes load the account, hash the new password (or read the new address) and then
// save every field of the row they loaded: one that began before the deletion committed wrote the name,
// address and phone back and opened the account again (lib/overview-account.js `saveOnStored`).
describe('a mailed link confirmed while the account is deleted', () => {
	const DELAYS = [0, 10, 20, 30, 45, 60];

	async function expectStaysDeleted(user: TestUser, password: string, email: string) {
		const system = await systemClient();
		const row = await system.collection('users').getOne(user.record.id);
		expect([row.deleted_at !== '', row.email.startsWith('deleted-'), row.name]).toEqual([
			true,
			true,
			'Slettet bruger'
		]);
		expect((await outcome(guestClient().collection('users').authWithPassword(email, password))).status).toBe(
			400
		);
	}

	it('a new password leaves it deleted, whichever commits first', async () => {
		for (const delay of DELAYS) {
			const user = await createUser({ name: 'Nulstil Nu' });
			await guestClient().collection('users').requestPasswordReset(user.email);
			const mail = await waitForMail(stack().mailDir, user.email, /adgangskode/i);
			const token = new URL(linkFrom(mail, '/nulstil-adgangskode/')).pathname.split('/').at(-1)!;
			const [deleted, confirmed] = await Promise.all([
				outcome(deleteAccount(user)),
				sleep(delay).then(() =>
					outcome(
						guestClient().collection('users').confirmPasswordReset(token, 'ny-kode-12345', 'ny-kode-12345')
					)
				)
			]);
			expectNoServerError([deleted, confirmed]);
			if (deleted.status === 200) {
				await expectStaysDeleted(user, 'ny-kode-12345', user.email);
				continue;
			}
			// the new password committed before the deletion checked the old one: the deletion is refused as
			// a wrong password (or an ended session), and the account stands whole with its new password
			expect(confirmed.status, `delay ${delay}`).toBe(200);
			expect(deleted.status === 401 || codesOf(deleted.body).includes('validation_invalid_password')).toBe(
				true
			);
			const row = await (await systemClient()).collection('users').getOne(user.record.id);
			expect([row.deleted_at, row.name]).toEqual(['', 'Nulstil Nu']);
			const signedIn = await outcome(
				guestClient().collection('users').authWithPassword(user.email, 'ny-kode-12345')
			);
			expect(signedIn.status, `delay ${delay}`).toBe(200);
		}
	});

	it('a new address leaves it deleted, whichever commits first', async () => {
		for (const delay of DELAYS) {
			const user = await createUser({ name: 'Flytter Nu' });
			const address = uniqueEmail('moved');
			await user.pb.collection('users').requestEmailChange(address);
			const mail = await waitForMail(stack().mailDir, address, /e-mail/i);
			const token = new URL(linkFrom(mail, '/skift-email/')).pathname.split('/').at(-1)!;
			const [deleted, confirmed] = await Promise.all([
				outcome(deleteAccount(user)),
				sleep(delay).then(() =>
					outcome(guestClient().collection('users').confirmEmailChange(token, PASSWORD))
				)
			]);
			expect(deleted.status, `delay ${delay}`).toBe(200);
			expectNoServerError([confirmed]);
			await expectStaysDeleted(user, PASSWORD, address);
		}
	});
});

describe('what deletion leaves behind', () => {
	it('clears the contact of an association that names an address with letters beyond ASCII, as the export finds it', async () => {
		const system = await systemClient();
		const email = `Åse-${Date.now() % 1_000_000}@test.borgerhus.dk`;
		const record = await system.collection('users').create({
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Åse Østergård',
			verified: true,
			language: 'da'
		});
		const pb = guestClient();
		await pb.collection('users').authWithPassword(email, PASSWORD);
		const user: TestUser = { record: record as unknown as TestUser['record'], email, password: PASSWORD, pb };
		const founder = await createUser();
		const named = await system.collection('associations').create({
			name: 'Åens Venner',
			cvr: validCvrNumber(),
			contact_name: 'Åse Østergård',
			contact_email: email,
			created_by: founder.record.id,
			verified: true
		});
		const listed = (await pb.send('/api/borgerhus/mydata', {})) as { associations: { name: string }[] };
		expect(listed.associations.map((a) => a.name)).toEqual(['Åens Venner']);
		await deleteAccount(user);
		expect(await system.collection('associations').getOne(named.id)).toMatchObject({
			contact_name: '',
			contact_email: ''
		});
	});

	it('finds and clears the address as a contact in another ASCII letter case, of an association the user never joined, and no address PocketBase keeps apart', async () => {
		const system = await systemClient();
		const n = Date.now() % 1_000_000;
		const email = `åse-${n}@test.borgerhus.dk`;
		const record = await system.collection('users').create({
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Åse Østergård',
			verified: true,
			language: 'da'
		});
		const pb = guestClient();
		await pb.collection('users').authWithPassword(email, PASSWORD);
		const user: TestUser = { record: record as unknown as TestUser['record'], email, password: PASSWORD, pb };
		// someone else's association names the user's address, typed with capitals (an address is one in any
		// ASCII letter case, as PocketBase compares them: docs/rules.md, "Account, feed and reminders")
		const founder = await createUser();
		const named = await system.collection('associations').create({
			name: 'Østerbro Åkandeklub',
			cvr: validCvrNumber(),
			contact_name: 'Åse Østergård',
			contact_email: `åSE-${n}@TEST.borgerhus.dk`,
			contact_phone: '70 11 22 33',
			created_by: founder.record.id,
			verified: true
		});
		// and another names "ÅSE-…": another account's address to PocketBase, which folds ASCII letters only
		const other = await system.collection('associations').create({
			name: 'Åbyhøj Åkandeklub',
			cvr: validCvrNumber(),
			contact_name: 'Åse Østergård',
			contact_email: `ÅSE-${n}@test.borgerhus.dk`,
			created_by: founder.record.id,
			verified: true
		});
		const listed = (await pb.send('/api/borgerhus/mydata', {})) as {
			associations: { name: string; contact: { email: string } | null }[];
		};
		expect(listed.associations).toEqual([
			expect.objectContaining({
				name: 'Østerbro Åkandeklub',
				contact: { name: 'Åse Østergård', email: `åSE-${n}@TEST.borgerhus.dk`, phone: '' }
			})
		]);
		await deleteAccount(user);
		expect(await system.collection('associations').getOne(named.id)).toMatchObject({
			contact_name: '',
			contact_email: '',
			// the phone was never shown to be the user's
			contact_phone: '70 11 22 33'
		});
		expect(await system.collection('associations').getOne(other.id)).toMatchObject({
			contact_name: 'Åse Østergård',
			contact_email: `ÅSE-${n}@test.borgerhus.dk`
		});
	});

	it('leaves no copy of a contact staff gave an association in the log, before the deletion or after', async () => {
		const system = await systemClient();
		const [citizen, staff] = await Promise.all([
			createUser({ name: 'Karen Kontaktperson' }),
			createUser({ staff: true })
		]);
		await system.collection('users').update(citizen.record.id, { phone: '12345679' });
		const club = await citizen.pb
			.collection('associations')
			.create({ name: 'Karens Klub', cvr: validCvrNumber() });
		const contact = {
			contact_name: 'Karen Kontaktperson',
			contact_email: citizen.email,
			contact_phone: '12345679'
		};
		await staff.pb.collection('associations').update(club.id, { ...contact, description: 'Strikkeklub' });
		const log = async () =>
			system.collection('audit_log').getFullList({
				filter: system.filter('target_id = {:a} && action = "associations_update"', { a: club.id })
			});
		const [entry] = await log();
		// what changed is named, and the association's own text kept; the person's details are not copied
		expect(entry?.details).toEqual({
			description: 'Strikkeklub',
			contact_changed: ['contact_name', 'contact_email', 'contact_phone']
		});
		await deleteAccount(citizen);
		const text = JSON.stringify(await log()).toLowerCase();
		for (const value of Object.values(contact)) expect(text).not.toContain(value.toLowerCase());
	});

	it('cancels the season bookings, clears the private purpose, the association contact and the staff’s free text', async () => {
		const system = await systemClient();
		const staff = await createUser({ staff: true, name: 'Skranke Stine' });
		const citizen = await createUser({ name: 'Karen Kontakt' });
		const other = await createUser({ name: 'Anden Borger' });
		const id = citizen.record.id;
		await system.collection('users').update(id, { phone: '+45 12 34 56 78' });

		// an association the citizen founded, with the citizen's own details as its contact
		const association = await citizen.pb.collection('associations').create({
			name: 'Strikkeklubben Maske',
			cvr: validCvrNumber(),
			contact_name: ' karen kontakt',
			contact_email: citizen.email.toUpperCase(),
			contact_phone: '12 34 56 78',
			description: 'Vi strikker om tirsdagen'
		});
		await staff.pb.send(`/api/borgerhus/associations/${association.id}/verify`, { method: 'POST', body: {} });
		// another association with someone else as its contact stays as it is
		const foreign = await system.collection('associations').create({
			name: 'Anden Forening',
			cvr: validCvrNumber(),
			contact_name: 'Anden Borger',
			contact_email: other.email,
			contact_phone: '87 65 43 21',
			verified: true
		});
		await system.collection('memberships').create({ association: foreign.id, user: id, role: 'member' });
		// one the citizen was only invited to, whose contact's name and phone the citizen copied into their
		// own profile: another person's contact, kept
		const lookalike = await system.collection('associations').create({
			name: 'Efterligneren',
			cvr: validCvrNumber(),
			contact_name: 'Karen Kontakt',
			contact_email: other.email,
			contact_phone: '+45 12 34 56 78',
			verified: true
		});
		await system
			.collection('memberships')
			.create({ association: lookalike.id, user: id, role: 'member', status: 'invited' });
		// one the citizen neither founded nor belongs to, whose admin entered the citizen as its contact
		const named = await system.collection('associations').create({
			name: 'Naboforeningen',
			cvr: validCvrNumber(),
			contact_name: 'Karen Kontakt',
			contact_email: ` ${citizen.email.toUpperCase()}`,
			contact_phone: '+4512345678',
			created_by: other.record.id,
			verified: true
		});

		// a private season booking and one in the association's name
		const day = 40 + Math.floor(Math.random() * 300);
		const season = async (room: string, association: string, purpose: string) =>
			(await citizen.pb.send('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room,
					association,
					purpose,
					attendees: 4,
					first_date: houseDate(day),
					last_date: houseDate(day + 14),
					interval: 1,
					start_time: '18:00',
					end_time: '20:00'
				}
			})) as { series: string; booked: { id: string }[] };
		const privateSeries = await season((await makeRoom()).id, '', 'Genoptræning efter hjerneblødning');
		const associationSeries = await season((await makeRoom()).id, association.id, 'Strikkeaften');
		expect(privateSeries.booked.length).toBeGreaterThan(0);
		expect(associationSeries.booked.length).toBeGreaterThan(0);

		// staff's free text about the citizen: an override at the desk, a rejection's reason
		const room = await makeRoom();
		const deskBooking = await staff.pb.collection('bookings').create(
			{
				room: room.id,
				booker: id,
				purpose: 'Ved skranken',
				attendees: 1,
				...slot(day + 1, '10:00', '11:00')
			},
			desk(id, 'Borger er blind og kan ikke bruge appen')
		);
		const approvalRoom = await makeRoom({ requires_approval: true });
		const pending = await citizen.pb.collection('bookings').create({
			room: approvalRoom.id,
			booker: id,
			purpose: 'Samtale',
			attendees: 1,
			...slot(day + 2, '10:00', '11:00')
		});
		await staff.pb
			.collection('bookings')
			.update(pending.id, { status: 'rejected', reason: 'Borgeren har en sag hos kommunen' });
		// someone else's rejection keeps its reason
		const others = await other.pb.collection('bookings').create({
			room: approvalRoom.id,
			booker: other.record.id,
			purpose: 'Samtale',
			attendees: 1,
			...slot(day + 3, '10:00', '11:00')
		});
		await staff.pb
			.collection('bookings')
			.update(others.id, { status: 'rejected', reason: 'Lokalet er optaget' });
		// the desk hands the citizen's reserved copy to the pickup shelf: the audit entry names the citizen
		const { title, copies } = await arrangeTitle({ copies: 1 });
		await placeHold(citizen.pb, title.id, id);
		const checkedIn = await checkIn(staff.pb, copies[0]!.barcode);
		expect(checkedIn.outcome).toBe('hold');

		const deleted = await outcome(deleteAccount(citizen));
		expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);

		// season bookings: cancelled like the series' own cancel; the private one without its text
		const privateRow = await system.collection('booking_series').getOne(privateSeries.series);
		expect([privateRow.status, privateRow.purpose]).toEqual(['cancelled', '']);
		const associationRow = await system.collection('booking_series').getOne(associationSeries.series);
		expect([associationRow.status, associationRow.purpose]).toEqual(['cancelled', 'Strikkeaften']);
		for (const b of privateSeries.booked) {
			const row = await system.collection('bookings').getOne(b.id);
			expect([row.status, row.purpose]).toEqual(['cancelled', '']);
		}

		// the association: the contact that was the citizen is gone, everything else stays
		const assoc = await system.collection('associations').getOne(association.id);
		expect(assoc).toMatchObject({
			name: 'Strikkeklubben Maske',
			contact_name: '',
			contact_email: '',
			contact_phone: '',
			description: 'Vi strikker om tirsdagen',
			verified: true,
			created_by: id
		});
		expect(await system.collection('associations').getOne(named.id)).toMatchObject({
			name: 'Naboforeningen',
			contact_name: '',
			contact_email: '',
			contact_phone: '',
			created_by: other.record.id
		});
		expect(await system.collection('associations').getOne(foreign.id)).toMatchObject({
			contact_name: 'Anden Borger',
			contact_email: other.email,
			contact_phone: '87 65 43 21'
		});
		expect(await system.collection('associations').getOne(lookalike.id)).toMatchObject({
			contact_name: 'Karen Kontakt',
			contact_email: other.email,
			contact_phone: '+45 12 34 56 78'
		});

		// the audit log: what was done, by whom and when stays; the free text about the citizen goes
		const entry = async (target: string, action: string) =>
			system
				.collection('audit_log')
				.getFirstListItem(system.filter('target_id = {:t} && action = {:a}', { t: target, a: action }));
		const deskEntry = await entry(deskBooking.id, 'desk_create');
		expect(deskEntry.actor).toBe(staff.record.id);
		expect(deskEntry.details).toMatchObject({ on_behalf_of: id, to: 'approved', override_reason: '' });
		const rejected = await entry(pending.id, 'booking_rejected');
		expect(rejected.actor).toBe(staff.record.id);
		expect(rejected.details).toMatchObject({ from: 'pending', reason: '' });
		expect((await entry(others.id, 'booking_rejected')).details).toMatchObject({
			reason: 'Lokalet er optaget'
		});
		// and on the bookings themselves
		expect(await system.collection('bookings').getOne(pending.id)).toMatchObject({ reason: '', purpose: '' });
		expect((await system.collection('bookings').getOne(others.id)).reason).toBe('Lokalet er optaget');
		const checkin = await entry(copies[0]!.id, 'library_checkin');
		expect(checkin.details).toMatchObject({ patron: id, patronName: '', outcome: 'hold' });
		const log = JSON.stringify(
			await system.collection('audit_log').getFullList({
				filter: system.filter('created >= {:since}', { since: privateRow.created })
			})
		);
		for (const text of ['Borger er blind', 'sag hos kommunen', 'Karen Kontakt'])
			expect(log).not.toContain(text);
	});
});

describe('a booking staff moved to someone else', () => {
	it('loses the reason of the move when its former booker deletes the account', async () => {
		const [anna, bent, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const room = await makeRoom();
		const booking = await anna.pb.collection('bookings').create({
			room: room.id,
			booker: anna.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(53, '10:00', '11:00')
		});
		const reason = 'Anna er syg og Bent tager over';
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: bent.record.id, reason }
		});
		await anna.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
		const system = await systemClient();
		const [moved] = await system.collection('audit_log').getFullList({
			filter: system.filter('target_id = {:b} && action = "booking_reassigned"', { b: booking.id })
		});
		// what was done, by whom and when stays; the text written about the person goes
		expect(moved?.actor).toBe(staff.record.id);
		expect(moved?.details).toMatchObject({
			from: { booker: anna.record.id },
			to: { booker: bent.record.id },
			reason: ''
		});
		expect((await system.collection('bookings').getOne(booking.id)).booker).toBe(bent.record.id);
	});

	it('loses what staff wrote to the person on a booking that is someone else’s now, and only that', async () => {
		const [anna, bent, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const room = await makeRoom({ requires_approval: true });
		const booking = await anna.pb.collection('bookings').create({
			room: room.id,
			booker: anna.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(54, '10:00', '11:00')
		});
		const toAnna = 'Godkendt, Anna - husk nøglen i receptionen';
		await staff.pb.collection('bookings').update(booking.id, { status: 'approved', reason: toAnna });
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: bent.record.id, reason: 'Bent tager over' }
		});
		const system = await systemClient();
		const approval = async () =>
			(
				await system.collection('audit_log').getFullList({
					filter: system.filter('target_id = {:b} && action = "booking_approved"', { b: booking.id })
				})
			)[0]?.details as { reason?: string } | undefined;
		// Bent's deletion leaves what was written to Anna before the booking was his
		const carl = await createUser();
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: carl.record.id, reason: 'Carl tager over' }
		});
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: bent.record.id, reason: 'Bent igen' }
		});
		await bent.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
		expect((await approval())?.reason).toBe(toAnna);
		// Anna's deletion takes it, though the booking went on to others
		await anna.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
		expect((await approval())?.reason).toBe('');
	});
});

describe('what names the person beside the account', () => {
	it('invitations waiting for its address and the places it signed in from go with the deletion', async () => {
		const system = await systemClient();
		const citizen = await createUser({ name: 'Inviteret Ingrid' });
		const other = await createUser({ name: 'Bliver Bent' });
		// a second place the account signs in from (createUser signed in from the first)
		await guestClient().collection('users').authWithPassword(citizen.email, PASSWORD);
		const association = await system
			.collection('associations')
			.create({ name: 'Sangkoret Stemmen', cvr: validCvrNumber(), verified: true });
		// invitations to an address, not yet an account's (as an admin's invitation to a new address is)
		for (const email of [citizen.email.toLowerCase(), other.email.toLowerCase()]) {
			await system
				.collection('memberships')
				.create({ association: association.id, user: '', email, role: 'member', status: 'invited' });
		}
		const origins = (userId: string) =>
			system
				.collection('_authOrigins')
				.getFullList({ filter: system.filter('recordRef = {:u}', { u: userId }) });
		expect((await origins(citizen.record.id)).length).toBe(2);

		await deleteAccount(citizen);

		expect(await origins(citizen.record.id)).toEqual([]);
		expect((await origins(other.record.id)).length).toBe(1);
		const waiting = await system
			.collection('memberships')
			.getFullList({ filter: system.filter('user = "" && association = {:a}', { a: association.id }) });
		expect(waiting.map((m) => m.email)).toEqual([other.email.toLowerCase()]);
	});

	it('the sign-ins linked from another provider go with the deletion, as Mine data lists them', async () => {
		const system = await systemClient();
		const [citizen, other] = await Promise.all([
			createUser({ name: 'Linket Lise' }),
			createUser({ name: 'Bliver Bent' })
		]);
		for (const user of [citizen, other]) {
			await system.collection('_externalAuths').create({
				collectionRef: user.record.collectionId,
				recordRef: user.record.id,
				provider: 'google',
				providerId: `g-${user.record.id}`
			});
		}
		const links = (userId: string) =>
			system
				.collection('_externalAuths')
				.getFullList({ filter: system.filter('recordRef = {:u}', { u: userId }) });
		const session = new AppSession();
		await session.signIn(citizen.email, PASSWORD);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		expect(data.sign_ins.external).toEqual([expect.objectContaining({ provider: 'google' })]);

		await deleteAccount(citizen);

		expect(await links(citizen.record.id)).toEqual([]);
		expect((await links(other.record.id)).length).toBe(1);
	});

	it('the invitations it sent this hour go with the deletion, not an hour after it', async () => {
		const system = await systemClient();
		const [admin, other] = await Promise.all([
			createUser({ name: 'Afsender Asta' }),
			createUser({ name: 'Anden Afsender' })
		]);
		const association = await system
			.collection('associations')
			.create({ name: 'Læsekredsen Lyt', cvr: validCvrNumber(), verified: true });
		for (const user of [admin, other]) {
			await system
				.collection('memberships')
				.create({ association: association.id, user: user.record.id, role: 'admin', status: 'active' });
			await user.pb.send(`/api/borgerhus/associations/${association.id}/invitations`, {
				method: 'POST',
				body: { email: uniqueEmail('invitee'), role: 'member' }
			});
		}
		// the hour's count: a hash of each address the account wrote to, and when
		const sent = (userId: string) =>
			system
				.collection('invitations_sent')
				.getFullList({ filter: system.filter('inviter = {:u}', { u: userId }) });
		expect((await sent(admin.record.id)).length).toBe(1);

		await deleteAccount(admin);

		expect(await sent(admin.record.id)).toEqual([]);
		expect((await sent(other.record.id)).length).toBe(1);
	});
});
