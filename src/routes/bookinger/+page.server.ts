import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { BookingRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { codeMessage, failureStatus, toFormErrors } from '$lib/server/errors';
import { idSchema } from '$lib/validation/rooms';
import { mayCancel } from '$rules/rooms-policy.js';
import { toMs } from '$rules/room-claims.js';
import { isActiveBooking } from '$rules/core/status.js';
import codes from '$rules/core/codes.js';
import { attendanceAction, attendanceMoments } from '$lib/rooms/checkin';
import { attend } from '$lib/server/checkin';
import { seriesCards, seriesWords, type Section } from '$lib/server/series-cards';
import { getLocale } from '$lib/paraglide/runtime';

const language = () => (getLocale() === 'en' ? 'en' : 'da');

/** The dates a season booking skipped, from the redirect's `sprunget=date.code,...` (checked, not trusted). */
function skippedDates(text: string | null): { date: string; code: string; message: string }[] {
	if (!text) return [];
	return text
		.split(',')
		.slice(0, 60)
		.flatMap((part) => {
			const [date = '', code = ''] = part.split('.');
			return /^\d{4}-\d{2}-\d{2}$/.test(date) && Object.hasOwn(codes, code)
				? [{ date, code, message: codeMessage(code) }]
				: [];
		});
}

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const user = requireUser(locals, url);
	depends('app:rooms');
	const pb = locals.pb;
	// Own bookings and those of the user's associations (also for staff, who could read them all).
	const [bookings, rights] = await Promise.all([
		pb.collection('bookings').getFullList<BookingRecord>({
			filter: pb.filter(
				'booker = {:me} || (association.memberships_via_association.user ?= {:me} && ' +
					'association.memberships_via_association.status ?= "active")',
				{
					me: user.id
				}
			),
			sort: '-start',
			expand: 'room,association,series',
			fields:
				'id,room,booker,association,series,purpose,attendees,start,end,status,reason,cancel_reason,' +
				'checked_in_at,checked_out_at,decided_at,checkin_grace_minutes,cancel_hours,' +
				'expand.room.name,expand.room.slug,expand.association.name,' +
				'expand.room.checkin_required,expand.room.checkin_opens_minutes,expand.room.checkin_grace_minutes,' +
				// whose season it is: "Aflys resten af serien" only for whom the series route answers
				'expand.series.booker,expand.series.association,' +
				// every how many weeks, for the series' card
				'expand.series.rrule'
		}),
		// the user's active memberships: an association's booking is its booker's only while they may book
		// for it (admin or booker, rule 3); any active member may still check it in
		pb.collection('memberships').getFullList<{ association: string; role: string }>({
			filter: pb.filter('user = {:me} && status = "active"', { me: user.id }),
			fields: 'association,role'
		})
	]);
	const mayBookFor = new Set(
		rights.filter((r) => r.role === 'admin' || r.role === 'booker').map((r) => r.association)
	);
	const adminOf = new Set(rights.filter((r) => r.role === 'admin').map((r) => r.association));
	// the series the season plan booked: the whole of one is cancelled only by its association's admins (the
	// series route's rule, rooms_season_series_admin); its bookers may read the plan's lines
	const seriesIds = [...new Set(bookings.map((b) => b.series).filter(Boolean))];
	const planned = new Set<string>();
	for (let i = 0; i < seriesIds.length; i += 40) {
		const chunk = seriesIds.slice(i, i + 40);
		const lines = await pb.collection('season_lines').getFullList<{ series: string }>({
			filter: chunk.map((id, n) => pb.filter(`series = {:s${n}}`, { [`s${n}`]: id })).join(' || '),
			fields: 'series'
		});
		for (const line of lines) planned.add(line.series);
	}
	const memberOf = new Set(rights.map((r) => r.association));
	const now = Date.now();
	const rows = bookings.map((b) => {
		// the deadline the booking was given, as the hook judges it (a later change of the room's leaves it)
		const cancelHours = b.cancel_hours ?? 0;
		const active = isActiveBooking(b.status);
		const lapsed = b.booker === user.id && !!b.association && !mayBookFor.has(b.association);
		const mine = b.booker === user.id && !lapsed;
		// as the booking machine decides (rooms-bookings.js rolesOf): its booker, or an admin or booker of
		// its association, whoever booked it
		const mayCancelIt = mine || (!!b.association && mayBookFor.has(b.association));
		const beforeDeadline = mayCancel(cancelHours, toMs(b.start), now, b.status);
		const season = (b.expand as { series?: { booker: string; association: string } } | undefined)?.series;
		return {
			...b,
			mine,
			// The last moment the booker may cancel (docs/rules.md, Rooms and bookings).
			cancelDeadline: new Date(toMs(b.start) - cancelHours * 3_600_000).toISOString(),
			cancellable: mayCancelIt && active && beforeDeadline,
			// booked inside the deadline: once approved it can never be cancelled by its booker, said when sent
			lateStart: !mayCancel(cancelHours, toMs(b.start), now),
			// Why an active, upcoming booking has no cancel button.
			noCancel: !active
				? null
				: !mayCancelIt
					? lapsed
						? ('lapsed' as const)
						: ('not_booker' as const)
					: !beforeDeadline
						? ('deadline' as const)
						: null,
			// the rest of its season may be cancelled by this user: the season's booker (while they may book
			// for its association), or an admin or booker of its association; one the season plan booked only
			// by an admin of its association
			seasonMine:
				!!season &&
				(planned.has(b.series)
					? !!season.association && adminOf.has(season.association)
					: (season.booker === user.id && (!season.association || mayBookFor.has(season.association))) ||
						(!!season.association && mayBookFor.has(season.association))),
			past: toMs(b.end) < now,
			// the part of the page it is in: coming up, cancelled or rejected before its time, or past
			section: (toMs(b.end) < now ? 'past' : active ? 'upcoming' : 'inactive') as Section,
			// "Vi er her" / check out while the server would accept it (docs/rules.md, "Check-in and no-shows")
			attend:
				b.expand?.room && (!lapsed || memberOf.has(b.association))
					? attendanceAction(b.expand.room, b, now)
					: null,
			// when the buttons change by the clock alone (check-in opens or closes, the cancel deadline):
			// the page reads its data again then
			moments: [
				...(b.expand?.room && active && (!lapsed || memberOf.has(b.association))
					? attendanceMoments(b.expand.room, b)
					: []),
				...(mayCancelIt && active ? [toMs(b.start) - cancelHours * 3_600_000] : [])
			]
		};
	});
	// What "Aflys resten af serien" would cancel: the series' later dates still before their deadline.
	const seriesRest = new Map<string, { count: number; first: string; last: string; kept: number }>();
	for (const b of [...rows].sort((x, y) => toMs(x.start) - toMs(y.start))) {
		if (!b.series || !b.seasonMine || !isActiveBooking(b.status) || toMs(b.start) <= now) continue;
		const rest = seriesRest.get(b.series) ?? { count: 0, first: '', last: '', kept: 0 };
		if (b.cancellable) {
			rest.count += 1;
			rest.first ||= b.start;
			rest.last = b.start;
		} else rest.kept += 1;
		seriesRest.set(b.series, rest);
	}
	return {
		now,
		series: seriesCards(rows, language()),
		words: seriesWords(),
		created: url.searchParams.get('ny') ?? '',
		seriesSent: url.searchParams.get('serie'),
		skipped: skippedDates(url.searchParams.get('sprunget')),
		bookings: rows.map((b) => ({
			...b,
			seriesRest: b.series && b.seasonMine ? (seriesRest.get(b.series) ?? null) : null
		}))
	};
};

export const actions: Actions = {
	checkIn: ({ locals, url, request }) => attend(locals, url, request, 'check-in'),
	checkOut: ({ locals, url, request }) => attend(locals, url, request, 'check-out'),
	cancel: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(idSchema, values);
		if (!checked.ok) return fail(400, { action: 'cancel' as const, ...checked.failure });
		try {
			await locals.pb.collection('bookings').update(checked.data.id, { status: 'cancelled' });
		} catch (err) {
			return fail(failureStatus(err), { action: 'cancel' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'cancel' as const, cancelled: checked.data.id };
	},
	cancelSeries: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(idSchema, values);
		if (!checked.ok) return fail(400, { action: 'cancel' as const, ...checked.failure });
		const pb = locals.pb;
		try {
			const booking = await pb.collection('bookings').getOne<BookingRecord>(checked.data.id, {
				fields: 'id,series'
			});
			if (!booking.series)
				return fail(400, { action: 'cancel' as const, values: {}, errors: { fields: {} } });
			// the rest of the series in one transaction: what was cancelled, and what could not be and why
			const answer = await pb.send<{
				cancelled: { id: string; date: string }[];
				kept: { id: string; date: string; code: string }[];
			}>(`/api/borgerhus/series/${encodeURIComponent(booking.series)}/cancel`, { method: 'POST', body: {} });
			return {
				action: 'cancel' as const,
				cancelled: checked.data.id,
				count: answer.cancelled.length,
				// translated here: the page needs no registry of codes in the browser
				kept: answer.kept.map((k) => ({ date: k.date, code: k.code, message: codeMessage(k.code) }))
			};
		} catch (err) {
			return fail(failureStatus(err), { action: 'cancel' as const, values: {}, errors: toFormErrors(err) });
		}
	}
};
