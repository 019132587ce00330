import { identifierKey } from '$rules/library-identifier.js';

/** A catalogue search as a PocketBase filter with its parameters (used by /bibliotek and the benchmark). */
export interface CatalogueFilter {
	filter: string;
	params: Record<string, string>;
}

/** Looks like an ISBN or another catalogue number (digits, hyphens, a final X), long enough to narrow. */
const IDENTIFIER = /^[0-9][0-9-]{5,}[0-9Xx]?$/;

/** Most pieces of a search split at '@' that are each looked for (the rest are left out). */
const MAX_PIECES = 8;

/**
 * The text of a search as the pieces to look for. PocketBase refuses (403) any filter from someone who is
 * not a superuser whose text contains "@request." or "@collection.", even inside a bound value, so a search
 * never sends an '@': it splits the text there, and each piece must match (docs/rules.md rule 6).
 */
function piecesOf(q: string): string[] {
	return q
		.split('@')
		.map((piece) => piece.trim())
		.filter(Boolean)
		.slice(0, MAX_PIECES);
}

/**
 * A search of the given text fields for the words of `q`: each piece (piecesOf) must be found in one of the
 * fields, or, where `identifier` is one of them, `q` is the whole number of the title (identifierKeys).
 * The staff catalogue and the desk's title search use it, so an '@' in their search box answers as in
 * /bibliotek, never with PocketBase's 403.
 */
export function anyFieldFilter(q: string, fields: string[]): CatalogueFilter {
	const params: Record<string, string> = {};
	const parts = piecesOf(q).map((piece, i) => {
		params[`q${i}`] = piece;
		return `(${fields.map((field) => `${field} ~ {:q${i}}`).join(' || ')})`;
	});
	// a whole ISBN finds its title however either of them is written
	const byKey = fields.includes('identifier') ? identifierKeyFilter(q, params) : '';
	const filter = parts.join(' && ');
	return { filter: byKey && filter ? `(${filter}) || ${byKey}` : filter, params };
}

/**
 * A search that is a whole ISBN or EAN, however it is written (separators, a leading "ISBN", an ISBN-10),
 * as the keys titles are compared by (`identifier_key`, docs/rules.md "One ISBN, one title"): a book's
 * ISBN-10 is stored under its ISBN-13, another type's under its digits. Empty for any other search.
 */
export function identifierKeys(q: string): string[] {
	const digits = identifierKey(q, 'other');
	if (!/^(\d{9}[\dX]|\d{13})$/.test(digits)) return [];
	return [...new Set([identifierKey(q, 'book'), digits])];
}

/**
 * The filter part that finds a whole number by its key, or '' (its parameters are added to `params`).
 */
export function identifierKeyFilter(q: string, params: Record<string, string>): string {
	return identifierKeys(q)
		.map((key, i) => {
			params[`key${i}`] = key;
			return `identifier_key = {:key${i}}`;
		})
		.join(' || ');
}

/**
 * Builds the search filter. Words match title, creator, identifier and subjects anywhere; a number that
 * looks like an ISBN is looked up as an identifier prefix, and a whole ISBN in any of its forms by its key,
 * through their indexes instead (a substring search
 * would read all 100,000 titles). Text with an '@' is searched as its pieces, each anywhere (piecesOf).
 * "Available now" reads the title's recounted on_shelf column.
 */
export function catalogueFilter(search: { q: string; type: string; ledig: boolean }): CatalogueFilter {
	const parts: string[] = [];
	const params: Record<string, string> = {};
	const byKey = search.q ? identifierKeyFilter(search.q, params) : '';
	if (search.q && IDENTIFIER.test(search.q)) {
		// the number as typed, from its start (a part of a number), or the whole number however written
		const prefix = 'identifier >= {:q} && identifier < {:qEnd}';
		parts.push(byKey ? `(${prefix} || ${byKey})` : prefix);
		params.q = search.q;
		params.qEnd = `${search.q}~`;
	} else if (byKey) {
		parts.push(`(${byKey})`);
	} else if (search.q) {
		piecesOf(search.q).forEach((piece, i) => {
			const name = i === 0 ? 'q' : `q${i}`;
			parts.push(
				`(title ~ {:${name}} || creator ~ {:${name}} || identifier ~ {:${name}} || subjects ~ {:${name}})`
			);
			params[name] = piece;
		});
	}
	if (search.type) {
		parts.push('type = {:type}');
		params.type = search.type;
	}
	if (search.ledig) parts.push('on_shelf > 0');
	return { filter: parts.join(' && '), params };
}
