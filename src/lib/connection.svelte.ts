// Whether the browser has a connection, for the offline notice (docs/offline.md).

/**
 * Whether the browser has a connection, kept up to date; and whether the last form sent did not reach the
 * house although the browser said it was online (no internet behind the Wi-Fi, the server restarting).
 */
export const connection = $state({ online: true, unreachable: false });

/**
 * A failure of the network itself, as `fetch` throws it (its message differs per browser): a TypeError, or
 * an error SvelteKit made of one.
 */
export function isNetworkFailure(error: unknown): boolean {
	return error instanceof TypeError;
}

export function watchConnection(): () => void {
	const update = () => (connection.online = navigator.onLine);
	update();
	window.addEventListener('online', update);
	window.addEventListener('offline', update);
	return () => {
		window.removeEventListener('online', update);
		window.removeEventListener('offline', update);
	};
}
