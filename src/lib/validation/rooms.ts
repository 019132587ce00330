import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { validCvr } from '$rules/rooms-associations.js';
import { RECORD_ID } from '$lib/ids';

// Forms of the room booking area. Wall-clock times are Copenhagen time; the server turns them into
// instants with localToUtc (which refuses times that do not exist on daylight-saving days).

/** Whether "YYYY-MM-DD" names a day of the calendar (not 2027-02-30, which Date would roll into March). */
export function isCalendarDay(value: string): boolean {
	const [year, month, day] = value.split('-').map(Number) as [number, number, number];
	const at = new Date(Date.UTC(year, month - 1, day));
	return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

// an empty field asks to be filled in; a date that is no date says so, never that a time is wrong
const date = z
	.string()
	.min(1, { error: () => m.errors_required(), abort: true })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.errors_rooms_invalid_day(), abort: true })
	.refine(isCalendarDay, { error: () => m.errors_rooms_invalid_day() });
const time = z
	.string()
	.min(1, { error: () => m.errors_required(), abort: true })
	.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: () => m.errors_rooms_invalid_time() });

export const bookingSchema = z.object({
	for: z
		.string()
		.max(30, { error: () => m.errors_invalid_value() })
		.regex(/^(self|[a-z0-9]{15})$/, { error: () => m.errors_invalid_value() }),
	purpose: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required(), abort: true })
		.max(200, { error: () => m.errors_too_long({ max: 200 }) }),
	attendees: z.coerce
		.number({ error: () => m.errors_rooms_attendees_invalid() })
		.int({ error: () => m.errors_rooms_attendees_invalid() })
		.min(1, { error: () => m.errors_rooms_attendees_invalid() })
		.max(100000, { error: () => m.errors_rooms_attendees_invalid() }),
	date,
	start: time,
	end: time
});

export const idSchema = z.object({ id: z.string().regex(RECORD_ID) });

/** Staff's verification of an association: its id and its `updated` time as staff read it. */
/** The record's `updated` time as a form showed it: a change made since is refused by the hook. */
const seen = z.string().min(1).max(40);
export const seenSchema = z.object({ seen });
export const verifySchema = z.object({ id: z.string().regex(RECORD_ID), seen });

export const reasonSchema = z.object({
	id: z.string().regex(RECORD_ID),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_rooms_reason_required() })
		.max(1000, { error: () => m.errors_too_long({ max: 1000 }) })
});

/** Approving: the reason is optional, a message to the booker when given. */
export const approveSchema = z.object({
	id: z.string().regex(RECORD_ID),
	reason: z
		.string()
		.trim()
		.max(1000, { error: () => m.errors_too_long({ max: 1000 }) })
		.optional()
});

export const seasonSchema = z
	.object({
		for: bookingSchema.shape.for,
		purpose: bookingSchema.shape.purpose,
		attendees: bookingSchema.shape.attendees,
		first_date: date,
		last_date: date,
		interval: z.coerce
			.number({ error: () => m.errors_invalid_value() })
			.int({ error: () => m.errors_invalid_value() })
			.min(1, { error: () => m.errors_invalid_value() })
			.max(8, { error: () => m.errors_invalid_value() }),
		start: time,
		end: time
	})
	// a weekly time ends after it starts (every date would say so; the field says it once); an end at 00:00
	// is the midnight that ends the day
	.refine((v) => v.end === '00:00' || v.end > v.start, {
		path: ['end'],
		error: () => m.errors_rooms_season_end_before_start()
	});

/**
 * The bookings staff saw and confirm to cancel when a closure or a room taken out of use covers them: the
 * ids as the form sends them, comma-separated, read into a list (rooms/closing.js decides).
 */
const confirmedBookings = z
	.string()
	.regex(/^([a-z0-9]{15}(,[a-z0-9]{15})*)?$/, { error: () => m.errors_invalid_value() })
	.optional()
	.transform((ids) => (ids === undefined ? undefined : ids ? ids.split(',') : []));

export const closureSchema = z.object({
	cancel_bookings: confirmedBookings,
	room: z.string().regex(/^([a-z0-9]{15})?$/, { error: () => m.errors_invalid_value() }),
	from_date: date,
	from_time: time,
	to_date: date,
	to_time: time,
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required(), abort: true })
		.max(500, { error: () => m.errors_too_long({ max: 500 }) })
});

/** A whole number typed into a form field: an empty field is asked for, anything else out of range says the range. */
const minutes = (max: number, min = 0) => {
	const range = () => m.errors_whole_number({ min, max });
	return z
		.string({ error: range })
		.trim()
		.min(1, { error: () => m.errors_required() })
		.pipe(
			z.coerce
				.number<string>({ error: range })
				.int({ error: range })
				.min(min, { error: range })
				.max(max, { error: range })
		);
};
const optionalTime = z
	.string()
	.regex(/^(([01][0-9]|2[0-3]):[0-5][0-9])?$/, { error: () => m.errors_rooms_invalid_time() });

/** The periods a day of opening hours has in the staff form: `open_mon`, `open_mon_2`, `open_mon_3`. */
export const HOUR_PERIODS = ['', '_2', '_3'] as const;
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const roomPolicyFields = z.object({
	id: z.string().regex(RECORD_ID),
	capacity: minutes(100000, 1),
	who_may_book: z.enum(['associations', 'citizens'], { error: () => m.errors_invalid_value() }),
	requires_approval: z.boolean(),
	active: z.boolean(),
	min_minutes: minutes(10080),
	max_minutes: minutes(10080),
	step_minutes: minutes(1440),
	buffer_minutes: minutes(1440),
	horizon_days: minutes(1100),
	// a form rendered before the field existed leaves it as stored
	max_upcoming: minutes(1000).optional(),
	cancel_hours: minutes(8760),
	// the sane ranges are the server's (rooms/checkin.js), answered with their own codes
	checkin_required: z.boolean(),
	checkin_opens_minutes: minutes(1440),
	checkin_grace_minutes: minutes(1440),
	cancel_bookings: confirmedBookings,
	cancel_reason: z
		.string()
		.trim()
		.max(1000, { error: () => m.errors_too_long({ max: 1000 }) })
		.optional(),
	...Object.fromEntries(
		WEEK.flatMap((d) =>
			// the further periods may be left out of a request altogether
			HOUR_PERIODS.flatMap((p) => [
				[`open_${d}${p}`, p ? optionalTime.optional() : optionalTime],
				[`close_${d}${p}`, p ? optionalTime.optional() : optionalTime]
			])
		)
	)
});

// a period with only its opening or only its closing time would be read as closed, and one that closes
// before it opens as open past midnight: say so instead
export const roomPolicySchema = roomPolicyFields.superRefine((value, context) => {
	const fields = value as Record<string, unknown>;
	for (const d of WEEK) {
		for (const p of HOUR_PERIODS) {
			const open = fields[`open_${d}${p}`];
			const close = fields[`close_${d}${p}`];
			if (Boolean(open) !== Boolean(close)) {
				context.addIssue({
					code: 'custom',
					path: [open ? `close_${d}${p}` : `open_${d}${p}`],
					message: m.errors_rooms_hours_pair()
				});
			} else if (
				typeof open === 'string' &&
				typeof close === 'string' &&
				open !== '' &&
				close !== '00:00' &&
				close <= open
			) {
				// the house's rules read such a pair as open past midnight; from a form it is far more often a
				// slip, so staff write midnight as 00:00 and the next morning as a period of the next day
				context.addIssue({ code: 'custom', path: [`close_${d}${p}`], message: m.errors_rooms_hours_order() });
			}
		}
	}
});

/** Staff withdrawing the rest of a season booking (docs/rules.md, "Check-in and no-shows"). */
export const withdrawSchema = z.object({
	id: z.string().regex(RECORD_ID, { error: () => m.noshow_withdraw_choose() }),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required(), abort: true })
		.max(1000, { error: () => m.errors_too_long({ max: 1000 }) })
});

export const associationSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required(), abort: true })
		.max(160, { error: () => m.errors_too_long({ max: 160 }) }),
	cvr: z
		.string()
		.trim()
		.refine((v) => validCvr(v), { error: () => m.errors_rooms_cvr_invalid() }),
	contact_name: z
		.string()
		.trim()
		.max(120, { error: () => m.errors_too_long({ max: 120 }) }),
	contact_email: z
		.string()
		.trim()
		.max(254, { error: () => m.errors_too_long({ max: 254 }) })
		.pipe(z.union([z.literal(''), z.email({ error: () => m.errors_email_invalid() })])),
	contact_phone: z
		.string()
		.trim()
		.max(30, { error: () => m.errors_too_long({ max: 30 }) }),
	description: z
		.string()
		.trim()
		.max(2000, { error: () => m.errors_too_long({ max: 2000 }) })
});

/** An edit of an association's details, of the row as the form showed it. */
export const associationEditSchema = associationSchema.extend({ seen });

export const memberSchema = z.object({
	email: z
		.string()
		.trim()
		.max(254, { error: () => m.errors_too_long({ max: 254 }) })
		.pipe(z.email({ error: () => m.errors_email_invalid() })),
	role: z.enum(['admin', 'booker', 'member'], { error: () => m.errors_invalid_value() })
});

export const roleSchema = z.object({
	id: z.string().regex(RECORD_ID),
	role: z.enum(['admin', 'booker', 'member'], { error: () => m.errors_invalid_value() })
});

/** Cancel a period: the first and last day and whose bookings (docs/rules.md, "Cancel a period"). */
export const periodSchema = z.object({
	from: date,
	to: date,
	scope: z.string().regex(/^(own|[a-z0-9]{15})$/, { error: () => m.errors_invalid_value() })
});

const longText = (max: number) => z.string().max(max, { error: () => m.errors_too_long({ max }) });

/** What a room is (src/lib/rooms/details.ts): the staff's room page, for a new room and an existing one. */
export const roomDetailsSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required(), abort: true })
		.max(120, { error: () => m.errors_too_long({ max: 120 }) }),
	slug: z
		.string()
		.trim()
		.max(80, { error: () => m.errors_too_long({ max: 80 }) }),
	description: longText(5000),
	// optional; a form without it leaves it as it is
	description_en: longText(5000).optional(),
	facilities: longText(2000),
	step_free: z.boolean(),
	hearing_loop: z.boolean(),
	accessible_toilet: z.boolean(),
	accessibility_notes: longText(2000)
});

/** A new room: what it is, and how many it holds (its other rules start as NEW_ROOM_RULES). */
export const roomCreateSchema = roomDetailsSchema.extend({
	capacity: minutes(100000, 1)
});
