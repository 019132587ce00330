import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/dates';
import { bookingConsequence, cancelNote, citizenWords, stateLabel, type EntryWords } from './labels';

/**
 * How an overview card speaks at the desk: of the citizen, by name, not to them. Staff read "Nr. 1 i køen",
 * not "Du er nr. 1 i køen". The desk's server words each card with it (`wordEntry` in worded.ts), so its
 * texts load in no browser.
 */
export function deskWords(citizen: string): EntryWords {
	const name = citizen || m.desk_the_citizen();
	return {
		kind: citizenWords.kind,
		cancel: citizenWords.cancel,
		state(entry, language) {
			const o = { locale: language };
			const when = (value: string | undefined) => (value ? formatDateTime(value, language) : '');
			const place = String(entry.place ?? '?');
			switch (entry.state) {
				case 'hold_waiting':
					return m.desk_state_hold_waiting({ place }, o);
				case 'hold_paused':
					return m.desk_state_hold_paused({ place }, o);
				case 'hold_ready':
					return m.desk_state_hold_ready({ shelf: entry.shelf ?? '', deadline: when(entry.deadline) }, o);
				case 'hold_fetching':
					return m.desk_state_hold_fetching({ shelf: entry.shelf ?? '' }, o);
				case 'loan_open':
					return m.desk_state_loan_open({ due: when(entry.deadline) }, o);
				case 'loan_overdue':
					return m.desk_state_loan_overdue({ due: when(entry.deadline) }, o);
				case 'place_waitlisted':
					return m.desk_state_place_waitlisted({}, o);
				case 'place_off_waitlist_by_house':
					return m.desk_state_place_off_waitlist_by_house({}, o);
				case 'place_cancelled_by_house':
					return m.desk_state_place_cancelled_by_house({}, o);
			}
			// the rest speak to no one ("Godkendt", "Afleveret"): the same words as the citizen's
			return stateLabel(entry, language);
		},
		cancelNote(entry, language) {
			// with the date, as the citizen's own pages say it (rooms_cancel_deadline_passed)
			if (entry.noCancel === 'booking_deadline_passed' && entry.cancelDeadline)
				return m.desk_no_cancel_booking_deadline_passed({
					when: formatDateTime(entry.cancelDeadline, language)
				});
			if (entry.noCancel === 'shift_cutoff_passed') return m.desk_no_cancel_shift_cutoff_passed();
			if (entry.noCancel === 'waitlist_closed') return m.desk_no_cancel_waitlist_closed();
			if (!entry.noCancel && entry.cancelUntil) {
				const when = formatDateTime(entry.cancelUntil, language);
				return entry.kind === 'shift'
					? m.desk_cancel_until_shift({ when })
					: m.desk_cancel_until_booking({ when });
			}
			return cancelNote(entry, language);
		},
		made: () => m.desk_made_at_desk(),
		checkIn: () => m.desk_check_in(),
		question: (kind) =>
			kind === 'booking' || kind === 'hold'
				? citizenWords.question(kind)
				: m.confirm_staff_place_question({ name }),
		consequence: (entry, language) =>
			entry.kind === 'booking'
				? bookingConsequence(entry, language)
				: entry.kind === 'hold'
					? m.confirm_desk_hold_consequence({ name, title: entry.title })
					: m.confirm_staff_place_consequence({ name, title: entry.title }),
		undo: (kind) =>
			kind === 'booking'
				? m.confirm_desk_booking_undo({ name })
				: kind === 'hold'
					? m.confirm_desk_hold_undo({ name })
					: m.confirm_desk_place_undo({ name }),
		yes: (kind) =>
			kind === 'booking' || kind === 'hold' ? citizenWords.yes(kind) : m.confirm_staff_place_yes({ name })
	};
}
