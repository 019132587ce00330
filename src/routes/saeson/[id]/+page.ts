import type { PageLoad } from './$types';

// Parts of the page that only some states of the season show load with the page's data, only then: the
// association's lines and objections once there are lines (a draft or a plan), the second round's part
// while it is on, the leftovers' forms in that state. The application window's page does without their
// code and words.
export const load: PageLoad = async ({ data }) => {
	const [Result, SecondRound, Leftovers] = await Promise.all([
		data.lines.some((l) => l.association === data.chosen)
			? import('./Result.svelte').then((c) => c.default)
			: null,
		data.season.status === 'second_round' ? import('./SecondRound.svelte').then((c) => c.default) : null,
		data.season.status === 'leftovers' && data.plan
			? import('./Leftovers.svelte').then((c) => c.default)
			: null
	]);
	return { ...data, Result, SecondRound, Leftovers };
};
