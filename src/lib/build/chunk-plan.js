// @ts-check
/**
 * Which script file each shared client module goes into (vite.config.ts, docs/performance.md).
 *
 * A page's first load is its route's files plus the layout's. Modules that several pages share are put
 * together by the set of pages that load them, so a page loads only what it uses; but each set of pages
 * is a file of its own, and a page that shares small pieces with many others loads many small files. Small
 * sets are therefore merged, each into the set it costs least to merge with: the cost is the bytes that
 * pages then load without using them (a 3 kB piece merged into a 30 kB one that ten other pages use costs
 * those ten pages 3 kB each and its own pages 30 kB each). The bundler's own merge counted only the pages
 * that differ, not the bytes, and put a staff form and the lobby screen's clock on the public pages.
 *
 * Everything here is plain data in, plain data out: `readGraph` turns the bundler's module graph into it,
 * `planChunks` decides.
 */
import path from 'node:path';

/**
 * @typedef {{ size: number; pages: Set<string>; imports?: string[] }} Piece a module: its size, the entries
 *   (pages) that load it on their first load and the modules it imports
 * @typedef {{ name: string; size: number; pages: Set<string>; modules: string[] }} Cluster
 */

/**
 * Groups modules into chunks. Modules every page loads go to one `layout` chunk (named to come first);
 * modules that one page loads stay with it (no name); the rest are clustered by their set of pages, and
 * clusters under `minSize` are merged where that costs the fewest unused bytes. A page near its bar (`heavy`)
 * is not given bytes it does not use by a small cluster going into a narrower one (loaded by no more pages),
 * nor, as one of the small cluster's pages, by its going into a wider one that the page does not load: a
 * cluster whose cheapest merge would do that stays a file of its own. It is not sent to its next cheapest
 * target, which would move every later merge; and a cluster going into a wider one that its heavy pages load
 * (a form's field into the forms' code) still merges, or it would be a small file of its own on every light
 * page that loads it.
 * @param {Map<string, Piece>} pieces
 * @param {{ minSize: number; everywhere: (pages: Set<string>) => boolean; heavy?: (page: string) => boolean }} options
 * @returns {Map<string, string>} module id -> chunk name
 */
export function planChunks(pieces, { minSize, everywhere, heavy = () => false }) {
	/** @type {Map<string, string>} */
	const names = new Map();
	/** @type {Map<string, Cluster>} */
	const clusters = new Map();
	for (const [id, piece] of pieces) {
		if (everywhere(piece.pages)) {
			names.set(id, '0000-layout');
			continue;
		}
		if (piece.pages.size < 2) continue;
		const key = [...piece.pages].sort().join('|');
		const cluster = clusters.get(key) ?? { name: key, size: 0, pages: piece.pages, modules: [] };
		cluster.size += piece.size;
		cluster.modules.push(id);
		clusters.set(key, cluster);
	}

	const live = [...clusters.values()];
	/** @type {Map<string, Cluster>} */
	const home = new Map();
	for (const cluster of live) for (const id of cluster.modules) home.set(id, cluster);
	/** @type {Map<Cluster, Set<Cluster>>} */
	let reached = new Map();
	/** The clusters a cluster's modules import, directly or through others. @param {Cluster} cluster */
	const reach = (cluster) => {
		let out = reached.get(cluster);
		if (out) return out;
		out = new Set();
		const stack = [cluster];
		while (stack.length) {
			const next = /** @type {Cluster} */ (stack.pop());
			for (const id of next.modules) {
				for (const dep of pieces.get(id)?.imports ?? []) {
					const other = home.get(dep);
					if (other && other !== cluster && !out.has(other)) {
						out.add(other);
						stack.push(other);
					}
				}
			}
		}
		reached.set(cluster, out);
		return out;
	};
	/** @type {Set<Cluster>} small clusters left as they are, so as not to load a heavy page with them */
	const kept = new Set();
	for (;;) {
		const small = live.filter((c) => c.size < minSize && !kept.has(c)).sort((a, b) => a.size - b.size || cmp(a.name, b.name));
		const candidate = small[0];
		if (!candidate) break;
		let best = /** @type {{ cost: number; target: Cluster } | undefined} */ (undefined);
		for (const target of live) {
			if (target === candidate) continue;
			const cost = mergeCost(candidate, target) + importsCost(candidate, target, reach);
			if (!best || cost < best.cost || (cost === best.cost && target.size < best.target.size)) {
				best = { cost, target };
			}
		}
		if (!best) break;
		const { target } = best;
		// into a narrower cluster, neither side's heavy pages take the other's bytes; into a wider one, the
		// candidate's heavy pages do not take the wider cluster's (its other pages may take the candidate's)
		const burdened =
			target.pages.size <= candidate.pages.size
				? burdens(candidate, target, heavy)
				: [...candidate.pages].some((page) => heavy(page) && !target.pages.has(page));
		if (burdened) {
			kept.add(candidate);
			continue;
		}
		target.size += candidate.size;
		target.pages = new Set([...target.pages, ...candidate.pages]);
		target.modules.push(...candidate.modules);
		for (const id of candidate.modules) home.set(id, target);
		live.splice(live.indexOf(candidate), 1);
		reached = new Map();
	}

	// The bundler captures a module's dependencies into its chunk unless their own chunk comes first, so a
	// chunk is named to sort after the chunks it imports from. Merged chunks break the rule that a module's
	// dependencies are loaded by at least its pages: a chunk of account pages' texts came before the
	// overview's state texts it imports, took them in, and Mit overblik then loaded the whole file.
	const order = dependencyOrder(live, pieces);
	order.forEach((cluster, index) => {
		const label = `${String(index + 1).padStart(4, '0')}-${hash([...cluster.modules].sort().join('\n'))}`;
		for (const id of cluster.modules) names.set(id, label);
	});
	return names;
}

/**
 * The clusters in an order where each comes after the clusters it imports from (a cycle is cut where it
 * closes), and otherwise those that more pages load first.
 * @param {Cluster[]} clusters
 * @param {Map<string, Piece>} pieces
 * @returns {Cluster[]}
 */
export function dependencyOrder(clusters, pieces) {
	/** @type {Map<string, Cluster>} */
	const home = new Map();
	for (const cluster of clusters) for (const id of cluster.modules) home.set(id, cluster);
	const byPages = [...clusters].sort((a, b) => b.pages.size - a.pages.size || cmp(a.name, b.name));
	/** @type {Cluster[]} */
	const order = [];
	/** @type {Set<Cluster>} */
	const seen = new Set();
	/** @param {Cluster} cluster */
	const visit = (cluster) => {
		if (seen.has(cluster)) return;
		seen.add(cluster);
		/** @type {Set<Cluster>} */
		const deps = new Set();
		for (const id of cluster.modules) {
			for (const dep of pieces.get(id)?.imports ?? []) {
				const other = home.get(dep);
				if (other && other !== cluster) deps.add(other);
			}
		}
		for (const dep of byPages) if (deps.has(dep)) visit(dep);
		order.push(cluster);
	};
	for (const cluster of byPages) visit(cluster);
	return order;
}

/**
 * The bytes pages load without using them once `a` and `b` are one file: `a` on `b`'s other pages and `b`
 * on `a`'s.
 * @param {{ size: number; pages: Set<string> }} a
 * @param {{ size: number; pages: Set<string> }} b
 */
export function mergeCost(a, b) {
	let aOnly = 0;
	for (const page of a.pages) if (!b.pages.has(page)) aOnly++;
	let bOnly = 0;
	for (const page of b.pages) if (!a.pages.has(page)) bOnly++;
	return a.size * bOnly + b.size * aOnly;
}

/**
 * Whether making `a` and `b` one file loads a heavy page with bytes it does not use: a page of one that the
 * other does not reach.
 * @param {{ pages: Set<string> }} a
 * @param {{ pages: Set<string> }} b
 * @param {(page: string) => boolean} heavy
 */
export function burdens(a, b, heavy) {
	for (const page of a.pages) if (!b.pages.has(page) && heavy(page)) return true;
	for (const page of b.pages) if (!a.pages.has(page) && heavy(page)) return true;
	return false;
}

/**
 * The bytes pages load without using them because `a` and `b` are one file, through the files each of them
 * imports: a file that `a` imports (and `b` does not) is loaded by `b`'s pages once they load `a`, and the
 * other way round. A data document's component merged beside the sign-in form's texts made every account
 * page load the whole of Mine data's texts, which the document imports.
 * @param {Cluster} a
 * @param {Cluster} b
 * @param {(cluster: Cluster) => Set<Cluster>} reach the clusters a cluster imports, directly or not
 */
export function importsCost(a, b, reach) {
	const fromA = reach(a);
	const fromB = reach(b);
	let cost = 0;
	for (const dep of fromA) if (dep !== b && !fromB.has(dep)) cost += dep.size * missing(b.pages, dep.pages);
	for (const dep of fromB) if (dep !== a && !fromA.has(dep)) cost += dep.size * missing(a.pages, dep.pages);
	return cost;
}

/** How many of `pages` are not in `of`. @param {Set<string>} pages @param {Set<string>} of */
function missing(pages, of) {
	let count = 0;
	for (const page of pages) if (!of.has(page)) count++;
	return count;
}

/** @param {string} a @param {string} b */
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** A short stable name for a chunk's content (FNV-1a). @param {string} text */
function hash(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(36);
}

/**
 * @typedef {{ code: string | null; isEntry: boolean; importedIds: readonly string[]; dynamicallyImportedIds: readonly string[]; importers: readonly string[]; dynamicImporters: readonly string[] }} ModuleInfo
 * @typedef {{ getModuleInfo(id: string): ModuleInfo | null }} Context
 */

const BARREL = /[\\/]paraglide[\\/]messages(\.js|[\\/]_index\.js)$/;

/**
 * The bundler's module graph as pieces: every module with its size and the entries whose first load
 * includes it. The entries are the given starts (the client's app and its route nodes) and every module
 * one of them imports on demand. Paraglide's barrel (`m`) would make every page reach every message, so a
 * module that imports it reaches only the messages its code names (`m.key`), as tree-shaking leaves them.
 * @param {string[]} starts
 * @param {Context} ctx
 * @returns {Map<string, Piece>}
 */
export function readGraph(starts, ctx) {
	/** @param {string} id */
	const info = (id) => ctx.getModuleInfo(id);
	/** @type {Map<string, string[]>} */
	const imports = new Map();
	/** @param {string} id */
	const staticImports = (id) => {
		const known = imports.get(id);
		if (known) return known;
		const m = info(id);
		/** @type {string[]} */
		const out = [];
		for (const dep of m?.importedIds ?? []) {
			if (!BARREL.test(dep)) {
				out.push(dep);
				continue;
			}
			const dir = dep.replace(/\.js$/, '').replace(/[\\/]_index$/, '');
			for (const [, key] of (m?.code ?? '').matchAll(/\bm\.(\w+)/g)) {
				const message = `${dir}/${key}.js`;
				if (info(message)) out.push(message);
			}
		}
		imports.set(id, out);
		return out;
	};

	/** @type {Map<string, Piece>} */
	const pieces = new Map();
	const entries = [...starts];
	const isEntry = new Set(entries);
	for (let i = 0; i < entries.length; i++) {
		const entry = /** @type {string} */ (entries[i]);
		/** @type {Set<string>} */
		const seen = new Set();
		const stack = [entry];
		while (stack.length) {
			const id = /** @type {string} */ (stack.pop());
			if (seen.has(id)) continue;
			seen.add(id);
			let piece = pieces.get(id);
			if (!piece) {
				piece = { size: info(id)?.code?.length ?? 0, pages: new Set(), imports: staticImports(id) };
				pieces.set(id, piece);
			}
			piece.pages.add(entry);
			stack.push(...staticImports(id));
			for (const lazy of info(id)?.dynamicallyImportedIds ?? []) {
				if (!isEntry.has(lazy)) {
					isEntry.add(lazy);
					entries.push(lazy);
				}
			}
		}
	}
	return pieces;
}

/**
 * The bytes of each page's first load: every module it loads, its own and those every page loads.
 * @param {Map<string, Piece>} pieces
 * @param {(pages: Set<string>) => boolean} everywhere
 * @returns {Map<string, number>}
 */
export function pageLoads(pieces, everywhere) {
	let common = 0;
	/** @type {Map<string, number>} */
	const loads = new Map();
	for (const piece of pieces.values()) {
		if (everywhere(piece.pages)) common += piece.size;
		else for (const page of piece.pages) loads.set(page, (loads.get(page) ?? 0) + piece.size);
	}
	for (const [page, bytes] of loads) loads.set(page, bytes + common);
	return loads;
}

/**
 * A chunk namer for one build: the plan is made on the first module the bundler asks about.
 * @param {{ test: (id: string) => boolean; minSize: number; heavyLoad: number; generated: string }} options
 *   `heavyLoad`: the bytes of a page's first load (every module, before minification) from which it counts
 *   as near its bar, and merges do not add to it; `generated`: SvelteKit's generated client folder (its
 *   `app.js` and a `nodes/N.js` per layout, error page and page; nodes 0 and 1 are the root layout and error
 *   page, which every page loads)
 */
export function chunkPlanner({ test, minSize, heavyLoad, generated }) {
	/** @type {Map<string, string> | 'server' | undefined} */
	let plan;
	/** @param {Context} ctx */
	function makePlan(ctx) {
		const app = path.join(generated, 'app.js');
		// the server's build has no client app: its shared code is one file, as no page loads it
		if (!ctx.getModuleInfo(app)) return 'server';
		const nodes = [];
		for (let n = 0; ctx.getModuleInfo(path.join(generated, 'nodes', `${n}.js`)); n++) {
			nodes.push(path.join(generated, 'nodes', `${n}.js`));
		}
		const everywhere = new Set([app, ...nodes.slice(0, 2)]);
		const pieces = readGraph([app, ...nodes], ctx);
		/** @param {Set<string>} pages */
		const everyPage = (pages) => [...pages].some((page) => everywhere.has(page));
		const loads = pageLoads(pieces, everyPage);
		const pages = new Set(nodes);
		for (const key of [...pieces.keys()]) if (!test(key)) pieces.delete(key);
		return planChunks(pieces, {
			minSize,
			everywhere: everyPage,
			heavy: (page) => pages.has(page) && (loads.get(page) ?? 0) >= heavyLoad
		});
	}
	return {
		/** @param {string} id @param {Context} ctx */
		nameOf(id, ctx) {
			plan ??= makePlan(ctx);
			return plan === 'server' ? 'server' : (plan.get(id) ?? null);
		},
		/**
		 * The name of the framework's file (Svelte's runtime and SvelteKit's client): in the browser's build
		 * only. On the server the framework holds SvelteKit's request handling, which imports the app's hooks
		 * lazily, and the hooks import the shared `server` file; SvelteKit finds a page's stylesheets by
		 * walking its imports in order, met `server` first through the hooks, and counted the shared
		 * components' styles as the hooks' rather than the page's, so pages whose own component has no style
		 * (the sign-in form) were sent without them. Without a framework file on the server these modules
		 * go to `server` like any shared code.
		 * @param {Context} ctx
		 */
		frameworkName(ctx) {
			plan ??= makePlan(ctx);
			return plan === 'server' ? null : 'framework';
		}
	};
}
