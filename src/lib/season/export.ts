import { m } from '$lib/paraglide/messages';
import type { LineView, SeasonView } from './load.server';
import { LINE_STATUS, TIER_NAME, reasonLines, slotLabel } from './reasons';

/** The rows of the allocation as the leisure committee reads it: one line per activity with its reason. */
export function allocationRows(
	season: SeasonView,
	lines: LineView[],
	rooms: Record<string, string>,
	names: Record<string, string>
): string[][] {
	const byActivity = Object.fromEntries(lines.map((l) => [l.activity, names[l.association] ?? '']));
	const label = (slot: string, every = 1, parity = 0) => slotLabel(slot, season.slots, rooms, every, parity);
	return [
		[
			m.season_col_association(),
			m.season_col_activity(),
			m.season_col_tier(),
			m.season_col_status(),
			m.season_col_time(),
			m.season_col_wish(),
			m.season_col_dates(),
			m.season_col_reason()
		],
		...lines.map((l) => [
			names[l.association] ?? '',
			l.activity_name,
			TIER_NAME[l.tier]?.() ?? l.tier,
			LINE_STATUS[l.status]?.() ?? l.status,
			l.slot && l.status !== 'unallocated' ? label(l.slot, l.every, l.parity) : '',
			l.wish >= 0 && l.status === 'allocated' ? String(l.wish + 1) : '',
			l.booked ? String(l.booked) : '',
			reasonLines(l, (s) => label(s), byActivity, { staff: true }).join(' ')
		])
	];
}
