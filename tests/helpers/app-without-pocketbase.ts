import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The built app on its own, on a free port, with PocketBase's address pointing nowhere: how a screen or a
 * page behaves while PocketBase does not answer. Run `npm run build` first; `stop()` ends it.
 */
export async function appWithoutPocketBase(): Promise<{ origin: string; stop: () => Promise<void> }> {
	const { freePort, waitForHttp, stopChild } = await import('../../src/cli/stack.mjs');
	const [appPort, nowhere] = [await freePort(), await freePort()];
	const origin = `http://127.0.0.1:${appPort}`;
	const app = spawn(process.execPath, ['build'], {
		cwd: resolve(import.meta.dirname, '../..'),
		env: {
			PATH: process.env.PATH,
			NODE_ENV: 'production',
			PORT: String(appPort),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			POCKETBASE_URL: `http://127.0.0.1:${nowhere}`
		},
		stdio: 'ignore'
	});
	try {
		await waitForHttp(`${origin}/healthz`, { child: app });
	} catch (err) {
		await stopChild(app);
		throw err;
	}
	return { origin, stop: () => stopChild(app) };
}
