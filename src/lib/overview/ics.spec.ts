import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildCalendar, feedItem } from './ics.server';

describe('iCalendar for the feed and "add to calendar"', () => {
	it('tells a calendar that an entry changed: SEQUENCE grows with its last change, LAST-MODIFIED says when', () => {
		const entry = (status: string, updated: string) =>
			feedItem(
				{
					uid: 'booking-abc',
					kind: 'booking',
					status,
					title: 'Salen',
					detail: '',
					association: '',
					location: 'Salen',
					start: '2027-03-29 16:00:00.000Z',
					end: '2027-03-29 18:00:00.000Z',
					updated
				},
				'da'
			);
		const read = (status: string, updated: string) => {
			const text = buildCalendar([entry(status, updated)], { name: 'Borgerhus', publish: true });
			const event = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
			return {
				sequence: Number(event.getFirstPropertyValue('sequence')),
				modified: String(event.getFirstPropertyValue('last-modified')),
				status: String(event.getFirstPropertyValue('status'))
			};
		};
		const booked = read('approved', '2027-03-01 10:00:00.000Z');
		const cancelled = read('cancelled', '2027-03-02 09:30:00.000Z');
		expect(booked.sequence).toBeGreaterThan(0);
		expect(cancelled.sequence).toBeGreaterThan(booked.sequence);
		expect(cancelled.status).toBe('CANCELLED');
		expect(cancelled.modified).toContain('2027-03-02T09:30:00');
		expect(cancelled.sequence).toBeLessThan(2 ** 31);
	});

	it('writes events an independent parser reads back, in the feed language', () => {
		const text = buildCalendar(
			[
				feedItem(
					{
						uid: 'booking-abc',
						kind: 'booking',
						status: 'pending',
						title: 'Salen',
						detail: 'Generalforsamling',
						association: 'Nørreby Boldklub',
						location: 'Salen',
						start: '2026-12-01 18:00:00.000Z',
						end: '2026-12-01 20:00:00.000Z'
					},
					'en'
				),
				feedItem(
					{
						uid: 'pickup-def',
						kind: 'pickup',
						status: 'ready',
						title: 'Den lange rejse',
						detail: 'A-12',
						association: '',
						location: '',
						start: '2026-12-01 08:00:00.000Z',
						end: '2026-12-03 16:00:00.000Z'
					},
					'da'
				)
			],
			{ name: 'Borgerhus', publish: true }
		);
		const events = new ICAL.Component(ICAL.parse(text))
			.getAllSubcomponents('vevent')
			.map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.summary)).toEqual(['Booking: Salen', 'Hent: Den lange rejse']);
		expect(events[0]?.uid).toBe('booking-abc@borgerhus');
		expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2026-12-01T18:00:00.000Z');
		expect(events[0]?.description).toContain('Waiting for approval');
		expect(events[1]?.description).toBe('Hylde A-12');
		// "collect by": the last half hour before the deadline
		expect(events[1]?.startDate.toJSDate().toISOString()).toBe('2026-12-03T15:30:00.000Z');
	});
});
