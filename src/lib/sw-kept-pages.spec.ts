import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

/**
 * static/sw-kept-pages.js is a plain script the service worker imports (docs/offline.md, "A new version"):
 * it runs here as there, its functions globals of its own scope.
 */
const worker = (() => {
	const scope: Record<string, unknown> = {
		self: { addEventListener() {}, location: new URL('https://borgerhus.test') },
		URL,
		Response,
		Headers
	};
	runInNewContext(readFileSync(new URL('../../static/sw-kept-pages.js', import.meta.url), 'utf8'), scope);
	return scope as {
		mayReplace(request: Request, kept: Response, fresh: Response): Promise<boolean>;
		isPageData(response: Response): Promise<boolean>;
	};
})();

const DATA = '/arrangementer/__data.json';
const PAGE = '/arrangementer';

/** An answer as the service worker gets it from its own site. */
function answer(body: string, headers: Record<string, string> = {}, status = 200) {
	const response = new Response(body, { status, headers });
	Object.defineProperty(response, 'type', { value: 'basic' });
	return response;
}
const request = (path: string) => new Request(`https://borgerhus.test${path}`);
const asUser = (id: string) => ({ 'cache-control': 'private, no-store', 'x-borgerhus-user': id });

const pageData = '{"type":"data","nodes":[{"type":"data","data":[{}],"uses":{}},null]}\n';

describe('a kept page data fetched again by a new version', () => {
	it("replaces the kept copy with the page's own data", async () => {
		const kept = answer(pageData, asUser('u1'));
		expect(await worker.mayReplace(request(DATA), kept, answer(pageData, asUser('u1')))).toBe(true);
		// with a promise the data streams, a line of its own
		const streamed = `${pageData}{"type":"chunk","id":1,"data":[1]}\n`;
		expect(await worker.mayReplace(request(DATA), kept, answer(streamed, asUser('u1')))).toBe(true);
	});

	it('never with a redirect or a failed load, which SvelteKit answers with a 200 too', async () => {
		const kept = answer(pageData, asUser('u1'));
		for (const body of [
			'{"type":"redirect","location":"/log-ind"}',
			'{"type":"error","error":{"message":"Internal Error"}}',
			'{"type":"data","nodes":[{"type":"skip"},{"type":"error","error":{"message":"Not Found"},"status":404}]}\n',
			'{"type":"data","nodes":[null,{"type":"redirect","location":"/"}]}',
			`${pageData}{"type":"chunk","id":1,"error":{"message":"Internal Error"}}\n`,
			'',
			'<!doctype html>'
		]) {
			expect(await worker.mayReplace(request(DATA), kept, answer(body, asUser('u1'))), body).toBe(false);
		}
	});

	it('leaves the fresh answer whole for the cache to keep', async () => {
		const fresh = answer(pageData, asUser('u1'));
		expect(await worker.isPageData(fresh)).toBe(true);
		expect(await fresh.text()).toBe(pageData);
	});

	it('a page itself is not read as data', async () => {
		const kept = answer('<!doctype html>', asUser('u1'));
		expect(await worker.mayReplace(request(PAGE), kept, answer('<!doctype html>', asUser('u1')))).toBe(true);
	});
});

describe('whose a kept page or page data fetched again is', () => {
	const guest = { 'cache-control': 'private, no-store', 'x-borgerhus-user': '-' };
	const may = (kept: Record<string, string>, fresh: Record<string, string>) =>
		worker.mayReplace(request(DATA), answer(pageData, kept), answer(pageData, fresh));

	it("a guest's data by a guest's, and by the signed-in person's", async () => {
		expect(await may(guest, guest)).toBe(true);
		expect(await may(guest, asUser('u1'))).toBe(true);
	});

	it("never a signed-in person's by a guest's or another person's", async () => {
		expect(await may(asUser('u1'), guest)).toBe(false);
		expect(await may(asUser('u1'), asUser('u2'))).toBe(false);
	});

	it('never a private copy that names no one: it may be a signed-in one of an older version', async () => {
		expect(await may({ 'cache-control': 'private, no-store' }, guest)).toBe(false);
		expect(await may({ 'cache-control': 'private, no-store' }, asUser('u1'))).toBe(false);
		// a guest's page of an older version was never private
		expect(await may({}, asUser('u1'))).toBe(true);
	});
});
