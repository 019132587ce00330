import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildCalendar, feedItem } from './ics.server';

describe('iCalendar for the feed and "add to calendar"', () => {
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
