import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

// Forms of the room booking area. Wall-clock times are Copenhagen time; the server turns them into
// instants with localToUtc (which refuses times that do not exist on daylight-saving days).

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.errors_rooms_invalid_time() });
const time = z
	.string()
	.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: () => m.errors_rooms_invalid_time() });

export const bookingSchema = z.object({
	for: z
		.string()
		.max(30)
		.regex(/^(self|[a-z0-9]{15})$/, { error: () => m.errors_invalid_value() }),
	purpose: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required() })
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

export const idSchema = z.object({ id: z.string().regex(/^[a-z0-9]{15}$/) });

export const reasonSchema = z.object({
	id: z.string().regex(/^[a-z0-9]{15}$/),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_rooms_reason_required() })
		.max(1000, { error: () => m.errors_too_long({ max: 1000 }) })
});

export const seasonSchema = z.object({
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
});
