import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePortFree, freePort } from './stack.mjs';

// `npm start` on a machine where another server (say another PocketBase on 8090) already listens on one of
// its ports: said at once, by port and setting, instead of a failed sign-in into the other server.

let holder: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())));

describe('ensurePortFree', () => {
	it('refuses a port something listens on, naming it, and accepts it once it is free', async () => {
		const port = await freePort();
		holder = createServer();
		await new Promise<void>((resolve) => holder!.listen(port, '127.0.0.1', resolve));
		await expect(ensurePortFree(port, 'PocketBase, PB_PORT')).rejects.toThrow(
			`port ${port} (PocketBase, PB_PORT) is already in use`
		);
		await new Promise<void>((resolve) => holder!.close(() => resolve()));
		holder = undefined;
		await expect(ensurePortFree(port, 'PocketBase, PB_PORT')).resolves.toBeUndefined();
	});
});
