import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDay, formatRange } from '$lib/dates';
import type { LineReason } from '$rules/season/allocate.js';

// How a season line and its reason read (docs/rules.md, "Season application round"): one sentence per
// step of the allocation that touched the line, so an applicant sees why it got what it got.

export interface SlotLike {
	weekday: string;
	start: string;
	end: string;
	room: string;
}

const WEEKDAY: Record<string, () => string> = {
	mon: m.season_weekday_mon,
	tue: m.season_weekday_tue,
	wed: m.season_weekday_wed,
	thu: m.season_weekday_thu,
	fri: m.season_weekday_fri,
	sat: m.season_weekday_sat,
	sun: m.season_weekday_sun
};

export const weekdayName = (day: string) => (WEEKDAY[day] ?? (() => day))();

export const TIER_NAME: Record<string, () => string> = {
	house: m.season_tier_house,
	children: m.season_tier_children,
	education: m.season_tier_education,
	adults: m.season_tier_adults
};

export const WHY: Record<string, () => string> = {
	house_own: m.season_why_house_own,
	age_group: m.season_why_age_group,
	adult_education: m.season_why_adult_education,
	adult_other: m.season_why_adult_other
};

export const BY: Record<string, () => string> = {
	history: m.season_tb_history,
	participants_per_hour: m.season_tb_participants_per_hour,
	applied_first: m.season_tb_applied_first,
	accessibility: m.season_tb_accessibility,
	local: m.season_tb_local,
	tier: m.season_tb_tier,
	wish_order: m.season_tb_wish_order,
	staff_settled: m.season_tb_staff_settled,
	held_for_conflict: m.season_tb_held_for_conflict,
	taken: m.season_tb_taken
};

export const SKIP: Record<string, () => string> = {
	capacity: m.season_skip_capacity,
	accessibility: m.season_skip_accessibility,
	blackout: m.season_skip_blackout,
	not_offered: m.season_skip_not_offered
};

export const CODE: Record<string, () => string> = {
	objection_upheld: m.season_code_objection_upheld,
	conflict_settled: m.season_code_conflict_settled,
	accessibility: m.season_code_accessibility,
	house_need: m.season_code_house_need,
	correction: m.season_code_correction
};

export const STATE: Record<string, () => string> = {
	setup: m.season_state_setup,
	open: m.season_state_open,
	closed: m.season_state_closed,
	draft_published: m.season_state_draft_published,
	final: m.season_state_final,
	second_round: m.season_state_second_round,
	second_closed: m.season_state_second_closed,
	leftovers: m.season_state_leftovers
};

export const SWAP_STATUS: Record<string, () => string> = {
	proposed: m.season_swap_status_proposed,
	consented: m.season_swap_status_consented,
	done: m.season_swap_status_done,
	declined: m.season_swap_status_declined,
	cancelled: m.season_swap_status_cancelled,
	rejected: m.season_swap_status_rejected
};

export const APPLICATION_STATUS: Record<string, () => string> = {
	submitted: m.season_app_submitted,
	withdrawn: m.season_app_withdrawn
};

export const LINE_STATUS: Record<string, () => string> = {
	allocated: m.season_status_allocated,
	unallocated: m.season_status_unallocated,
	flagged: m.season_status_flagged,
	released: m.season_status_released
};

const call = (table: Record<string, () => string>, key: string) => (table[key] ? table[key]() : key);

/** "tirsdag 17:00–19:00, Salen" for a slot id, given the season's slots and the rooms' names. */
export function slotLabel(
	slotId: string,
	slots: { id: string; room: string; weekday: string; start: string; end: string }[],
	roomNames: Record<string, string>,
	every = 1,
	parity = 0
): string {
	const slot = slots.find((s) => s.id === slotId);
	if (!slot) return slotId;
	const base = m.season_weekly_at({
		weekday: weekdayName(slot.weekday),
		time: formatRange(slot.start, slot.end),
		room: roomNames[slot.room] ?? ''
	});
	if (every !== 2) return base;
	return `${base} (${m.season_every_2().toLowerCase()}, ${parity ? m.season_odd_weeks() : m.season_even_weeks()})`;
}

/**
 * The sentences of a line's reason. `names` maps an activity key to its association's name. The
 * association reads of its own wishes ("Jeres ønske 2"); staff, in the back office and its export, read of
 * the association's (`staff`).
 */
export function reasonLines(
	line: { via: string; wish: number; reason: LineReason | null },
	label: (slotId: string) => string,
	names: Record<string, string> = {},
	options: { now?: Date; staff?: boolean } = {}
): string[] {
	const now = options.now ?? new Date();
	const r = line.reason;
	if (!r) return [];
	const out: string[] = [];
	for (const s of r.skipped ?? []) {
		out.push(m.season_reason_skipped({ n: s.wish + 1, slot: label(s.slot), why: call(SKIP, s.why) }));
	}
	for (const c of r.contests ?? []) {
		if (c.wish < 0) continue;
		out.push(
			m.season_reason_lost({
				n: c.wish + 1,
				slot: label(c.slot),
				winner: names[c.lost_to] || m.season_another(),
				by: call(BY, c.by)
			})
		);
	}
	if (r.override) out.push(m.season_reason_override({ code: call(CODE, r.override.code) }));
	else if (line.via === 'wish')
		out.push((options.staff ? m.season_reason_wish_staff : m.season_reason_wish)({ n: line.wish + 1 }));
	else if (line.via === 'flexibility')
		out.push(options.staff ? m.season_reason_flexibility_staff() : m.season_reason_flexibility());
	if (r.blackout?.length) {
		// days as people read them ("mandag 15. februar 2027"), in the language of the messages
		const language = getLocale() === 'en' ? 'en' : 'da';
		const dates = r.blackout.map((day) => formatDay(day, language, now)).join(', ');
		out.push(m.season_reason_blackout({ dates }));
	}
	return out;
}
