import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import type { Actions, PageServerLoad } from './$types';
import type { CopyRecord, HoldRecord, LoanRecord, TitleRecord } from '$lib/pocketbase-types';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { requireUser } from '$lib/server/guards';
import { openLoanFilter } from '$rules/core/status.js';
import { holdChangeActions, queueInfo } from '$lib/library/library.server';
import { RECORD_ID } from '$lib/ids';

// Public page: guests see the title, its copies and the queue length; a patron also sees their own
// hold (place, pickup) and loan, read with their own token.
export const load: PageServerLoad = async ({ locals, params, depends }) => {
	depends('app:library');
	if (!RECORD_ID.test(params.id)) error(404);
	// The title, its copies, its queue and the reader's loans are read at once (docs/performance.md,
	// "Reads"); an unknown title answers 404 whatever the others answer.
	const title = locals.pb
		.collection('titles')
		.getOne<TitleRecord>(params.id)
		.catch((err: unknown) => {
			if (err instanceof ClientResponseError && err.status === 404) error(404);
			throw err;
		});
	const rest = Promise.all([
		locals.pb.collection('copies').getFullList<CopyRecord>({
			filter: locals.pb.filter('title = {:t}', { t: params.id }),
			sort: 'barcode',
			// at_desk: left on a pickup shelf, which is staff's to know (library.pb.js, copies' enrich)
			fields: 'id,shelf,status,at_desk'
		}),
		queueInfo(locals.pb, params.id),
		locals.user
			? locals.pb.collection('loans').getFullList<LoanRecord>({
					filter: locals.pb.filter('patron = {:me} && title = {:t} && ' + openLoanFilter(), {
						me: locals.user.id,
						t: params.id
					}),
					fields: 'id,due'
				})
			: Promise.resolve([])
	]);
	// the title decides first, so that an unknown one is a 404 even when the queue read fails too
	const [found, [copies, queue, loans]] = await Promise.all([
		title,
		rest.catch(async (err) => {
			await title;
			throw err;
		})
	]);
	return { title: found, copies, queue, loans, signedIn: Boolean(locals.user) };
};

export const actions: Actions = {
	hold: async ({ locals, url, params }) => {
		const user = requireUser(locals, url);
		if (!RECORD_ID.test(params.id)) error(404);
		try {
			const hold = await locals.pb
				.collection('holds')
				.create<HoldRecord>({ title: params.id, patron: user.id });
			// ready without a pickup deadline: its copy is still to be fetched to the pickup shelf
			const done = hold.status !== 'ready' ? 'hold' : hold.pickup_deadline ? 'ready' : 'fetching';
			return { action: 'hold' as const, done };
		} catch (err) {
			return fail(failureStatus(err), { action: 'hold' as const, values: {}, errors: toFormErrors(err) });
		}
	},
	...holdChangeActions
};
