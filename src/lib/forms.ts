import type { z } from 'zod';
import { translatedIssue } from '$lib/validation/issues';

/** What a failed form action returns: the values to show again (never passwords) and messages. */
export interface FormFailure {
	values: Record<string, string | boolean>;
	errors: { form?: string; fields: Record<string, string> };
}

const SECRET_FIELDS = /password/i;

/**
 * Reads a FormData into plain values: checkboxes listed in `booleans` become true/false, all else strings.
 * Password fields are read but never echoed back in `values`.
 */
export function readForm(form: FormData, booleans: readonly string[] = []) {
	const values: Record<string, string | boolean> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string') values[key] = value;
	}
	for (const key of booleans) values[key] = form.get(key) === 'on' || form.get(key) === 'true';
	return values;
}

/** Values safe to send back to the browser with a failure: everything but secrets. */
export function echoValues(values: Record<string, string | boolean>) {
	return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.test(key)));
}

/**
 * Validates form values with a schema. Returns the parsed data, or a FormFailure with the first
 * message for each field. A check without a message of its own gets a translated one (translatedIssue).
 */
export function validateForm<S extends z.ZodType>(
	schema: S,
	values: Record<string, string | boolean>
): { ok: true; data: z.output<S> } | { ok: false; failure: FormFailure } {
	const result = schema.safeParse(values, { error: translatedIssue });
	if (result.success) return { ok: true, data: result.data };
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const key = issue.path.map(String).join('.') || 'form';
		fields[key] ??= issue.message;
	}
	return { ok: false, failure: { values: echoValues(values), errors: { fields } } };
}

/**
 * Narrows a page's `form` prop to the failure of one action (or of any action), for showing messages.
 * SvelteKit types `form` as the union of every action's results; this is the one place that reads it.
 */
export function failureOf(form: unknown, action?: string): FormFailure | null {
	if (!form || typeof form !== 'object') return null;
	const result = form as Partial<FormFailure> & { action?: string };
	if (!result.errors || (action !== undefined && result.action !== action)) return null;
	return { values: result.values ?? {}, errors: result.errors };
}

/**
 * The message to show above a form: the form's own, else the first field's whose input the form does not
 * have (`inputs`). A hook refuses on the record's field (a hold's `status`, a claim's `slot`), which a form
 * of buttons has no place for; without this the refusal would not show at all.
 */
export function failureMessage(
	failure: FormFailure | null,
	inputs: readonly string[] = []
): string | undefined {
	if (!failure) return undefined;
	if (failure.errors.form) return failure.errors.form;
	return Object.entries(failure.errors.fields).find(([field]) => !inputs.includes(field))?.[1];
}

/** The hidden field in which an edit form carries what it showed when it was rendered (`snapshotOf`). */
export const LOADED_FIELD = '_loaded';

/** What an edit form shows of a record, as the JSON its hidden `_loaded` field carries. */
export function snapshotOf(record: object, keys: readonly string[]): string {
	const values = record as Record<string, unknown>;
	return JSON.stringify(Object.fromEntries(keys.map((key) => [key, values[key] ?? null])));
}

function sortedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortedKeys);
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return Object.fromEntries(
			Object.keys(record)
				.sort()
				.map((key) => [key, sortedKeys(record[key])])
		);
	}
	return value;
}

/** One text for values that mean the same to a record: 12 and "12", a Date and its stored UTC string. */
function canonical(value: unknown): string {
	if (value instanceof Date) return `@${value.getTime()}`;
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(value)) {
		const ms = Date.parse(value.replace(' ', 'T'));
		if (!Number.isNaN(ms)) return `@${ms}`;
	}
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return JSON.stringify(sortedKeys(value));
	return String(value);
}

/**
 * Only the fields of an edit form's save that differ from what the form showed (its `_loaded` snapshot;
 * docs/rules.md, "Transactions"): two staff members saving one record's form at once, each having changed
 * other fields, both keep their change, as PocketBase's hooks write only the fields a request sends. Every
 * field when the form carried no readable snapshot.
 */
export function changedOnly<T extends Record<string, unknown>>(next: T, loaded: unknown): Partial<T> {
	let before: Record<string, unknown> | null = null;
	if (typeof loaded === 'string') {
		try {
			const parsed: unknown = JSON.parse(loaded);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				before = parsed as Record<string, unknown>;
		} catch {
			before = null;
		}
	}
	if (!before) return next;
	const shown = before;
	return Object.fromEntries(
		Object.entries(next).filter(
			([key, value]) => !(key in shown) || canonical(value) !== canonical(shown[key])
		)
	) as Partial<T>;
}

/**
 * The hidden field beside a house-time input that carries the stored instant the input was filled from
 * ("start" → "start_kept"), so that a time left as shown keeps its instant (`withKeptInstants`).
 */
export function keptField(name: string): string {
	return `${name}_kept`;
}
