/// <reference path="../../pb_data/types.d.ts" />

// Whose a row was when an audit entry was written, in SQL, for the rows that change hands: a booking (by
// staff's reassign, `booking_reassigned`, or a season swap or hand-over, `booking_series_handed_over` on
// its series, naming the bookings it moved) and a season booking (its series, by a swap or hand-over).
// What was done to such a row belongs to the person who held it then: Mine data lists it for them and no
// one else, and deleting their account blanks its free text (docs/rules.md, "Account, feed and reminders").
// Constants of the code only; the user's id is bound by the caller as {:u}.

/** An audit entry's detail at `path` ('$.to.booker'), in SQL: NULL when the details are no JSON. */
const detail = (alias, path) =>
	'(CASE WHEN json_valid(' +
	alias +
	'.details) THEN json_extract(' +
	alias +
	".details, '" +
	path +
	"') END)";

/** The entries `h` that moved the row `r` of a collection from one person to another (or to the same one). */
const MOVES = {
	bookings:
		"((h.target_collection = 'bookings' AND h.target_id = r.id AND h.action = 'booking_reassigned') OR " +
		"(h.target_collection = 'booking_series' AND r.series != '' AND h.target_id = r.series AND " +
		"h.action = 'booking_series_handed_over' AND EXISTS (SELECT 1 FROM json_each(CASE WHEN " +
		"json_valid(h.details) THEN h.details ELSE '{}' END, '$.bookings') j WHERE j.value = r.id)))",
	booking_series:
		"(h.target_collection = 'booking_series' AND h.target_id = r.id AND h.action = 'booking_series_handed_over')"
};

/**
 * SQL that is true when the row `r` (of `collection`, whose holder is `r.booker`) was the user's ({:u}) at
 * the time of the audit entry `a`: the holder the last move at or before the entry gave it to, or before
 * any move, the one the first move took it from, or with no move at all, its booker now. A move's own entry
 * is the new holder's (the former one's is told apart by the caller, as the move names both). Null for a
 * collection whose rows never change hands: its rows are the holder's always.
 * @param {string} collection
 * @returns {string | null}
 */
function heldByAt(collection) {
	const moves = MOVES[collection];
	if (!moves) return null;
	return (
		// cheap first: the row is the user's now, or a move named them
		'(r.booker = {:u} OR EXISTS (SELECT 1 FROM audit_log h WHERE ' +
		moves +
		' AND ({:u} IN (' +
		detail('h', '$.to.booker') +
		', ' +
		detail('h', '$.from.booker') +
		')))) AND COALESCE((SELECT ' +
		detail('h', '$.to.booker') +
		' FROM audit_log h WHERE ' +
		moves +
		' AND h.created <= a.created ORDER BY h.created DESC, h.rowid DESC LIMIT 1), (SELECT ' +
		detail('h', '$.from.booker') +
		' FROM audit_log h WHERE ' +
		moves +
		' ORDER BY h.created, h.rowid LIMIT 1), r.booker) = {:u}'
	);
}

module.exports = { heldByAt, detail };
