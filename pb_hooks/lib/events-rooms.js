/// <reference path="../../pb_data/types.d.ts" />

// An event claims its room like a booking (docs/rules.md rule 1): the rooms area's findRoomConflict() is the
// one conflict query; this refuses an active event whose room is taken, or closed then. Call it inside the
// write's transaction with txApp.

/** Refuses an event (not cancelled, with a room) that collides with another claim on its room or a closure. */
function checkRoom(app, event) {
	if (!event.getString('room') || event.getString('state') === 'cancelled') return;
	const claims = require(`${__hooks}/lib/room-claims.js`);
	const conflict = claims.findRoomConflict(app, {
		room: event.getString('room'),
		start: event.getString('start'),
		end: event.getString('end'),
		excludeEventId: event.id
	});
	if (conflict && conflict.kind === 'closure') {
		// the room is closed then, as a booking is told (rooms_closed): nobody holds it, so "taken" would mislead
		const message = 'The room is closed at that time.';
		throw new BadRequestError(message, { room: new ValidationError('rooms_closed', message) });
	}
	if (conflict) {
		const message = 'The room is taken at that time.';
		throw new BadRequestError(message, { room: new ValidationError('events_room_taken', message) });
	}
}

/**
 * Refuses an event (not cancelled, with a room) whose capacity, the places it takes registrations for, is
 * larger than its room's capacity (`events_capacity_over_room`), as a booking's attendees are held to it: a
 * room's capacity is how many it holds safely. Asked of a new event, and of an update that changes the
 * capacity or the room (`fresh`, the row as stored), so an edit of anything else of an older event stands. An
 * event without a room (outdoors, elsewhere) has no room to be held to.
 * @param {core.App} app the write's transaction
 * @param {core.Record} event the event as it would be saved
 * @param {core.Record} [fresh] the stored row, for an update
 */
function checkCapacity(app, event, fresh) {
	const roomId = event.getString('room');
	if (!roomId || event.getString('state') === 'cancelled') return;
	const capacityChanged = !fresh || event.getInt('capacity') !== fresh.getInt('capacity');
	if (!capacityChanged && roomId === fresh.getString('room')) return;
	let room;
	try {
		room = app.findRecordById('rooms', roomId);
	} catch (_) {
		return; // an unknown room is the relation's to refuse
	}
	if (event.getInt('capacity') > room.getInt('capacity')) {
		throw require(`${__hooks}/lib/core/errors.js`).refusal(
			'events_capacity_over_room',
			capacityChanged ? 'capacity' : 'room'
		);
	}
}

module.exports = { checkRoom, checkCapacity };
