import type { Actions, PageServerLoad } from './$types';
import type { LoanRecord, TitleRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { openLoanFilter } from '$rules/core/status.js';
import { holdChangeActions, myHolds } from '$lib/library/library.server';
import { toPbDate } from '$lib/dates';

// The patron's own holds (with computed places) and loans, read with the patron's own token.
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:library');
	const user = requireUser(locals, url);
	const [holds, loans] = await Promise.all([
		myHolds(locals.pb),
		locals.pb.collection('loans').getFullList<LoanRecord>({
			// the patron's own: staff may read every loan, and their own are what this page is about
			filter: locals.pb.filter('patron = {:me} && ' + openLoanFilter(), { me: user.id }),
			sort: 'due',
			expand: 'title',
			fields: 'id,due,title,expand.title.id,expand.title.title'
		})
	]);
	const titleIds = [...new Set(holds.map((h) => h.title))];
	const titles = titleIds.length
		? await locals.pb.collection('titles').getFullList<TitleRecord>({
				filter: locals.pb.filter(titleIds.map((_, i) => `id = {:t${i}}`).join(' || '), {
					...Object.fromEntries(titleIds.map((id, i) => [`t${i}`, id]))
				}),
				fields: 'id,title'
			})
		: [];
	const names = Object.fromEntries(titles.map((t) => [t.id, t.title]));
	return {
		now: toPbDate(new Date()),
		holds: holds.map((h) => ({ ...h, titleName: names[h.title] ?? '' })),
		loans: loans.map((l) => ({
			id: l.id,
			due: l.due,
			title: l.title,
			titleName: l.expand?.title?.title ?? ''
		}))
	};
};

export const actions: Actions = holdChangeActions;
