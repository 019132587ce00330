/// <reference path="../pb_data/types.d.ts" />

// A search by ISBN finds the edition however the number is written ("978-87-7000-001-7", "ISBN
// 9788770000017", the ISBN-10 "87-7000-001-8"): the library's search compares the key titles are compared
// by (lib/library-identifier.js), not the identifier as typed. PocketBase lets nobody but a superuser
// filter by a hidden field, so `identifier_key` is no longer hidden. It holds nothing the identifier does
// not; the hook still sets it on every save, whatever a request sends. The unique index covers only the
// titles that have a key, which SQLite uses for a query only when it says so itself; a search asks for
// one key (or a number's prefix, OR'ed), so the key gets a plain index as well.

migrate(
	(app) => {
		const titles = app.findCollectionByNameOrId('titles');
		titles.fields.getByName('identifier_key').hidden = false;
		titles.indexes.push('CREATE INDEX `idx_titles_identifier_key_search` ON `titles` (`identifier_key`)');
		app.save(titles);
	},
	(app) => {
		const titles = app.findCollectionByNameOrId('titles');
		titles.fields.getByName('identifier_key').hidden = true;
		titles.indexes = titles.indexes.filter((index) => index.indexOf('idx_titles_identifier_key_search') < 0);
		app.save(titles);
	}
);
