import PocketBase from 'pocketbase';
import { randomUUID } from 'node:crypto';
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

/** A unique address from the documentation range, so rate limits of one test never touch another. */
export function randomIp(): string {
	const n = Math.floor(Math.random() * 65_000);
	return `198.18.${n >> 8}.${n & 255}`;
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
