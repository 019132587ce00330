import type PocketBase from 'pocketbase';
import type {
	BookingRecord,
	BookingSeriesRecord,
	HoldRecord,
	LoanRecord,
	MembershipRecord,
	NotificationRecord,
	RegistrationRecord,
	SignupRecord,
	UserRecord
} from '$lib/pocketbase-types';

/** A weekly season time in words: the activity, the room, the weekday and the times. */
export interface MySeasonTime {
	activity: string;
	room: string;
	weekday: string;
	start_time: string;
	end_time: string;
}

/**
 * What the house holds about the user that their own token may not read through the records API, read by
 * `GET /api/borgerhus/mydata` (pb_hooks/lib/overview-mydata.js) for the signed-in user only. No other
 * person is named in it: an act by staff says `staff`, an invitation leaves out whom it went to.
 */
export interface MyDataExtra {
	calendar_feed: boolean;
	/** Association id to name for the user's own membership rows (the token may not read an unverified one). */
	membership_associations: Record<string, string>;
	/** Founded by the user, or naming the user as contact; `contact` only when it is the user's own. */
	associations: {
		name: string;
		founded_by_you: boolean;
		created: string;
		verified: boolean;
		contact: { name: string; email: string; phone: string } | null;
	}[];
	invitations_sent: {
		association: string;
		role: string;
		/** invited, active or closed: as the association's admins see it */
		status: string;
		invited_at: string;
	}[];
	season_applications: {
		season: string;
		association: string;
		round: number;
		status: string;
		submitted_at: string;
		activities: { name?: string; participants?: number; age_group?: string }[];
		local_criteria: string[];
		declared_section4: boolean;
		declared_child_certificates: boolean;
	}[];
	season_objections: {
		season: string;
		association: string;
		time: MySeasonTime | null;
		text: string;
		status: string;
		answer: string;
		answered_at: string;
		created: string;
	}[];
	season_swaps: {
		season: string;
		kind: string;
		from_association: string;
		to_association: string;
		from_time: MySeasonTime | null;
		to_time: MySeasonTime | null;
		consented_for: 'from_association' | 'to_association';
		consented_at: string;
		status: string;
		decided_at: string;
		created: string;
	}[];
	/** Bookings of the user's association (someone else's) that the user cancelled or checked in. */
	bookings_acted_on: {
		room: string;
		association: string;
		start: string;
		end: string;
		action: 'cancelled' | 'checked_in';
		cancel_reason: string;
		checked_in_at: string;
	}[];
	/** The audit log's entries about the user: desk acts for them, acts on their account and their rows. */
	audit: {
		action: string;
		collection: string;
		target: string;
		by: 'you' | 'staff' | 'system' | 'other';
		when: string;
		from: string;
		to: string;
		reason: string;
		override_reason: string;
		fields: string[];
	}[];
	sign_ins: {
		devices: { first_seen: string; last_seen: string }[];
		external: { provider: string; created: string }[];
	};
	/** Message id to how often the mail server refused its mail, for messages refused at least once. */
	mail_failures: Record<string, number>;
}

/** Everything the house holds about one user, grouped, in plain JSON (the export and the page). */
export interface MyData {
	exported_at: string;
	profile: {
		id: string;
		name: string;
		email: string;
		phone: string;
		language: string;
		notify_email: boolean;
		notify_reminders: boolean;
		volunteer_terms_at: string;
		skills: string;
		library_card: string;
		has_picture: boolean;
		desk_account: boolean;
		staff: boolean;
		calendar_feed: boolean;
		created: string;
	};
	/** Every membership row in any state: an invitation, declined, blocked, left or removed included. */
	memberships: {
		association: string;
		role: string;
		status: string;
		invited_at: string;
		decided_at: string;
		since: string;
	}[];
	associations: MyDataExtra['associations'];
	invitations_sent: MyDataExtra['invitations_sent'];
	bookings: {
		id: string;
		room: string;
		association: string;
		purpose: string;
		attendees: number;
		start: string;
		end: string;
		status: string;
		reason: string;
		cancel_reason: string;
		cancelled_by_you: boolean;
		decided_at: string;
		checked_in_at: string;
		checked_out_at: string;
		released_at: string;
		show_publicly: boolean;
		created: string;
	}[];
	series: {
		id: string;
		room: string;
		association: string;
		purpose: string;
		attendees: number;
		first_date: string;
		last_date: string;
		start_time: string;
		end_time: string;
		rrule: string;
		status: string;
		show_publicly: boolean;
		created: string;
	}[];
	bookings_acted_on: MyDataExtra['bookings_acted_on'];
	season_applications: MyDataExtra['season_applications'];
	season_objections: MyDataExtra['season_objections'];
	season_swaps: MyDataExtra['season_swaps'];
	holds: {
		id: string;
		title: string;
		status: string;
		placed_at: string;
		pickup_shelf: string;
		pickup_deadline: string;
		ready_at: string;
		ended_at: string;
	}[];
	loans: { id: string; title: string; start: string; due: string; returned_at: string }[];
	signups: {
		id: string;
		task: string;
		event: string;
		start: string;
		end: string;
		status: string;
		created: string;
		cancelled_at: string;
	}[];
	registrations: {
		id: string;
		event: string;
		start: string;
		status: string;
		checked_in_at: string;
		created: string;
		cancelled_at: string;
	}[];
	notifications: {
		id: string;
		title: string;
		body: string;
		created: string;
		read_at: string;
		emailed_at: string;
		/** How often the mail server refused this message's mail (it is tried again later, then given up). */
		mail_failed_tries: number;
	}[];
	/** What was done for or to the user by staff (the desk, decisions), when and why. */
	audit: MyDataExtra['audit'];
	sign_ins: MyDataExtra['sign_ins'];
}

/**
 * Reads all of a user's data with their own token (PocketBase's rules decide, as everywhere), and what
 * that token may not read from the route that answers for the signed-in user only.
 * Full lists, not the overview's window: this is the complete picture.
 */
export async function fetchMyData(pb: PocketBase, userId: string, now: Date): Promise<MyData> {
	const mine = (field: string) => ({ filter: pb.filter(`${field} = {:u}`, { u: userId }), requestKey: null });
	const [user, memberships, bookings, series, holds, loans, signups, registrations, notifications, extra] =
		await Promise.all([
			pb.collection('users').getOne<UserRecord>(userId, { requestKey: null }),
			pb.collection('memberships').getFullList<MembershipRecord>({ ...mine('user'), expand: 'association' }),
			pb
				.collection('bookings')
				.getFullList<BookingRecord>({ ...mine('booker'), expand: 'room,association', sort: '-start' }),
			pb.collection('booking_series').getFullList<BookingSeriesRecord>({
				...mine('booker'),
				expand: 'room,association',
				sort: '-first_date'
			}),
			pb
				.collection('holds')
				.getFullList<HoldRecord>({ ...mine('patron'), expand: 'title', sort: '-created' }),
			pb.collection('loans').getFullList<LoanRecord>({ ...mine('patron'), expand: 'title', sort: '-start' }),
			pb
				.collection('signups')
				.getFullList<SignupRecord>({ ...mine('user'), expand: 'shift.event', sort: '-created' }),
			pb
				.collection('registrations')
				.getFullList<RegistrationRecord>({ ...mine('user'), expand: 'event', sort: '-created' }),
			pb.collection('notifications').getFullList<NotificationRecord>({ ...mine('user'), sort: '-created' }),
			pb.send<MyDataExtra>('/api/borgerhus/mydata', { requestKey: null })
		]);
	return {
		exported_at: now.toISOString(),
		profile: {
			id: user.id,
			name: user.name,
			email: user.email,
			phone: user.phone,
			language: user.language,
			notify_email: user.notify_email,
			notify_reminders: user.notify_reminders,
			volunteer_terms_at: user.volunteer_terms_at,
			skills: user.skills,
			library_card: user.library_card ?? '',
			has_picture: Boolean(user.avatar),
			desk_account: user.desk_account ?? false,
			staff: user.staff,
			calendar_feed: extra.calendar_feed,
			created: user.created
		},
		memberships: memberships.map((x) => ({
			association: x.expand?.association?.name ?? extra.membership_associations[x.association] ?? '',
			role: x.role,
			status: x.status,
			invited_at: x.invited_at,
			decided_at: x.decided_at,
			since: x.created
		})),
		associations: extra.associations,
		invitations_sent: extra.invitations_sent,
		bookings: bookings.map((b) => ({
			id: b.id,
			room: b.expand?.room?.name ?? '',
			association: b.expand?.association?.name ?? '',
			purpose: b.purpose,
			attendees: b.attendees,
			start: b.start,
			end: b.end,
			status: b.status,
			reason: b.reason,
			cancel_reason: b.cancel_reason,
			cancelled_by_you: b.cancelled_by === userId,
			decided_at: b.decided_at,
			checked_in_at: b.checked_in_at,
			checked_out_at: b.checked_out_at,
			released_at: b.released_at,
			show_publicly: b.show_publicly ?? false,
			created: b.created
		})),
		series: series.map((x) => ({
			id: x.id,
			room: x.expand?.room?.name ?? '',
			association: x.expand?.association?.name ?? '',
			purpose: x.purpose,
			attendees: x.attendees,
			first_date: x.first_date,
			last_date: x.last_date,
			start_time: x.start_time,
			end_time: x.end_time,
			rrule: x.rrule,
			status: x.status,
			show_publicly: x.show_publicly ?? false,
			created: x.created
		})),
		bookings_acted_on: extra.bookings_acted_on,
		season_applications: extra.season_applications,
		season_objections: extra.season_objections,
		season_swaps: extra.season_swaps,
		holds: holds.map((h) => ({
			id: h.id,
			title: h.expand?.title?.title ?? '',
			status: h.status,
			placed_at: h.placed_at,
			pickup_shelf: h.pickup_shelf,
			pickup_deadline: h.pickup_deadline,
			ready_at: h.ready_at,
			ended_at: h.ended_at
		})),
		loans: loans.map((l) => ({
			id: l.id,
			title: l.expand?.title?.title ?? '',
			start: l.start,
			due: l.due,
			returned_at: l.returned_at
		})),
		signups: signups.map((s) => ({
			id: s.id,
			task: s.expand?.shift?.task ?? '',
			event: s.expand?.shift?.expand?.event?.title ?? '',
			start: s.expand?.shift?.start ?? '',
			end: s.expand?.shift?.end ?? '',
			status: s.status,
			created: s.created,
			cancelled_at: s.cancelled_at
		})),
		registrations: registrations.map((r) => ({
			id: r.id,
			event: r.expand?.event?.title ?? '',
			start: r.expand?.event?.start ?? '',
			status: r.status,
			checked_in_at: r.checked_in_at,
			created: r.created,
			cancelled_at: r.cancelled_at
		})),
		notifications: notifications.map((n) => ({
			id: n.id,
			title: n.title,
			body: n.body,
			created: n.created,
			read_at: n.read_at,
			emailed_at: n.emailed_at,
			mail_failed_tries: extra.mail_failures[n.id] ?? 0
		})),
		audit: extra.audit,
		sign_ins: extra.sign_ins
	};
}
