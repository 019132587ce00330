// The application form's flat fields (a0_name, a0_w1_slot ...) to and from the activities the season
// route takes, so the form works without JavaScript.

/** The activities and wishes an empty form offers; one that holds more shows them all. */
export const ACTIVITY_SLOTS = 3;
export const WISH_SLOTS = 3;
/** The most the season's route takes (pb_hooks/lib/season/validate.js): the form reads up to these. */
export const MAX_ACTIVITIES = 20;
export const MAX_WISHES = 5;

/**
 * How many activities and wishes per activity the form shows for these values: at least the empty form's,
 * and every one the values hold, so saving an application never drops what the form could not show.
 */
export function slotsFor(values: Record<string, string | boolean>) {
	let activities = ACTIVITY_SLOTS;
	let wishes = WISH_SLOTS;
	for (const key of Object.keys(values)) {
		const named = /^a(\d+)_name$/.exec(key);
		if (named && values[key])
			activities = Math.max(activities, Math.min(Number(named[1]) + 1, MAX_ACTIVITIES));
		const wish = /^a\d+_w(\d+)_slot$/.exec(key);
		if (wish && values[key]) wishes = Math.max(wishes, Math.min(Number(wish[1]) + 1, MAX_WISHES));
	}
	return { activities, wishes };
}

export interface FormActivity {
	name: string;
	age_group: string;
	adult_kind?: string;
	participants: number;
	step_free?: boolean;
	flexibility?: string;
	wishes: { slot: string; every: number }[];
}

/** The activities filled in on the form (a row without a name is left out). */
export function activitiesFromForm(values: Record<string, string | boolean>) {
	const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
	const activities: FormActivity[] = [];
	for (let i = 0; i < MAX_ACTIVITIES; i++) {
		if (!text(`a${i}_name`).trim()) continue;
		const wishes: { slot: string; every: number }[] = [];
		for (let j = 0; j < MAX_WISHES; j++) {
			const slot = text(`a${i}_w${j}_slot`);
			if (slot) wishes.push({ slot, every: text(`a${i}_w${j}_every`) === '2' ? 2 : 1 });
		}
		const participants = Number(text(`a${i}_participants`));
		activities.push({
			name: text(`a${i}_name`),
			age_group: text(`a${i}_age`) || 'adults',
			adult_kind: text(`a${i}_kind`) || 'other',
			participants: Number.isFinite(participants) ? participants : 0,
			step_free: values[`a${i}_step_free`] === true,
			flexibility: text(`a${i}_flex`) || 'none',
			wishes
		});
	}
	const local = Object.keys(values)
		.filter((k) => k.startsWith('local_') && values[k])
		.map((k) => k.slice('local_'.length));
	return { activities, local };
}

/** Form values for activities (an application, or what "copy last season" found). */
export function formFromActivities(activities: FormActivity[], local: string[] = []) {
	const values: Record<string, string | boolean> = {};
	activities.slice(0, MAX_ACTIVITIES).forEach((a, i) => {
		values[`a${i}_name`] = a.name;
		values[`a${i}_age`] = a.age_group;
		values[`a${i}_kind`] = a.adult_kind || 'other';
		values[`a${i}_participants`] = String(a.participants);
		values[`a${i}_step_free`] = !!a.step_free;
		values[`a${i}_flex`] = a.flexibility || 'none';
		a.wishes.slice(0, MAX_WISHES).forEach((w, j) => {
			values[`a${i}_w${j}_slot`] = w.slot;
			values[`a${i}_w${j}_every`] = String(w.every);
		});
	});
	for (const key of local) values[`local_${key}`] = true;
	return values;
}
