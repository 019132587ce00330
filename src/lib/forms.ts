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
