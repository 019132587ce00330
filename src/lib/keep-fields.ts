/**
 * What was typed survives a switch of language. The switch loads the page again in the other language (a
 * form post, so it works without JavaScript too); with JavaScript, the fields of the page's forms are kept
 * in the tab's sessionStorage just before, and put back once the page has loaded again, at the same
 * address, then forgotten. Passwords, files and hidden fields are never kept: a hidden field is the
 * server's, and the other two are not for storage.
 */

const KEY = 'borgerhus:kept-fields';

interface Kept {
	/** The address the fields belong to: they are put back on that page only. */
	path: string;
	/** A field's key (its id, or its form's action with its name) and its value or checked state. */
	fields: [string, string | boolean][];
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const SKIPPED = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);

/** The fields worth keeping on the page, each with a key that finds it again after the reload. */
function fieldsOf(root: Document): [string, Field][] {
	const found: [string, Field][] = [];
	root.querySelectorAll<Field>('form input, form textarea, form select').forEach((field) => {
		if (field instanceof HTMLInputElement && SKIPPED.has(field.type)) return;
		if (!field.name && !field.id) return;
		const key = field.id ? `#${field.id}` : `${field.form?.getAttribute('action') ?? ''} ${field.name}`;
		found.push([key, field]);
	});
	return found;
}

const isChoice = (field: Field): field is HTMLInputElement =>
	field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio');

/** Keeps the page's fields that differ from how the page came, for the page loaded next at `path`. */
export function keepFields(path: string, root: Document = document): void {
	const fields: Kept['fields'] = [];
	for (const [key, field] of fieldsOf(root)) {
		if (isChoice(field)) {
			if (field.checked !== field.defaultChecked) fields.push([`${key}=${field.value}`, field.checked]);
		} else if (field instanceof HTMLSelectElement) {
			if ([...field.options].some((o) => o.selected !== o.defaultSelected)) fields.push([key, field.value]);
		} else if (field.value !== field.defaultValue) {
			fields.push([key, field.value]);
		}
	}
	try {
		if (fields.length > 0) sessionStorage.setItem(KEY, JSON.stringify({ path, fields } satisfies Kept));
	} catch {
		// storage full or refused (a private window): the switch goes on without keeping
	}
}

/** Puts kept fields back when this is the page they were kept for, and forgets them either way. */
export function restoreFields(path: string, root: Document = document): void {
	let kept: Kept | null = null;
	try {
		kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Kept | null;
		sessionStorage.removeItem(KEY);
	} catch {
		return;
	}
	if (!kept || kept.path !== path || !Array.isArray(kept.fields)) return;
	const values = new Map(kept.fields);
	for (const [key, field] of fieldsOf(root)) {
		const value = isChoice(field) ? values.get(`${key}=${field.value}`) : values.get(key);
		if (value === undefined) continue;
		if (isChoice(field)) field.checked = value === true;
		else field.value = String(value);
		// bound state (Svelte's bind:value) follows the field as after typing
		field.dispatchEvent(new Event('input', { bubbles: true }));
		field.dispatchEvent(new Event('change', { bubbles: true }));
	}
}
