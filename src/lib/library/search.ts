/** A catalogue search as a PocketBase filter with its parameters (used by /bibliotek and the benchmark). */
export interface CatalogueFilter {
	filter: string;
	params: Record<string, string>;
}

/** Looks like an ISBN or another catalogue number (digits, hyphens, a final X), long enough to narrow. */
const IDENTIFIER = /^[0-9][0-9-]{5,}[0-9Xx]?$/;

/**
 * Builds the search filter. Words match title, creator, identifier and subjects anywhere; a number that
 * looks like an ISBN is looked up as an identifier prefix through its index instead (a substring search
 * would read all 100,000 titles). "Available now" reads the title's recounted on_shelf column.
 */
export function catalogueFilter(search: { q: string; type: string; ledig: boolean }): CatalogueFilter {
	const parts: string[] = [];
	const params: Record<string, string> = {};
	if (search.q && IDENTIFIER.test(search.q)) {
		parts.push('identifier >= {:q} && identifier < {:qEnd}');
		params.q = search.q;
		params.qEnd = `${search.q}~`;
	} else if (search.q) {
		parts.push('(title ~ {:q} || creator ~ {:q} || identifier ~ {:q} || subjects ~ {:q})');
		params.q = search.q;
	}
	if (search.type) {
		parts.push('type = {:type}');
		params.type = search.type;
	}
	if (search.ledig) parts.push('on_shelf > 0');
	return { filter: parts.join(' && '), params };
}
