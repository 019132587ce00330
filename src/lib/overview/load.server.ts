import type PocketBase from 'pocketbase';
import type {
	BookingRecord,
	HoldRecord,
	LoanRecord,
	MembershipRecord,
	RegistrationRecord,
	SignupRecord
} from '$lib/pocketbase-types';
import { toPbDate } from '$lib/dates';
import type { TimelineInput } from './timeline';

/** How far back the overview shows history. */
export const HISTORY_DAYS = 30;
/** At most this many entries of each kind: the overview is a summary of what is next ("Mine data" has everything). */
export const PER_KIND = 50;

const TITLE_FIELDS = 'expand.title.id,expand.title.title,expand.title.creator';

/**
 * Reads everything the overview shows with the user's own token: a handful of indexed queries run in
 * parallel (memberships first, as the booking filter names the user's associations). PocketBase's list
 * rules apply on top of the filters, so even a wrong filter could not show another person's data.
 */
export async function fetchTimelineInput(pb: PocketBase, userId: string, now: Date): Promise<TimelineInput> {
	const since = toPbDate(new Date(now.getTime() - HISTORY_DAYS * 24 * 3600 * 1000));
	const list = { skipTotal: true, requestKey: null } as const;
	const [memberships, holds, loans, signups, registrations, places] = await Promise.all([
		pb.collection('memberships').getList<MembershipRecord>(1, 200, {
			...list,
			filter: pb.filter('user = {:u}', { u: userId }),
			fields: 'association'
		}),
		pb.collection('holds').getList<HoldRecord>(1, PER_KIND, {
			...list,
			filter: pb.filter(
				'patron = {:u} && (status = "" || status = "waiting" || status = "paused" || status = "ready" || ended_at >= {:since})',
				{ u: userId, since }
			),
			sort: '-placed_at',
			expand: 'title',
			fields: `id,status,placed_at,created,updated,pickup_shelf,pickup_deadline,ended_at,${TITLE_FIELDS}`
		}),
		pb.collection('loans').getList<LoanRecord>(1, PER_KIND, {
			...list,
			filter: pb.filter('patron = {:u} && (returned_at = "" || returned_at >= {:since})', {
				u: userId,
				since
			}),
			sort: 'due',
			expand: 'title',
			fields: `id,due,returned_at,${TITLE_FIELDS}`
		}),
		pb.collection('signups').getList<SignupRecord>(1, PER_KIND, {
			...list,
			filter: pb.filter('user = {:u} && shift.end >= {:since}', { u: userId, since }),
			expand: 'shift.event',
			fields:
				'id,status,expand.shift.id,expand.shift.task,expand.shift.start,expand.shift.end,' +
				'expand.shift.expand.event.id,expand.shift.expand.event.title,expand.shift.expand.event.state'
		}),
		pb.collection('registrations').getList<RegistrationRecord>(1, PER_KIND, {
			...list,
			filter: pb.filter('user = {:u} && event.end >= {:since}', { u: userId, since }),
			expand: 'event',
			fields:
				'id,status,expand.event.id,expand.event.title,expand.event.start,expand.event.end,expand.event.state'
		}),
		pb.send<{ places: Record<string, number> }>('/api/borgerhus/overview/hold-places', { requestKey: null })
	]);

	// Own bookings and those of the user's associations; the index on (booker|association, start) serves both.
	const params: Record<string, string> = { u: userId, since };
	let owner = 'booker = {:u}';
	memberships.items.forEach((m, i) => {
		params[`a${i}`] = m.association;
		owner += ` || association = {:a${i}}`;
	});
	const bookings = await pb.collection('bookings').getList<BookingRecord>(1, PER_KIND, {
		...list,
		filter: pb.filter(`(${owner}) && end >= {:since}`, params),
		sort: 'start',
		expand: 'room,association',
		fields:
			'id,status,start,end,purpose,reason,cancel_reason,expand.room.id,expand.room.name,' +
			'expand.association.id,expand.association.name'
	});

	return {
		bookings: bookings.items,
		holds: holds.items,
		loans: loans.items,
		signups: signups.items,
		registrations: registrations.items,
		places: places.places
	};
}

/**
 * One entry of the user's overview, read with the user's own token (PocketBase answers 404 for anything
 * that is not theirs). Used for "add to calendar".
 */
export async function fetchEntryInput(
	pb: PocketBase,
	kind: 'booking' | 'hold' | 'shift' | 'registration',
	id: string
): Promise<TimelineInput> {
	const empty: TimelineInput = {
		bookings: [],
		holds: [],
		loans: [],
		signups: [],
		registrations: [],
		places: {}
	};
	switch (kind) {
		case 'booking':
			return {
				...empty,
				bookings: [await pb.collection('bookings').getOne<BookingRecord>(id, { expand: 'room,association' })]
			};
		case 'hold':
			return { ...empty, holds: [await pb.collection('holds').getOne<HoldRecord>(id, { expand: 'title' })] };
		case 'shift':
			return {
				...empty,
				signups: [await pb.collection('signups').getOne<SignupRecord>(id, { expand: 'shift.event' })]
			};
		case 'registration':
			return {
				...empty,
				registrations: [
					await pb.collection('registrations').getOne<RegistrationRecord>(id, { expand: 'event' })
				]
			};
	}
}
