import { m } from '$lib/paraglide/messages';
import { formatDate, formatDateTime, formatRange } from '$lib/dates';
import {
	bookingStatusWord,
	holdStatusWord,
	placeStatusWord,
	readableCode,
	seriesStatusWord,
	statusWordOf
} from '$lib/overview/status-words';
import { stateLabel } from '$lib/overview/labels';
import { holdState } from '$lib/overview/hold-state';
import { thingOf, verbOrChange } from '$lib/staff/audit-words';
import { contentText } from '$rules/content-language.js';
import type { DataGroup } from '$lib/components/overview/MyDataGroups.svelte';
import type { CheckedInBy, MyData, MySeasonTime } from './my-data.server';
import { CARD_OF_SECTION } from './my-data-sections';

// "Mine data" in words, for the page, its print view and the staff's copy for a desk account: worded on
// the server, so the browser loads the page's markup and not every status, audit act and season word of
// the house (docs/performance.md, "Every other page"). The export (eksport.json) is the data itself.

/** A term of a card of facts and its value: one text, or a list (the devices signed in from). */
export interface DataFact {
	term: string;
	value: string | string[];
}

/** Everything of MyData in the reader's words, in the order the page shows it. */
export interface MyDataWords {
	exported_at: string;
	profile: DataFact[];
	sections: DataGroup[];
	account: DataFact[];
	more: DataGroup[];
}

const roleWord = (role: string) =>
	role === 'admin' ? m.rooms_role_admin() : role === 'booker' ? m.rooms_role_booker() : m.rooms_role_member();

/**
 * An association's name on a line of Mine data, where the file has it: the file leaves out, in every
 * section, the name of an association the user may not read (one staff have not verified, of which the
 * user is no active member), and the line says so in words, never without a name.
 */
const associationName = (name: string) => name || m.overview_data_association_hidden();

/** An invitation one sent, as its sender may know it: open, a member now, or neither any more. */
function sentStatus(status: string): string {
	switch (status) {
		case 'invited':
			return m.overview_data_sent_invited();
		case 'active':
			return m.overview_data_sent_active();
		case 'closed':
			return m.overview_data_sent_closed();
		default:
			return readableCode(status);
	}
}

function membershipStatus(status: string): string {
	switch (status) {
		case 'invited':
			return m.overview_data_membership_invited();
		case 'active':
			return m.overview_data_membership_active();
		case 'declined':
			return m.overview_data_membership_declined();
		case 'blocked':
			return m.overview_data_membership_blocked();
		case 'removed':
			return m.overview_data_membership_removed();
		case 'left':
			return m.overview_data_membership_left();
		default:
			return readableCode(status);
	}
}

function swapStatus(status: string): string {
	switch (status) {
		case 'proposed':
			return m.season_swap_status_proposed();
		case 'consented':
			return m.season_swap_status_consented();
		case 'done':
			return m.season_swap_status_done();
		case 'declined':
			return m.season_swap_status_declined();
		case 'cancelled':
			return m.season_swap_status_cancelled();
		case 'rejected':
			return m.season_swap_status_rejected();
		default:
			return readableCode(status);
	}
}

const WEEKDAYS: Record<string, () => string> = {
	mon: m.rooms_day_mon,
	tue: m.rooms_day_tue,
	wed: m.rooms_day_wed,
	thu: m.rooms_day_thu,
	fri: m.rooms_day_fri,
	sat: m.rooms_day_sat,
	sun: m.rooms_day_sun
};

/** MyData in the words of `language` (the page's), with the dates and times as people read them. */
export function myDataWords(data: MyData, language: 'da' | 'en'): MyDataWords {
	const when = (value: string) => (value ? formatDateTime(value, language) : '');
	const day = (value: string) => (value ? formatDate(value, language) : '');
	const yesNo = (value: boolean) => (value ? m.overview_data_yes() : m.overview_data_no());
	// an event the user may no longer read (taken back to a draft) is named in words, not left a blank line
	const eventOf = (da: string, en: string) =>
		da ? contentText(da, en, language) : { text: m.overview_data_event_hidden() };
	// who checked a booking or ticket in, in kind only: never a staff member's or another person's name
	const checkedIn = (at: string, by: CheckedInBy) => {
		if (!at) return '';
		const time = when(at);
		if (by === 'staff') return m.overview_data_checked_in_by_staff({ time });
		if (by === 'you') return m.overview_data_checked_in_by_you({ time });
		if (by === 'other') return m.overview_data_checked_in_by_other({ time });
		return m.overview_data_checked_in({ time });
	};
	const barcodeNote = (barcode: string) => (barcode ? m.overview_data_barcode({ barcode }) : '');

	function seasonTime(time: MySeasonTime | null): string {
		if (!time) return '';
		const weekday = WEEKDAYS[time.weekday]?.() ?? time.weekday;
		return [time.activity, time.room, `${weekday} ${formatRange(time.start_time, time.end_time)}`]
			.filter(Boolean)
			.join(' · ');
	}

	/** The thing an audit entry is about, named from the user's own rows in the export when it is there. */
	function thing(collection: string, target: string): string {
		const kind = thingOf(collection, language);
		const booking = collection === 'bookings' ? data.bookings.find((b) => b.id === target) : undefined;
		if (booking) return `${kind} (${[booking.room, when(booking.start)].filter(Boolean).join(', ')})`;
		const hold = collection === 'holds' ? data.holds.find((h) => h.id === target) : undefined;
		if (hold) return `${kind} (${hold.title})`;
		const loan = collection === 'loans' ? data.loans.find((l) => l.id === target) : undefined;
		if (loan) return `${kind} (${loan.title})`;
		const signup = collection === 'signups' ? data.signups.find((s) => s.id === target) : undefined;
		if (signup)
			return `${kind} (${[signup.task, contentText(signup.event, signup.event_en, language).text].filter(Boolean).join(', ')})`;
		const registration =
			collection === 'registrations' ? data.registrations.find((r) => r.id === target) : undefined;
		if (registration)
			return `${kind} (${contentText(registration.event, registration.event_en, language).text})`;
		const series = collection === 'booking_series' ? data.series.find((s) => s.id === target) : undefined;
		if (series) return `${kind} (${series.room})`;
		return kind;
	}

	function auditWhat(entry: MyData['audit'][number]): string {
		const target = thing(entry.collection, entry.target);
		// the person's own act at the desk was for another citizen (staff's own work), never "for you"
		const mine = entry.by === 'you';
		switch (entry.action) {
			case 'desk_create':
				return (mine ? m.overview_data_audit_desk_create_other : m.overview_data_audit_desk_create)({
					thing: target
				});
			case 'desk_update':
				return (mine ? m.overview_data_audit_desk_update_other : m.overview_data_audit_desk_update)({
					thing: target
				});
			case 'desk_card_set':
				return mine ? m.overview_data_audit_card_set_other() : m.overview_data_audit_card_set();
			case 'desk_account_create':
				return mine ? m.overview_data_audit_account_create_other() : m.overview_data_audit_account_create();
			case 'desk_account_takeover':
				return mine ? m.overview_data_audit_takeover_other() : m.overview_data_audit_takeover();
			case 'desk_data_handed_over':
				return mine
					? m.overview_data_audit_data_handed_over_other()
					: m.overview_data_audit_data_handed_over();
			default:
				return `${verbOrChange(entry.action, language)} ${target}`;
		}
	}

	function auditNotes(entry: MyData['audit'][number]): string[] {
		const notes: string[] = [];
		if (entry.action !== 'desk_card_set' && entry.from && entry.to && entry.from !== entry.to) {
			notes.push(
				m.overview_data_audit_change({
					from: statusWordOf(entry.collection, entry.from),
					to: statusWordOf(entry.collection, entry.to)
				})
			);
		}
		if (entry.fields.length) notes.push(m.overview_data_audit_fields({ fields: entry.fields.join(', ') }));
		if (entry.reason) notes.push(m.overview_data_audit_reason({ reason: entry.reason }));
		if (entry.override_reason) notes.push(m.overview_data_audit_override({ reason: entry.override_reason }));
		return notes;
	}

	const by = (value: string) =>
		value === 'you'
			? m.overview_data_by_you()
			: value === 'system'
				? m.overview_data_by_system()
				: value === 'other'
					? m.overview_data_by_other()
					: m.overview_data_by_staff();

	const profile: DataFact[] = [
		{ term: m.field_name(), value: data.profile.name },
		{ term: m.field_email(), value: data.profile.email },
		{ term: m.overview_data_phone(), value: data.profile.phone || '–' },
		{ term: m.field_language(), value: data.profile.language === 'en' ? m.language_en() : m.language_da() },
		{ term: m.overview_data_notify_email(), value: yesNo(data.profile.notify_email) },
		{ term: m.overview_data_notify_reminders(), value: yesNo(data.profile.notify_reminders) },
		{
			term: m.overview_data_volunteer(),
			value: data.profile.volunteer_terms_at ? when(data.profile.volunteer_terms_at) : m.overview_data_no()
		},
		...(data.profile.skills ? [{ term: m.overview_data_skills(), value: data.profile.skills }] : []),
		{ term: m.overview_data_created(), value: when(data.profile.created) }
	];

	const sections: DataGroup[] = [
		{
			id: CARD_OF_SECTION.memberships,
			title: m.overview_data_memberships(),
			// an association staff have not verified is named only to its members, as on /foreninger; the
			// role and the state of the membership in words, so a declined or blocked invitation is not taken
			// for a membership
			rows: data.memberships.map((x) => ({
				what: associationName(x.association),
				when: when(x.since),
				status: m.overview_data_membership_line({
					role: roleWord(x.role),
					status: membershipStatus(x.status)
				}),
				notes: x.sent_to ? [m.overview_data_sent_to({ address: x.sent_to })] : []
			}))
		},
		{
			id: CARD_OF_SECTION.bookings,
			title: m.overview_data_bookings(),
			rows: data.bookings.map((b) => ({
				// an association's booking says so in words where its name is left out
				what: [b.room, b.for_association ? associationName(b.association) : '', b.purpose]
					.filter(Boolean)
					.join(' · '),
				when: when(b.start),
				status: bookingStatusWord(b.status),
				notes: [
					b.attendees ? m.overview_data_attendees({ count: b.attendees }) : '',
					checkedIn(b.checked_in_at, b.checked_in_by),
					b.checked_out_at ? m.overview_data_checked_out({ time: when(b.checked_out_at) }) : '',
					b.reason ? m.overview_data_audit_reason({ reason: b.reason }) : '',
					b.cancel_reason ? m.overview_data_audit_reason({ reason: b.cancel_reason }) : ''
				].filter(Boolean)
			}))
		},
		{
			id: CARD_OF_SECTION.holds,
			title: m.overview_data_holds(),
			rows: data.holds.map((h) => ({
				what: h.title,
				when: when(h.placed_at),
				// a ready hold in the words of Mit overblik and /bibliotek/mine: being fetched to its pickup shelf
				// until the copy lies there, then the shelf and the deadline (docs/rules.md, "Library")
				status:
					h.status === 'ready'
						? stateLabel(
								{
									state: holdState(h.status, h.pickup_deadline),
									shelf: h.pickup_shelf,
									deadline: h.pickup_deadline
								},
								language
							)
						: holdStatusWord(h.status),
				// the copy it was given, and the pickup as it was once the hold has ended
				notes: [
					barcodeNote(h.barcode),
					...(h.status === 'ready'
						? []
						: [
								h.pickup_shelf ? m.overview_data_pickup_shelf_was({ shelf: h.pickup_shelf }) : '',
								h.pickup_deadline
									? m.overview_data_pickup_deadline_was({ deadline: when(h.pickup_deadline) })
									: ''
							])
				].filter(Boolean)
			}))
		},
		{
			id: CARD_OF_SECTION.loans,
			title: m.overview_data_loans(),
			rows: data.loans.map((l) => ({
				what: l.title,
				when: when(l.start),
				status: !l.returned_at
					? m.overview_state_loan_open({ due: when(l.due) })
					: l.lost
						? m.overview_state_loan_lost()
						: m.overview_state_loan_returned(),
				notes: [barcodeNote(l.barcode)].filter(Boolean)
			}))
		},
		{
			id: CARD_OF_SECTION.signups,
			title: m.overview_data_signups(),
			rows: data.signups.map((s) => ({
				// the shift's task is written in Danish only; the event's title in English where staff wrote it
				what: [{ text: s.task, lang: language === 'en' ? 'da' : undefined }, eventOf(s.event, s.event_en)],
				when: when(s.start),
				status: placeStatusWord(s.status),
				notes:
					s.status !== 'cancelled'
						? []
						: s.cancelled_by_house
							? [m.overview_data_cancelled_by_house()]
							: s.off_waitlist_by_house
								? [m.overview_data_off_waitlist_by_house()]
								: []
			}))
		},
		{
			id: CARD_OF_SECTION.registrations,
			title: m.overview_data_registrations(),
			rows: data.registrations.map((r) => ({
				what: [eventOf(r.event, r.event_en)],
				when: when(r.start),
				status: placeStatusWord(r.status),
				notes: [
					r.ticket_code ? m.overview_data_ticket_code({ code: r.ticket_code }) : '',
					checkedIn(r.checked_in_at, r.checked_in_by),
					r.status === 'cancelled' && r.cancelled_by_house ? m.overview_data_cancelled_by_house() : '',
					r.status === 'cancelled' && r.off_waitlist_by_house ? m.overview_data_off_waitlist_by_house() : ''
				].filter(Boolean)
			}))
		},
		{
			id: CARD_OF_SECTION.notifications,
			title: m.overview_data_notifications(),
			rows: data.notifications.map((n) => {
				// in the language of the page, as the inbox shows it
				const text = n.texts?.[language] ?? n;
				return {
					what: text.title,
					when: when(n.created),
					status: n.read_at ? '' : m.overview_inbox_unread(),
					// what the message said: for a desk account this copy is the only one; its kind and link as filed
					notes: [
						text.body,
						n.kind ? m.overview_data_message_kind({ kind: n.kind }) : '',
						n.link ? m.overview_data_message_link({ link: n.link }) : ''
					].filter(Boolean)
				};
			})
		}
	];

	const devices = [
		...data.sign_ins.devices.map((device) =>
			m.overview_data_device_seen({ first: when(device.first_seen), last: when(device.last_seen) })
		),
		...data.sign_ins.external.map(
			(link) => `${m.overview_data_external({ provider: link.provider })} · ${when(link.created)}`
		)
	];
	const account: DataFact[] = [
		...(data.profile.email
			? [{ term: m.overview_data_email_confirmed(), value: yesNo(data.profile.email_confirmed) }]
			: []),
		{ term: m.overview_data_library_card(), value: data.profile.library_card || '–' },
		{ term: m.overview_data_picture(), value: yesNo(data.profile.has_picture) },
		{ term: m.overview_data_calendar_feed(), value: yesNo(data.profile.calendar_feed) },
		{
			term: m.overview_data_invitations_counted(),
			value: data.invitations_counted.length
				? `${data.invitations_counted.length} (${data.invitations_counted.map((x) => when(x.counted_at)).join(', ')})`
				: '0'
		},
		...(data.profile.desk_account
			? [{ term: m.overview_data_desk_account(), value: m.overview_data_yes() }]
			: []),
		...(data.profile.staff ? [{ term: m.overview_data_staff(), value: m.overview_data_yes() }] : []),
		{ term: m.overview_data_devices(), value: devices.length ? devices : m.overview_data_none() }
	];

	const more: DataGroup[] = [
		{
			id: CARD_OF_SECTION.associations,
			title: m.overview_data_associations(),
			rows: data.associations.map((a) => ({
				what: associationName(a.name),
				when: when(a.created),
				status: [
					a.founded_by_you ? m.overview_data_founded() : m.overview_data_contact_you(),
					a.verified ? m.overview_data_verified() : m.overview_data_not_verified()
				].join(' · '),
				notes: a.contact
					? [
							m.overview_data_contact({
								details: [a.contact.name, a.contact.email, a.contact.phone].filter(Boolean).join(', ')
							})
						]
					: []
			}))
		},
		{
			id: CARD_OF_SECTION.invitations_sent,
			title: m.overview_data_invitations(),
			rows: data.invitations_sent.map((x) => ({
				what: `${associationName(x.association)} · ${roleWord(x.role)}`,
				when: when(x.invited_at),
				status: sentStatus(x.status)
			}))
		},
		{
			id: CARD_OF_SECTION.series,
			title: m.overview_data_series(),
			rows: data.series.map((x) => ({
				what: [x.room, x.for_association ? associationName(x.association) : '', x.purpose]
					.filter(Boolean)
					.join(' · '),
				when: m.overview_data_series_when({
					first: day(x.first_date),
					last: day(x.last_date),
					time: formatRange(x.start_time, x.end_time)
				}),
				status: seriesStatusWord(x.status)
			}))
		},
		{
			id: CARD_OF_SECTION.bookings_acted_on,
			title: m.overview_data_acted_on(),
			rows: data.bookings_acted_on.map((x) => ({
				what: [x.room, associationName(x.association)].filter(Boolean).join(' · '),
				when: when(x.start),
				status:
					x.action === 'cancelled' ? m.overview_data_acted_cancelled() : m.overview_data_acted_checked_in(),
				notes: x.cancel_reason ? [m.overview_data_audit_reason({ reason: x.cancel_reason })] : []
			}))
		},
		{
			id: CARD_OF_SECTION.season_applications,
			title: m.overview_data_applications(),
			rows: data.season_applications.map((x) => ({
				what: [x.season, associationName(x.association)].filter(Boolean).join(' · '),
				when: when(x.submitted_at),
				status:
					x.status === 'withdrawn'
						? m.overview_data_application_withdrawn()
						: m.overview_data_application_submitted(),
				notes: [
					m.overview_data_application_activities({
						names:
							x.activities
								.map((a) => a.name ?? '')
								.filter(Boolean)
								.join(', ') || '–'
					})
				]
			}))
		},
		{
			id: CARD_OF_SECTION.season_objections,
			title: m.overview_data_objections(),
			rows: data.season_objections.map((x) => ({
				what: [x.season, associationName(x.association), seasonTime(x.time)].filter(Boolean).join(' · '),
				when: when(x.created),
				status: x.status === 'answered' ? m.season_answered() : m.overview_data_objection_open(),
				notes: [x.text, x.answer ? m.overview_data_objection_answer({ answer: x.answer }) : ''].filter(
					Boolean
				)
			}))
		},
		{
			id: CARD_OF_SECTION.season_swaps,
			title: m.overview_data_swaps(),
			rows: data.season_swaps.map((x) => ({
				what: [
					x.season,
					`${associationName(x.from_association)} → ${associationName(x.to_association)}`
				].join(' · '),
				when: when(x.created),
				status: swapStatus(x.status),
				notes: [
					seasonTime(x.from_time),
					seasonTime(x.to_time),
					m.overview_data_swap_consent({
						association: associationName(
							x.consented_for === 'from_association' ? x.from_association : x.to_association
						),
						when: when(x.consented_at)
					})
				].filter(Boolean)
			}))
		},
		{
			id: CARD_OF_SECTION.audit,
			title: m.overview_data_audit(),
			lead: m.overview_data_audit_lead(),
			rows: data.audit.map((x) => ({
				what: m.overview_data_audit_line({ who: by(x.by), what: auditWhat(x) }),
				when: when(x.when),
				status: '',
				notes: auditNotes(x)
			}))
		}
	];

	return { exported_at: data.exported_at, profile, sections, account, more };
}
