// Whether the browser has a connection, for the offline notice (docs/offline.md).

/** Whether the browser has a connection, kept up to date. */
export const connection = $state({ online: true });

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
