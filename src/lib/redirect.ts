/** A base no real address has, to resolve a path against and see whether it stays on the site. */
const HERE = 'http://borgerhus.invalid';

/**
 * Accepts only a local path as a place to return to, so a link cannot send the user to another site.
 * Browsers drop tabs and line breaks from an address and read "\" as "/", so "/<tab>/other.example"
 * leads off the site as "//other.example" does: such a target, or any that resolves elsewhere, gets
 * the fallback, as does one whose resolved path begins with "//" ("/.//other.example"). The answer is
 * the path as resolved (path, query and fragment).
 */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/overblik'): string {
	// eslint-disable-next-line no-control-regex -- control characters are what it looks for
	if (!target || !target.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
	let url: URL;
	try {
		url = new URL(target, HERE);
	} catch {
		return fallback;
	}
	// "/.//other.example" stays on the site as a URL but resolves to the path "//other.example", which a
	// browser reads as another site: a path that begins with two slashes is never returned
	if (url.origin !== HERE || url.pathname.startsWith('//')) return fallback;
	return url.pathname + url.search + url.hash;
}
