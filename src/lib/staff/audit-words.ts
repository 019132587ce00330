// The audit log in words (docs/rules.md, "Staff pages"): "Pia godkendte bookingen af Salen, 3. dec 18:00"
// instead of "booking_approved bookings/abc123". The verb comes from the action's name, the thing from the
// target the page has read; an action without words here is shown by its name.

type Language = 'da' | 'en';
type Words = Record<Language, string>;

/** The verb of an action, by its exact name, else by its last part (after '_' or '.'). */
const EXACT: Record<string, Words> = {
	booking_series_approved: { da: 'godkendte sæsonbookingen', en: 'approved the season booking' },
	booking_series_rejected: { da: 'afviste sæsonbookingen', en: 'rejected the season booking' },
	booking_series_cancelled: {
		da: 'aflyste resten af sæsonbookingen',
		en: 'cancelled the rest of the season booking'
	},
	booking_reassigned: { da: 'skiftede booker på', en: 'changed who books' },
	booking_series_handed_over: {
		da: 'gav ved et bytte sæsonbookingen til en anden forening:',
		en: 'gave in a swap the season booking to another association:'
	},
	library_lend: { da: 'lånte ud:', en: 'lent out' },
	library_loan_due: { da: 'ændrede afleveringsdatoen for', en: 'changed the due date of' },
	// the library desk's own word for taking a copy back ("Indlevér"), not a booking's check-in
	library_checkin: { da: 'indleverede:', en: 'checked in' },
	library_lost: { da: 'meldte bortkommet:', en: 'reported lost' },
	library_copy_lost: { da: 'meldte bortkommet:', en: 'reported lost' },
	library_copy_not_found: { da: 'fandt ikke til afhentning:', en: 'could not find for a pickup:' },
	library_collect: { da: 'udleverede', en: 'handed out' },
	library_expire: { da: 'lod afhentningen udløbe:', en: 'let the pickup expire:' },
	'registrations.check_in': { da: 'tjekkede ind ved døren:', en: 'checked in at the door:' },
	'events.message': {
		da: 'sendte en besked til de frivillige ved',
		en: 'sent a message to the volunteers of'
	},
	membership_invite: { da: 'inviterede', en: 'invited' },
	membership_role: { da: 'ændrede rollen for', en: 'changed the role of' },
	desk_create: { da: 'oprettede ved skranken:', en: 'created at the desk:' },
	desk_update: { da: 'ændrede ved skranken:', en: 'changed at the desk:' },
	desk_card_set: { da: 'registrerede lånerkortet for', en: 'registered the library card of' },
	desk_volunteer_terms: {
		da: 'noterede, at vilkårene for frivillige blev godkendt af',
		en: 'recorded that the volunteer terms were accepted by'
	},
	desk_account_create: {
		da: 'oprettede en konto ved skranken for',
		en: 'created an account at the desk for'
	},
	desk_account_takeover: {
		da: 'knyttede en e-mailadresse til kontoen for',
		en: 'linked an email address to the account of'
	},
	desk_account_delete: {
		da: 'slettede ved skranken kontoen for',
		en: 'deleted at the desk the account of'
	},
	desk_data_handed_over: {
		da: 'udleverede en kopi af alle data om',
		en: 'handed over a copy of all data about'
	},
	closure_bookings_cancelled: {
		da: 'aflyste bookingerne i lukningen:',
		en: 'cancelled the bookings inside the closure:'
	},
	room_closed_bookings_cancelled: {
		da: 'tog lokalet ud af brug og aflyste dets bookinger:',
		en: 'took the room out of use and cancelled its bookings:'
	},
	bookings_period_cancelled: {
		da: 'aflyste bookinger i en periode:',
		en: 'cancelled bookings for a period:'
	},
	// the season round (docs/rules.md, "Season application round"): the step, then the season's name
	season_created: { da: 'oprettede sæsonen', en: 'created the season' },
	season_changed: { da: 'ændrede sæsonen', en: 'changed the season' },
	season_open: { da: 'åbnede for ansøgninger til', en: 'opened applications for' },
	season_close: { da: 'lukkede for ansøgninger til', en: 'closed applications for' },
	season_reopen: { da: 'genåbnede for ansøgninger til', en: 'reopened applications for' },
	season_draft_run: { da: 'lavede et udkast til fordelingen af', en: 'drafted the allocation of' },
	season_conflict_settled: { da: 'afgjorde en konflikt i', en: 'settled a conflict in' },
	season_line_adjusted: { da: 'rettede', en: 'adjusted' },
	season_publish_draft: { da: 'offentliggjorde udkastet til', en: 'published the draft of' },
	season_publish_final: {
		da: 'offentliggjorde den endelige fordeling af',
		en: 'published the final allocation of'
	},
	season_release: { da: 'frigav de ledige tider i', en: 'released the free times of' },
	season_open_second_round: { da: 'åbnede anden runde af', en: 'opened the second round of' },
	season_close_second_round: { da: 'lukkede anden runde af', en: 'closed the second round of' },
	season_reopen_second_round: { da: 'genåbnede anden runde af', en: 'reopened the second round of' },
	season_publish_second_round: {
		da: 'offentliggjorde anden runde af',
		en: 'published the second round of'
	},
	season_objection_answered: { da: 'besvarede', en: 'answered' },
	season_swap_approve: { da: 'godkendte', en: 'approved' },
	season_swap_reject: { da: 'afviste', en: 'rejected' }
};

const VERBS: Record<string, Words> = {
	approved: { da: 'godkendte', en: 'approved' },
	approve: { da: 'godkendte', en: 'approved' },
	rejected: { da: 'afviste', en: 'rejected' },
	reject: { da: 'afviste', en: 'rejected' },
	cancelled: { da: 'aflyste', en: 'cancelled' },
	cancel: { da: 'aflyste', en: 'cancelled' },
	moved: { da: 'flyttede', en: 'moved' },
	create: { da: 'oprettede', en: 'created' },
	update: { da: 'ændrede', en: 'changed' },
	delete: { da: 'slettede', en: 'deleted' },
	verify: { da: 'godkendte', en: 'verified' },
	verified: { da: 'godkendte', en: 'verified' },
	publish: { da: 'offentliggjorde', en: 'published' },
	remove: { da: 'fjernede', en: 'removed' },
	withdraw: { da: 'trak tilbage:', en: 'withdrew' },
	accept: { da: 'godkendte', en: 'accepted' },
	decline: { da: 'afslog', en: 'declined' },
	pause: { da: 'satte på pause:', en: 'paused' },
	resume: { da: 'genoptog', en: 'resumed' },
	ready: { da: 'lagde klar:', en: 'put ready' },
	collect: { da: 'udleverede', en: 'handed out' },
	expire: { da: 'lod udløbe:', en: 'let expire' },
	promote: { da: 'rykkede op:', en: 'moved up' },
	reopen: { da: 'genåbnede', en: 'reopened' },
	check_in: { da: 'tjekkede ind:', en: 'checked in' },
	status: { da: 'ændrede status for', en: 'changed the status of' }
};

/** The verb phrase of an action, or null when it has no words here. */
export function verbOf(action: string, language: Language): string | null {
	const exact = EXACT[action];
	if (exact) return exact[language];
	const last = action.split(/[._]/).at(-1) ?? '';
	const found = VERBS[last] ?? VERBS[action.replace(/^[a-z]+[._]/, '')];
	return found ? found[language] : null;
}

const SOME_CHANGE: Words = { da: 'foretog en ændring af', en: 'made a change to' };

/** The verb phrase of an action; one without words here still reads as a sentence, never as a code. */
export function verbOrChange(action: string, language: Language): string {
	return verbOf(action, language) ?? SOME_CHANGE[language];
}

/** What kind of thing a collection holds, for a target whose row is gone. */
const THINGS: Record<string, Words> = {
	bookings: { da: 'en booking', en: 'a booking' },
	booking_series: { da: 'en sæsonbooking', en: 'a season booking' },
	holds: { da: 'en reservation', en: 'a reservation' },
	loans: { da: 'et lån', en: 'a loan' },
	copies: { da: 'et eksemplar', en: 'a copy' },
	titles: { da: 'en titel', en: 'a title' },
	events: { da: 'et arrangement', en: 'an event' },
	shifts: { da: 'en vagt', en: 'a shift' },
	signups: { da: 'en tilmelding til en vagt', en: 'a shift sign-up' },
	registrations: { da: 'en tilmelding', en: 'a registration' },
	users: { da: 'en borger', en: 'a citizen' },
	associations: { da: 'en forening', en: 'an association' },
	memberships: { da: 'et medlemskab', en: 'a membership' },
	rooms: { da: 'et lokale', en: 'a room' },
	closures: { da: 'en lukning', en: 'a closure' },
	seasons: { da: 'en sæson', en: 'a season' },
	season_applications: { da: 'en sæsonansøgning', en: 'a season application' },
	season_lines: { da: 'en tid i sæsonfordelingen', en: 'a time in the season allocation' },
	season_objections: {
		da: 'en indsigelse mod sæsonfordelingen',
		en: 'an objection to the season allocation'
	},
	season_swaps: { da: 'et bytte af sæsontider', en: 'a swap of season times' },
	notifications: { da: 'en besked', en: 'a message' }
};

/** What kind of thing a collection holds; an unknown collection by its name in words ("season_x": "season x"). */
export function thingOf(collection: string, language: Language): string {
	return THINGS[collection]?.[language] ?? collection.replace(/[_.-]+/g, ' ').trim();
}

/** The areas of the house, each a set of collections, for the log's filter. */
export const AREAS: Record<string, string[]> = {
	lokaler: ['bookings', 'booking_series', 'rooms', 'closures', 'associations', 'memberships'],
	bibliotek: ['titles', 'copies', 'holds', 'loans'],
	arrangementer: ['events', 'shifts', 'signups', 'registrations'],
	saeson: ['seasons', 'season_applications', 'season_lines', 'season_objections', 'season_swaps'],
	konti: ['users']
};
