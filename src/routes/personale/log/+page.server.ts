import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import type { AuditLogRecord } from '$lib/pocketbase-types';

const PER_PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('side') ?? '1', 10) || 1));
	const action = (url.searchParams.get('handling') ?? '').trim().slice(0, 100);
	const result = await locals.pb.collection('audit_log').getList<AuditLogRecord>(page, PER_PAGE, {
		filter: action ? locals.pb.filter('action ~ {:action}', { action }) : '',
		sort: '-created',
		expand: 'actor',
		fields: 'id,created,action,target_collection,target_id,details,expand.actor.name'
	});
	return {
		action,
		page: result.page,
		totalPages: result.totalPages,
		entries: result.items.map((entry) => ({
			id: entry.id,
			created: entry.created,
			action: entry.action,
			target: entry.target_collection ? `${entry.target_collection}/${entry.target_id}` : '',
			actor: entry.expand?.actor?.name ?? '',
			details: entry.details ? JSON.stringify(entry.details) : ''
		}))
	};
};
