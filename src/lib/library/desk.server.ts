import type PocketBase from 'pocketbase';
import type { CopyRecord } from '$lib/pocketbase-types';

/** What a check-in did, as the desk route answers it. */
export interface CheckInResult {
	copy: string;
	barcode: string;
	title: string;
	returnedLoan: string;
	outcome: 'hold' | 'shelf';
	hold: string;
	patron: string;
	patronName?: string;
	pickupShelf: string;
	pickupDeadline: string;
	/** The pickup shelf the copy was taken from, when an ended pickup had left it there ('' otherwise). */
	fromPickup?: string;
}

// The desk routes run in PocketBase (one transaction each, staff only, audited): lib/library-desk.js.

/**
 * A check-in. A button of the desk's lists says what it expects of the copy: the pickup it is being fetched
 * for (`hold`), or a copy to put back in the stacks (`stacks`); PocketBase refuses one that has moved on since
 * (`library_copy_moved_on`). The barcode field sends neither: a scan of the copy in hand.
 */
export function checkIn(pb: PocketBase, code: string, expected: { hold?: string; stacks?: boolean } = {}) {
	return pb.send<CheckInResult>('/api/library/checkin', { method: 'POST', body: { code, ...expected } });
}

export function collect(pb: PocketBase, hold: string) {
	return pb.send<{ hold: string; loan: string; due: string }>('/api/library/collect', {
		method: 'POST',
		body: { hold }
	});
}

export function returnLoan(pb: PocketBase, loan: string) {
	return pb.send<CheckInResult>('/api/library/return', { method: 'POST', body: { loan } });
}

/** A copy lost on loan written off: the loan ends as lost and the copy is missing. */
export function loseLoan(pb: PocketBase, loan: string) {
	return pb.send<{ loan: string; copy: string; barcode: string; title: string }>('/api/library/lost', {
		method: 'POST',
		body: { loan }
	});
}

/**
 * A copy staff went to fetch for a pickup (`hold`) and could not find: missing, and its hold waits again.
 * PocketBase refuses it (`library_copy_not_fetched`) unless the copy is still being fetched for that hold.
 */
export function notFound(pb: PocketBase, copy: string, hold: string) {
	return pb
		.collection('copies')
		.update<CopyRecord>(copy, { status: 'missing' }, { query: { fetching: hold }, requestKey: null });
}

export function expireNow(pb: PocketBase) {
	return pb.send<{ expired: number }>('/api/library/expire', { method: 'POST' });
}
