import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import codes from '$rules/core/codes.js';
import { MAX_FILE_BYTES, megabytes } from '$lib/uploads';

/** A translated form-level message and translated messages per field. */
export interface FormErrors {
	form?: string;
	fields: Record<string, string>;
}

type Translate = () => string;

/** PocketBase validation codes (and our hooks' codes) to translated messages. */
const CODE_MESSAGES: Record<string, Translate> = {
	validation_required: m.errors_required,
	validation_is_email: m.errors_email_invalid,
	validation_invalid_email: m.errors_email_invalid,
	validation_not_unique: m.errors_not_unique,
	validation_min_text_constraint: m.errors_password_too_short,
	validation_length_out_of_range: m.errors_invalid_value,
	validation_values_mismatch: m.errors_password_mismatch,
	validation_invalid_token: m.errors_link_expired,
	validation_invalid_old_password: m.errors_wrong_password,
	validation_invalid_password: m.errors_wrong_password,
	// a file field: one file over its size, a type it does not take, more files than it holds
	validation_file_size_limit: () => m.errors_file_size({ max: megabytes(MAX_FILE_BYTES) }),
	validation_invalid_mime_type: m.errors_file_type,
	validation_too_many_files: m.errors_too_many_files
};

/** Field-specific overrides where a code means something more precise for that field. */
const FIELD_CODE_MESSAGES: Record<string, Record<string, Translate>> = {
	email: { validation_not_unique: m.errors_email_taken, validation_invalid_email: m.errors_email_taken },
	newEmail: {
		validation_not_unique: m.errors_email_taken,
		validation_invalid_new_email: m.errors_email_taken,
		// PocketBase's refusal of the address the account has already
		validation_not_in_invalid: m.errors_email_same
	},
	password: { validation_invalid_password: m.errors_wrong_password },
	// only rooms have an address name
	slug: { validation_not_unique: m.errors_slug_taken }
};

/**
 * Our PocketBase hooks refuse a write with a stable code, e.g. `{ data: { start: { code: "rooms_overlap" } } }`.
 * Its text in both languages is in the hooks' registry of codes (pb_hooks/lib/core/codes.js).
 */
function hookMessage(code: string, desk = false): Translate | undefined {
	const entry = Object.hasOwn(codes, code) ? codes[code] : undefined;
	if (!entry) return undefined;
	// staff acting for a citizen read "Borgeren er allerede tilmeldt", not "Du er ..."
	const text = desk && entry.desk ? entry.desk : entry;
	return () => (getLocale() === 'en' ? text.en : text.da);
}

/**
 * The text of a refusal code in the reader's language, or a generic message for an unknown code. `desk`:
 * in the words staff read when they act for a citizen.
 */
export function codeMessage(code: string, desk = false): string {
	return (hookMessage(code, desk) ?? m.errors_invalid_value)();
}

function statusMessage(status: number): string {
	switch (status) {
		case 0:
			return m.errors_server_unreachable();
		case 401:
		case 403:
			return m.errors_forbidden();
		case 404:
			return m.errors_not_found();
		case 429:
			return m.errors_too_many_attempts();
		default:
			return status >= 500 ? m.errors_unexpected() : m.errors_invalid_value();
	}
}

/**
 * Turns any error from the PocketBase SDK into translated messages: field errors where PocketBase named
 * fields, otherwise one form-level message. Unknown errors become a generic message, never raw text.
 * `desk`: the refusal of an act staff made for a citizen, in the words staff read.
 */
export function toFormErrors(err: unknown, options: { desk?: boolean } = {}): FormErrors {
	if (!(err instanceof ClientResponseError)) return { form: m.errors_unexpected(), fields: {} };
	const fields: Record<string, string> = {};
	const data = (err.response?.data ?? {}) as Record<string, { code?: string } | undefined>;
	for (const [field, detail] of Object.entries(data)) {
		const code = detail?.code;
		if (!code) continue;
		const translate =
			FIELD_CODE_MESSAGES[field]?.[code] ??
			CODE_MESSAGES[code] ??
			hookMessage(code, options.desk) ??
			m.errors_invalid_value;
		fields[field] = translate();
	}
	// A hook's refusal of the whole request is reported on the pseudo-field "form".
	if (fields.form) {
		const { form, ...rest } = fields;
		return { form, fields: rest };
	}
	if (Object.keys(fields).length > 0) return { fields };
	return { form: statusMessage(err.status), fields };
}

/** The refusal codes of a PocketBase error, field by field (none for any other error). */
export function refusalCodes(err: unknown): string[] {
	if (!(err instanceof ClientResponseError)) return [];
	const data = (err.response?.data ?? {}) as Record<string, { code?: string } | undefined>;
	return Object.values(data).flatMap((detail) => (detail?.code ? [detail.code] : []));
}

/** The HTTP status to answer a failed action with: the PocketBase status when it is a client error. */
export function failureStatus(err: unknown): number {
	if (err instanceof ClientResponseError && err.status >= 400 && err.status < 500) return err.status;
	return 400;
}
