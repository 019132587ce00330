import { inject } from 'vitest';
import type { TestStack } from '../setup/global-setup';

/**
 * The stack (PocketBase, mail catcher, built app) this test file runs against. The setup starts one stack
 * per worker, and a worker runs one file at a time, so each stack serves one file at a time, as if the
 * suite ran alone: counts of whole collections, the staff's live feed and the mail stay the file's own.
 */
export function stack(): TestStack {
	const stacks = inject('stacks');
	const worker = Number(process.env.VITEST_POOL_ID ?? 1);
	const own = stacks[(worker - 1) % stacks.length];
	if (!own)
		throw new Error('No test stack: run the integration tests through Vitest (tests/setup/global-setup.ts).');
	return own;
}
