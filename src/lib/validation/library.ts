import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { TITLE_TYPES } from '$lib/pocketbase-types';
import { RECORD_ID } from '$lib/ids';

// Forms and queries of the library. Messages are functions, translated in the request's language.

const recordId = z
	.string()
	.trim()
	.regex(RECORD_ID, { error: () => m.errors_invalid_value() });

/** The catalogue search (GET parameters; bad values fall back to defaults rather than fail). */
export const searchSchema = z.object({
	// a search longer than any title is cut, not dropped: dropped, it listed the whole catalogue
	q: z
		.string()
		.transform((v) => v.trim().slice(0, 200).trim())
		.catch(''),
	type: z.enum(TITLE_TYPES).or(z.literal('')).catch(''),
	ledig: z
		.string()
		.transform((v) => v === '1' || v === 'on' || v === 'true')
		.catch(false),
	side: z.coerce.number().int().min(1).max(5000).catch(1)
});
export type SearchQuery = z.output<typeof searchSchema>;

/** Reads the search from a URL. */
export function readSearch(params: URLSearchParams): SearchQuery {
	return searchSchema.parse({
		q: params.get('q') ?? '',
		type: params.get('type') ?? '',
		ledig: params.get('ledig') ?? '',
		side: params.get('side') ?? '1'
	});
}

/** A patron's change to their hold. */
export const holdActionSchema = z.object({ hold: recordId });

/** A copy at the desk: its barcode or id. */
export const checkInSchema = z.object({
	code: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required() })
		.max(64, { error: () => m.errors_too_long({ max: 64 }) }),
	/** The pickup a list's "Lagt på hylde" fetched the copy for. */
	hold: recordId.optional()
});

export const collectSchema = z.object({ hold: recordId });
export const returnSchema = z.object({ loan: recordId });
export const notFoundSchema = z.object({ copy: recordId, hold: recordId });

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.errors_too_long({ max }) })
		.default('');

/** A title in the catalogue (also one row of a CSV import). */
export const titleSchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required() })
		.max(300, { error: () => m.errors_too_long({ max: 300 }) }),
	creator: optionalText(300),
	year: z
		.string()
		.trim()
		.regex(/^(-?\d{1,4})?$/, { error: () => m.errors_invalid_value() })
		.transform((v) => (v === '' ? 0 : Number(v)))
		.default(0),
	language: optionalText(20),
	type: z.enum(TITLE_TYPES, { error: () => m.errors_invalid_value() }),
	identifier: optionalText(64),
	subjects: optionalText(2000),
	description: optionalText(5000)
});
export type TitleInput = z.output<typeof titleSchema>;

/** A copy of a title. */
export const copySchema = z.object({
	barcode: z
		.string()
		.trim()
		.min(1, { error: () => m.errors_required() })
		.max(64, { error: () => m.errors_too_long({ max: 64 }) }),
	shelf: optionalText(50)
});
