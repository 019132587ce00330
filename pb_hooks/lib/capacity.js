// The one capacity-and-waitlist mechanism (docs/rules.md rule 5), used for volunteer sign-ups
// (places = shift.places) and attendee registrations (places = event.capacity).
// Pure and side-effect free: the PocketBase hooks and the SvelteKit app require this same file.

/**
 * The status a new entry gets: confirmed while places remain, otherwise waitlisted.
 * @param {{ places: number, confirmed: number }} input
 * @returns {'confirmed' | 'waitlisted'}
 */
function decideStatus(input) {
	return input.confirmed < input.places ? 'confirmed' : 'waitlisted';
}

/** Places still free (never negative). */
function placesLeft(input) {
	return Math.max(0, input.places - input.confirmed);
}

/**
 * Queue order: earlier placed_at first; equal times are ordered by id so the order is total.
 * @param {{ id: string, placedAt: string }} a
 * @param {{ id: string, placedAt: string }} b
 */
function queueOrder(a, b) {
	if (a.placedAt < b.placedAt) return -1;
	if (a.placedAt > b.placedAt) return 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Which waitlisted entries move up now: the first ones in sign-up order, as many as places are free.
 * @param {{ places: number, entries: Array<{ id: string, status: string, placedAt: string }> }} input
 * @returns {string[]} ids to confirm, in order
 */
function promotions(input) {
	let confirmed = 0;
	const waiting = [];
	for (const entry of input.entries) {
		if (entry.status === 'confirmed') confirmed++;
		else if (entry.status === 'waitlisted') waiting.push(entry);
	}
	waiting.sort(queueOrder);
	return waiting.slice(0, placesLeft({ places: input.places, confirmed: confirmed })).map((e) => e.id);
}

/**
 * An entry's place on the waitlist (1 = next to move up), or 0 when it is not waitlisted.
 * @param {{ entries: Array<{ id: string, status: string, placedAt: string }>, id: string }} input
 */
function waitlistPosition(input) {
	const waiting = input.entries.filter((e) => e.status === 'waitlisted').sort(queueOrder);
	for (let i = 0; i < waiting.length; i++) if (waiting[i].id === input.id) return i + 1;
	return 0;
}

module.exports = { decideStatus, placesLeft, queueOrder, promotions, waitlistPosition };
