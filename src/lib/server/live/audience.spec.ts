import { describe, expect, it } from 'vitest';
import type { RecordModel } from 'pocketbase';
import { AUDIENCES, served, type Viewer } from './audience';

const record = (fields: Record<string, unknown>) =>
	({ id: 'r1', collectionId: 'c', collectionName: 'x', ...fields }) as RecordModel;
const alice: Viewer = { id: 'alice', staff: false };
const bob: Viewer = { id: 'bob', staff: false };
const staff: Viewer = { id: 'staff', staff: true };
const hears = (
	collection: string,
	fields: Record<string, unknown>,
	viewer: Viewer | null,
	members?: string[]
) => AUDIENCES[collection]!.hears({ record: record(fields), members: members && new Set(members) }, viewer);

describe('who hears a change on /live', () => {
	it('public collections reach everyone, guests too', () => {
		for (const name of ['rooms', 'closures', 'titles', 'copies'])
			expect([null, alice, staff].map((v) => hears(name, {}, v))).toEqual([true, true, true]);
	});

	it('a busy row reaches everyone in a room in use; in a room out of use only a published event’s, and staff', () => {
		const inUse = { kind: 'booking', expand: { room: { active: true } } };
		const outOfUse = { kind: 'booking', expand: { room: { active: false } } };
		const event = { kind: 'event', expand: { room: { active: false } } };
		expect([null, alice, staff].map((v) => hears('room_busy', inUse, v))).toEqual([true, true, true]);
		expect([null, alice, staff].map((v) => hears('room_busy', outOfUse, v))).toEqual([false, false, true]);
		expect([null, alice, staff].map((v) => hears('room_busy', event, v))).toEqual([true, true, true]);
		expect(hears('room_busy', { kind: 'booking' }, null)).toBe(false);
	});

	it('a notification reaches its owner alone, not staff, never a guest (also with no owner)', () => {
		expect(hears('notifications', { user: 'alice' }, alice)).toBe(true);
		expect(hears('notifications', { user: 'alice' }, bob)).toBe(false);
		expect(hears('notifications', { user: 'alice' }, staff)).toBe(false);
		expect(hears('notifications', { user: 'alice' }, null)).toBe(false);
		expect(hears('notifications', { user: '' }, null)).toBe(false);
	});

	it('holds, loans, signups and registrations reach the owner and staff', () => {
		for (const [name, field] of [
			['holds', 'patron'],
			['loans', 'patron'],
			['signups', 'user'],
			['registrations', 'user']
		] as const) {
			expect([alice, bob, staff, null].map((v) => hears(name, { [field]: 'alice' }, v))).toEqual([
				true,
				false,
				true,
				false
			]);
		}
	});

	it('a booking reaches its booker, staff and the association active members', () => {
		const booking = { booker: 'alice', association: 'a1' };
		expect(hears('bookings', booking, alice)).toBe(true);
		expect(hears('bookings', booking, staff)).toBe(true);
		expect(hears('bookings', booking, bob, ['bob'])).toBe(true);
		expect(hears('bookings', booking, bob, [])).toBe(false);
		expect(hears('bookings', booking, bob)).toBe(false); // members unknown: silent
		expect(hears('bookings', { booker: 'alice', association: '' }, bob, ['bob'])).toBe(false);
		expect(hears('bookings', booking, null, [''])).toBe(false);
	});

	it('events and their shifts reach everyone once published or cancelled, staff always', () => {
		for (const state of ['published', 'cancelled']) {
			expect(hears('events', { state }, null)).toBe(true);
			expect(hears('shifts', { expand: { event: { state } } }, null)).toBe(true);
		}
		expect(hears('events', { state: 'draft' }, alice)).toBe(false);
		expect(hears('events', { state: 'draft' }, staff)).toBe(true);
		expect(hears('shifts', { expand: { event: { state: 'draft' } } }, alice)).toBe(false);
		expect(hears('shifts', {}, alice)).toBe(false); // event not expanded: silent
		expect(hears('shifts', {}, staff)).toBe(true);
	});

	it('serves only the collections it has an audience for', () => {
		expect(served('users')).toBe(false);
		expect(served('audit_log')).toBe(false);
		expect(served('constructor')).toBe(false);
		expect(served('bookings')).toBe(true);
	});
});
