import type PocketBase from 'pocketbase';

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

export function checkIn(pb: PocketBase, code: string) {
	return pb.send<CheckInResult>('/api/library/checkin', { method: 'POST', body: { code } });
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

export function expireNow(pb: PocketBase) {
	return pb.send<{ expired: number }>('/api/library/expire', { method: 'POST' });
}
