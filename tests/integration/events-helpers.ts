import type PocketBase from 'pocketbase';
import { createUser, systemClient, type TestUser } from '../helpers/pocketbase';
import type { EventRecord, ShiftRecord } from '../../src/lib/pocketbase-types';

const DAY = 24 * 3600 * 1000;

/** A start an hour from now: the door is open, so its tickets can be checked in (TICKET_CHECKIN_OPENS_MINUTES). */
export function doorOpen(): Date {
	return new Date(Date.now() + 60 * 60_000);
}

/**
 * A random moment far in the future, on the minute, so tests never share times. Never between 00:00 and
 * 02:00 UTC: on the night the clocks go back that is the house's hour that occurs twice, which a form
 * refuses as ambiguous when a test sends the moment back as house time.
 */
export function farFuture(extraMs = 0): Date {
	const days = 400 + Math.floor(Math.random() * 3000);
	const minute = 120 + Math.floor(Math.random() * 22 * 60);
	return new Date(
		Math.floor((Date.now() + days * DAY) / 86_400_000) * 86_400_000 + minute * 60_000 + extraMs
	);
}

export interface Arranged {
	event: EventRecord;
	shift: ShiftRecord;
}

/** A published event (with registration) and one shift, arranged with system rights. */
export async function arrangeEvent(
	options: { places?: number; capacity?: number; start?: Date; hours?: number; state?: string } = {}
): Promise<Arranged> {
	const system = await systemClient();
	const start = options.start ?? farFuture();
	const end = new Date(start.getTime() + (options.hours ?? 2) * 3600_000);
	const event = await system.collection('events').create<EventRecord>({
		title: `Testarrangement ${Math.random().toString(36).slice(2, 8)}`,
		description: 'Til test',
		category: 'concert',
		start,
		end,
		state: options.state ?? 'published',
		registration: (options.capacity ?? 5) > 0,
		capacity: options.capacity ?? 5
	});
	const shift = await system.collection('shifts').create<ShiftRecord>({
		event: event.id,
		task: 'Billetkontrol',
		start,
		end,
		places: options.places ?? 2
	});
	return { event, shift };
}

/** A shift on an existing event at given times. */
export async function arrangeShift(
	eventId: string,
	start: Date,
	hours: number,
	places = 2
): Promise<ShiftRecord> {
	const system = await systemClient();
	return system.collection('shifts').create<ShiftRecord>({
		event: eventId,
		task: 'Opstilling',
		start,
		end: new Date(start.getTime() + hours * 3600_000),
		places
	});
}

/** A citizen who has accepted the volunteer terms themselves. */
export async function createVolunteer(): Promise<TestUser> {
	const user = await createUser({ name: 'Test Frivillig' });
	await user.pb.collection('users').update(user.record.id, { volunteer_terms_at: new Date() });
	return user;
}

/** The status of a sign-up or registration, read with system rights. */
export async function statusOf(collection: 'signups' | 'registrations', id: string): Promise<string> {
	const system = await systemClient();
	return (await system.collection(collection).getOne<{ status: string }>(id)).status;
}

/** The code of a refused write (our hooks' codes sit on a field or on "form"). */
export function codeOf(err: unknown, field = 'form'): string | undefined {
	const data = (err as { response?: { data?: Record<string, { code?: string }> } }).response?.data;
	return data?.[field]?.code;
}

export async function refusal(promise: Promise<unknown>): Promise<{ status: number; error: unknown }> {
	try {
		await promise;
	} catch (error) {
		return { status: (error as { status: number }).status, error };
	}
	throw new Error('expected the request to be refused');
}

export type { PocketBase };
