/// <reference path="../pb_data/types.d.ts" />

// Borgerhus: initial data model (PocketBase v0.39.x, JS migrations).
//
// Layout of this file:
//   1. small field helpers (plain field definitions, as PocketBase's own generated migrations use)
//   2. up:   extend `users` -> create every collection (fields + indexes, rules still null)
//            -> apply the API rules in a second pass (rules reference back-relations such as
//               `memberships_via_association`, which can only be validated once every collection exists)
//   3. down: drop the collections in reverse order and restore `users` to the PocketBase defaults
//
// Rule conventions:
//   null  = superusers only (hooks / the server run with superuser or internal access)
//   ""    = everybody, guests included (only used where the data is public on purpose)
//   STAFF = `@request.auth.staff = true` (a flag on a normal user account; superusers are not staff)
//
// Rule semantics worth knowing when editing:
//   * Create rules are evaluated against the submitted data BEFORE onRecordCreateRequest hooks run,
//     so hooks may still set fields such as `status` or `placed_at` that the rules forbid clients to send.
//   * `x_via_y.field ?= a && x_via_y.other ?= b` (and `@collection.x.*` without an alias) share ONE
//     LEFT JOIN alias in PocketBase, so all conditions are checked against the SAME joined row.
//   * `@request.body.f:isset = false` refuses the request if the client sends the key at all
//     (even with an empty or unchanged value).

const STAFF = '@request.auth.staff = true';
const SIGNED_IN = '@request.auth.id != ""';

// -- field helpers ----------------------------------------------------------------------------------

const text = (name, o) =>
	Object.assign(
		{ type: 'text', name: name, required: false, min: 0, max: 0, pattern: '', hidden: false },
		o || {}
	);
const num = (name, o) =>
	Object.assign({ type: 'number', name: name, required: false, onlyInt: false }, o || {});
const int = (name, o) => num(name, Object.assign({ onlyInt: true }, o || {}));
const bool = (name, o) => Object.assign({ type: 'bool', name: name, required: false }, o || {});
const date = (name, o) => Object.assign({ type: 'date', name: name, required: false }, o || {});
const email = (name, o) => Object.assign({ type: 'email', name: name, required: false }, o || {});
const json = (name, o) => Object.assign({ type: 'json', name: name, required: false, maxSize: 0 }, o || {});
const select = (name, values, o) =>
	Object.assign({ type: 'select', name: name, required: false, values: values, maxSelect: 1 }, o || {});
const rel = (name, collectionId, o) =>
	Object.assign(
		{
			type: 'relation',
			name: name,
			required: false,
			collectionId: collectionId,
			cascadeDelete: false,
			minSelect: 0,
			maxSelect: 1
		},
		o || {}
	);
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'];
const image = (name, o) =>
	Object.assign(
		{
			type: 'file',
			name: name,
			required: false,
			maxSelect: 1,
			maxSize: 5 * 1024 * 1024,
			mimeTypes: IMAGE_TYPES,
			thumbs: [],
			protected: false
		},
		o || {}
	);
const timestamps = () => [
	{ type: 'autodate', name: 'created', onCreate: true, onUpdate: false },
	{ type: 'autodate', name: 'updated', onCreate: true, onUpdate: true }
];
const base = (name, fields, indexes) =>
	new Collection({
		type: 'base',
		name: name,
		fields: fields.concat(timestamps()),
		indexes: indexes || [],
		listRule: null,
		viewRule: null,
		createRule: null,
		updateRule: null,
		deleteRule: null
	});

const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

// Names of the collections created here, in creation order (down deletes them in reverse).
const CREATED = [
	'associations',
	'memberships',
	'rooms',
	'closures',
	'booking_series',
	'bookings',
	'titles',
	'copies',
	'holds',
	'loans',
	'events',
	'shifts',
	'signups',
	'registrations',
	'notifications',
	'audit_log'
];

// Fields added to the default `users` auth collection.
const USER_FIELDS = [
	'phone',
	'language',
	'staff',
	'notify_email',
	'notify_reminders',
	'volunteer_terms_at',
	'skills',
	'calendar_token',
	'deleted_at'
];

migrate(
	(app) => {
		// ---------------------------------------------------------------- users (existing auth collection)
		const users = app.findCollectionByNameOrId('users');

		const nameField = users.fields.getByName('name');
		nameField.required = true;
		nameField.max = 120;

		users.fields.getByName('password').min = 10;

		users.fields.add(new TextField(text('phone', { max: 30 })));
		users.fields.add(new SelectField(select('language', ['da', 'en'])));
		users.fields.add(new BoolField(bool('staff')));
		users.fields.add(new BoolField(bool('notify_email')));
		users.fields.add(new BoolField(bool('notify_reminders')));
		users.fields.add(new DateField(date('volunteer_terms_at')));
		users.fields.add(new TextField(text('skills', { max: 500 })));
		users.fields.add(new TextField(text('calendar_token', { max: 100, hidden: true })));
		users.fields.add(new DateField(date('deleted_at')));

		users.addIndex('idx_users_calendar_token', true, '`calendar_token`', "`calendar_token` != ''");
		users.passwordAuth.enabled = true;
		app.save(users);

		const U = users.id;
		const idOf = (name) => app.findCollectionByNameOrId(name).id;

		// ---------------------------------------------------------------- associations + memberships
		app.save(
			base(
				'associations',
				[
					text('name', { required: true, max: 160, presentable: true }),
					text('cvr', { required: true, max: 20 }),
					text('contact_name', { max: 120 }),
					email('contact_email'),
					text('contact_phone', { max: 30 }),
					text('description', { max: 2000 }),
					bool('verified'),
					date('verified_at'),
					rel('created_by', U)
				],
				[
					'CREATE UNIQUE INDEX `idx_associations_cvr` ON `associations` (`cvr`)',
					'CREATE INDEX `idx_associations_verified_name` ON `associations` (`verified`, `name`)'
				]
			)
		);

		app.save(
			base(
				'memberships',
				[
					rel('association', idOf('associations'), { required: true, cascadeDelete: true }),
					rel('user', U, { required: true, cascadeDelete: true }),
					select('role', ['admin', 'booker', 'member'], { required: true })
				],
				[
					'CREATE UNIQUE INDEX `idx_memberships_association_user` ON `memberships` (`association`, `user`)',
					'CREATE INDEX `idx_memberships_user` ON `memberships` (`user`)'
				]
			)
		);

		// ---------------------------------------------------------------- rooms, closures, bookings
		app.save(
			base(
				'rooms',
				[
					text('name', { required: true, max: 120, presentable: true }),
					text('slug', { required: true, max: 80, pattern: '^[a-z0-9-]+$' }),
					text('description', { max: 5000 }),
					// SVG illustrations are allowed for rooms: PocketBase serves files with a sandboxing CSP.
					image('photos', {
						maxSelect: 6,
						thumbs: ['480x320', '960x640'],
						mimeTypes: IMAGE_TYPES.concat(['image/svg+xml'])
					}),
					int('capacity', { required: true, min: 1, max: 100000 }),
					json('facilities', { maxSize: 10000 }),
					bool('step_free'),
					bool('hearing_loop'),
					bool('accessible_toilet'),
					text('accessibility_notes', { max: 2000 }),
					select('who_may_book', ['associations', 'citizens']),
					bool('requires_approval'),
					json('opening_hours', { maxSize: 10000 }),
					int('min_minutes', { min: 0, max: 10080 }),
					int('max_minutes', { min: 0, max: 10080 }),
					int('step_minutes', { min: 0, max: 1440 }),
					int('buffer_minutes', { min: 0, max: 1440 }),
					int('horizon_days', { min: 0, max: 1100 }),
					int('cancel_hours', { min: 0, max: 8760 }),
					bool('active'),
					num('sort')
				],
				[
					'CREATE UNIQUE INDEX `idx_rooms_slug` ON `rooms` (`slug`)',
					'CREATE INDEX `idx_rooms_active_sort` ON `rooms` (`active`, `sort`)'
				]
			)
		);
		const ROOMS = idOf('rooms');

		app.save(
			base(
				'closures',
				[
					rel('room', ROOMS, { cascadeDelete: true }),
					date('start', { required: true }),
					date('end', { required: true }),
					text('reason', { max: 500 })
				],
				['CREATE INDEX `idx_closures_room_start_end` ON `closures` (`room`, `start`, `end`)']
			)
		);

		const ASSOCIATIONS = idOf('associations');

		app.save(
			base(
				'booking_series',
				[
					rel('room', ROOMS, { required: true }),
					rel('booker', U, { required: true }),
					rel('association', ASSOCIATIONS),
					text('purpose', { max: 200 }),
					int('attendees', { min: 1, max: 100000 }),
					text('rrule', { max: 500 }),
					date('first_date', { required: true }),
					date('last_date', { required: true }),
					text('start_time', { required: true, max: 5, pattern: HHMM }),
					text('end_time', { required: true, max: 5, pattern: HHMM })
				],
				[
					'CREATE INDEX `idx_booking_series_booker` ON `booking_series` (`booker`, `first_date`)',
					'CREATE INDEX `idx_booking_series_association` ON `booking_series` (`association`, `first_date`)',
					'CREATE INDEX `idx_booking_series_room` ON `booking_series` (`room`, `first_date`)'
				]
			)
		);

		app.save(
			base(
				'bookings',
				[
					rel('room', ROOMS, { required: true }),
					rel('booker', U, { required: true }),
					rel('association', ASSOCIATIONS),
					rel('series', idOf('booking_series')),
					text('purpose', { max: 200 }),
					int('attendees', { required: true, min: 1, max: 100000 }),
					date('start', { required: true }),
					date('end', { required: true }),
					select('status', ['pending', 'approved', 'rejected', 'cancelled']),
					text('reason', { max: 1000 }),
					rel('cancelled_by', U),
					text('cancel_reason', { max: 1000 }),
					rel('decided_by', U),
					date('decided_at')
				],
				[
					'CREATE INDEX `idx_bookings_room_start_end` ON `bookings` (`room`, `start`, `end`)',
					'CREATE INDEX `idx_bookings_booker_start` ON `bookings` (`booker`, `start`)',
					'CREATE INDEX `idx_bookings_association_start` ON `bookings` (`association`, `start`)',
					'CREATE INDEX `idx_bookings_status_start` ON `bookings` (`status`, `start`)',
					'CREATE INDEX `idx_bookings_series` ON `bookings` (`series`)'
				]
			)
		);

		// ---------------------------------------------------------------- library
		app.save(
			base(
				'titles',
				[
					text('title', { required: true, max: 300, presentable: true }),
					text('creator', { max: 300 }),
					int('year', { min: -5000, max: 3000 }),
					text('language', { max: 20 }),
					select('type', ['book', 'audiobook', 'film', 'game', 'magazine', 'thing']),
					text('identifier', { max: 64 }),
					text('subjects', { max: 2000 }),
					text('description', { max: 5000 }),
					image('cover', { thumbs: ['160x0', '320x0'] })
				],
				[
					'CREATE INDEX `idx_titles_title` ON `titles` (`title`)',
					'CREATE INDEX `idx_titles_creator` ON `titles` (`creator`)',
					'CREATE INDEX `idx_titles_identifier` ON `titles` (`identifier`)',
					'CREATE INDEX `idx_titles_type_title` ON `titles` (`type`, `title`)'
				]
			)
		);
		const TITLES = idOf('titles');

		app.save(
			base(
				'copies',
				[
					rel('title', TITLES, { required: true, cascadeDelete: true }),
					text('barcode', { required: true, max: 64, presentable: true }),
					text('shelf', { max: 50 }),
					select('status', ['shelf', 'loan', 'reserved', 'missing'])
				],
				[
					'CREATE UNIQUE INDEX `idx_copies_barcode` ON `copies` (`barcode`)',
					'CREATE INDEX `idx_copies_title_status` ON `copies` (`title`, `status`)'
				]
			)
		);
		const COPIES = idOf('copies');

		app.save(
			base(
				'holds',
				[
					rel('title', TITLES, { required: true }),
					rel('patron', U, { required: true }),
					select('status', ['waiting', 'paused', 'ready', 'collected', 'expired', 'cancelled']),
					date('placed_at'),
					rel('copy', COPIES),
					text('pickup_shelf', { max: 50 }),
					date('pickup_deadline'),
					date('ready_at'),
					date('ended_at')
				],
				[
					// One active hold per patron per title: WHERE status IN ('', 'waiting', 'paused', 'ready').
					// Written with OR because PocketBase's index parser (dbutils.ParseIndex) rejects a ")"
					// inside the WHERE clause. '' is included because the create rule lets a client omit
					// `status` (hooks set "waiting"); without it such a row would escape the constraint.
					"CREATE UNIQUE INDEX `idx_holds_active` ON `holds` (`title`, `patron`) WHERE `status` = '' OR `status` = 'waiting' OR `status` = 'paused' OR `status` = 'ready'",
					'CREATE INDEX `idx_holds_title_status_placed` ON `holds` (`title`, `status`, `placed_at`)',
					'CREATE INDEX `idx_holds_patron_status` ON `holds` (`patron`, `status`)'
				]
			)
		);

		app.save(
			base(
				'loans',
				[
					rel('copy', COPIES, { required: true }),
					rel('patron', U, { required: true }),
					rel('title', TITLES, { required: true }),
					date('start'),
					date('due'),
					date('returned_at')
				],
				[
					// Two columns on purpose: PocketBase treats a single-column UNIQUE index on a relation
					// (even a partial one) as a one-to-one back-relation (copies.loans_via_copy would expand
					// to a single record and skip multi-match filtering). `returned_at` is '' for every row
					// the partial index covers, so uniqueness is still "one open loan per copy".
					"CREATE UNIQUE INDEX `idx_loans_open_copy` ON `loans` (`copy`, `returned_at`) WHERE `returned_at` = ''",
					'CREATE INDEX `idx_loans_patron_returned` ON `loans` (`patron`, `returned_at`)',
					'CREATE INDEX `idx_loans_due` ON `loans` (`due`)'
				]
			)
		);

		// ---------------------------------------------------------------- events and volunteers
		app.save(
			base(
				'events',
				[
					text('title', { required: true, max: 200, presentable: true }),
					text('description', { max: 10000 }),
					image('image', { thumbs: ['480x270', '960x540'] }),
					select('category', ['concert', 'talk', 'market', 'workshop', 'children', 'other']),
					date('start', { required: true }),
					date('end', { required: true }),
					rel('room', ROOMS),
					select('state', ['draft', 'published', 'cancelled']),
					bool('registration'),
					int('capacity', { min: 0, max: 100000 }),
					rel('created_by', U)
				],
				[
					'CREATE INDEX `idx_events_state_start` ON `events` (`state`, `start`)',
					'CREATE INDEX `idx_events_room_start_end` ON `events` (`room`, `start`, `end`)'
				]
			)
		);
		const EVENTS = idOf('events');

		app.save(
			base(
				'shifts',
				[
					rel('event', EVENTS, { required: true, cascadeDelete: true }),
					text('task', { required: true, max: 200, presentable: true }),
					date('start', { required: true }),
					date('end', { required: true }),
					int('places', { required: true, min: 1, max: 10000 }),
					text('description', { max: 2000 }),
					text('requirements', { max: 1000 })
				],
				['CREATE INDEX `idx_shifts_event_start` ON `shifts` (`event`, `start`)']
			)
		);

		app.save(
			base(
				'signups',
				[
					rel('shift', idOf('shifts'), { required: true, cascadeDelete: true }),
					rel('user', U, { required: true }),
					select('status', ['confirmed', 'waitlisted', 'cancelled']),
					date('cancelled_at')
				],
				[
					'CREATE UNIQUE INDEX `idx_signups_shift_user` ON `signups` (`shift`, `user`)',
					'CREATE INDEX `idx_signups_shift_status_created` ON `signups` (`shift`, `status`, `created`)',
					'CREATE INDEX `idx_signups_user_status` ON `signups` (`user`, `status`)'
				]
			)
		);

		app.save(
			base(
				'registrations',
				[
					rel('event', EVENTS, { required: true, cascadeDelete: true }),
					rel('user', U, { required: true }),
					select('status', ['confirmed', 'waitlisted', 'cancelled']),
					// generated on create when empty; a hook may still replace it
					text('ticket_code', { max: 64, autogeneratePattern: '[a-z0-9]{24}', hidden: false }),
					date('checked_in_at'),
					date('cancelled_at')
				],
				[
					'CREATE UNIQUE INDEX `idx_registrations_event_user` ON `registrations` (`event`, `user`)',
					"CREATE UNIQUE INDEX `idx_registrations_ticket_code` ON `registrations` (`ticket_code`) WHERE `ticket_code` != ''",
					'CREATE INDEX `idx_registrations_event_status_created` ON `registrations` (`event`, `status`, `created`)',
					'CREATE INDEX `idx_registrations_user_status` ON `registrations` (`user`, `status`)'
				]
			)
		);

		// ---------------------------------------------------------------- notifications, audit log
		app.save(
			base(
				'notifications',
				[
					rel('user', U, { required: true, cascadeDelete: true }),
					text('kind', { max: 50 }),
					text('title', { max: 200 }),
					text('body', { max: 2000 }),
					text('link', { max: 500 }),
					date('read_at'),
					date('emailed_at'),
					text('dedupe_key', { max: 200 })
				],
				[
					"CREATE UNIQUE INDEX `idx_notifications_dedupe_key` ON `notifications` (`dedupe_key`) WHERE `dedupe_key` != ''",
					'CREATE INDEX `idx_notifications_user_created` ON `notifications` (`user`, `created`)',
					'CREATE INDEX `idx_notifications_user_read` ON `notifications` (`user`, `read_at`)',
					// the mail safety net scans `emailed_at = "" && created < cutoff`
					'CREATE INDEX `idx_notifications_emailed_created` ON `notifications` (`emailed_at`, `created`)'
				]
			)
		);

		app.save(
			base(
				'audit_log',
				[
					rel('actor', U),
					text('action', { required: true, max: 100 }),
					text('target_collection', { max: 100 }),
					text('target_id', { max: 50 }),
					json('details', { maxSize: 100000 })
				],
				[
					'CREATE INDEX `idx_audit_log_created` ON `audit_log` (`created`)',
					'CREATE INDEX `idx_audit_log_actor_created` ON `audit_log` (`actor`, `created`)',
					'CREATE INDEX `idx_audit_log_target` ON `audit_log` (`target_collection`, `target_id`)'
				]
			)
		);

		// ================================================================ API rules (second pass)
		const NO_USER_ADMIN_FIELDS =
			'@request.body.staff:isset = false && @request.body.calendar_token:isset = false && @request.body.deleted_at:isset = false';

		// member of the record's association (via the association relation on this record)
		const ASSOC_MEMBER = 'association.memberships_via_association.user ?= @request.auth.id';
		// admin of the record's association; both conditions hit the same joined membership row
		const ASSOC_ADMIN =
			'association.memberships_via_association.user ?= @request.auth.id && association.memberships_via_association.role ?= "admin"';
		// booker or admin of a VERIFIED association (rule 3); same joined membership row
		const ASSOC_MAY_BOOK =
			'association = "" || (association.verified = true && association.memberships_via_association.user ?= @request.auth.id && ' +
			'(association.memberships_via_association.role ?= "admin" || association.memberships_via_association.role ?= "booker"))';
		const BOOKING_READ = `booker = @request.auth.id || ${STAFF} || (association != "" && ${ASSOC_MEMBER})`;

		const rules = {
			users: {
				listRule: `id = @request.auth.id || ${STAFF}`,
				viewRule: `id = @request.auth.id || ${STAFF}`,
				createRule: NO_USER_ADMIN_FIELDS,
				updateRule: `id = @request.auth.id && ${NO_USER_ADMIN_FIELDS}`,
				deleteRule: null
			},
			associations: {
				listRule: `verified = true || ${STAFF} || memberships_via_association.user ?= @request.auth.id`,
				viewRule: `verified = true || ${STAFF} || memberships_via_association.user ?= @request.auth.id`,
				createRule:
					`${SIGNED_IN} && created_by = @request.auth.id && ` +
					'@request.body.verified:isset = false && @request.body.verified_at:isset = false',
				updateRule:
					`${STAFF} || (` +
					'memberships_via_association.user ?= @request.auth.id && memberships_via_association.role ?= "admin" && ' +
					'@request.body.verified:isset = false && @request.body.verified_at:isset = false && ' +
					'@request.body.created_by:isset = false)',
				deleteRule: STAFF
			},
			memberships: {
				listRule: `user = @request.auth.id || ${STAFF} || ${ASSOC_MEMBER}`,
				viewRule: `user = @request.auth.id || ${STAFF} || ${ASSOC_MEMBER}`,
				createRule: `${STAFF} || (${SIGNED_IN} && ${ASSOC_ADMIN})`,
				updateRule:
					`${STAFF} || (${ASSOC_ADMIN} && ` +
					'@request.body.association:isset = false && @request.body.user:isset = false)',
				deleteRule: `${STAFF} || (${ASSOC_ADMIN})`
			},
			rooms: { listRule: '', viewRule: '', createRule: STAFF, updateRule: STAFF, deleteRule: STAFF },
			closures: { listRule: '', viewRule: '', createRule: STAFF, updateRule: STAFF, deleteRule: STAFF },
			booking_series: {
				listRule: BOOKING_READ,
				viewRule: BOOKING_READ,
				createRule: `${SIGNED_IN} && booker = @request.auth.id && (${ASSOC_MAY_BOOK})`,
				updateRule: STAFF,
				deleteRule: STAFF
			},
			bookings: {
				listRule: BOOKING_READ,
				viewRule: BOOKING_READ,
				createRule:
					`${SIGNED_IN} && booker = @request.auth.id && (status = "" || status = "pending") && ` +
					`(${ASSOC_MAY_BOOK}) && (series = "" || series.booker = @request.auth.id) && ` +
					'@request.body.reason:isset = false && @request.body.cancelled_by:isset = false && ' +
					'@request.body.cancel_reason:isset = false && @request.body.decided_by:isset = false && ' +
					'@request.body.decided_at:isset = false',
				// the booker may edit and cancel; approval fields and ownership stay with staff/hooks
				updateRule:
					`${STAFF} || (booker = @request.auth.id && ` +
					'@request.body.booker:isset = false && @request.body.association:isset = false && ' +
					'@request.body.series:isset = false && @request.body.reason:isset = false && ' +
					'@request.body.decided_by:isset = false && @request.body.decided_at:isset = false && ' +
					'(@request.body.status:isset = false || @request.body.status = "cancelled") && ' +
					'(@request.body.cancelled_by:isset = false || @request.body.cancelled_by = @request.auth.id))',
				deleteRule: null
			},
			titles: { listRule: '', viewRule: '', createRule: STAFF, updateRule: STAFF, deleteRule: STAFF },
			copies: { listRule: '', viewRule: '', createRule: STAFF, updateRule: STAFF, deleteRule: STAFF },
			holds: {
				listRule: `patron = @request.auth.id || ${STAFF}`,
				viewRule: `patron = @request.auth.id || ${STAFF}`,
				// queue position (placed_at) and pickup fields are set by hooks/staff only
				createRule:
					`${SIGNED_IN} && patron = @request.auth.id && (status = "" || status = "waiting") && ` +
					'@request.body.placed_at:isset = false && @request.body.copy:isset = false && ' +
					'@request.body.pickup_shelf:isset = false && @request.body.pickup_deadline:isset = false && ' +
					'@request.body.ready_at:isset = false && @request.body.ended_at:isset = false',
				// a patron may pause/resume an active hold or cancel it; ended holds are frozen
				// ("" counts as active/waiting, like in idx_holds_active, until a hook has set the status)
				updateRule:
					`${STAFF} || (patron = @request.auth.id && ` +
					'(status = "" || status = "waiting" || status = "paused" || status = "ready") && ' +
					'@request.body.patron:isset = false && @request.body.title:isset = false && ' +
					'@request.body.placed_at:isset = false && @request.body.copy:isset = false && ' +
					'@request.body.pickup_shelf:isset = false && @request.body.pickup_deadline:isset = false && ' +
					'@request.body.ready_at:isset = false && @request.body.ended_at:isset = false && ' +
					'(@request.body.status:isset = false || @request.body.status = "cancelled" || ' +
					'((@request.body.status = "waiting" || @request.body.status = "paused") && (status = "" || status = "waiting" || status = "paused"))))',
				deleteRule: null
			},
			loans: {
				listRule: `patron = @request.auth.id || ${STAFF}`,
				viewRule: `patron = @request.auth.id || ${STAFF}`,
				createRule: STAFF,
				updateRule: STAFF,
				deleteRule: STAFF
			},
			events: {
				// cancelled events stay visible so attendees and volunteers can see what happened
				listRule: `state = "published" || state = "cancelled" || ${STAFF}`,
				viewRule: `state = "published" || state = "cancelled" || ${STAFF}`,
				createRule: STAFF,
				updateRule: STAFF,
				deleteRule: STAFF
			},
			shifts: {
				listRule: `event.state = "published" || event.state = "cancelled" || ${STAFF}`,
				viewRule: `event.state = "published" || event.state = "cancelled" || ${STAFF}`,
				createRule: STAFF,
				updateRule: STAFF,
				deleteRule: STAFF
			},
			signups: {
				listRule: `user = @request.auth.id || ${STAFF}`,
				viewRule: `user = @request.auth.id || ${STAFF}`,
				// status (confirmed/waitlisted) is decided by hooks, never by the client
				createRule:
					`${SIGNED_IN} && user = @request.auth.id && @request.auth.volunteer_terms_at != "" && ` +
					'shift.event.state = "published" && ' +
					'@request.body.status:isset = false && @request.body.cancelled_at:isset = false',
				updateRule:
					`${STAFF} || (user = @request.auth.id && status != "cancelled" && ` +
					'@request.body.user:isset = false && @request.body.shift:isset = false && ' +
					'@request.body.cancelled_at:isset = false && ' +
					'(@request.body.status:isset = false || @request.body.status = "cancelled"))',
				deleteRule: null
			},
			registrations: {
				listRule: `user = @request.auth.id || ${STAFF}`,
				viewRule: `user = @request.auth.id || ${STAFF}`,
				createRule:
					`${SIGNED_IN} && user = @request.auth.id && ` +
					'event.state = "published" && event.registration = true && ' +
					'@request.body.status:isset = false && @request.body.ticket_code:isset = false && ' +
					'@request.body.checked_in_at:isset = false && @request.body.cancelled_at:isset = false',
				updateRule:
					`${STAFF} || (user = @request.auth.id && status != "cancelled" && ` +
					'@request.body.user:isset = false && @request.body.event:isset = false && ' +
					'@request.body.ticket_code:isset = false && @request.body.checked_in_at:isset = false && ' +
					'@request.body.cancelled_at:isset = false && ' +
					'(@request.body.status:isset = false || @request.body.status = "cancelled"))',
				deleteRule: null
			},
			notifications: {
				listRule: 'user = @request.auth.id',
				viewRule: 'user = @request.auth.id',
				createRule: null,
				// only read_at may be changed by the owner
				updateRule:
					'user = @request.auth.id && @request.body.user:isset = false && @request.body.kind:isset = false && ' +
					'@request.body.title:isset = false && @request.body.body:isset = false && ' +
					'@request.body.link:isset = false && @request.body.emailed_at:isset = false && ' +
					'@request.body.dedupe_key:isset = false',
				deleteRule: null
			},
			audit_log: {
				listRule: STAFF,
				viewRule: STAFF,
				createRule: null,
				updateRule: null,
				deleteRule: null
			}
		};

		for (const name of Object.keys(rules)) {
			const c = app.findCollectionByNameOrId(name);
			const r = rules[name];
			c.listRule = r.listRule;
			c.viewRule = r.viewRule;
			c.createRule = r.createRule;
			c.updateRule = r.updateRule;
			c.deleteRule = r.deleteRule;
			if (name === 'users') {
				// only verified, non-deleted accounts may sign in
				c.authRule = 'verified = true && deleted_at = ""';
			}
			app.save(c);
		}
	},
	(app) => {
		// drop the rules first so no rule still points at a collection that is about to go away
		for (const name of CREATED) {
			const c = app.findCollectionByNameOrId(name);
			c.listRule = null;
			c.viewRule = null;
			c.createRule = null;
			c.updateRule = null;
			c.deleteRule = null;
			app.save(c);
		}
		for (const name of CREATED.slice().reverse()) {
			app.delete(app.findCollectionByNameOrId(name));
		}

		// restore the PocketBase defaults of the users collection
		const users = app.findCollectionByNameOrId('users');
		users.listRule = 'id = @request.auth.id';
		users.viewRule = 'id = @request.auth.id';
		users.createRule = '';
		users.updateRule = 'id = @request.auth.id';
		users.deleteRule = 'id = @request.auth.id';
		users.authRule = '';
		for (const f of USER_FIELDS) {
			users.fields.removeByName(f);
		}
		users.removeIndex('idx_users_calendar_token');
		const nameField = users.fields.getByName('name');
		nameField.required = false;
		nameField.max = 255;
		users.fields.getByName('password').min = 8;
		app.save(users);
	}
);
