import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/dates';
import type { EntryKind, TimelineEntry } from './timeline';

type Language = 'da' | 'en';

/** The name of a kind of entry, e.g. "Reservation". */
export function kindLabel(kind: EntryKind): string {
	switch (kind) {
		case 'booking':
			return m.overview_kind_booking();
		case 'hold':
			return m.overview_kind_hold();
		case 'loan':
			return m.overview_kind_loan();
		case 'shift':
			return m.overview_kind_shift();
		case 'registration':
			return m.overview_kind_registration();
	}
}

/** The state of an entry in plain words, with its place in the queue, shelf or date where it has one. */
export function stateLabel(entry: TimelineEntry, language: Language): string {
	const when = (value: string | undefined) => (value ? formatDateTime(value, language) : '');
	const place = String(entry.place ?? '?');
	switch (entry.state) {
		case 'booking_pending':
			return m.overview_state_booking_pending();
		case 'booking_approved':
			return m.overview_state_booking_approved();
		case 'booking_rejected':
			return m.overview_state_booking_rejected();
		case 'booking_cancelled':
			return m.overview_state_booking_cancelled();
		case 'booking_no_show':
			return m.overview_state_booking_no_show();
		case 'booking_checked_in':
			return m.overview_state_booking_checked_in();
		case 'booking_done':
			return m.overview_state_booking_done();
		case 'hold_waiting':
			return m.overview_state_hold_waiting({ place });
		case 'hold_paused':
			return m.overview_state_hold_paused({ place });
		case 'hold_ready':
			return m.overview_state_hold_ready({ shelf: entry.shelf ?? '', deadline: when(entry.deadline) });
		case 'hold_collected':
			return m.overview_state_hold_collected();
		case 'hold_expired':
			return m.overview_state_hold_expired();
		case 'hold_cancelled':
			return m.overview_state_hold_cancelled();
		case 'loan_open':
			return m.overview_state_loan_open({ due: when(entry.deadline) });
		case 'loan_overdue':
			return m.overview_state_loan_overdue({ due: when(entry.deadline) });
		case 'loan_returned':
			return m.overview_state_loan_returned();
		case 'place_confirmed':
			return m.overview_state_place_confirmed();
		case 'place_waitlisted':
			return m.overview_state_place_waitlisted();
		case 'place_cancelled':
			return m.overview_state_place_cancelled();
		case 'place_done':
			return m.overview_state_place_done();
		case 'event_cancelled':
			return m.overview_state_event_cancelled();
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
	if (entry.noCancel === 'booking_deadline_passed') return m.overview_no_cancel_booking_deadline_passed();
	if (entry.noCancel === 'shift_cutoff_passed') return m.overview_no_cancel_shift_cutoff_passed();
	if (!entry.cancelUntil) return '';
	const when = formatDateTime(entry.cancelUntil, language);
	return entry.kind === 'shift'
		? m.overview_cancel_until_shift({ when })
		: m.overview_cancel_until_booking({ when });
}
