import { invalidate } from '$app/navigation';

/** The longest wait a browser timer keeps reliably; a later moment is waited for again from there. */
const LONGEST = 6 * 3_600_000;

/**
 * Reads a page's data again (`dependency`, as its load `depends` on it) at the next of `moments` (ms) still
 * to come: a moment at which what the page offers changes although nothing is written, such as check-in
 * opening before a booking. `serverNow` is the server's clock when the page was loaded (ms); the wait
 * counts from it, so a phone whose clock is off does not read too early or too late. Returns the stop for
 * an `$effect`, which arms it again whenever the data changes.
 */
export function refreshAt(
	moments: (number | null | undefined)[],
	dependency: `app:${string}`,
	serverNow: number = Date.now()
): () => void {
	const skew = serverNow - Date.now();
	const now = Date.now() + skew;
	const ahead = moments.filter((t): t is number => typeof t === 'number' && t > now);
	if (ahead.length === 0) return () => {};
	// a second after the moment, so the server reading it is past it too
	const wait = Math.min(Math.min(...ahead) - now + 1000, LONGEST);
	const timer = setTimeout(() => void invalidate(dependency), wait);
	return () => clearTimeout(timer);
}
