/**
 * Hand-written types for the PocketBase collections created by
 * `pb_migrations/1764000000_initial_schema.js`. Keep both in sync.
 *
 * Conventions (as PocketBase returns them over the REST API):
 * - dates are UTC strings `2006-01-02 15:04:05.000Z`, or `''` when empty;
 * - a single relation is a record id, or `''` when empty;
 * - an optional select is one of its values, or `''` when empty (required selects never are);
 * - a file field holds the stored file name (`''` when empty), or an array of names for multi-file fields;
 * - a JSON field may be `null`.
 */

// ---------------------------------------------------------------------------------------------
// Collection names
// ---------------------------------------------------------------------------------------------

export const Collections = {
	Users: 'users',
	Associations: 'associations',
	Memberships: 'memberships',
	Rooms: 'rooms',
	Closures: 'closures',
	BookingSeries: 'booking_series',
	Bookings: 'bookings',
	Titles: 'titles',
	Copies: 'copies',
	Holds: 'holds',
	Loans: 'loans',
	Events: 'events',
	Shifts: 'shifts',
	Signups: 'signups',
	Registrations: 'registrations',
	Notifications: 'notifications',
	AuditLog: 'audit_log',
	Seasons: 'seasons',
	SeasonApplications: 'season_applications',
	SeasonLines: 'season_lines',
	SeasonObjections: 'season_objections',
	SeasonSwaps: 'season_swaps'
} as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/** Record id (15 lowercase alphanumerics). */
export type RecordId = string;
/** UTC date string `2006-01-02 15:04:05.000Z`, or `''` when not set. */
export type DateString = string;
/** Empty value of an optional relation, select, date or file field. */
export type Empty = '';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** Fields every record of a base collection has (created/updated are autodate fields added by the migration). */
export interface BaseRecord {
	id: RecordId;
	collectionId: string;
	collectionName: string;
	created: DateString;
	updated: DateString;
}

// ---------------------------------------------------------------------------------------------
// Select values (runtime lists + unions)
// ---------------------------------------------------------------------------------------------

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MEMBERSHIP_ROLES = ['admin', 'booker', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const WHO_MAY_BOOK = ['associations', 'citizens'] as const;
export type WhoMayBook = (typeof WHO_MAY_BOOK)[number];

/** `no_show`: released by the job, nobody checked in (docs/rules.md, "Check-in and no-shows"). */
export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const TITLE_TYPES = ['book', 'audiobook', 'film', 'game', 'magazine', 'thing'] as const;
export type TitleType = (typeof TITLE_TYPES)[number];

export const COPY_STATUSES = ['shelf', 'loan', 'reserved', 'missing'] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

export const HOLD_STATUSES = ['waiting', 'paused', 'ready', 'collected', 'expired', 'cancelled'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];
/** Hold statuses covered by the "one active hold per patron per title" unique index. */
export const ACTIVE_HOLD_STATUSES = ['waiting', 'paused', 'ready'] as const satisfies readonly HoldStatus[];

export const EVENT_CATEGORIES = ['concert', 'talk', 'market', 'workshop', 'children', 'other'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const EVENT_STATES = ['draft', 'published', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];

/** Status of a volunteer shift sign-up or an event registration. */
export const PLACE_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// JSON field shapes
// ---------------------------------------------------------------------------------------------

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Local time `HH:MM`. */
export type LocalTime = string;
/** Opening intervals per weekday in local time, e.g. `{ "mon": [["08:00", "22:00"]] }`; a missing day is closed. */
export type OpeningHours = Partial<Record<Weekday, [LocalTime, LocalTime][]>>;

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/** `users` (auth collection). */
export interface UserRecord extends BaseRecord {
	email: string;
	emailVisibility: boolean;
	verified: boolean;
	name: string;
	avatar: string;
	phone: string;
	language: Language | Empty;
	staff: boolean;
	notify_email: boolean;
	notify_reminders: boolean;
	volunteer_terms_at: DateString;
	skills: string;
	/** Hidden field: only present in superuser/server-side reads. */
	calendar_token?: string;
	deleted_at: DateString;
	/** Service at the desk (migration 1766300000): the library card number, unique when set; staff set it. */
	library_card?: string;
	/** A desk account: no address of its own, cannot sign in until taken over. */
	desk_account?: boolean;
}

export interface AssociationRecord extends BaseRecord {
	name: string;
	/** CVR or registration number (unique). */
	cvr: string;
	contact_name: string;
	contact_email: string;
	contact_phone: string;
	description: string;
	verified: boolean;
	verified_at: DateString;
	created_by: RecordId | Empty;
	expand?: {
		created_by?: UserRecord;
		memberships_via_association?: MembershipRecord[];
	};
}

/** Only `active` gives rights (docs/rules.md, "Associations and memberships"). */
export type MembershipStatus = 'invited' | 'active' | 'declined' | 'blocked' | 'removed' | 'left';

export interface MembershipRecord extends BaseRecord {
	association: RecordId;
	/** Empty for an invitation to an address that has no account yet. */
	user: RecordId;
	role: MembershipRole;
	status: MembershipStatus;
	/** The address an open invitation was sent to; cleared on acceptance. */
	email: string;
	invited_by: RecordId;
	invited_at: DateString;
	decided_at: DateString;
	expand?: {
		association?: AssociationRecord;
		user?: UserRecord;
	};
}

export interface RoomRecord extends BaseRecord {
	name: string;
	/** `^[a-z0-9-]+$`, unique. */
	slug: string;
	/** Server-owned: the slugs the room had before, which still lead to it and no other room may take. */
	former_slugs: string[] | null;
	description: string;
	/** The description in English, optional (docs/rules.md, "Languages"). */
	description_en: string;
	/** Up to 6 image file names. */
	photos: string[];
	capacity: number;
	facilities: string[] | null;
	step_free: boolean;
	hearing_loop: boolean;
	accessible_toilet: boolean;
	accessibility_notes: string;
	who_may_book: WhoMayBook | Empty;
	requires_approval: boolean;
	opening_hours: OpeningHours | null;
	min_minutes: number;
	max_minutes: number;
	step_minutes: number;
	buffer_minutes: number;
	horizon_days: number;
	/** How many active bookings ahead one booker (or association) may hold in the room; 0 = no limit. */
	max_upcoming: number;
	cancel_hours: number;
	active: boolean;
	sort: number;
	/** Bookings must be checked in (docs/rules.md, "Check-in and no-shows"). */
	checkin_required: boolean;
	/** Check-in opens this many minutes before the start (0-240). */
	checkin_opens_minutes: number;
	/** A booking not checked in this many minutes after its start is released (5-120). */
	checkin_grace_minutes: number;
	/** Server-owned: when check-in became required; bookings that started earlier are never released. */
	checkin_since: DateString;
}

export interface ClosureRecord extends BaseRecord {
	/** Empty = the whole house is closed. */
	room: RecordId | Empty;
	start: DateString;
	end: DateString;
	reason: string;
	expand?: { room?: RoomRecord };
}

export interface BookingSeriesRecord extends BaseRecord {
	room: RecordId;
	booker: RecordId;
	association: RecordId | Empty;
	purpose: string;
	attendees: number;
	rrule: string;
	first_date: DateString;
	last_date: DateString;
	/** Local time `HH:MM`. */
	start_time: LocalTime;
	/** Local time `HH:MM`. */
	end_time: LocalTime;
	/** Set by the season routes; a cancelled series has no future dates left. */
	status: 'active' | 'cancelled';
	/** Each date shows the association's name on the house's screens (migration 1766200000). */
	show_publicly?: boolean;
	expand?: {
		room?: RoomRecord;
		booker?: UserRecord;
		association?: AssociationRecord;
	};
}

export interface BookingRecord extends BaseRecord {
	room: RecordId;
	booker: RecordId;
	association: RecordId | Empty;
	series: RecordId | Empty;
	purpose: string;
	attendees: number;
	start: DateString;
	end: DateString;
	status: BookingStatus | Empty;
	/** Rejection reason. */
	reason: string;
	cancelled_by: RecordId | Empty;
	cancel_reason: string;
	decided_by: RecordId | Empty;
	decided_at: DateString;
	/** Server-owned stamps of check-in, early check-out and the no-show release. */
	checked_in_at: DateString;
	checked_in_by: RecordId | Empty;
	checked_out_at: DateString;
	released_at: DateString;
	/** Server-owned: the cancel deadline the booking was given, its room's `cancel_hours` when it was made or
	 * moved to another room or start (docs/rules.md, "Rooms and bookings"). */
	cancel_hours: number;
	/** Server-owned: the longer check-in grace (minutes) the booking keeps from before staff shortened its
	 * room's, or 0 (docs/rules.md, "Check-in and no-shows"). */
	checkin_grace_minutes?: number;
	/** The booker's choice to show the association's name on the house's screens (migration 1766200000). */
	show_publicly?: boolean;
	expand?: {
		room?: RoomRecord;
		booker?: UserRecord;
		association?: AssociationRecord;
		series?: BookingSeriesRecord;
		cancelled_by?: UserRecord;
		decided_by?: UserRecord;
	};
}

export interface TitleRecord extends BaseRecord {
	title: string;
	creator: string;
	year: number;
	language: string;
	type: TitleType | Empty;
	/** ISBN or other identifier. */
	identifier: string;
	/** Space/comma separated words, for search. */
	subjects: string;
	description: string;
	/** Cover image file name. */
	cover: string;
	expand?: {
		copies_via_title?: CopyRecord[];
	};
}

export interface CopyRecord extends BaseRecord {
	title: RecordId;
	barcode: string;
	shelf: string;
	/** Always set by the server (required since migration 1765200000). */
	status: CopyStatus;
	/** The pickup shelf the copy was left on by a pickup that ended without a loan, until the desk scans
	 * it; '' when it lies where its status and shelf say. Set by the server, read by staff only. */
	on_pickup_shelf?: string;
	/** Computed for every reader: the copy lies at the desk (on a pickup shelf), not on its own shelf. */
	at_desk?: boolean;
	expand?: { title?: TitleRecord };
}

export interface HoldRecord extends BaseRecord {
	title: RecordId;
	patron: RecordId;
	/** Always set by the server (required since migration 1765200000). */
	status: HoldStatus;
	/** Queue order (set by the server, never by the client). */
	placed_at: DateString;
	copy: RecordId | Empty;
	pickup_shelf: string;
	pickup_deadline: DateString;
	ready_at: DateString;
	ended_at: DateString;
	expand?: {
		title?: TitleRecord;
		patron?: UserRecord;
		copy?: CopyRecord;
	};
}

export interface LoanRecord extends BaseRecord {
	copy: RecordId;
	patron: RecordId;
	title: RecordId;
	start: DateString;
	due: DateString;
	/** `''` while the loan is open. */
	returned_at: DateString;
	/** The loan ended without the copy coming back: written off as lost (`returned_at` says when). Set by
	 * the server (migration 1767760000). */
	lost?: boolean;
	expand?: {
		copy?: CopyRecord;
		patron?: UserRecord;
		title?: TitleRecord;
	};
}

export interface EventRecord extends BaseRecord {
	title: string;
	/** The title in English, optional (docs/rules.md, "Languages"). */
	title_en: string;
	description: string;
	/** The description in English, optional. */
	description_en: string;
	/** Image file name. */
	image: string;
	category: EventCategory | Empty;
	start: DateString;
	end: DateString;
	room: RecordId | Empty;
	state: EventState | Empty;
	/** Whether attendees register. */
	registration: boolean;
	capacity: number;
	created_by: RecordId | Empty;
	expand?: {
		room?: RoomRecord;
		created_by?: UserRecord;
		shifts_via_event?: ShiftRecord[];
	};
}

export interface ShiftRecord extends BaseRecord {
	event: RecordId;
	task: string;
	start: DateString;
	end: DateString;
	places: number;
	description: string;
	/** The description in English, optional (docs/rules.md, "Languages"). */
	description_en: string;
	requirements: string;
	expand?: { event?: EventRecord };
}

/** Volunteer shift sign-up. */
export interface SignupRecord extends BaseRecord {
	shift: RecordId;
	user: RecordId;
	status: PlaceStatus | Empty;
	cancelled_at: DateString;
	/** Cancelled by staff or with its event while confirmed, not by its person (set by the server). */
	cancelled_by_house?: boolean;
	/** Taken off the waitlist by staff or the system, not left by its person (set by the server). */
	off_waitlist_by_house?: boolean;
	expand?: {
		shift?: ShiftRecord;
		user?: UserRecord;
	};
}

/** Event attendee registration. */
export interface RegistrationRecord extends BaseRecord {
	event: RecordId;
	user: RecordId;
	status: PlaceStatus | Empty;
	/** Unique; generated on create (24 chars) unless the server sets one. */
	ticket_code: string;
	checked_in_at: DateString;
	cancelled_at: DateString;
	/** Cancelled by staff or with its event while confirmed, not by its holder (set by the server). */
	cancelled_by_house?: boolean;
	/** Taken off the waitlist by staff or the system, not left by its holder (set by the server). */
	off_waitlist_by_house?: boolean;
	expand?: {
		event?: EventRecord;
		user?: UserRecord;
	};
}

export interface NotificationRecord extends BaseRecord {
	user: RecordId;
	kind: string;
	/** In the person's language when it was made. */
	title: string;
	body: string;
	/** Both languages (messages made before there were two have none). */
	texts?: { da: { title: string; body: string }; en: { title: string; body: string } } | null;
	link: string;
	read_at: DateString;
	emailed_at: DateString;
	/** Unique when non-empty. */
	dedupe_key: string;
}

export interface AuditLogRecord extends BaseRecord {
	actor: RecordId | Empty;
	action: string;
	target_collection: string;
	target_id: string;
	details: JsonValue;
	expand?: { actor?: UserRecord };
}

// ---------------------------------------------------------------------------------------------
// Season application round (pb_migrations/1766400000_season_round.js; written only by the season routes)

// (second round and free dates: pb_migrations/1766800000_season_second_round.js)
export type SeasonStatus =
	'setup' | 'open' | 'closed' | 'draft_published' | 'final' | 'second_round' | 'second_closed' | 'leftovers';

export interface SeasonRecord extends BaseRecord {
	name: string;
	/** "YYYY-MM-DD". */
	first_date: string;
	last_date: string;
	slots: { id: string; room: RecordId; weekday: Weekday; start: LocalTime; end: LocalTime }[] | null;
	blackout_dates: string[] | null;
	apply_from: DateString;
	apply_until: DateString;
	draft_at: DateString;
	objection_until: DateString;
	final_at: DateString;
	tiers: ('house' | 'children' | 'education' | 'adults')[] | null;
	house_associations: RecordId[] | null;
	local_criteria: { key: string; da: string; en: string }[] | null;
	tie_breakers: ('history' | 'participants_per_hour' | 'applied_first')[] | null;
	leftovers: 'fcfs' | 'second_round' | Empty;
	swap_approval: boolean;
	status: SeasonStatus;
	settlements: { slot: string; winner: string; note?: string; by?: RecordId; round?: 1 | 2 }[] | null;
	overrides:
		{ activity: string; slot: string; every: number; code: string; note?: string; by?: RecordId }[] | null;
	drafted_at: DateString;
	published_at: DateString;
	finalized_at: DateString;
	previous: RecordId | Empty;
	/** The second round's window (opened by staff) and when its draft last ran. */
	second_from: DateString;
	second_until: DateString;
	second_drafted_at: DateString;
}

export interface SeasonApplicationRecord extends BaseRecord {
	season: RecordId;
	association: RecordId;
	applicant: RecordId;
	activities: JsonValue;
	declared_section4: boolean;
	declared_child_certificates: boolean;
	local_criteria: string[] | null;
	eligibility: JsonValue;
	status: 'submitted' | 'withdrawn';
	submitted_at: DateString;
	/** 0 or 1: the first round; 2: the second. One application per association and round. */
	round: number;
}

export interface SeasonLineRecord extends BaseRecord {
	season: RecordId;
	application: RecordId | Empty;
	association: RecordId;
	/** "<application id>:<activity key>", "leftover:..." for a claimed free time, "leftover-date:..." for a
	 * claimed single date (every = 0, holds no half). */
	activity: string;
	activity_name: string;
	tier: string;
	status: 'allocated' | 'flagged' | 'unallocated' | 'released';
	via: 'wish' | 'flexibility' | 'override' | 'settled' | 'leftover' | 'none' | Empty;
	wish: number;
	slot: string;
	room: RecordId | Empty;
	weekday: string;
	start_time: string;
	end_time: string;
	every: number;
	parity: number;
	participants: number;
	reason: JsonValue;
	series: RecordId | Empty;
	booked: number;
	skipped: { date: string; code: string }[] | null;
	/** 0 or 1: the first round (or leftovers); 2: the second round. */
	round: number;
}

export interface SeasonObjectionRecord extends BaseRecord {
	season: RecordId;
	association: RecordId;
	line: RecordId | Empty;
	author: RecordId | Empty;
	text: string;
	status: 'open' | 'answered';
	answer: string;
	answered_by: RecordId | Empty;
	answered_at: DateString;
}

export interface SeasonSwapRecord extends BaseRecord {
	season: RecordId;
	kind: 'swap' | 'handover';
	from_line: RecordId;
	to_line: RecordId | Empty;
	from_association: RecordId;
	to_association: RecordId;
	from_consent_by: RecordId | Empty;
	from_consent_at: DateString;
	to_consent_by: RecordId | Empty;
	to_consent_at: DateString;
	decided_by: RecordId | Empty;
	decided_at: DateString;
	status: 'proposed' | 'consented' | 'done' | 'declined' | 'cancelled' | 'rejected';
	note: string;
}

// ---------------------------------------------------------------------------------------------
// Name -> record type
// ---------------------------------------------------------------------------------------------

export interface CollectionRecords {
	users: UserRecord;
	associations: AssociationRecord;
	memberships: MembershipRecord;
	rooms: RoomRecord;
	closures: ClosureRecord;
	booking_series: BookingSeriesRecord;
	bookings: BookingRecord;
	titles: TitleRecord;
	copies: CopyRecord;
	holds: HoldRecord;
	loans: LoanRecord;
	events: EventRecord;
	shifts: ShiftRecord;
	signups: SignupRecord;
	registrations: RegistrationRecord;
	notifications: NotificationRecord;
	audit_log: AuditLogRecord;
	seasons: SeasonRecord;
	season_applications: SeasonApplicationRecord;
	season_lines: SeasonLineRecord;
	season_objections: SeasonObjectionRecord;
	season_swaps: SeasonSwapRecord;
}

/** The record type of a collection, e.g. `RecordOf<'bookings'>`. */
export type RecordOf<C extends CollectionName> = CollectionRecords[C];

/** Events area (migration 1764300000): confirmed places on shifts and events, kept by hooks. */
export interface TakenPlaces {
	taken: number;
}
/** Events area (migration 1764300000): when a sign-up or registration joined its queue. */
export interface QueuePlacedAt {
	placed_at: DateString;
}
/** Library: the count of a title's copies on the shelf, recounted by PocketBase on every copy change. */
export interface TitleAvailability {
	on_shelf: number;
}
