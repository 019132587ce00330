import type { Cookies } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';

export type Language = 'da' | 'en';

/** Remembers the language in the cookie Paraglide reads on both server and browser (so not httpOnly). */
export function rememberLanguage(cookies: Cookies, language: Language): void {
	cookies.set(cookieName, language, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: 60 * 60 * 24 * 365
	});
}
