import { m } from '$lib/paraglide/messages';
import type { CopyRecord, HoldStatus } from '$lib/pocketbase-types';

/** Translated state of a copy. */
export function copyStatusLabel(status: CopyRecord['status']): string {
	switch (status) {
		case 'loan':
			return m.library_copy_status_loan();
		case 'reserved':
			return m.library_copy_status_reserved();
		case 'missing':
			return m.library_copy_status_missing();
		default:
			return m.library_copy_status_shelf();
	}
}

/** Translated state of a hold. */
export function holdStatusLabel(status: HoldStatus | ''): string {
	switch (status) {
		case 'paused':
			return m.library_status_paused();
		case 'ready':
			return m.library_status_ready();
		default:
			return m.library_status_waiting();
	}
}

/**
 * The confirmation after a patron's action on a hold. A new hold that took a copy is "being fetched" until
 * the copy lies on the pickup shelf, in the words of the hold's card under it (`HoldStatus`).
 */
export function doneMessage(done: string): string | undefined {
	switch (done) {
		case 'hold':
			return m.library_placed();
		case 'ready':
			return m.library_placed_ready();
		case 'fetching':
			return m.library_placed_fetching();
		case 'pause':
			return m.library_paused();
		case 'resume':
			return m.library_resumed();
		case 'cancel':
			return m.library_cancelled();
		default:
			return undefined;
	}
}
