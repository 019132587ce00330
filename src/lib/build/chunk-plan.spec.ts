import { describe, expect, it } from 'vitest';
import { mergeCost, planChunks, readGraph } from './chunk-plan.js';

const KB = 1024;
const piece = (size: number, ...pages: string[]): Piece => ({ size, pages: new Set(pages) });
type Piece = { size: number; pages: Set<string>; imports?: string[] };
const LAYOUT = 'layout';
const options = { minSize: 6 * KB, everywhere: (pages: Set<string>) => pages.has(LAYOUT) };

describe('planChunks', () => {
	it('puts what every page loads in the layout chunk and leaves what one page loads with that page', () => {
		const plan = planChunks(
			new Map([
				['nav', piece(2 * KB, LAYOUT, 'a')],
				['form', piece(9 * KB, 'a')]
			]),
			options
		);
		expect(plan.get('nav')).toBe('0000-layout');
		expect(plan.has('form')).toBe(false);
	});

	it('keeps modules of the same pages together and large sets of pages apart', () => {
		const plan = planChunks(
			new Map([
				['week', piece(7 * KB, 'a', 'b')],
				['slots', piece(1 * KB, 'a', 'b')],
				['charts', piece(20 * KB, 'c', 'd')]
			]),
			options
		);
		expect(plan.get('week')).toBe(plan.get('slots'));
		expect(plan.get('charts')).not.toBe(plan.get('week'));
	});

	it('merges a small piece where pages load the fewest bytes they do not use, not where fewer pages differ', () => {
		// into `big`, page c would load 1 kB and page a 40 kB unused; into `wide`, pages c, d and e 1 kB each
		const plan = planChunks(
			new Map([
				['small', piece(1 * KB, 'a', 'b')],
				['big', piece(40 * KB, 'b', 'c')],
				['wide', piece(10 * KB, 'a', 'b', 'c', 'd', 'e')]
			]),
			options
		);
		expect(plan.get('small')).toBe(plan.get('wide'));
		expect(plan.get('big')).not.toBe(plan.get('small'));
	});

	it('merges until no chunk is under the minimum, and names chunks that more pages load first', () => {
		const plan = planChunks(
			new Map([
				['x', piece(3 * KB, 'a', 'b')],
				['y', piece(3 * KB, 'a', 'b', 'c')],
				['z', piece(7 * KB, 'd', 'e')]
			]),
			options
		);
		expect(plan.get('x')).toBe(plan.get('y'));
		// x and y (6 kB together) load on three pages, z on two: theirs comes first
		expect(plan.get('x')).toMatch(/^0001-/);
		expect(plan.get('z')).toMatch(/^0002-/);
	});

	it('names a chunk to come after the chunks it imports from, whatever their pages', () => {
		// `account` (texts of four pages) imports `states`, which three pages load: the bundler would put
		// `states` into `account`'s file had it come first, and pages needing `states` would load both
		const plan = planChunks(
			new Map([
				['account', { size: 7 * KB, pages: new Set(['a', 'b', 'c', 'd']), imports: ['states'] }],
				['states', piece(7 * KB, 'a', 'e', 'f')]
			]),
			options
		);
		expect(String(plan.get('states')) < String(plan.get('account'))).toBe(true);
	});

	it('counts what a small piece imports when it chooses where to merge it', () => {
		// `doc` fits `forms` best by its own bytes (2 kB unused against 3 kB in `texts`), but it imports
		// `texts`: merged into `forms`, pages a and b would load all of `texts` (50 kB each) for nothing
		const plan = planChunks(
			new Map([
				['doc', { size: 1 * KB, pages: new Set(['d', 'e']), imports: ['texts'] }],
				['texts', piece(50 * KB, 'd', 'e', 'f', 'g', 'h')],
				['forms', piece(7 * KB, 'a', 'b', 'd', 'e')]
			]),
			options
		);
		expect(plan.get('doc')).toBe(plan.get('texts'));
		expect(plan.get('forms')).not.toBe(plan.get('doc'));
	});

	it('does not merge into a page near its bar what it does not use, and merges for the other pages as before', () => {
		// `picker` (10 pages) would go cheapest into `reasons` (pages h, i and the staff's list s), which puts
		// it on the list; with the list near its bar the picker stays a file of its own, and `reasons` merges
		// with `week` as before (s loads both)
		const pieces = () =>
			new Map([
				['picker', piece(1.6 * KB, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j')],
				['reasons', piece(2.2 * KB, 'h', 'i', 's')],
				['week', piece(4 * KB, 'h', 's')],
				['forms', piece(7 * KB, 'a', 'b', 'c', 'x', 'y')]
			]);
		const light = planChunks(pieces(), options);
		expect(light.get('picker')).toBe(light.get('reasons'));
		const plan = planChunks(pieces(), { ...options, heavy: (page: string) => page === 's' });
		expect(plan.get('picker')).not.toBe(plan.get('reasons'));
		expect(plan.get('picker')).not.toBe(plan.get('week'));
		expect(plan.get('reasons')).toBe(plan.get('week'));
		// merges that put nothing on a heavy page are made as without the rule
		const files = new Set(plan.values());
		expect(files.size).toBe(3);
	});

	it('still merges a small piece into a wider one when that puts it on a page near its bar', () => {
		// kept apart, `field` would be a small file of its own on pages a and b
		const plan = planChunks(
			new Map([
				['field', piece(1 * KB, 'a', 'b')],
				['forms', piece(7 * KB, 'a', 'b', 'c', 's')]
			]),
			{ ...options, heavy: (page: string) => page === 's' }
		);
		expect(plan.get('field')).toBe(plan.get('forms'));
	});

	it('does not merge a small piece of a page near its bar into a wider one that the page does not load', () => {
		// `headings` (the staff's event page s, the check-in and the public event page) would go cheapest into
		// the wider `notices` (the check-in, the event page, the ticket and the volunteer's page), which puts
		// `notices` on s; with s near its bar `headings` stays a file of its own
		const pieces = () =>
			new Map([
				['headings', piece(2.4 * KB, 's', 'c', 'e')],
				['notices', piece(2.4 * KB, 'c', 'e', 't', 'v')],
				['forms', piece(20 * KB, 'a', 'b', 'd', 'f', 'g', 'h')]
			]);
		const light = planChunks(pieces(), options);
		expect(light.get('headings')).toBe(light.get('notices'));
		const plan = planChunks(pieces(), { ...options, heavy: (page: string) => page === 's' });
		expect(plan.get('headings')).not.toBe(plan.get('notices'));
		expect(plan.get('headings')).not.toBe(plan.get('forms'));
	});

	it('leaves a lone small chunk as it is when there is nothing to merge it with', () => {
		const plan = planChunks(new Map([['x', piece(1 * KB, 'a', 'b')]]), options);
		expect(plan.get('x')).toMatch(/^0001-/);
	});
});

describe('mergeCost', () => {
	it('counts each side on the pages of the other it is not on', () => {
		expect(mergeCost(piece(3, 'a', 'b'), piece(30, 'b', 'c', 'd'))).toBe(3 * 2 + 30 * 1);
		expect(mergeCost(piece(3, 'a'), piece(30, 'a'))).toBe(0);
	});
});

describe('readGraph', () => {
	type Info = {
		code: string;
		isEntry: boolean;
		importedIds: string[];
		dynamicallyImportedIds: string[];
		importers: string[];
		dynamicImporters: string[];
	};
	const mod = (code: string, imports: string[] = [], lazy: string[] = []): Info => ({
		code,
		isEntry: false,
		importedIds: imports,
		dynamicallyImportedIds: lazy,
		importers: [],
		dynamicImporters: []
	});
	const M = '/app/src/lib/paraglide/messages';
	const graph: Record<string, Info> = {
		'/app/app.js': mod('app', [], ['/app/nodes/0.js', '/app/nodes/2.js', '/app/nodes/3.js']),
		'/app/nodes/0.js': mod('layout', [`${M}.js`]),
		'/app/nodes/2.js': mod('page two', ['/app/src/lib/Week.svelte'], ['/app/src/lib/Scanner.svelte']),
		'/app/nodes/3.js': mod('page three', ['/app/src/lib/Week.svelte']),
		'/app/src/lib/Week.svelte': mod('m.rooms_week(); m.rooms_free()', [`${M}.js`]),
		'/app/src/lib/Scanner.svelte': mod('scanner'),
		[`${M}.js`]: mod('export * as m', [`${M}/_index.js`]),
		[`${M}/_index.js`]: mod('export *', [`${M}/rooms_week.js`, `${M}/rooms_free.js`, `${M}/staff_only.js`]),
		[`${M}/rooms_week.js`]: mod('week'),
		[`${M}/rooms_free.js`]: mod('free'),
		[`${M}/staff_only.js`]: mod('staff')
	};
	const ctx = { getModuleInfo: (id: string) => graph[id] ?? null };

	it("gives each module the pages whose first load includes it, messages by the code that names them", () => {
		const pieces = readGraph(['/app/app.js', '/app/nodes/0.js', '/app/nodes/2.js', '/app/nodes/3.js'], ctx);
		const pages = (id: string) => [...(pieces.get(id)?.pages ?? [])].sort();
		expect(pages('/app/src/lib/Week.svelte')).toEqual(['/app/nodes/2.js', '/app/nodes/3.js']);
		expect(pages(`${M}/rooms_week.js`)).toEqual(['/app/nodes/2.js', '/app/nodes/3.js']);
		// the layout imports the barrel but names no message; nobody names staff_only
		expect(pieces.has(`${M}/staff_only.js`)).toBe(false);
		// a script a page imports on demand is an entry of its own, not part of the page's first load
		expect(pages('/app/src/lib/Scanner.svelte')).toEqual(['/app/src/lib/Scanner.svelte']);
		expect(pieces.get('/app/src/lib/Week.svelte')?.size).toBe('m.rooms_week(); m.rooms_free()'.length);
	});
});
