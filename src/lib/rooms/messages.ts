import { m } from '$lib/paraglide/messages';
import type { SlotKind } from './slot';
import type { BookingStatus } from '$lib/pocketbase-types';
import { formatDateTime, formatTime, houseParts } from '$lib/dates';

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

/**
 * When a booking's check-in opens, as the door's page says it: the time alone on the house day of `now`
 * ("Tjek-ind åbner kl. 08:45."), else with its day, for the page lists the next hours, past midnight too
 * ("Tjek-ind åbner mandag 7. december kl. 08:45.").
 */
export function checkinOpensLabel(opens: number, now: number, language: 'da' | 'en'): string {
	const [day, today] = [houseParts(opens), houseParts(now)];
	const sameDay = day.year === today.year && day.month === today.month && day.day === today.day;
	return sameDay
		? m.checkin_opens_at({ time: formatTime(new Date(opens)) }, { locale: language })
		: m.checkin_opens_on(
				{ when: formatDateTime(new Date(opens), language, new Date(now)) },
				{ locale: language }
			);
}
