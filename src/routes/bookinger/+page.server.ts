import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { BookingRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { idSchema } from '$lib/validation/rooms';
import { mayCancel } from '$rules/rooms-policy.js';
import { toMs } from '$rules/room-claims.js';
import { activeBookingFilter, isActiveBooking } from '$rules/core/status.js';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const user = requireUser(locals, url);
	depends('app:rooms');
	const pb = locals.pb;
	// Own bookings and those of the user's associations (also for staff, who could read them all).
	const bookings = await pb.collection('bookings').getFullList<BookingRecord>({
		filter: pb.filter(
			'booker = {:me} || (association.memberships_via_association.user ?= {:me} && ' +
				'association.memberships_via_association.status ?= "active")',
			{
				me: user.id
			}
		),
		sort: '-start',
		expand: 'room,association',
		fields:
			'id,room,booker,association,series,purpose,attendees,start,end,status,reason,cancel_reason,' +
			'expand.room.name,expand.room.slug,expand.room.cancel_hours,expand.association.name'
	});
	const now = Date.now();
	return {
		created: url.searchParams.get('ny') ?? '',
		seriesSent: url.searchParams.get('serie'),
		bookings: bookings.map((b) => ({
			...b,
			mine: b.booker === user.id,
			cancellable:
				b.booker === user.id &&
				isActiveBooking(b.status) &&
				mayCancel(b.expand?.room?.cancel_hours ?? 0, toMs(b.start), now),
			past: toMs(b.end) < now
		}))
	};
};

export const actions: Actions = {
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
		const user = requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(idSchema, values);
		if (!checked.ok) return fail(400, { action: 'cancel' as const, ...checked.failure });
		const pb = locals.pb;
		let count = 0;
		try {
			const booking = await pb.collection('bookings').getOne<BookingRecord>(checked.data.id);
			if (!booking.series)
				return fail(400, { action: 'cancel' as const, values: {}, errors: { fields: {} } });
			// this date and every later active date of the series, each through the booking rules
			const rest = await pb.collection('bookings').getFullList<BookingRecord>({
				filter: pb.filter(
					'series = {:series} && booker = {:me} && start >= {:start} && ' + activeBookingFilter(),
					{ series: booking.series, me: user.id, start: booking.start }
				),
				sort: 'start',
				fields: 'id'
			});
			for (const b of rest) {
				await pb.collection('bookings').update(b.id, { status: 'cancelled' });
				count++;
			}
		} catch (err) {
			return fail(failureStatus(err), { action: 'cancel' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'cancel' as const, cancelled: checked.data.id, count };
	}
};
