/// <reference path="../pb_data/types.d.ts" />

// room_busy: the public projection of every active claim on a room (start, end, kind; never who or why).
// Bookings are private to their booker, association and staff (docs/rules.md rule 3), yet everyone must see
// when a room is busy and hear about it live. Hooks in rooms.pb.js keep this projection in the same
// transaction as the booking or event it mirrors; `source` (hidden) links back for that upkeep only.

migrate(
	(app) => {
		const rooms = app.findCollectionByNameOrId('rooms');
		const collection = new Collection({
			type: 'base',
			name: 'room_busy',
			fields: [
				{
					type: 'relation',
					name: 'room',
					required: true,
					collectionId: rooms.id,
					cascadeDelete: true,
					minSelect: 0,
					maxSelect: 1
				},
				{ type: 'date', name: 'start', required: true },
				{ type: 'date', name: 'end', required: true },
				{ type: 'select', name: 'kind', required: true, values: ['booking', 'event'], maxSelect: 1 },
				{ type: 'text', name: 'source', required: true, max: 30, hidden: true }
			],
			indexes: [
				'CREATE UNIQUE INDEX `idx_room_busy_source` ON `room_busy` (`source`)',
				'CREATE INDEX `idx_room_busy_room_start_end` ON `room_busy` (`room`, `start`, `end`)'
			],
			listRule: '',
			viewRule: '',
			createRule: null,
			updateRule: null,
			deleteRule: null
		});
		app.save(collection);

		const add = (kind, record) => {
			const busy = new Record(collection);
			busy.set('room', record.getString('room'));
			busy.set('start', record.getString('start'));
			busy.set('end', record.getString('end'));
			busy.set('kind', kind);
			busy.set('source', record.id);
			app.save(busy);
		};
		for (const booking of app.findRecordsByFilter(
			'bookings',
			'status = "pending" || status = "approved"',
			'',
			0,
			0
		)) {
			add('booking', booking);
		}
		for (const event of app.findRecordsByFilter('events', 'room != "" && state != "cancelled"', '', 0, 0)) {
			add('event', event);
		}
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('room_busy'));
	}
);
