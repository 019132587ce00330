/** The most pages a list goes to: a number beyond it is a typing slip (or a probe), not a page. */
const MAX_PAGE = 10_000;

/**
 * The page a list asks for in the address (`?side=3`, or the list's own parameter), 1 when none is given
 * or it is no page number, at most MAX_PAGE.
 */
export function pageParam(url: URL, name = 'side'): number {
	const asked = Number.parseInt(url.searchParams.get(name) ?? '1', 10);
	return Number.isFinite(asked) ? Math.min(Math.max(asked, 1), MAX_PAGE) : 1;
}
