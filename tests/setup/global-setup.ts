// Starts a real PocketBase (temporary data directory, free port), the mail catcher and the built app
// for the integration tests, and tears them down afterwards.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import PocketBase from 'pocketbase';
import { startStack, freePort } from '../../src/cli/stack.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		pbUrl: string;
		appUrl: string;
		mailDir: string;
		/** A superuser token for arranging test data; signing in once keeps clear of the rate limit. */
		superuserToken: string;
	}
}

export default async function setup(project: TestProject) {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-it-'));
	const hasBuild = existsSync(join(process.cwd(), 'build', 'index.js'));
	if (!hasBuild) throw new Error('Integration tests drive the built app: run `npm run build` first.');
	const appPort = await freePort();
	const stack = await startStack({
		dataDir: join(dir, 'pb_data'),
		mailDir: join(dir, 'mail'),
		appPort,
		quiet: true,
		seed: false,
		appEnv: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }
	});
	project.provide('pbUrl', stack.pbUrl);
	project.provide('appUrl', stack.appUrl);
	project.provide('mailDir', stack.mailDir);
	const system = new PocketBase(stack.pbUrl);
	await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
	project.provide('superuserToken', system.authStore.token);
	return async () => {
		await stack.stop();
		rmSync(dir, { recursive: true, force: true });
	};
}
