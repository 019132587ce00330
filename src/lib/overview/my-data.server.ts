import type PocketBase from 'pocketbase';

/** A weekly season time in words: the activity, the room, the weekday and the times. */
export interface MySeasonTime {
	activity: string;
	room: string;
	weekday: string;
	start_time: string;
	end_time: string;
}

/**
 * Who checked a booking or ticket in, as the user may know it: never a staff member's or another person's
 * name ("other": another user, such as a fellow member of the association; "system": Borgerhus itself).
 */
export type CheckedInBy = '' | 'you' | 'staff' | 'system' | 'other';

/**
 * Everything the house holds about one user, grouped, in plain JSON (the export and the page). Every time
 * is ISO 8601 in UTC ("2026-12-06T01:38:40.424Z"), or '' where there is none. An association's name is ''
 * in every section where the user may not read it (one waiting for the house's verification).
 */
export interface MyData {
	exported_at: string;
	profile: {
		id: string;
		name: string;
		email: string;
		email_confirmed: boolean;
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
		/** The address the invitation was sent to (the user's then), kept until it is accepted or blocked. */
		sent_to: string;
		decided_at: string;
		since: string;
	}[];
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
	/**
	 * The invitations sent that count towards the hour's limit on invitations, when each was sent (kept an
	 * hour at most; never to whom).
	 */
	invitations_counted: { counted_at: string }[];
	bookings: {
		id: string;
		room: string;
		association: string;
		/** Booked for an association, also where its name (`association`) is left out. */
		for_association: boolean;
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
		/** Who checked the booking in, in kind only ('' while it is not checked in). */
		checked_in_by: CheckedInBy;
		checked_out_at: string;
		released_at: string;
		/** the cancel deadline the booking was given, in hours before its start */
		cancel_hours: number;
		show_publicly: boolean;
		created: string;
	}[];
	series: {
		id: string;
		room: string;
		association: string;
		/** Booked for an association, also where its name (`association`) is left out. */
		for_association: boolean;
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
	holds: {
		id: string;
		title: string;
		/** The barcode of the copy it was given, '' while it had none. */
		barcode: string;
		status: string;
		placed_at: string;
		pickup_shelf: string;
		pickup_deadline: string;
		ready_at: string;
		ended_at: string;
	}[];
	/** `lost`: the loan ended without the copy coming back (`returned_at` is when it was written off). */
	loans: {
		id: string;
		title: string;
		/** The barcode of the copy lent. */
		barcode: string;
		start: string;
		due: string;
		returned_at: string;
		lost: boolean;
	}[];
	signups: {
		id: string;
		task: string;
		event: string;
		/** The event's English title, '' where staff wrote none. */
		event_en: string;
		start: string;
		end: string;
		status: string;
		/** When the place took its turn in line (a place taken again goes to the back). */
		placed_at: string;
		/** When the waitlist moved the place up to confirmed, '' when the user took it themselves. */
		promoted_at: string;
		/** Cancelled by the house (staff, or the event's cancellation), not by the user. */
		cancelled_by_house: boolean;
		/** Taken off the waitlist by the house (staff), not left by the user. */
		off_waitlist_by_house: boolean;
		created: string;
		cancelled_at: string;
	}[];
	registrations: {
		id: string;
		event: string;
		/** The event's English title, '' where staff wrote none. */
		event_en: string;
		start: string;
		status: string;
		/** The ticket's code, which the door reads. */
		ticket_code: string;
		placed_at: string;
		promoted_at: string;
		cancelled_by_house: boolean;
		off_waitlist_by_house: boolean;
		checked_in_at: string;
		/** Who checked the ticket in, in kind only ('' while it is not checked in). */
		checked_in_by: CheckedInBy;
		created: string;
		cancelled_at: string;
	}[];
	notifications: {
		id: string;
		/** What the message is about, as the house files it (`hold_ready`, `booking_approved`, ...). */
		kind: string;
		/** Where the message leads in the app, '' for none. */
		link: string;
		/** The message as first shown, in the user's language then. */
		title: string;
		body: string;
		/** The message in both languages (null for a message from before both were kept). */
		texts: Partial<Record<'da' | 'en', { title: string; body: string }>> | null;
		created: string;
		read_at: string;
		emailed_at: string;
		/** How often the mail server refused this message's mail (it is tried again later, then given up). */
		mail_failed_tries: number;
	}[];
	/** The audit log's entries about the user: desk acts for them, acts on their account and their rows, and the user's own acts. */
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
}

/**
 * Everything the house holds about the signed-in user, from `GET /api/borgerhus/mydata`
 * (pb_hooks/lib/overview-mydata.js), which answers for the token's own user only. Full lists, not the
 * overview's window: this is the complete picture.
 */
export async function fetchMyData(pb: PocketBase): Promise<MyData> {
	return pb.send<MyData>('/api/borgerhus/mydata', { requestKey: null });
}
