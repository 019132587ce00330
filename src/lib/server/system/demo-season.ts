import type PocketBase from 'pocketbase';
import { TZDate } from '@date-fns/tz';
import { addDays, format, set, startOfWeek } from 'date-fns';
import { HOUSE_TIME_ZONE } from '../../dates';

// A season round under way for the demo (docs/rules.md, "Season application round"): last season's final
// plan (for "copy last season" and the history tie-breaker), this season's draft published after staff
// settled a tie, with an objection waiting for an answer, and next season open for applications. Written
// through the season routes as the demo staff member and the demo association admin, so every rule runs.

const day = (date: Date) => format(date, 'yyyy-MM-dd');
/** A season's years as associations say them: "2026" within one year, "2026/27" across two. */
const span = (from: Date, to: Date) =>
	format(from, 'yyyy') === format(to, 'yyyy')
		? format(from, 'yyyy')
		: `${format(from, 'yyyy')}/${format(to, 'yy')}`;

async function as(pb: PocketBase, userId: string): Promise<PocketBase> {
	const client = await pb.collection('users').impersonate(userId, 3600);
	client.baseURL = pb.baseURL;
	client.autoCancellation(false);
	return client;
}

const post = (pb: PocketBase, path: string, body: Record<string, unknown> = {}) =>
	pb.send<{ id: string }>(path, { method: 'POST', body });

/**
 * Loads the demo round unless a season exists. Answers how many seasons it made. The seasons' dates are
 * laid out from `now`; the application windows lie around the real clock, which the season routes ask.
 */
export async function loadDemoSeason(
	pb: PocketBase,
	users: { staff: string; associationAdmin: string },
	roomIds: Record<string, string>,
	at: Date = new Date()
): Promise<number> {
	const existing = await pb.collection('seasons').getList(1, 1, { fields: 'id' });
	if (existing.totalItems > 0) return 0;
	const clubs = await pb.collection('associations').getFullList<{ id: string; name: string }>({
		filter: 'name = "Nørreby Boldklub" || name = "Koret Tonefald" || name = "Grundejerforeningen Søhøj"',
		fields: 'id,name'
	});
	const club = (name: string) => clubs.find((c) => c.name === name)?.id ?? '';
	const [boldklub, kor, soehoej] = [
		club('Nørreby Boldklub'),
		club('Koret Tonefald'),
		club('Grundejerforeningen Søhøj')
	];
	if (!boldklub || !kor || !soehoej || !roomIds['moedelokale-1'] || !roomIds.musiklokalet || !roomIds.salen)
		return 0;
	const staff = await as(pb, users.staff);
	const admin = await as(pb, users.associationAdmin);
	const slots = [
		{ room: roomIds['moedelokale-1'], weekday: 'mon', start: '17:00', end: '19:00' },
		{ room: roomIds['moedelokale-1'], weekday: 'wed', start: '19:00', end: '21:00' },
		{ room: roomIds.musiklokalet, weekday: 'tue', start: '19:00', end: '21:00' },
		{ room: roomIds.salen, weekday: 'thu', start: '18:00', end: '20:00' }
	];
	const id = (slot: (typeof slots)[number]) => `${slot.room}-${slot.weekday}-${slot.start.replace(':', '')}`;
	const [mon, wed, tue, thu] = slots.map(id) as [string, string, string, string];
	const now = new TZDate(at.getTime(), HOUSE_TIME_ZONE);
	const hour = 3600_000;
	/** A deadline `days` ahead at noon, house time: one the associations read, never at 02:00. */
	const noonIn = (days: number) =>
		new Date(
			set(addDays(now, days), { hours: 12, minutes: 0, seconds: 0, milliseconds: 0 }).getTime()
		).toISOString();
	const windowNow = {
		apply_from: new Date(Date.now() - hour).toISOString(),
		apply_until: new Date(Date.now() + hour).toISOString()
	};
	const base = {
		slots,
		tiers: ['children', 'education', 'adults'],
		tie_breakers: ['history', 'participants_per_hour'],
		local_criteria: [
			{
				key: 'local_members',
				da: 'Flest medlemmer bor i kommunen',
				en: 'Most members live in the municipality'
			}
		],
		leftovers: 'fcfs'
	};
	const apps = (season: string) => [
		{
			association: boldklub,
			declared_child_certificates: true,
			local_criteria: ['local_members'],
			activities: [
				{
					name: 'U10 holdmøde',
					age_group: 'children',
					participants: 12,
					flexibility: 'time',
					wishes: [{ slot: mon, every: 1 }]
				},
				{
					name: 'Trænerudvalg',
					age_group: 'adults',
					adult_kind: 'other',
					participants: 8,
					wishes: [{ slot: wed, every: 2 }]
				}
			],
			season
		},
		{
			association: kor,
			activities: [
				{
					name: 'Korprøve',
					age_group: 'adults',
					adult_kind: 'other',
					participants: 30,
					flexibility: 'room',
					wishes: [
						{ slot: tue, every: 1 },
						{ slot: thu, every: 1 }
					]
				}
			],
			season
		},
		{
			association: soehoej,
			activities: [
				{
					name: 'Bestyrelsesmøde',
					age_group: 'adults',
					adult_kind: 'other',
					participants: 30,
					flexibility: 'none',
					wishes: [{ slot: tue, every: 1 }]
				}
			],
			season
		}
	];
	const applyAll = async (season: string) => {
		for (const { season: s, ...body } of apps(season)) {
			await post(admin, `/api/borgerhus/seasons/${s}/apply`, { declared_section4: true, ...body });
		}
	};
	const to = (season: string, state: string) =>
		post(staff, `/api/borgerhus/seasons/${season}/status`, { to: state });

	// last season: ended ten days ago, final plan published
	const lastEnd = addDays(now, -10);
	const last = await post(staff, '/api/borgerhus/seasons', {
		...base,
		name: `Sæson ${span(addDays(lastEnd, -280), lastEnd)}`,
		first_date: day(addDays(lastEnd, -280)),
		last_date: day(lastEnd),
		...windowNow
	});
	await to(last.id, 'open');
	await applyAll(last.id);
	await to(last.id, 'closed');
	await post(staff, `/api/borgerhus/seasons/${last.id}/draft`);
	await settleAll(pb, staff, last.id, kor);
	await to(last.id, 'draft_published');
	await to(last.id, 'final');

	// this season: starts in three weeks; draft published, one objection open
	const start = startOfWeek(addDays(now, 21), { weekStartsOn: 1 });
	const current = await post(staff, '/api/borgerhus/seasons', {
		...base,
		name: `Sæson ${span(start, addDays(start, 34 * 7 - 1))}`,
		first_date: day(start),
		last_date: day(addDays(start, 34 * 7 - 1)),
		blackout_dates: [
			day(addDays(start, 7 * 8)),
			day(addDays(start, 7 * 8 + 1)),
			day(addDays(start, 7 * 8 + 2))
		],
		previous: last.id,
		...windowNow,
		objection_until: noonIn(14)
	});
	await to(current.id, 'open');
	await applyAll(current.id);
	await to(current.id, 'closed');
	await post(staff, `/api/borgerhus/seasons/${current.id}/draft`);
	await settleAll(pb, staff, current.id, kor);
	await to(current.id, 'draft_published');
	const lost = await pb
		.collection('season_lines')
		.getFirstListItem(pb.filter('season = {:s} && association = {:a}', { s: current.id, a: soehoej }));
	await post(admin, `/api/borgerhus/seasons/${current.id}/objections`, {
		association: soehoej,
		line: lost.id,
		text: 'Vi har haft tirsdag aften i mange år. Kan vi få en anden aften i stedet?'
	});

	// next season: open for applications for a month, "copy last season" fills the form
	const next = addDays(start, 34 * 7);
	const upcoming = await post(staff, '/api/borgerhus/seasons', {
		...base,
		name: `Sæson ${span(next, addDays(next, 16 * 7 - 1))}`,
		first_date: day(next),
		last_date: day(addDays(next, 16 * 7 - 1)),
		previous: last.id,
		apply_from: new Date(Date.now() - hour).toISOString(),
		apply_until: noonIn(30)
	});
	await to(upcoming.id, 'open');

	// an autumn course season under way in the workshop, past its final plan: leftovers first come, first
	// served, two single dates freed by the club's cancellations, and a swap waiting for the choir's answer
	let made = 3;
	if (roomIds.vaerkstedet)
		made += await loadDemoLeftovers(
			pb,
			staff,
			admin,
			roomIds.vaerkstedet,
			{
				boldklub,
				kor
			},
			at
		);
	return made;
}

async function loadDemoLeftovers(
	pb: PocketBase,
	staff: PocketBase,
	admin: PocketBase,
	room: string,
	clubs: { boldklub: string; kor: string },
	at: Date
): Promise<number> {
	const hour = 3600_000;
	const now = new TZDate(at.getTime(), HOUSE_TIME_ZONE);
	const first = addDays(now, 1);
	const slots = ['mon', 'tue', 'wed', 'thu'].map((weekday) => ({
		room,
		weekday,
		start: '18:00',
		end: '20:00'
	}));
	const slotOf = (weekday: string) => `${room}-${weekday}-1800`;
	const season = await post(staff, '/api/borgerhus/seasons', {
		name: `Værkstedshold ${span(first, addDays(first, 12 * 7))}`,
		first_date: day(first),
		last_date: day(addDays(first, 12 * 7)),
		slots,
		tiers: ['children', 'education', 'adults'],
		tie_breakers: ['participants_per_hour'],
		leftovers: 'fcfs',
		apply_from: new Date(Date.now() - hour).toISOString(),
		apply_until: new Date(Date.now() + hour).toISOString()
	});
	const to = (state: string) => post(staff, `/api/borgerhus/seasons/${season.id}/status`, { to: state });
	await to('open');
	const wish = (association: string, name: string, weekday: string) =>
		post(admin, `/api/borgerhus/seasons/${season.id}/apply`, {
			association,
			declared_section4: true,
			activities: [
				{
					name,
					age_group: 'adults',
					adult_kind: 'other',
					participants: 8,
					wishes: [{ slot: slotOf(weekday), every: 1 }]
				}
			]
		});
	await wish(clubs.boldklub, 'Materialeværksted', 'mon');
	await wish(clubs.kor, 'Nodeværksted', 'tue');
	await to('closed');
	await post(staff, `/api/borgerhus/seasons/${season.id}/draft`);
	await to('draft_published');
	await to('final');
	await to('leftovers');
	const lines = await pb.collection('season_lines').getFullList({
		filter: pb.filter('season = {:s} && status = "allocated"', { s: season.id })
	});
	const mine = lines.find((l) => l.association === clubs.boldklub);
	const theirs = lines.find((l) => l.association === clubs.kor);
	if (mine?.series) {
		const dates = await pb.collection('bookings').getFullList({
			filter: pb.filter('series = {:s}', { s: mine.series }),
			sort: 'start',
			fields: 'id'
		});
		for (const b of [dates[3], dates[5]]) {
			if (b) await admin.collection('bookings').update(b.id, { status: 'cancelled' });
		}
	}
	if (mine && theirs) {
		await post(admin, `/api/borgerhus/seasons/${season.id}/swaps`, {
			kind: 'swap',
			from_line: mine.id,
			to_line: theirs.id,
			note: 'Vi vil hellere have tirsdag, så vi kan bruge værkstedet efter træning.'
		});
	}
	return 1;
}

/** Staff settle each flagged tie in favour of `preferred` (or the first flagged activity of the slot). */
async function settleAll(pb: PocketBase, staff: PocketBase, season: string, preferred: string) {
	for (let guard = 0; guard < 10; guard++) {
		const flagged = await pb.collection('season_lines').getFullList({
			filter: pb.filter('season = {:s} && status = "flagged"', { s: season }),
			sort: 'slot,activity'
		});
		const first = flagged.find((l) => l.association === preferred) ?? flagged[0];
		if (!first) return;
		await post(staff, `/api/borgerhus/seasons/${season}/settle`, {
			slot: first.slot,
			winner: first.activity
		});
	}
}
