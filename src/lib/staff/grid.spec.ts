import { describe, expect, it } from 'vitest';
import { dayColumns, gridRows, heldUntil, weekColumns, type GridItem } from './grid';
import { localToUtc } from '$rules/rooms-policy.js';

const OPEN = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } as Record<string, [string, string][]>;
const at = (date: string, time: string) => localToUtc(date, time) as number;

describe('the staff calendar grid', () => {
	const rooms = [
		{ id: 'salen', name: 'Salen', opening_hours: OPEN },
		{ id: 'lille', name: 'Lille sal', opening_hours: OPEN }
	];
	const day = '2026-12-07'; // a Monday

	it('has an hour column from the earliest opening to the latest closing, at least 08-22', () => {
		const columns = dayColumns(day, rooms, []);
		expect(columns.map((c) => c.key)).toEqual([
			'08',
			'09',
			'10',
			'11',
			'12',
			'13',
			'14',
			'15',
			'16',
			'17',
			'18',
			'19',
			'20',
			'21'
		]);
	});

	it('shows a booking, an event and a house closure as cells across their hours', () => {
		const items: GridItem[] = [
			{
				kind: 'booking',
				id: 'b',
				room: 'lille',
				start: at(day, '10:00'),
				end: at(day, '12:00'),
				label: 'Kor',
				status: 'approved',
				href: ''
			},
			{
				kind: 'event',
				id: 'e',
				room: 'salen',
				start: at(day, '19:00'),
				end: at(day, '22:00'),
				label: 'Koncert',
				status: 'published',
				href: '/x'
			},
			{
				kind: 'closure',
				id: 'c',
				room: '',
				start: at(day, '13:00'),
				end: at(day, '14:00'),
				label: 'Møde',
				status: '',
				href: ''
			}
		];
		const columns = dayColumns(day, rooms, items);
		const [salen, lille] = gridRows(rooms, items, columns);
		// Salen: 08 outside, 09-13 free, 13 closed, 14-17 free, 17-19 outside, 19-22 the concert
		expect(salen!.cells.map((c) => [c.state, c.span, c.items.map((i) => i.id).join()])).toEqual([
			['outside', 1, ''],
			['free', 4, ''],
			['busy', 1, 'c'],
			['free', 3, ''],
			['outside', 2, ''],
			['busy', 3, 'e']
		]);
		expect(lille!.cells.find((c) => c.items.some((i) => i.id === 'b'))!.span).toBe(2);
		// every row covers every column
		for (const row of [salen!, lille!])
			expect(row.cells.reduce((n, c) => n + c.span, 0)).toBe(columns.length);
	});

	it('has seven day columns in a week, across a change of clocks', () => {
		const columns = weekColumns('2026-10-22');
		expect(columns.map((c) => c.key)).toEqual([
			'2026-10-22',
			'2026-10-23',
			'2026-10-24',
			'2026-10-25',
			'2026-10-26',
			'2026-10-27',
			'2026-10-28'
		]);
		expect(columns[3]!.end - columns[3]!.start).toBe(25 * 3600 * 1000);
	});
});

describe('heldUntil', () => {
	const end = '2026-05-04 12:00:00.000Z';
	it('is the end of a booking not checked out', () => {
		expect(heldUntil({ end, checked_out_at: '' })).toEqual({ end, checkedOut: false });
		expect(heldUntil({ end })).toEqual({ end, checkedOut: false });
	});
	it('is the check-out of a booking left early, and only when it is before the end', () => {
		const out = '2026-05-04 10:40:00.000Z';
		expect(heldUntil({ end, checked_out_at: out })).toEqual({ end: out, checkedOut: true });
		expect(heldUntil({ end, checked_out_at: '2026-05-04 12:00:00.000Z' })).toEqual({
			end,
			checkedOut: false
		});
	});
});
