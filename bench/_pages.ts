// Shared by bench/frontend and bench/lighthouse: every page type a user opens, against the built app with
// the demo data, signed in as the demo citizen or the demo staff member where the page needs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { startStack, freePort } from '../src/cli/stack.mjs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/lib/server/system/demo-data';

export interface BenchPage {
	/** The page type, as a route (e.g. /lokaler/[slug]). */
	type: string;
	/** The concrete path measured. */
	path: string;
	/** The Cookie header of a signed-in visitor, or '' for a guest. */
	cookie: string;
}

export interface PagesStack {
	base: string;
	pages: BenchPage[];
	stop: () => Promise<void>;
}

/** Signs in through the app as a browser would and returns the Cookie header. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await fetch(`${base}/log-ind`, {
		method: 'POST',
		headers: {
			origin: new URL(base).origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Starts PocketBase with the demo data and the built app, and lists the pages to measure. */
export async function startPages(): Promise<PagesStack> {
	const dir = mkdtempSync(join(tmpdir(), 'borgerhus-bench-'));
	const appPort = await freePort();
	const stack = await startStack({
		dataDir: join(dir, 'pb'),
		mailDir: join(dir, 'mail'),
		appPort,
		seed: true,
		quiet: true
	});
	const stop = async () => {
		await stack.stop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const base = `http://localhost:${appPort}`;
		const system = new PocketBase(stack.pbUrl);
		system.autoCancellation(false);
		await system.collection('_superusers').authWithPassword(stack.superuser.email, stack.superuser.password);
		const room = await system.collection('rooms').getFirstListItem('active = true', { sort: 'name' });
		const title = await system.collection('titles').getFirstListItem('', { sort: 'title' });
		const event = await system
			.collection('events')
			.getFirstListItem('state = "published"', { sort: 'start' });
		const citizen = await system
			.collection('users')
			.getFirstListItem(system.filter('email = {:e}', { e: DEMO_ACCOUNTS.citizen.email }));
		const ticket = await system
			.collection('registrations')
			.getFirstListItem(system.filter('user = {:u}', { u: citizen.id }));
		// A page whose data may predate the last change it could have heard of (the demo's seed, the live
		// stream's subscription at the app's start) reads it again once its stream is open
		// (src/lib/live.svelte.ts); measured seconds after the start, that second read was cut off as the
		// bench closed the page. A house's pages are not opened within seconds of its start.
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		const citizenCookie = await signIn(base, DEMO_ACCOUNTS.citizen.email);
		const staffCookie = await signIn(base, DEMO_ACCOUNTS.staff.email);
		const pages: BenchPage[] = [
			{ type: '/', path: '/', cookie: '' },
			{ type: '/lokaler', path: '/lokaler', cookie: '' },
			{ type: '/lokaler/[slug]', path: `/lokaler/${room.slug}`, cookie: citizenCookie },
			{ type: '/bibliotek?q=', path: '/bibliotek?q=a', cookie: '' },
			{ type: '/bibliotek/[id]', path: `/bibliotek/${title.id}`, cookie: citizenCookie },
			{ type: '/arrangementer', path: '/arrangementer', cookie: '' },
			{ type: '/arrangementer/[id]', path: `/arrangementer/${event.id}`, cookie: citizenCookie },
			{ type: '/billet/[id]', path: `/billet/${ticket.id}`, cookie: citizenCookie },
			{ type: '/overblik', path: '/overblik', cookie: citizenCookie },
			{ type: '/indbakke', path: '/indbakke', cookie: citizenCookie },
			{ type: '/bookinger', path: '/bookinger', cookie: citizenCookie },
			{ type: '/personale', path: '/personale', cookie: staffCookie },
			{ type: '/personale/bookinger', path: '/personale/bookinger', cookie: staffCookie },
			{ type: '/personale/skranke', path: '/personale/skranke', cookie: staffCookie }
		];
		// One request per page before measuring: the first request of a fresh server process loads its
		// route modules and PocketBase's caches (seconds on this machine), which a running house never sees.
		for (const page of pages) {
			const response = await fetch(base + page.path, { headers: page.cookie ? { cookie: page.cookie } : {} });
			await response.arrayBuffer();
			if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
		}
		return { base, pages, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The cookies of a Cookie header as Playwright wants them. */
export function cookiesFor(base: string, header: string) {
	return header
		.split('; ')
		.filter(Boolean)
		.map((pair) => {
			const index = pair.indexOf('=');
			return { name: pair.slice(0, index), value: pair.slice(index + 1), url: base };
		});
}
