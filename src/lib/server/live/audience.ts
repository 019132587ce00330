/**
 * Who may hear of a change on /live: the list and view rules of each collection the live stream serves,
 * written out for the one shared subscription (docs/performance.md, "Live"). Each entry names the rule
 * it was written for; the hub compares it with the collection's rules in PocketBase at start and serves
 * no collection whose rule has changed since (so a rule made stricter in a migration can never leak
 * through a stale copy here), and `tests/integration/live.test.ts` fails until this file follows.
 *
 * A viewer is the signed-in user of a stream (`null`: a guest). Every function errs on the side of
 * silence: a field it cannot read means "not for this viewer".
 */
import type { RecordModel } from 'pocketbase';

export interface Viewer {
	id: string;
	staff: boolean;
}

/** What the hub knows of a changed record: the record, and for bookings the association's active members. */
export interface Change {
	record: RecordModel;
	/** Users with an active membership of the booking's association (bookings only). */
	members?: ReadonlySet<string>;
}

export interface Audience {
	/** The collection's list and view rule this audience was written for (they are equal for all served). */
	rule: string;
	/** Relations the subscription expands, when the rule reads through one. */
	expand?: string;
	/** Whether the change needs the association's active members (bookings). */
	members?: boolean;
	/** Whether `viewer` may see the record. */
	hears: (change: Change, viewer: Viewer | null) => boolean;
}

const everyone = (rule = ''): Audience => ({ rule, hears: () => true });

const VISIBLE_EVENT = (state: unknown) => state === 'published' || state === 'cancelled';

/** A rule part naming the signed-in user asks for one first: a guest's id reads as empty in PocketBase. */
const SIGNED_IN = (part: string) => `(@request.auth.id != "" && ${part})`;

const own = (field: string, staffToo: boolean): Audience => ({
	rule: staffToo
		? `${SIGNED_IN(`${field} = @request.auth.id`)} || @request.auth.staff = true`
		: SIGNED_IN(`${field} = @request.auth.id`),
	hears: ({ record }, viewer) =>
		viewer !== null &&
		((typeof record[field] === 'string' && record[field] !== '' && record[field] === viewer.id) ||
			(staffToo && viewer.staff))
});

const MEMBER = (relation: string) =>
	`${SIGNED_IN(`${relation}.memberships_via_association.user ?= @request.auth.id`)} && ${relation}.memberships_via_association.status ?= "active"`;

/** The collections /live serves; any other name is accepted and stays silent. */
export const AUDIENCES: Readonly<Record<string, Audience>> = {
	rooms: everyone(),
	closures: everyone(),
	// a room out of use shows the public only its published events' rows (a draft event's would tell it)
	room_busy: {
		rule: 'kind = "event" || room.active = true || @request.auth.staff = true',
		expand: 'room',
		hears: ({ record }, viewer) =>
			record.kind === 'event' ||
			(record.expand?.room as RecordModel | undefined)?.active === true ||
			viewer?.staff === true
	},
	titles: everyone(),
	copies: everyone(),
	events: {
		rule: 'state = "published" || state = "cancelled" || @request.auth.staff = true',
		hears: ({ record }, viewer) => VISIBLE_EVENT(record.state) || viewer?.staff === true
	},
	shifts: {
		rule: 'event.state = "published" || event.state = "cancelled" || @request.auth.staff = true',
		expand: 'event',
		hears: ({ record }, viewer) =>
			VISIBLE_EVENT((record.expand?.event as RecordModel | undefined)?.state) || viewer?.staff === true
	},
	bookings: {
		rule: `${SIGNED_IN('booker = @request.auth.id')} || @request.auth.staff = true || (association != "" && ${MEMBER('association')})`,
		members: true,
		hears: ({ record, members }, viewer) =>
			viewer !== null &&
			((record.booker !== '' && record.booker === viewer.id) ||
				viewer.staff ||
				(record.association !== '' && members?.has(viewer.id) === true))
	},
	holds: own('patron', true),
	loans: own('patron', true),
	signups: own('user', true),
	registrations: own('user', true),
	notifications: own('user', false)
};

/** Whether `collection` is one /live serves. */
export function served(collection: string): boolean {
	return Object.hasOwn(AUDIENCES, collection);
}
