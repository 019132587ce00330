import { error, fail, redirect } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad } from './$types';
import type { BookingRecord } from '$lib/pocketbase-types';
import { bookableAssociations } from '$lib/server/room-page';
import { requireStaff } from '$lib/server/guards';
import { readCitizen, searchCitizens } from '$lib/server/desk';
import { codeMessage, failureStatus, toFormErrors, type FormErrors } from '$lib/server/errors';
import { RECORD_ID } from '$lib/ids';
import { m } from '$lib/paraglide/messages';
import { closedCode, isOpen } from '$rules/rooms/booking-machine.js';
import { inUse } from '$rules/rooms-policy.js';
import { toMs } from '$rules/room-claims.js';
import { formatDateTime, formatRangeEnd } from '$lib/dates';
import { getLocale } from '$lib/paraglide/runtime';

// Staff give a booking to another booker or association (docs/rules.md, "Server-owned fields"): the page
// finds the new booker as the desk finds a citizen, and PocketBase's reassign route decides, audits and
// tells the bookers. What the page says before (a booking that has ended, one in use) is only a courtesy.

const FIELDS =
	'id,room,booker,association,series,purpose,start,end,status,checked_in_at,' +
	'expand.room.name,expand.booker.name,expand.booker.email,expand.association.name';

interface NewBooker {
	id: string;
	name: string;
	email: string;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	const pb = locals.pb;
	if (!RECORD_ID.test(params.id)) error(404, m.errors_not_found());
	let booking: BookingRecord;
	try {
		booking = await pb.collection('bookings').getOne<BookingRecord>(params.id, {
			expand: 'room,booker,association',
			fields: FIELDS
		});
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 404) error(404, m.errors_not_found());
		throw err;
	}
	const now = Date.now();
	// why it can no longer be given to anyone, where the page can tell at once; PocketBase asks again
	const blocked = !isOpen(booking.status)
		? closedCode(booking.status)
		: now >= toMs(booking.end)
			? 'rooms_booking_over'
			: inUse(booking.status, booking.checked_in_at ?? '', toMs(booking.start), now)
				? 'rooms_booking_in_use'
				: '';
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const results = !blocked && q.length >= 2 ? (await searchCitizens(pb, q)).items : null;
	const asked = url.searchParams.get('borger') ?? '';
	let chosen: NewBooker | null = null;
	let unknown = false;
	let associations: { id: string; name: string }[] = [];
	if (!blocked && RECORD_ID.test(asked)) {
		const found = results?.find((citizen) => citizen.id === asked);
		if (asked === booking.booker) {
			// the booker it has, for another association (a staff member's own booking too)
			chosen = {
				id: asked,
				name: booking.expand?.booker?.name ?? '',
				email: booking.expand?.booker?.email ?? ''
			};
		} else if (found) {
			chosen = { id: found.id, name: found.name, email: found.email };
		} else {
			try {
				const { citizen } = await readCitizen(pb, asked);
				chosen = { id: citizen.id, name: citizen.name, email: citizen.email };
			} catch (err) {
				if (!(err instanceof ClientResponseError && err.status === 400)) throw err;
				unknown = true;
			}
		}
		if (chosen) {
			// the associations the person may book for now (rule 3), as the room page offers its own user
			associations = (await bookableAssociations(pb, chosen.id)).sort((a, b) =>
				a.name.localeCompare(b.name, 'da')
			);
		}
	}
	const language = getLocale() === 'en' ? 'en' : 'da';
	return {
		booking: {
			id: booking.id,
			room: booking.expand?.room?.name ?? '',
			// the time as the house says it, in the reader's language, its two ends apart so that the page
			// breaks a line between the words of a date, never at the dash (`formatDateTimeRange`)
			when: {
				from: formatDateTime(booking.start, language),
				to: formatRangeEnd(booking.start, booking.end, language)
			},
			purpose: booking.purpose,
			series: Boolean(booking.series),
			booker: {
				id: booking.booker,
				name: booking.expand?.booker?.name ?? '',
				email: booking.expand?.booker?.email ?? ''
			},
			association: booking.association
				? { id: booking.association, name: booking.expand?.association?.name ?? '' }
				: null
		},
		blocked: blocked ? codeMessage(blocked) : '',
		q,
		results,
		chosen,
		unknown,
		associations,
		done: url.searchParams.has('skiftet')
	};
};

/** Refusals that are about the booking as it stands, not about what was typed: said for the whole form. */
const ABOUT_THE_BOOKING = new Set([
	'rooms_booking_over',
	'rooms_booking_due',
	'rooms_booking_in_use',
	'rooms_booking_closed',
	'rooms_booking_no_show',
	'rooms_bad_transition'
]);

/**
 * The route's refusal in the words of this page: staff read about the new booker, not about themselves
 * (the codes' own texts speak to the one who books).
 */
function reassignErrors(err: unknown): FormErrors {
	const errors = toFormErrors(err, { desk: true });
	if (!(err instanceof ClientResponseError)) return errors;
	const data = (err.response?.data ?? {}) as Record<string, { code?: string } | undefined>;
	for (const [field, detail] of Object.entries(data)) {
		const code = detail?.code ?? '';
		if (field === 'form') continue;
		if (ABOUT_THE_BOOKING.has(code)) {
			errors.form = codeMessage(code);
			delete errors.fields[field];
		} else if (code === 'rooms_not_booker') errors.fields[field] = m.rooms_reassign_not_booker();
		else if (code === 'rooms_too_many_upcoming') errors.fields[field] = m.rooms_reassign_too_many();
		else if (code === 'core_field_locked' && field === 'association')
			errors.fields[field] = m.rooms_reassign_series_association();
		else if (code === 'core_invalid_value' && field === 'booker')
			errors.fields[field] = m.rooms_reassign_choose_booker();
	}
	return errors;
}

export const actions: Actions = {
	reassign: async ({ locals, request, url, params }) => {
		requireStaff(locals, url);
		const form = await request.formData();
		const text = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : '';
		};
		const body: Record<string, string> = { booker: text('booker'), reason: text('reason') };
		// a season date keeps its association: its form sends none, and the route keeps the one it has
		if (form.has('association')) body.association = text('association');
		const values = { association: body.association ?? '', reason: body.reason };
		try {
			await locals.pb.send(`/api/borgerhus/bookings/${encodeURIComponent(params.id)}/reassign`, {
				method: 'POST',
				body
			});
		} catch (err) {
			return fail(failureStatus(err), { values, errors: reassignErrors(err) });
		}
		redirect(303, `/personale/bookinger/${params.id}/skift?skiftet=1`);
	}
};
