// Pure rules of events and volunteer shifts, shared by the PocketBase hooks and the SvelteKit app.

/** A volunteer may cancel a shift on their own until this many hours before it starts; after that, staff. */
const SHIFT_CANCEL_CUTOFF_HOURS = 48;

/**
 * A person who leaves the waitlist as a promotion reaches them (their request was sent from the waitlist
 * place they saw) is let go if the promotion was at most this many minutes before: the confirmed place
 * was never theirs by choice. A place moved up longer ago, or taken by the person themselves, is a
 * confirmed place like any other.
 */
const WAITLIST_LEAVE_MINUTES = 15;

/** A shift lies around its event: it may start this many hours before the event starts (setting up)... */
const SHIFT_BEFORE_EVENT_HOURS = 48;
/** ...and end this many hours after the event ends (clearing up). */
const SHIFT_AFTER_EVENT_HOURS = 24;

/** Tickets are checked in at the door from this many minutes before the event starts until it ends. */
const TICKET_CHECKIN_OPENS_MINUTES = 180;

/** Staff's message to an event's people is at most this many characters. */
const EVENT_MESSAGE_MAX = 2000;

/**
 * The same message to the same event within this many minutes is a repeat (a second click, a form sent
 * again) and is refused: the volunteers would get it twice, in the app and by mail.
 */
const EVENT_MESSAGE_REPEAT_MINUTES = 10;

/** Milliseconds of a PocketBase date string ("2026-01-02 15:04:05.000Z"), an ISO string or a Date. */
function toMs(value) {
	if (value instanceof Date) return value.getTime();
	return new Date(String(value).replace(' ', 'T')).getTime();
}

/** Whether two time ranges [start, end) overlap; touching ranges do not. */
function overlaps(a, b) {
	return toMs(a.start) < toMs(b.end) && toMs(b.start) < toMs(a.end);
}

/**
 * The last instant (ms) at which a volunteer may cancel a shift on their own.
 * @param {string | Date} shiftStart
 */
function shiftCancelDeadline(shiftStart) {
	return toMs(shiftStart) - SHIFT_CANCEL_CUTOFF_HOURS * 3600 * 1000;
}

/**
 * Whether a volunteer may still cancel a shift on their own: until shiftCancelDeadline.
 * @param {{ shiftStart: string | Date, now: string | Date }} input
 */
function mayCancelShift(input) {
	return toMs(input.now) <= shiftCancelDeadline(input.shiftStart);
}

/**
 * Whether a person's cancellation of a confirmed place is the leaving of the waitlist they asked for: they
 * sent it from the place they saw waitlisted (`seen`), and the place was confirmed by a promotion
 * (`promotedAt`, empty when the person took it themselves) no more than WAITLIST_LEAVE_MINUTES before
 * `now`. Such a cancel is judged as the waitlist place's (no cut-off, no start); any other is judged as the
 * confirmed place's.
 * @param {{ seen: unknown, status: string, promotedAt: string, now: string | Date | number }} input
 */
function leavesWaitlist(input) {
	if (input.seen !== 'waitlisted' || input.status !== 'confirmed' || !input.promotedAt) return false;
	const promoted = toMs(input.promotedAt);
	const at = typeof input.now === 'number' ? input.now : toMs(input.now);
	if (isNaN(promoted)) return false;
	return at - promoted <= WAITLIST_LEAVE_MINUTES * 60 * 1000;
}

/**
 * Whether a ticket can be checked in at `now`: 'early' before the door opens (TICKET_CHECKIN_OPENS_MINUTES
 * before the start), 'over' once the event has ended, else null.
 * @param {{ start: string | Date, end: string | Date }} event
 * @param {string | Date | number} now
 * @returns {'early' | 'over' | null}
 */
function ticketCheckinProblem(event, now) {
	const at = typeof now === 'number' ? now : toMs(now);
	if (at < ticketCheckinOpens(event.start)) return 'early';
	if (at >= toMs(event.end)) return 'over';
	return null;
}

/**
 * Whether staff may still cancel an event at `now`: 'over' once it has ended, 'started' once it has begun
 * (its confirmed places are attendance or no-shows by then, its tickets used at the door), and before its
 * start once people have come (`attended`: a ticket checked in at the door, or a shift of it begun with a
 * confirmed volunteer, setting up; asked only when it decides), else null.
 * @param {{ start: string | Date, end: string | Date }} event
 * @param {string | Date | number} now
 * @param {boolean | (() => boolean)} [attended]
 * @returns {'started' | 'over' | null}
 */
function eventCancelProblem(event, now, attended) {
	const at = typeof now === 'number' ? now : toMs(now);
	if (at >= toMs(event.end)) return 'over';
	if (at >= toMs(event.start)) return 'started';
	return (typeof attended === 'function' ? attended() : attended) ? 'started' : null;
}

/**
 * Whether staff may give an event new times at `now`, judged on its stored times: 'over' once it has ended
 * (its start and end are history, neither moves), 'started' when it is under way (for an event, `early`:
 * or people have come before its start), its start would change and it has attendance (a ticket checked
 * in at the door, or a shift of it begun with a confirmed volunteer), else null. An event under way may still have its end moved (it ends early or runs late),
 * and one nobody has come to yet may still have its start corrected. `attended` is asked only when it
 * decides (the hook counts in the database then).
 * @param {{ start: string | Date, end: string | Date }} stored
 * @param {{ start: string | Date, end: string | Date }} next
 * @param {string | Date | number} now
 * @param {boolean | (() => boolean)} attended
 * @param {boolean} [early] an event's attendance may come before its start (its door opens before it, its
 *   volunteers set up): with it, `attended` decides before the start too
 * @returns {'started' | 'over' | null}
 */
function eventMoveProblem(stored, next, now, attended, early) {
	const at = typeof now === 'number' ? now : toMs(now);
	const startMoves = toMs(next.start) !== toMs(stored.start);
	const endMoves = toMs(next.end) !== toMs(stored.end);
	if (!startMoves && !endMoves) return null;
	if (at >= toMs(stored.end)) return 'over';
	if (!startMoves || (at < toMs(stored.start) && !early)) return null;
	return (typeof attended === 'function' ? attended() : attended) ? 'started' : null;
}

/**
 * Whether an event's room is fixed at `now`, judged on its stored times, as its start is (eventMoveProblem):
 * 'over' once it has ended (where it happened is history: the room's use in the statistics, its door sign
 * and the lobby), 'started' once people have come (a ticket checked in at the door, a shift begun with a
 * confirmed volunteer: both may come before its start), else null. One nobody has come to yet may still
 * change room. The hook asks it only when the room changes; `attended` is asked
 * only when it decides.
 * @param {{ start: string | Date, end: string | Date }} stored
 * @param {string | Date | number} now
 * @param {boolean | (() => boolean)} attended
 * @returns {'started' | 'over' | null}
 */
function eventRoomProblem(stored, now, attended) {
	const at = typeof now === 'number' ? now : toMs(now);
	if (at >= toMs(stored.end)) return 'over';
	return (typeof attended === 'function' ? attended() : attended) ? 'started' : null;
}

/** When the door opens for an event's tickets (ms). */
function ticketCheckinOpens(start) {
	return toMs(start) - TICKET_CHECKIN_OPENS_MINUTES * 60 * 1000;
}

/**
 * Whether a shift's times lie around its event's (SHIFT_BEFORE_EVENT_HOURS before its start to
 * SHIFT_AFTER_EVENT_HOURS after its end): a shift typed on the wrong date or year is refused, not
 * offered to volunteers for a day the event is not on.
 * @param {{ start: string | Date, end: string | Date }} shift
 * @param {{ start: string | Date, end: string | Date }} event
 * @returns {{ code: string, field: 'start' | 'end' } | null}
 */
function shiftEventProblem(shift, event) {
	const hour = 3600 * 1000;
	if (toMs(shift.start) < toMs(event.start) - SHIFT_BEFORE_EVENT_HOURS * hour) {
		return { code: 'events_shift_outside_event', field: 'start' };
	}
	if (toMs(shift.end) > toMs(event.end) + SHIFT_AFTER_EVENT_HOURS * hour) {
		return { code: 'events_shift_outside_event', field: 'end' };
	}
	return null;
}

/** A time range is valid when both ends are real dates and it ends after it starts. */
function validRange(range) {
	const start = toMs(range.start);
	const end = toMs(range.end);
	return !isNaN(start) && !isNaN(end) && end > start;
}

/**
 * What is wrong with a start/end pair, as a refusal code and the field it concerns, or null when it is
 * sane: both real dates, years within the house's (core/time.js), the end after the start.
 * @param {{ start: string | Date, end: string | Date }} range
 * @returns {{ code: string, field: 'start' | 'end' } | null}
 */
function rangeProblem(range) {
	const fields = /** @type {const} */ (['start', 'end']);
	for (const field of fields) {
		const value = range[field];
		if (value === '' || value === null || value === undefined) return { code: 'core_invalid_date', field };
		const ms = toMs(value);
		if (isNaN(ms)) return { code: 'core_invalid_date', field };
		const outOfRange = (
			typeof __hooks === 'undefined' ? require('./core/time.js') : require(__hooks + '/lib/core/time.js')
		).yearProblem(ms);
		if (outOfRange) return { code: outOfRange, field };
	}
	if (toMs(range.end) <= toMs(range.start)) return { code: 'events_end_before_start', field: 'end' };
	return null;
}

module.exports = {
	SHIFT_CANCEL_CUTOFF_HOURS,
	WAITLIST_LEAVE_MINUTES,
	leavesWaitlist,
	TICKET_CHECKIN_OPENS_MINUTES,
	SHIFT_BEFORE_EVENT_HOURS,
	SHIFT_AFTER_EVENT_HOURS,
	EVENT_MESSAGE_MAX,
	EVENT_MESSAGE_REPEAT_MINUTES,
	shiftEventProblem,
	toMs,
	ticketCheckinProblem,
	ticketCheckinOpens,
	eventCancelProblem,
	eventMoveProblem,
	eventRoomProblem,
	overlaps,
	shiftCancelDeadline,
	mayCancelShift,
	validRange,
	rangeProblem
};
