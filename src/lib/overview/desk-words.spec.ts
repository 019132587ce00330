import { describe, expect, it } from 'vitest';
import { citizenWords } from './labels';
import { deskWords } from './desk-words';
import type { EntryState, TimelineEntry } from './timeline';

// Every state an overview card can show, typed by the states the timeline knows: a new state does not
// build until it is here, and so is read at the desk before it ships.
const STATES: Record<EntryState, true> = {
	booking_pending: true,
	booking_approved: true,
	booking_rejected: true,
	booking_cancelled: true,
	booking_no_show: true,
	booking_checked_in: true,
	booking_done: true,
	hold_waiting: true,
	hold_paused: true,
	hold_ready: true,
	hold_fetching: true,
	hold_collected: true,
	hold_expired: true,
	hold_cancelled: true,
	loan_open: true,
	loan_overdue: true,
	loan_returned: true,
	loan_lost: true,
	place_confirmed: true,
	place_waitlisted: true,
	place_cancelled: true,
	place_cancelled_by_house: true,
	place_off_waitlist_by_house: true,
	place_done: true,
	event_cancelled: true
};

const entry = (state: EntryState): TimelineEntry => ({
	key: `x:${state}`,
	kind: state.startsWith('booking')
		? 'booking'
		: state.startsWith('hold')
			? 'hold'
			: state.startsWith('loan')
				? 'loan'
				: 'registration',
	id: 'x',
	title: 'Titel',
	detail: '',
	at: '2030-01-02T10:00:00.000Z',
	end: '',
	state,
	place: 3,
	shelf: 'B2',
	deadline: '2030-01-05T15:00:00.000Z',
	actions: [],
	upcoming: true
});

/** Words that speak to the reader: at the desk the reader is staff, not the citizen the card is about. */
const SPOKEN_TO = { da: /\b(du|dig|din|dit|dine)\b/i, en: /\b(you|your|yours)\b/i };

describe('desk words', () => {
	const desk = deskWords('Karen Skranke');

	it('say every state of a citizen’s entry about the citizen, in both languages', () => {
		for (const state of Object.keys(STATES) as EntryState[]) {
			for (const language of ['da', 'en'] as const) {
				const text = desk.state(entry(state), language);
				expect(text, `${state} (${language})`).not.toMatch(SPOKEN_TO[language]);
				expect(text, `${state} (${language})`).not.toBe('');
			}
		}
	});

	it('say what the house did to a place as the house’s act on the citizen', () => {
		expect(desk.state(entry('place_off_waitlist_by_house'), 'da')).toBe('Huset tog borgeren af ventelisten');
		expect(desk.state(entry('place_cancelled_by_house'), 'da')).toBe('Huset aflyste borgerens plads');
		expect(desk.state(entry('place_off_waitlist_by_house'), 'en')).toBe(
			'Taken off the waitlist by the house'
		);
		expect(desk.state(entry('place_cancelled_by_house'), 'en')).toBe('Place cancelled by the house');
		expect(desk.state(entry('hold_waiting'), 'da')).toBe('Nr. 3 i køen');
	});

	it('leave the citizen’s own words as they are', () => {
		expect(citizenWords.state(entry('place_off_waitlist_by_house'), 'da')).toBe(
			'Huset tog dig af ventelisten'
		);
		expect(citizenWords.state(entry('place_cancelled_by_house'), 'da')).toBe('Huset aflyste din plads');
		expect(citizenWords.state(entry('hold_waiting'), 'da')).toBe('Du er nr. 3 i køen');
	});

	it('mark an entry made at the desk without speaking to the reader', () => {
		expect(desk.made()).not.toMatch(SPOKEN_TO.da);
	});
});
