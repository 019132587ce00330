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
	/** The page types the bars are set for (docs/performance.md), measured by frontend and lighthouse. */
	pages: BenchPage[];
	/** Every other page type a signed-in user or guest opens, measured by frontend on its own line. */
	rest: BenchPage[];
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
		const associationAdminCookie = await signIn(base, DEMO_ACCOUNTS.associationAdmin.email);
		const first = (collection: string, filter = '', sort = '') =>
			system.collection(collection).getFirstListItem(filter, { sort, fields: 'id' });
		const season = await first('seasons', '', '-first_date');
		// the plan is public once the round has a final plan (the demo's previous season)
		const planned = await first(
			'seasons',
			'status = "final" || status = "second_round" || status = "second_closed" || status = "leftovers"',
			'-first_date'
		);
		const association = await first('associations', 'verified = true', 'name');
		const staffEvent = await first('events', '', 'start');
		const waiting = await first('bookings', 'status = "pending"', 'start');
		const rest: BenchPage[] = [
			{ type: '/foreninger', path: '/foreninger', cookie: citizenCookie },
			{ type: '/lokaler/ledige', path: '/lokaler/ledige', cookie: '' },
			{ type: '/lokaler/[slug]/skilt', path: `/lokaler/${room.slug}/skilt`, cookie: '' },
			{ type: '/skaerm', path: '/skaerm', cookie: '' },
			{ type: '/saeson', path: '/saeson', cookie: '' },
			{ type: '/log-ind', path: '/log-ind', cookie: '' },
			{ type: '/opret-konto', path: '/opret-konto', cookie: '' },
			{ type: '/glemt-adgangskode', path: '/glemt-adgangskode', cookie: '' },
			{ type: '/privatliv', path: '/privatliv', cookie: '' },
			{ type: '/offline', path: '/offline', cookie: '' },
			{ type: '/lokaler/[slug]/tjek-ind', path: `/lokaler/${room.slug}/tjek-ind`, cookie: citizenCookie },
			{ type: '/bibliotek/mine', path: '/bibliotek/mine', cookie: citizenCookie },
			{ type: '/frivillig', path: '/frivillig', cookie: citizenCookie },
			{ type: '/mine-data', path: '/mine-data', cookie: citizenCookie },
			{ type: '/profil', path: '/profil', cookie: citizenCookie },
			{ type: '/overblik/kalender', path: '/overblik/kalender', cookie: citizenCookie },
			{ type: '/bookinger/aflys-periode', path: '/bookinger/aflys-periode', cookie: associationAdminCookie },
			{ type: '/foreninger/[id]', path: `/foreninger/${association.id}`, cookie: associationAdminCookie },
			{
				type: '/lokaler/[slug]/saeson',
				path: `/lokaler/${room.slug}/saeson`,
				cookie: associationAdminCookie
			},
			{ type: '/saeson/[id]', path: `/saeson/${season.id}`, cookie: associationAdminCookie },
			{ type: '/saeson/[id]/plan', path: `/saeson/${planned.id}/plan`, cookie: associationAdminCookie },
			{ type: '/saeson/[id]/bytte', path: `/saeson/${season.id}/bytte`, cookie: associationAdminCookie },
			{ type: '/personale/arrangementer', path: '/personale/arrangementer', cookie: staffCookie },
			{
				type: '/personale/arrangementer/[id]',
				path: `/personale/arrangementer/${staffEvent.id}`,
				cookie: staffCookie
			},
			{
				type: '/personale/arrangementer/[id]/indtjek',
				path: `/personale/arrangementer/${staffEvent.id}/indtjek`,
				cookie: staffCookie
			},
			{
				type: '/personale/bookinger/[id]/skift',
				path: `/personale/bookinger/${waiting.id}/skift`,
				cookie: staffCookie
			},
			{ type: '/personale/borgere', path: '/personale/borgere', cookie: staffCookie },
			{ type: '/personale/borgere/[id]', path: `/personale/borgere/${citizen.id}`, cookie: staffCookie },
			{ type: '/personale/borgere/ny', path: '/personale/borgere/ny', cookie: staffCookie },
			{ type: '/personale/foreninger', path: '/personale/foreninger', cookie: staffCookie },
			{ type: '/personale/katalog', path: '/personale/katalog', cookie: staffCookie },
			{ type: '/personale/katalog/[id]', path: `/personale/katalog/${title.id}`, cookie: staffCookie },
			{ type: '/personale/katalog/ny', path: '/personale/katalog/ny', cookie: staffCookie },
			{ type: '/personale/log', path: '/personale/log', cookie: staffCookie },
			{ type: '/personale/lokaler', path: '/personale/lokaler', cookie: staffCookie },
			{ type: '/personale/lokaler/[id]', path: `/personale/lokaler/${room.id}`, cookie: staffCookie },
			{ type: '/personale/lokaler/ny', path: '/personale/lokaler/ny', cookie: staffCookie },
			{ type: '/personale/saeson', path: '/personale/saeson', cookie: staffCookie },
			{ type: '/personale/saeson/[id]', path: `/personale/saeson/${season.id}`, cookie: staffCookie },
			{
				type: '/personale/saeson/[id]/rediger',
				path: `/personale/saeson/${season.id}/rediger`,
				cookie: staffCookie
			},
			{ type: '/personale/statistik', path: '/personale/statistik', cookie: staffCookie }
		];
		// One request per page before measuring: the first request of a fresh server process loads its
		// route modules and PocketBase's caches (seconds on this machine), which a running house never sees.
		const wrong: string[] = [];
		for (const page of [...pages, ...rest]) {
			const response = await fetch(base + page.path, {
				headers: page.cookie ? { cookie: page.cookie } : {},
				redirect: 'manual'
			});
			await response.arrayBuffer();
			if (response.status !== 200) wrong.push(`${page.path} answered ${response.status}`);
		}
		if (wrong.length) throw new Error(wrong.join('\n'));
		return { base, pages, rest, stop };
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
