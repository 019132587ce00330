// Shared by the benchmarks: a PocketBase of its own on a temporary data directory and a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { startStack } from '../src/cli/stack.mjs';

export interface BenchStack {
	pbUrl: string;
	/** PocketBase's data directory. */
	dataDir: string;
	/** Superuser client, for loading data only. */
	system: PocketBase;
	/** Ends PocketBase with SIGKILL and waits until it is gone; the data directory stays. */
	kill: () => Promise<void>;
	/** Starts PocketBase again on the same data directory and port. */
	restart: () => Promise<void>;
	stop: () => Promise<void>;
}

/** Starts PocketBase (no app, no demo data). Call stop() at the end; it removes the data directory. */
export async function startBenchStack(): Promise<BenchStack> {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-'));
	const dataDir = join(dir, 'pb_data');
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	// A failed start leaves no process or directory behind (startStack stops what it started).
	const stack = await startStack({ dataDir, mailDir: join(dir, 'mail'), quiet: true }).catch((error) => {
		removeDir();
		throw error;
	});
	const system = new PocketBase(stack.pbUrl);
	system.autoCancellation(false);
	try {
		await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
	} catch (error) {
		await stack.stop();
		removeDir();
		throw error;
	}
	return {
		pbUrl: stack.pbUrl,
		dataDir,
		system,
		kill: stack.pocketbase.kill,
		restart: stack.pocketbase.restart,
		stop: async () => {
			await stack.stop();
			removeDir();
		}
	};
}

/**
 * A room open around the clock that any citizen books without approval, on a 30-minute step with no
 * buffer, bookable far ahead: the benchmarks measure the rules' cost, not a policy refusing them.
 */
export async function benchRoom(system: PocketBase, name: string, slug: string): Promise<{ id: string }> {
	const allDay = Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])
	);
	return system.collection('rooms').create({
		name,
		slug,
		capacity: 20,
		who_may_book: 'citizens',
		requires_approval: false,
		opening_hours: allDay,
		step_minutes: 30,
		buffer_minutes: 0,
		horizon_days: 1000,
		active: true
	});
}

/** Percentile of a list of numbers (0..100), nearest-rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index] ?? 0;
}

/**
 * Creates `count` verified users and returns a client for each, signed in with its own token and
 * sending its own client address (rate limits key on the address, as they would for real users).
 */
export async function benchUsers(
	system: PocketBase,
	pbUrl: string,
	count: number,
	prefix: string,
	name: string
): Promise<{ pb: PocketBase; id: string }[]> {
	const clients: { pb: PocketBase; id: string }[] = [];
	for (let i = 0; i < count; i++) {
		const user = await system.collection('users').create({
			email: `${prefix}-${i}@bench.borgerhus.dk`,
			password: 'bench-password-123',
			passwordConfirm: 'bench-password-123',
			name: `${name} ${i}`,
			verified: true
		});
		const pb = await system.collection('users').impersonate(user.id, 3600);
		pb.baseURL = pbUrl;
		pb.autoCancellation(false);
		const ip = `198.19.${i >> 8}.${i & 255}`;
		pb.beforeSend = (url, options) => {
			options.headers = { ...options.headers, 'X-Forwarded-For': ip };
			return { url, options };
		};
		clients.push({ pb, id: user.id });
	}
	return clients;
}
