import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { TZDate } from '@date-fns/tz';
import { requireStaff } from '$lib/server/guards';
import { readForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/errors';
import { HOUSE_TIME_ZONE } from '$lib/dates';
import type { SeasonView } from '$lib/season/load.server';

const DAYS: Record<string, string> = {
	man: 'mon',
	mon: 'mon',
	tir: 'tue',
	tue: 'tue',
	ons: 'wed',
	wed: 'wed',
	tor: 'thu',
	thu: 'thu',
	fre: 'fri',
	fri: 'fri',
	lør: 'sat',
	sat: 'sat',
	søn: 'sun',
	sun: 'sun'
};

/** "2026-08-01T10:00" in house time as an ISO instant; '' stays ''. */
function houseInstant(value: string | boolean | undefined): string {
	if (typeof value !== 'string' || !value) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!m) return value;
	return new TZDate(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, HOUSE_TIME_ZONE).toISOString();
}

// Staff's list of season rounds and the set-up of a new one. The slots are written one a line as
// "room-slug weekday HH:MM-HH:MM" (e.g. "salen man 17:00-19:00"); the hooks check everything.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals, url);
	const seasons = await locals.pb.collection('seasons').getFullList<SeasonView>({ sort: '-first_date' });
	const rooms = await locals.pb.collection('rooms').getFullList<{ id: string; slug: string; name: string }>({
		filter: 'active = true',
		fields: 'id,slug,name',
		sort: 'sort,name'
	});
	return { seasons, rooms };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData(), [
			'house_tier',
			'swap_approval',
			'tb_history',
			'tb_participants_per_hour',
			'tb_applied_first'
		]);
		const rooms = await locals.pb
			.collection('rooms')
			.getFullList<{ id: string; slug: string }>({ fields: 'id,slug' });
		const bySlug = new Map(rooms.map((r) => [r.slug, r.id]));
		const slots = String(values.slots ?? '')
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => {
				const [slug = '', day = '', span = ''] = line.split(/\s+/);
				const [start = '', end = ''] = span.split('-');
				return { room: bySlug.get(slug) ?? slug, weekday: DAYS[day.toLowerCase()] ?? day, start, end };
			});
		const blackout = String(values.blackout_dates ?? '')
			.split(/[\s,]+/)
			.filter(Boolean);
		let id = '';
		try {
			const created = await locals.pb.send<{ id: string }>('/api/borgerhus/seasons', {
				method: 'POST',
				body: {
					name: values.name ?? '',
					first_date: values.first_date ?? '',
					last_date: values.last_date ?? '',
					slots,
					blackout_dates: blackout,
					apply_from: houseInstant(values.apply_from),
					apply_until: houseInstant(values.apply_until),
					draft_at: houseInstant(values.draft_at),
					objection_until: houseInstant(values.objection_until),
					final_at: houseInstant(values.final_at),
					tiers: values.house_tier
						? ['house', 'children', 'education', 'adults']
						: ['children', 'education', 'adults'],
					tie_breakers: ['history', 'participants_per_hour', 'applied_first'].filter(
						(t) => values[`tb_${t}`]
					),
					leftovers: values.leftovers || 'fcfs',
					swap_approval: values.swap_approval === true,
					previous: values.previous || ''
				}
			});
			id = created.id;
		} catch (err) {
			return fail(failureStatus(err), { action: 'create' as const, values, errors: toFormErrors(err) });
		}
		redirect(303, `/personale/saeson/${id}`);
	}
};
