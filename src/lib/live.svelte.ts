import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

/** A change PocketBase reported on a record the signed-in user may see. */
export interface LiveChange {
	collection: string;
	action: 'create' | 'update' | 'delete';
	id: string;
}

/** Whether the live stream is connected, for a small "live" indicator. */
export const liveStatus = $state({ connected: false });

/**
 * How long a page's data may have been read before its stream opens, after a tap within the app (the
 * app preloads a page's data when a pointer rests on its link, and keeps it until the tap).
 */
const LOAD_MS = 10 * 60_000;
/** Allowance for the stream's own way to the server and back. */
const SLACK_MS = 2_000;

/**
 * Listens for changes in the given collections (through /live, with the user's own rights) and calls
 * onChange for each. A change made after the page's data was read but before the stream was open (or
 * while it was down) is not sent again; the server tells how long ago its last change in these
 * collections was, and when that is within the data's age, `onMissed` is called once so that the page
 * reads its data again; so it is after the stream was lost, and when the server says it may have missed
 * changes itself. Returns the function that stops listening; call it from onMount or $effect.
 * Without EventSource (very old browsers) pages simply do not update by themselves.
 */
export function liveUpdates(
	collections: string[],
	onChange: (change: LiveChange) => void,
	onMissed: () => void = () => {}
): () => void {
	if (typeof EventSource === 'undefined') return () => {};
	const source = new EventSource(`/live?c=${encodeURIComponent(collections.join(','))}`);
	// The data is at most as old as the document (a first page, rendered by the server) or LOAD_MS before
	// the page was opened by a tap. After a lost connection it is read again in any case: the stream may
	// have ended long before the browser noticed (a phone asleep).
	const openedAt = performance.now();
	let lost = false;
	source.addEventListener('ready', (event) => {
		liveStatus.connected = true;
		if (lost) {
			lost = false;
			onMissed();
			return;
		}
		const dataAge = performance.now() - openedAt + Math.min(openedAt, LOAD_MS);
		let age: unknown;
		try {
			age = (JSON.parse((event as MessageEvent<string>).data) as { age?: unknown }).age;
		} catch {
			age = undefined;
		}
		if (typeof age !== 'number' || age <= dataAge + SLACK_MS) onMissed();
	});
	source.addEventListener('error', () => {
		liveStatus.connected = false;
		lost = true;
	});
	// the server's own connection to the database was lost and is back: changes may have been missed
	source.addEventListener('stale', () => onMissed());
	source.addEventListener('change', (event) => {
		try {
			onChange(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
		} catch {
			// a malformed message is ignored
		}
	});
	return () => {
		source.close();
		liveStatus.connected = false;
	};
}

/** How many form submissions are being applied now (`applyingForm`). */
let applying = 0;

/**
 * When a link of the app was last tapped, or a form sent that navigates (a filter's GET form, "Vis").
 * SvelteKit first asks the server which page the address is (`__route.js`) and only then counts as
 * navigating; an invalidation started in that gap takes over the navigation, and the tap did nothing.
 */
let tappedAt = -Infinity;
const TAP_SETTLES_MS = 2000;
if (typeof document !== 'undefined') {
	document.addEventListener(
		'click',
		(event) => {
			const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
			if (link instanceof HTMLAnchorElement && link.origin === location.origin) tappedAt = performance.now();
		},
		true
	);
	document.addEventListener('submit', () => (tappedAt = performance.now()), true);
}

/**
 * Marks a form submission as under way until the returned function is called (at the latest after 15 s).
 * Live reloads wait for it: a reload that ran beside the form's own would render the page once more
 * after focus had moved to what the form changed (the hold, the cancelled booking), and focus was lost.
 */
export function applyingForm(): () => void {
	let open = true;
	applying++;
	const end = () => {
		if (!open) return;
		open = false;
		applying--;
		clearTimeout(timer);
	};
	const timer = setTimeout(end, 15_000);
	return end;
}

/**
 * Reloads the data that depends on `dependency` (see `depends()` in a load) when PocketBase reports a
 * change in `collections` that `accept` agrees with. A burst of changes reloads once, and no reload
 * starts while a navigation runs or a tap on a link is about to start one: SvelteKit lets an invalidation
 * take over a running navigation, which would keep someone on the page a form has just sent them away from,
 * or on the page whose link they tapped. The reload then waits until the
 * navigation has ended (and is dropped with the page if it was left); so it does while a form submitted
 * with `focusing` is applied.
 */
export function liveRefresh(
	collections: string[],
	dependency: string,
	accept: (change: LiveChange) => boolean = () => true
): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const schedule = (delay: number) => {
		clearTimeout(timer);
		timer = setTimeout(reload, delay);
	};
	const reload = () => {
		const tapping = performance.now() - tappedAt < TAP_SETTLES_MS;
		if (navigating.to || applying > 0 || tapping) schedule(200);
		else void invalidate(dependency);
	};
	const stop = liveUpdates(
		collections,
		(change) => {
			if (accept(change)) schedule(100);
		},
		() => schedule(100)
	);
	return () => {
		clearTimeout(timer);
		stop();
	};
}
