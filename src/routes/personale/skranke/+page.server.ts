import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { HoldRecord, LoanRecord } from '$lib/pocketbase-types';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { requireStaff } from '$lib/server/guards';
import { openLoanFilter } from '$rules/core/status.js';
import { toPbDate } from '$lib/dates';
import { checkInSchema, collectSchema, returnSchema } from '$lib/validation/library';
import { checkIn, collect, expireNow, returnLoan } from '$lib/library/desk.server';

const HOLD_FIELDS =
	'id,pickup_shelf,pickup_deadline,ended_at,expand.patron.name,expand.patron.email,expand.title.title,expand.copy.barcode';

// The library desk. Lists are read with the staff member's own token (staff may read holds and loans).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:library');
	requireStaff(locals, url);
	const now = new Date();
	const since = toPbDate(new Date(now.getTime() - 14 * 86_400_000));
	const [waiting, expired, overdue] = await Promise.all([
		locals.pb.collection('holds').getList<HoldRecord>(1, 100, {
			filter: 'status = "ready"',
			sort: 'pickup_deadline',
			expand: 'patron,title,copy',
			fields: HOLD_FIELDS,
			skipTotal: true
		}),
		locals.pb.collection('holds').getList<HoldRecord>(1, 50, {
			filter: locals.pb.filter('status = "expired" && ended_at >= {:since}', { since }),
			sort: '-ended_at',
			expand: 'patron,title,copy',
			fields: HOLD_FIELDS,
			skipTotal: true
		}),
		locals.pb.collection('loans').getList<LoanRecord>(1, 100, {
			filter: locals.pb.filter(openLoanFilter() + ' && due < {:now}', { now: toPbDate(now) }),
			sort: 'due',
			expand: 'patron,title,copy',
			// whom to call about it: the name, the card and the phone (staff do not see addresses)
			fields:
				'id,due,expand.patron.id,expand.patron.name,expand.patron.library_card,expand.patron.phone,expand.title.title,expand.copy.barcode',
			skipTotal: true
		})
	]);
	return {
		now: toPbDate(now),
		waiting: waiting.items,
		expired: expired.items,
		overdue: overdue.items
	};
};

export const actions: Actions = {
	checkin: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(checkInSchema, values);
		if (!checked.ok) return fail(400, { action: 'checkin' as const, ...checked.failure });
		try {
			return { action: 'checkin' as const, checkedIn: await checkIn(locals.pb, checked.data.code) };
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'checkin' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
	},
	collect: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(collectSchema, values);
		if (!checked.ok) return fail(400, { action: 'collect' as const, ...checked.failure });
		try {
			return { action: 'collect' as const, collected: await collect(locals.pb, checked.data.hold) };
		} catch (err) {
			return fail(failureStatus(err), { action: 'collect' as const, values: {}, errors: toFormErrors(err) });
		}
	},
	return: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(returnSchema, values);
		if (!checked.ok) return fail(400, { action: 'return' as const, ...checked.failure });
		try {
			return { action: 'return' as const, checkedIn: await returnLoan(locals.pb, checked.data.loan) };
		} catch (err) {
			return fail(failureStatus(err), { action: 'return' as const, values: {}, errors: toFormErrors(err) });
		}
	},
	expire: async ({ locals, url }) => {
		requireStaff(locals, url);
		try {
			return { action: 'expire' as const, expiredCount: (await expireNow(locals.pb)).expired };
		} catch (err) {
			return fail(failureStatus(err), { action: 'expire' as const, values: {}, errors: toFormErrors(err) });
		}
	}
};
