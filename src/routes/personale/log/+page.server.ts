import type { PageServerLoad } from './$types';
import { pageParam } from '$lib/paging';
import type PocketBase from 'pocketbase';
import { requireStaff } from '$lib/server/guards';
import type { AuditLogRecord } from '$lib/pocketbase-types';
import { getLocale } from '$lib/paraglide/runtime';
import { toPbDate } from '$lib/dates';
import { bookingName } from '$lib/staff/names';
import { danishIn } from '$lib/house-language';
import { AREAS, thingOf, verbOrChange } from '$lib/staff/audit-words';
import { addDays, localParts, localToUtc } from '$rules/rooms-policy.js';
import { RECORD_ID } from '$lib/ids';

const PER_PAGE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Row = Record<string, unknown> & { id: string; expand?: Record<string, Row | undefined> };
interface Target {
	text: string;
	href: string;
	/** 'da' on an English page when the words are the house's Danish texts (an event's title, a shift's task). */
	lang?: 'da';
}

/** What a target is, in words, and where staff open it (docs/rules.md, "Staff pages"). */
async function describeTargets(
	pb: PocketBase,
	entries: AuditLogRecord[],
	language: 'da' | 'en'
): Promise<Map<string, Target>> {
	const byCollection = new Map<string, Set<string>>();
	for (const e of entries) {
		if (!e.target_collection || !RECORD_ID.test(e.target_id)) continue;
		if (!byCollection.has(e.target_collection)) byCollection.set(e.target_collection, new Set());
		byCollection.get(e.target_collection)!.add(e.target_id);
	}
	const s = (row: Row | undefined, field: string) => String(row?.[field] ?? '');
	// staff pages show the house's texts in Danish, marked as Danish on an English page (docs/rules.md,
	// "Languages"); a person's name beside them is read the same way
	const lang = danishIn(language);
	const kinds: Record<string, { expand?: string; describe: (r: Row) => Target }> = {
		bookings: {
			expand: 'room',
			describe: (r) => ({
				text: bookingName(s(r.expand?.room, 'name'), s(r, 'start'), language),
				href: `/personale/bookinger?dag=${localParts(new Date(s(r, 'start').replace(' ', 'T')).getTime()).date}`
			})
		},
		booking_series: {
			expand: 'room',
			describe: (r) => ({
				text: `${s(r.expand?.room, 'name')} · ${s(r, 'purpose')}`,
				href: '/personale/bookinger'
			})
		},
		holds: {
			expand: 'title,patron',
			describe: (r) => ({
				text: `${s(r.expand?.title, 'title')} · ${s(r.expand?.patron, 'name')}`,
				href: `/personale/katalog/${s(r, 'title')}`
			})
		},
		loans: {
			expand: 'title,patron',
			describe: (r) => ({
				text: `${s(r.expand?.title, 'title')} · ${s(r.expand?.patron, 'name')}`,
				href: `/personale/katalog/${s(r, 'title')}`
			})
		},
		copies: {
			expand: 'title',
			describe: (r) => ({
				text: `${s(r.expand?.title, 'title')} (${s(r, 'barcode')})`,
				href: `/personale/katalog/${s(r, 'title')}`
			})
		},
		titles: { describe: (r) => ({ text: s(r, 'title'), href: `/personale/katalog/${r.id}` }) },
		events: { describe: (r) => ({ text: s(r, 'title'), href: `/personale/arrangementer/${r.id}`, lang }) },
		shifts: {
			expand: 'event',
			describe: (r) => ({
				text: `${s(r, 'task')} · ${s(r.expand?.event, 'title')}`,
				href: `/personale/arrangementer/${s(r, 'event')}`,
				lang
			})
		},
		signups: {
			expand: 'user,shift,shift.event',
			describe: (r) => ({
				text: `${s(r.expand?.user, 'name')} · ${s(r.expand?.shift, 'task')}`,
				href: `/personale/arrangementer/${s(r.expand?.shift, 'event')}`,
				lang
			})
		},
		registrations: {
			expand: 'user,event',
			describe: (r) => ({
				text: `${s(r.expand?.user, 'name')} · ${s(r.expand?.event, 'title')}`,
				href: `/personale/arrangementer/${s(r, 'event')}`,
				lang
			})
		},
		users: { describe: (r) => ({ text: s(r, 'name') || s(r, 'email'), href: '' }) },
		associations: { describe: (r) => ({ text: s(r, 'name'), href: `/foreninger/${s(r, 'id')}` }) },
		memberships: {
			expand: 'user,association',
			describe: (r) => ({
				text: `${s(r.expand?.user, 'name')} · ${s(r.expand?.association, 'name')}`,
				href: `/foreninger/${s(r, 'association')}`
			})
		},
		rooms: { describe: (r) => ({ text: s(r, 'name'), href: '/personale/lokaler' }) },
		seasons: { describe: (r) => ({ text: s(r, 'name'), href: `/personale/saeson/${r.id}` }) },
		closures: {
			expand: 'room',
			describe: (r) => ({
				text: `${s(r.expand?.room, 'name')} ${s(r, 'reason')}`.trim(),
				href: '/personale/lokaler',
				lang
			})
		}
	};
	const found = new Map<string, Target>();
	await Promise.all(
		[...byCollection].map(async ([collection, ids]) => {
			const kind = kinds[collection];
			if (!kind) return;
			try {
				const rows = await pb.collection(collection).getFullList<Row>({
					filter: [...ids].map((id) => pb.filter('id = {:id}', { id })).join(' || '),
					expand: kind.expand
				});
				for (const row of rows) found.set(`${collection}/${row.id}`, kind.describe(row));
			} catch {
				// a collection staff may not read: the entry keeps its kind of thing
			}
		})
	);
	return found;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const pb = locals.pb;
	const language = getLocale() === 'en' ? 'en' : 'da';
	const page = pageParam(url);
	const person = url.searchParams.get('person') ?? '';
	// an area the page knows, never a name every object has ("constructor", "__proto__")
	const asked = url.searchParams.get('omraade') ?? '';
	const area = Object.hasOwn(AREAS, asked) ? asked : '';
	const from = url.searchParams.get('fra') ?? '';
	const to = url.searchParams.get('til') ?? '';
	const filters: string[] = [];
	if (RECORD_ID.test(person)) filters.push(pb.filter('actor = {:person}', { person }));
	if (AREAS[area]) {
		const inArea = AREAS[area]!.map((collection) =>
			pb.filter('target_collection = {:collection}', { collection })
		);
		filters.push(`(${inArea.join(' || ')})`);
	}
	const start = DATE.test(from) ? localToUtc(from, '00:00') : null;
	const end = DATE.test(to) ? localToUtc(addDays(to, 1), '00:00') : null;
	if (start !== null) filters.push(pb.filter('created >= {:start}', { start: toPbDate(new Date(start)) }));
	if (end !== null) filters.push(pb.filter('created < {:end}', { end: toPbDate(new Date(end)) }));

	const [result, staff] = await Promise.all([
		pb.collection('audit_log').getList<AuditLogRecord>(page, PER_PAGE, {
			filter: filters.join(' && '),
			sort: '-created',
			expand: 'actor',
			fields: 'id,created,action,actor,target_collection,target_id,details,expand.actor.name'
		}),
		pb.collection('users').getFullList({ filter: 'staff = true', sort: 'name', fields: 'id,name' })
	]);
	const targets = await describeTargets(pb, result.items, language);
	return {
		filter: {
			person: RECORD_ID.test(person) ? person : '',
			area: AREAS[area] ? area : '',
			from: start !== null ? from : '',
			to: end !== null ? to : ''
		},
		staff: staff.map((u) => ({ id: u.id, name: String(u.name) })),
		areas: Object.keys(AREAS),
		page: result.page,
		totalPages: result.totalPages,
		entries: result.items.map((entry) => {
			const target = targets.get(`${entry.target_collection}/${entry.target_id}`);
			const details = (entry.details ?? {}) as Record<string, unknown>;
			return {
				id: entry.id,
				created: entry.created,
				action: entry.action,
				actor: entry.expand?.actor?.name ?? '',
				verb: verbOrChange(entry.action, language),
				thing: target?.text || (entry.target_collection ? thingOf(entry.target_collection, language) : ''),
				href: target?.href ?? '',
				thingLang: target?.lang,
				reason: typeof details.reason === 'string' ? details.reason : '',
				// a desk act: the citizen it was done for (their page names them) and an exception's reason
				citizen:
					typeof details.on_behalf_of === 'string' && RECORD_ID.test(details.on_behalf_of)
						? details.on_behalf_of
						: '',
				override: typeof details.override_reason === 'string' ? details.override_reason : ''
			};
		})
	};
};
