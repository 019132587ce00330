/// <reference path="../pb_data/types.d.ts" />

// The season application round (docs/rules.md, "Season application round"):
//   * seasons: the period, the weekly slots offered, blackout dates, the dates of the round, the priority
//     order (tiers, local criteria, tie-breakers) and the round's state; staff's settlements of flagged
//     conflicts and hand overrides are stored here as inputs of the allocation, so a run is repeatable;
//   * season_applications: one per association and season, its activities and wishes, its declarations;
//   * season_lines: the result of the allocation, one line per activity, each with its reason;
//   * season_objections and season_swaps.
// The record API only reads (rules below); every write goes through the routes of pb_hooks/season.pb.js,
// which consult the machines of pb_hooks/lib/season/machines.js inside one transaction.

const STAFF = '@request.auth.staff = true';
const MEMBER = (rel) =>
	`(${rel}.memberships_via_association.user ?= @request.auth.id && ` +
	`${rel}.memberships_via_association.status ?= "active" && ` +
	`(${rel}.memberships_via_association.role ?= "admin" || ${rel}.memberships_via_association.role ?= "booker"))`;
const PUBLISHED =
	'(season.status = "draft_published" || season.status = "final" || season.status = "leftovers")';
const DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const timestamps = () => [
	{ type: 'autodate', name: 'created', onCreate: true, onUpdate: false },
	{ type: 'autodate', name: 'updated', onCreate: true, onUpdate: true }
];
const text = (name, o) => Object.assign({ type: 'text', name: name, max: 1000 }, o || {});
const json = (name) => ({ type: 'json', name: name, maxSize: 2000000 });
const date = (name) => ({ type: 'date', name: name });
const bool = (name) => ({ type: 'bool', name: name });
const int = (name) => ({ type: 'number', name: name, onlyInt: true });
const rel = (name, collectionId, o) =>
	Object.assign({ type: 'relation', name: name, collectionId: collectionId, maxSelect: 1 }, o || {});
const select = (name, values, o) =>
	Object.assign({ type: 'select', name: name, values: values, maxSelect: 1 }, o || {});

const NAMES = ['season_swaps', 'season_objections', 'season_lines', 'season_applications', 'seasons'];

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users').id;
		const associations = app.findCollectionByNameOrId('associations').id;
		const rooms = app.findCollectionByNameOrId('rooms').id;
		const seriesId = app.findCollectionByNameOrId('booking_series').id;

		const seasons = new Collection({
			type: 'base',
			name: 'seasons',
			listRule: `status != "setup" || ${STAFF}`,
			viewRule: `status != "setup" || ${STAFF}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				text('name', { required: true, max: 200 }),
				text('first_date', { required: true, pattern: DAY, max: 10 }),
				text('last_date', { required: true, pattern: DAY, max: 10 }),
				json('slots'),
				json('blackout_dates'),
				date('apply_from'),
				date('apply_until'),
				date('draft_at'),
				date('objection_until'),
				date('final_at'),
				json('tiers'),
				json('house_associations'),
				json('local_criteria'),
				json('tie_breakers'),
				select('leftovers', ['fcfs', 'second_round']),
				bool('swap_approval'),
				select('status', ['setup', 'open', 'closed', 'draft_published', 'final', 'leftovers']),
				json('settlements'),
				json('overrides'),
				date('drafted_at'),
				date('published_at'),
				date('finalized_at'),
				...timestamps()
			],
			indexes: ['CREATE INDEX `idx_seasons_status` ON `seasons` (`status`)']
		});
		app.save(seasons);
		// the season before, for "copy last season" and the history tie-breaker
		seasons.fields.add(new RelationField(rel('previous', seasons.id)));
		app.save(seasons);

		const applications = new Collection({
			type: 'base',
			name: 'season_applications',
			listRule: `${STAFF} || ${MEMBER('association')}`,
			viewRule: `${STAFF} || ${MEMBER('association')}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				rel('season', seasons.id, { required: true, cascadeDelete: true }),
				rel('association', associations, { required: true, cascadeDelete: true }),
				rel('applicant', users, { required: true }),
				json('activities'),
				bool('declared_section4'),
				bool('declared_child_certificates'),
				json('local_criteria'),
				json('eligibility'),
				select('status', ['submitted', 'withdrawn']),
				date('submitted_at'),
				...timestamps()
			],
			indexes: [
				'CREATE UNIQUE INDEX `idx_season_applications_one` ON `season_applications` (`season`, `association`)'
			]
		});
		app.save(applications);

		const lines = new Collection({
			type: 'base',
			name: 'season_lines',
			listRule: `${STAFF} || (${PUBLISHED} && ${MEMBER('association')})`,
			viewRule: `${STAFF} || (${PUBLISHED} && ${MEMBER('association')})`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				rel('season', seasons.id, { required: true, cascadeDelete: true }),
				rel('application', applications.id, { cascadeDelete: true }),
				rel('association', associations, { required: true, cascadeDelete: true }),
				text('activity', { required: true, max: 120 }),
				text('activity_name', { max: 200 }),
				text('tier', { max: 20 }),
				select('status', ['allocated', 'flagged', 'unallocated', 'released'], { required: true }),
				select('via', ['wish', 'flexibility', 'override', 'settled', 'leftover', 'none']),
				int('wish'),
				text('slot', { max: 60 }),
				rel('room', rooms),
				text('weekday', { max: 3 }),
				text('start_time', { max: 5 }),
				text('end_time', { max: 5 }),
				int('every'),
				int('parity'),
				int('participants'),
				json('reason'),
				rel('series', seriesId),
				int('booked'),
				json('skipped'),
				...timestamps()
			],
			indexes: [
				'CREATE INDEX `idx_season_lines_season` ON `season_lines` (`season`, `status`, `slot`)',
				'CREATE INDEX `idx_season_lines_association` ON `season_lines` (`association`, `season`)'
			]
		});
		app.save(lines);

		const objections = new Collection({
			type: 'base',
			name: 'season_objections',
			listRule: `${STAFF} || ${MEMBER('association')}`,
			viewRule: `${STAFF} || ${MEMBER('association')}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				rel('season', seasons.id, { required: true, cascadeDelete: true }),
				rel('association', associations, { required: true, cascadeDelete: true }),
				rel('line', lines.id),
				rel('author', users),
				text('text', { required: true, max: 2000 }),
				select('status', ['open', 'answered'], { required: true }),
				text('answer', { max: 2000 }),
				rel('answered_by', users),
				date('answered_at'),
				...timestamps()
			],
			indexes: ['CREATE INDEX `idx_season_objections_season` ON `season_objections` (`season`, `status`)']
		});
		app.save(objections);

		const swaps = new Collection({
			type: 'base',
			name: 'season_swaps',
			listRule: `${STAFF} || ${MEMBER('from_association')} || ${MEMBER('to_association')}`,
			viewRule: `${STAFF} || ${MEMBER('from_association')} || ${MEMBER('to_association')}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				rel('season', seasons.id, { required: true, cascadeDelete: true }),
				select('kind', ['swap', 'handover'], { required: true }),
				rel('from_line', lines.id, { required: true, cascadeDelete: true }),
				rel('to_line', lines.id, { cascadeDelete: true }),
				rel('from_association', associations, { required: true, cascadeDelete: true }),
				rel('to_association', associations, { required: true, cascadeDelete: true }),
				rel('from_consent_by', users),
				date('from_consent_at'),
				rel('to_consent_by', users),
				date('to_consent_at'),
				rel('decided_by', users),
				date('decided_at'),
				select('status', ['proposed', 'consented', 'done', 'declined', 'cancelled', 'rejected'], {
					required: true
				}),
				text('note', { max: 1000 }),
				...timestamps()
			],
			indexes: ['CREATE INDEX `idx_season_swaps_season` ON `season_swaps` (`season`, `status`)']
		});
		app.save(swaps);
	},
	(app) => {
		for (const name of NAMES) {
			try {
				app.delete(app.findCollectionByNameOrId(name));
			} catch (_) {
				// already gone
			}
		}
	}
);
