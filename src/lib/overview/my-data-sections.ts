import type { MyData } from './my-data.server';

/**
 * The card of the "Mine data" page that shows each section of the export (the card's heading has the id
 * `data-<card>`): the one list of which export section the page shows where. A section the export gets
 * later needs its card here, and the page test of every section (tests/integration/my-data-export.test.ts)
 * fails until the page shows it. A section shown as one line per row has a card of its own; the facts of
 * the account (the invitations counted, the sign-ins) share the account's card.
 */
export const CARD_OF_SECTION: Record<Exclude<keyof MyData, 'exported_at'>, string> = {
	profile: 'profile',
	memberships: 'memberships',
	bookings: 'bookings',
	holds: 'holds',
	loans: 'loans',
	signups: 'signups',
	registrations: 'registrations',
	notifications: 'notifications',
	invitations_counted: 'account',
	sign_ins: 'account',
	associations: 'associations',
	invitations_sent: 'invitations',
	series: 'series',
	bookings_acted_on: 'acted-on',
	season_applications: 'applications',
	season_objections: 'objections',
	season_swaps: 'swaps',
	audit: 'audit'
};
