import type { PageServerLoad } from './$types';
import { lobbyData } from '$lib/screens/screens.server';
import { chosenLanguage } from '$lib/screens/types';

// The lobby screen: public (no sign-in), only public data (docs/rules.md, "Door signs and the lobby screen").
export const load: PageServerLoad = async ({ locals, url }) => {
	return { lobby: await lobbyData(locals.pb), language: chosenLanguage(url) };
};
