import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type PocketBase from 'pocketbase';
import type { MembershipRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { codeMessage, failureStatus, toFormErrors } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';
import { periodSchema } from '$lib/validation/rooms';
import { RECORD_ID } from '$lib/ids';

// Cancel a period (docs/rules.md, "Cancel a period"): PocketBase previews and cancels in one route; this
// page shows the preview, then sends the bookings the person saw, with their confirmation.

export interface PeriodItem {
	id: string;
	room: string;
	start: number;
	end: number;
	purpose: string;
	association: string;
	code?: string;
	/** Why a booking is kept, in the reader's language (worded here: the page loads no refusal texts). */
	why?: string;
}
interface PeriodAnswer {
	cancellable?: PeriodItem[];
	cancelled?: PeriodItem[];
	kept: PeriodItem[];
}

/** The associations the user may cancel for: an accepted admin or booker (the route asks again). */
async function associationsOf(pb: PocketBase, userId: string) {
	const user = await pb.collection('users').getOne<{
		expand?: { memberships_via_user?: MembershipRecord[] };
	}>(userId, {
		expand: 'memberships_via_user.association',
		fields:
			'id,expand.memberships_via_user.role,expand.memberships_via_user.status,' +
			'expand.memberships_via_user.expand.association.id,expand.memberships_via_user.expand.association.name'
	});
	return (user.expand?.memberships_via_user ?? []).flatMap((ms) => {
		const association = ms.expand?.association;
		return association && ms.status === 'active' && (ms.role === 'admin' || ms.role === 'booker')
			? [{ id: association.id, name: association.name }]
			: [];
	});
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const done = Number(url.searchParams.get('aflyst'));
	const kept = Number(url.searchParams.get('beholdt'));
	return {
		associations: await associationsOf(locals.pb, user.id),
		done: Number.isInteger(done) && done > 0 ? { count: done, kept: Number.isInteger(kept) ? kept : 0 } : null
	};
};

export const actions: Actions = {
	preview: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(periodSchema, values);
		if (!checked.ok) return fail(400, { action: 'preview' as const, ...checked.failure });
		try {
			const answer = await locals.pb.send<PeriodAnswer>('/api/borgerhus/bookings/cancel-period', {
				method: 'POST',
				body: { ...checked.data, preview: true }
			});
			return {
				action: 'preview' as const,
				values: echoValues(values),
				cancellable: answer.cancellable ?? [],
				kept: answer.kept.map((item) => ({
					...item,
					why: item.code === 'rooms_booking_closed' ? m.period_booking_closed() : codeMessage(item.code ?? '')
				}))
			};
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'preview' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
	},
	cancel: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const formData = await request.formData();
		const ids = formData
			.getAll('ids')
			.map(String)
			.filter((id) => RECORD_ID.test(id));
		const values = readForm(formData);
		const checked = validateForm(periodSchema, values);
		if (!checked.ok) return fail(400, { action: 'preview' as const, ...checked.failure });
		let answer: PeriodAnswer;
		try {
			answer = await locals.pb.send<PeriodAnswer>('/api/borgerhus/bookings/cancel-period', {
				method: 'POST',
				body: { ...checked.data, preview: false, ids }
			});
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'preview' as const,
				values: echoValues(values),
				errors: toFormErrors(err)
			});
		}
		redirect(
			303,
			`/bookinger/aflys-periode?aflyst=${answer.cancelled?.length ?? 0}&beholdt=${answer.kept.length}`
		);
	}
};
