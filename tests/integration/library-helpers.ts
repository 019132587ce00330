import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { systemClient } from '../helpers/pocketbase';
import type { CopyRecord, HoldRecord, TitleRecord } from '../../src/lib/pocketbase-types';

/**
 * A title with `copies` copies, one unless told (created missing, so no hold takes them until the desk
 * checks them in; a title without any copy takes no holds).
 */
export async function arrangeTitle(options: { copies?: number; onShelf?: number; title?: string } = {}) {
	const system = await systemClient();
	const tag = randomUUID().slice(0, 8);
	const title = await system.collection('titles').create<TitleRecord>({
		title: options.title ?? `Testtitel ${tag}`,
		creator: 'Test Forfatter',
		type: 'book',
		identifier: `978${tag}`,
		subjects: 'test'
	});
	const copies: CopyRecord[] = [];
	for (let i = 0; i < (options.copies ?? 1); i++) {
		copies.push(
			await system.collection('copies').create<CopyRecord>({
				title: title.id,
				barcode: `T-${tag}-${i}`,
				shelf: 'A1',
				status: i < (options.onShelf ?? 0) ? 'shelf' : 'missing'
			})
		);
	}
	return { title, copies };
}

export function placeHold(pb: PocketBase, titleId: string, patronId: string) {
	return pb.collection('holds').create<HoldRecord>({ title: titleId, patron: patronId });
}

export interface QueueInfo {
	queueLength: number;
	onShelf: number;
	mine: { id: string; status: string; place: number; pickup_shelf: string; pickup_deadline: string } | null;
}

export function queueInfo(pb: PocketBase, titleId: string) {
	return pb.send<QueueInfo>(`/api/library/queue/${titleId}`, { method: 'GET' });
}

export function checkIn(pb: PocketBase, code: string) {
	return pb.send<{ outcome: 'hold' | 'shelf'; hold: string; pickupShelf: string; returnedLoan: string }>(
		'/api/library/checkin',
		{ method: 'POST', body: { code } }
	);
}

export function collect(pb: PocketBase, hold: string) {
	return pb.send<{ loan: string; due: string }>('/api/library/collect', { method: 'POST', body: { hold } });
}

export function returnLoan(pb: PocketBase, loan: string) {
	return pb.send<{ outcome: string; hold: string }>('/api/library/return', {
		method: 'POST',
		body: { loan }
	});
}

/** The status and hook code of a refused request (0 and '' when it succeeded). */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
	try {
		await promise;
		return { status: 0, code: '' };
	} catch (err) {
		if (!(err instanceof ClientResponseError)) throw err;
		const data = (err.response?.data ?? {}) as Record<string, { code?: string }>;
		const code = Object.values(data).find((d) => d?.code)?.code ?? '';
		return { status: err.status, code };
	}
}
