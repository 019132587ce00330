// Shared by the benchmarks: a PocketBase of its own on a temporary data directory and a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { startStack } from '../src/cli/stack.mjs';

export interface BenchStack {
	pbUrl: string;
	/** Superuser client, for loading data only. */
	system: PocketBase;
	stop: () => Promise<void>;
}

/** Starts PocketBase (no app, no demo data). Call stop() at the end; it removes the data directory. */
export async function startBenchStack(): Promise<BenchStack> {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-'));
	const stack = await startStack({ dataDir: join(dir, 'pb_data'), mailDir: join(dir, 'mail'), quiet: true });
	const system = new PocketBase(stack.pbUrl);
	system.autoCancellation(false);
	await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
	return {
		pbUrl: stack.pbUrl,
		system,
		stop: async () => {
			await stack.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Percentile of a list of numbers (0..100), nearest-rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index] ?? 0;
}
