/// <reference path="../pb_data/types.d.ts" />

// The season's second round and single free dates (docs/rules.md, "Season application round"):
//   * seasons: two more states, `second_round` (the window for the slots left free) and `second_closed`
//     (staff allocate them), the second window's dates and when its draft ran;
//   * season_applications and season_lines: `round` (0 or 1 = the first round, 2 = the second), so an
//     association applies once per round and the first round's draft never touches the second's lines;
//   * season_lines: associations see their second-round lines only once that round is published.

const MEMBER = (rel) =>
	`(${rel}.memberships_via_association.user ?= @request.auth.id && ` +
	`${rel}.memberships_via_association.status ?= "active" && ` +
	`(${rel}.memberships_via_association.role ?= "admin" || ${rel}.memberships_via_association.role ?= "booker"))`;
const STAFF = '@request.auth.staff = true';
const OLD_PUBLISHED =
	'(season.status = "draft_published" || season.status = "final" || season.status = "leftovers")';
const PUBLISHED =
	'(season.status = "draft_published" || season.status = "final" || season.status = "second_round" || ' +
	'season.status = "second_closed" || season.status = "leftovers") && (round != 2 || season.status = "leftovers")';
const STATES = ['setup', 'open', 'closed', 'draft_published', 'final', 'leftovers'];

migrate(
	(app) => {
		const seasons = app.findCollectionByNameOrId('seasons');
		seasons.fields.getByName('status').values = STATES.concat(['second_round', 'second_closed']);
		seasons.fields.add(new DateField({ name: 'second_from' }));
		seasons.fields.add(new DateField({ name: 'second_until' }));
		seasons.fields.add(new DateField({ name: 'second_drafted_at' }));
		app.save(seasons);

		const applications = app.findCollectionByNameOrId('season_applications');
		applications.fields.add(new NumberField({ name: 'round', onlyInt: true }));
		applications.indexes = [
			'CREATE UNIQUE INDEX `idx_season_applications_one` ON `season_applications` (`season`, `association`, `round`)'
		];
		app.save(applications);

		const lines = app.findCollectionByNameOrId('season_lines');
		lines.fields.add(new NumberField({ name: 'round', onlyInt: true }));
		lines.listRule = `${STAFF} || (${PUBLISHED} && ${MEMBER('association')})`;
		lines.viewRule = lines.listRule;
		app.save(lines);
	},
	(app) => {
		const lines = app.findCollectionByNameOrId('season_lines');
		app.db().newQuery('DELETE FROM season_lines WHERE round = 2').execute();
		lines.fields.removeByName('round');
		lines.listRule = `${STAFF} || (${OLD_PUBLISHED} && ${MEMBER('association')})`;
		lines.viewRule = lines.listRule;
		app.save(lines);

		const applications = app.findCollectionByNameOrId('season_applications');
		app.db().newQuery('DELETE FROM season_applications WHERE round = 2').execute();
		applications.indexes = [
			'CREATE UNIQUE INDEX `idx_season_applications_one` ON `season_applications` (`season`, `association`)'
		];
		applications.fields.removeByName('round');
		app.save(applications);

		const seasons = app.findCollectionByNameOrId('seasons');
		app
			.db()
			.newQuery(
				"UPDATE seasons SET status = 'leftovers' WHERE status = 'second_round' OR status = 'second_closed'"
			)
			.execute();
		seasons.fields.getByName('status').values = STATES;
		seasons.fields.removeByName('second_from');
		seasons.fields.removeByName('second_until');
		seasons.fields.removeByName('second_drafted_at');
		app.save(seasons);
	}
);
