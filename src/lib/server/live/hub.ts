/**
 * The live stream's one PocketBase subscription per app process (docs/performance.md, "Live").
 *
 * PocketBase realtime holds one connection per authenticated client, so a stream per browser with the
 * user's own token costs a PocketBase connection, a subscription and a rule query per change and
 * client. Instead this process subscribes once per collection it serves, under an account of its own
 * (BORGERHUS_LIVE_EMAIL / BORGERHUS_LIVE_PASSWORD, a superuser kept for this alone), and hands each change
 * to the streams whose user may see the record by the collection's rules (`./audience`). Only
 * `{ collection, action, id }` ever reaches a browser, as before.
 *
 * A stream ends when its session does: when the user signs out (`endSessionsOf`), when the account is
 * deleted, when its token no longer refreshes after a change of the account (a new password, a revoked
 * token key), and when the token expires. A change of the account (staff or not) applies at once.
 */
import PocketBase, { type RecordModel, type RecordSubscription } from 'pocketbase';
import { EventSource } from 'eventsource';
import { env } from '$env/dynamic/private';
import { pocketBaseUrl } from '$lib/server/pocketbase';
import { AUDIENCES, served, type Audience, type Viewer } from './audience';
import { RECORD_ID } from '$lib/ids';

// The SDK's realtime client needs an EventSource, which Node 20 lacks.
(globalThis as { EventSource?: unknown }).EventSource = EventSource;

const KEEPALIVE_MS = 25_000;
const encoder = new TextEncoder();
const KEEPALIVE = encoder.encode(': keepalive\n\n');

/** One open /live stream. */
export interface LiveStream {
	viewer: Viewer | null;
	/** The user's PocketBase token (signed-in streams), to check the session after a change of the account. */
	token: string;
	/** Seconds since the epoch when the token expires (0: a guest). */
	expires: number;
	collections: string[];
	send: (chunk: Uint8Array) => void;
	/** Ends the stream (the browser's EventSource connects again by itself, with its current cookie). */
	end: () => void;
}

const byCollection = new Map<string, Set<LiveStream>>();
const byUser = new Map<string, Set<LiveStream>>();
let started: Promise<PocketBase> | null = null;
/**
 * When this process last heard of a change (Date.now()), per collection and per who may see the changed
 * record (`heardBy`): a stream is told the age of the last change it could have heard, never of one it
 * could not (a notice in someone's inbox, a hold), which would say to the second that it happened.
 */
const lastChange = new Map<string, number>();
/** How long a change's time is kept: longer than any page's data may be old when its stream opens
 * (LOAD_MS in `$lib/live.svelte`); an older change is as good as none to every stream. */
const KEEP_MS = 30 * 60_000;
/** A viewer no account has, standing for "an active member of the record's association". */
const A_MEMBER = '\u0000member';
/** When this process finished subscribing: what changed before it is unknown to it. */
let subscribedAt = 0;
let keepalive: ReturnType<typeof setInterval> | undefined;

function add<K>(map: Map<K, Set<LiveStream>>, key: K, stream: LiveStream) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(stream);
}

function remove<K>(map: Map<K, Set<LiveStream>>, key: K, stream: LiveStream) {
	const set = map.get(key);
	if (set?.delete(stream) && set.size === 0) map.delete(key);
}

/** Seconds since the epoch when a JWT expires, read without checking it (PocketBase has just done so). */
export function tokenExpiry(token: string): number {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		return typeof payload.exp === 'number' ? payload.exp : 0;
	} catch {
		return 0;
	}
}

/** The collections whose rules in PocketBase are the ones `./audience` was written for. */
const matching = new Set<string>();
/** How often the rules are compared again (a rule changed in the dashboard while the app runs). */
const RULES_CHECK_MS = 60_000;

/** Compares the served collections' rules in PocketBase with `./audience`; a collection that differs is silent. */
async function checkRules(pb: PocketBase): Promise<void> {
	const collections = await pb.collections.getFullList({ fields: 'name,listRule,viewRule' });
	const now = new Set<string>();
	for (const collection of collections) {
		if (!served(collection.name)) continue;
		const audience = AUDIENCES[collection.name]!;
		if (collection.listRule === audience.rule && collection.viewRule === audience.rule)
			now.add(collection.name);
		else if (matching.has(collection.name) || !checkedOnce)
			console.error(
				`/live: the rules of ${collection.name} differ from src/lib/server/live/audience.ts; its changes are not sent`
			);
	}
	checkedOnce = true;
	matching.clear();
	for (const name of now) matching.add(name);
}
let checkedOnce = false;

/** Connects to PocketBase once per process and subscribes to every collection /live serves. */
function start(): Promise<PocketBase> {
	started ??= (async () => {
		const email = env.BORGERHUS_LIVE_EMAIL;
		const password = env.BORGERHUS_LIVE_PASSWORD;
		if (!email || !password) throw new Error('BORGERHUS_LIVE_EMAIL and BORGERHUS_LIVE_PASSWORD must be set');
		const pb = new PocketBase(pocketBaseUrl());
		pb.autoCancellation(false);
		// Signs in again by itself before the token runs out (also for the realtime client's reconnects).
		await pb.collection('_superusers').authWithPassword(email, password, { autoRefreshThreshold: 30 * 60 });
		await checkRules(pb);
		for (const [name, audience] of Object.entries(AUDIENCES)) {
			await pb
				.collection(name)
				.subscribe('*', (e) => void deliver(pb, name, e), audience.expand ? { expand: audience.expand } : {});
		}
		await pb.collection('users').subscribe('*', (e) => void accountChanged(e));
		subscribedAt = Date.now();
		// PocketBase ends a realtime connection now and then (after a while, when idle, at a restart); the
		// SDK connects again and subscribes again, and what changed in between was sent to nobody. Once it
		// is subscribed again, every open page is told to read its data again. (Subscribed after the first
		// connection, this hears only the later ones; the SDK may call it twice for one.)
		let again: ReturnType<typeof setTimeout> | undefined;
		await pb.realtime.subscribe('PB_CONNECT', () => {
			clearTimeout(again);
			again = setTimeout(resubscribed, RESUBSCRIBED_MS);
			again.unref();
		});
		keepalive = setInterval(tick, KEEPALIVE_MS);
		keepalive.unref();
		setInterval(forgetOldChanges, KEEP_MS / 6).unref();
		// While a check fails (PocketBase unreachable) the last answer stands.
		setInterval(() => void checkRules(pb).catch(() => {}), RULES_CHECK_MS).unref();
		return pb;
	})().catch((error) => {
		started = null; // the next stream tries again
		throw error;
	});
	return started;
}

// When the server stops (adapter-node's graceful shutdown), the PocketBase connection ends too: its
// reconnect timer would otherwise keep the process alive after the last request.
process.once('sveltekit:shutdown', () => {
	void started?.then((pb) => pb.realtime.unsubscribe()).catch(() => {});
});

/** Users with an active membership of an association (who see its bookings). */
async function activeMembers(pb: PocketBase, association: string): Promise<Set<string>> {
	const rows = await pb.collection('memberships').getFullList({
		filter: pb.filter('association = {:association} && status = "active"', { association }),
		fields: 'user',
		batch: 1000
	});
	return new Set(rows.map((row) => row.user as string));
}

/** The keys of `lastChange` under which a changed record is heard: everyone, staff, a user it names, an
 * association's active members; asked of the collection's own audience, so none hears more than it may. */
function heardBy(audience: Audience, record: RecordModel): string[] {
	if (audience.hears({ record }, null)) return ['*'];
	const keys: string[] = [];
	if (audience.hears({ record }, { id: '', staff: true })) keys.push('staff');
	for (const [field, value] of Object.entries(record)) {
		if (field === 'id' || typeof value !== 'string' || !RECORD_ID.test(value)) continue;
		if (audience.hears({ record }, { id: value, staff: false })) keys.push(`user:${value}`);
	}
	const association = record.association;
	if (
		audience.members &&
		typeof association === 'string' &&
		association !== '' &&
		audience.hears({ record, members: new Set([A_MEMBER]) }, { id: A_MEMBER, staff: false })
	) {
		keys.push(`association:${association}`);
	}
	return keys;
}

async function deliver(pb: PocketBase, collection: string, e: RecordSubscription<RecordModel>) {
	const audience = AUDIENCES[collection];
	if (audience) {
		const now = Date.now();
		for (const key of heardBy(audience, e.record)) lastChange.set(`${collection}\u0000${key}`, now);
	}
	const streams = byCollection.get(collection);
	if (!streams?.size || !audience || !matching.has(collection)) return;
	let members: Set<string> | undefined;
	if (audience.members && typeof e.record.association === 'string' && e.record.association !== '') {
		// Without the members only the booker and staff hear of it (never someone who may not see it).
		members = await activeMembers(pb, e.record.association).catch(() => undefined);
	}
	const chunk = encoder.encode(
		`event: change\ndata: ${JSON.stringify({ collection, action: e.action, id: e.record.id })}\n\n`
	);
	const change = { record: e.record, members };
	// A change only staff may hear waits for the account to be read again: the message that took the rights
	// away comes on the users subscription and may arrive after this one (PocketBase sends each
	// subscription's messages on its own), and must not let this one through meanwhile.
	const privileged: LiveStream[] = [];
	for (const stream of streams) {
		const viewer = stream.viewer;
		if (!audience.hears(change, viewer)) continue;
		if (viewer?.staff && !audience.hears(change, { ...viewer, staff: false })) privileged.push(stream);
		else stream.send(chunk);
	}
	if (privileged.length === 0) return;
	const staffNow = new Map<string, Promise<boolean>>();
	await Promise.all(
		privileged.map(async (stream) => {
			const id = stream.viewer?.id ?? '';
			if (!staffNow.has(id)) {
				staffNow.set(
					id,
					pb
						.collection('users')
						.getOne(id, { fields: 'staff', requestKey: null })
						.then(
							(user) => user.staff === true,
							() => false
						)
				);
			}
			if ((await staffNow.get(id)) && stream.viewer?.staff) stream.send(chunk);
		})
	);
}

/**
 * An account changed or went. Deleted: its streams end. Changed: until PocketBase has refreshed the
 * stream's token (which fails once the password or token key changed), the stream hears only what a
 * guest hears, so that no change arriving meanwhile reaches rights the account may just have lost; then
 * it hears with the account's new rights, or ends.
 */
async function accountChanged(e: RecordSubscription<RecordModel>) {
	const streams = byUser.get(e.record.id);
	if (!streams) return;
	for (const stream of [...streams]) {
		if (e.action === 'delete') {
			stream.end();
			continue;
		}
		stream.viewer = null;
		const pb = new PocketBase(pocketBaseUrl());
		pb.autoCancellation(false);
		pb.authStore.save(stream.token);
		try {
			const auth = await pb.collection('users').authRefresh();
			stream.viewer = { id: auth.record.id, staff: auth.record.staff === true };
			stream.token = auth.token;
			stream.expires = tokenExpiry(auth.token);
		} catch {
			stream.end();
		}
	}
}

/** How long after PocketBase's connection is back the SDK has certainly subscribed again. */
const RESUBSCRIBED_MS = 1_000;
const STALE = encoder.encode('event: stale\ndata: {}\n\n');

/** After a lost PocketBase connection: changes may have been missed, so every stream is told so. */
function resubscribed() {
	subscribedAt = Date.now();
	eachStream((stream) => stream.send(STALE));
}

/** Calls `fn` once for every open stream (a stream is listed under each of its collections). */
function eachStream(fn: (stream: LiveStream) => void) {
	const seen = new Set<LiveStream>();
	for (const streams of byCollection.values()) {
		for (const stream of streams) {
			if (seen.has(stream)) continue;
			seen.add(stream);
			fn(stream);
		}
	}
}

/** Keeps idle connections open through proxies, and ends the streams whose token has expired. */
function tick() {
	const now = Date.now() / 1000;
	eachStream((stream) => {
		if (stream.token && stream.expires <= now) stream.end();
		else stream.send(KEEPALIVE);
	});
}

/** Waits until this process is subscribed (so that a stream said ready misses nothing after it). */
export async function ready(): Promise<void> {
	await start();
}

/**
 * How many milliseconds ago this process last heard of a change in any of `collections` (or started
 * listening, if it has heard of none since). A page whose data is older than that may have missed the
 * change, which happened before its stream was registered, and reloads (`$lib/live.svelte`).
 */
export async function sinceLastChange(collections: string[], viewer: Viewer | null): Promise<number> {
	const keys = ['*'];
	if (viewer) {
		keys.push(`user:${viewer.id}`);
		if (viewer.staff) keys.push('staff');
		if (collections.some((collection) => AUDIENCES[collection]?.members)) {
			// the associations whose changes this viewer hears as an active member
			const pb = await start();
			const rows = await pb.collection('memberships').getFullList({
				filter: pb.filter('user = {:user} && status = "active"', { user: viewer.id }),
				fields: 'association',
				requestKey: null
			});
			for (const row of rows) keys.push(`association:${row.association}`);
		}
	}
	let latest = subscribedAt;
	for (const collection of collections) {
		for (const key of keys) latest = Math.max(latest, lastChange.get(`${collection}\u0000${key}`) ?? 0);
	}
	return Math.max(0, Date.now() - latest);
}

/** Forgets the times of changes older than KEEP_MS. */
function forgetOldChanges() {
	const before = Date.now() - KEEP_MS;
	for (const [key, at] of lastChange) if (at < before) lastChange.delete(key);
}

/** Registers an open stream; returns the function that removes it. */
export function register(stream: LiveStream): () => void {
	for (const collection of stream.collections) add(byCollection, collection, stream);
	const user = stream.viewer?.id;
	if (user) add(byUser, user, stream);
	return () => {
		for (const collection of stream.collections) remove(byCollection, collection, stream);
		if (user) remove(byUser, user, stream);
	};
}

/** Ends every stream of a user in this process (signing out; their other devices connect again). */
export function endSessionsOf(userId: string): void {
	for (const stream of [...(byUser.get(userId) ?? [])]) stream.end();
}
