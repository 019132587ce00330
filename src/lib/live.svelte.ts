/** A change PocketBase reported on a record the signed-in user may see. */
export interface LiveChange {
	collection: string;
	action: 'create' | 'update' | 'delete';
	id: string;
}

/** Whether the live stream is connected, for a small "live" indicator. */
export const liveStatus = $state({ connected: false });

/**
 * Listens for changes in the given collections (through /live, with the user's own rights) and calls
 * onChange for each. Returns the function that stops listening; call it from onMount or $effect.
 * Without EventSource (very old browsers) pages simply do not update by themselves.
 */
export function liveUpdates(collections: string[], onChange: (change: LiveChange) => void): () => void {
	if (typeof EventSource === 'undefined') return () => {};
	const source = new EventSource(`/live?c=${encodeURIComponent(collections.join(','))}`);
	source.addEventListener('ready', () => (liveStatus.connected = true));
	source.addEventListener('error', () => (liveStatus.connected = false));
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
