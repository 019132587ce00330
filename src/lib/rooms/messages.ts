import { m } from '$lib/paraglide/messages';
import type { SlotKind } from './slot';
import type { BookingStatus } from '$lib/pocketbase-types';

export function slotLabel(kind: SlotKind): string {
	switch (kind) {
		case 'free':
			return m.rooms_slot_free();
		case 'busy':
			return m.rooms_slot_busy();
		case 'closed':
			return m.rooms_slot_closed();
		case 'past':
			return m.rooms_slot_past();
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
