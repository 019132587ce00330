import { render } from 'svelte/server';
import type { Stats } from '$rules/stats.js';
import Bars from '$lib/components/stats/Bars.svelte';
import { formatHours, formatPercent, hourLabel, weekdayNames, type Bar, type Chart } from './format';

/**
 * The bars in markup. LayerCake lays them out in percent of the chart, so the server's drawing is the one
 * the browser would make at any width; nothing in it moves or answers, so the browser gets the markup and
 * none of LayerCake and the d3 scales (with the weekdays' names, 20 of the page's 73 kB of gzipped script;
 * docs/performance.md, "Every other page"). Svelte escapes the names in it as in any page.
 */
export function drawChart(items: Bar[], direction: Chart['direction']): Chart {
	return { items, direction, drawing: render(Bars, { props: { items, direction } }).body };
}

/** The page's four charts for the period, worded in the reader's language. */
export function statsCharts(stats: Stats, language: 'da' | 'en') {
	const { rooms } = stats;
	// an event's title, written in Danish, is marked as Danish on an English page (docs/rules.md, "Languages")
	const danish = language === 'en' ? ('da' as const) : undefined;
	return {
		rooms: drawChart(
			rooms.rooms.map((r) => ({
				key: r.id,
				label: r.name,
				value: r.minutes,
				text: `${formatHours(r.minutes, language)} · ${formatPercent(r.openUsedMinutes, r.openMinutes, language)}`
			})),
			'rows'
		),
		weekdays: drawChart(
			weekdayNames(language).map((name, i) => ({
				key: String(i),
				label: name,
				tick: name.slice(0, 3),
				value: rooms.weekdays[i] ?? 0,
				text: formatHours(rooms.weekdays[i] ?? 0, language)
			})),
			'columns'
		),
		hours: drawChart(
			rooms.hours.map((minutes, hour) => ({
				key: String(hour),
				label: hourLabel(hour),
				tick: hour % 3 === 0 ? String(hour).padStart(2, '0') : '',
				value: minutes,
				text: formatHours(minutes, language)
			})),
			'columns'
		),
		events: drawChart(
			stats.volunteers.events.map((e) => ({
				key: e.id,
				label: e.title,
				lang: danish,
				value: e.minutes,
				text: formatHours(e.minutes, language)
			})),
			'rows'
		)
	};
}
