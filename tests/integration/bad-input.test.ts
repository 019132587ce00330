// Rule 6 (docs/rules.md, "Mit overblik, account and bad input"): bad input gets a clear, coded refusal
// and changes nothing, on every collection a client or staff member can write and every custom route.
// Property-based: fast-check generates hostile values for each field from its kind (wrong types, huge
// and blank text, control characters, impossible and zone-less times, years 0001 and 9999, unknown and
// malformed ids, negative and fractional numbers, nested objects), sends them with the actor's own
// token straight to PocketBase, and checks: never a 5xx; a refusal is 400, 403 or 404, a 400 carries
// codes from the registry (pb_hooks/lib/core/codes.js) or PocketBase's own `validation_*`; and the row
// (update) or the collection's count (create), read with system rights, is the same afterwards.
//
// The collections, their fields and a valid base record are data (TARGETS, ROUTES); one loop runs them.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import codes from '$rules/core/codes.js';
import { createUser, guestClient, randomIp, type TestUser } from '../helpers/pocketbase';
import { arrange, inHours } from './overview-arrange';
import { stack } from '../helpers/stack';

/** Runs per property: enough to meet every kind of hostile value, bounded so the file stays fast. */
const RUNS = 25;

// ------------------------------------------------------------------------------------- the context

interface Ctx {
	system: PocketBase;
	citizen: TestUser;
	staff: TestUser;
	other: TestUser;
	room: string;
	/** A room of its own for the rooms properties, so the others' room is never touched. */
	spareRoom: string;
	association: string;
	membership: string;
	closure: string;
	series: string;
	booking: string;
	title: string;
	freeTitle: string;
	copy: string;
	/** A copy on the shelf that nobody waits for, to lend. */
	shelfCopy: string;
	hold: string;
	loan: string;
	event: string;
	freeEvent: string;
	shift: string;
	freeShift: string;
	signup: string;
	registration: string;
	notification: string;
	slot: { start: string; end: string };
}

const uid = () => Math.random().toString(36).slice(2, 10);
/** A PocketBase date `days` from now at 10:00 UTC (inside the test rooms' opening hours). */
function day(days: number, hour = 10): string {
	const d = new Date(Date.now() + days * 86_400_000);
	d.setUTCHours(hour, 0, 0, 0);
	return d.toISOString().replace('T', ' ');
}

let ctx: Ctx;

beforeAll(async () => {
	const a = await arrange();
	const system = a.system;
	const [citizen, staff, other] = await Promise.all([
		createUser({ name: 'Hanne Hostil' }),
		createUser({ staff: true, name: 'Per Personale' }),
		createUser({ name: 'Anden Borger' })
	]);
	await system.collection('users').update(citizen.record.id, { volunteer_terms_at: inHours(-24) });
	const room = await system.collection('rooms').create({
		name: `Testlokale ${uid()}`,
		slug: `bad-${uid()}`,
		capacity: 40,
		active: true,
		who_may_book: 'citizens',
		horizon_days: 1000,
		opening_hours: Object.fromEntries(
			['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '23:59']]])
		)
	});
	const spareRoom = await a.room();
	const association = await a.association([citizen.record.id]);
	const membership = await system
		.collection('memberships')
		.getFirstListItem(
			system.filter('association = {:a} && user = {:u}', { a: association.id, u: citizen.record.id })
		);
	const closure = await system
		.collection('closures')
		.create({ room: room.id, start: day(600), end: day(600, 12), reason: 'Maling' });
	const series = await system.collection('booking_series').create({
		room: room.id,
		booker: citizen.record.id,
		purpose: 'Kor',
		attendees: 5,
		rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=1',
		first_date: day(500),
		last_date: day(500),
		start_time: '10:00',
		end_time: '11:00'
	});
	const booking = await a.booking({
		booker: citizen.record.id,
		room: room.id,
		start: day(300),
		end: day(300, 11),
		status: 'pending'
	});
	const title = await a.title();
	const freeTitle = await a.title();
	// a title with a copy (one takes no hold without) that is missing, so a hold on it waits and takes none
	await system
		.collection('copies')
		.create({ title: freeTitle.id, barcode: `BAD-${uid()}`, shelf: 'A1', status: 'missing' });
	const copy = await a.copy(title.id);
	const shelfCopy = await a.copy((await a.title()).id);
	const hold = await a.hold({ patron: citizen.record.id, title: title.id });
	const loanTitle = await a.title();
	const loan = await a.loan({ patron: citizen.record.id, title: loanTitle.id, due: inHours(24 * 14) });
	const event = await system.collection('events').create({
		title: `Koncert ${uid()}`,
		category: 'concert',
		start: day(200, 18),
		end: day(200, 21),
		state: 'published',
		registration: true,
		capacity: 10
	});
	const freeEvent = await system.collection('events').create({
		title: `Foredrag ${uid()}`,
		category: 'talk',
		start: day(210, 18),
		end: day(210, 20),
		state: 'published',
		registration: true,
		capacity: 10
	});
	const shift = await system
		.collection('shifts')
		.create({ event: event.id, task: 'Bar', start: day(200, 17), end: day(200, 19), places: 3 });
	const freeShift = await system
		.collection('shifts')
		.create({ event: event.id, task: 'Garderobe', start: day(200, 20), end: day(200, 22), places: 3 });
	const signup = await system.collection('signups').create({ shift: shift.id, user: citizen.record.id });
	const registration = await system
		.collection('registrations')
		.create({ event: event.id, user: citizen.record.id });
	const notification = await system
		.collection('notifications')
		.create({ user: citizen.record.id, kind: 'test', title: 'Hej', body: 'Besked' });
	ctx = {
		system,
		citizen,
		staff,
		other,
		room: room.id,
		spareRoom: spareRoom.id,
		association: association.id,
		membership: membership.id,
		closure: closure.id,
		series: series.id,
		booking: booking.id,
		title: title.id,
		freeTitle: freeTitle.id,
		copy: copy.id,
		shelfCopy: shelfCopy.id,
		hold: hold.id,
		loan: loan.id,
		event: event.id,
		freeEvent: freeEvent.id,
		shift: shift.id,
		freeShift: freeShift.id,
		signup: signup.id,
		registration: registration.id,
		notification: notification.id,
		slot: { start: day(320), end: day(320, 11) }
	};
});

// ------------------------------------------------------------------------ hostile values by kind

const nested = fc.oneof(
	fc.constant({ $gt: '' }),
	fc.constant({ a: { b: { c: [1, { d: null }] } } }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 })
);
/** Values of the wrong JSON type for anything that expects a string. */
const notString = fc.oneof(
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.boolean(),
	fc.constant([]),
	fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }),
	nested
);
const HOSTILE_CHARS = [
	'\u0000',
	'\u0007',
	'\u001b',
	'\u007f',
	'\u009b',
	'\u200b',
	'\u202e',
	'\u2066',
	'\u2062',
	'\u034f',
	'\u3164',
	'\ufffd'
];
const withHostileChar = fc
	.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_CHARS), fc.string({ maxLength: 20 }))
	.map(([a, c, b]) => `Navn${a}${c}${b}`);
const blank = fc.constantFrom(' ', '   ', '\t', '\n \n', '\u00a0', '\u3000', '\u2028', '\ufeff ');
const unicodeWord = fc
	.string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
	.filter((s) => s.trim() !== '');

function tooLong(max: number) {
	return unicodeWord.map((w) => 'x' + w.repeat(Math.ceil(max / Math.max(1, [...w].length)) + 1));
}

const text = (max: number) => fc.oneof(notString, withHostileChar, blank, tooLong(max));
// a name or title on more than one line (lib/input.js ONE_LINE_FIELDS)
const withLineBreak = fc
	.tuple(
		fc.string({ maxLength: 20 }),
		fc.constantFrom('\n', '\r\n', '\r', '\u2029'),
		fc.string({ maxLength: 20 })
	)
	.map(([a, c, b]) => `Navn${a}${c}Bcc: x${b}`);
const line = (max: number) => fc.oneof(text(max), withLineBreak);
const email = fc.oneof(
	notString,
	withHostileChar,
	fc.constantFrom('ikke en adresse', 'a@', '@b.dk', 'a b@c.dk')
);
const bool = fc.oneof(
	fc.constantFrom('ja', 'yes', 'TRUE', 'sand', '2', 'null', '[]'),
	fc.integer({ min: 2 }),
	fc.integer({ max: -1 }),
	fc.constant(0.5),
	fc.constant([]),
	nested
);
function number(o: { min: number; max: number; int?: boolean }) {
	const bad = [
		fc.constantFrom('abc', '1e3', ' 5', '0x10', 'NaN', 'Infinity', '5 personer', '', '--1'),
		fc.boolean(),
		fc.constant([]),
		nested,
		fc.integer({ min: o.max + 1, max: o.max + 1e9 }),
		fc.constantFrom(1e308, -1e308, o.min - 1),
		fc.integer({ min: -1e9, max: o.min - 1 })
	];
	if (o.int)
		bad.push(
			fc.double({ min: o.min + 0.01, max: o.max - 0.01, noNaN: true }).filter((n) => !Number.isInteger(n))
		);
	return fc.oneof(...bad);
}
const date = fc.oneof(
	notString,
	// zone-less, including a local time that does not exist in Copenhagen (the spring-forward hour)
	fc.constantFrom(
		'2026-05-01 10:00:00',
		'2026-05-01T10:00',
		'2026-03-29 02:30:00',
		'2026-10-25 02:30:00.000'
	),
	// impossible
	fc.constantFrom(
		'2026-02-30 10:00:00.000Z',
		'2026-13-01 10:00:00.000Z',
		'2026-04-31T10:00:00Z',
		'2026-05-01 24:00:00.000Z',
		'2026-05-01 10:60:00.000Z',
		'2026-00-10 10:00:00.000Z'
	),
	// out of range
	fc.constantFrom('0001-01-01 00:00:00.000Z', '9999-12-31 23:59:59.999Z', '1899-12-31 23:00:00.000Z'),
	fc
		.integer({ min: 1, max: 9998 })
		.filter((y) => y < 2000 || y > 2100)
		.map((y) => `${String(y).padStart(4, '0')}-06-01 10:00:00.000Z`),
	// not dates at all, and spaces that must not pass for an empty (cleared) date
	fc.constantFrom('i morgen', 'tomorrow', 'null', '2026', '10:00', 'now'),
	blank,
	fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}/.test(s))
);
const unknownId = fc.stringMatching(/^[a-z0-9]{15}$/).map((s) => 'zz' + s.slice(2));
const malformedId = fc.oneof(
	fc.constantFrom('../../etc/passwd', 'a', "'; DROP TABLE bookings; --", '🙂🙂🙂', 'ABCDEFGHIJKLMNO', ' '),
	// text that PocketBase's own filling of filter placeholders would read as one (docs/rules.md, "The door")
	fc.constantFrom('{:a}', '{:u}', '{:s}', '{:id}', '{:user}', '{:l}'),
	// a character the filter language cannot write
	fc.constantFrom('a\u0000b', '\u0000'),
	fc.string({ minLength: 16, maxLength: 600 }),
	fc.string({ minLength: 1, maxLength: 14 }).filter((s) => s.trim() !== '')
);
const relation = fc.oneof(notString, unknownId, malformedId);
function select(values: string[]) {
	return fc.oneof(
		notString,
		fc.string({ maxLength: 20 }).filter((s) => s !== '' && !values.includes(s)),
		fc.constantFrom(...values).map((v) => v.toUpperCase()),
		fc.constantFrom(...values).map((v) => ` ${v}`),
		fc.constant(values.slice(0, 2))
	);
}
/** Opening hours and similar structured JSON that makes no sense. */
const openingHours = fc.oneof(
	fc.constantFrom(
		'08:00-16:00',
		42,
		[],
		{ mon: 'hele dagen' },
		{ mon: [['25:00', '26:00']] },
		{ mon: [['8', '16']] },
		{ funday: [['08:00', '16:00']] },
		{ mon: [[['08:00']]] },
		{ mon: [{ from: '08:00', to: '16:00' }] }
	)
);
const stringList = fc.constantFrom('wifi', 42, { a: 1 }, [1, 2], [{ a: 1 }], [['x']], ['\u0000'], [' ']);
/** Valid instants, for pairs of times that are fine alone but reversed or equal. */
const reversedRange = fc.integer({ min: 30, max: 600 }).chain((d) =>
	fc.integer({ min: 0, max: 600 }).map((minutes) => ({
		start: day(d, 12),
		end: new Date(Date.parse(day(d, 12).replace(' ', 'T')) - minutes * 60_000).toISOString().replace('T', ' ')
	}))
);

// -------------------------------------------------------------------------- the collections

type Actor = 'citizen' | 'staff';
type Op = 'create' | 'update';
interface Target {
	collection: string;
	op: Op;
	actor: Actor;
	/** The valid record a hostile value is put into (create), or {} (update). */
	base: (c: Ctx) => Record<string, unknown>;
	/** The row an update is sent to. */
	id?: (c: Ctx) => string;
	fields: Record<string, fc.Arbitrary<unknown>>;
	/** Pairs of fields that must end after they start. */
	ranges?: [string, string][];
	/**
	 * The records API is closed to the actor for this collection and operation (the area's own routes
	 * write it): even the valid base is refused, and nothing is stored.
	 */
	closed?: true;
}

const USER_FIELDS = {
	name: line(120),
	phone: line(30),
	language: select(['da', 'en']),
	notify_email: bool,
	notify_reminders: bool,
	volunteer_terms_at: date,
	skills: text(500),
	emailVisibility: bool
};
const ASSOCIATION_FIELDS = {
	name: line(160),
	cvr: text(20),
	contact_name: line(120),
	contact_email: email,
	contact_phone: line(30),
	description: text(2000)
};
const ROOM_FIELDS = {
	name: line(120),
	slug: fc.oneof(text(80), fc.constantFrom('Stor Sal', 'sal/1', 'æøå', '../x')),
	description: text(5000),
	capacity: number({ min: 1, max: 100000, int: true }),
	facilities: stringList,
	step_free: bool,
	accessibility_notes: text(2000),
	who_may_book: select(['associations', 'citizens']),
	requires_approval: bool,
	opening_hours: openingHours,
	min_minutes: number({ min: 0, max: 10080, int: true }),
	max_minutes: number({ min: 0, max: 10080, int: true }),
	step_minutes: number({ min: 0, max: 1440, int: true }),
	buffer_minutes: number({ min: 0, max: 1440, int: true }),
	horizon_days: number({ min: 0, max: 1100, int: true }),
	cancel_hours: number({ min: 0, max: 8760, int: true }),
	active: bool,
	sort: fc.oneof(
		notString.filter((v) => typeof v !== 'number'),
		fc.constantFrom('abc', 1e308)
	)
};
const CLOSURE_FIELDS = { room: relation, start: date, end: date, reason: text(500) };
const HHMM = fc.oneof(
	notString,
	fc.constantFrom('24:00', '10:60', '9:00', '10.00', '', '02:30:00', 'kl. 10')
);
const SERIES_FIELDS = {
	room: relation,
	association: relation,
	purpose: line(200),
	attendees: number({ min: 1, max: 100000, int: true }),
	rrule: fc.oneof(
		text(500),
		fc.constantFrom('FREQ=SECONDLY', 'FREQ=WEEKLY;COUNT=-1', 'RRULE:', 'FREQ=DAILY;UNTIL=99991231')
	),
	first_date: date,
	last_date: date,
	start_time: HHMM,
	end_time: HHMM
};
const BOOKING_FIELDS = {
	room: relation,
	association: relation,
	purpose: line(200),
	attendees: number({ min: 1, max: 100000, int: true }),
	start: date,
	end: date
};
const TITLE_FIELDS = {
	title: line(300),
	creator: line(300),
	year: number({ min: -5000, max: 3000, int: true }),
	language: text(20),
	type: select(['book', 'audiobook', 'film', 'game', 'magazine', 'thing']),
	identifier: line(64),
	subjects: text(2000),
	description: text(5000)
};
const COPY_FIELDS = {
	title: relation,
	barcode: line(64),
	shelf: line(50),
	status: select(['shelf', 'loan', 'reserved', 'missing'])
};
const LOAN_FIELDS = {
	copy: relation,
	patron: relation,
	title: relation,
	start: date,
	due: date,
	returned_at: date
};
const EVENT_FIELDS = {
	title: line(200),
	description: text(10000),
	category: select(['concert', 'talk', 'market', 'workshop', 'children', 'other']),
	start: date,
	end: date,
	room: relation,
	state: select(['draft', 'published', 'cancelled']),
	registration: bool,
	capacity: number({ min: 0, max: 100000, int: true })
};
const SHIFT_FIELDS = {
	event: relation,
	task: line(200),
	start: date,
	end: date,
	places: number({ min: 1, max: 10000, int: true }),
	description: text(2000),
	requirements: text(1000)
};
const PLACE_STATUS = select(['confirmed', 'waitlisted', 'cancelled']);

const TARGETS: Target[] = [
	{
		collection: 'users',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.citizen.record.id,
		fields: USER_FIELDS
	},
	{
		collection: 'associations',
		op: 'create',
		actor: 'citizen',
		base: (c) => ({ name: 'Nyt Kor', cvr: '12345674', created_by: c.citizen.record.id }),
		fields: ASSOCIATION_FIELDS
	},
	{
		collection: 'associations',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.association,
		fields: ASSOCIATION_FIELDS
	},
	{
		collection: 'associations',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.association,
		fields: ASSOCIATION_FIELDS
	},
	// memberships change only through invitations and their named transitions (the routes below)
	...(['citizen', 'staff'] as const).flatMap((actor): Target[] => [
		{
			collection: 'memberships',
			op: 'create',
			actor,
			base: (c) => ({ association: c.association, user: c.other.record.id, role: 'member' }),
			fields: { association: relation, user: relation, role: select(['admin', 'booker', 'member']) },
			closed: true
		},
		{
			collection: 'memberships',
			op: 'update',
			actor,
			base: () => ({ role: 'booker' }),
			id: (c) => c.membership,
			fields: { role: select(['admin', 'booker', 'member']), status: select(['active', 'invited']) },
			closed: true
		}
	]),
	{
		collection: 'rooms',
		op: 'create',
		actor: 'staff',
		base: () => ({
			name: 'Nyt lokale',
			slug: `nyt-${uid()}`,
			capacity: 10,
			active: true,
			who_may_book: 'citizens'
		}),
		fields: ROOM_FIELDS
	},
	{
		collection: 'rooms',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.spareRoom,
		fields: ROOM_FIELDS
	},
	{
		collection: 'closures',
		op: 'create',
		actor: 'staff',
		base: (c) => ({ room: c.room, start: day(700), end: day(700, 12), reason: 'Rengøring' }),
		fields: CLOSURE_FIELDS,
		ranges: [['start', 'end']]
	},
	{
		collection: 'closures',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.closure,
		fields: CLOSURE_FIELDS,
		ranges: [['start', 'end']]
	},
	// season bookings are written only by their routes (POST /api/borgerhus/series and its transitions)
	...(['citizen', 'staff'] as const).flatMap((actor): Target[] => [
		{
			collection: 'booking_series',
			op: 'create',
			actor,
			base: (c) => ({
				room: c.room,
				booker: c.citizen.record.id,
				purpose: 'Strikkeklub',
				attendees: 4,
				rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=2',
				first_date: day(540),
				last_date: day(547),
				start_time: '14:00',
				end_time: '15:00'
			}),
			fields: SERIES_FIELDS,
			closed: true
		},
		{
			collection: 'booking_series',
			op: 'update',
			actor,
			base: () => ({ purpose: 'Nyt formål' }),
			id: (c) => c.series,
			fields: { ...SERIES_FIELDS, status: select(['active', 'cancelled']) },
			closed: true
		}
	]),
	{
		collection: 'bookings',
		op: 'create',
		actor: 'citizen',
		base: (c) => ({ room: c.room, booker: c.citizen.record.id, attendees: 4, purpose: 'Møde', ...c.slot }),
		fields: BOOKING_FIELDS,
		ranges: [['start', 'end']]
	},
	{
		collection: 'bookings',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.booking,
		fields: { ...BOOKING_FIELDS, cancel_reason: text(1000) },
		ranges: [['start', 'end']]
	},
	{
		collection: 'bookings',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.booking,
		fields: {
			...BOOKING_FIELDS,
			status: select(['pending', 'approved', 'rejected', 'cancelled']),
			reason: text(1000),
			cancel_reason: text(1000)
		},
		ranges: [['start', 'end']]
	},
	{
		collection: 'titles',
		op: 'create',
		actor: 'staff',
		base: () => ({ title: 'Ny bog', type: 'book' }),
		fields: TITLE_FIELDS
	},
	{
		collection: 'titles',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.title,
		fields: TITLE_FIELDS
	},
	{
		collection: 'copies',
		op: 'create',
		actor: 'staff',
		// a title nobody waits for: a new copy of a waited-for title goes to the first in the queue
		base: (c) => ({ title: c.freeTitle, barcode: `bad-${uid()}`, shelf: 'A1', status: 'shelf' }),
		fields: COPY_FIELDS
	},
	{
		collection: 'copies',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.copy,
		fields: COPY_FIELDS
	},
	{
		collection: 'holds',
		op: 'create',
		actor: 'citizen',
		base: (c) => ({ title: c.freeTitle, patron: c.citizen.record.id }),
		fields: {
			title: relation,
			patron: relation,
			status: select(['waiting', 'paused', 'ready', 'collected', 'expired', 'cancelled'])
		}
	},
	{
		collection: 'holds',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.hold,
		fields: { status: select(['waiting', 'paused', 'ready', 'collected', 'expired', 'cancelled']) }
	},
	{
		collection: 'loans',
		op: 'create',
		actor: 'staff',
		// the server stamps the title and the start of a loan (docs/rules.md, "Library")
		base: (c) => ({ copy: c.shelfCopy, patron: c.other.record.id, due: day(14) }),
		fields: LOAN_FIELDS
	},
	{
		collection: 'loans',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.loan,
		fields: LOAN_FIELDS,
		ranges: [['start', 'due']]
	},
	{
		collection: 'events',
		op: 'create',
		actor: 'staff',
		base: () => ({
			title: 'Nyt arrangement',
			category: 'talk',
			start: day(250, 18),
			end: day(250, 20),
			state: 'draft'
		}),
		fields: EVENT_FIELDS,
		ranges: [['start', 'end']]
	},
	{
		collection: 'events',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.freeEvent,
		fields: EVENT_FIELDS,
		ranges: [['start', 'end']]
	},
	{
		collection: 'shifts',
		op: 'create',
		actor: 'staff',
		base: (c) => ({ event: c.event, task: 'Oprydning', start: day(200, 21), end: day(200, 23), places: 2 }),
		fields: SHIFT_FIELDS,
		ranges: [['start', 'end']]
	},
	{
		collection: 'shifts',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.freeShift,
		fields: SHIFT_FIELDS,
		ranges: [['start', 'end']]
	},
	{
		collection: 'signups',
		op: 'create',
		actor: 'citizen',
		base: (c) => ({ shift: c.freeShift, user: c.citizen.record.id }),
		fields: { shift: relation, user: relation }
	},
	{
		collection: 'signups',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.signup,
		fields: { status: PLACE_STATUS }
	},
	{
		collection: 'registrations',
		op: 'create',
		actor: 'citizen',
		base: (c) => ({ event: c.freeEvent, user: c.citizen.record.id }),
		fields: { event: relation, user: relation }
	},
	{
		collection: 'registrations',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.registration,
		fields: { status: PLACE_STATUS }
	},
	{
		collection: 'registrations',
		op: 'update',
		actor: 'staff',
		base: () => ({}),
		id: (c) => c.registration,
		fields: { status: PLACE_STATUS, checked_in_at: date }
	},
	{
		collection: 'notifications',
		op: 'update',
		actor: 'citizen',
		base: () => ({}),
		id: (c) => c.notification,
		fields: { read_at: date }
	}
];

// ------------------------------------------------------------------------------- the checks

const pbUrl = () => stack().pbUrl;
const tokenOf = (actor: Actor | 'guest') => (actor === 'guest' ? '' : ctx[actor].pb.authStore.token);

interface Answer {
	status: number;
	body: unknown;
}

/** Sends a raw request (any body, even one that is not JSON) with the actor's own token. */
async function send(
	actor: Actor | 'guest',
	method: string,
	path: string,
	body?: unknown,
	raw = false,
	extra: Record<string, string> = {}
): Promise<Answer> {
	// an address of its own, so the house's rate limit (a rule with tests of its own) never answers
	const headers: Record<string, string> = { ...extra, 'X-Forwarded-For': randomIp() };
	const token = tokenOf(actor);
	if (token) headers.Authorization = token;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(pbUrl() + path, {
		method,
		headers,
		body: body === undefined ? undefined : raw ? String(body) : JSON.stringify(body)
	});
	const textBody = await res.text();
	let parsed: unknown = textBody;
	try {
		parsed = JSON.parse(textBody);
	} catch {
		// not JSON (an .ics file, an empty answer)
	}
	return { status: res.status, body: parsed };
}

function codesOf(body: unknown): string[] {
	const data = (body as { data?: Record<string, { code?: string }> } | null)?.data ?? {};
	return Object.values(data).map((d) => d?.code ?? '');
}

/** A refusal as rule 6 wants it: 400 with known codes, or 403/404. */
function expectCodedRefusal(answer: Answer, label: string) {
	const what = `${label}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
	expect(answer.status, what).toBeLessThan(500);
	// 429: wrong passwords are counted per account, and a hostile string is a wrong password
	expect([400, 403, 404, 429], what).toContain(answer.status);
	if (answer.status === 429) expect(codesOf(answer.body), what).toEqual(['account_password_attempts']);
	if (answer.status === 400) {
		const found = codesOf(answer.body);
		expect(found.length, what).toBeGreaterThan(0);
		for (const code of found) {
			expect(Object.hasOwn(codes, code) || code.startsWith('validation_'), `${what} (code ${code})`).toBe(
				true
			);
		}
	}
}

/** What must not change: the row or the collection's size. */
async function snapshot(target: Target): Promise<unknown> {
	if (target.op === 'update') {
		return rowOf(await ctx.system.collection(target.collection).getOne(target.id!(ctx)));
	}
	return (await ctx.system.collection(target.collection).getList(1, 1, { fields: 'id' })).totalItems;
}

function pathOf(target: Target): string {
	const records = `/api/collections/${target.collection}/records`;
	return target.op === 'update' ? `${records}/${target.id!(ctx)}` : records;
}

const methodOf = (target: Target) => (target.op === 'update' ? 'PATCH' : 'POST');
const labelOf = (target: Target, field: string) =>
	`${target.collection}.${target.op}.${target.actor}.${field}`;

/** One hostile request against a target: refused, coded, nothing changed. */
async function hostile(target: Target, field: string, body: unknown, raw = false) {
	const before = await snapshot(target);
	const answer = await send(target.actor, methodOf(target), pathOf(target), body, raw);
	expectCodedRefusal(answer, `${labelOf(target, field)} ← ${JSON.stringify(body).slice(0, 200)}`);
	expect(await snapshot(target), `${labelOf(target, field)} changed something`).toEqual(before);
}

// ------------------------------------------------------------------------ the bases are valid

describe('the valid base records', () => {
	it('are accepted as they are, so the refusals below are the hostile values’ doing', async () => {
		const refused: string[] = [];
		for (const target of TARGETS.filter((t) => t.op === 'create' && !t.closed)) {
			const answer = await send(target.actor, 'POST', pathOf(target), target.base(ctx));
			if (answer.status !== 200) {
				refused.push(`${target.collection}: ${answer.status} ${JSON.stringify(answer.body)}`);
				continue;
			}
			// gone again (with system rights), so the properties start from the arranged data
			await ctx.system.collection(target.collection).delete((answer.body as { id: string }).id);
		}
		expect(refused).toEqual([]);
	});

	it('a season booking of the base is booked by its route (and cancelled again)', async () => {
		const answer = await send('citizen', 'POST', '/api/borgerhus/series', seasonBase(ctx));
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		const { series, booked } = answer.body as { series: string; booked: unknown[] };
		expect(booked).toHaveLength(3);
		const cancelled = await send('citizen', 'POST', `/api/borgerhus/series/${series}/cancel`, {});
		expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
	});
});

/** A field of a target and a hostile value for it. */
const anyField = (fields: Target['fields']) =>
	fc.oneof(...Object.entries(fields).map(([field, values]) => values.map((v) => [field, v] as const)));

describe('hostile values on every writable collection', () => {
	for (const target of TARGETS.filter((t) => t.closed)) {
		describe(`${target.collection} ${target.op} as ${target.actor} (closed to the records API)`, () => {
			it('refuses the valid record and hostile ones alike, and stores nothing', async () => {
				await hostile(target, 'valid', target.base(ctx));
				await fc.assert(
					fc.asyncProperty(anyField(target.fields), async ([field, value]) => {
						await hostile(target, field, { ...target.base(ctx), [field]: value });
					}),
					{ numRuns: RUNS }
				);
			});

			it('refuses an empty body and one that is not a JSON object', async () => {
				await hostile(target, 'empty', {});
				for (const raw of ['[1,2,3]', '"tekst"', '{"name": ', 'null', '42']) {
					await hostile(target, 'body', raw, true);
				}
			});
		});
	}

	for (const target of TARGETS.filter((t) => !t.closed)) {
		describe(`${target.collection} ${target.op} as ${target.actor}`, () => {
			it.each(Object.entries(target.fields))(
				'refuses hostile %s and changes nothing',
				async (field, values) => {
					await fc.assert(
						fc.asyncProperty(values, async (value) => {
							await hostile(target, field, { ...target.base(ctx), [field]: value });
						}),
						{ numRuns: RUNS }
					);
				}
			);

			for (const [from, to] of target.ranges ?? []) {
				it(`refuses ${to} before ${from}`, async () => {
					await fc.assert(
						fc.asyncProperty(reversedRange, async (range) => {
							await hostile(target, `${from}>${to}`, {
								...target.base(ctx),
								[from]: range.start,
								[to]: range.end
							});
						}),
						{ numRuns: 10 }
					);
				});
			}

			it('refuses a body that is not a JSON object', async () => {
				for (const raw of ['[1,2,3]', '"tekst"', '{"name": ', 'null', '42']) {
					await hostile(target, 'body', raw, true);
				}
			});

			if (target.op === 'create') {
				it('refuses an empty body', async () => {
					await hostile(target, 'empty', {});
				});
			} else {
				it('changes nothing with an empty body', async () => {
					const before = await snapshot(target);
					const answer = await send(target.actor, 'PATCH', pathOf(target), {});
					expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
					if (answer.status >= 400) expectCodedRefusal(answer, labelOf(target, 'empty'));
					expect(await snapshot(target)).toEqual(before);
				});
			}
		});
	}
});

// --------------------------------------------------------------------------------- custom routes

interface Route {
	name: string;
	actor: Actor | 'guest';
	method: 'GET' | 'POST';
	/** The path (and query) for a generated value. */
	path: (c: Ctx, value: unknown) => string;
	body?: (c: Ctx, value: unknown) => unknown;
	/** Request headers for a generated value. */
	headers?: (value: unknown) => Record<string, string>;
	value: fc.Arbitrary<unknown>;
	/** What must not change, read with system rights. */
	state: (c: Ctx) => Promise<unknown>;
}

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
const count = (collection: string) => async (c: Ctx) =>
	(await c.system.collection(collection).getList(1, 1, { fields: 'id' })).totalItems;
const hostileText = fc.oneof(text(2000), fc.constant(''));
const hostileDay = fc.oneof(
	date,
	fc.constantFrom(
		'2026-02-30',
		'2026-13-01',
		'0001-01-01',
		'9999-12-31',
		'2026-06-01T00:00',
		'',
		'2026-1-1',
		'01-01-2026'
	)
);
/** An id that names no row, as one segment of a route's path. */
const pathId = fc.oneof(
	unknownId,
	malformedId.filter((v) => v.trim() !== '' && !v.includes('/'))
);
/** Without its `updated` stamp, which says nothing about what a request changed. */
function rowOf(row: Record<string, unknown>) {
	const rest = { ...row };
	delete rest.updated;
	return rest;
}
const seriesState = async (c: Ctx) => ({
	series: rowOf(await c.system.collection('booking_series').getOne(c.series)),
	all: await count('booking_series')(c),
	bookings: await count('bookings')(c)
});
const bookingState = async (c: Ctx) => ({
	booking: rowOf(await c.system.collection('bookings').getOne(c.booking)),
	audit: await count('audit_log')(c)
});
const registrationState = async (c: Ctx) => ({
	registration: rowOf(await c.system.collection('registrations').getOne(c.registration)),
	audit: await count('audit_log')(c)
});
const associationState = async (c: Ctx) => ({
	association: rowOf(await c.system.collection('associations').getOne(c.association)),
	audit: await count('audit_log')(c)
});
const membershipState = async (c: Ctx) => ({
	membership: rowOf(await c.system.collection('memberships').getOne(c.membership)),
	all: await count('memberships')(c),
	audit: await count('audit_log')(c)
});
const MEMBERSHIP_ACTIONS = ['accept', 'decline', 'block', 'unblock', 'leave', 'remove'];

/**
 * A season booking its route accepts (three weekly dates, free in the test room): the base the hostile
 * values of SEASON_FIELDS are put into.
 */
const seasonBase = (c: Ctx) => ({
	room: c.room,
	association: '',
	purpose: 'Strikkeklub',
	attendees: 4,
	first_date: day(560).slice(0, 10),
	last_date: day(574).slice(0, 10),
	interval: 1,
	start_time: '14:00',
	end_time: '15:00'
});
const SEASON_FIELDS = {
	room: relation,
	association: relation,
	purpose: line(200),
	attendees: number({ min: 1, max: 100000, int: true }),
	first_date: hostileDay,
	last_date: hostileDay,
	interval: number({ min: 1, max: 52, int: true }),
	start_time: HHMM,
	end_time: HHMM,
	dates: fc.oneof(
		notString,
		fc.array(hostileDay, { minLength: 1, maxLength: 3 }),
		fc.constant([day(567).slice(0, 10), 42]),
		fc.constant([day(567).replace(' ', 'T')])
	)
};

const ROUTES: Route[] = [
	{
		name: 'account/delete password',
		actor: 'citizen',
		method: 'POST',
		path: () => '/api/borgerhus/account/delete',
		body: (_c, v) => ({ password: v }),
		value: fc.oneof(notString, hostileText, fc.constant(undefined)),
		state: async (c) => (await c.system.collection('users').getOne(c.citizen.record.id)).deleted_at
	},
	{
		name: 'account/delete body',
		actor: 'citizen',
		method: 'POST',
		path: () => '/api/borgerhus/account/delete',
		body: (_c, v) => v,
		value: fc.oneof(notString, nested),
		state: async (c) => (await c.system.collection('users').getOne(c.citizen.record.id)).deleted_at
	},
	{
		name: 'calendar/feed token',
		actor: 'guest',
		method: 'GET',
		path: () => '/api/borgerhus/calendar/feed',
		// what a header can carry: visible ASCII (a guessed token among them), or none at all
		headers: (v): Record<string, string> => (v === undefined ? {} : { 'X-Feed-Token': String(v) }),
		value: fc.oneof(
			fc.stringMatching(/^[\x20-\x7e]{0,300}$/),
			fc.stringMatching(/^[A-Za-z0-9]{48}$/),
			fc.constant(undefined)
		),
		state: count('users')
	},
	{
		name: 'stats period',
		actor: 'staff',
		method: 'GET',
		path: (_c, v) => {
			const [from, to] = v as [unknown, unknown];
			return `/api/borgerhus/stats?from=${enc(from)}&to=${enc(to)}`;
		},
		value: fc.oneof(
			fc.tuple(hostileDay, fc.constant('2026-06-30')),
			fc.tuple(fc.constant('2026-06-01'), hostileDay),
			fc.constant(['2026-06-30', '2026-06-01']),
			fc.constant(['2020-01-01', '2026-01-01'])
		),
		state: count('audit_log')
	},
	{
		name: 'stats as a citizen',
		actor: 'citizen',
		method: 'GET',
		path: (_c, v) => `/api/borgerhus/stats?from=${enc(v)}&to=2026-06-30`,
		value: hostileDay,
		state: count('audit_log')
	},
	{
		name: 'events message',
		actor: 'staff',
		method: 'POST',
		path: (c) => `/api/borgerhus/events/${c.event}/message`,
		body: (_c, v) => ({ message: v }),
		value: fc.oneof(notString, blank, withHostileChar, tooLong(2000), fc.constant('')),
		state: count('notifications')
	},
	{
		name: 'events message event id',
		actor: 'staff',
		method: 'POST',
		path: (_c, v) => `/api/borgerhus/events/${enc(v)}/message`,
		body: () => ({ message: 'Husk at komme i god tid.' }),
		value: pathId,
		state: count('notifications')
	},
	{
		name: 'events message as a citizen',
		actor: 'citizen',
		method: 'POST',
		path: (c) => `/api/borgerhus/events/${c.event}/message`,
		body: (_c, v) => ({ message: v }),
		value: hostileText,
		state: count('notifications')
	},
	{
		name: 'events roster id',
		actor: 'staff',
		method: 'GET',
		path: (_c, v) => `/api/borgerhus/events/${enc(v)}/roster`,
		value: pathId,
		state: count('audit_log')
	},
	// season bookings: POST /api/borgerhus/series books a series and its dates in one transaction
	{
		name: 'series create',
		actor: 'citizen',
		method: 'POST',
		path: () => '/api/borgerhus/series',
		body: (c, v) => {
			const [field, value] = v as [string, unknown];
			return { ...seasonBase(c), [field]: value };
		},
		value: anyField(SEASON_FIELDS),
		state: seriesState
	},
	{
		name: 'series create body',
		actor: 'citizen',
		method: 'POST',
		path: () => '/api/borgerhus/series',
		body: (_c, v) => v,
		value: fc.oneof(notString, nested),
		state: seriesState
	},
	...(
		[
			['cancel', 'citizen'],
			['approve', 'staff'],
			['reject', 'staff']
		] as const
	).map(([action, actor]): Route => ({
		name: `series ${action} series id`,
		actor,
		method: 'POST',
		path: (_c, v) => `/api/borgerhus/series/${enc(v)}/${action}`,
		body: () => ({ reason: 'Lokalet er lukket' }),
		value: pathId,
		state: seriesState
	})),
	...(
		[
			['cancel', 'citizen'],
			['reject', 'staff']
		] as const
	).map(([action, actor]): Route => ({
		name: `series ${action} reason`,
		actor,
		method: 'POST',
		path: (c) => `/api/borgerhus/series/${c.series}/${action}`,
		body: (_c, v) => ({ reason: v }),
		value: text(1000),
		state: seriesState
	})),
	{
		name: 'series approve as a citizen',
		actor: 'citizen',
		method: 'POST',
		path: (c) => `/api/borgerhus/series/${c.series}/approve`,
		body: (_c, v) => v,
		value: fc.oneof(nested, fc.constant({})),
		state: seriesState
	},
	{
		name: 'bookings reassign',
		actor: 'staff',
		method: 'POST',
		path: (c) => `/api/borgerhus/bookings/${c.booking}/reassign`,
		body: (_c, v) => v,
		value: fc.oneof(
			fc.record({ booker: relation }),
			fc.record({ association: relation }),
			fc.record({ booker: relation, association: relation }),
			nested
		),
		state: bookingState
	},
	{
		name: 'bookings reassign booking id',
		actor: 'staff',
		method: 'POST',
		path: (_c, v) => `/api/borgerhus/bookings/${enc(v)}/reassign`,
		body: (c) => ({ booker: c.other.record.id }),
		value: pathId,
		state: bookingState
	},
	{
		name: 'bookings reassign as a citizen',
		actor: 'citizen',
		method: 'POST',
		path: (c) => `/api/borgerhus/bookings/${c.booking}/reassign`,
		body: (c, v) => ({ booker: c.other.record.id, association: v }),
		value: fc.oneof(relation, fc.constant('')),
		state: bookingState
	},
	{
		name: 'registrations check-in id',
		actor: 'staff',
		method: 'POST',
		path: (_c, v) => `/api/borgerhus/registrations/${enc(v)}/check-in`,
		body: () => ({}),
		value: pathId,
		state: registrationState
	},
	{
		name: 'registrations check-in as a citizen',
		actor: 'citizen',
		method: 'POST',
		path: (c) => `/api/borgerhus/registrations/${c.registration}/check-in`,
		body: (_c, v) => v,
		value: fc.oneof(nested, fc.record({ checked_in_at: date })),
		state: registrationState
	},
	// associations: members only by invitation and the invited person's own consent
	{
		name: 'associations invitations',
		actor: 'citizen',
		method: 'POST',
		path: (c) => `/api/borgerhus/associations/${c.association}/invitations`,
		body: (_c, v) => v,
		value: fc.oneof(
			fc.record({
				email: fc.oneof(email, hostileText, fc.constant(['ny.person@test.borgerhus.dk'])),
				role: fc.constant('member')
			}),
			fc.record({
				email: fc.constant('findes.ikke@test.borgerhus.dk'),
				role: fc.oneof(select(['admin', 'booker', 'member']), fc.constant(['member']))
			}),
			notString,
			nested
		),
		state: count('memberships')
	},
	...(['POST', 'GET'] as const).map((method): Route => ({
		name: `associations invitations association id (${method})`,
		actor: 'citizen',
		method,
		path: (_c, v) => `/api/borgerhus/associations/${enc(v)}/invitations`,
		body: method === 'POST' ? (c) => ({ email: c.other.email, role: 'member' }) : undefined,
		value: pathId,
		state: count('memberships')
	})),
	{
		name: 'associations members association id',
		actor: 'citizen',
		method: 'GET',
		path: (_c, v) => `/api/borgerhus/associations/${enc(v)}/members`,
		value: pathId,
		state: count('memberships')
	},
	...(['verify', 'unverify'] as const).flatMap((action): Route[] => [
		{
			name: `associations ${action} association id`,
			actor: 'staff',
			method: 'POST',
			path: (_c, v) => `/api/borgerhus/associations/${enc(v)}/${action}`,
			body: () => ({}),
			value: pathId,
			state: associationState
		},
		{
			name: `associations ${action} as a citizen`,
			actor: 'citizen',
			method: 'POST',
			path: (c) => `/api/borgerhus/associations/${c.association}/${action}`,
			body: (_c, v) => v,
			value: fc.oneof(nested, fc.record({ verified: bool })),
			state: associationState
		}
	]),
	{
		name: 'memberships action membership id',
		actor: 'citizen',
		method: 'POST',
		path: (_c, v) => {
			const [id, action] = v as [string, string];
			return `/api/borgerhus/memberships/${enc(id)}/${action}`;
		},
		body: () => ({ role: 'booker' }),
		value: fc.tuple(pathId, fc.constantFrom(...MEMBERSHIP_ACTIONS, 'role')),
		state: membershipState
	},
	{
		name: 'memberships action name',
		actor: 'citizen',
		method: 'POST',
		path: (c, v) => `/api/borgerhus/memberships/${c.membership}/${enc(v)}`,
		body: () => ({}),
		value: fc.oneof(
			fc.string({ minLength: 1, maxLength: 30 }).filter((v) => ![...MEMBERSHIP_ACTIONS, 'role'].includes(v)),
			fc.constantFrom(...MEMBERSHIP_ACTIONS, 'role').map((v) => v.toUpperCase())
		),
		state: membershipState
	},
	{
		name: 'memberships role',
		actor: 'citizen',
		method: 'POST',
		path: (c) => `/api/borgerhus/memberships/${c.membership}/role`,
		body: (_c, v) => ({ role: v }),
		value: fc.oneof(select(['admin', 'booker', 'member']), fc.constant(['booker']), fc.constant('')),
		state: membershipState
	},
	// sign-up (docs/rules.md, "Account, feed and reminders")
	{
		name: 'sign-up email',
		actor: 'guest',
		method: 'POST',
		path: () => '/api/borgerhus/account/signup',
		body: (_c, v) => ({
			name: 'Ny Borger',
			email: v,
			password: 'et-langt-kodeord-1',
			passwordConfirm: 'et-langt-kodeord-1'
		}),
		value: fc.oneof(
			notString,
			fc.constantFrom(
				'ikke en adresse',
				'a@',
				'@b.dk',
				'a b@c.dk',
				'',
				'x@borgerhus.invalid',
				'X@BORGERHUS.INVALID',
				// too long for an address, and lookalikes of one with hidden or reordering characters
				`${'a'.repeat(65)}@example.org`,
				`a@${'b'.repeat(250)}.dk`,
				'evil\u202egro.elpmaxe@example.org',
				'bor\u200bger@demo.borgerhus.dk',
				'an\u00adna@demo.borgerhus.dk'
			)
		),
		state: count('users')
	},
	{
		name: 'sign-up body',
		actor: 'guest',
		method: 'POST',
		path: () => '/api/borgerhus/account/signup',
		body: (_c, v) => v,
		value: nested,
		state: count('users')
	},
	// service at the desk (docs/rules.md, "Service at the desk")
	{
		name: 'desk account name',
		actor: 'staff',
		method: 'POST',
		path: () => '/api/borgerhus/desk/accounts',
		body: (_c, v) => ({ name: v, phone: '20 30 40 50' }),
		value: fc.oneof(text(100), fc.constant(''), fc.constant(undefined)),
		state: count('users')
	},
	{
		name: 'desk account contact',
		actor: 'staff',
		method: 'POST',
		path: () => '/api/borgerhus/desk/accounts',
		body: (_c, v) => {
			const [phone, card] = v as [unknown, unknown];
			return { name: 'Skranke Test', phone, library_card: card };
		},
		value: fc.oneof(
			fc.tuple(text(30), fc.constant('')),
			fc.tuple(fc.constant(''), fc.oneof(text(30), fc.constantFrom('12', 'a1234', '1234x', '1'.repeat(21)))),
			fc.tuple(fc.constant(''), fc.constant('')),
			fc.tuple(fc.constantFrom('ring mig', '12;34'), fc.constant(''))
		),
		state: count('users')
	},
	{
		name: 'desk account as a citizen',
		actor: 'citizen',
		method: 'POST',
		path: () => '/api/borgerhus/desk/accounts',
		body: (_c, v) => v,
		value: fc.oneof(nested, fc.constant({ name: 'Skranke Test', phone: '20304050' })),
		state: count('users')
	},
	{
		name: 'desk library card',
		actor: 'staff',
		method: 'POST',
		path: (c) => `/api/borgerhus/desk/citizens/${c.other.record.id}/card`,
		body: (_c, v) => ({ library_card: v }),
		value: fc.oneof(text(30), fc.constantFrom('12', 'a1234', '1'.repeat(21))),
		state: async (c) => (await c.system.collection('users').getOne(c.other.record.id)).library_card
	},
	{
		name: 'desk citizen id',
		actor: 'staff',
		method: 'POST',
		path: (_c, v) => `/api/borgerhus/desk/citizens/${enc(v)}/card`,
		body: () => ({ library_card: '12345678' }),
		value: pathId,
		state: count('users')
	},
	{
		name: 'desk volunteer terms citizen id',
		actor: 'staff',
		method: 'POST',
		path: (_c, v) => `/api/borgerhus/desk/citizens/${enc(v)}/volunteer-terms`,
		body: () => ({}),
		value: pathId,
		state: async (c) => (await c.system.collection('users').getOne(c.other.record.id)).volunteer_terms_at
	},
	{
		name: 'desk take-over email',
		actor: 'staff',
		method: 'POST',
		path: (c) => `/api/borgerhus/desk/citizens/${c.other.record.id}/takeover`,
		body: (_c, v) => ({ email: v }),
		value: fc.oneof(email, fc.constant('')),
		state: async (c) => (await c.system.collection('users').getOne(c.other.record.id)).email
	},
	{
		name: 'overview reminders as a citizen',
		actor: 'citizen',
		method: 'POST',
		path: () => '/api/borgerhus/overview/reminders/run',
		body: (_c, v) => v,
		value: fc.oneof(notString, nested),
		state: count('notifications')
	}
];

/** Routes that take no input: hostile query strings and bodies are ignored, never a 5xx. */
const READ_ROUTES: { actor: Actor; path: string }[] = [
	{ actor: 'citizen', path: '/api/borgerhus/overview' },
	{ actor: 'citizen', path: '/api/borgerhus/overview/unread' },
	{ actor: 'citizen', path: '/api/borgerhus/session' },
	{ actor: 'citizen', path: '/api/borgerhus/calendar/status' },
	{ actor: 'citizen', path: '/api/borgerhus/events/my-places' },
	{ actor: 'citizen', path: '/api/borgerhus/invitations' },
	{ actor: 'staff', path: '/api/borgerhus/desk/citizens' }
];

describe('hostile input to every custom route', () => {
	for (const route of ROUTES) {
		it(`${route.name}: refused, coded, nothing changed`, async () => {
			await fc.assert(
				fc.asyncProperty(route.value, async (value) => {
					const before = await route.state(ctx);
					const answer = await send(
						route.actor,
						route.method,
						route.path(ctx, value),
						route.body ? route.body(ctx, value) : undefined,
						false,
						route.headers?.(value)
					);
					expectCodedRefusal(answer, `${route.name} ← ${JSON.stringify(value ?? null).slice(0, 200)}`);
					expect(await route.state(ctx), `${route.name} changed something`).toEqual(before);
				}),
				{ numRuns: RUNS }
			);
		});
	}

	it.each(READ_ROUTES)('$path ignores hostile query strings', async ({ actor, path }) => {
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 200 }), async (value) => {
				const answer = await send(
					actor,
					'GET',
					`${path}?q=${enc(value)}&filter=${enc(value)}&expand=${enc(value)}`
				);
				expect(answer.status, JSON.stringify(answer.body)).toBe(200);
			}),
			{ numRuns: 10 }
		);
	});

	it('a guest gets 401 from the routes for signed-in people, whatever the input', async () => {
		for (const { path } of READ_ROUTES) {
			expect((await send('guest', 'GET', `${path}?x=${enc('\u0000')}`)).status).toBe(401);
		}
		expect(
			(
				await guestClient()
					.send('/api/borgerhus/calendar/renew', { method: 'POST' })
					.catch((e) => e)
			).status
		).toBe(401);
	});
});

describe('after all of it', () => {
	it('the overview and the statistics still answer, also with a room saved without opening hours', async () => {
		const bare = await send('staff', 'POST', '/api/collections/rooms/records', {
			name: 'Lokale uden åbningstider',
			slug: `bare-${uid()}`,
			capacity: 5,
			active: true
		});
		expect(bare.status, JSON.stringify(bare.body)).toBe(200);
		for (const [actor, path] of [
			['citizen', '/api/borgerhus/overview'],
			['staff', '/api/borgerhus/stats?from=2026-01-01&to=2026-12-31'],
			['staff', `/api/borgerhus/stats?from=${day(-100).slice(0, 10)}&to=${day(250).slice(0, 10)}`]
		] as const) {
			const answer = await send(actor, 'GET', path);
			expect(answer.status, `${path}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(200);
		}
	});
});

describe('the door after a collection changes', () => {
	it('checks a body against the fields as they are now, not as they were', async () => {
		const name = `door_${uid()}`;
		const collection = await ctx.system.collections.create({
			name,
			type: 'base',
			fields: [{ name: 'note', type: 'text', max: 5 }],
			createRule: '@request.auth.id != ""'
		});
		try {
			const send = () =>
				ctx.citizen.pb
					.collection(name)
					.create({ note: 'abcdefgh' })
					.then(
						() => 'stored',
						(error) => error?.response?.data?.note?.code ?? `status ${error?.status}`
					);
			expect(await send()).toBe('core_text_too_long');
			const note = collection.fields.find((f) => f.name === 'note');
			await ctx.system.collections.update(collection.id, {
				fields: collection.fields.map((f) => (f.name === 'note' ? { ...note, max: 20 } : f))
			});
			expect(await send()).toBe('stored');
			await ctx.system.collections.update(collection.id, {
				fields: collection.fields.map((f) => (f.name === 'note' ? { ...note, max: 3 } : f))
			});
			expect(await send()).toBe('core_text_too_long');
			expect((await ctx.system.collection(name).getFullList()).map((r) => r.note)).toEqual(['abcdefgh']);
		} finally {
			await ctx.system.collections.delete(collection.id);
		}
	});
});

describe("PocketBase's field modifiers", () => {
	it('are refused on every field but files, so no check that looks for a field by its name is passed by', async () => {
		const tries: [PocketBase, string, string, Record<string, unknown>][] = [
			[ctx.staff.pb, 'events', ctx.event, { 'taken+': 7 }],
			[ctx.staff.pb, 'events', ctx.event, { 'created_by+': ctx.citizen.record.id }],
			[ctx.staff.pb, 'shifts', ctx.shift, { 'taken+': 3 }],
			[ctx.staff.pb, 'shifts', ctx.shift, { 'event+': ctx.freeEvent }],
			[ctx.staff.pb, 'events', ctx.event, { 'capacity-': 40 }],
			[ctx.citizen.pb, 'bookings', ctx.booking, { 'attendees+': 500 }],
			[ctx.citizen.pb, 'users', ctx.citizen.record.id, { '+skills': 'musik' }]
		];
		for (const [pb, collection, id, body] of tries) {
			const before = await ctx.system.collection(collection).getOne(id);
			const answer = await pb
				.collection(collection)
				.update(id, body)
				.then(
					() => 'stored',
					(error) => {
						const data = error?.response?.data ?? {};
						return (
							Object.values(data).map((v) => (v as { code?: string }).code)[0] ?? `status ${error?.status}`
						);
					}
				);
			expect(answer, `${collection} ${JSON.stringify(body)}`).toBe('core_field_modifier');
			const after = await ctx.system.collection(collection).getOne(id);
			expect(after.updated, `${collection} ${JSON.stringify(body)}`).toBe(before.updated);
		}
	});
});
