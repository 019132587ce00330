import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { EVENT_CATEGORIES, EVENT_STATES } from '$lib/pocketbase-types';
import { resolveHouseLocal, withKeptInstants } from '$lib/events/time';
import { RECORD_ID } from '$lib/ids';
import { codeMessage } from '$lib/server/errors';

// One schema per form of the events area, shared by the server actions and any browser pre-check.

const recordId = z
	.string()
	.trim()
	.regex(RECORD_ID, { error: () => m.errors_invalid_value() });

// A house-time field: the wall clock typed ("2027-10-31T02:30"), or the stored instant it was filled from
// when left as shown (a Date, put there by `keptTimes` below from the form's hidden field; a form's own
// values are only ever strings). A time typed anew that the day does not have, or has twice, is refused.
const houseTime = z.unknown().transform((value, ctx) => {
	if (value instanceof Date) return value;
	const typed = typeof value === 'string' ? value.trim() : '';
	if (!typed) {
		ctx.addIssue({ code: 'custom', message: m.errors_required() });
		return z.NEVER;
	}
	const resolved = resolveHouseLocal(typed);
	if (resolved && 'instant' in resolved) return new Date(resolved.instant);
	// a time the day does not have, or has twice, is named as such (docs/rules.md, "House time")
	const problem = resolved && resolved.code !== 'core_invalid_date' ? resolved.code : null;
	ctx.addIssue({
		code: 'custom',
		message: problem ? codeMessage(problem) : m.errors_events_time_invalid()
	});
	return z.NEVER;
});

/** The schema with the start and end left as shown read as their stored instants (`withKeptInstants`). */
const keptTimes = <S extends z.ZodType>(schema: S) =>
	z.preprocess((values) => withKeptInstants(values, ['start', 'end']), schema);

const text = (max: number, required = false) =>
	z
		.string()
		.trim()
		.min(required ? 1 : 0, { error: () => m.errors_required() })
		.max(max, { error: () => m.errors_too_long({ max }) });

const count = (min: number, max: number) =>
	z.coerce
		.number({ error: () => m.errors_invalid_value() })
		.int({ error: () => m.errors_invalid_value() })
		.min(min, { error: () => m.errors_invalid_value() })
		.max(max, { error: () => m.errors_invalid_value() });

const endAfterStart = (value: { start: Date; end: Date }) => value.end > value.start;
const endAfterStartIssue = { path: ['end'], error: () => m.errors_events_end_before_start() };

export const shiftIdSchema = z.object({ shift: recordId });
export const eventIdSchema = z.object({ event: recordId });
export const entryIdSchema = z.object({ id: recordId });

export const volunteerTermsSchema = z.object({
	accept: z.literal(true, { error: () => m.events_terms_required() })
});

export const eventSchema = keptTimes(
	z.object({
		title: text(200, true),
		// the English versions are optional; a form without them leaves them as they are
		title_en: text(200).optional(),
		description: text(10000),
		description_en: text(10000).optional(),
		category: z.enum(EVENT_CATEGORIES, { error: () => m.errors_invalid_value() }),
		start: houseTime,
		end: houseTime,
		room: z.union([z.literal(''), recordId]),
		state: z.enum(EVENT_STATES, { error: () => m.errors_invalid_value() }),
		registration: z.boolean(),
		capacity: count(0, 100000)
	})
).refine(endAfterStart, endAfterStartIssue);

export const shiftSchema = keptTimes(
	z.object({
		task: text(200, true),
		start: houseTime,
		end: houseTime,
		places: count(1, 10000),
		description: text(2000),
		// optional; a form without it leaves it as it is
		description_en: text(2000).optional(),
		requirements: text(1000)
	})
).refine(endAfterStart, endAfterStartIssue);

// A new event or shift starts from now on (docs/rules.md, "Validation of events and shifts"): one saved with
// a past date by mistake could not be corrected afterwards. The server decides; the forms say it early.
const startsFromNow = (value: { start: Date }) => value.start.getTime() >= Date.now();
const startsFromNowIssue = (code: string) => ({ path: ['start'], error: () => codeMessage(code) });

export const newEventSchema = eventSchema.refine(startsFromNow, startsFromNowIssue('events_created_in_past'));

export const newShiftSchema = shiftSchema.refine(
	startsFromNow,
	startsFromNowIssue('events_shift_created_in_past')
);

export const messageSchema = z.object({ message: text(2000, true) });

/** A ticket code as typed at the door: the ticket shows it in groups of 4, so spaces are left out. */
export const ticketCodeSchema = z.object({
	code: z
		.string()
		.transform((v) => v.replace(/\s+/g, '').toLowerCase())
		.pipe(
			z
				.string()
				.min(1, { error: () => m.errors_required() })
				.regex(/^[a-z0-9]{24}$/, { error: () => m.errors_events_code_invalid() })
		)
});
