import type PocketBase from 'pocketbase';
import type { BookingRecord, HoldRecord, RegistrationRecord, SignupRecord } from '$lib/pocketbase-types';
import type { TimelineInput } from './timeline';

/** The overview's input, with how many days back PocketBase read its history. */
export type OverviewInput = TimelineInput & { historyDays: number };

/**
 * Reads everything the overview shows in one request with the user's own token; PocketBase answers for
 * the token's user only (pb_hooks/lib/overview-timeline.js), with expands checked against view rules.
 */
export async function fetchTimelineInput(pb: PocketBase): Promise<OverviewInput> {
	return pb.send<OverviewInput>('/api/borgerhus/overview', { requestKey: null });
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
	// one entry for "add to calendar": no actions are offered, so no rights are read
	const empty: TimelineInput = {
		user: '',
		roles: {},
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
				signups: [await pb.collection('signups').getOne<SignupRecord>(id, { expand: 'shift.event.room' })]
			};
		case 'registration':
			return {
				...empty,
				registrations: [
					await pb.collection('registrations').getOne<RegistrationRecord>(id, { expand: 'event.room' })
				]
			};
	}
}
