import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ENTRY_KINDS } from '$lib/overview/timeline';
import { RECORD_ID } from '$lib/ids';

/** A PocketBase record id, with a translated error. */
export const recordId = z.string().regex(RECORD_ID, { error: () => m.errors_invalid_value() });

/** An action on one entry of the overview. */
export const entryActionSchema = z.object({
	kind: z.enum(ENTRY_KINDS, { error: () => m.errors_invalid_value() }),
	id: recordId
});

/** Marking one notification read. */
export const notificationSchema = z.object({ id: recordId });

/** Deleting the account: the password confirms it. */
export const deleteAccountSchema = z.object({
	password: z
		.string()
		.min(1, { error: () => m.errors_required() })
		.max(200, { error: () => m.errors_too_long({ max: 200 }) })
});
