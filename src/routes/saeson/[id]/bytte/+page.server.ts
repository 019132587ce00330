import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/guards';
import { readForm } from '$lib/forms';
import { codeMessage, failureStatus, refusalCodes, toFormErrors } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';
import { loadSeason } from '$lib/season/load.server';

// Swaps and hand-overs of booked season times (docs/rules.md, "Season application round", "Swaps"): an
// admin proposes, an admin of the other association consents or declines, staff approve when the season
// says so; both see the result here. Every write is a swap route; the hooks decide.

export interface SwapLine {
	id: string;
	association: string;
	association_name: string;
	activity_name: string;
	room_name: string;
	weekday: string;
	start: string;
	end: string;
	every: number;
	parity: number;
	/**
	 * Another association's line: the association's own lines a swap for it would be refused for, with the
	 * reason in the reader's words (an activity that would not fit the other room, or time given back to an
	 * association staff withdrew a season time from, as the proposal judges it). The hooks answer a code; the
	 * page words it here, so the browser loads no refusal's text (docs/performance.md, "Every other page").
	 */
	refused?: Record<string, string>;
}

/** The refusals a swap's options name, in the words the form shows beside a time it cannot take. */
const MISFIT: Record<string, () => string> = {
	season_swap_capacity: m.season_swap_misfit_capacity,
	season_swap_step_free: m.season_swap_misfit_step_free,
	season_swap_withdrawn: m.season_swap_misfit_withdrawn
};

/** A line's refusals, each code worded. */
function worded(line: SwapLine): SwapLine {
	if (!line.refused) return line;
	const refused: Record<string, string> = {};
	for (const [id, code] of Object.entries(line.refused)) {
		refused[id] = MISFIT[code]?.() ?? codeMessage(code);
	}
	return { ...line, refused };
}

export interface SwapRow {
	id: string;
	kind: 'swap' | 'handover';
	status: string;
	from_line: string;
	to_line: string;
	from_association: string;
	to_association: string;
	note: string;
	expand?: {
		from_association?: { name: string };
		to_association?: { name: string };
	};
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const season = await loadSeason(locals.pb, params.id);
	const memberships = await locals.pb.collection('memberships').getFullList<{
		role: string;
		expand?: { association?: { id: string; name: string } };
	}>({
		filter: locals.pb.filter('user = {:u} && status = "active"', { u: user.id }),
		expand: 'association'
	});
	const associations = memberships
		.filter((ms) => ms.expand?.association)
		.map((ms) => ({ ...ms.expand!.association!, role: ms.role }));
	const chosen = associations.find((a) => a.id === url.searchParams.get('forening')) ?? associations[0];
	let options: { mine: SwapLine[]; others: SwapLine[]; associations: { id: string; name: string }[] } = {
		mine: [],
		others: [],
		associations: []
	};
	// the hooks answer the options only to an admin of an association holding a booked weekly time; their
	// refusal is said where the association's times would be
	let optionsRefused: string | null = null;
	if (chosen?.role === 'admin') {
		try {
			options = await locals.pb.send(
				`/api/borgerhus/seasons/${encodeURIComponent(season.id)}/swap-options?association=${encodeURIComponent(chosen.id)}`,
				{ method: 'GET' }
			);
			options = { ...options, others: options.others.map(worded) };
		} catch (err) {
			if (refusalCodes(err).length === 0) throw err;
			const errors = toFormErrors(err);
			optionsRefused = errors.form ?? Object.values(errors.fields)[0] ?? null;
		}
	}
	const swaps = chosen
		? await locals.pb.collection('season_swaps').getFullList<SwapRow>({
				filter: locals.pb.filter('season = {:s} && (from_association = {:a} || to_association = {:a})', {
					s: season.id,
					a: chosen.id
				}),
				expand: 'from_association,to_association',
				sort: '-created'
			})
		: [];
	// a swap proposal chosen without JavaScript: the form sends its fields here to show what the time chosen
	// to give can take (the page's script does so on a change), and they are kept
	const draft = {
		from_line: url.searchParams.get('from_line') ?? '',
		to_line: url.searchParams.get('to_line') ?? '',
		note: url.searchParams.get('note') ?? ''
	};
	return { season, associations, chosen: chosen ?? null, options, optionsRefused, swaps, draft };
};

async function act(locals: App.Locals, request: Request, action: string) {
	const values = readForm(await request.formData());
	try {
		await locals.pb.send(
			`/api/borgerhus/season-swaps/${encodeURIComponent(String(values.id ?? ''))}/${action}`,
			{ method: 'POST', body: {} }
		);
	} catch (err) {
		return fail(failureStatus(err), { action: 'answer' as const, values, errors: toFormErrors(err) });
	}
	return { action: 'answer' as const, done: action };
}

export const actions: Actions = {
	propose: async ({ request, locals, url, params }) => {
		requireUser(locals, url);
		const values = readForm(await request.formData());
		const handover = values.kind === 'handover';
		try {
			await locals.pb.send(`/api/borgerhus/seasons/${encodeURIComponent(params.id)}/swaps`, {
				method: 'POST',
				body: {
					kind: handover ? 'handover' : 'swap',
					from_line: values.from_line ?? '',
					...(handover ? { to_association: values.to_association ?? '' } : { to_line: values.to_line ?? '' }),
					note: values.note ?? ''
				}
			});
		} catch (err) {
			return fail(failureStatus(err), { action: 'propose' as const, values, errors: toFormErrors(err) });
		}
		return { action: 'propose' as const, sent: true };
	},
	consent: async ({ request, locals, url }) => {
		requireUser(locals, url);
		return act(locals, request, 'consent');
	},
	decline: async ({ request, locals, url }) => {
		requireUser(locals, url);
		return act(locals, request, 'decline');
	},
	cancel: async ({ request, locals, url }) => {
		requireUser(locals, url);
		return act(locals, request, 'cancel');
	}
};
