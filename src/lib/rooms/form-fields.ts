// Apart from the form's validation (zod), which only the server needs: the staff room page names these
// fields in the browser.

/** The room fields the staff room form saves (its `_loaded` snapshot holds them as shown). */
export const ROOM_FORM_FIELDS = [
	'capacity',
	'who_may_book',
	'requires_approval',
	'active',
	'min_minutes',
	'max_minutes',
	'step_minutes',
	'buffer_minutes',
	'horizon_days',
	'max_upcoming',
	'cancel_hours',
	'checkin_required',
	'checkin_opens_minutes',
	'checkin_grace_minutes',
	'opening_hours'
] as const;
