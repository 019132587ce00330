// The stack the browser tests run against: PocketBase on a temporary data directory with demo data,
// the mail catcher and the built app on BH_E2E_PORT. Stops on SIGTERM and removes its data.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack } from './stack.mjs';

const dir = process.env.BH_E2E_DIR;
const port = Number(process.env.BH_E2E_PORT);
if (!dir || !port) throw new Error('BH_E2E_DIR and BH_E2E_PORT must be set');

const stack = await startStack({
	dataDir: join(dir, 'pb_data'),
	mailDir: join(dir, 'mail'),
	appPort: port,
	seed: true,
	quiet: true,
	// Each browser test sends its own X-Forwarded-For, so that per-address rate limits stay per test.
	appEnv: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }
});
// Browser tests arrange their own data (a pending booking, a waiting hold) with the system account.
writeFileSync(join(dir, 'system.json'), JSON.stringify({ pbUrl: stack.pbUrl, ...stack.superuser }), {
	mode: 0o600
});
console.log(`e2e stack ready at ${stack.appUrl}`);

const shutdown = async () => {
	await stack.stop();
	rmSync(dir, { recursive: true, force: true });
	process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
