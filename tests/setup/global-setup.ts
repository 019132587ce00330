// Starts a real PocketBase (temporary data directory, free port), the mail catcher and the built app
// for the integration tests, one such stack per worker, and tears them down afterwards.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import PocketBase from 'pocketbase';
import { startStack, freePort } from '../../src/cli/stack.mjs';

/** One running stack, as the tests reach it. */
export interface TestStack {
	pbUrl: string;
	appUrl: string;
	mailDir: string;
	/** A superuser token for arranging test data; signing in once keeps clear of the rate limit. */
	superuserToken: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** One stack per worker (tests/helpers/stack.ts picks the worker's own). */
		stacks: TestStack[];
	}
}

export default async function setup(project: TestProject) {
	const hasBuild = existsSync(join(process.cwd(), 'build', 'index.js'));
	if (!hasBuild) throw new Error('Integration tests drive the built app: run `npm run build` first.');
	const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
	const results = await Promise.allSettled(Array.from({ length: workers }, () => startOne()));
	const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
	const failed = results.find((result) => result.status === 'rejected');
	if (failed) {
		await Promise.all(started.map((one) => one.stop()));
		throw failed.reason;
	}
	project.provide(
		'stacks',
		started.map((one) => one.stack)
	);
	return async () => {
		await Promise.all(started.map((one) => one.report()));
		await Promise.all(started.map((one) => one.stop()));
	};
}

/** A stack on its own temporary data directory and free ports. */
/** PocketBase writes its request log in batches, at the latest every 3 seconds. */
const LOG_FLUSH_MS = 3_500;

/**
 * Requests PocketBase answered with an error no rule of ours gave: a 5xx, or a 400 that wraps an error
 * of the database or a hook ("Failed to create record." with a cause that is neither a rule's refusal nor
 * field errors). The log keeps the cause the answer leaves out, so a rare failure in a run can be told
 * from a broken rule afterwards.
 */
const UNEXPECTED =
	'data.status >= 500 || ((data.error ~ "Failed to create record" || data.error ~ "Failed to update record" || data.error ~ "Failed to delete record") && data.details !~ "rule failure")';

function unexpected(data: Record<string, unknown>): boolean {
	return Number(data.status) >= 500 || typeof data.details === 'string';
}

async function startOne(): Promise<{
	stack: TestStack;
	report: () => Promise<void>;
	stop: () => Promise<void>;
}> {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-it-'));
	const appPort = await freePort();
	const stack = await startStack({
		dataDir: join(dir, 'pb_data'),
		mailDir: join(dir, 'mail'),
		appPort,
		quiet: true,
		seed: false,
		appEnv: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }
	});
	const system = new PocketBase(stack.pbUrl);
	await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
	// Passwords are hashed at bcrypt's lowest cost on this stack only: the suite makes some thousands of
	// accounts and signs each in, and at the production cost (PocketBase's default, 10) the hashing was two
	// thirds of the integration tests' time. A hash of either cost checks the same way; the browser tests'
	// stack and `npm start` keep the production cost.
	const users = await system.collections.getOne('users');
	await system.collections.update('users', {
		fields: users.fields.map((field) => (field.name === 'password' ? { ...field, cost: 4 } : field))
	});
	return {
		stack: {
			pbUrl: stack.pbUrl,
			appUrl: stack.appUrl,
			mailDir: stack.mailDir,
			superuserToken: system.authStore.token
		},
		report: async () => {
			try {
				await new Promise((resolve) => setTimeout(resolve, LOG_FLUSH_MS));
				const logs = await system.logs.getList(1, 500, { filter: UNEXPECTED, sort: 'created' });
				for (const log of logs.items) {
					const data = log.data as Record<string, unknown>;
					if (!unexpected(data)) continue;
					console.error(
						`PocketBase ${log.created} ${data.method} ${data.url} ${data.status}: ${data.error} ${JSON.stringify(data.details ?? '')}`
					);
				}
			} catch (err) {
				console.error('PocketBase request log unreadable:', err);
			}
		},
		stop: async () => {
			await stack.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
