import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/dates';
import type { EntryKind, TimelineEntry } from './timeline';

type Language = 'da' | 'en';

/** The name of a kind of entry, e.g. "Reservation". */
export function kindLabel(kind: EntryKind, language?: Language): string {
	const o = language ? { locale: language } : undefined;
	switch (kind) {
		case 'booking':
			return m.overview_kind_booking({}, o);
		case 'hold':
			return m.overview_kind_hold({}, o);
		case 'loan':
			return m.overview_kind_loan({}, o);
		case 'shift':
			return m.overview_kind_shift({}, o);
		case 'registration':
			return m.overview_kind_registration({}, o);
	}
}

/**
 * The state of an entry in plain words, with its place in the queue, shelf or date where it has one, as the
 * citizen reads it (the desk's words are in `desk-words.ts`).
 */
export function stateLabel(
	entry: Pick<TimelineEntry, 'state' | 'place' | 'shelf' | 'deadline'>,
	language: Language
): string {
	const o = { locale: language };
	const when = (value: string | undefined) => (value ? formatDateTime(value, language) : '');
	const place = String(entry.place ?? '?');
	switch (entry.state) {
		case 'booking_pending':
			return m.rooms_status_pending({}, o);
		case 'booking_approved':
			return m.overview_state_booking_approved({}, o);
		case 'booking_rejected':
			return m.overview_state_booking_rejected({}, o);
		case 'booking_cancelled':
			return m.overview_state_booking_cancelled({}, o);
		case 'booking_no_show':
			return m.overview_state_booking_no_show({}, o);
		case 'booking_checked_in':
			return m.overview_state_booking_checked_in({}, o);
		case 'booking_done':
			return m.overview_state_booking_done({}, o);
		case 'hold_waiting':
			return m.overview_state_hold_waiting({ place }, o);
		case 'hold_paused':
			return m.overview_state_hold_paused({ place }, o);
		case 'hold_ready':
			return m.overview_state_hold_ready({ shelf: entry.shelf ?? '', deadline: when(entry.deadline) }, o);
		case 'hold_fetching':
			return m.overview_state_hold_fetching({ shelf: entry.shelf ?? '' }, o);
		case 'hold_collected':
			return m.overview_state_hold_collected({}, o);
		case 'hold_expired':
			return m.overview_state_hold_expired({}, o);
		case 'hold_cancelled':
			return m.overview_state_hold_cancelled({}, o);
		case 'loan_open':
			return m.overview_state_loan_open({ due: when(entry.deadline) }, o);
		case 'loan_overdue':
			return m.overview_state_loan_overdue({ due: when(entry.deadline) }, o);
		case 'loan_returned':
			return m.overview_state_loan_returned({}, o);
		case 'loan_lost':
			return m.overview_state_loan_lost({}, o);
		case 'place_confirmed':
			return m.overview_state_place_confirmed({}, o);
		case 'place_waitlisted':
			return m.overview_state_place_waitlisted({}, o);
		case 'place_cancelled':
			return m.overview_state_place_cancelled({}, o);
		case 'place_cancelled_by_house':
			return m.overview_state_place_cancelled_by_house({}, o);
		case 'place_off_waitlist_by_house':
			return m.overview_state_place_off_waitlist_by_house({}, o);
		case 'place_done':
			return m.overview_state_place_done({}, o);
		case 'event_cancelled':
			return m.overview_state_event_cancelled({}, o);
	}
}

/** The label of the cancel button for a kind. */
export function cancelLabel(kind: EntryKind): string {
	if (kind === 'booking') return m.overview_action_cancel_booking();
	if (kind === 'hold') return m.overview_action_cancel_hold();
	return m.overview_action_cancel_place();
}

/** The note beside or instead of the cancel button: until when, or why not (empty when neither). */
export function cancelNote(entry: TimelineEntry, language: Language): string {
	// said with the deadline, as Mine bookinger says it
	if (entry.noCancel === 'booking_deadline_passed' && entry.cancelDeadline)
		return m.rooms_cancel_deadline_passed({ when: formatDateTime(entry.cancelDeadline, language) });
	if (entry.noCancel === 'booking_not_yours') return m.overview_no_cancel_booking_not_yours();
	if (entry.noCancel === 'shift_cutoff_passed') return m.overview_no_cancel_shift_cutoff_passed();
	if (entry.noCancel === 'ticket_checked_in') return m.overview_no_cancel_ticket_checked_in();
	if (entry.noCancel === 'waitlist_closed') return m.events_waitlist_closed();
	if (!entry.cancelUntil) return '';
	const when = formatDateTime(entry.cancelUntil, language);
	return entry.kind === 'shift'
		? m.overview_cancel_until_shift({ when })
		: m.rooms_cancel_until_when({ when });
}

/**
 * How an overview card speaks: to the citizen on Mit overblik (`citizenWords`), or of them at the desk
 * (`deskWords` in `desk-words.ts`, with which the desk's server words each card: `wordEntry` in worded.ts),
 * so Mit overblik carries none of the desk's texts and the desk's page none of the card texts.
 */
export interface EntryWords {
	/** The name of the entry's kind, e.g. "Reservation". */
	kind(kind: EntryKind): string;
	/** The label of the entry's cancel button. */
	cancel(kind: EntryKind): string;
	state(entry: TimelineEntry, language: Language): string;
	cancelNote(entry: TimelineEntry, language: Language): string;
	/** Beside an entry staff made for the citizen at the desk. */
	made(): string;
	/** The confirmation of a cancel, by what it cancels. */
	question(kind: EntryKind): string;
	consequence(entry: TimelineEntry, language: Language): string;
	undo(kind: EntryKind): string;
	yes(kind: EntryKind): string;
	/** The button checking a booking in: the people at the door say "Vi er her", staff at the desk "Tjek ind". */
	checkIn(): string;
}

export const citizenWords: EntryWords = {
	kind: (kind) => kindLabel(kind),
	cancel: cancelLabel,
	state: stateLabel,
	cancelNote,
	made: () => m.desk_made_for_you(),
	checkIn: () => m.checkin_here(),
	question: (kind) =>
		kind === 'booking'
			? m.confirm_booking_question()
			: kind === 'hold'
				? m.confirm_hold_question()
				: m.confirm_place_question(),
	consequence: (entry, language) =>
		entry.kind === 'booking'
			? bookingConsequence(entry, language)
			: entry.kind === 'hold'
				? m.confirm_hold_consequence({ title: entry.title })
				: m.confirm_place_consequence({ title: entry.title }),
	undo: (kind) =>
		kind === 'booking'
			? m.confirm_booking_undo()
			: kind === 'hold'
				? m.confirm_hold_undo()
				: m.confirm_place_undo(),
	yes: (kind) =>
		kind === 'booking'
			? m.confirm_booking_yes()
			: kind === 'hold'
				? m.confirm_hold_yes()
				: m.confirm_place_yes()
};

/** What cancelling a booking gives up, the same to the citizen and at the desk. */
export function bookingConsequence(entry: TimelineEntry, language: Language): string {
	return m.confirm_booking_consequence({ room: entry.title, when: formatDateTime(entry.at, language) });
}
