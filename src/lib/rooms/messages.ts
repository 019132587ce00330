import { m } from '$lib/paraglide/messages';
import { codeMessage } from '$lib/errors';
import type { SlotKind } from './week';
import type { BookingStatus } from '$lib/pocketbase-types';

/**
 * Rule codes with a wording of the app's own (errors_<code>) instead of the hooks' registry. Named one
 * by one: looking a message up by a computed name would put every message of the app into each page
 * that translates a code (about a hundred script files; docs/performance.md).
 */
const OWN_WORDING: Record<string, () => string> = {
	events_cancel_too_late: m.errors_events_cancel_too_late,
	events_end_before_start: m.errors_events_end_before_start,
	rooms_attendees_invalid: m.errors_rooms_attendees_invalid,
	rooms_invalid_time: m.errors_rooms_invalid_time,
	rooms_reason_required: m.errors_rooms_reason_required
};

/** The translated message of a rule code: the app's own (errors_<code>), else the hooks' registry. */
export function ruleMessage(code: string): string {
	const translate = Object.hasOwn(OWN_WORDING, code) ? OWN_WORDING[code] : undefined;
	return translate ? translate() : codeMessage(code);
}

export function slotLabel(kind: SlotKind): string {
	switch (kind) {
		case 'free':
			return m.rooms_slot_free();
		case 'busy':
			return m.rooms_slot_busy();
		case 'closed':
			return m.rooms_slot_closed();
		default:
			return m.rooms_slot_outside();
	}
}

export function statusLabel(status: BookingStatus | ''): string {
	switch (status) {
		case 'approved':
			return m.rooms_status_approved();
		case 'rejected':
			return m.rooms_status_rejected();
		case 'cancelled':
			return m.rooms_status_cancelled();
		case 'no_show':
			return m.rooms_status_no_show();
		default:
			return m.rooms_status_pending();
	}
}

export function roleLabel(role: string): string {
	return role === 'admin'
		? m.rooms_role_admin()
		: role === 'booker'
			? m.rooms_role_booker()
			: m.rooms_role_member();
}
