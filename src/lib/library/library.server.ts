import { fail, type Actions, type RequestEvent } from '@sveltejs/kit';
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { requireUser } from '$lib/server/guards';
import { holdActionSchema } from '$lib/validation/library';
import type { HoldStatus } from '$lib/pocketbase-types';

/** What PocketBase tells a reader about a title's queue (never who else waits). */
export interface QueueInfo {
	queueLength: number;
	onShelf: number;
	mine: HoldView | null;
}

/** One of the patron's own active holds, with its computed place in the queue (0 when ready). */
export interface HoldView {
	id: string;
	title: string;
	status: Extract<HoldStatus, 'waiting' | 'paused' | 'ready'>;
	place: number;
	placed_at: string;
	pickup_shelf: string;
	pickup_deadline: string;
	queueLength?: number;
}

export function queueInfo(pb: PocketBase, titleId: string): Promise<QueueInfo> {
	return pb.send<QueueInfo>(`/api/library/queue/${encodeURIComponent(titleId)}`, { method: 'GET' });
}

export async function myHolds(pb: PocketBase): Promise<HoldView[]> {
	return (await pb.send<{ holds: HoldView[] }>('/api/library/my-holds', { method: 'GET' })).holds;
}

/**
 * Why a patron's change of a hold failed. The patron's own rule reaches only holds still open: one collected
 * or ended since the page was loaded answers "not found", which is no page missing.
 */
export function holdChangeFailure(err: unknown) {
	if (err instanceof ClientResponseError && err.status === 404) {
		return { status: 409, errors: { form: m.library_hold_gone(), fields: {} } };
	}
	return { status: failureStatus(err), errors: toFormErrors(err) };
}

type HoldChange = 'pause' | 'resume' | 'cancel';
const STATUS_OF: Record<HoldChange, HoldStatus> = { pause: 'paused', resume: 'waiting', cancel: 'cancelled' };

function change(action: HoldChange) {
	return async ({ request, locals, url }: RequestEvent) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(holdActionSchema, values);
		if (!checked.ok) return fail(400, { action, ...checked.failure });
		try {
			await locals.pb.collection('holds').update(checked.data.hold, { status: STATUS_OF[action] });
		} catch (err) {
			const { status, errors } = holdChangeFailure(err);
			return fail(status, { action, values: echoValues(values), errors });
		}
		return { action, done: action };
	};
}

/** Pause, resume and cancel: the same form actions on the title page and on /bibliotek/mine. */
export const holdChangeActions = {
	pause: change('pause'),
	resume: change('resume'),
	cancel: change('cancel')
} satisfies Actions;
