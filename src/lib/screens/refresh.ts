import { liveUpdates } from '$lib/live.svelte';

// Keeps an unattended screen (the lobby TV, a door-sign tablet) fresh for days (docs/rules.md, "Door signs
// and the lobby screen"). One timer chain and at most one live stream, whatever happens:
//  - it polls `url` every `everyMs` (the floor: never stale by more than a minute), and at once when
//    PocketBase reports a change in the public busy projection or the events;
//  - and, sooner, at the moment the data it has says the screen changes by itself (`nextChange`: a
//    booking ends or begins), so a sign turns from busy to free at that minute, not up to a poll later;
//  - a failed poll (network gone, server restarting) is retried sooner with a growing pause, capped at
//    `everyMs`, and the last good data stays on screen, marked as old;
//  - once a night it reloads the whole page (new app versions, no leftovers), but only after the server
//    has answered, so a reload never lands on a browser error page that nothing would leave again.

export interface RefreshState {
	/** When the shown data was fetched (ms), or null before the first poll. */
	fetchedAt: number | null;
	/** True while the last poll failed. */
	failing: boolean;
}

export interface RefreshOptions<T> {
	url: string;
	apply: (data: T) => void;
	onState: (state: RefreshState) => void;
	everyMs?: number;
	/** The collections whose changes trigger a poll at once. */
	live?: string[];
	/** The data already on the page (from the server's load), for the first `nextChange`. */
	shown?: T;
	/**
	 * How long after `data` was read it changes by itself (ms), or null: the next poll comes then, if that
	 * is sooner than `everyMs`.
	 */
	nextChange?: (data: T) => number | null;
	/** Reload the page once this long after it was opened, at the next successful poll. */
	reloadAfterMs?: number;
}

const FIRST_RETRY_MS = 2_000;
/** After the moment of a change: the server's clock has passed it too when the poll arrives. */
const AFTER_CHANGE_MS = 250;

/** The pause before the next poll after `failures` failures in a row. */
export function retryDelay(failures: number, everyMs: number): number {
	if (failures <= 0) return everyMs;
	return Math.min(everyMs, FIRST_RETRY_MS * 2 ** (failures - 1));
}

/** Starts polling; returns the function that stops everything it started. */
export function keepFresh<T>(options: RefreshOptions<T>): () => void {
	const everyMs = options.everyMs ?? 30_000;
	const reloadAt = Date.now() + (options.reloadAfterMs ?? 20 * 60 * 60 * 1000);
	let timer: ReturnType<typeof setTimeout> | undefined;
	let failures = 0;
	let stopped = false;
	let running = false;
	let again = false;
	let controller: AbortController | undefined;

	const schedule = (delay: number) => {
		clearTimeout(timer);
		if (!stopped) timer = setTimeout(poll, delay);
	};
	/** The pause before the next poll after good data: the pace, or the moment the data changes by itself. */
	const nextDelay = (data: T | undefined) => {
		const change = data === undefined ? null : (options.nextChange?.(data) ?? null);
		return change === null ? everyMs : Math.min(everyMs, Math.max(0, change) + AFTER_CHANGE_MS);
	};
	let latest: T | undefined = options.shown;

	async function poll() {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = true;
		controller = new AbortController();
		const abortTimer = setTimeout(() => controller?.abort(), 15_000);
		try {
			const response = await fetch(options.url, {
				headers: { accept: 'application/json' },
				cache: 'no-store',
				signal: controller.signal
			});
			if (!response.ok) throw new Error(String(response.status));
			const data = (await response.json()) as T;
			if (stopped) return;
			// back after a failure: a live stream the browser gave up on is opened afresh
			if (failures > 0) startLive();
			failures = 0;
			if (Date.now() >= reloadAt) {
				location.reload();
				return;
			}
			latest = data;
			options.apply(data);
			options.onState({ fetchedAt: Date.now(), failing: false });
		} catch {
			if (stopped) return;
			failures += 1;
			options.onState({ fetchedAt: null, failing: true });
		} finally {
			clearTimeout(abortTimer);
			running = false;
		}
		if (again) {
			again = false;
			schedule(100);
		} else {
			schedule(failures > 0 ? retryDelay(failures, everyMs) : nextDelay(latest));
		}
	}

	// A change reported live polls soon (a burst polls once).
	let stopLive = () => {};
	function startLive() {
		stopLive();
		const poll = () => schedule(300);
		stopLive = options.live?.length ? liveUpdates(options.live, poll, poll) : () => {};
	}
	startLive();
	// Back on the network: try at once rather than at the end of a pause.
	const online = () => schedule(0);
	window.addEventListener('online', online);
	schedule(nextDelay(options.shown));

	return () => {
		stopped = true;
		clearTimeout(timer);
		controller?.abort();
		stopLive();
		window.removeEventListener('online', online);
	};
}
