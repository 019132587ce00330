/**
 * A screen on a wall does not scroll (docs/rules.md, "Door signs and the lobby screen"): a list shows the
 * rows that fit whole inside its own box, hides the rest and the page says how many there are. On a phone
 * the list has no height of its own, so every row fits. Returns how many rows are shown (`none` without a
 * list).
 */
export function fitRows(list: HTMLElement | undefined, none: number): number {
	if (!list) return none;
	const rows = Array.from(list.children) as HTMLElement[];
	for (const row of rows) row.hidden = false;
	const bottom = list.getBoundingClientRect().bottom;
	const over = rows.findIndex((row) => row.getBoundingClientRect().bottom > bottom + 0.5);
	const shown = over === -1 ? rows.length : over;
	for (const row of rows.slice(shown)) row.hidden = true;
	return shown;
}
