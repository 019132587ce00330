import { describe, expect, it } from 'vitest';
import { systemClient } from '../helpers/pocketbase';

// docs/rules.md: explicit API rules on every collection, nothing open by accident. A write rule of ""
// would let anyone, guests included, write; the schema must never have one.
describe('API rules of every collection', () => {
	it('has no write rule open to guests', async () => {
		const system = await systemClient();
		const collections = (await system.collections.getFullList()).filter((c) => !c.system);
		expect(collections.length).toBeGreaterThan(10);
		const open: string[] = [];
		for (const collection of collections) {
			for (const rule of ['createRule', 'updateRule', 'deleteRule'] as const) {
				const value = (collection as unknown as Record<string, string | null>)[rule];
				if (value === '' && !(collection.name === 'users' && rule === 'createRule'))
					open.push(`${collection.name}.${rule}`);
			}
		}
		expect(open).toEqual([]);
	});
});
