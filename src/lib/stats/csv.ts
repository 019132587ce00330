import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Stats } from '$rules/stats.js';
import { m } from '$lib/paraglide/messages';
import { HOUSE_TIME_ZONE } from '$lib/dates';
import { weekdayNames, hourLabel } from './format';
import { spreadsheetCsv } from '$lib/csv';

/** The tables the statistics page offers as CSV, by their name in the URL. */
export const CSV_TABLES = [
	'lokaler',
	'ugedage',
	'timer',
	'bibliotek',
	'frivillige',
	'lokale-udeblivelser',
	'udeblivelser'
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];
export const isCsvTable = (value: string): value is CsvTable =>
	(CSV_TABLES as readonly string[]).includes(value);

type Cell = string | number;

/**
 * One table of the statistics as CSV in the spreadsheet dialect of the language (`spreadsheetCsv`), with
 * a decimal comma for Danish spreadsheets and a decimal point for English ones.
 */
export function statsCsv(stats: Stats, table: CsvTable, language: 'da' | 'en'): string {
	const number = (value: number, decimals = 1) => {
		const text = value.toFixed(decimals);
		return language === 'da' ? text.replace('.', ',') : text;
	};
	const hours = (minutes: number) => number(minutes / 60);
	return spreadsheetCsv(tableRows(stats, table, hours, number, language), language);
}

function tableRows(
	stats: Stats,
	table: CsvTable,
	hours: (minutes: number) => string,
	number: (value: number, decimals?: number) => string,
	language: 'da' | 'en'
): Cell[][] {
	switch (table) {
		case 'lokaler':
			return [
				[
					m.stats_col_room(),
					m.stats_col_bookings(),
					m.stats_col_events(),
					m.stats_col_hours(),
					m.stats_col_open_hours(),
					m.stats_col_occupancy()
				],
				...stats.rooms.rooms.map((room) => [
					room.name,
					room.bookings,
					room.events,
					hours(room.minutes),
					hours(room.openMinutes),
					room.openMinutes ? number((100 * room.openUsedMinutes) / room.openMinutes) : ''
				])
			];
		case 'ugedage': {
			const names = weekdayNames(language);
			return [
				[m.stats_col_weekday(), m.stats_col_hours()],
				...stats.rooms.weekdays.map((minutes, i) => [names[i] ?? '', hours(minutes)])
			];
		}
		case 'timer':
			return [
				[m.stats_col_hour(), m.stats_col_hours()],
				...stats.rooms.hours.map((minutes, hour) => [hourLabel(hour), hours(minutes)])
			];
		case 'bibliotek': {
			const l = stats.library;
			return [
				[m.stats_col_figure(), m.stats_col_value()],
				[m.stats_library_served(), l.served],
				[m.stats_library_wait_median(), number(l.waitMedianHours)],
				[m.stats_library_wait_p90(), number(l.waitP90Hours)],
				[m.stats_library_collected(), l.collected],
				[m.stats_library_expired(), l.expired],
				[m.stats_library_loans(), l.loans],
				[`${m.stats_library_now()}: ${m.stats_library_waiting_now()}`, l.waitingNow],
				[`${m.stats_library_now()}: ${m.stats_library_paused_now()}`, l.pausedNow],
				[`${m.stats_library_now()}: ${m.stats_library_fetching_now()}`, l.fetchingNow],
				[`${m.stats_library_now()}: ${m.stats_library_ready_now()}`, l.readyNow]
			];
		}
		case 'frivillige':
			return [
				[m.stats_col_event(), m.stats_col_volunteer_hours(), m.stats_col_volunteers()],
				...stats.volunteers.events.map((e) => [e.title, hours(e.minutes), e.people])
			];
		case 'lokale-udeblivelser':
			return [
				[
					m.stats_col_room(),
					m.stats_room_no_shows_due(),
					m.stats_room_no_shows_checked_in(),
					m.stats_room_no_shows_count()
				],
				...stats.roomNoShows.rooms.map((room) => [room.name, room.due, room.checkedIn, room.noShows])
			];
		case 'udeblivelser':
			return [
				[
					m.stats_col_event(),
					m.stats_col_date(),
					m.stats_col_registered(),
					m.stats_col_checked_in(),
					m.stats_col_no_shows()
				],
				...stats.noShows.events.map((e) => [
					e.title,
					format(new TZDate(e.start, HOUSE_TIME_ZONE), 'yyyy-MM-dd'),
					e.registered,
					e.checkedIn,
					e.noShows
				])
			];
	}
}
