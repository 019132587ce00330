// API scenario tables, in the style of PocketBase's own `tests.ApiScenario`: each row names an actor, a
// request made with that actor's own token straight to PocketBase, the status expected, the refusal code
// expected, what must be stored afterwards and what must not leak into the answer. One loop runs them, each
// on fresh data from `arrange`, so no row depends on another's order or leftovers.
import { describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import type PocketBase from 'pocketbase';

export interface Scenario<C> {
	name: string;
	/** The client that acts: a user's own client, a guest client, or staff. */
	actor: (ctx: C) => PocketBase;
	/** The request under test. */
	act: (pb: PocketBase, ctx: C) => Promise<unknown>;
	/** 200 for any success (PocketBase answers 200 or 204), otherwise the error status. */
	status: number;
	/** The refusal code expected on some field of a 400 answer. */
	code?: string;
	/** Assertions on the stored state afterwards (read with system rights). */
	after?: (ctx: C, result: unknown) => Promise<void>;
	/** Strings (ids, names, emails) that must not appear anywhere in the answer. */
	mustNotContain?: (ctx: C) => string[];
}

export interface Outcome {
	status: number;
	body: unknown;
}

/** Runs a request and reports its status and body, whether it succeeded or was refused. */
export async function outcome(request: Promise<unknown>): Promise<Outcome> {
	try {
		const body = await request;
		return { status: 200, body };
	} catch (err) {
		if (err instanceof ClientResponseError) return { status: err.status, body: err.response };
		throw err;
	}
}

/** The refusal codes of a PocketBase error answer, field by field. */
export function codesOf(body: unknown): string[] {
	const data = (body as { data?: Record<string, { code?: string }> } | undefined)?.data ?? {};
	return Object.values(data)
		.map((d) => d?.code ?? '')
		.filter(Boolean);
}

/** Runs a table of scenarios, each as its own test on fresh data. */
export function scenarios<C>(title: string, arrange: () => Promise<C>, rows: Scenario<C>[]): void {
	describe(title, () => {
		for (const row of rows) {
			it(row.name, async () => {
				const ctx = await arrange();
				const result = await outcome(row.act(row.actor(ctx), ctx));
				expect(result.status, JSON.stringify(result.body)).toBe(row.status);
				if (row.code) expect(codesOf(result.body)).toContain(row.code);
				if (row.mustNotContain) {
					const text = JSON.stringify(result.body ?? null);
					for (const secret of row.mustNotContain(ctx)) expect(text).not.toContain(secret);
				}
				if (row.after) await row.after(ctx, result.body);
			});
		}
	});
}
