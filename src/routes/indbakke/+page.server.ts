import { fail, redirect } from '@sveltejs/kit';
import { pageParam } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';
import type { NotificationRecord } from '$lib/pocketbase-types';
import { requireUser } from '$lib/server/guards';
import { readForm, validateForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { toPbDate } from '$lib/dates';
import { notificationSchema } from '$lib/validation/overview';
import { getLocale } from '$lib/paraglide/runtime';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const user = requireUser(locals, url);
	depends('app:unread');
	const asked = pageParam(url);
	const list = await locals.pb.collection('notifications').getList<NotificationRecord>(asked, PAGE_SIZE, {
		filter: locals.pb.filter('user = {:u}', { u: user.id }),
		sort: '-created,-id',
		fields: 'id,kind,title,body,texts,link,read_at,created'
	});
	// each message in the language the person reads now (written in both when it was made; an older one
	// as it was stored)
	const language = getLocale() === 'en' ? 'en' : 'da';
	return {
		notifications: list.items.map(({ texts, ...n }) => ({ ...n, ...(texts?.[language] ?? {}) })),
		page: list.page,
		pages: Math.max(1, list.totalPages),
		// the messages past a deleted one's page: a page beyond the last shows the way back
		beyond: list.items.length === 0 && asked > 1
	};
};

export const actions: Actions = {
	// Only read_at may be changed by the owner (notifications' update rule); nothing else is sent.
	read: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(notificationSchema, values);
		if (!checked.ok) return fail(400, { action: 'read' as const, ...checked.failure });
		try {
			await locals.pb.collection('notifications').update(checked.data.id, { read_at: toPbDate(new Date()) });
		} catch (err) {
			return fail(failureStatus(err), { action: 'read' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'read' as const, done: true as const };
	},

	// "Se mere" on an unread message: mark it read, then open what it is about (its own stored link,
	// never an address from the form).
	open: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const checked = validateForm(notificationSchema, values);
		if (!checked.ok) return fail(400, { action: 'read' as const, ...checked.failure });
		let link = '';
		try {
			const n = await locals.pb
				.collection('notifications')
				.getOne<NotificationRecord>(checked.data.id, { fields: 'id,link,read_at' });
			link = n.link;
			if (!n.read_at) {
				await locals.pb.collection('notifications').update(n.id, { read_at: toPbDate(new Date()) });
			}
		} catch (err) {
			return fail(failureStatus(err), { action: 'read' as const, values, errors: toFormErrors(err) });
		}
		redirect(303, link.startsWith('/') && !link.startsWith('//') ? link : '/indbakke');
	},

	readAll: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		const unread = await locals.pb.collection('notifications').getFullList({
			filter: locals.pb.filter('user = {:u} && read_at = ""', { u: user.id }),
			fields: 'id',
			batch: 200
		});
		const readAt = toPbDate(new Date());
		try {
			for (const n of unread) await locals.pb.collection('notifications').update(n.id, { read_at: readAt });
		} catch (err) {
			return fail(failureStatus(err), { action: 'readAll' as const, values: {}, errors: toFormErrors(err) });
		}
		return { action: 'readAll' as const, done: true as const };
	}
};
