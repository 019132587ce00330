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

module.exports = { checkRoom };
