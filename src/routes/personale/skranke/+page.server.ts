import { fail } from '@sveltejs/kit';
import { ClientResponseError, type ListResult } from 'pocketbase';
import { m } from '$lib/paraglide/messages';
import { pageParam } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';
import type { CopyRecord, HoldRecord, LoanRecord, TitleRecord } from '$lib/pocketbase-types';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { requireStaff } from '$lib/server/guards';
import { openLoanFilter } from '$rules/core/status.js';
import { toPbDate } from '$lib/dates';
import { checkInSchema, collectSchema, notFoundSchema, returnSchema } from '$lib/validation/library';
import { checkIn, collect, expireNow, loseLoan, notFound, returnLoan } from '$lib/library/desk.server';
import { anyFieldFilter } from '$lib/library/search';

const HOLD_FIELDS =
	'id,pickup_shelf,pickup_deadline,ended_at,expand.patron.name,expand.patron.email,expand.title.title,expand.copy.barcode';

/** Rows per page of the desk's lists. */
const PAGE = 50;

/** Pickups that expired this many days ago or less are listed for the shelf to be cleared. */
const EXPIRED_SHOWN_DAYS = 14;

/** The page a list shows, from its own query parameter (`<name>-side`), 1 when none or nonsense. */
const pageOf = (url: URL, name: string) => pageParam(url, `${name}-side`);

// The library desk. Lists are read with the staff member's own token (staff may read holds and loans).
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:library');
	requireStaff(locals, url);
	const now = new Date();
	const since = toPbDate(new Date(now.getTime() - EXPIRED_SHOWN_DAYS * 86_400_000));
	// the pickups on the shelf and the overdue loans: every one reachable, page by page, and the pickups
	// found by the patron's name or card, the title or the shelf (the patron at the counter)
	const q = (url.searchParams.get('afhentning') ?? '').trim().slice(0, 100);
	const pickupPage = pageOf(url, 'afhentninger');
	const overduePage = pageOf(url, 'forsinkede');
	const fetchPage = pageOf(url, 'flyttes');
	const stacksPage = pageOf(url, 'tilbage');
	// a page past the end (the last pickup on it was just handed over) shows the last page there is
	const lastIfPast = async <T>(list: ListResult<T>, again: (page: number) => Promise<ListResult<T>>) =>
		list.items.length === 0 && list.page > 1 && list.totalPages > 0 ? again(list.totalPages) : list;
	// the text as the catalogue searches it (an '@' splits it: PocketBase refuses "@request." in any
	// filter of a non-superuser); a card number as typed, spaces and all; a shelf in any case (r06 is R06)
	const search = anyFieldFilter(q, ['patron.name', 'title.title', 'pickup_shelf']);
	const byText = search.filter ? locals.pb.filter(search.filter, search.params) : '';
	const byCard =
		q && !q.includes('@')
			? locals.pb.filter('patron.library_card = {:card}', { card: q.replace(/\s+/g, '') })
			: '';
	const either = [byText, byCard]
		.filter(Boolean)
		.map((f) => `(${f})`)
		.join(' || ');
	// on the pickup shelf: ready with a deadline (one without is still being fetched there, listed apart)
	const onShelf = 'status = "ready" && pickup_deadline != ""';
	const pickupFilter = either ? `${onShelf} && (${either})` : onShelf;
	const pickups = (n: number) =>
		locals.pb.collection('holds').getList<HoldRecord>(n, PAGE, {
			filter: pickupFilter,
			sort: 'pickup_deadline,id',
			expand: 'patron,title,copy',
			fields: HOLD_FIELDS
		});
	const overdueLoans = (n: number) =>
		locals.pb.collection('loans').getList<LoanRecord>(n, PAGE, {
			filter: locals.pb.filter(openLoanFilter() + ' && due < {:now}', { now: toPbDate(now) }),
			sort: 'due,id',
			expand: 'patron,title,copy',
			// whom to call about it: the name, the card and the phone (staff do not see addresses)
			fields:
				'id,due,expand.patron.id,expand.patron.name,expand.patron.library_card,expand.patron.phone,expand.title.title,expand.copy.barcode'
		});
	const fetchList = (n: number) => toPickupShelf(locals.pb, either, n);
	const stacksList = (n: number) => toStacks(locals.pb, n);
	const [firstPickups, expired, firstOverdue, firstFetch, firstStacks] = await Promise.all([
		pickups(pickupPage),
		locals.pb.collection('holds').getList<HoldRecord>(1, 50, {
			filter: locals.pb.filter('status = "expired" && ended_at >= {:since}', { since }),
			sort: '-ended_at',
			expand: 'patron,title,copy',
			fields: HOLD_FIELDS,
			skipTotal: true
		}),
		overdueLoans(overduePage),
		fetchList(fetchPage),
		stacksList(stacksPage)
	]);
	const [waiting, overdue, fetch, stacks] = await Promise.all([
		lastIfPast(firstPickups, pickups),
		lastIfPast(firstOverdue, overdueLoans),
		lastIfPast(firstFetch, fetchList),
		lastIfPast(firstStacks, stacksList)
	]);
	return {
		now: toPbDate(now),
		expiredDays: EXPIRED_SHOWN_DAYS,
		q,
		waiting: waiting.items,
		waitingTotal: waiting.totalItems,
		waitingPage: { page: waiting.page, pages: waiting.totalPages },
		expired: expired.items,
		fetch: fetch.items,
		fetchTotal: fetch.totalItems,
		fetchPage: { page: fetch.page, pages: fetch.totalPages },
		stacks: stacks.items,
		stacksTotal: stacks.totalItems,
		stacksPage: { page: stacks.page, pages: stacks.totalPages },
		overdue: overdue.items,
		overdueTotal: overdue.totalItems,
		overduePage: { page: overdue.page, pages: overdue.totalPages }
	};
};

/** A copy reserved for a ready hold that still has to be put on its pickup shelf, and where it is now. */
export interface FetchRow {
	id: string;
	/** The copy to fetch. */
	copy: string;
	title: string;
	barcode: string;
	patron: string;
	to: string;
	/** The pickup shelf of the hold the copy was released from, when it still lies there. */
	fromPickup: string;
	/** The copy's own place in the open stacks (empty when it has none). */
	fromStacks: string;
}

/**
 * The ready holds without a pickup deadline, page `n`: their copies must be fetched to the pickup shelf (from
 * the open stacks, or from the pickup shelf an ended pickup left them on) and scanned there.
 */
async function toPickupShelf(pb: App.Locals['pb'], search: string, n: number): Promise<ListResult<FetchRow>> {
	const fetching = 'status = "ready" && pickup_deadline = ""';
	// the oldest first, page by page; the desk's search finds one among them as among the pickups
	const holds = await pb.collection('holds').getList<HoldRecord>(n, PAGE, {
		filter: search ? `${fetching} && (${search})` : fetching,
		sort: 'ready_at,id',
		expand: 'patron,title,copy',
		fields:
			'id,copy,pickup_shelf,expand.patron.name,expand.title.title,expand.copy.barcode,expand.copy.shelf,expand.copy.on_pickup_shelf'
	});
	const rows = holds.items.map((h) => ({
		id: h.id,
		copy: h.copy,
		title: h.expand?.title?.title ?? '',
		barcode: h.expand?.copy?.barcode ?? '',
		patron: h.expand?.patron?.name ?? '',
		to: h.pickup_shelf,
		// where the copy lies, as the hooks keep it (lib/library-desk.js releaseCopy)
		fromPickup: h.expand?.copy?.on_pickup_shelf ?? '',
		fromStacks: h.expand?.copy?.shelf ?? ''
	}));
	return { ...holds, items: rows };
}

/** A copy nobody waits for that lies on the pickup shelf a pickup left it on: back to the stacks with it. */
export interface StacksRow {
	id: string;
	title: string;
	barcode: string;
	/** The pickup shelf it lies on. */
	from: string;
	/** Its own place in the open stacks (empty when it has none). */
	to: string;
}

/** The copies on the open shelf in the data that still lie on a pickup shelf, page `n`, the longest first. */
async function toStacks(pb: App.Locals['pb'], n: number): Promise<ListResult<StacksRow>> {
	const copies = await pb.collection('copies').getList<CopyRecord>(n, PAGE, {
		filter: 'status = "shelf" && on_pickup_shelf != ""',
		sort: 'updated,id',
		expand: 'title',
		fields: 'id,barcode,shelf,on_pickup_shelf,expand.title.title'
	});
	const rows = copies.items.map((c) => ({
		id: c.id,
		title: c.expand?.title?.title ?? '',
		barcode: c.barcode,
		from: c.on_pickup_shelf ?? '',
		to: c.shelf
	}));
	return { ...copies, items: rows };
}

export const actions: Actions = {
	checkin: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		// the list whose button sent it (its outcome is shown there), or the barcode field
		const from = values.from === 'fetch' || values.from === 'stacks' ? values.from : 'scan';
		const checked = validateForm(checkInSchema, values);
		if (!checked.ok) return fail(400, { action: 'checkin' as const, from, ...checked.failure });
		try {
			// a list's button expects the copy where the list showed it; the barcode field is a scan
			const expected =
				from === 'fetch' ? { hold: checked.data.hold ?? '' } : from === 'stacks' ? { stacks: true } : {};
			return {
				action: 'checkin' as const,
				from,
				checkedIn: await checkIn(locals.pb, checked.data.code, expected)
			};
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'checkin' as const,
				from,
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
			// PocketBase hands it over or refuses it, a pickup gone since included (library_hold_unknown)
			const done = await collect(locals.pb, checked.data.hold);
			// the message names what went to whom, so a busy desk sees it was the right one
			const hold = await locals.pb.collection('holds').getOne<HoldRecord>(checked.data.hold, {
				expand: 'patron,title',
				fields: 'expand.patron.name,expand.title.title',
				requestKey: null
			});
			return {
				action: 'collect' as const,
				collected: {
					...done,
					title: hold.expand?.title?.title ?? '',
					patron: hold.expand?.patron?.name ?? ''
				}
			};
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
	// the copy to fetch for a pickup is not where it should be: missing, and its hold waits again in its place
	notFound: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(notFoundSchema, values);
		if (!checked.ok) return fail(400, { action: 'notFound' as const, ...checked.failure });
		try {
			const copy = await notFound(locals.pb, checked.data.copy, checked.data.hold);
			const title = await locals.pb
				.collection('titles')
				.getOne<TitleRecord>(copy.title, { fields: 'title', requestKey: null });
			return {
				action: 'notFound' as const,
				notFound: { barcode: copy.barcode, title: title.title }
			};
		} catch (err) {
			// a copy deleted since the list was shown: PocketBase has no row to refuse the change on
			const gone = err instanceof ClientResponseError && err.status === 404;
			return fail(failureStatus(err), {
				action: 'notFound' as const,
				values: {},
				errors: gone ? { form: m.library_desk_copy_gone(), fields: {} } : toFormErrors(err)
			});
		}
	},
	// a copy lost on loan is written off: the loan ends as lost, and nobody gets the copy
	lost: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(returnSchema, values);
		if (!checked.ok) return fail(400, { action: 'lost' as const, ...checked.failure });
		try {
			const done = await loseLoan(locals.pb, checked.data.loan);
			const title = await locals.pb
				.collection('titles')
				.getOne<TitleRecord>(done.title, { fields: 'title', requestKey: null });
			return { action: 'lost' as const, lost: { barcode: done.barcode, title: title.title } };
		} catch (err) {
			return fail(failureStatus(err), { action: 'lost' as const, values: {}, errors: toFormErrors(err) });
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
