import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { parsePbDate, toPbDate } from '../../dates';
import type { DemoClock } from './demo-clock';

// The demo's history read as history (README.md, "Quick start"). The demo is made by real writes while it
// loads, so every message and audit line it leaves carries that moment. This step, run once after them,
// dates each to what it is about, by the table in `momentOf` below:
//
//   the citizen's visit at the desk (bookings, a hold)    3 days ago from 11:05, a minute per act
//   a desk account made and served at the desk             2 days ago from 10:30
//   a booking cancelled (at the desk, by phone)            yesterday at 14:20
//   an association's own cancellations                     2 days ago from 09:30
//   a no-show and the house rule's warning                 when the job released the booking
//   a copy put on the pickup shelf                         this morning at 09:30 (at night: yesterday 15:30)
//   a pickup the patron gave up                            4 days ago at 15:30
//   a past season's draft and final plan                   5 and 3 weeks before the season began
//   a season booked (final plan, its bookings)             3 days ago at 10:00
//   a season's draft open for objections                   yesterday at 10:00
//   a season's steps in the staff log                      set up 3 weeks before its draft, ... (seasonStep)
//   anything else                                          yesterday at 12:00
//
// Messages older than two days were read two hours after they came; the newer stay unread. Only messages
// and audit lines get dates (pb_hooks/system-dates.pb.js): bookings, holds and the rows the calendar feed,
// the queue and the jobs read keep their own stamps, and no time is after the real clock.

// a season's steps in the staff log, in their order, as minutes before (or after) its draft or final plan
const SEASON_STEPS = [
	'season_created',
	'season_open',
	'season_close',
	'season_draft_run',
	'season_conflict_settled',
	'season_publish_draft',
	'season_publish_final',
	'season_release'
];

type Row = { collection: 'notifications' | 'audit_log'; id: string; at: string };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Dates the demo's messages and audit lines; answers how many rows it dated. */
export async function dateDemoHistory(
	pb: PocketBase,
	users: { citizen: string },
	clock: DemoClock
): Promise<number> {
	const { houseTime } = clock;
	const realNow = Date.now();
	const ms = (value: string) => parsePbDate(value).getTime();
	const [notices, lines, seasons] = await Promise.all([
		pb.collection('notifications').getFullList({ sort: 'created,id' }),
		pb.collection('audit_log').getFullList({
			filter: 'action ~ "desk_" || action = "library_checkin" || action ~ "season_"',
			sort: 'created,id'
		}),
		pb.collection('seasons').getFullList({ fields: 'id,status,first_date' })
	]);
	const audit = lines.filter((l) => !l.action.startsWith('season_') || SEASON_STEPS.includes(l.action));
	const bookings = new Map<string, RecordModel>();
	const booking = async (id: string) => {
		if (!bookings.has(id)) {
			const found = await pb
				.collection('bookings')
				.getOne(id, { fields: 'id,status,released_at,cancelled_by' })
				.catch(() => null);
			if (found) bookings.set(id, found);
		}
		return bookings.get(id);
	};

	// acts at the desk, in the order they were made, per citizen served: a minute apart from the visit
	const deskVisits = new Map<string, number>();
	const deskStep = new Map<string, number>();
	const deskMoment = (citizen: string, cancelling: boolean) => {
		if (cancelling) return ms(houseTime(-1, 14, 20));
		if (!deskVisits.has(citizen))
			deskVisits.set(citizen, ms(citizen === users.citizen ? houseTime(-3, 11, 5) : houseTime(-2, 10, 30)));
		const step = deskStep.get(citizen) ?? 0;
		deskStep.set(citizen, step + 1);
		return deskVisits.get(citizen)! + step * 2 * MINUTE;
	};
	const byTarget = new Map<string, number>();
	const auditAt = new Map<string, number>();
	for (const entry of audit) {
		const details = (entry.details ?? {}) as Record<string, string>;
		let at: number;
		if (entry.action === 'library_checkin') {
			at = pickupMoment(details.hold ?? '');
		} else if (SEASON_STEPS.includes(entry.action)) {
			at = seasonStep(entry.action, entry.target_id);
		} else {
			const citizen = details.on_behalf_of ?? '';
			at = deskMoment(citizen, entry.action === 'desk_update' && details.to === 'cancelled');
		}
		auditAt.set(entry.id, at);
		byTarget.set(`${entry.action}:${entry.target_id}`, at);
	}

	function pickupMoment(hold: string): number {
		// the pickup the volunteer gave up: the message was read before the hold ended
		const givenUp = notices.some((n) => n.kind === 'hold_ready' && n.read_at && n.dedupe_key.includes(hold));
		if (givenUp) return ms(houseTime(-4, 15, 30));
		const morning = ms(houseTime(0, 9, 30));
		return morning <= realNow - 10 * MINUTE ? morning : ms(houseTime(-1, 15, 30));
	}

	function seasonMoment(id: string, step: 'draft' | 'final' | 'booked'): number {
		const season = seasons.find((s) => s.id === id);
		const first = season ? ms(season.first_date) : realNow;
		if (first < clock.now.getTime() - 30 * DAY) {
			const start = first - (step === 'draft' ? 35 : 21) * DAY;
			return start + 10 * 60 * MINUTE - (start % DAY) + (step === 'booked' ? 5 * MINUTE : 0);
		}
		if (season?.status === 'draft_published') return ms(houseTime(-1, 10));
		return ms(houseTime(step === 'draft' ? -4 : -3, 10, step === 'booked' ? 5 : 0));
	}

	// set up three weeks before its draft (an open round: yesterday morning), closed the day before it,
	// the draft run and its tie settled that morning, the leftovers released an hour after the final plan
	function seasonStep(action: string, id: string): number {
		const season = seasons.find((s) => s.id === id);
		if (season?.status === 'open') return ms(houseTime(-1, 9, action === 'season_open' ? 1 : 0));
		const draft = seasonMoment(id, 'draft');
		const minutes: Record<string, number> = {
			season_created: -21 * 24 * 60,
			season_open: -21 * 24 * 60 + 1,
			season_close: -24 * 60,
			season_draft_run: -30,
			season_conflict_settled: -10
		};
		if (action in minutes) return draft + minutes[action]! * MINUTE;
		if (action === 'season_publish_draft') return draft;
		return seasonMoment(id, 'final') + (action === 'season_release' ? 60 * MINUTE : 0);
	}

	// the desk's messages go with their audit line: the k-th of a kind for a citizen with the k-th line
	const deskLines = new Map<string, number[]>();
	for (const entry of audit) {
		if (!entry.action.startsWith('desk_') || entry.action === 'desk_account_create') continue;
		const key = `${entry.action}:${(entry.details as Record<string, string>)?.on_behalf_of ?? ''}`;
		deskLines.set(key, [...(deskLines.get(key) ?? []), auditAt.get(entry.id)!]);
	}
	const ownCancels = { count: 0 };

	const momentOf = async (notice: RecordModel): Promise<number> => {
		const key = String(notice.dedupe_key ?? '');
		const target = key.replace(/^booking-[a-z_]+-/, '');
		switch (notice.kind) {
			case 'desk_create':
			case 'desk_update': {
				const lines = deskLines.get(`${notice.kind}:${notice.user}`) ?? [];
				const at = lines.shift();
				if (at !== undefined) return at;
				break;
			}
			case 'booking_received': {
				const at = byTarget.get(`desk_create:${target}`);
				if (at !== undefined) return at;
				break;
			}
			case 'booking_cancelled': {
				const at = byTarget.get(`desk_update:${target}`);
				if (at !== undefined) return at;
				return ms(houseTime(-2, 9, 30 + ownCancels.count++));
			}
			case 'booking_no_show':
			case 'noshow_threshold': {
				// the warning comes with the release that passed the rule: the latest released booking's
				const released = notices
					.filter((n) => n.kind === 'booking_no_show' && n.user === notice.user)
					.map((n) => String(n.dedupe_key).replace(/^booking-[a-z_]+-/, ''));
				const id = notice.kind === 'booking_no_show' ? target : released[released.length - 1];
				const b = id ? await booking(id) : undefined;
				if (b?.released_at) return ms(b.released_at);
				break;
			}
			case 'hold_ready':
				return pickupMoment(key.split(':')[1] ?? '');
			case 'season_draft_published':
				return seasonMoment(key.split(':')[1] ?? '', 'draft');
			case 'season_final':
				return seasonMoment(key.split(':')[1] ?? '', 'final');
			case 'season_booked':
				return seasonMoment(key.split(':')[1] ?? '', 'booked');
		}
		return ms(houseTime(-1, 12));
	};

	// one clock for all: nothing after the real one (a demo laid out from a later moment keeps the present)
	const stamp = (at: number) => toPbDate(new Date(Math.min(at, realNow - MINUTE)));
	const rows: Row[] = audit.map((entry) => ({
		collection: 'audit_log',
		id: entry.id,
		at: stamp(auditAt.get(entry.id)!)
	}));
	const reads: { id: string; read_at: string }[] = [];
	for (const notice of notices) {
		const at = await momentOf(notice);
		rows.push({ collection: 'notifications', id: notice.id, at: stamp(at) });
		const old = at < realNow - 2 * DAY;
		if (old || notice.read_at) reads.push({ id: notice.id, read_at: stamp(at + 2 * 60 * MINUTE) });
	}
	for (const read of reads) await pb.collection('notifications').update(read.id, { read_at: read.read_at });
	let dated = 0;
	for (let i = 0; i < rows.length; i += 500) {
		const answer = await pb.send<{ updated: number }>('/api/borgerhus/system/dates', {
			method: 'POST',
			body: { rows: rows.slice(i, i + 500) }
		});
		dated += answer.updated;
	}
	return dated;
}
