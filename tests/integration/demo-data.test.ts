import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';
import { startStack } from '../../src/cli/stack.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from '../../src/lib/server/system/demo-data';
import { HOUSE_TIME_ZONE, houseParts, parsePbDate } from '../../src/lib/dates';
import { seasonOf } from '../../pb_hooks/lib/rooms/checkin.js';

// The demo data (`npm start`) laid out from the moment it is loaded: at 01:30 and at 13:00 house time, no
// event or booking of it starts at night, and every part that is about the moment still has its data
// (README.md, "Quick start"). Each load on a PocketBase of its own, as the demo is loaded once.

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const stop of stops) await stop();
});

/** Each series' first and last date are the house's dates of its first and last booking. */
async function expectSeriesSpanTheirDates(pb: PocketBase) {
	const day = (value: string) => {
		const p = houseParts(value);
		return `${p.year}-${String(p.month + 1).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
	};
	const series = await pb.collection('booking_series').getFullList({ fields: 'id,first_date,last_date' });
	expect(series.length).toBeGreaterThan(0);
	for (const one of series) {
		const dates = await pb
			.collection('bookings')
			.getFullList({ filter: pb.filter('series = {:id}', { id: one.id }), sort: 'start', fields: 'start' });
		expect(dates.length, one.id).toBeGreaterThan(0);
		expect([one.first_date.slice(0, 10), one.last_date.slice(0, 10)], one.id).toEqual([
			day(dates[0]!.start),
			day(dates[dates.length - 1]!.start)
		]);
	}
}

async function loadAt(now: Date): Promise<PocketBase> {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-demo-'));
	const stack = await startStack({
		dataDir: join(dir, 'pb_data'),
		mailDir: join(dir, 'mail'),
		quiet: true,
		seed: false,
		log: () => undefined
	});
	stops.push(async () => {
		await stack.stop();
		rmSync(dir, { recursive: true, force: true });
	});
	const pb = new PocketBase(stack.pbUrl);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
	await loadDemoData(pb, { now });
	return pb;
}

/** The next house day (tomorrow in Copenhagen) at hh:mm: ahead of the real clock, as the routes ask it. */
function tomorrowAt(hours: number, minutes: number): Date {
	const day = set(addDays(new TZDate(Date.now(), HOUSE_TIME_ZONE), 1), {
		hours,
		minutes,
		seconds: 0,
		milliseconds: 0
	});
	return new Date(day.getTime());
}

const at = (value: string) => parsePbDate(value).getTime();
const nightly = (value: string) => houseParts(value).hour < 6;

async function demoOf(pb: PocketBase) {
	const [events, bookings, users, holds, seasons, objections, loans, rooms] = await Promise.all([
		pb.collection('events').getFullList({ fields: 'title,start,end' }),
		pb.collection('bookings').getFullList({
			fields: 'purpose,start,end,status,booker,checked_in_at,expand.room.slug',
			expand: 'room'
		}),
		pb.collection('users').getFullList({ fields: 'id,email' }),
		pb.collection('holds').getFullList({ fields: 'status,pickup_deadline' }),
		pb.collection('seasons').getFullList({ fields: 'id,status,apply_until,objection_until' }),
		pb.collection('season_objections').getFullList({ fields: 'status' }),
		pb
			.collection('loans')
			.getFullList({ fields: 'returned_at,lost,patron,expand.copy.status', expand: 'copy' }),
		pb.collection('rooms').getFullList({ fields: 'slug,active' })
	]);
	const citizen = users.find((u) => u.email === 'borger@demo.borgerhus.dk')!.id;
	return { events, bookings, citizen, holds, seasons, objections, loans, rooms };
}

describe('the demo data', () => {
	it('loaded at 01:30 starts nothing at night, and has the morning’s check-in and the afternoon’s meeting', async () => {
		const now = tomorrowAt(1, 30);
		const pb = await loadAt(now);
		const demo = await demoOf(pb);
		const atNight = [...demo.events, ...demo.bookings].filter((x) => nightly(x.start));
		expect(atNight.map((x) => `${'title' in x ? x.title : x.purpose} ${x.start}`)).toEqual([]);

		// check-in: the citizen's meeting is the morning's first hour, not one at 01:35
		const checkin = demo.bookings.find((b) => b.purpose === 'Møde i læsegruppen');
		expect(checkin?.booker).toBe(demo.citizen);
		expect(houseParts(checkin!.start)).toMatchObject({ day: houseParts(now).day, hour: 9, minute: 0 });
		// the checked-in meeting ended in the afternoon before, not under way in the night
		const meeting = demo.bookings.find((b) => b.purpose === 'Holdmøde' && b.checked_in_at);
		expect(at(meeting!.end)).toBeLessThan(now.getTime());
		expect(houseParts(meeting!.start).hour).toBe(13);
		// the lobby screen's day: two events and the rooms' bookings later today, in the daytime
		const today = demo.events.filter(
			(e) => at(e.start) > now.getTime() && at(e.start) < now.getTime() + 24 * 3600_000
		);
		expect(today.map((e) => houseParts(e.start).hour).sort()).toEqual([10, 13]);
		// no meeting of this morning is over yet: the no-show released is the morning's before
		await expectReleasedNoShow(pb, now, -1);

		expectEveryFeature(demo, now);
	}, 240_000);

	it('loaded at 13:00 has a check-in open and a meeting under way now', async () => {
		const now = tomorrowAt(13, 0);
		const pb = await loadAt(now);
		const demo = await demoOf(pb);
		const atNight = [...demo.events, ...demo.bookings].filter((x) => nightly(x.start));
		expect(atNight.map((x) => `${'title' in x ? x.title : x.purpose} ${x.start}`)).toEqual([]);

		const checkin = demo.bookings.find((b) => b.purpose === 'Møde i læsegruppen');
		expect(at(checkin!.start) - now.getTime()).toBe(5 * 60_000);
		const meeting = demo.bookings.find((b) => b.purpose === 'Holdmøde' && b.checked_in_at);
		expect(at(meeting!.start)).toBeLessThan(now.getTime());
		expect(at(meeting!.end)).toBeGreaterThan(now.getTime());
		// the lobby screen: from this hour on
		const screen = demo.events.filter((e) =>
			['Strikkecafé i Musiklokalet', 'Fællessang i Salen'].includes(e.title)
		);
		expect(screen.map((e) => houseParts(e.start).hour).sort()).toEqual([13, 16]);
		// the team's meeting on the screen has begun and was checked in: the release job leaves it there
		const team = demo.bookings.find((b) => b.purpose === 'Holdmøde for U12');
		expect([team?.status, team?.start, team?.checked_in_at]).toEqual(['approved', team?.start, team?.start]);
		// this morning's meeting nobody came to, released as a no-show today
		await expectReleasedNoShow(pb, now, 0);

		expectEveryFeature(demo, now);
		await expectLivedInboxes(pb);
		await expectSeriesSpanTheirDates(pb);
	}, 240_000);

	it('loaded in the evening leaves no booking begun without its check-in, so the release job frees none of it', async () => {
		const now = tomorrowAt(18, 40);
		const pb = await loadAt(now);
		const begun = await pb.collection('bookings').getFullList({
			filter: pb.filter("status = 'approved' && room.checkin_required = true && start <= {:now}", { now }),
			fields: 'purpose,start,checked_in_at'
		});
		expect(begun.filter((b) => !b.checked_in_at).map((b) => `${b.purpose} ${b.start}`)).toEqual([]);
		// the reading group on the lobby screen's day has begun: it came
		expect(begun.map((b) => b.purpose)).toContain('Læsegruppe om Karen Blixen');
	}, 240_000);

	it('loaded now dates its messages to what they are about: history, newest first, the recent unread', async () => {
		const pb = await loadAt(new Date());
		const now = Date.now();
		const users = await pb.collection('users').getFullList({ fields: 'id,email' });
		const citizen = users.find((u) => u.email === DEMO_ACCOUNTS.citizen.email)!.id;
		const notices = await pb.collection('notifications').getFullList({ sort: '-created,-id' });
		const mine = notices.filter((n) => n.user === citizen);
		expect(mine.length).toBeGreaterThanOrEqual(5);
		// not all of one moment, and none after now
		expect(new Set(mine.map((n) => n.created.slice(0, 16))).size).toBeGreaterThan(1);
		expect(notices.filter((n) => at(n.created) > now).map((n) => `${n.kind} ${n.created}`)).toEqual([]);
		// the inbox, newest first: the recent ones unread, the older ones read after they came
		const read = mine.filter((n) => n.read_at);
		const unread = mine.filter((n) => !n.read_at);
		expect(read.length).toBeGreaterThan(0);
		expect(unread.length).toBeGreaterThan(0);
		expect(Math.min(...unread.map((n) => at(n.created)))).toBeGreaterThan(
			Math.max(...read.map((n) => at(n.created)))
		);
		for (const n of read) expect(at(n.read_at)).toBeGreaterThan(at(n.created));

		// each as it fits: a booking confirmed or cancelled before it begins, a no-show told from its release on,
		// a desk act's message at the desk's audit line of it, a season's plan before the season ends
		const bookings = await pb.collection('bookings').getFullList({ fields: 'id,start,released_at' });
		const audit = await pb.collection('audit_log').getFullList({
			filter: 'action ~ "desk_"',
			fields: 'action,created,details'
		});
		const seasons = await pb.collection('seasons').getFullList({ fields: 'id,last_date' });
		const unfit: string[] = [];
		for (const n of notices) {
			const booking = bookings.find((b) => b.id === String(n.dedupe_key).replace(/^booking-[a-z_]+-/, ''));
			const season = seasons.find((s) => String(n.dedupe_key).split(':')[1] === s.id);
			const fits =
				n.kind === 'booking_no_show'
					? at(n.created) >= at(booking?.released_at ?? '')
					: ['booking_received', 'booking_cancelled'].includes(n.kind)
						? at(n.created) < at(booking?.start ?? '')
						: n.kind.startsWith('desk_')
							? audit.some(
									(a) =>
										a.action === n.kind &&
										a.details.on_behalf_of === n.user &&
										a.created.slice(0, 16) === n.created.slice(0, 16)
								)
							: n.kind.startsWith('season_')
								? at(n.created) < at(season?.last_date ?? '')
								: true;
			if (!fits) unfit.push(`${n.kind} ${n.dedupe_key} ${n.created}`);
		}
		expect(unfit).toEqual([]);
		// the staff log: no line after now, and each season's steps in the order they were taken
		const log = await pb.collection('audit_log').getFullList({ sort: 'created,id' });
		expect(log.filter((a) => at(a.created) > now).map((a) => a.action)).toEqual([]);
		const steps = [
			'created',
			'open',
			'close',
			'draft_run',
			'conflict_settled',
			'publish_draft',
			'publish_final'
		];
		for (const season of seasons) {
			const taken = log
				.filter((a) => a.target_id === season.id && steps.includes(a.action.replace('season_', '')))
				.map((a) => a.action.replace('season_', ''));
			expect(taken).toEqual([...taken].sort((a, b) => steps.indexOf(a) - steps.indexOf(b)));
		}
		expect(new Set(log.map((a) => a.created.slice(0, 10))).size).toBeGreaterThan(2);
		// the house's own stamps of the rows the calendar feed and the jobs read are left as they were made
		const fresh = bookings.length > 0 && (await pb.collection('bookings').getFullList({ fields: 'created' }));
		expect(fresh && fresh.every((b) => at(b.created) > now - 3600_000)).toBe(true);
	}, 240_000);
});

/**
 * The inboxes hold what the demo's people lived: the past events were made ahead and moved back, and that
 * move is no news to anyone; the pickup the volunteer gave up was ready first, and that message is read.
 */
async function expectLivedInboxes(pb: PocketBase) {
	const notices = await pb.collection('notifications').getFullList({
		fields: 'kind,link,read_at,expand.user.email',
		expand: 'user'
	});
	const past = await pb.collection('events').getFullList({
		filter: pb.filter('end < {:now}', { now: new Date().toISOString().replace('T', ' ') }),
		fields: 'id'
	});
	expect(past.length).toBeGreaterThanOrEqual(3);
	const moved = notices.filter(
		(n) =>
			['events_moved', 'events_shift_moved'].includes(n.kind) &&
			past.some((e) => n.link === `/arrangementer/${e.id}`)
	);
	expect(moved).toEqual([]);
	const ready = notices.filter(
		(n) => n.kind === 'hold_ready' && n.expand?.user?.email === DEMO_ACCOUNTS.volunteer.email
	);
	// one pickup waiting on the shelf and one given up: only the waiting one is unread
	expect(ready.map((n) => Boolean(n.read_at)).sort()).toEqual([false, true]);
}

/** What the demo shows whatever the hour: past events, no-shows, a pickup due, a season round under way. */
function expectEveryFeature(demo: Awaited<ReturnType<typeof demoOf>>, now: Date) {
	expect(demo.events.filter((e) => at(e.end) < now.getTime()).length).toBeGreaterThanOrEqual(3);
	expect(demo.events.filter((e) => at(e.start) > now.getTime()).length).toBeGreaterThanOrEqual(5);
	expect(demo.bookings.filter((b) => b.status === 'no_show').length).toBeGreaterThanOrEqual(5);
	// a house in use: the last 30 days hold the rooms' everyday bookings, in at least four rooms
	const month = demo.bookings.filter(
		(b) =>
			b.status === 'approved' && at(b.end) < now.getTime() && at(b.start) > now.getTime() - 30 * 86_400_000
	);
	expect(month.length).toBeGreaterThanOrEqual(30);
	expect(new Set(month.map((b) => b.expand?.room?.slug)).size).toBeGreaterThanOrEqual(4);
	expect(demo.holds.some((h) => h.status === 'ready' && h.pickup_deadline)).toBe(true);
	// a room just made, waiting for staff to take it into use, beside the rooms in use
	expect(demo.rooms.filter((r) => !r.active).map((r) => r.slug)).toEqual(['atelieret']);
	expect(demo.rooms.filter((r) => r.active).length).toBeGreaterThanOrEqual(5);
	expect(demo.seasons.map((s) => s.status).sort()).toEqual(['draft_published', 'final', 'leftovers', 'open']);
	expect(demo.objections.map((o) => o.status)).toEqual(['open']);
	// a loan the citizen lost: ended, written off, its copy missing
	const lost = demo.loans.filter((l) => l.lost);
	expect(lost.map((l) => [l.patron, Boolean(l.returned_at), l.expand?.copy?.status])).toEqual([
		[demo.citizen, true, 'missing']
	]);
	// the deadlines the associations read are at a daytime hour too
	const open = demo.seasons.find((s) => s.status === 'open')!;
	const draft = demo.seasons.find((s) => s.status === 'draft_published')!;
	expect(houseParts(open.apply_until).hour).toBe(12);
	expect(houseParts(draft.objection_until).hour).toBe(12);
}

/**
 * An association's meeting at 08:00 on the house day `days` from `now` that nobody checked in to, released
 * by the release job at the end of its grace period, as the job marks one: the booker is told, and staff's
 * no-show report (the staff rooms page) counts it for the association.
 */
async function expectReleasedNoShow(pb: PocketBase, now: Date, days: number) {
	const noShow = await pb
		.collection('bookings')
		.getFirstListItem(pb.filter('purpose = {:p}', { p: 'Arbejdsgruppe om vejfest' }), {
			expand: 'association,room'
		});
	expect(noShow).toMatchObject({ status: 'no_show', checked_in_at: '' });
	expect(noShow.expand?.association?.name).toBe('Grundejerforeningen Søhøj');
	expect(noShow.expand?.room?.slug).toBe('moedelokale-1');
	const day = houseParts(now.getTime() + days * 24 * 3600_000).day;
	expect(houseParts(noShow.start)).toMatchObject({ day, hour: 8, minute: 0 });
	expect(at(noShow.end)).toBeLessThanOrEqual(now.getTime());
	expect(at(noShow.released_at)).toBe(at(noShow.start) + 15 * 60_000);
	const notices = await pb.collection('notifications').getFullList({
		filter: pb.filter('kind = "booking_no_show" && dedupe_key = {:key}', {
			key: `booking-no_show-${noShow.id}`
		})
	});
	expect(notices.map((n) => n.user)).toEqual([noShow.booker]);

	const staff = new PocketBase(pb.baseURL);
	staff.autoCancellation(false);
	await staff.collection('users').authWithPassword(DEMO_ACCOUNTS.staff.email, DEMO_PASSWORD);
	const report = await staff.send<{
		seasons: { label: string; associations: { id: string; count: number }[] }[];
	}>('/api/borgerhus/rooms/no-shows', {});
	const season = seasonOf(at(noShow.start));
	const counted = await pb.collection('bookings').getFullList({
		filter: pb.filter('status = "no_show" && association = {:a} && start >= {:from} && start < {:to}', {
			a: noShow.association,
			from: new Date(season.from).toISOString().replace('T', ' '),
			to: new Date(season.to).toISOString().replace('T', ' ')
		}),
		fields: 'id'
	});
	expect(counted.map((b) => b.id)).toContain(noShow.id);
	const row = report.seasons
		.find((s) => s.label === season.label)
		?.associations.find((a) => a.id === noShow.association);
	expect(row?.count).toBe(counted.length);
}
