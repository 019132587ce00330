import {
	type BookingRecord,
	type HoldRecord,
	type LoanRecord,
	type RegistrationRecord,
	type SignupRecord
} from '$lib/pocketbase-types';
import {
	isActiveBooking,
	isActiveHold,
	isActivePlace,
	isConfirmedPlace,
	isOpenLoan
} from '$rules/core/status.js';
import { cancelDeadline, mayCancel } from '$rules/rooms-policy.js';
import { mayCancelShift, shiftCancelDeadline } from '$rules/events-rules.js';
import { contentText } from '$rules/content-language.js';
import { attendanceAction, attendanceMoments } from '$lib/rooms/checkin';
import { holdState } from '$lib/overview/hold-state';

/** The kinds of things a citizen has in the house, in the order the overview names them. */
export const ENTRY_KINDS = ['booking', 'hold', 'loan', 'shift', 'registration'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What the user can do with an entry; each is a form or a link on the page. */
export type EntryAction = 'cancel' | 'pause' | 'resume' | 'calendar' | 'ticket' | 'check_in' | 'check_out';

/**
 * Why an upcoming entry offers no cancel button although it is still active: the room's cancellation
 * deadline or the shift's cut-off has passed (the server would refuse; docs/rules.md, "Mit overblik,
 * account and bad input").
 */
export type NoCancelReason =
	| 'booking_deadline_passed'
	| 'booking_not_yours'
	| 'shift_cutoff_passed'
	| 'ticket_checked_in'
	| 'waitlist_closed';

/** The state of an entry in plain words (a message key suffix; the page translates it). */
export type EntryState =
	| 'booking_pending'
	| 'booking_approved'
	| 'booking_rejected'
	| 'booking_cancelled'
	| 'booking_no_show'
	| 'booking_checked_in'
	| 'booking_done'
	| 'hold_waiting'
	| 'hold_paused'
	| 'hold_ready'
	/** Ready, its copy still being fetched to the pickup shelf: no pickup deadline yet. */
	| 'hold_fetching'
	| 'hold_collected'
	| 'hold_expired'
	| 'hold_cancelled'
	| 'loan_open'
	| 'loan_overdue'
	| 'loan_returned'
	/** Ended without the copy coming back: the house wrote it off as lost. */
	| 'loan_lost'
	| 'place_confirmed'
	| 'place_waitlisted'
	| 'place_cancelled'
	/** Cancelled by staff while confirmed, not by its person (`cancelled_by_house`). */
	| 'place_cancelled_by_house'
	/** Taken off the waitlist by staff, not left by its person (`off_waitlist_by_house`). */
	| 'place_off_waitlist_by_house'
	| 'place_done'
	| 'event_cancelled';

export interface TimelineEntry {
	/** Unique across kinds, e.g. "booking:abc". */
	key: string;
	kind: EntryKind;
	id: string;
	title: string;
	/**
	 * 'da' when the title is Danish on an English page: an event's with no English version written, or a
	 * shift's task.
	 */
	titleLang?: 'da';
	/** A second line: the association, the event, the creator. */
	detail: string;
	/** 'da' when the detail is an event's Danish title on an English page. */
	detailLang?: 'da';
	/** The moment the entry is about (start, pickup deadline, due date, or when a hold was placed). */
	at: string;
	end: string;
	state: EntryState;
	/** Place in the hold queue (waiting or paused holds). */
	place?: number;
	/** A hold's title: another patron's change to its queue is heard as a change of the title. */
	titleId?: string;
	shelf?: string;
	deadline?: string;
	reason?: string;
	actions: EntryAction[];
	/** With a cancel action that closes: the last moment to cancel (ISO). */
	cancelUntil?: string;
	/** Without a cancel action on a still active entry: why. */
	noCancel?: NoCancelReason;
	/** With noCancel 'booking_deadline_passed': when the deadline to cancel was (ISO). */
	cancelDeadline?: string;
	/** Still ahead or still running (shown under "Kommende"), otherwise history. */
	upcoming: boolean;
	/** Made for the user by staff at the desk (docs/rules.md, "Service at the desk"). */
	atDesk?: boolean;
	/** The room it takes place in: a booking's, an event's (for "add to calendar"). */
	room?: string;
	/** The page of what it is about: the room, the title, the event (its title links there). */
	href?: string;
	/**
	 * The next moment (ms) at which what the entry offers changes by the clock alone (check-in opens or
	 * closes, the cancel deadline passes): the page reads its data again then (`refreshAt`).
	 */
	changesAt?: number;
}

export interface TimelineInput {
	/** The user whose timeline it is, and their role in each association they are an active member of. */
	user: string;
	roles: Record<string, string>;
	bookings: BookingRecord[];
	holds: HoldRecord[];
	loans: LoanRecord[];
	signups: SignupRecord[];
	registrations: RegistrationRecord[];
	/** Hold id -> queue place. */
	places: Record<string, number>;
	/** Ids of entries staff made for the user at the desk. */
	desk?: Record<string, boolean>;
	/**
	 * How many upcoming and past entries to show; each kind then holds up to one more of each, in
	 * timeline order, so that the first ones overall are exact and "there is more" is known.
	 */
	limits?: { upcoming: number; history: number };
}

export interface Timeline {
	upcoming: TimelineEntry[];
	history: TimelineEntry[];
	/** Whether there were more entries than the limits let through. */
	more: { upcoming: boolean; history: boolean };
}

const time = (value: string) => (value ? new Date(value.replace(' ', 'T')).getTime() : 0);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What the user may do with a booking, as the booking machine decides it (rooms-bookings.js `rolesOf`):
 * cancel as its booker while they may still book for its association (rule 3) or as an admin or booker of
 * the association; check in and out as its booker or any active member of the association.
 */
function bookingRights(b: BookingRecord, who: Pick<TimelineInput, 'user' | 'roles'>) {
	const role = b.association ? who.roles[b.association] : undefined;
	const books = role === 'admin' || role === 'booker';
	const booker = b.booker === who.user && (!b.association || books);
	return { cancel: booker || books, attend: booker || (!!b.association && role !== undefined) };
}

function bookingEntry(
	b: BookingRecord,
	now: number,
	who: Pick<TimelineInput, 'user' | 'roles'>
): TimelineEntry {
	const ended = time(b.end) <= now;
	const active = isActiveBooking(b.status);
	const state: EntryState =
		b.status === 'rejected'
			? 'booking_rejected'
			: b.status === 'cancelled'
				? 'booking_cancelled'
				: b.status === 'no_show'
					? 'booking_no_show'
					: ended || b.checked_out_at
						? 'booking_done'
						: b.checked_in_at
							? 'booking_checked_in'
							: b.status === 'approved'
								? 'booking_approved'
								: 'booking_pending';
	const actions: EntryAction[] = [];
	// "Vi er her" / check out exactly while the server would accept it (docs/rules.md, "Check-in and no-shows")
	const may = bookingRights(b, who);
	const attend = b.expand?.room && may.attend ? attendanceAction(b.expand.room, b, now) : null;
	if (attend) actions.push(attend);
	if (active && !ended) actions.push('calendar');
	// the booking rules' own deadline (rooms-policy.js), the one the booking was given, as the server applies
	// it to a booker
	const cancelHours = b.cancel_hours ?? 0;
	const start = time(b.start);
	let cancelUntil: string | undefined;
	let noCancel: NoCancelReason | undefined;
	let passed: string | undefined;
	// a request still pending may be withdrawn at any time, even once its time has come (mayCancel)
	if (active && (start > now || b.status === 'pending')) {
		if (!may.cancel) noCancel = 'booking_not_yours';
		else if (mayCancel(cancelHours, start, now, b.status)) {
			actions.push('cancel');
			if (b.status !== 'pending') cancelUntil = iso(cancelDeadline(cancelHours, start));
		} else {
			noCancel = 'booking_deadline_passed';
			passed = iso(cancelDeadline(cancelHours, start));
		}
	}
	const moments = [
		...(b.expand?.room && may.attend && active ? attendanceMoments(b.expand.room, b) : []),
		...(cancelUntil ? [time(cancelUntil)] : [])
	].filter((t) => t > now);
	return {
		key: `booking:${b.id}`,
		kind: 'booking',
		id: b.id,
		title: b.expand?.room?.name ?? '',
		detail: [b.expand?.association?.name, b.purpose].filter(Boolean).join(' · '),
		room: b.expand?.room?.name,
		href: b.expand?.room?.slug ? `/lokaler/${b.expand.room.slug}` : undefined,
		at: b.start,
		end: b.end,
		state,
		reason: b.status === 'rejected' ? b.reason : b.status === 'cancelled' ? b.cancel_reason : undefined,
		actions,
		cancelUntil,
		noCancel,
		cancelDeadline: passed,
		upcoming: active && !ended,
		changesAt: moments.length ? Math.min(...moments) : undefined
	};
}

function holdEntry(h: HoldRecord, places: Record<string, number>): TimelineEntry {
	const active = isActiveHold(h.status);
	// a hold without a status is no active hold (the library's rules give every hold one)
	const status = h.status || 'cancelled';
	const state = holdState(h.status, h.pickup_deadline);
	const fetching = state === 'hold_fetching';
	const actions: EntryAction[] = [];
	if (status === 'ready' && !fetching) actions.push('calendar');
	if (status === 'waiting') actions.push('pause');
	if (status === 'paused') actions.push('resume');
	if (active) actions.push('cancel');
	return {
		key: `hold:${h.id}`,
		kind: 'hold',
		id: h.id,
		title: h.expand?.title?.title ?? '',
		detail: h.expand?.title?.creator ?? '',
		href: h.expand?.title ? `/bibliotek/${h.title}` : undefined,
		at:
			status === 'ready' && !fetching
				? h.pickup_deadline
				: active
					? h.placed_at || h.created
					: h.ended_at || h.updated,
		end: '',
		state,
		place: status === 'waiting' || status === 'paused' ? places[h.id] : undefined,
		titleId: h.title,
		shelf: status === 'ready' ? h.pickup_shelf : undefined,
		deadline: status === 'ready' && !fetching ? h.pickup_deadline : undefined,
		actions,
		upcoming: active
	};
}

function loanEntry(l: LoanRecord, now: number): TimelineEntry {
	const open = isOpenLoan(l.returned_at);
	return {
		key: `loan:${l.id}`,
		kind: 'loan',
		id: l.id,
		title: l.expand?.title?.title ?? '',
		detail: l.expand?.title?.creator ?? '',
		href: l.expand?.title ? `/bibliotek/${l.title}` : undefined,
		at: open ? l.due : l.returned_at,
		end: '',
		state: !open
			? l.lost
				? 'loan_lost'
				: 'loan_returned'
			: time(l.due) < now
				? 'loan_overdue'
				: 'loan_open',
		deadline: l.due,
		actions: [],
		upcoming: open
	};
}

function placeState(
	status: string,
	ended: boolean,
	eventCancelled: boolean,
	byHouse: boolean | undefined,
	offWaitlistByHouse: boolean | undefined
): EntryState {
	// the house cancelling an event cancels its places too: that is the news, not "you cancelled"
	if (eventCancelled) return 'event_cancelled';
	// and so is staff cancelling the place alone
	if (status === 'cancelled') {
		if (byHouse) return 'place_cancelled_by_house';
		// a waiting place staff ended: the house took the person off the waitlist, they did not leave it
		return offWaitlistByHouse ? 'place_off_waitlist_by_house' : 'place_cancelled';
	}
	if (ended) return 'place_done';
	return status === 'waitlisted' ? 'place_waitlisted' : 'place_confirmed';
}

/**
 * What the user can do with a sign-up or registration. `cancellable` is the server's own rule for the
 * kind: a shift's cut-off (events-rules.js; a waiting place until the shift begins); a registration until
 * the event begins.
 */
function placeActions(
	status: string,
	future: boolean,
	eventCancelled: boolean,
	ticket: boolean,
	cancellable: boolean
): EntryAction[] {
	const live = isActivePlace(status) && !eventCancelled;
	const actions: EntryAction[] = [];
	if (live && isConfirmedPlace(status) && future) actions.push('calendar');
	if (live && isConfirmedPlace(status) && ticket) actions.push('ticket');
	if (live && future && cancellable) actions.push('cancel');
	return actions;
}

/**
 * A place still waiting for a shift or event under way: its person can no longer leave the waitlist
 * (events_waitlist_started), nor staff at the desk for them, and the card says why.
 */
const waitingBegun = (status: string, future: boolean, ended: boolean, eventCancelled: boolean) =>
	status === 'waitlisted' && !future && !ended && !eventCancelled;

/** An event's title for a reader of `language`: the English version, or with `danish` always the Danish. */
const eventTitleOf = (
	event: { title?: string; title_en?: string } | undefined,
	language: string,
	danish: boolean
) => contentText(event?.title ?? '', danish ? '' : event?.title_en, language);

function shiftEntry(s: SignupRecord, now: number, language: string, danish: boolean): TimelineEntry {
	const shift = s.expand?.shift;
	const event = shift?.expand?.event;
	const eventTitle = eventTitleOf(event, language, danish);
	const start = shift?.start ?? '';
	const end = shift?.end ?? '';
	const ended = time(end) <= now;
	const cancelledEvent = event?.state === 'cancelled';
	const state = placeState(s.status, ended, cancelledEvent, s.cancelled_by_house, s.off_waitlist_by_house);
	const future = time(start) > now;
	// the waitlist may be left until the shift begins, a confirmed place until the cut-off
	const cancellable =
		start !== '' &&
		(s.status === 'waitlisted' ? future : mayCancelShift({ shiftStart: start, now: new Date(now) }));
	const live = isActivePlace(s.status) && !cancelledEvent && future;
	return {
		key: `shift:${s.id}`,
		kind: 'shift',
		id: s.id,
		title: shift?.task ?? '',
		// a shift's task is written in Danish only (docs/rules.md, "Languages")
		titleLang: language === 'en' ? 'da' : undefined,
		detail: eventTitle.text,
		detailLang: eventTitle.lang,
		room: event?.expand?.room?.name,
		href: event?.id ? `/arrangementer/${event.id}` : undefined,
		at: start,
		end,
		state,
		actions: placeActions(s.status, future, cancelledEvent, false, cancellable),
		cancelUntil:
			live && cancellable
				? iso(s.status === 'waitlisted' ? time(start) : shiftCancelDeadline(start))
				: undefined,
		noCancel:
			live && !cancellable
				? 'shift_cutoff_passed'
				: waitingBegun(s.status, future, ended, cancelledEvent)
					? 'waitlist_closed'
					: undefined,
		upcoming: !ended && isActivePlace(s.status)
	};
}

function registrationEntry(
	r: RegistrationRecord,
	now: number,
	language: string,
	danish: boolean
): TimelineEntry {
	const event = r.expand?.event;
	const title = eventTitleOf(event, language, danish);
	const start = event?.start ?? '';
	const end = event?.end ?? '';
	const ended = time(end) <= now;
	const cancelledEvent = event?.state === 'cancelled';
	// a ticket checked in at the door is used: the server refuses to cancel it (events_already_checked_in)
	const used = Boolean(r.checked_in_at);
	const live = isActivePlace(r.status) && !cancelledEvent && time(start) > now;
	return {
		key: `registration:${r.id}`,
		kind: 'registration',
		id: r.id,
		title: title.text,
		titleLang: title.lang,
		detail: '',
		room: event?.expand?.room?.name,
		href: event?.id ? `/arrangementer/${event.id}` : undefined,
		at: start,
		end,
		state: placeState(r.status, ended, cancelledEvent, r.cancelled_by_house, r.off_waitlist_by_house),
		actions: placeActions(r.status, time(end) > now, cancelledEvent, !ended, time(start) > now && !used),
		noCancel:
			live && used
				? 'ticket_checked_in'
				: waitingBegun(r.status, time(start) > now, ended, cancelledEvent)
					? 'waitlist_closed'
					: undefined,
		upcoming: !ended && isActivePlace(r.status)
	};
}

/**
 * One timeline of everything a user has: upcoming (and running) entries first, soonest first, with
 * active holds and open loans among them by their deadline; then history, newest first. An event's title
 * is in `language` when it has an English version (docs/rules.md, "Languages"); with `danish` (a staff
 * page, which shows the house's texts in Danish) always the Danish, marked as Danish on an English page.
 */
export function buildTimeline(
	input: TimelineInput,
	now: Date,
	language = 'da',
	{ danish = false }: { danish?: boolean } = {}
): Timeline {
	const t = now.getTime();
	const desk = input.desk ?? {};
	const all = [
		...input.bookings.map((b) => bookingEntry(b, t, input)),
		...input.holds.map((h) => holdEntry(h, input.places)),
		...input.loans.map((l) => loanEntry(l, t)),
		...input.signups.map((s) => shiftEntry(s, t, language, danish)),
		...input.registrations.map((r) => registrationEntry(r, t, language, danish))
	].map((entry) => (desk[entry.id] ? { ...entry, atDesk: true } : entry));
	// Waiting holds have no date ahead: they sort as "now", among today's entries.
	const sortAt = (e: TimelineEntry) => Math.max(time(e.at), e.kind === 'hold' && !e.deadline ? t : 0);
	// each entry's moment is worked out once, not at every comparison of the sort
	const sorted = (entries: TimelineEntry[], at: (e: TimelineEntry) => number) =>
		entries
			.map((entry) => ({ entry, at: at(entry) }))
			.sort((a, b) => a.at - b.at || a.entry.key.localeCompare(b.entry.key))
			.map(({ entry }) => entry);
	const upcoming = sorted(
		all.filter((e) => e.upcoming),
		sortAt
	);
	// newest first
	const history = sorted(
		all.filter((e) => !e.upcoming),
		(e) => -time(e.at)
	);
	const limits = input.limits ?? { upcoming: Infinity, history: Infinity };
	return {
		upcoming: upcoming.slice(0, limits.upcoming),
		history: history.slice(0, limits.history),
		more: { upcoming: upcoming.length > limits.upcoming, history: history.length > limits.history }
	};
}
