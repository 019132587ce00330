import type { PageServerLoad } from './$types';
import { lobbyData } from '$lib/screens/screens.server';
import { chosenLanguage } from '$lib/screens/types';
import { houseUnreachable } from '$lib/server/pocketbase';

// The lobby screen: public (no sign-in), only public data (docs/rules.md, "Door signs and the lobby screen").
// While PocketBase does not answer it gets no data, and the page waits and loads again by itself.
export const load: PageServerLoad = async ({ locals, url }) => {
	const language = chosenLanguage(url);
	try {
		return { lobby: await lobbyData(locals.pb), language };
	} catch (err) {
		if (houseUnreachable(err)) return { lobby: null, language };
		throw err;
	}
};
