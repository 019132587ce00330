import { da, enGB } from 'date-fns/locale';
import { m } from '$lib/paraglide/messages';
import { formatRange } from '$lib/dates';

/** One bar of a chart on the statistics page. */
export interface Bar {
	/** Unique within a chart (a room's or an event's id): two rooms or events may share a name. */
	key: string;
	/** Full name, for the numbers table and the rows. */
	label: string;
	/** 'da' when the name is the house's Danish text (an event's title) on an English page. */
	lang?: 'da';
	/** Short name under a column, e.g. "man" or "08"; empty hides it. */
	tick?: string;
	value: number;
	/** The value as people read it, e.g. "12,5 t". */
	text: string;
}

/** A chart of the statistics page: its bars (the numbers' table) and their drawing. */
export interface Chart {
	items: Bar[];
	/** Columns side by side (weekdays, hours) or one row per item (rooms, events). */
	direction: 'columns' | 'rows';
	/** The bars as markup, drawn by the server with LayerCake (`drawChart` in charts.server.ts). */
	drawing: string;
}

/** Weekday names in the statistics' order, Monday first (date-fns counts from Sunday). */
export function weekdayNames(language: 'da' | 'en'): string[] {
	const locale = language === 'da' ? da : enGB;
	return [1, 2, 3, 4, 5, 6, 0].map((day) => locale.localize.day(day as 0, { width: 'wide' }));
}

/** "08–09" for the hour starting at 08:00. */
export function hourLabel(hour: number): string {
	const pad = (n: number) => String(n % 24).padStart(2, '0');
	return formatRange(pad(hour), pad(hour + 1));
}

/** Minutes as hours with at most one decimal in the language's notation, e.g. "12,5 t". */
export function formatHours(minutes: number, language: 'da' | 'en'): string {
	const hours = new Intl.NumberFormat(language === 'da' ? 'da-DK' : 'en-GB', {
		maximumFractionDigits: 1
	}).format(minutes / 60);
	return m.stats_hours_value({ hours });
}

/** A share as a percentage (one decimal below 10 %) in the language's notation, or "–" when there is nothing to share. */
export function formatPercent(part: number, whole: number, language: 'da' | 'en'): string {
	if (!whole) return '–';
	return new Intl.NumberFormat(language === 'da' ? 'da-DK' : 'en-GB', {
		style: 'percent',
		// "0,4 %" rather than "0 %" when a little was used
		maximumFractionDigits: part / whole < 0.1 ? 1 : 0
	}).format(part / whole);
}
