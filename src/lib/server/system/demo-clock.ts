import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';
import { HOUSE_TIME_ZONE, toPbDate } from '../../dates';

// When the demo's dates fall (README.md, "Quick start"). Most of the demo lies on whole days from the
// house day it is loaded on, at daytime hours of its own. A few parts are about the moment itself (a
// booking whose check-in is open, a meeting under way, a no-show released earlier today, today's lobby
// screen); those follow the clock only while the house is open, so a demo loaded at night shows what the
// house really has then: a meeting that ended in the afternoon, a no-show of the morning before, check-in
// the next morning, the screen's day ahead; never an event at 02:00.

const MINUTE = 60_000;

/** The demo's times, as seen from `now`. */
export interface DemoClock {
	/** The moment the demo is loaded at. */
	now: Date;
	/** Copenhagen wall-clock time `days` from the house day of `now` at hh:mm, as a PocketBase date. */
	houseTime(days: number, hours: number, minutes?: number): string;
	/** `minutes` from `now`, on the whole minute, as a PocketBase date. */
	fromNow(minutes: number): string;
	/** The citizen's booking in the check-in demo: it starts in 5 minutes, or the house's next morning. */
	checkinBooking: { start: string; end: string };
	/** The club's checked-in meeting: under way now, or the last one, in the afternoon before. */
	meeting: { start: string; end: string; checkedIn: string; underWay: boolean };
	/** The lobby screen's day: hour `hours` of its first whole hour (today's, or the next day's). */
	screenAt(hours: number): string;
	/** The association's morning meeting nobody came to: earlier today once it is over, or the day before. */
	noShow: { start: string; end: string; today: boolean };
}

/** Minutes since midnight, house time. */
const houseMinutes = (at: TZDate) => at.getHours() * 60 + at.getMinutes();
const hm = (hours: number, minutes = 0) => hours * 60 + minutes;

export function demoClock(now: Date = new Date()): DemoClock {
	const house = new TZDate(now.getTime(), HOUSE_TIME_ZONE);
	const minutes = houseMinutes(house);
	const houseTime = (days: number, hours: number, mins = 0) =>
		toPbDate(
			new Date(set(addDays(house, days), { hours, minutes: mins, seconds: 0, milliseconds: 0 }).getTime())
		);
	const wholeMinute = Math.floor(now.getTime() / MINUTE) * MINUTE;
	const fromNow = (mins: number) => toPbDate(new Date(wholeMinute + mins * MINUTE));

	// Mødelokale 2 is open 07-22: check-in (from 15 minutes before the start) opens at once from 07:45 on,
	// and the hour's meeting ends before closing when it starts by 20:30
	const checkinLive = minutes >= hm(7, 45) && minutes < hm(20, 30);
	const morning = minutes < hm(7, 45) ? 0 : 1;
	const checkinBooking = checkinLive
		? { start: fromNow(5), end: fromNow(65) }
		: { start: houseTime(morning, 9), end: houseTime(morning, 10) };

	// Studierummet is open from 08:00: a meeting under way from 20 minutes ago for 90 minutes, while it
	// ends before the lobby screen's booking of the room at the screen's day's third hour (below)
	const underWay = minutes >= hm(8, 20) && minutes < hm(16, 30);
	const afternoon = minutes >= hm(16, 30) ? 0 : -1;
	const meeting = underWay
		? { start: fromNow(-20), end: fromNow(70), checkedIn: fromNow(-22), underWay }
		: {
				start: houseTime(afternoon, 13, 30),
				end: houseTime(afternoon, 15),
				checkedIn: houseTime(afternoon, 13, 28),
				underWay
			};

	// the screen shows today: from this hour (10:00 at the earliest, Musiklokalet opens then, and 15:00 at
	// the latest, so the evening's items end by 20:00); after 20:00 the house's next day
	const screenDay = minutes < hm(20) ? 0 : 1;
	const screenHour = screenDay === 0 ? Math.min(15, Math.max(10, house.getHours())) : 10;
	const screenAt = (hours: number) => houseTime(screenDay, screenHour + hours);

	// Mødelokale 1 (open from 07:00): a meeting at 08:00-09:00 that nobody checked in to, released by the
	// job at 08:15; today's once it is over, before that the one of the day before
	const noShowDay = minutes >= hm(9) ? 0 : -1;
	const noShow = { start: houseTime(noShowDay, 8), end: houseTime(noShowDay, 9), today: noShowDay === 0 };

	return { now, houseTime, fromNow, checkinBooking, meeting, screenAt, noShow };
}
