import { m } from '$lib/paraglide/messages';
import { SHIFT_CANCEL_CUTOFF_HOURS } from '$rules/events-rules.js';
import type { DeskCitizen } from './desk';

// The desk's page of a citizen in words: its headings, the labels, hints and buttons of its forms and
// what they say when done, worded by the page's server in the staff member's language, so the browser
// loads the page's markup and not some 70 texts in both languages (docs/performance.md, "Every other
// page"). Parts the page shows only for some citizens come only for them.

/** Every word of the desk's page of `citizen`. */
export function deskPageWords(citizen: DeskCitizen) {
	const name = citizen.name;
	return {
		title: m.desk_title(),
		citizen_heading: m.desk_citizen_heading(),
		account_badge: m.desk_account_badge(),
		email: m.desk_email(),
		no_email: m.desk_no_email(),
		phone: m.desk_phone(),
		card: m.desk_card(),
		receipt_link: m.desk_receipt_link(),
		data_link: m.desk_data_link(),
		card_button: m.desk_card_button(),
		card_saved: m.desk_card_saved(),
		takeover_done: m.desk_takeover_done(),
		// an address to hand the account over to: for a desk account, or one whose mail is on its way
		takeover:
			citizen.desk_account || citizen.takeover_pending
				? citizen.takeover_pending
					? {
							heading: m.desk_takeover_pending_heading(),
							lead: m.desk_takeover_pending_lead({ email: citizen.email }),
							button: m.desk_takeover_again_button()
						}
					: {
							heading: m.desk_takeover_heading(),
							lead: m.desk_takeover_lead(),
							button: m.desk_takeover_button()
						}
				: null,
		overview_heading: m.desk_overview_heading(),
		overview_empty: m.desk_overview_empty(),
		// what an entry's action did: a check-in or check-out is told to nobody, the rest in the citizen's inbox
		done: m.desk_done(),
		checked_in: m.desk_checked_in(),
		checked_out: m.desk_checked_out(),
		override: m.desk_override(),
		override_confirm: m.desk_override_confirm(),
		override_reason: m.desk_override_reason(),
		override_hint: m.desk_override_hint(),
		act_heading: m.desk_act_heading(),
		book_heading: m.desk_book_heading(),
		room: m.desk_room(),
		date: m.desk_date(),
		start: m.desk_start(),
		end: m.desk_end(),
		times: m.rooms_times(),
		purpose: m.desk_purpose(),
		attendees: m.desk_attendees(),
		book_button: m.desk_book_button(),
		hold_heading: m.desk_hold_heading(),
		title_search: m.desk_title_search(),
		title_search_button: m.desk_title_search_button(),
		no_titles: m.desk_no_titles(),
		lend_heading: m.desk_lend_heading(),
		lend_code: m.desk_lend_code(),
		lend_button: m.desk_lend_button(),
		nothing_to_choose: m.desk_nothing_to_choose(),
		register_heading: m.desk_register_heading(),
		event: m.desk_event(),
		register_button: m.desk_register_button(),
		signup_heading: m.desk_signup_heading(),
		shift: m.desk_shift(),
		signup_button: m.desk_signup_button(),
		// the volunteer terms, read out at the desk to a citizen who has not accepted them
		terms: citizen.volunteer_terms
			? null
			: {
					heading: m.desk_terms_heading(),
					missing: m.desk_terms_missing({ name }),
					text: m.events_terms_text({ hours: SHIFT_CANCEL_CUTOFF_HOURS }),
					accept: m.desk_terms_accept({ name })
				},
		// a desk account's deletion, with the question before it
		delete: citizen.desk_account
			? {
					heading: m.desk_delete_heading(),
					lead: m.desk_delete_lead(),
					label: m.desk_delete_button(),
					question: m.desk_delete_question({ name }),
					consequence: m.desk_delete_consequence(),
					undo: m.desk_delete_undo(),
					confirm: m.desk_delete_yes()
				}
			: null
	};
}

/** The desk's page of a citizen in words (`deskPageWords`). */
export type DeskPageWords = ReturnType<typeof deskPageWords>;

/** A catalogue title found at the desk, with its hold button's text ("Reserver …"). */
export function titleWords<T extends { title: string }>(title: T) {
	return { ...title, hold: m.desk_hold_button({ title: title.title }) };
}
