/**
 * What was typed survives a switch of language. The switch loads the page again in the other language (a
 * form post, so it works without JavaScript too); with JavaScript, the fields the user changed on the page
 * are kept in the tab's sessionStorage just before, and put back once the page has loaded again, at the
 * same address, then forgotten. Only fields the user touched (an input or change event from them, or a
 * value a page filled in at their tap, `markChanged`) are kept: a field the page filled in by itself is
 * the page's. Passwords (also while shown as text), files and hidden
 * fields are never kept.
 */

const KEY = 'borgerhus:kept-fields';

interface Kept {
	/** The address the fields belong to: they are put back on that page only. */
	path: string;
	/** A field's key (its form's place on the page, its own place in the form, its name) and value. */
	fields: [string, string | boolean][];
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const SKIPPED = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);

/** The fields the user changed since the page loaded. */
const touched = new WeakSet<EventTarget>();

function isField(target: EventTarget | null): target is Field {
	return (
		target instanceof HTMLInputElement ||
		target instanceof HTMLTextAreaElement ||
		target instanceof HTMLSelectElement
	);
}

/** Whether a field may be kept: not a password (by its purpose, as a shown one is type text), file or hidden. */
function keepable(field: Field): boolean {
	if (field instanceof HTMLInputElement && SKIPPED.has(field.type)) return false;
	const purpose = `${field.getAttribute('autocomplete') ?? ''} ${field.name} ${field.id}`.toLowerCase();
	return !purpose.includes('password') && field.form !== null;
}

/** The page's keepable fields, each with a key that finds the same field on the page loaded again. */
function fieldsOf(root: Document): [string, Field][] {
	const found: [string, Field][] = [];
	Array.from(root.forms).forEach((form, f) => {
		Array.from(form.elements).forEach((element, e) => {
			if (isField(element) && keepable(element)) found.push([`${f}.${e}.${element.name}`, element]);
		});
	});
	return found;
}

/** Notes a field the page filled in for the user (a tapped time), as if they had typed it. */
export function markChanged(field: Field): void {
	touched.add(field);
}

/** Starts noting which fields the user changes (once per page load, from the layout). */
export function watchFields(root: Document = document): () => void {
	const note = (event: Event) => {
		// only what a person did, not a script's own change
		if (event.isTrusted && isField(event.target)) touched.add(event.target);
	};
	root.addEventListener('input', note, true);
	root.addEventListener('change', note, true);
	return () => {
		root.removeEventListener('input', note, true);
		root.removeEventListener('change', note, true);
	};
}

const isChoice = (field: Field): field is HTMLInputElement =>
	field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio');

/** Keeps the fields the user changed, for the page loaded next at `path`. */
export function keepFields(path: string, root: Document = document): void {
	const fields: Kept['fields'] = [];
	for (const [key, field] of fieldsOf(root)) {
		if (!touched.has(field)) continue;
		fields.push([key, isChoice(field) ? field.checked : field.value]);
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
		const value = values.get(key);
		if (value === undefined || typeof value !== (isChoice(field) ? 'boolean' : 'string')) continue;
		if (isChoice(field)) field.checked = value === true;
		else field.value = String(value);
		touched.add(field);
		// bound state (Svelte's bind:value) follows the field as after typing
		field.dispatchEvent(new Event('input', { bubbles: true }));
		field.dispatchEvent(new Event('change', { bubbles: true }));
	}
}
