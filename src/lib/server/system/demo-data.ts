import PocketBase from 'pocketbase';
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { loadDemoSeason } from './demo-season';
import { HOUSE_TIME_ZONE, parsePbDate, toPbDate } from '../../dates';
import { demoClock, type DemoClock } from './demo-clock';
import { demoTitles } from './demo-titles';
import { dateDemoHistory } from './demo-history';

/** Password of every demo account; printed by `npm start`. */
export const DEMO_PASSWORD = 'borgerhus-demo';

export const DEMO_ACCOUNTS = {
	citizen: { email: 'borger@demo.borgerhus.dk', name: 'Mette Borger', staff: false },
	associationAdmin: { email: 'forening@demo.borgerhus.dk', name: 'Lars Formand', staff: false },
	volunteer: { email: 'frivillig@demo.borgerhus.dk', name: 'Sofie Frivillig', staff: false },
	staff: { email: 'personale@demo.borgerhus.dk', name: 'Karen Personale', staff: true }
} as const;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const openingHours = (open: string, close: string, weekendClose = close) =>
	Object.fromEntries(WEEKDAYS.map((d) => [d, [[open, d === 'sat' || d === 'sun' ? weekendClose : close]]]));

const ROOMS = [
	{
		slug: 'salen',
		name: 'Salen',
		description: 'Husets store sal med scene, lyd og lys. Til koncerter, generalforsamlinger og fester.',
		description_en:
			"The house's large hall with stage, sound and light. For concerts, general meetings and parties.",
		capacity: 180,
		facilities: ['Scene', 'Lydanlæg', 'Projektor', 'Borde og stole'],
		colour: '#8a3b2e',
		who_may_book: 'associations',
		requires_approval: true,
		opening_hours: openingHours('08:00', '23:00'),
		max_minutes: 480
	},
	{
		slug: 'moedelokale-1',
		name: 'Mødelokale 1',
		description: 'Lyst mødelokale med udsigt over torvet. Godt til bestyrelsesmøder.',
		description_en: 'Bright meeting room overlooking the square. Good for board meetings.',
		capacity: 14,
		facilities: ['Skærm', 'Whiteboard', 'Kaffemaskine'],
		colour: '#1f4e5f',
		who_may_book: 'associations',
		requires_approval: false,
		opening_hours: openingHours('07:00', '22:00'),
		max_minutes: 240
	},
	{
		slug: 'moedelokale-2',
		name: 'Mødelokale 2',
		description: 'Mindre mødelokale til arbejdsgrupper og samtaler.',
		description_en: 'Smaller meeting room for working groups and conversations.',
		capacity: 8,
		facilities: ['Skærm', 'Whiteboard'],
		colour: '#2f6b4f',
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: openingHours('07:00', '22:00'),
		max_minutes: 180,
		// a fair share: a citizen holds at most four bookings ahead here at a time
		max_upcoming: 4
	},
	{
		slug: 'vaerkstedet',
		name: 'Værkstedet',
		description: 'Værksted med arbejdsborde, symaskiner og værktøj til kreative foreninger.',
		description_en: 'Workshop with workbenches, sewing machines and tools for creative associations.',
		capacity: 20,
		facilities: ['Arbejdsborde', 'Symaskiner', 'Håndværktøj', 'Vask'],
		colour: '#a0651a',
		who_may_book: 'associations',
		requires_approval: true,
		opening_hours: openingHours('09:00', '21:00', '17:00'),
		max_minutes: 360
	},
	{
		slug: 'musiklokalet',
		name: 'Musiklokalet',
		description: 'Lydisoleret lokale med klaver og nodestativer. Til kor og sammenspil.',
		description_en: 'Soundproofed room with a piano and music stands. For choirs and ensembles.',
		capacity: 40,
		facilities: ['Flygel', 'Nodestativer', 'Lydisolering'],
		colour: '#5b3f8c',
		who_may_book: 'associations',
		requires_approval: true,
		opening_hours: openingHours('10:00', '22:00'),
		max_minutes: 240
	},
	{
		slug: 'studierummet',
		name: 'Studierummet',
		description: 'Stille rum i biblioteket til lektier, læsegrupper og små møder.',
		// no English version: an English page shows the Danish description, marked as Danish
		description_en: '',
		capacity: 6,
		facilities: ['Stikkontakter', 'Whiteboard'],
		colour: '#3c6e8f',
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: openingHours('08:00', '20:00', '16:00'),
		max_minutes: 180,
		// a fair share: a citizen holds at most four bookings ahead here at a time
		max_upcoming: 4
	},
	{
		slug: 'atelieret',
		name: 'Atelieret',
		description: 'Nyt lokale med vask og godt lys til maling, ler og værksteder for børn.',
		description_en: 'A new room with a sink and good light for painting, clay and workshops for children.',
		capacity: 12,
		facilities: ['Vask', 'Staffelier', 'Lange borde'],
		colour: '#6b5b95',
		who_may_book: 'citizens',
		requires_approval: true,
		opening_hours: openingHours('09:00', '21:00'),
		max_minutes: 240,
		// just made: staff take it into use when its rules are set (the staff rooms page marks it)
		active: false
	}
] as const;

/** A simple, recognisable illustration of a room: its colour, a table, chairs and its name. */
function roomIllustration(name: string, colour: string): Blob {
	const chairs = Array.from(
		{ length: 6 },
		(_, i) => `<rect x="${230 + i * 60}" y="250" width="36" height="36" rx="6" fill="#fbf8f3" opacity=".9"/>`
	).join('');
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450" width="800" height="450">
<rect width="800" height="450" fill="${colour}"/>
<rect x="0" y="330" width="800" height="120" fill="#000" opacity=".18"/>
<rect x="90" y="60" width="180" height="150" rx="8" fill="#fbf8f3" opacity=".25"/>
<rect x="530" y="60" width="180" height="150" rx="8" fill="#fbf8f3" opacity=".25"/>
<rect x="200" y="200" width="400" height="40" rx="10" fill="#fbf8f3"/>${chairs}
<text x="400" y="405" font-family="Arial, sans-serif" font-size="44" font-weight="700" fill="#fff" text-anchor="middle">${name}</text>
</svg>`;
	return new Blob([svg], { type: 'image/svg+xml' });
}

async function firstOrNull(pb: PocketBase, collection: string, filter: string) {
	try {
		return await pb.collection(collection).getFirstListItem(filter);
	} catch {
		return null;
	}
}

/**
 * Loads a house that looks real: rooms, associations, 200 titles with copies, upcoming events with
 * shifts and the demo accounts. Idempotent: each part is keyed (email, slug, CVR, barcode, title) and
 * skipped when it exists. Its dates are laid out from `now` (demo-clock.ts), at daytime hours whatever
 * the hour it is loaded at.
 */
export async function loadDemoData(
	pb: PocketBase,
	options: { now?: Date } = {}
): Promise<Record<string, number>> {
	const clock = demoClock(options.now);
	const { houseTime } = clock;
	const created = { users: 0, rooms: 0, associations: 0, titles: 0, events: 0, entries: 0 };

	const users: Record<keyof typeof DEMO_ACCOUNTS, string> = {
		citizen: '',
		associationAdmin: '',
		volunteer: '',
		staff: ''
	};
	for (const [key, account] of Object.entries(DEMO_ACCOUNTS) as [
		keyof typeof DEMO_ACCOUNTS,
		(typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]
	][]) {
		const existing = await firstOrNull(pb, 'users', pb.filter('email = {:email}', { email: account.email }));
		if (existing) {
			users[key] = existing.id;
			continue;
		}
		const record = await pb.collection('users').create({
			email: account.email,
			name: account.name,
			password: DEMO_PASSWORD,
			passwordConfirm: DEMO_PASSWORD,
			verified: true,
			staff: account.staff,
			language: 'da',
			notify_email: true,
			notify_reminders: true,
			phone: '20 30 40 50',
			volunteer_terms_at: key === 'volunteer' ? toPbDate(clock.now) : ''
		});
		users[key] = record.id;
		created.users++;
	}

	const roomIds: Record<string, string> = {};
	for (const [index, room] of ROOMS.entries()) {
		const existing = await firstOrNull(pb, 'rooms', pb.filter('slug = {:slug}', { slug: room.slug }));
		if (existing) {
			roomIds[room.slug] = existing.id;
			continue;
		}
		const form = new FormData();
		const fields: Record<string, string | number | boolean> = {
			slug: room.slug,
			name: room.name,
			description: room.description,
			description_en: room.description_en,
			capacity: room.capacity,
			step_free: index !== 3,
			hearing_loop: room.capacity >= 40,
			accessible_toilet: index !== 5,
			accessibility_notes:
				index === 3 ? 'Et trin på 12 cm ved indgangen; rampe kan lånes i receptionen.' : '',
			who_may_book: room.who_may_book,
			requires_approval: room.requires_approval,
			min_minutes: 30,
			max_minutes: room.max_minutes,
			step_minutes: 30,
			buffer_minutes: room.capacity >= 40 ? 30 : 15,
			horizon_days: 180,
			max_upcoming: 'max_upcoming' in room ? room.max_upcoming : 0,
			cancel_hours: 48,
			active: 'active' in room ? room.active : true,
			sort: index
		};
		for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
		form.append('facilities', JSON.stringify(room.facilities));
		form.append('opening_hours', JSON.stringify(room.opening_hours));
		form.append('photos', roomIllustration(room.name, room.colour), `${room.slug}.svg`);
		const record = await pb.collection('rooms').create(form);
		roomIds[room.slug] = record.id;
		created.rooms++;
	}

	const associations = [
		{
			name: 'Nørreby Boldklub',
			cvr: '29403473',
			contact_name: 'Lars Formand',
			description: 'Fodbold for børn og voksne siden 1921.'
		},
		{
			name: 'Grundejerforeningen Søhøj',
			cvr: '31541735',
			contact_name: 'Hanne Kasserer',
			description: 'Forening for de 140 huse ved Søhøj.'
		},
		{
			name: 'Koret Tonefald',
			cvr: '38241850',
			contact_name: 'Peter Dirigent',
			description: 'Blandet kor, der øver hver tirsdag.'
		},
		// founded by the demo citizen and waiting for staff to verify it (the staff association list)
		{
			name: 'Strikkeklubben Masken',
			cvr: '41234563',
			contact_name: 'Mette Borger',
			description: 'Vi strikker, hækler og drikker kaffe hver anden torsdag.',
			founder: 'citizen' as const
		}
	];
	for (const [index, association] of associations.entries()) {
		const existing = await firstOrNull(
			pb,
			'associations',
			pb.filter('cvr = {:cvr}', { cvr: association.cvr })
		);
		if (existing) continue;
		const { founder, ...fields } = { founder: undefined, ...association };
		const record = await pb.collection('associations').create({
			...fields,
			contact_email: `kontakt${index + 1}@forening.demo.borgerhus.dk`,
			contact_phone: '70 10 20 3' + index,
			verified: !founder,
			verified_at: founder ? '' : toPbDate(clock.now),
			created_by: founder ? users[founder] : users.associationAdmin
		});
		await pb.collection('memberships').create({
			association: record.id,
			user: founder ? users[founder] : users.associationAdmin,
			// Koret Tonefald has a booker but no admin (as when its last admin deleted their account): only
			// staff manage it, and their association list shows it under "Uden administrator"
			role: index <= 1 || founder ? 'admin' : 'booker'
		});
		created.associations++;
	}

	const titleCount = await pb.collection('titles').getList(1, 1, { fields: 'id' });
	if (titleCount.totalItems === 0) {
		for (const [index, title] of demoTitles().entries()) {
			const record = await pb.collection('titles').create(title);
			const copies = title.type === 'thing' ? 1 : 1 + (index % 3);
			for (let c = 0; c < copies; c++) {
				await pb.collection('copies').create({
					title: record.id,
					barcode: `BH${String(index + 1).padStart(5, '0')}-${c + 1}`,
					shelf:
						title.type === 'thing'
							? 'Udlån af ting'
							: `${title.type === 'book' ? 'Voksen' : 'Medier'} ${String.fromCharCode(65 + (index % 8))}`,
					status: 'shelf'
				});
			}
			created.titles++;
		}
	}

	const events = [
		{
			title: 'Julekoncert med Koret Tonefald',
			category: 'concert',
			room: 'salen',
			days: 12,
			hour: 19,
			hours: 2,
			capacity: 150,
			description:
				'Koret Tonefald synger julen ind med danske og engelske julesange. Gratis adgang, men tilmelding.',
			title_en: 'Christmas concert with the choir Tonefald',
			description_en:
				'The choir Tonefald sings in Christmas with Danish and English carols. Free entry, but registration.',
			shifts: [
				['Billetkontrol ved døren', 18, 2, 3],
				['Kaffe og kage i pausen', 18, 3, 4],
				['Oprydning', 21, 1, 4]
			]
		},
		{
			title: 'Foredrag: Klimatilpasning i Nørreby',
			category: 'talk',
			room: 'moedelokale-1',
			days: 5,
			hour: 17,
			hours: 2,
			capacity: 14,
			description: 'Kommunens klimakoordinator fortæller om regnvandsbede, skybrud og hvad du selv kan gøre.',
			title_en: 'Talk: Climate adaptation in Nørreby',
			description_en:
				"The municipality's climate coordinator talks about rain gardens, cloudbursts and what you can do yourself.",
			shifts: [['Opstilling og kaffe', 16, 1, 2]]
		},
		{
			title: 'Loppemarked i Salen',
			category: 'market',
			room: 'salen',
			days: 19,
			hour: 10,
			hours: 5,
			capacity: 0,
			description: 'Køb og sælg brugte ting. Stadepladser kan bookes i receptionen.',
			// no English version: an English page shows the Danish text, marked as Danish
			title_en: '',
			description_en: '',
			shifts: [
				['Opstilling af borde', 8, 2, 6],
				['Café', 10, 3, 4],
				['Café', 13, 2, 4],
				['Nedtagning', 15, 2, 6]
			]
		},
		{
			title: 'Børneteater: Rasmus Klump på eventyr',
			category: 'children',
			room: 'salen',
			days: 26,
			hour: 10,
			hours: 1,
			capacity: 120,
			description: 'Dukketeater for børn fra 3 år. Varighed ca. 45 minutter.',
			title_en: "Children's theatre: Rasmus Klump's adventure",
			description_en: 'Puppet theatre for children from 3 years. About 45 minutes.',
			shifts: [['Værter ved indgangen', 9, 2, 3]]
		},
		{
			title: 'Syværksted: Reparér dit tøj',
			category: 'workshop',
			room: 'vaerkstedet',
			days: 8,
			hour: 13,
			hours: 3,
			capacity: 16,
			description: 'Frivillige syere hjælper dig med at lappe, sy knapper i og lægge op.',
			title_en: 'Sewing workshop: Mend your clothes',
			description_en: 'Volunteer tailors help you patch, sew on buttons and take up hems.',
			shifts: [['Syhjælper', 13, 3, 4]]
		}
	] as const;
	// a closure on the concert day, so the staff calendar shows bookings, events and closures together
	const closure = 'Gulvet i Salen lakeres';
	if (!(await firstOrNull(pb, 'closures', pb.filter('reason = {:r}', { r: closure })))) {
		await pb.collection('closures').create({
			room: roomIds['salen'],
			start: houseTime(12, 8),
			end: houseTime(12, 12),
			reason: closure
		});
	}
	for (const event of events) {
		const existing = await firstOrNull(pb, 'events', pb.filter('title = {:title}', { title: event.title }));
		if (existing) continue;
		const record = await pb.collection('events').create({
			title: event.title,
			title_en: event.title_en,
			description: event.description,
			description_en: event.description_en,
			category: event.category,
			room: roomIds[event.room],
			start: houseTime(event.days, event.hour),
			end: houseTime(event.days, event.hour + event.hours),
			state: 'published',
			registration: event.capacity > 0,
			capacity: event.capacity,
			created_by: users.staff
		});
		for (const [task, hour, hours, places] of event.shifts) {
			await pb.collection('shifts').create({
				event: record.id,
				task,
				start: houseTime(event.days, hour),
				end: houseTime(event.days, hour + hours),
				places,
				description: `${task} til ${event.title}.`,
				requirements: ''
			});
		}
		created.events++;
	}
	created.entries = await loadDemoEntries(pb, users, roomIds, clock);
	created.entries += await loadDemoCheckin(pb, users, roomIds, clock);
	created.entries += await loadDeskDemo(pb, users, roomIds, clock);
	created.entries += await loadScreenDemo(pb, users, roomIds, clock);
	created.entries += await loadDemoLoans(pb, users, clock);
	created.entries += await loadPastEvents(pb, users, clock);
	created.entries += await loadRoomHistory(pb, users, roomIds, clock);
	created.entries += await loadDemoSeason(pb, users, roomIds, clock.now);
	// last: its messages and audit lines dated to what they are about, on the load that made the demo
	if (created.users > 0) await dateDemoHistory(pb, users, clock);
	return created;
}

/**
 * Check-in and no-shows (docs/rules.md, "Check-in and no-shows"): the meeting rooms and the study room
 * require check-in (since last spring, so their history counts); Grundejerforeningen Søhøj has reached
 * the house rule this season and has a season booking staff may withdraw, Nørreby Boldklub is one short of
 * it; some past bookings were checked in. While the house is open the citizen's booking in Mødelokale 2
 * starts a few minutes after the seed, so "Vi er her" shows at once (and if nobody taps it, the job
 * releases it live); loaded at night, it is at 09:00 the next morning (demo-clock.ts). Søhøj's meeting at
 * 08:00 earlier today (loaded before 09:00, the day before) was released by the job as a no-show.
 * Skipped when the rooms already require check-in.
 */
async function loadDemoCheckin(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	roomIds: Record<string, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	const rooms = ['moedelokale-1', 'moedelokale-2', 'studierummet'];
	const grace = 15;
	const first = await pb.collection('rooms').getOne(roomIds['moedelokale-2']!);
	if (first.checkin_required) return 0;
	for (const slug of rooms) {
		await pb.collection('rooms').update(roomIds[slug]!, {
			checkin_required: true,
			checkin_opens_minutes: 15,
			checkin_grace_minutes: grace,
			// the system dates the requirement back, so the history below is the room's own
			checkin_since: houseTime(-200, 0)
		});
	}
	const named = async (name: string) =>
		pb.collection('associations').getFirstListItem(pb.filter('name = {:name}', { name }));
	const [club, owners] = await Promise.all([named('Nørreby Boldklub'), named('Grundejerforeningen Søhøj')]);
	let count = 0;
	const booking = async (fields: Record<string, unknown>) => {
		await pb.collection('bookings').create({ attendees: 6, purpose: 'Møde', ...fields });
		count++;
	};
	const past = (days: number, hour: number, hours = 2) => ({
		start: houseTime(days, hour),
		end: houseTime(days, hour + hours)
	});
	// history: no-shows released by the job, and bookings that were checked in
	const noShows: [string, number, string][] = [
		[owners.id, -6, 'moedelokale-1'],
		[owners.id, -13, 'moedelokale-1'],
		[owners.id, -27, 'moedelokale-1'],
		[club.id, -9, 'moedelokale-1'],
		[club.id, -23, 'moedelokale-1']
	];
	for (const [association, days, room] of noShows) {
		const slot = past(days, 17);
		await booking({
			room: roomIds[room],
			booker: users.associationAdmin,
			association,
			...slot,
			status: 'no_show',
			released_at: toPbDate(new Date(new Date(slot.start.replace(' ', 'T')).getTime() + 15 * 60_000))
		});
	}
	await booking({
		room: roomIds['studierummet'],
		booker: users.citizen,
		purpose: 'Læsegruppe',
		...past(-11, 15),
		status: 'no_show',
		released_at: houseTime(-11, 15, 15)
	});
	for (const days of [-2, -16, -30]) {
		await booking({
			room: roomIds['moedelokale-1'],
			booker: users.associationAdmin,
			association: club.id,
			purpose: 'Træningsplanlægning',
			...past(days, 10),
			status: 'approved',
			checked_in_at: houseTime(days, 9, 55),
			checked_in_by: users.associationAdmin
		});
	}
	// Søhøj's season booking: staff may withdraw the rest of it on the staff rooms page
	const weeks = [4, 11, 18, 25];
	const series = await pb.collection('booking_series').create({
		room: roomIds['moedelokale-1'],
		booker: users.associationAdmin,
		association: owners.id,
		purpose: 'Bestyrelsesmøde',
		attendees: 6,
		// the house's date of each day (its midnight is the day before in UTC; its noon is the same day)
		first_date: houseTime(weeks[0]!, 12).slice(0, 10) + ' 00:00:00.000Z',
		last_date: houseTime(weeks[weeks.length - 1]!, 12).slice(0, 10) + ' 00:00:00.000Z',
		start_time: '16:00',
		end_time: '17:30',
		status: 'active'
	});
	for (const days of weeks) {
		await booking({
			room: roomIds['moedelokale-1'],
			booker: users.associationAdmin,
			association: owners.id,
			series: series.id,
			purpose: 'Bestyrelsesmøde',
			start: houseTime(days, 16),
			end: houseTime(days, 17, 30),
			status: 'approved'
		});
	}
	// now, while the house is open: the citizen's check-in is open, the club's meeting is under way and
	// checked in; at night the citizen checks in the next morning and the club's meeting ended in the
	// afternoon (demo-clock.ts)
	await booking({
		room: roomIds['moedelokale-2'],
		booker: users.citizen,
		purpose: 'Møde i læsegruppen',
		attendees: 4,
		...clock.checkinBooking,
		status: 'approved'
	});
	await booking({
		room: roomIds['studierummet'],
		booker: users.associationAdmin,
		association: club.id,
		purpose: 'Holdmøde',
		start: clock.meeting.start,
		end: clock.meeting.end,
		status: 'approved',
		checked_in_at: clock.meeting.checkedIn,
		checked_in_by: users.associationAdmin
	});
	// Søhøj's morning meeting earlier today (loaded before 09:00: the day before) that nobody checked in
	// to, released by the release job itself as at the end of its grace period (pb_hooks/lib/rooms/
	// attendance.js): the no-show, its released_at, the booker's notice and the house rule's warning
	await booking({
		room: roomIds['moedelokale-1'],
		booker: users.associationAdmin,
		association: owners.id,
		purpose: 'Arbejdsgruppe om vejfest',
		start: clock.noShow.start,
		end: clock.noShow.end,
		status: 'approved'
	});
	await pb.send('/api/borgerhus/rooms/release/run', {
		method: 'POST',
		body: {
			room: roomIds['moedelokale-1'],
			now: parsePbDate(clock.noShow.start).getTime() + grace * 60_000
		}
	});
	return count;
}

/**
 * Service at the desk: the citizen gets a library card number and entries staff made for them at the
 * desk (one later cancelled there, for the history), and a desk account without email has a room booked
 * and a title reserved. Made by the demo staff member through the desk itself (the citizen named in the
 * desk header), so the audit log and Mit overblik show them as any desk act. Skipped when the desk
 * account exists.
 */
async function loadDeskDemo(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	roomIds: Record<string, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	const DESK_CARD = '5500200001';
	if (await firstOrNull(pb, 'users', pb.filter('library_card = {:c}', { c: DESK_CARD }))) return 0;
	await pb.collection('users').update(users.citizen, { library_card: '5500100001' });
	const staff = new PocketBase(pb.baseURL);
	staff.autoCancellation(false);
	await staff.collection('users').authWithPassword(DEMO_ACCOUNTS.staff.email, DEMO_PASSWORD);
	const forCitizen = (id: string, reason?: string) => ({
		headers: {
			'X-Borgerhus-For': id,
			...(reason ? { 'X-Borgerhus-Override': encodeURIComponent(reason) } : {})
		}
	});
	let count = 0;
	const titles = await pb.collection('titles').getList(1, 6, { sort: 'created,id', fields: 'id' });
	const room = roomIds['moedelokale-2'];

	// the citizen: a booking and a hold made at the desk, and a booking the desk cancelled again
	await staff.collection('bookings').create(
		{
			room,
			booker: users.citizen,
			purpose: 'Hjælp til digital post',
			attendees: 2,
			start: houseTime(8, 14),
			end: houseTime(8, 15)
		},
		forCitizen(users.citizen)
	);
	const cancelled = await staff.collection('bookings').create(
		{
			room,
			booker: users.citizen,
			purpose: 'Slægtsforskning',
			attendees: 2,
			start: houseTime(12, 10),
			end: houseTime(12, 12)
		},
		forCitizen(users.citizen)
	);
	await staff
		.collection('bookings')
		.update(cancelled.id, { status: 'cancelled', cancelled_by: users.citizen }, forCitizen(users.citizen));
	count += 2;
	if (titles.items[2]) {
		await staff
			.collection('holds')
			.create({ title: titles.items[2].id, patron: users.citizen }, forCitizen(users.citizen));
		count++;
	}

	// a desk account: name and library card number, no email; a room booked and a title reserved
	const account = await staff.send<{ id: string }>('/api/borgerhus/desk/accounts', {
		method: 'POST',
		body: { name: 'Aage Skrankekonto', phone: '33 44 55 66', library_card: DESK_CARD }
	});
	await staff.collection('bookings').create(
		{
			room,
			booker: account.id,
			purpose: 'Møde med sagsbehandler',
			attendees: 2,
			start: houseTime(6, 10),
			end: houseTime(6, 11)
		},
		forCitizen(account.id)
	);
	if (titles.items[3]) {
		await staff
			.collection('holds')
			.create({ title: titles.items[3].id, patron: account.id }, forCitizen(account.id));
	}
	staff.authStore.clear();
	return count + 2;
}

/**
 * Gives the demo accounts something to see in Mit overblik: the association's bookings, the citizen's
 * own booking, a hold in the queue, one ready for pickup and one being fetched to the pickup shelf, a registration, and the volunteer's shifts.
 * Written as the system account through the same hooks as everything else (queue, capacity, busy
 * intervals). Each part is skipped when its account already has one of its kind.
 */
async function loadDemoEntries(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	roomIds: Record<string, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	let count = 0;
	const has = async (collection: string, field: string, user: string) =>
		(await firstOrNull(pb, collection, pb.filter(`${field} = {:u}`, { u: user }))) !== null;
	const club = await pb
		.collection('associations')
		.getFirstListItem(pb.filter('name = {:name}', { name: 'Nørreby Boldklub' }));
	const booking = (fields: Record<string, unknown>) =>
		pb
			.collection('bookings')
			.create({ attendees: 8, ...fields })
			.then(() => count++);
	const bookings = (await has('bookings', 'booker', users.associationAdmin))
		? []
		: ([
				[3, 'approved'],
				[10, 'approved'],
				[17, 'approved'],
				[24, 'pending']
			] as const);
	for (const [days, status] of bookings)
		await booking({
			room: roomIds['moedelokale-1'],
			booker: users.associationAdmin,
			association: club.id,
			purpose: 'Bestyrelsesmøde',
			start: houseTime(days, 19),
			end: houseTime(days, 21),
			status
		});
	if (!(await has('bookings', 'booker', users.citizen)))
		await booking({
			room: roomIds['studierummet'],
			booker: users.citizen,
			purpose: 'Læsegruppe',
			attendees: 4,
			start: houseTime(5, 16),
			end: houseTime(5, 18),
			status: 'pending'
		});

	// the first title has one copy: the volunteer's hold takes it, so the citizen waits as number 1
	const titles = await pb.collection('titles').getList(1, 2, { sort: 'created,id', fields: 'id' });
	const [single, shared] = titles.items;
	const hold = async (title: string, patron: string) => {
		const filter = pb.filter('title = {:t} && patron = {:p}', { t: title, p: patron });
		if (await firstOrNull(pb, 'holds', filter)) return;
		await pb.collection('holds').create({ title, patron });
		count++;
	};
	if (single && shared) {
		await hold(single.id, users.volunteer);
		await hold(single.id, users.citizen);
		await hold(shared.id, users.citizen);
		// both took a copy from the open stacks: the desk puts the volunteer's on the pickup shelf (the deadline
		// starts, the volunteer is told); the citizen's stays on the desk's list "Til afhentningshylden"
		const fetching = await firstOrNull(
			pb,
			'holds',
			pb.filter('title = {:t} && patron = {:p} && status = "ready" && pickup_deadline = ""', {
				t: single.id,
				p: users.volunteer
			})
		);
		if (fetching) {
			const copy = await pb.collection('copies').getOne(String(fetching.copy));
			const staff = new PocketBase(pb.baseURL);
			staff.autoCancellation(false);
			await staff.collection('users').authWithPassword(DEMO_ACCOUNTS.staff.email, DEMO_PASSWORD);
			await staff.send('/api/library/checkin', { method: 'POST', body: { code: copy.barcode } });
			staff.authStore.clear();
		}
	}
	// a pickup the volunteer gave up with nobody else waiting: its copy still lies on the pickup shelf, on
	// the desk's list "Til hylderne igen"
	const givenUp = (await pb.collection('titles').getList(21, 1, { sort: 'created,id', fields: 'id' }))
		.items[0];
	const gaveUp = givenUp
		? await firstOrNull(
				pb,
				'holds',
				pb.filter('title = {:t} && patron = {:p}', { t: givenUp.id, p: users.volunteer })
			)
		: null;
	if (givenUp && !gaveUp) {
		const held = await pb.collection('holds').create({ title: givenUp.id, patron: users.volunteer });
		const copy = await pb.collection('copies').getOne(String(held.copy));
		const staff = new PocketBase(pb.baseURL);
		staff.autoCancellation(false);
		await staff.collection('users').authWithPassword(DEMO_ACCOUNTS.staff.email, DEMO_PASSWORD);
		await staff.send('/api/library/checkin', { method: 'POST', body: { code: copy.barcode } });
		staff.authStore.clear();
		await pb.collection('holds').update(held.id, { status: 'cancelled' });
		// the message that it was ready came before the volunteer gave it up: read by then
		const ready = await pb.collection('notifications').getFullList({
			filter: pb.filter('user = {:u} && kind = "hold_ready" && link = {:link}', {
				u: users.volunteer,
				link: `/bibliotek/${givenUp.id}`
			}),
			fields: 'id'
		});
		for (const notice of ready)
			await pb.collection('notifications').update(notice.id, { read_at: toPbDate(clock.now) });
		count++;
	}

	const events = await pb.collection('events').getFullList({ sort: 'start', fields: 'id,registration' });
	const open = events.find((e) => e.registration);
	if (open && !(await has('registrations', 'user', users.citizen))) {
		await pb.collection('registrations').create({ event: open.id, user: users.citizen });
		count++;
	}
	await pb.collection('users').update(users.volunteer, { volunteer_terms_at: toPbDate(clock.now) });
	const shifts = await pb.collection('shifts').getFullList({ sort: 'start', fields: 'id,event' });
	const firstPerEvent = shifts.filter((s, i) => shifts.findIndex((t) => t.event === s.event) === i);
	const signedUp = await has('signups', 'user', users.volunteer);
	for (const shift of signedUp ? [] : firstPerEvent.slice(0, 2)) {
		await pb.collection('signups').create({ shift: shift.id, user: users.volunteer });
		count++;
	}
	return count;
}

/**
 * Loans, so the library's lending shows: the citizen has a book at home and returned one last month, and
 * the volunteer's loan is five days overdue (the desk's list of overdue loans, the staff hub's count), and
 * one of the citizen's was written off as lost 12 days ago (its copy missing).
 * Copies from the shelf of titles the demo's holds leave alone, lent as the system account with their dates
 * in the past, as a data load does. Skipped once any loan exists.
 */
async function loadDemoLoans(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	if ((await pb.collection('loans').getList(1, 1, { fields: 'id' })).items.length > 0) return 0;
	const held = (await pb.collection('titles').getList(1, 4, { sort: 'created,id', fields: 'id' })).items.map(
		(t) => t.id
	);
	const shelf = (
		await pb
			.collection('copies')
			.getList(1, 40, { filter: 'status = "shelf"', sort: 'created,id', fields: 'id,title' })
	).items.filter(
		(copy, i, all) => !held.includes(copy.title) && all.findIndex((c) => c.title === copy.title) === i
	);
	const day = (days: number) => houseTime(days, 12);
	const loans = [
		{ patron: users.citizen, start: day(-9), due: day(19) },
		{ patron: users.volunteer, start: day(-33), due: day(-5) },
		{ patron: users.citizen, start: day(-60), due: day(-32), returned_at: day(-40) },
		// written off as lost at the desk: the copy never came back and is missing from the shelf
		{ patron: users.citizen, start: day(-50), due: day(-22), returned_at: day(-12), lost: true }
	];
	let count = 0;
	for (const [i, loan] of loans.entries()) {
		const copy = shelf[i];
		if (!copy) break;
		await pb.collection('loans').create({ copy: copy.id, ...loan });
		if ('lost' in loan) await pb.collection('copies').update(copy.id, { status: 'missing' });
		count++;
	}
	return count;
}

/**
 * History for the statistics: three past events, two of the last weeks and one of the autumn (in the foyer and the courtyard: no room, so they
 * meet no booking of the rooms' history) with their volunteers (volunteer hours) and attendees, some checked in at the door and some not (no-shows), and a few citizens besides the demo
 * accounts who came. Made as they would have been (registrations and sign-ups while the event was ahead,
 * check-ins at the door), then moved to their dates in the past. Skipped once loaded.
 */
async function loadPastEvents(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	const past = [
		{
			title: 'Forfatteraften: Nørrebys historie',
			description: 'Lokalhistorikeren fortæller om byen fra 1850 til i dag. Kaffe og kage i pausen.',
			category: 'talk',
			days: -12,
			from: 19,
			to: 21,
			shift: ['Kaffe og kage', 2] as const,
			guests: 6,
			checkedIn: 4
		},
		{
			title: 'Familieworkshop: Byg et fuglehus',
			description: 'Børn og voksne bygger fuglehuse sammen. Værktøj og materialer er der.',
			category: 'workshop',
			days: -5,
			from: 10,
			to: 13,
			shift: ['Værkstedshjælper', 2] as const,
			guests: 5,
			checkedIn: 3
		},
		{
			// older than the staff list's current events: found under "Vis tidligere arrangementer"
			title: 'Høstkoncert i gården',
			description: 'Byens kor og spillemandsorkester spiller i gården. Tag et tæppe med.',
			category: 'concert',
			days: -48,
			from: 15,
			to: 17,
			shift: ['Billetkontrol', 2] as const,
			guests: 6,
			checkedIn: 5
		}
	];
	if (await firstOrNull(pb, 'events', pb.filter('title = {:title}', { title: past[0]!.title }))) return 0;
	// citizens who came to the house's events (no one signs in as them)
	const guests: string[] = [];
	for (let i = 1; i <= 6; i++) {
		const email = `gaest${i}@demo.borgerhus.dk`;
		const existing = await firstOrNull(pb, 'users', pb.filter('email = {:email}', { email }));
		const password = `gaest-${crypto.randomUUID()}`;
		guests.push(
			existing?.id ??
				(
					await pb.collection('users').create({
						email,
						name: ['Inger Holm', 'Jens Bach', 'Mona Friis', 'Per Lund', 'Sara Krogh', 'Ole Dam'][i - 1],
						password,
						passwordConfirm: password,
						verified: true,
						language: 'da',
						// the last of them volunteers
						volunteer_terms_at: i === 6 ? toPbDate(clock.now) : ''
					})
				).id
		);
	}
	let count = 0;
	for (const event of past) {
		// made while still ahead, as people signed up for it then
		const ahead = await pb.collection('events').create({
			title: event.title,
			description: event.description,
			category: event.category,
			start: houseTime(60, event.from),
			end: houseTime(60, event.to),
			state: 'published',
			registration: true,
			capacity: 30,
			created_by: users.staff
		});
		const shift = await pb.collection('shifts').create({
			event: ahead.id,
			task: event.shift[0],
			start: houseTime(60, event.from - 1),
			end: houseTime(60, event.to),
			places: event.shift[1]
		});
		for (const volunteer of [users.volunteer, guests[5]!]) {
			await pb.collection('signups').create({ shift: shift.id, user: volunteer });
			count++;
		}
		const attendees = [users.citizen, ...guests.slice(0, event.guests - 1)];
		for (const [i, user] of attendees.entries()) {
			const registration = await pb.collection('registrations').create({ event: ahead.id, user });
			if (i < event.checkedIn) {
				await pb
					.collection('registrations')
					.update(registration.id, { checked_in_at: houseTime(event.days, event.from, 5 + i) });
			}
			count++;
		}
		await pb.collection('shifts').update(shift.id, {
			start: houseTime(event.days, event.from - 1),
			end: houseTime(event.days, event.to)
		});
		await pb.collection('events').update(ahead.id, {
			start: houseTime(event.days, event.from),
			end: houseTime(event.days, event.to)
		});
		// Moving it into the past told its volunteers and guests that it moved: news nobody lived, so the
		// inboxes do not keep it.
		const moved = await pb.collection('notifications').getFullList({
			filter: pb.filter('link = {:link} && (kind = "events_moved" || kind = "events_shift_moved")', {
				link: `/arrangementer/${ahead.id}`
			}),
			fields: 'id'
		});
		for (const notice of moved) await pb.collection('notifications').delete(notice.id);
		count++;
	}
	return count;
}

/**
 * The rooms' last eight weeks, for the statistics, the staff calendar and the rooms' pages: a house in use
 * (between two seasons too), not three meetings a month. Weekly association times (the choir's rehearsal,
 * the club's indoor training), a repair café and the guests' own bookings of Salen, Musiklokalet and
 * Værkstedet, rooms without check-in, at hours clear of the other parts of the demo; every day before
 * today, so nothing here is ahead of anyone. Skipped once loaded.
 */
async function loadRoomHistory(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	roomIds: Record<string, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	const choir = 'Korprøve';
	if (await firstOrNull(pb, 'bookings', pb.filter('purpose = {:p}', { p: choir }))) return 0;
	const named = async (name: string) =>
		(await pb.collection('associations').getFirstListItem(pb.filter('name = {:name}', { name }))).id;
	const [club, kor] = [await named('Nørreby Boldklub'), await named('Koret Tonefald')];
	const guests: string[] = [];
	for (let i = 1; i <= 5; i++) {
		const guest = await firstOrNull(
			pb,
			'users',
			pb.filter('email = {:e}', { e: `gaest${i}@demo.borgerhus.dk` })
		);
		if (guest) guests.push(guest.id);
	}
	if (guests.length < 5) return 0;
	type Entry = { room: string; from: number; to: number; purpose: string; attendees: number } & (
		{ association: string } | { guest: number }
	);
	// by weekday, Monday first; `every` 2: every other week
	const week: Record<number, (Entry & { every?: number })[]> = {
		1: [
			{
				room: 'salen',
				from: 18,
				to: 20,
				purpose: 'Indendørs træning, U12',
				attendees: 16,
				association: club
			},
			{ room: 'vaerkstedet', from: 10, to: 12, purpose: 'Reparationscafé', attendees: 8, guest: 0 }
		],
		2: [
			{ room: 'musiklokalet', from: 19, to: 21, purpose: choir, attendees: 24, association: kor },
			{ room: 'salen', from: 10, to: 12, purpose: 'Seniorgymnastik', attendees: 20, guest: 1 }
		],
		3: [
			{ room: 'vaerkstedet', from: 13, to: 16, purpose: 'Symaskinerne', attendees: 6, guest: 2 },
			{ room: 'musiklokalet', from: 16, to: 18, purpose: 'Øvetime, band', attendees: 4, guest: 3 },
			{
				room: 'salen',
				from: 19,
				to: 21,
				purpose: 'Generalforsamling',
				attendees: 40,
				association: club,
				every: 2
			}
		],
		4: [
			{
				room: 'salen',
				from: 17,
				to: 19,
				purpose: 'Indendørs træning, U10',
				attendees: 14,
				association: club
			},
			{ room: 'musiklokalet', from: 10, to: 12, purpose: 'Babysalmesang', attendees: 12, guest: 4 }
		],
		5: [{ room: 'vaerkstedet', from: 9, to: 12, purpose: 'Reparationscafé', attendees: 8, guest: 0 }],
		6: [{ room: 'salen', from: 12, to: 16, purpose: 'Fødselsdag', attendees: 30, guest: 1, every: 2 }],
		0: []
	};
	const today = new TZDate(clock.now.getTime(), HOUSE_TIME_ZONE);
	// the days of each weekly time, oldest first
	const daysOf = new Map<Entry & { every?: number }, number[]>();
	for (let days = -56; days <= -1; days++) {
		for (const entry of week[addDays(today, days).getDay()] ?? []) {
			if (entry.every === 2 && Math.floor(-days / 7) % 2 === 1) continue;
			daysOf.set(entry, [...(daysOf.get(entry) ?? []), days]);
		}
	}
	let count = 0;
	for (const [entry, days] of daysOf) {
		// an association's weekly time is a season booking, one series (Mine bookinger shows it as one card);
		// a guest's returning bookings are each their own
		const dateOf = (day: number) => houseTime(day, 12).slice(0, 10);
		const every = entry.every ?? 1;
		const series =
			'association' in entry
				? await pb.collection('booking_series').create({
						room: roomIds[entry.room],
						booker: users.associationAdmin,
						association: entry.association,
						purpose: entry.purpose,
						attendees: entry.attendees,
						rrule:
							`DTSTART:${dateOf(days[0]!).replaceAll('-', '')}T000000Z\n` +
							`RRULE:FREQ=WEEKLY;INTERVAL=${every};UNTIL=${dateOf(days[days.length - 1]!).replaceAll('-', '')}T235900Z`,
						first_date: dateOf(days[0]!) + ' 00:00:00.000Z',
						last_date: dateOf(days[days.length - 1]!) + ' 00:00:00.000Z',
						start_time: `${String(entry.from).padStart(2, '0')}:00`,
						end_time: `${String(entry.to).padStart(2, '0')}:00`,
						status: 'active',
						show_publicly: true
					})
				: null;
		for (const day of days) {
			const holder =
				'association' in entry
					? {
							booker: users.associationAdmin,
							association: entry.association,
							show_publicly: true,
							series: series!.id
						}
					: { booker: guests[entry.guest] };
			await pb.collection('bookings').create({
				room: roomIds[entry.room],
				...holder,
				purpose: entry.purpose,
				attendees: entry.attendees,
				start: houseTime(day, entry.from),
				end: houseTime(day, entry.to),
				status: 'approved'
			});
			count++;
		}
	}
	return count;
}

/**
 * Today in the house, for the lobby screen (/skaerm) and the door signs (/lokaler/{slug}/skilt): two
 * events today (from this hour, between 10:00 and 15:00; loaded after 20:00, the next day), the association's booking shown by name (checked in once its hour has begun, so the release job leaves it), a citizen's private one (shown as
 * "Optaget"), and an association booking the day after tomorrow, inside its cancellation deadline, so that
 * cancelling a period on "Mine bookinger" shows a booking that cannot be cancelled. Skipped once loaded.
 */
async function loadScreenDemo(
	pb: PocketBase,
	users: Record<keyof typeof DEMO_ACCOUNTS, string>,
	roomIds: Record<string, string>,
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	const first = 'Strikkecafé i Musiklokalet';
	if (await firstOrNull(pb, 'events', pb.filter('title = {:title}', { title: first }))) return 0;
	const club = await pb
		.collection('associations')
		.getFirstListItem(pb.filter('name = {:name}', { name: 'Nørreby Boldklub' }));
	const at = clock.screenAt;
	const event = (title: string, room: string, from: number, to: number, description: string) =>
		pb.collection('events').create({
			title,
			description,
			category: title.startsWith('Strik') ? 'workshop' : 'concert',
			room: roomIds[room],
			start: at(from),
			end: at(to),
			state: 'published',
			registration: false,
			capacity: 0,
			created_by: users.staff
		});
	await event(first, 'musiklokalet', 0, 2, 'Tag dit strikketøj med. Kaffe og gode råd på pindene.');
	await event('Fællessang i Salen', 'salen', 3, 5, 'Vi synger fra Højskolesangbogen. Alle kan være med.');
	// under way when the screen's hour has begun: the team came and checked in a few minutes after the start
	// (the room requires check-in, and the release job would free a meeting nobody checked in to)
	const teamStart = parsePbDate(at(0)).getTime();
	const begun = teamStart <= clock.now.getTime();
	await pb.collection('bookings').create({
		room: roomIds['moedelokale-1'],
		booker: users.associationAdmin,
		association: club.id,
		show_publicly: true,
		purpose: 'Holdmøde for U12',
		attendees: 10,
		start: at(0),
		end: at(2),
		status: 'approved',
		...(begun
			? {
					checked_in_at: toPbDate(new Date(Math.min(teamStart + 4 * 60_000, clock.now.getTime()))),
					checked_in_by: users.associationAdmin
				}
			: {})
	});
	// in Studierummet from the third whole hour on: clear of the check-in demo's bookings around now. The
	// screen's day begins at 15:00 at the latest, so loaded after 18:00 this one has begun too: the group
	// came and checked in, or the release job would free it at once and the citizen's inbox would open
	// with "Din booking er frigivet"
	const groupStart = parsePbDate(at(3)).getTime();
	await pb.collection('bookings').create({
		room: roomIds['studierummet'],
		booker: users.citizen,
		purpose: 'Læsegruppe om Karen Blixen',
		attendees: 5,
		start: at(3),
		end: at(5),
		status: 'approved',
		...(groupStart <= clock.now.getTime()
			? {
					checked_in_at: toPbDate(new Date(Math.min(groupStart + 3 * 60_000, clock.now.getTime()))),
					checked_in_by: users.citizen
				}
			: {})
	});
	await pb.collection('bookings').create({
		room: roomIds['moedelokale-1'],
		booker: users.associationAdmin,
		association: club.id,
		purpose: 'Trænermøde',
		attendees: 6,
		start: houseTime(1, 17),
		end: houseTime(1, 18),
		status: 'approved'
	});
	return 5;
}
