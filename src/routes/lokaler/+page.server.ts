import type { PageServerLoad } from './$types';
import type { RoomRecord } from '$lib/pocketbase-types';
import { getLocale } from '$lib/paraglide/runtime';
import { contentText } from '$rules/content-language.js';

export const load: PageServerLoad = async ({ locals }) => {
	const rooms = await locals.pb.collection('rooms').getFullList<RoomRecord>({
		filter: 'active = true',
		sort: 'sort,name',
		fields:
			'id,name,slug,description,description_en,capacity,photos,facilities,step_free,hearing_loop,accessible_toilet,who_may_book'
	});
	const language = getLocale();
	return {
		// the English description on an English page when there is one (docs/rules.md, "Languages")
		rooms: rooms.map(({ description_en, ...room }) => ({
			...room,
			description: contentText(room.description, description_en, language)
		}))
	};
};
