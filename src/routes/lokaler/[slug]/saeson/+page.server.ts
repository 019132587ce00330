import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import { echoValues, readForm, validateForm } from '$lib/forms';
import { failureStatus } from '$lib/server/errors';
import { seasonSchema } from '$lib/validation/rooms';
import { seriesDates } from '$lib/rooms/series';
import {
	bookableAssociations,
	bookingRefusal,
	findRoom,
	seasonPreview,
	skippedOf,
	type SeasonAnswer
} from '$lib/server/room-page';
import { lastBookableDate } from '$rules/rooms-policy.js';

// A room's season booking (docs/rules.md, "Season bookings"): the same time every week or every other
// week, previewed date by date before anything is sent. A page of its own, linked from the room page, so
// the room page stays light for the single booking most people make.
export const load: PageServerLoad = async ({ locals, params, url, request, depends }) => {
	depends('app:rooms');
	requireUser(locals, url);
	const [room, associations] = await Promise.all([
		findRoom(locals.pb, params.slug, { url, request }),
		bookableAssociations(locals.pb, locals.user!.id)
	]);
	return {
		room,
		associations,
		lastBookable: lastBookableDate(room.horizon_days, Date.now())
	};
};

export const actions: Actions = {
	preview: async ({ request, locals, params, url }) => {
		requireUser(locals, url);
		const room = await findRoom(locals.pb, params.slug, { url, request, action: true });
		const values = readForm(await request.formData(), ['show_publicly']);
		const checked = validateForm(seasonSchema, values);
		if (!checked.ok) return fail(400, { action: 'season' as const, ...checked.failure });
		const preview = await seasonPreview(locals.pb, room, checked.data);
		return { action: 'season' as const, values: echoValues(values), preview };
	},

	season: async ({ request, locals, params, url }) => {
		requireUser(locals, url);
		const room = await findRoom(locals.pb, params.slug, { url, request, action: true });
		const formData = await request.formData();
		const chosen = new Set(formData.getAll('dates').map(String));
		const values = readForm(formData, ['show_publicly']);
		const checked = validateForm(seasonSchema, values);
		if (!checked.ok) return fail(400, { action: 'season' as const, ...checked.failure });
		const { data } = checked;
		// The dates the user kept; PocketBase skips openly those taken, closed or beyond policy since.
		const kept = seriesDates({
			firstDate: data.first_date,
			lastDate: data.last_date,
			intervalWeeks: data.interval
		}).filter((date) => chosen.has(date));
		if (kept.length === 0) {
			return fail(400, {
				action: 'season' as const,
				values: echoValues(values),
				preview: await seasonPreview(locals.pb, room, data),
				errors: { form: m.rooms_season_nothing(), fields: {} }
			});
		}
		// One request: PocketBase books the series and every chosen date that is still free in one
		// transaction, and answers which dates were booked and which were skipped and why.
		let answer: SeasonAnswer;
		try {
			answer = await locals.pb.send<SeasonAnswer>('/api/borgerhus/series', {
				method: 'POST',
				body: {
					room: room.id,
					association: data.for === 'self' ? '' : data.for,
					purpose: data.purpose,
					attendees: data.attendees,
					first_date: data.first_date,
					last_date: data.last_date,
					interval: data.interval,
					start_time: data.start,
					end_time: data.end,
					show_publicly: data.for !== 'self' && values.show_publicly === true,
					dates: kept
				}
			});
		} catch (err) {
			return fail(failureStatus(err), {
				action: 'season' as const,
				values: echoValues(values),
				preview: await seasonPreview(locals.pb, room, data),
				skipped: skippedOf(err),
				errors: bookingRefusal(err)
			});
		}
		const skipped = answer.skipped.map((s) => `${s.date}.${s.code}`).join(',');
		redirect(
			303,
			`/bookinger?serie=${answer.booked.length}${skipped ? `&sprunget=${encodeURIComponent(skipped)}` : ''}`
		);
	}
};
