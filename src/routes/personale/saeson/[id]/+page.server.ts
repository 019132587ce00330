import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/guards';
import { readForm } from '$lib/forms';
import { codeMessage, failureStatus, toFormErrors } from '$lib/server/errors';
import { available } from '$rules/core/machine.js';
import { LEFTOVERS_MOVE, season as seasonMachine } from '$rules/season/machines.js';
import { OVERRIDE_CODES } from '$rules/season/allocate.js';
import { clockChangeProblems, windowInstant } from '$lib/season/setup-form';
import { associationNames, loadSeason, roomNames, type LineView } from '$lib/season/load.server';
import { skippedWords } from '$lib/season/skipped.server';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTime } from '$lib/dates';
import { APPLICATION_STATUS, CODE, STATE, SWAP_STATUS } from '$lib/season/reasons';
import { lineWords, slotNames } from '$lib/season/words.server';
import { utcToHouseLocal } from '$lib/events/time';

// Staff run a season round: the applications, the draft, the conflicts to settle, adjustments with a
// reason code, the objections, and the next step of the round (only the steps its machine allows).
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireStaff(locals, url);
	const season = await loadSeason(locals.pb, params.id);
	const filter = locals.pb.filter('season = {:s}', { s: season.id });
	const [applications, lines, objections, swaps, notes] = await Promise.all([
		locals.pb.collection('season_applications').getFullList<{
			id: string;
			association: string;
			status: string;
			activities: { name: string }[];
			submitted_at: string;
		}>({ filter, sort: 'submitted_at' }),
		locals.pb.collection('season_lines').getFullList<LineView>({ filter, sort: 'slot,activity' }),
		locals.pb.collection('season_objections').getFullList<{
			id: string;
			association: string;
			line: string;
			text: string;
			status: string;
			answer: string;
		}>({ filter, sort: 'created' }),
		locals.pb.collection('season_swaps').getFullList<{
			id: string;
			kind: string;
			status: string;
			from_line: string;
			to_line: string;
			from_association: string;
			to_association: string;
		}>({ filter, sort: '-created' }),
		// staff's notes on their overrides: kept on the season, never on the line the association reads
		locals.pb.send<{ overrides: { activity: string; code: string; note: string }[] }>(
			`/api/borgerhus/seasons/${encodeURIComponent(season.id)}/notes`,
			{ method: 'GET' }
		)
	]);
	const names = await associationNames(locals.pb, [
		...applications.map((a) => a.association),
		...lines.map((l) => l.association),
		...swaps.flatMap((x) => [x.from_association, x.to_association])
	]);
	const rooms = await roomNames(locals.pb, season);
	// the lines' reasons name the winner of a contest by its activity
	const byActivity = Object.fromEntries(lines.map((l) => [l.activity, names[l.association] ?? '']));
	const worded = lines.map((line) => ({
		...line,
		// each line's time, status and reason in words, and the dates booking skipped, worded here: the
		// browser loads none of the season's words nor the refusals' texts
		words: lineWords(line, season, rooms, byActivity, true),
		skippedWords: skippedWords(line)
	}));
	const lineLabel = (id: string) => {
		const line = worded.find((l) => l.id === id);
		return line ? `${line.activity_name}, ${line.words.slot}` : m.season_unknown_time();
	};
	// before a draft the allocation and the objections have nothing to list: each says what comes there, and when
	const at = (value: string) => formatDateTime(value, getLocale());
	const noLines = ['setup', 'open'].includes(season.status)
		? m.season_lines_after_window({ until: at(season.apply_until) })
		: applications.length === 0
			? m.season_lines_no_applications()
			: m.season_lines_run_draft();
	const noObjections = ['setup', 'open', 'closed'].includes(season.status)
		? season.objection_until
			? Date.parse(season.objection_until.replace(' ', 'T')) <= Date.now()
				? m.season_objections_deadline_passed({ until: at(season.objection_until) })
				: m.season_objections_later_until({ until: at(season.objection_until) })
			: m.season_objections_later()
		: season.status === 'draft_published'
			? season.objection_until
				? m.season_objections_none_yet_until({ until: at(season.objection_until) })
				: m.season_objections_none_yet()
			: m.season_objections_none();
	return {
		season,
		words: {
			state: STATE[season.status]?.() ?? '',
			// what the lines and the objections say while they have nothing to list (worded here, as the
			// rest: the page's script stays under its bar)
			noLines,
			noObjections,
			slots: slotNames(season, rooms),
			// the stored instants as the datetime-local fields show them, in house time
			local: {
				objection_until: utcToHouseLocal(season.objection_until),
				second_until: utcToHouseLocal(season.second_until)
			}
		},
		applications: applications.map((a) => ({
			...a,
			statusWord: APPLICATION_STATUS[a.status]?.() ?? a.status
		})),
		lines: worded,
		objections,
		swaps: swaps.map((swap) => ({
			...swap,
			give: lineLabel(swap.from_line),
			take: lineLabel(swap.to_line),
			statusWord: SWAP_STATUS[swap.status]?.() ?? ''
		})),
		names,
		notes: Object.fromEntries(notes.overrides.filter((o) => o.note).map((o) => [o.activity, o.note])),
		// out of the final plan only the way the season's leftovers mode allows (the hooks refuse the other)
		steps: available(seasonMachine, season.status, ['staff'])
			.map((name) => {
				const t = seasonMachine.transitions.find((x) => x.from === season.status && x.name === name)!;
				return { name, to: t.to, state: STATE[t.to]?.() ?? t.to };
			})
			.filter((step) => season.status !== 'final' || LEFTOVERS_MOVE[season.leftovers || 'fcfs'] === step.to),
		codes: OVERRIDE_CODES.map((code) => ({ code, name: CODE[code]?.() ?? code }))
	};
};

/** What booking the final plan did for one association: dates booked, or the code of why not. */
interface BookingResult {
	association: string;
	booked?: number;
	code?: string;
	error?: string;
}

/** Each association's booking with its refusal worded here: the page loads no refusal's text. */
function worded(results: BookingResult[]) {
	return results.map((r) => ({
		association: r.association,
		booked: r.booked,
		reason: r.code || r.error ? codeMessage(r.code ?? '') : ''
	}));
}

async function post(locals: App.Locals, path: string, body: Record<string, unknown> = {}) {
	return locals.pb.send(path, { method: 'POST', body });
}

export const actions: Actions = {
	status: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		// the second round's end left as shown keeps its stored instant (a reopened round's, in the hour the
		// autumn night has twice too); one typed anew in that hour is refused as it names two moments
		const times = values.to === 'second_round' ? clockChangeProblems(values, ['second_until']) : {};
		if (Object.keys(times).length) {
			return fail(400, { action: 'status' as const, values, errors: { fields: times } });
		}
		let answer: { booking?: BookingResult[] };
		try {
			answer = (await post(locals, `/api/borgerhus/seasons/${encodeURIComponent(params.id)}/status`, {
				to: values.to ?? '',
				...(values.to === 'second_round' ? { second_until: windowInstant(values, 'second_until') } : {})
			})) as { booking?: BookingResult[] };
		} catch (err) {
			return fail(failureStatus(err), { action: 'status' as const, values, errors: toFormErrors(err) });
		}
		// publishing the final plan (or the second round) books it: what each association got, or why not
		return { action: 'status' as const, done: true, booking: answer.booking ? worded(answer.booking) : null };
	},
	// while the draft is published: set the objection deadline, or bring it forward (the hooks refuse the rest)
	deadline: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		// the deadline left as shown keeps its stored instant, as the set-up form's moments do
		const times = values.objection_until
			? clockChangeProblems(values, ['objection_until'])
			: { objection_until: codeMessage('core_required') };
		if (Object.keys(times).length) {
			return fail(400, { action: 'deadline' as const, values, errors: { fields: times } });
		}
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}`, {
				method: 'PATCH',
				body: { objection_until: windowInstant(values, 'objection_until') }
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'deadline' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'deadline' as const, done: true };
	},
	draft: async ({ locals, url, params }) => {
		requireStaff(locals, url);
		try {
			const run = (await post(locals, `/api/borgerhus/seasons/${encodeURIComponent(params.id)}/draft`)) as {
				lines: number;
				allocated: number;
				flagged: number;
			};
			return { action: 'draft' as const, run };
		} catch (err) {
			return fail(failureStatus(err), { action: 'draft' as const, values: {}, errors: toFormErrors(err) });
		}
	},
	settle: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		try {
			await post(locals, `/api/borgerhus/seasons/${encodeURIComponent(params.id)}/settle`, {
				slot: values.slot ?? '',
				winner: values.winner ?? ''
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'settle' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'settle' as const, done: true };
	},
	adjust: async ({ request, locals, url, params }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		try {
			await post(locals, `/api/borgerhus/seasons/${encodeURIComponent(params.id)}/adjust`, {
				activity: values.activity ?? '',
				slot: values.slot ?? '',
				every: values.every === '2' ? 2 : 1,
				code: values.code ?? '',
				note: values.note ?? ''
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'adjust' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'adjust' as const, done: true };
	},
	swap: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		const act = values.act === 'reject' ? 'reject' : 'approve';
		try {
			await post(locals, `/api/borgerhus/season-swaps/${encodeURIComponent(String(values.id ?? ''))}/${act}`);
		} catch (err) {
			return fail(failureStatus(err), { action: 'swap' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'swap' as const, done: true };
	},
	answer: async ({ request, locals, url }) => {
		requireStaff(locals, url);
		const values = readForm(await request.formData());
		try {
			await post(
				locals,
				`/api/borgerhus/season-objections/${encodeURIComponent(String(values.id ?? ''))}/answer`,
				{
					answer: values.answer ?? ''
				}
			);
		} catch (err) {
			return fail(failureStatus(err), { action: 'answer' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'answer' as const, done: true };
	},
	// the final plan's lines that are not booked yet (an association awaiting verification, say), again
	book: async ({ locals, url, params }) => {
		requireStaff(locals, url);
		try {
			const answer = (await post(locals, `/api/borgerhus/seasons/${encodeURIComponent(params.id)}/book`)) as {
				booking: BookingResult[];
			};
			return { action: 'book' as const, booking: worded(answer.booking) };
		} catch (err) {
			return fail(failureStatus(err), { action: 'book' as const, values: {}, errors: toFormErrors(err) });
		}
	}
};
