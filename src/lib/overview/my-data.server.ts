import type PocketBase from 'pocketbase';
import type {
	BookingRecord,
	HoldRecord,
	LoanRecord,
	MembershipRecord,
	NotificationRecord,
	RegistrationRecord,
	SignupRecord,
	UserRecord
} from '$lib/pocketbase-types';

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
		created: string;
	};
	memberships: { association: string; role: string; since: string }[];
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
		created: string;
	}[];
	holds: {
		id: string;
		title: string;
		status: string;
		placed_at: string;
		pickup_shelf: string;
		pickup_deadline: string;
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
	notifications: { id: string; title: string; body: string; created: string; read_at: string }[];
}

/**
 * Reads all of a user's data with their own token (PocketBase's rules decide, as everywhere).
 * Full lists, not the overview's window: this is the complete picture.
 */
export async function fetchMyData(pb: PocketBase, userId: string, now: Date): Promise<MyData> {
	const mine = (field: string) => ({ filter: pb.filter(`${field} = {:u}`, { u: userId }), requestKey: null });
	const [user, memberships, bookings, holds, loans, signups, registrations, notifications] =
		await Promise.all([
			pb.collection('users').getOne<UserRecord>(userId, { requestKey: null }),
			pb.collection('memberships').getFullList<MembershipRecord>({ ...mine('user'), expand: 'association' }),
			pb
				.collection('bookings')
				.getFullList<BookingRecord>({ ...mine('booker'), expand: 'room,association', sort: '-start' }),
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
			pb.collection('notifications').getFullList<NotificationRecord>({ ...mine('user'), sort: '-created' })
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
			created: user.created
		},
		memberships: memberships.map((x) => ({
			association: x.expand?.association?.name ?? '',
			role: x.role,
			since: x.created
		})),
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
			created: b.created
		})),
		holds: holds.map((h) => ({
			id: h.id,
			title: h.expand?.title?.title ?? '',
			status: h.status,
			placed_at: h.placed_at,
			pickup_shelf: h.pickup_shelf,
			pickup_deadline: h.pickup_deadline,
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
			read_at: n.read_at
		}))
	};
}
