/// <reference path="../pb_data/types.d.ts" />

// A copy lost on loan is written off (docs/rules.md, "Library"): the loan ends (`returned_at`, when it was
// written off) and `lost` says it ended without the copy coming back. Only the server writes it
// (lib/library-desk.js closeLoan); loans stored before were all returned, so every one stays false.

migrate(
	(app) => {
		const loans = app.findCollectionByNameOrId('loans');
		loans.fields.add(new BoolField({ name: 'lost' }));
		app.save(loans);
	},
	(app) => {
		const loans = app.findCollectionByNameOrId('loans');
		loans.fields.removeByName('lost');
		app.save(loans);
	}
);
