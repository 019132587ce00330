// The application form's flat fields (a0_name, a0_w1_slot ...) to and from the activities the season
// route takes, so the form works without JavaScript.

export const ACTIVITY_SLOTS = 3;
export const WISH_SLOTS = 3;

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
	for (let i = 0; i < ACTIVITY_SLOTS; i++) {
		if (!text(`a${i}_name`).trim()) continue;
		const wishes: { slot: string; every: number }[] = [];
		for (let j = 0; j < WISH_SLOTS; j++) {
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
	activities.slice(0, ACTIVITY_SLOTS).forEach((a, i) => {
		values[`a${i}_name`] = a.name;
		values[`a${i}_age`] = a.age_group;
		values[`a${i}_kind`] = a.adult_kind || 'other';
		values[`a${i}_participants`] = String(a.participants);
		values[`a${i}_step_free`] = !!a.step_free;
		values[`a${i}_flex`] = a.flexibility || 'none';
		a.wishes.slice(0, WISH_SLOTS).forEach((w, j) => {
			values[`a${i}_w${j}_slot`] = w.slot;
			values[`a${i}_w${j}_every`] = String(w.every);
		});
	});
	for (const key of local) values[`local_${key}`] = true;
	return values;
}
