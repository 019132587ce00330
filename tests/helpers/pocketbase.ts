import PocketBase from 'pocketbase';
import { randomInt, randomUUID } from 'node:crypto';
import type { UserRecord } from '../../src/lib/pocketbase-types';
import { stack } from './stack';

export const PASSWORD = 'correct-horse-battery';

/** A client with system rights, for arranging test data only (never the thing under test). */
export async function systemClient(): Promise<PocketBase> {
	const pb = new PocketBase(stack().pbUrl);
	pb.autoCancellation(false);
	pb.authStore.save(stack().superuserToken);
	return pb;
}

/** A guest client talking to PocketBase directly, as anyone on the internet could. */
export function guestClient(ip = randomIp()): PocketBase {
	const pb = new PocketBase(stack().pbUrl);
	pb.autoCancellation(false);
	pb.beforeSend = (url, options) => {
		options.headers = { ...options.headers, 'X-Forwarded-For': ip };
		return { url, options };
	};
	return pb;
}

/**
 * An address of its own for a client, so that the rate limits one test runs into never touch another.
 * Drawn from 240.0.0.0/4, reserved and never routed: its 2^28 addresses make two tests sharing one within a
 * limit's window unlikely, where the 65,000 of a /16 made it happen about once in a few runs (a test's
 * set-up was refused a sign-in because another had used up the same address).
 */
export function randomIp(): string {
	const n = randomInt(2 ** 28);
	return `${240 + (n >>> 24)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function uniqueEmail(prefix = 'user'): string {
	return `${prefix}-${randomUUID().slice(0, 8)}@test.borgerhus.dk`;
}

export interface TestUser {
	record: UserRecord;
	email: string;
	password: string;
	/** A client signed in as this user, calling PocketBase directly with the user's own token. */
	pb: PocketBase;
}

/** Creates a verified user (optionally staff) and signs it in. */
export async function createUser(options: { staff?: boolean; name?: string } = {}): Promise<TestUser> {
	const system = await systemClient();
	const email = uniqueEmail(options.staff ? 'staff' : 'citizen');
	const record = await system.collection('users').create<UserRecord>({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: options.name ?? 'Test Borger',
		verified: true,
		staff: options.staff ?? false,
		language: 'da'
	});
	const pb = guestClient();
	await pb.collection('users').authWithPassword(email, PASSWORD);
	return { record, email, password: PASSWORD, pb };
}

/** PocketBase's realtime stream by hand, subscribed to `topics` as the token's user (or a guest). */
export async function listen(base: string, token: string, topics: string[]) {
	const abort = new AbortController();
	const auth: Record<string, string> = token ? { Authorization: token } : {};
	const stream = await fetch(`${base}/api/realtime`, { signal: abort.signal, headers: auth });
	const reader = stream.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	while (!/"clientId":"[^"]+"/.test(text)) {
		const chunk = await reader.read();
		if (chunk.done) throw new Error('the realtime stream closed before naming the client');
		text += decoder.decode(chunk.value);
	}
	const clientId = /"clientId":"([^"]+)"/.exec(text)![1]!;
	const set = await fetch(`${base}/api/realtime`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...auth },
		body: JSON.stringify({ clientId, subscriptions: topics })
	});
	if (set.status !== 204) throw new Error(`the realtime subscription was answered ${set.status}`);
	void (async () => {
		try {
			for (;;) {
				const chunk = await reader.read();
				if (chunk.done) return;
				text += decoder.decode(chunk.value);
			}
		} catch {
			// closed
		}
	})();
	return { text: () => text, close: () => abort.abort() };
}
