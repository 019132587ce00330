import { localParts, localToUtc } from '../../pb_hooks/lib/rooms-policy.js';

/**
 * Times as the staff forms send them (datetime-local, house time), each `hours` from now (minutes floored
 * to `step`). On the night the clocks go back, 02:00-02:59 names two moments and the forms refuse it as
 * ambiguous: then all move on together, an hour further from now at a time, until none is.
 */
export function houseLocalFromNow<T extends number[]>(hours: [...T], step = 1): { [K in keyof T]: string } {
	const away = (hours[0] ?? 0) < 0 ? -1 : 1;
	for (let shift = 0; ; shift += away) {
		const values = hours.map((h) => {
			const parts = localParts(Date.now() + (h + shift) * 3600_000);
			const minutes = Math.floor(parts.minutes / step) * step;
			const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
			return { date: parts.date, time };
		});
		if (values.every((v) => localToUtc(v.date, v.time) !== null))
			return values.map((v) => `${v.date}T${v.time}`) as { [K in keyof T]: string };
	}
}
