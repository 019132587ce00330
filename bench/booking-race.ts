// booking-race: 200 different users ask for the same slot of one room at the same moment, through
// PocketBase's API directly. Exactly one may win; every other answer must be the clear conflict
// (400 with code rooms_overlap). Ends with `booking-race: winners=W conflicts=C other=O attempts=200`.
import { ClientResponseError } from 'pocketbase';
import { startBenchStack, benchUsers, benchRoom } from './_stack';
import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';
import { HOUSE_TIME_ZONE, toPbDate } from '../src/lib/dates';

/** Copenhagen wall-clock time `days` from today at `hours`, in ms. */
function houseTime(days: number, hours: number): number {
	const day = set(addDays(new TZDate(Date.now(), HOUSE_TIME_ZONE), days), {
		hours,
		minutes: 0,
		seconds: 0,
		milliseconds: 0
	});
	return day.getTime();
}

const ATTEMPTS = 200;
const stack = await startBenchStack();
try {
	const { system, pbUrl } = stack;
	const room = await benchRoom(system, 'Kapløbslokale', 'kaploeb');
	const start = toPbDate(new Date(houseTime(7, 10)));
	const end = toPbDate(new Date(houseTime(7, 12)));

	// Users with a token and an address of their own each.
	const clients = await benchUsers(system, pbUrl, ATTEMPTS, 'race', 'Racer');

	const results = await Promise.allSettled(
		clients.map(({ pb, id }) =>
			pb
				.collection('bookings')
				.create({ room: room.id, booker: id, attendees: 5, purpose: 'Kapløb', start, end })
		)
	);
	let winners = 0;
	let conflicts = 0;
	let other = 0;
	for (const result of results) {
		if (result.status === 'fulfilled') winners++;
		else {
			const err = result.reason as ClientResponseError;
			const code = (err.response?.data as Record<string, { code?: string }> | undefined)?.form?.code;
			if (err.status === 400 && code === 'rooms_overlap') conflicts++;
			else other++;
		}
	}
	const stored = await system.collection('bookings').getList(1, 1, {
		filter: system.filter('room = {:room}', { room: room.id })
	});
	console.log(`stored bookings for the slot: ${stored.totalItems}`);
	console.log(`booking-race: winners=${winners} conflicts=${conflicts} other=${other} attempts=${ATTEMPTS}`);
} finally {
	await stack.stop();
}
