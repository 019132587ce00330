import type { Cookies } from '@sveltejs/kit';
import type PocketBase from 'pocketbase';
import type { UserRecord } from '$lib/pocketbase-types';
import { rememberLanguage } from '$lib/server/language';

/** Where a person lands after signing in without a page to return to: staff in the back office. */
export function homeOf(user: { staff?: boolean }): string {
	return user.staff ? '/personale' : '/overblik';
}

/**
 * Signs the request's PocketBase client in with a password (the session cookie follows from its auth
 * store, src/hooks.server.ts) and remembers the account's language. Answers where the person lands;
 * throws PocketBase's error when the sign-in is refused. The sign-in page and the confirmation of a new
 * account's address both sign in so.
 */
export async function signInWithPassword(
	pb: PocketBase,
	cookies: Cookies,
	email: string,
	password: string
): Promise<string> {
	const auth = await pb.collection('users').authWithPassword<UserRecord>(email, password);
	if (auth.record.language === 'da' || auth.record.language === 'en') {
		rememberLanguage(cookies, auth.record.language);
	}
	return homeOf(auth.record);
}
