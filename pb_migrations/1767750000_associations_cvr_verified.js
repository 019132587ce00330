/// <reference path="../pb_data/types.d.ts" />

// A CVR number is unique among verified associations only (docs/rules.md, "Associations and memberships"):
// an unverified association, which anyone signed in registers at no cost, no longer holds its number
// against the real association's registration. The unique index on every row becomes a unique index on
// verified rows (lib/rooms-associations-write.js checks it in the write's transaction; staff cannot verify
// a second association with a number a verified one holds), with a plain index for look-ups by number.
// The numbers stored were unique among all rows, so the new index builds.

migrate(
	(app) => {
		const associations = app.findCollectionByNameOrId('associations');
		associations.indexes = associations.indexes
			.filter((index) => index.indexOf('`idx_associations_cvr`') < 0)
			.concat([
				'CREATE INDEX `idx_associations_cvr_number` ON `associations` (`cvr`)',
				"CREATE UNIQUE INDEX `idx_associations_cvr_verified` ON `associations` (`cvr`) WHERE `verified` = 1 AND `cvr` != ''"
			]);
		app.save(associations);
	},
	(app) => {
		// back to one number per association: fails while two associations share one (staff merge them first)
		const associations = app.findCollectionByNameOrId('associations');
		associations.indexes = associations.indexes
			.filter(
				(index) =>
					index.indexOf('`idx_associations_cvr`') < 0 &&
					index.indexOf('`idx_associations_cvr_number`') < 0 &&
					index.indexOf('`idx_associations_cvr_verified`') < 0
			)
			.concat(['CREATE UNIQUE INDEX `idx_associations_cvr` ON `associations` (`cvr`)']);
		app.save(associations);
	}
);
