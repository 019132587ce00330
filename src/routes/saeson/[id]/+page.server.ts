import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { LOADED_FIELD, readForm } from '$lib/forms';
import { failureStatus, toFormErrors } from '$lib/server/errors';
import { associationNames, loadPlan, loadSeason, seasonRooms, type LineView } from '$lib/season/load.server';
import { FINAL } from '$rules/season/machines.js';
import { skippedWords } from '$lib/season/skipped.server';
import { MAX_ACTIVITIES, activitiesFromForm, formFromActivities } from '$lib/season/form';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTime, formatDay } from '$lib/dates';
import { BY, STATE, TIER_NAME, WHY } from '$lib/season/reasons';
import { lineWords, slotNames, weeklyWords } from '$lib/season/words.server';

interface Application {
	id: string;
	round: number;
	association: string;
	status: string;
	activities: Parameters<typeof formFromActivities>[0];
	local_criteria: string[];
	declared_section4: boolean;
	declared_child_certificates: boolean;
	updated: string;
	eligibility: {
		activities: { key: string; name: string; tier: string; tier_rank: number; why: string }[];
	} | null;
}

// The association side of a season: apply (or change the application) inside the window, "copy last
// season", see the computed tier and, once the draft is published, each line with its reason; object;
// take a free time among the leftovers. Every write is a season route; the hooks decide.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const season = await loadSeason(locals.pb, params.id);
	const memberships = await locals.pb.collection('memberships').getFullList<{
		association: string;
		role: string;
		expand?: { association?: { id: string; name: string; verified: boolean } };
	}>({
		filter: locals.pb.filter('user = {:u} && status = "active" && (role = "admin" || role = "booker")', {
			u: user.id
		}),
		expand: 'association'
	});
	const associations = memberships
		.filter((ms) => ms.expand?.association)
		.map((ms) => ({ ...ms.expand!.association!, role: ms.role }));
	const applications = await locals.pb.collection('season_applications').getFullList<Application>({
		filter: locals.pb.filter('season = {:s}', { s: season.id })
	});
	const lines = await locals.pb.collection('season_lines').getFullList<LineView>({
		filter: locals.pb.filter('season = {:s}', { s: season.id }),
		sort: 'activity'
	});
	const objections = await locals.pb.collection('season_objections').getFullList<{
		id: string;
		association: string;
		line: string;
		text: string;
		status: string;
		answer: string;
	}>({ filter: locals.pb.filter('season = {:s}', { s: season.id }), sort: 'created' });
	const { names: rooms, outOfUse } = await seasonRooms(locals.pb, season);
	const chosen = url.searchParams.get('forening') ?? associations[0]?.id ?? '';
	// with what the hook would answer the chosen association's claims of the leftovers
	const plan = FINAL.includes(season.status) ? await loadPlan(locals.pb, season.id, chosen) : null;
	// who won a wish the association lost, by the winner's activity (the reason names it so): only a name the
	// reader may see, a verified association's (the record rule), else the page says "another association"
	const contests = lines.flatMap((l) => l.reason?.contests ?? []);
	const shown = await associationNames(
		locals.pb,
		contests.map((c) => c.lost_to_association)
	);
	const names: Record<string, string> = {};
	for (const c of contests) {
		const name = shown[c.lost_to_association];
		if (c.lost_to && name) names[c.lost_to] = name;
	}
	const now = Date.now();
	const at = (instant: string) => (instant ? Date.parse(instant.replace(' ', 'T')) : NaN);
	// what the page shows of the season in words, worded here: the browser loads no season words it does
	// not need for the forms
	const language = getLocale();
	// the window's dates only while they tell something to do: before it opens and while it is open
	const windowAhead = ['setup', 'open'].includes(season.status) && !(at(season.apply_until) <= now);
	const words = {
		period: m.season_period({
			from: formatDay(season.first_date, language),
			to: formatDay(season.last_date, language)
		}),
		window: windowAhead
			? m.season_window({
					from: formatDateTime(season.apply_from, language),
					to: formatDateTime(season.apply_until, language)
				})
			: '',
		state: STATE[season.status]?.() ?? season.status,
		tiers: (season.tiers.includes('house')
			? ['house', 'children', 'education', 'adults']
			: ['children', 'education', 'adults']
		).map((tier) => ({ tier, name: TIER_NAME[tier]?.() ?? '' })),
		tieBreakers: [m.season_tb_accessibility(), ...season.tie_breakers.map((tb) => BY[tb]?.() ?? '')],
		slots: slotNames(season, rooms),
		// the withdrawal's question, asked once the button is pressed
		withdraw: {
			question: m.season_withdraw_question(),
			consequence: m.season_withdraw_consequence({
				association: associations.find((a) => a.id === chosen)?.name ?? '',
				season: season.name
			}),
			undo: m.season_withdraw_undo(),
			confirm: m.season_withdraw_confirm()
		}
	};
	return {
		windowAhead,
		// the application form only while the window is open now (round.js eligibilityProblem): past its end,
		// while staff have yet to close the round, the page says so instead of a form the hook would refuse
		applyOpen:
			season.status === 'open'
				? at(season.apply_from) <= now && now <= at(season.apply_until)
				: season.status === 'second_round' && now <= at(season.second_until ?? ''),
		// objections are taken until objection_until (none set: until the final plan)
		objectionsOpen: season.status === 'draft_published' && !(at(season.objection_until) <= now),
		season,
		words,
		outOfUse,
		associations,
		chosen,
		// the tier computed for each activity, with why, in words
		applications: applications.map((a) => ({
			...a,
			// the application's status as a label of its own (the lower-case words read inside sentences
			// elsewhere)
			statusWords: APPLICATION_LABEL[a.status]
				? m.season_application_status({ status: APPLICATION_LABEL[a.status]!() })
				: '',
			tierWords: (a.eligibility?.activities ?? []).map((x) => ({
				key: x.key,
				tier: m.season_tier_of({
					activity: x.name,
					rank: x.tier_rank,
					tier: TIER_NAME[x.tier]?.() ?? x.tier
				}),
				why: WHY[x.why]?.() ?? ''
			}))
		})),
		// each line's time, status and reason in words, and the dates booking skipped: the refusals' texts are
		// not loaded in the browser
		lines: lines.map((line) => {
			const lined = lineWords(line, season, rooms, names);
			const heading =
				line.status === 'allocated'
					? m.season_line_allocated({ activity: line.activity_name, slot: lined.slot })
					: line.status === 'flagged'
						? m.season_line_flagged({ activity: line.activity_name })
						: m.season_line_unallocated({ activity: line.activity_name });
			return { ...line, words: { ...lined, heading }, skippedWords: skippedWords(line) };
		}),
		objections,
		plan: plan && {
			...plan,
			rows: plan.rows.map((row) => ({ ...row, ...weeklyWords(row) })),
			free: plan.free.map((free) => {
				const { words, weeks } = weeklyWords(free);
				return { ...free, label: words + weeks };
			})
		}
	};
};

const APPLICATION_LABEL: Record<string, () => string> = {
	submitted: m.season_app_label_submitted,
	withdrawn: m.season_app_label_withdrawn
};

function association(values: Record<string, string | boolean>) {
	return typeof values.association === 'string' ? values.association : '';
}

export const actions: Actions = {
	apply: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData(), [
			'declared_section4',
			'declared_child_certificates',
			...Array.from({ length: MAX_ACTIVITIES }, (_, i) => `a${i}_step_free`)
		]);
		const { activities, local } = activitiesFromForm(values);
		let answer: { unchanged?: boolean };
		try {
			answer = await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/apply`, {
				method: 'POST',
				body: {
					association: association(values),
					activities,
					local_criteria: local,
					declared_section4: values.declared_section4 === true,
					declared_child_certificates: values.declared_child_certificates === true,
					// the version the form showed: a save over another admin's change is refused
					...(typeof values[LOADED_FIELD] === 'string' ? { loaded: values[LOADED_FIELD] } : {})
				}
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'apply' as const, values, errors: toFormErrors(err) });
		}
		// the application as it stood: the hook wrote nothing, and the page says so
		if (answer.unchanged) return { action: 'apply' as const, unchanged: true };
		return { action: 'apply' as const, sent: true };
	},
	copy: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		try {
			const copied = await locals.pb.send<{
				activities: Parameters<typeof formFromActivities>[0];
				local_criteria: string[];
			}>(
				`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/copy?association=${encodeURIComponent(association(values))}`,
				{ method: 'GET' }
			);
			// nothing to copy (no last season, or no application to it): the form keeps what it had
			if (copied.activities.length === 0) return { action: 'copy' as const, copied: false, nothing: true };
			return {
				action: 'copy' as const,
				copied: true,
				values: {
					association: association(values),
					// the version of the application the page showed when it asked for the copy
					[LOADED_FIELD]: typeof values[LOADED_FIELD] === 'string' ? values[LOADED_FIELD] : '',
					...formFromActivities(copied.activities, copied.local_criteria)
				}
			};
		} catch (err) {
			return fail(failureStatus(err), { action: 'copy' as const, values, errors: toFormErrors(err) });
		}
	},
	withdraw: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/withdraw`, {
				method: 'POST',
				body: { association: association(values) }
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'withdraw' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'withdraw' as const, sent: true };
	},
	object: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/objections`, {
				method: 'POST',
				body: { association: association(values), line: values.line || '', text: values.text ?? '' }
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'object' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'object' as const, sent: true };
	},
	claim: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/claim`, {
				method: 'POST',
				body: {
					association: association(values),
					slot: values.slot ?? '',
					// a time held every other week is offered in its free weeks only
					every: values.every === '2' ? 2 : 1,
					activity_name: values.activity_name ?? '',
					participants: Number(values.participants)
				}
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'claim' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'claim' as const, sent: true };
	},
	claimDate: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/claim-date`, {
				method: 'POST',
				body: {
					association: association(values),
					slot: values.slot ?? '',
					date: values.date ?? '',
					activity_name: values.activity_name ?? '',
					participants: Number(values.participants)
				}
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'claimDate' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'claimDate' as const, sent: true };
	}
};
