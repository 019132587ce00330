import { describe, expect, it } from 'vitest';
import { AppSession } from '../helpers/app';
import {
	createUser,
	guestClient,
	PASSWORD,
	systemClient,
	uniqueEmail,
	type TestUser
} from '../helpers/pocketbase';
import { validCvrNumber } from '../helpers/cvr';
import { makeAssociation, membership } from './associations-helpers';
import { makeRoom, slot, someDay } from './rooms-arrange';
import { springPeriod } from './season-arrange';
import { arrangeTitle, checkIn, collect, placeHold } from './library-helpers';
import type { BookingRecord } from '../../src/lib/pocketbase-types';
import { arrangeEvent, createVolunteer, doorOpen } from './events-helpers';
import { bookingAt, checkIn as roomCheckIn, checkinRoom, fromNow } from './rooms-checkin-arrange';
import { formatDateTime } from '../../src/lib/dates';
import { USER_FIELDS } from '../../pb_hooks/lib/overview-mydata.js';
import { CARD_OF_SECTION } from '../../src/lib/overview/my-data-sections';

// "Mine data" holds everything the house keeps about the user (docs/rules.md, "Account, feed and
// reminders"): the whole profile, memberships in every state, associations founded, regular bookings,
// the season round, and what staff did for the user at the desk with its reasons; nothing about others.

// A 1x1 PNG, as a profile picture.
const PIXEL = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0)
);

async function everything() {
	const system = await systemClient();
	const [user, staff, other] = await Promise.all([
		createUser({ name: 'Dorte Dataejer' }),
		createUser({ staff: true, name: 'Skranke Sigrid' }),
		createUser({ name: 'Anden Admin' })
	]);
	const uid = user.record.id;
	const form = new FormData();
	form.append('phone', '+45 21 22 23 24');
	form.append('avatar', new Blob([PIXEL], { type: 'image/png' }), 'mig.png');
	await system.collection('users').update(uid, form);

	// staff register the library card and book for the user at the desk, past the horizon, with a reason
	const card = String(Date.now()).slice(-8);
	await staff.pb.send(`/api/borgerhus/desk/citizens/${uid}/card`, {
		method: 'POST',
		body: { library_card: card }
	});
	const room = await makeRoom({ horizon_days: 10 });
	const desk = await staff.pb.collection('bookings').create<BookingRecord>(
		{
			room: room.id,
			booker: uid,
			purpose: 'Genoptræning',
			attendees: 2,
			...slot(someDay(), '10:00', '11:00')
		},
		{
			headers: {
				'X-Borgerhus-For': uid,
				'X-Borgerhus-Override': encodeURIComponent('Borgeren kan ikke bruge appen')
			}
		}
	);

	// associations: one founded with the user's own contact details, one naming somebody else as contact
	const founded = await system.collection('associations').create({
		name: `Dortes Strikkeklub ${Date.now() % 100000}`,
		cvr: validCvrNumber(),
		created_by: uid,
		contact_name: 'Dorte Dataejer',
		contact_email: user.email,
		contact_phone: '+45 21 22 23 24'
	});
	// (verified, as the user, no member of either, reads an association's name only then)
	const theirs = await system.collection('associations').create({
		name: `Havefolket ${Date.now() % 100000}`,
		cvr: validCvrNumber(),
		verified: true,
		created_by: uid,
		contact_name: 'Karen Kontaktperson',
		contact_email: 'karen.kontakt@example.dk',
		contact_phone: '+45 99 88 77 66'
	});
	// founded by the user, whose contact has the user's name but somebody else's address and phone
	const namesake = await system.collection('associations').create({
		name: `Navnefællerne ${Date.now() % 100000}`,
		cvr: validCvrNumber(),
		verified: true,
		created_by: uid,
		contact_name: 'Dorte Dataejer',
		contact_email: 'en.anden@example.dk',
		contact_phone: '+45 55 44 33 22'
	});
	// founded by somebody else, with the user as its admin and contact, the phone written without the
	// country code: the user's data as much as the deletion that would clear it says
	const adminOf = await system.collection('associations').create({
		name: `Gårdlauget ${Date.now() % 100000}`,
		cvr: validCvrNumber(),
		created_by: other.record.id,
		contact_name: 'dorte dataejer ',
		contact_email: 'laug@example.dk',
		contact_phone: '21222324'
	});
	await membership(adminOf.id, user, 'admin');
	// an invitation the user declined, and one the user sent to somebody else
	const club = await makeAssociation({ name: `Sangkoret ${Date.now() % 100000}` });
	const declined = await membership(club.id, user, 'member', 'declined');
	await system.collection('memberships').update(declined.id, { invited_by: other.record.id });
	await membership(founded.id, user, 'admin');
	const sent = await membership(founded.id, other, 'booker', 'invited');
	await system
		.collection('memberships')
		.update(sent.id, { invited_by: uid, invited_at: new Date().toISOString() });

	// a regular booking (series) of the user
	const period = springPeriod();
	await system.collection('booking_series').create({
		room: room.id,
		booker: uid,
		purpose: 'Ugentlig strikkeaften',
		attendees: 4,
		first_date: `${period.first_date} 00:00:00.000Z`,
		last_date: `${period.last_date} 00:00:00.000Z`,
		start_time: '18:00',
		end_time: '20:00',
		status: 'active'
	});

	// the season round: an application, an objection (answered by staff) and a handover the user agreed to
	const season = await system
		.collection('seasons')
		.create({ name: `Sæson for Dorte ${Date.now() % 100000}`, ...period, status: 'final' });
	const application = await system.collection('season_applications').create({
		season: season.id,
		association: founded.id,
		applicant: uid,
		activities: [{ name: 'Strik for begyndere', participants: 8, age_group: 'adults' }],
		declared_section4: true,
		status: 'submitted',
		submitted_at: new Date().toISOString(),
		round: 1
	});
	const line = await system.collection('season_lines').create({
		season: season.id,
		application: application.id,
		association: founded.id,
		activity: `${application.id}:a1`,
		activity_name: 'Strik for begyndere',
		status: 'allocated',
		room: room.id,
		weekday: 'tue',
		start_time: '17:00',
		end_time: '19:00'
	});
	await system.collection('season_objections').create({
		season: season.id,
		association: founded.id,
		line: line.id,
		author: uid,
		text: 'Vi ønsker hellere onsdag',
		status: 'answered',
		answer: 'Onsdag er desværre optaget',
		answered_by: staff.record.id,
		answered_at: new Date().toISOString()
	});
	await system.collection('season_swaps').create({
		season: season.id,
		kind: 'handover',
		from_line: line.id,
		from_association: founded.id,
		to_association: club.id,
		from_consent_by: uid,
		from_consent_at: new Date().toISOString(),
		status: 'proposed',
		note: 'Hemmelig note fra en anden'
	});
	return { user, staff, other, card, desk, founded, theirs, namesake, adminOf, club, declined, season };
}

describe('Mine data: everything the house holds about the user', () => {
	it('exports the whole profile, every membership state, associations, series, the season and desk acts', async () => {
		const s = await everything();
		const session = new AppSession();
		await session.signIn(s.user.email, PASSWORD);
		const response = await session.get('/mine-data/eksport.json');
		expect(response.status).toBe(200);
		const data = await response.json();

		expect(data.profile).toMatchObject({
			email_confirmed: true,
			library_card: s.card,
			has_picture: true,
			desk_account: false,
			staff: false,
			calendar_feed: false
		});
		expect(data.memberships).toContainEqual(
			expect.objectContaining({ association: s.club.name, role: 'member', status: 'declined' })
		);
		expect(data.memberships).toContainEqual(
			expect.objectContaining({ association: s.founded.name, role: 'admin', status: 'active' })
		);
		expect(data.associations).toContainEqual(
			expect.objectContaining({
				name: s.founded.name,
				founded_by_you: true,
				contact: { name: 'Dorte Dataejer', email: s.user.email, phone: '+45 21 22 23 24' }
			})
		);
		// founded by the user, but the contact is somebody else: the association, not the contact
		expect(data.associations).toContainEqual(
			expect.objectContaining({ name: s.theirs.name, founded_by_you: true, contact: null })
		);
		// the same name is no proof: somebody else's address and phone stay out
		expect(data.associations).toContainEqual(
			expect.objectContaining({
				name: s.namesake.name,
				contact: { name: 'Dorte Dataejer', email: '', phone: '' }
			})
		);
		expect(JSON.stringify(data)).not.toContain('en.anden@example.dk');
		expect(data.associations).toContainEqual(
			expect.objectContaining({
				name: s.adminOf.name,
				founded_by_you: false,
				contact: { name: 'dorte dataejer', email: '', phone: '21222324' }
			})
		);
		expect(data.invitations_sent).toEqual([
			{ association: s.founded.name, role: 'booker', status: 'invited', invited_at: expect.any(String) }
		]);
		expect(data.series).toEqual([
			expect.objectContaining({ purpose: 'Ugentlig strikkeaften', start_time: '18:00', status: 'active' })
		]);
		expect(data.season_applications).toEqual([
			expect.objectContaining({
				season: s.season.name,
				association: s.founded.name,
				status: 'submitted',
				activities: [expect.objectContaining({ name: 'Strik for begyndere' })]
			})
		]);
		expect(data.season_objections).toEqual([
			expect.objectContaining({
				text: 'Vi ønsker hellere onsdag',
				answer: 'Onsdag er desværre optaget',
				status: 'answered'
			})
		]);
		expect(data.season_swaps).toEqual([
			expect.objectContaining({
				kind: 'handover',
				from_association: s.founded.name,
				to_association: s.club.name,
				consented_for: 'from_association',
				status: 'proposed'
			})
		]);
		expect(data.audit).toContainEqual(
			expect.objectContaining({
				action: 'desk_create',
				collection: 'bookings',
				target: s.desk.id,
				by: 'staff',
				to: 'approved',
				override_reason: 'Borgeren kan ikke bruge appen'
			})
		);
		expect(data.audit).toContainEqual(
			expect.objectContaining({ action: 'desk_card_set', collection: 'users', by: 'staff' })
		);

		// nothing about other people: not staff, not the invitee, not another association's contact
		const text = JSON.stringify(data);
		for (const secret of [
			'Skranke Sigrid',
			s.staff.email,
			s.staff.record.id,
			'Anden Admin',
			s.other.email,
			s.other.record.id,
			'Karen Kontaktperson',
			'karen.kontakt@example.dk',
			'99 88 77 66',
			'Hemmelig note'
		]) {
			expect(text).not.toContain(secret);
		}

		// the page and the printable document show the same, in words
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const page = await (await session.get(path)).text();
			expect(page).toContain(s.card);
			expect(page, path).toMatch(/<dt>E-mail bekræftet<\/dt>\s*<dd>Ja<\/dd>/);
			expect(page).toContain('Du sagde nej tak');
			expect(page).toContain(s.founded.name);
			expect(page).toContain('Ugentlig strikkeaften');
			expect(page).toContain('Strik for begyndere');
			// the application's status reads as a label, as on the season page
			const applications = page.match(
				/<section[^>]*aria-labelledby="data-applications"[\s\S]*?<\/section>/
			)?.[0];
			expect(applications, path).toMatch(/<span class="status[^"]*">Sendt<\/span>/);
			expect(page).toContain('Onsdag er desværre optaget');
			expect(page).toMatch(/Personalet oprettede en booking \(Regellokale [^)]*\) for dig ved skranken/);
			expect(page).toContain('Undtagelse fra reglerne: Borgeren kan ikke bruge appen');
			expect(page).not.toContain('Skranke Sigrid');
			expect(page).not.toContain('karen.kontakt@example.dk');
		}

		// the other person sees the invitation they got, not the user who sent it (nor the association's name,
		// which staff have not verified: it is no name the person may read),
		const other = new AppSession();
		await other.signIn(s.other.email, PASSWORD);
		const theirs = await (await other.get('/mine-data/eksport.json')).json();
		expect(theirs.memberships).toContainEqual(
			expect.objectContaining({ association: '', status: 'invited' })
		);
		expect(JSON.stringify(theirs.memberships)).not.toContain(s.founded.name);
		// and the invitation they sent the user, with its answer, but not to whom it went
		expect(theirs.invitations_sent).toEqual([
			{ association: s.club.name, role: 'member', status: 'closed', invited_at: expect.any(String) }
		]);
		expect(JSON.stringify(theirs)).not.toContain('Dorte Dataejer');
		expect(JSON.stringify(theirs)).not.toContain(s.user.email);
		// a block looks to the sender as the "no" did: only the invited person can tell the two apart
		const system = await systemClient();
		await s.user.pb.send(`/api/borgerhus/memberships/${s.declined.id}/block`, { method: 'POST' });
		expect((await system.collection('memberships').getOne(s.declined.id)).status).toBe('blocked');
		const blocked = await (await other.get('/mine-data/eksport.json')).json();
		expect(blocked.invitations_sent).toEqual(theirs.invitations_sent);
		expect(JSON.stringify(blocked)).not.toContain('blocked');
		const page = await (await other.get('/mine-data')).text();
		expect(page).toContain('Ikke længere åben');
		expect(page).not.toContain('blokerede');
		// invited again after the block, it looks invited, as on the admins' own list, with no time of an answer
		await system.collection('memberships').update(s.declined.id, { email: 'igen@example.dk' });
		const again = await (await other.get('/mine-data/eksport.json')).json();
		expect(again.invitations_sent).toEqual([
			{ association: s.club.name, role: 'member', status: 'invited', invited_at: expect.any(String) }
		]);
		// withdrawn then, it is no longer open, as a withdrawn invitation of anyone else is
		await system.collection('memberships').update(s.declined.id, { email: '' });
		const withdrawn = await (await other.get('/mine-data/eksport.json')).json();
		expect(withdrawn.invitations_sent).toEqual(theirs.invitations_sent);
	});

	it("lists the desk's check-ins that passed a copy to the user's hold or took back the user's loan", async () => {
		const [first, second, staff] = await Promise.all([
			createUser(),
			createUser(),
			createUser({ staff: true })
		]);
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const barcode = copies[0]!.barcode;
		const held = await placeHold(first.pb, title.id, first.record.id);
		// the copy comes in and goes to the first patron's hold, who borrows it; then the second holds it
		const toFirst = await checkIn(staff.pb, barcode);
		expect(toFirst.hold).toBe(held.id);
		await collect(staff.pb, held.id);
		await placeHold(second.pb, title.id, second.record.id);
		// the first patron returns it at the desk, and it goes on to the second patron's hold
		const back = await checkIn(staff.pb, barcode);
		expect(back.returnedLoan).not.toBe('');
		const checkins = async (user: typeof first) =>
			((await user.pb.send('/api/borgerhus/mydata', {})) as { audit: { action: string; by: string }[] }).audit
				.filter((a) => a.action === 'library_checkin')
				.map((a) => [a.action, a.by]);
		expect(await checkins(first)).toEqual([
			['library_checkin', 'staff'],
			['library_checkin', 'staff']
		]);
		expect(await checkins(second)).toEqual([['library_checkin', 'staff']]);
		// and no other patron's name comes along
		const text = JSON.stringify(await second.pb.send('/api/borgerhus/mydata', {}));
		expect(text).not.toContain(first.record.id);
	});

	it("holds a staff member's own acts, what and when, without the other person's row or reasons", async () => {
		const [citizen, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const room = await makeRoom({ requires_approval: true });
		const booking = await citizen.pb.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: citizen.record.id,
			purpose: 'Kor',
			attendees: 3,
			...slot(someDay(), '10:00', '11:00')
		});
		await staff.pb
			.collection('bookings')
			.update(booking.id, { status: 'rejected', reason: 'Borgerens hemmelighed' });
		// and cancels another of the citizen's bookings, and checks in a third, with a reason about them
		const open = await makeRoom();
		const book = (from: string, to: string) =>
			citizen.pb.collection('bookings').create<BookingRecord>({
				room: open.id,
				booker: citizen.record.id,
				purpose: 'Kor',
				attendees: 3,
				...slot(someDay(), from, to)
			});
		const cancelled = await book('12:00', '13:00');
		const attended = await book('14:00', '15:00');
		await staff.pb
			.collection('bookings')
			.update(cancelled.id, { status: 'cancelled', cancel_reason: 'Borgeren opførte sig truende' });
		await (
			await systemClient()
		)
			.collection('bookings')
			.update(attended.id, { checked_in_by: staff.record.id, checked_in_at: new Date().toISOString() });
		const exported = (await staff.pb.send('/api/borgerhus/mydata', {})) as {
			audit: { action: string; by: string; target: string; collection: string; reason: string }[];
		};
		expect(exported.audit).toContainEqual(
			expect.objectContaining({
				action: 'booking_rejected',
				by: 'you',
				collection: 'bookings',
				target: '',
				reason: ''
			})
		);
		const text = JSON.stringify(exported);
		expect(text).not.toContain(citizen.record.id);
		expect(text).not.toContain(booking.id);
		expect(text).not.toContain('Borgerens hemmelighed');
		// a citizen's private booking the staff member cancelled or checked in is not among their acts on an
		// association's bookings: not its room and time, nor the reason
		expect(text).not.toContain('Borgeren opførte sig truende');
		expect((exported as unknown as { bookings_acted_on: unknown[] }).bookings_acted_on).toEqual([]);
		// an association's booking the staff member cancels is theirs to see, as an admin's would be
		const club = await makeAssociation({ verified: true });
		await membership(club.id, citizen, 'booker');
		const clubs = await citizen.pb.collection('bookings').create<BookingRecord>({
			room: open.id,
			booker: citizen.record.id,
			association: club.id,
			purpose: 'Kor',
			attendees: 3,
			...slot(someDay(), '16:00', '17:00')
		});
		await staff.pb.collection('bookings').update(clubs.id, { status: 'cancelled', cancel_reason: 'Lukket' });
		const again = (await staff.pb.send('/api/borgerhus/mydata', {})) as {
			bookings_acted_on: { association: string; action: string; cancel_reason: string }[];
		};
		expect(again.bookings_acted_on).toEqual([
			expect.objectContaining({ association: club.name, action: 'cancelled', cancel_reason: 'Lukket' })
		]);
		// the citizen's own export has the decision on their booking, with its reason
		const theirs = JSON.stringify(await citizen.pb.send('/api/borgerhus/mydata', {}));
		expect(theirs).toContain('Borgerens hemmelighed');
		// the page's log section says it holds the staff member's own acts too, not only what staff did for them
		const session = new AppSession();
		await session.signIn(staff.email, PASSWORD);
		const page = await (await session.get('/mine-data')).text();
		expect(page).toContain('Husets log om dig');
		expect(page).toContain('og hvad du selv har gjort');
		expect(page).not.toContain('Det har personalet gjort for dig');
	});

	it('leaves out what the desk did for someone else on a booking that was moved to the user since', async () => {
		const [anna, bent, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const room = await makeRoom({ horizon_days: 10 });
		const reason = 'Anna bruger kørestol og kan ikke bruge appen';
		const booking = await staff.pb.collection('bookings').create<BookingRecord>(
			{
				room: room.id,
				booker: anna.record.id,
				purpose: 'Møde',
				attendees: 2,
				...slot(someDay(), '10:00', '11:00')
			},
			{
				headers: {
					'X-Borgerhus-For': anna.record.id,
					'X-Borgerhus-Override': encodeURIComponent(reason)
				}
			}
		);
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: bent.record.id, reason: 'Bent overtager mødet' }
		});
		const exported = async (user: typeof anna) =>
			JSON.stringify(await user.pb.send('/api/borgerhus/mydata', {}));
		const bents = await exported(bent);
		expect(bents).toContain(booking.id);
		expect(bents).not.toContain(reason);
		expect(bents).not.toContain(anna.record.id);
		// Anna's own export still holds the act done for her
		expect(await exported(anna)).toContain(reason);
	});

	it('keeps in the former booker’s export the move of a booking staff gave to someone else, with its reason', async () => {
		const [anna, bent, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const room = await makeRoom();
		const booking = await anna.pb.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: anna.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(someDay(), '12:00', '13:00')
		});
		const reason = 'Bent står for mødet fremover';
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: bent.record.id, reason }
		});
		type Entry = { action: string; target: string; reason: string; by: string; from: string; to: string };
		const annas = (await anna.pb.send('/api/borgerhus/mydata', {})) as { audit: Entry[] };
		const moved = annas.audit.filter((a) => a.action === 'booking_reassigned');
		expect(moved).toEqual([
			expect.objectContaining({ target: booking.id, reason, by: 'staff', from: '', to: '' })
		]);
		// who has it now is not hers to know
		expect(JSON.stringify(annas)).not.toContain(bent.record.id);
		expect(
			((await bent.pb.send('/api/borgerhus/mydata', {})) as { audit: Entry[] }).audit.filter(
				(a) => a.action === 'booking_reassigned'
			)
		).toEqual([expect.objectContaining({ target: booking.id, reason })]);
	});

	it('gives the new holder of a reassigned booking nothing staff wrote to the former one', async () => {
		const [anna, bent, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const room = await makeRoom({ requires_approval: true });
		const booking = await anna.pb.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: anna.record.id,
			purpose: 'Møde i foreningen',
			attendees: 2,
			...slot(someDay(), '14:00', '15:00')
		});
		const message = 'Godkendt, Anna - husk depositum på 200 kr.';
		await staff.pb.collection('bookings').update(booking.id, { status: 'approved', reason: message });
		const moveReason = 'Bent står for mødet fremover';
		await staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
			method: 'POST',
			body: { booker: bent.record.id, reason: moveReason }
		});
		// the record: the decision stays (approved), its message to Anna goes; what the room is used for stays
		const record = await bent.pb.collection('bookings').getOne<BookingRecord>(booking.id);
		expect(record).toMatchObject({
			status: 'approved',
			reason: '',
			cancel_reason: '',
			purpose: 'Møde i foreningen'
		});
		type Entry = { action: string; target: string; reason: string };
		type Data = { audit: Entry[]; bookings: { id: string; reason: string }[] };
		const bents = (await bent.pb.send('/api/borgerhus/mydata', {})) as Data;
		expect(JSON.stringify(bents)).not.toContain(message);
		// of the booking, Bent's data hold its move to him and nothing from before it
		expect(bents.audit.filter((a) => a.target === booking.id)).toEqual([
			expect.objectContaining({ action: 'booking_reassigned', reason: moveReason })
		]);
		expect(bents.bookings.find((b) => b.id === booking.id)?.reason).toBe('');
		// Anna keeps the move away from her, and what staff did and wrote while the booking was hers
		const annas = (await anna.pb.send('/api/borgerhus/mydata', {})) as Data;
		expect(annas.audit.filter((a) => a.target === booking.id)).toEqual([
			expect.objectContaining({ action: 'booking_reassigned', reason: moveReason }),
			expect.objectContaining({ action: 'booking_approved', reason: message })
		]);
		// given to the same person for an association, a booking keeps all that was hers
		const club = await makeAssociation({ verified: true });
		await membership(club.id, anna, 'booker');
		const own = await anna.pb.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: anna.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(someDay(), '16:00', '17:00')
		});
		await staff.pb.collection('bookings').update(own.id, { status: 'approved', reason: message });
		await staff.pb.send(`/api/borgerhus/bookings/${own.id}/reassign`, {
			method: 'POST',
			body: { association: club.id }
		});
		expect((await anna.pb.collection('bookings').getOne<BookingRecord>(own.id)).reason).toBe(message);
		const again = (await anna.pb.send('/api/borgerhus/mydata', {})) as Data;
		expect(
			again.audit
				.filter((a) => a.target === own.id)
				.map((a) => a.action)
				.sort()
		).toEqual(['booking_approved', 'booking_reassigned']);
	});

	it('keeps what happened to a booking while it was the user’s, through every move away and back', async () => {
		const [anna, bent, staff] = await Promise.all([createUser(), createUser(), createUser({ staff: true })]);
		const room = await makeRoom({ requires_approval: true });
		const booking = await anna.pb.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: anna.record.id,
			purpose: 'Møde',
			attendees: 2,
			...slot(someDay(), '09:00', '10:00')
		});
		const toAnna = 'Godkendt, Anna - nøglen ligger i receptionen';
		await staff.pb.collection('bookings').update(booking.id, { status: 'approved', reason: toAnna });
		const reassign = (to: typeof anna, reason: string) =>
			staff.pb.send(`/api/borgerhus/bookings/${booking.id}/reassign`, {
				method: 'POST',
				body: { booker: to.record.id, reason }
			});
		await reassign(bent, 'Bent tager over');
		// while it is Bent's, staff move it an hour
		await staff.pb.collection('bookings').update(booking.id, slot(someDay(), '10:00', '11:00'));
		await reassign(anna, 'Anna tager det tilbage');
		type Entry = { action: string; target: string; reason: string };
		const entries = async (user: typeof anna) =>
			((await user.pb.send('/api/borgerhus/mydata', {})) as { audit: Entry[] }).audit
				.filter((a) => a.target === booking.id)
				.map((a) => `${a.action}:${a.reason}`);
		expect(await entries(anna)).toEqual([
			'booking_reassigned:Anna tager det tilbage',
			'booking_reassigned:Bent tager over',
			`booking_approved:${toAnna}`
		]);
		expect(await entries(bent)).toEqual([
			'booking_reassigned:Anna tager det tilbage',
			'booking_moved:',
			'booking_reassigned:Bent tager over'
		]);
	});

	it('shows as the user’s contact details exactly what deleting the account clears', async () => {
		const s = await everything();
		const system = await systemClient();
		type Contact = { name: string; email: string; phone: string } | null;
		const exported = (
			(await s.user.pb.send('/api/borgerhus/mydata', {})) as {
				associations: { name: string; contact: Contact }[];
			}
		).associations;
		const ids = [s.founded, s.theirs, s.namesake, s.adminOf].map((a) => a.id);
		const before = await Promise.all(ids.map((id) => system.collection('associations').getOne(id)));
		await s.user.pb.send('/api/borgerhus/account/delete', { method: 'POST', body: { password: PASSWORD } });
		for (const association of before) {
			const after = await system.collection('associations').getOne(association.id);
			const contact = exported.find((a) => a.name === association.name)?.contact ?? null;
			for (const [field, shown] of [
				['contact_name', contact?.name],
				['contact_email', contact?.email],
				['contact_phone', contact?.phone]
			] as const) {
				// a field shown as the user's is cleared; every other field stays as it was
				expect(after[field], `${association.name} ${field}`).toBe(shown ? '' : association[field]);
			}
		}
		expect(exported.find((a) => a.name === s.adminOf.name)?.contact?.phone).toBe('21222324');
	});

	it('answers only the signed-in user: not guests, not staff at the desk for a citizen', async () => {
		const [user, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		await expect(guestClient().send('/api/borgerhus/mydata', {})).rejects.toMatchObject({ status: 401 });
		await expect(
			staff.pb.send('/api/borgerhus/mydata', { headers: { 'X-Borgerhus-For': user.record.id } })
		).rejects.toMatchObject({ status: 403 });
		const own = await user.pb.send('/api/borgerhus/mydata', {});
		expect(own).toMatchObject({ associations: [], audit: [], season_applications: [] });
	});

	it("names a ticket's and a shift's event with its own start, and no event the user may no longer see", async () => {
		const { event, shift } = await arrangeEvent();
		const volunteer = await createVolunteer();
		const ticket = await volunteer.pb
			.collection('registrations')
			.create({ event: event.id, user: volunteer.record.id });
		const place = await volunteer.pb
			.collection('signups')
			.create({ shift: shift.id, user: volunteer.record.id });
		type Mine = {
			registrations: { event: string; start: string }[];
			signups: { task: string; event: string; start: string; end: string }[];
		};
		const mine = async () => (await volunteer.pb.send('/api/borgerhus/mydata', {})) as Mine;
		const first = await mine();
		// the file's times are ISO 8601 with a `T`, the stored ones PocketBase's with a space
		const iso = (time: string) => time.replace(' ', 'T');
		expect(first.registrations).toMatchObject([{ event: event.title, start: iso(event.start) }]);
		expect(first.signups).toMatchObject([{ task: shift.task, event: event.title, start: iso(shift.start) }]);
		// the pages show the dates (a title where a date belongs broke them)
		const session = new AppSession();
		await session.signIn(volunteer.email, PASSWORD);
		expect((await session.get('/mine-data')).status).toBe(200);

		// both cancelled, then staff take the event back to a draft and rename it: the user's token no longer
		// reads it, and neither does their data
		await volunteer.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await volunteer.pb.collection('signups').update(place.id, { status: 'cancelled' });
		const staff = await createUser({ staff: true });
		await staff.pb
			.collection('events')
			.update(event.id, { state: 'draft', title: 'INTERN: planlagt lukning' });
		const later = await mine();
		expect(later.registrations).toMatchObject([{ event: '', start: '' }]);
		expect(later.signups).toMatchObject([{ task: '', event: '', start: '', end: '' }]);
		expect(JSON.stringify(later)).not.toContain('INTERN');
	});
});

// The schema is the list: every field that names an account, in a collection of ours or in PocketBase's own
// records about an account, must be named in USER_FIELDS with the section of Mine data that exports its rows,
// so a collection or field added later that names a user fails here until the export holds it.
describe('every field of the schema that names an account', () => {
	it('has a section of Mine data, which holds the rows that name the user', async () => {
		const system = await systemClient();
		const collections = await system.collections.getFullList();
		const users = collections.find((c) => c.name === 'users')!;
		const naming: string[] = [];
		for (const c of collections) {
			for (const f of c.fields as { name: string; type: string; collectionId?: string }[]) {
				if (f.type === 'relation' && f.collectionId === users.id) naming.push(`${c.name}.${f.name}`);
				// PocketBase's own records of an account (places signed in from, linked sign-ins, codes)
				else if (c.system && f.name === 'recordRef') naming.push(`${c.name}.${f.name}`);
			}
		}
		expect(naming.length).toBeGreaterThan(20);
		expect([...naming].sort()).toEqual(Object.keys(USER_FIELDS).sort());

		// a field without a section holds nothing: the users collection keeps no codes or second factors
		const unkept = Object.entries(USER_FIELDS).filter(([, section]) => section === '');
		expect(unkept.map(([field]) => field).sort()).toEqual(['_mfas.recordRef', '_otps.recordRef']);
		const auth = users as unknown as { otp: { enabled: boolean }; mfa: { enabled: boolean } };
		expect([auth.otp.enabled, auth.mfa.enabled]).toEqual([false, false]);

		// and each section holds the person's rows: every field that names the user of a full export (and
		// the staff member who served them at the desk) has its section in their file, not empty
		const s = await everything();
		const namedIn = async (person: TestUser) => {
			const data = (await person.pb.send('/api/borgerhus/mydata', {})) as Record<string, unknown>;
			const filled = (section: string) => {
				const value = data[section];
				if (Array.isArray(value)) return value.length > 0;
				if (value && typeof value === 'object')
					return Object.values(value).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)));
				return false;
			};
			const named: string[] = [];
			const missing: string[] = [];
			for (const [field, section] of Object.entries(USER_FIELDS)) {
				if (section === '') continue;
				expect(Object.keys(data), field).toContain(section);
				const [collection, name] = field.split('.') as [string, string];
				const rows = await system
					.collection(collection)
					.getList(1, 1, { filter: system.filter(`${name} ?= {:u}`, { u: person.record.id }) });
				if (rows.totalItems === 0) continue;
				named.push(field);
				if (!filled(section)) missing.push(`${field} -> ${section}`);
			}
			return { named, missing };
		};
		const user = await namedIn(s.user);
		expect(user.missing).toEqual([]);
		// the arranged user is named by most of them, so this checks more than the list
		expect(user.named.length).toBeGreaterThanOrEqual(10);
		const staff = await namedIn(s.staff);
		expect(staff.missing).toEqual([]);
		expect(staff.named).toContain('audit_log.actor');
	});
});

describe('a line of Mine data whose name the user may not read', () => {
	it('says what it is in words, never as a line without a name', async () => {
		const [user, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		// an invitation from an association staff have not verified, and a ticket and a shift of an event staff
		// took back to a draft after both were cancelled
		const unverified = await makeAssociation({
			verified: false,
			name: `Hemmeligt Navn ${Date.now() % 100000}`
		});
		await membership(unverified.id, user, 'member', 'invited');
		const { event, shift } = await arrangeEvent();
		const system = await systemClient();
		await system.collection('users').update(user.record.id, { volunteer_terms_at: new Date().toISOString() });
		const ticket = await user.pb
			.collection('registrations')
			.create({ event: event.id, user: user.record.id });
		const place = await user.pb.collection('signups').create({ shift: shift.id, user: user.record.id });
		await user.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await user.pb.collection('signups').update(place.id, { status: 'cancelled' });
		await staff.pb.collection('events').update(event.id, { state: 'draft' });

		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await session.get(path)).text())
				.replace(/<script[\s\S]*?<\/script>/g, '')
				.replace(/<!--[\s\S]*?-->/g, '');
			expect(html, path).not.toContain(unverified.name);
			expect(html, path).toContain('En forening, der venter på husets godkendelse');
			expect(html.split('Et arrangement, som huset ikke viser nu').length - 1, path).toBe(2);
			expect(html, path).not.toMatch(/<strong[^>]*>\s*<\/strong>/);
		}
	});
});

describe('an association renamed since, that the user has left', () => {
	it('is named in no section of Mine data, and each line says so in words', async () => {
		const [user, other, invitee] = await Promise.all([
			createUser(),
			createUser({ name: 'Anden Admin' }),
			createUser()
		]);
		const uid = user.record.id;
		const system = await systemClient();
		// a verified association the user founded and ran with another admin
		const yard = await system.collection('associations').create({
			name: `Gårdlauget ${Date.now() % 100000}`,
			cvr: validCvrNumber(),
			verified: true,
			created_by: uid,
			contact_name: user.record.name,
			contact_email: user.email
		});
		const own = await membership(yard.id, user, 'admin');
		await membership(yard.id, other, 'admin');
		// the user invited someone, cancelled the other admin's booking, and took part in the season round
		const sent = await membership(yard.id, invitee, 'member', 'invited');
		await system
			.collection('memberships')
			.update(sent.id, { invited_by: uid, invited_at: new Date().toISOString() });
		const room = await makeRoom();
		const booking = await other.pb.collection('bookings').create<BookingRecord>({
			room: room.id,
			booker: other.record.id,
			association: yard.id,
			purpose: 'Generalforsamling',
			attendees: 5,
			...slot(someDay(), '10:00', '11:00')
		});
		await user.pb
			.collection('bookings')
			.update(booking.id, { status: 'cancelled', cancel_reason: 'Flyttet' });
		const club = await makeAssociation({ verified: true });
		const period = springPeriod();
		const season = await system
			.collection('seasons')
			.create({ name: `Sæson ${Date.now() % 100000}`, ...period, status: 'final' });
		const application = await system.collection('season_applications').create({
			season: season.id,
			association: yard.id,
			applicant: uid,
			activities: [{ name: 'Gårdfest', participants: 8, age_group: 'adults' }],
			status: 'submitted',
			submitted_at: new Date().toISOString(),
			round: 1
		});
		const line = await system.collection('season_lines').create({
			season: season.id,
			application: application.id,
			association: yard.id,
			activity: `${application.id}:a1`,
			activity_name: 'Gårdfest',
			status: 'allocated',
			room: room.id,
			weekday: 'tue',
			start_time: '17:00',
			end_time: '19:00'
		});
		await system.collection('season_objections').create({
			season: season.id,
			association: yard.id,
			line: line.id,
			author: uid,
			text: 'Hellere torsdag',
			status: 'open'
		});
		await system.collection('season_swaps').create({
			season: season.id,
			kind: 'handover',
			from_line: line.id,
			from_association: yard.id,
			to_association: club.id,
			from_consent_by: uid,
			from_consent_at: new Date().toISOString(),
			status: 'proposed'
		});

		// the user leaves; the other admin renames the association, which goes back to the house's verification
		await user.pb.send(`/api/borgerhus/memberships/${own.id}/leave`, { method: 'POST' });
		const renamed = `Hemmeligt Nyt Navn ${Date.now() % 100000}`;
		await other.pb.collection('associations').update(yard.id, { name: renamed });
		expect((await system.collection('associations').getOne(yard.id)).verified).toBe(false);

		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		expect(JSON.stringify(data)).not.toContain(renamed);
		expect(data.memberships).toEqual([expect.objectContaining({ association: '', status: 'left' })]);
		expect(data.associations).toEqual([
			expect.objectContaining({ name: '', founded_by_you: true, verified: false })
		]);
		expect(data.invitations_sent).toEqual([expect.objectContaining({ association: '' })]);
		expect(data.bookings_acted_on).toEqual([
			expect.objectContaining({ association: '', action: 'cancelled', cancel_reason: 'Flyttet' })
		]);
		expect(data.season_applications).toEqual([expect.objectContaining({ association: '' })]);
		expect(data.season_objections).toEqual([expect.objectContaining({ association: '' })]);
		expect(data.season_swaps).toEqual([
			expect.objectContaining({ from_association: '', to_association: club.name })
		]);

		// the page and its print view say in each section what the line is, without the name
		const hidden = 'En forening, der venter på husets godkendelse';
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await session.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, path).not.toContain(renamed);
			for (const id of [
				'memberships',
				'associations',
				'invitations',
				'acted-on',
				'applications',
				'objections'
			]) {
				const section = html.match(
					new RegExp(`<section[^>]*aria-labelledby="data-${id}"[\\s\\S]*?</section>`)
				);
				expect(section?.[0], `${path} ${id}`).toContain(hidden);
			}
			const swaps = html.match(/<section[^>]*aria-labelledby="data-swaps"[\s\S]*?<\/section>/)?.[0];
			expect(swaps, path).toContain(`${hidden} → ${club.name}`);
		}
	});
});

describe('a booking of an association renamed since, that the user has left', () => {
	it('says on its line that it was an association’s, in words, and a private one does not', async () => {
		const [user, other] = await Promise.all([createUser(), createUser({ name: 'Anden Admin' })]);
		const uid = user.record.id;
		const system = await systemClient();
		const yard = await system.collection('associations').create({
			name: `Baggårdsklubben ${Date.now() % 100000}`,
			cvr: validCvrNumber(),
			verified: true
		});
		const own = await membership(yard.id, user, 'booker');
		await membership(yard.id, other, 'admin');
		const room = await makeRoom();
		// the user's booking and season booking for the association, and a private booking of their own
		await system.collection('bookings').create({
			room: room.id,
			booker: uid,
			association: yard.id,
			purpose: 'Klubaften',
			attendees: 5,
			...slot(someDay(), '10:00', '11:00')
		});
		await system.collection('bookings').create({
			room: room.id,
			booker: uid,
			purpose: 'Fødselsdag',
			attendees: 5,
			...slot(someDay(), '13:00', '14:00')
		});
		const period = springPeriod();
		await system.collection('booking_series').create({
			room: room.id,
			booker: uid,
			association: yard.id,
			purpose: 'Ugentlig klubaften',
			attendees: 4,
			first_date: `${period.first_date} 00:00:00.000Z`,
			last_date: `${period.last_date} 00:00:00.000Z`,
			start_time: '18:00',
			end_time: '20:00',
			status: 'active'
		});

		// the user leaves; the admin renames the association, which goes back to the house's verification
		await user.pb.send(`/api/borgerhus/memberships/${own.id}/leave`, { method: 'POST' });
		const renamed = `Hemmeligt Navn ${Date.now() % 100000}`;
		await other.pb.collection('associations').update(yard.id, { name: renamed });
		expect((await system.collection('associations').getOne(yard.id)).verified).toBe(false);

		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		expect(JSON.stringify(data)).not.toContain(renamed);
		expect(data.bookings).toContainEqual(
			expect.objectContaining({ purpose: 'Klubaften', association: '', for_association: true })
		);
		expect(data.bookings).toContainEqual(
			expect.objectContaining({ purpose: 'Fødselsdag', association: '', for_association: false })
		);
		expect(data.series).toEqual([
			expect.objectContaining({ purpose: 'Ugentlig klubaften', association: '', for_association: true })
		]);

		const hidden = 'En forening, der venter på husets godkendelse';
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await session.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, path).not.toContain(renamed);
			// the line of the list that names the purpose
			const line = (purpose: string) =>
				html.match(new RegExp(`<li[^>]*>(?:(?!</li>)[\\s\\S])*${purpose}(?:(?!</li>)[\\s\\S])*</li>`))?.[0];
			expect(line('Klubaften'), path).toContain(hidden);
			expect(line('Ugentlig klubaften'), path).toContain(hidden);
			expect(line('Fødselsdag'), path).not.toContain(hidden);
		}
	});
});

describe('times in Mine data', () => {
	it('are strict ISO 8601 in UTC throughout the file, and the page shows them in Copenhagen time as before', async () => {
		const s = await everything();
		const system = await systemClient();
		await system
			.collection('users')
			.update(s.user.record.id, { volunteer_terms_at: new Date().toISOString() });
		const { event, shift } = await arrangeEvent();
		const ticket = await s.user.pb
			.collection('registrations')
			.create({ event: event.id, user: s.user.record.id });
		await s.user.pb.collection('signups').create({ shift: shift.id, user: s.user.record.id });
		const { title } = await arrangeTitle({ copies: 1 });
		await placeHold(s.user.pb, title.id, s.user.record.id);

		const session = new AppSession();
		expect((await session.signIn(s.user.email, PASSWORD)).status).toBe(303);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		// every string of the file that starts as a date with a time of day, wherever it stands
		const times: string[] = [];
		const walk = (value: unknown, path: string): void => {
			if (typeof value === 'string') {
				if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) times.push(`${path}=${value}`);
			} else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
			else if (value && typeof value === 'object')
				for (const [key, v] of Object.entries(value)) walk(v, `${path}.${key}`);
		};
		walk(data, '$');
		expect(times.length).toBeGreaterThan(20);
		const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
		expect(times.filter((t) => !iso.test(t.slice(t.indexOf('=') + 1)))).toEqual([]);
		// an empty time stays empty
		expect(data.bookings[0].checked_in_at).toBe('');

		// the same instants as stored, and the page says them as it did
		const stored = await system.collection('registrations').getOne(ticket.id);
		const mine = data.registrations.find((r: { id: string }) => r.id === ticket.id);
		expect(Date.parse(mine.created)).toBe(Date.parse(stored.created.replace(' ', 'T')));
		expect(mine.start).toBe(event.start.replace(' ', 'T'));
		const user = await system.collection('users').getOne(s.user.record.id);
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await session.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, path).toContain(formatDateTime(user.volunteer_terms_at, 'da'));
			expect(html, path).toContain(formatDateTime(user.created, 'da'));
			expect(html, path).toContain(formatDateTime(event.start, 'da'));
		}
	});
});

describe('places in Mine data', () => {
	it('say when each was placed in line and which the house cancelled, in the file and on the page', async () => {
		const { event, shift } = await arrangeEvent();
		const [user, staff] = await Promise.all([createVolunteer(), createUser({ staff: true })]);
		const ticket = await user.pb
			.collection('registrations')
			.create({ event: event.id, user: user.record.id });
		const place = await user.pb.collection('signups').create({ shift: shift.id, user: user.record.id });
		// staff cancel the ticket; the person cancels the shift themselves
		await staff.pb.collection('registrations').update(ticket.id, { status: 'cancelled' });
		await user.pb.collection('signups').update(place.id, { status: 'cancelled' });
		const system = await systemClient();
		const stored = {
			ticket: await system.collection('registrations').getOne(ticket.id),
			place: await system.collection('signups').getOne(place.id)
		};
		expect(stored.ticket.cancelled_by_house).toBe(true);

		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		// in ISO 8601, as every time of the file
		const iso = (time: string) => time.replace(' ', 'T');
		expect(data.registrations).toMatchObject([
			{
				id: ticket.id,
				status: 'cancelled',
				placed_at: iso(stored.ticket.placed_at),
				cancelled_by_house: true
			}
		]);
		expect(data.signups).toMatchObject([
			{ id: place.id, status: 'cancelled', placed_at: iso(stored.place.placed_at), cancelled_by_house: false }
		]);
		expect(stored.ticket.placed_at).not.toBe('');
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await session.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html.split('Huset aflyste din plads').length - 1, path).toBe(1);
		}
	});
});

describe('a ticket in Mine data', () => {
	it('has its code, the one the door reads, in the file and on the page', async () => {
		const { event } = await arrangeEvent();
		const user = await createVolunteer();
		const ticket = await user.pb
			.collection('registrations')
			.create({ event: event.id, user: user.record.id });
		const code = (await (await systemClient()).collection('registrations').getOne(ticket.id))
			.ticket_code as string;
		expect(code).not.toBe('');

		const session = new AppSession();
		expect((await session.signIn(user.email, PASSWORD)).status).toBe(303);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		expect(data.registrations).toMatchObject([{ id: ticket.id, ticket_code: code }]);
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await session.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, path).toContain(`Billetkode: ${code}`);
		}
	});
});

describe('an invitation in Mine data', () => {
	it('names the address it was sent to while the house keeps it, and no longer lists it once the user has moved', async () => {
		const system = await systemClient();
		const [user, admin] = await Promise.all([createUser(), createUser({ name: 'Inviterende Ida' })]);
		const association = await system
			.collection('associations')
			.create({ name: `Bogklubben ${Date.now() % 100000}`, cvr: validCvrNumber(), verified: true });
		await membership(association.id, admin, 'admin');
		await admin.pb.send(`/api/borgerhus/associations/${association.id}/invitations`, {
			method: 'POST',
			body: { email: user.email, role: 'member' }
		});
		const [row] = await system
			.collection('memberships')
			.getFullList({ filter: system.filter('user = {:u}', { u: user.record.id }) });
		expect(row?.email).toBe(user.email.toLowerCase());

		const before = new AppSession();
		expect((await before.signIn(user.email, PASSWORD)).status).toBe(303);
		const data = await (await before.get('/mine-data/eksport.json')).json();
		expect(data.memberships).toEqual([
			expect.objectContaining({ status: 'invited', sent_to: user.email.toLowerCase() })
		]);
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = (await (await before.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, path).toContain(`Sendt til ${user.email.toLowerCase()}`);
		}
		// the user has a new address since: the open invitation went with the old one to its next holder
		// (docs/rules.md, "An address belongs to whoever holds it now"), and names it nowhere in the user's data
		const fresh = uniqueEmail('ny');
		await system.collection('users').update(user.record.id, { email: fresh });
		const after = new AppSession();
		expect((await after.signIn(fresh, PASSWORD)).status).toBe(303);
		const moved = await (await after.get('/mine-data/eksport.json')).json();
		expect(moved.memberships).toEqual([]);
		expect(JSON.stringify(moved)).not.toContain(user.email.toLowerCase());
	});
});

describe('messages in Mine data', () => {
	it('are shown in the language of the page, as the inbox shows them, and exported in both', async () => {
		const room = await makeRoom({ requires_approval: true });
		const user = await createUser();
		const system = await systemClient();
		await system.collection('users').update(user.record.id, { language: 'da' });
		await user.pb.collection('bookings').create({
			room: room.id,
			booker: user.record.id,
			purpose: 'Læsekreds',
			attendees: 3,
			...slot(someDay(), '10:00', '11:00')
		});
		const [receipt] = await system
			.collection('notifications')
			.getFullList<{ title: string; texts: Record<'da' | 'en', { title: string; body: string }> }>({
				filter: system.filter('user = {:u}', { u: user.record.id })
			});
		expect(receipt?.title).toBe(receipt?.texts.da.title);
		expect(receipt?.texts.en.title).not.toBe(receipt?.texts.da.title);
		// the reader has since switched to English
		await system.collection('users').update(user.record.id, { language: 'en' });
		const session = new AppSession();
		expect((await session.signIn(user.email, user.password)).status).toBe(303);
		const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		for (const page of ['/mine-data', '/mine-data/dokument']) {
			// the markup shown, not the page's data sent along for its scripts
			const html = (await (await session.get(page)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(html, page).toContain(escape(receipt!.texts.en.title));
			expect(html, page).not.toContain(escape(receipt!.texts.da.title));
		}
		const exported = (await (await session.get('/mine-data/eksport.json')).json()) as {
			notifications: { texts: unknown }[];
		};
		expect(exported.notifications[0]?.texts).toEqual(receipt!.texts);
	});
});

describe('a pickup in Mine data', () => {
	it('is told as it stands while the hold is ready, and as it was once the hold has ended', async () => {
		const { title, copies } = await arrangeTitle({ copies: 1 });
		const [user, staff] = await Promise.all([createUser(), createUser({ staff: true })]);
		const hold = await placeHold(user.pb, title.id, user.record.id);
		const shelf = (await checkIn(staff.pb, copies[0]!.barcode)).pickupShelf;
		const session = new AppSession();
		expect((await session.signIn(user.email, user.password)).status).toBe(303);
		const shown = async () =>
			(await (await session.get('/mine-data')).text()).replace(/<script[\s\S]*?<\/script>/g, '');
		const ready = await shown();
		expect(ready).toContain(`Klar til afhentning på hylde ${shelf}. Hent den senest`);
		await user.pb.collection('holds').update(hold.id, { status: 'cancelled' });
		const ended = await shown();
		expect(ended).toContain(`Lå på afhentningshylde: ${shelf}`);
		expect(ended).toContain('Skulle hentes senest');
		expect(ended).not.toContain('Hent den senest');
	});
});

describe('the invitations counted towards the hour’s limit', () => {
	it('are in Mine data, when each was sent, though no invitation row is left of one, and never to whom', async () => {
		const system = await systemClient();
		const [admin, member, other] = await Promise.all([
			createUser({ name: 'Inviterende Ida' }),
			createUser({ name: 'Medlem Mads' }),
			createUser({ name: 'Anden Admin' })
		]);
		const association = await system
			.collection('associations')
			.create({ name: `Læsekredsen ${Date.now() % 100000}`, cvr: validCvrNumber(), verified: true });
		for (const [user, role] of [
			[admin, 'admin'],
			[member, 'member'],
			[other, 'admin']
		] as const) {
			await system
				.collection('memberships')
				.create({ association: association.id, user: user.record.id, role, status: 'active' });
		}
		// a member's address (an invitation row to the admins, nothing changes for the member), and a
		// stranger's that another admin invited first (its row is theirs, but it counts)
		const stranger = uniqueEmail('invitee');
		await other.pb.send(`/api/borgerhus/associations/${association.id}/invitations`, {
			method: 'POST',
			body: { email: stranger, role: 'member' }
		});
		for (const email of [stranger, member.email]) {
			await admin.pb.send(`/api/borgerhus/associations/${association.id}/invitations`, {
				method: 'POST',
				body: { email, role: 'member' }
			});
		}
		const counted = await system
			.collection('invitations_sent')
			.getFullList({ filter: system.filter('inviter = {:u}', { u: admin.record.id }) });
		expect(counted.length).toBe(2);

		const session = new AppSession();
		await session.signIn(admin.email, PASSWORD);
		const data = await (await session.get('/mine-data/eksport.json')).json();
		expect(data.invitations_sent.length).toBe(1);
		expect(data.invitations_counted).toEqual([
			{ counted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) },
			{ counted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) }
		]);
		const text = JSON.stringify(data);
		for (const secret of [
			stranger,
			member.email,
			'Medlem Mads',
			...counted.map((r) => r.address as string)
		]) {
			expect(text).not.toContain(secret);
		}
		const page = (await (await session.get('/mine-data')).text()).replace(/<script[\s\S]*?<\/script>/g, '');
		expect(page).toContain('Invitationer talt med i timens grænse');
		expect(page).toMatch(/Invitationer talt med i timens grænse<\/dt>\s*<dd>2\D/);
	});
});

describe('copies, messages and check-ins in Mine data', () => {
	it('name the copy of each hold and loan, a message’s kind and link, and who checked in only in kind', async () => {
		const [user, staff, other] = await Promise.all([
			createUser({ name: 'Lise Låner' }),
			createUser({ staff: true, name: 'Dørvogter Dennis' }),
			createUser({ name: 'Anden Låner' })
		]);
		const system = await systemClient();
		await system.collection('users').update(user.record.id, { language: 'da' });
		// a hold given a copy, put on the pickup shelf at the desk (the message says so), and a loan
		const held = await arrangeTitle({ copies: 1, onShelf: 1 });
		await placeHold(user.pb, held.title.id, user.record.id);
		await checkIn(staff.pb, held.copies[0]!.barcode);
		const lent = await arrangeTitle({ copies: 1, onShelf: 1 });
		await staff.pb.collection('loans').create({ copy: lent.copies[0]!.id, patron: user.record.id });
		// another patron waits for the held title: nothing of theirs comes along
		await placeHold(other.pb, held.title.id, other.record.id);
		// a ticket checked in at the door by staff, a booking by staff and one by the user
		const { event } = await arrangeEvent({ start: doorOpen() });
		const ticket = await user.pb
			.collection('registrations')
			.create({ event: event.id, user: user.record.id });
		await staff.pb.send(`/api/borgerhus/registrations/${ticket.id}/check-in`, { method: 'POST' });
		const room = await checkinRoom();
		const byStaff = await bookingAt(user, room.id, 5, 60);
		const byUser = await bookingAt(user, room.id, 5 + 60, 60);
		await roomCheckIn(staff.pb, byStaff.id);
		await system
			.collection('bookings')
			.update(byUser.id, { checked_in_at: fromNow(-1), checked_in_by: user.record.id });

		const session = new AppSession();
		expect((await session.signIn(user.email, user.password)).status).toBe(303);
		const file = await (await session.get('/mine-data/eksport.json')).text();
		const data = JSON.parse(file);
		expect(data.holds).toEqual([expect.objectContaining({ barcode: held.copies[0]!.barcode })]);
		expect(data.loans).toEqual([expect.objectContaining({ barcode: lent.copies[0]!.barcode })]);
		expect(data.notifications).toContainEqual(
			expect.objectContaining({ kind: 'hold_ready', link: `/bibliotek/${held.title.id}` })
		);
		expect(data.registrations).toEqual([expect.objectContaining({ id: ticket.id, checked_in_by: 'staff' })]);
		const booking = (id: string) => data.bookings.find((b: { id: string }) => b.id === id);
		expect(booking(byStaff.id).checked_in_by).toBe('staff');
		expect(booking(byUser.id).checked_in_by).toBe('you');
		// who of the staff it was, and the other patron, stay out
		for (const text of [staff.record.id, 'Dørvogter', other.record.id, 'Anden Låner']) {
			expect(file).not.toContain(text);
		}

		const shown = async (s: AppSession, path: string) =>
			(await (await s.get(path)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = await shown(session, path);
			expect(html, path).toContain(`Eksemplarets stregkode: ${held.copies[0]!.barcode}`);
			expect(html, path).toContain(`Eksemplarets stregkode: ${lent.copies[0]!.barcode}`);
			expect(html, path).toContain('Beskedtype: hold_ready');
			expect(html, path).toContain(`Link: /bibliotek/${held.title.id}`);
			expect(html, path).toMatch(/Tjekket ind [^<]+ af personalet/);
			expect(html, path).toMatch(/Tjekket ind [^<]+ af dig/);
			expect(html, path).not.toContain('Dørvogter');
		}
		// and in English for an English reader
		await system.collection('users').update(user.record.id, { language: 'en' });
		const english = new AppSession();
		expect((await english.signIn(user.email, user.password)).status).toBe(303);
		for (const path of ['/mine-data', '/mine-data/dokument']) {
			const html = await shown(english, path);
			expect(html, path).toContain(`Barcode of the copy: ${lent.copies[0]!.barcode}`);
			expect(html, path).toContain('Message type: hold_ready');
			expect(html, path).toContain(`Link: /bibliotek/${held.title.id}`);
			expect(html, path).toMatch(/Checked in [^<]+ by the staff/);
			expect(html, path).toMatch(/Checked in [^<]+ by you/);
		}
	});
});

// The page shows what the export holds: every section of the file that holds something has its card on
// the page, a line per row where it lists rows. Derived from the file's own sections, so a section added
// to the export later fails here until the page shows it (src/lib/overview/my-data-sections.ts).
describe('every section of the export', () => {
	it('has its card on the Mine data page, with a line for each of its rows', async () => {
		const s = await everything();
		const uid = s.user.record.id;
		const staff = s.staff;
		// the library, a shift and a ticket too: a hold given a copy at the desk (its message), and a loan
		const held = await arrangeTitle({ copies: 1, onShelf: 1 });
		await placeHold(s.user.pb, held.title.id, uid);
		await checkIn(staff.pb, held.copies[0]!.barcode);
		const lent = await arrangeTitle({ copies: 1, onShelf: 1 });
		await staff.pb.collection('loans').create({ copy: lent.copies[0]!.id, patron: uid });
		const system = await systemClient();
		await system.collection('users').update(uid, { volunteer_terms_at: new Date().toISOString() });
		const { event, shift } = await arrangeEvent();
		await s.user.pb.collection('signups').create({ shift: shift.id, user: uid });
		await s.user.pb.collection('registrations').create({ event: event.id, user: uid });
		// a booking a fellow admin made for an association the user checked in, and an invitation sent this
		// hour (once staff have verified the association the user founded)
		const room = await checkinRoom({ who_may_book: 'associations' });
		await membership(s.adminOf.id, s.other, 'admin');
		const theirs = await bookingAt(s.other, room.id, 5, 60, { association: s.adminOf.id });
		await system.collection('bookings').update(theirs.id, { checked_in_at: fromNow(-1), checked_in_by: uid });
		await system.collection('associations').update(s.founded.id, { verified: true });
		await s.user.pb.send(`/api/borgerhus/associations/${s.founded.id}/invitations`, {
			method: 'POST',
			body: { email: uniqueEmail('inviteret'), role: 'member' }
		});

		const session = new AppSession();
		expect((await session.signIn(s.user.email, PASSWORD)).status).toBe(303);
		const data = (await (await session.get('/mine-data/eksport.json')).json()) as Record<string, unknown>;
		const html = (await (await session.get('/mine-data')).text())
			.replace(/<script[\s\S]*?<\/script>/g, '')
			.replace(/<!--[\s\S]*?-->/g, '');
		const cards: Record<string, string> = CARD_OF_SECTION;
		const filled = (value: unknown): boolean =>
			Array.isArray(value)
				? value.length > 0
				: value !== null && typeof value === 'object'
					? Object.values(value).some(filled)
					: Boolean(value);
		const shown: string[] = [];
		for (const [section, value] of Object.entries(data)) {
			if (section === 'exported_at' || !filled(value)) continue;
			expect(Object.keys(cards), `the page has no card for the export's "${section}"`).toContain(section);
			const card = cards[section]!;
			const shownCard = html.match(
				new RegExp(`<section[^>]*aria-labelledby="data-${card}"[\\s\\S]*?</section>`)
			)?.[0];
			expect(shownCard, `the page has no card data-${card} for "${section}"`).toBeTypeOf('string');
			expect(shownCard, `the card data-${card} of "${section}"`).toMatch(
				new RegExp(`<h2[^>]*id="data-${card}"[^>]*>[^<]+</h2>`)
			);
			if (Array.isArray(value) && card !== 'account') {
				// a line for each row, and the count in the heading
				expect(shownCard, section).toMatch(
					new RegExp(`<h2[^>]*id="data-${card}"[^>]*>[^<]*\\(${value.length}\\)</h2>`)
				);
				expect(shownCard!.match(/<li[\s>]/g)?.length ?? 0, section).toBe(value.length);
			}
			shown.push(section);
		}
		// the arranged user has data in every section, so this checks the page, not an empty file
		expect(shown.sort()).toEqual(Object.keys(cards).sort());
	});
});
