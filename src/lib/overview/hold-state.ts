import { HOLD_STATUSES, type HoldStatus } from '$lib/pocketbase-types';
import type { EntryState } from '$lib/overview/timeline';

// Apart from the timeline, whose rules stay on the server: Mine data's page says a hold's state in the
// browser too, and loads nothing else of the timeline for it.

/**
 * A hold's state as the citizen is told it: ready without a pickup deadline is "being fetched" (the copy is
 * on its way to the pickup shelf and the patron is told later); Mit overblik, /bibliotek/mine and Mine data
 * say the same (docs/rules.md, "Library").
 */
export function holdState(status: string, pickupDeadline: string): EntryState {
	// a hold without a status (or one none of the rules knows) is no active hold: the rules give every hold one
	const s: HoldStatus = (HOLD_STATUSES as readonly string[]).includes(status)
		? (status as HoldStatus)
		: 'cancelled';
	if (s === 'ready' && !pickupDeadline) return 'hold_fetching';
	return `hold_${s}`;
}
