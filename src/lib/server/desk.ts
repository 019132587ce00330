import { error } from '@sveltejs/kit';
import { ClientResponseError, type default as PocketBase } from 'pocketbase';
import type { TimelineInput } from '$lib/overview/timeline';
import type { MyData } from '$lib/overview/my-data.server';
import { codeMessage } from '$lib/server/errors';

// Staff act for a citizen through the citizen's own record API calls, naming the citizen in a header
// (docs/rules.md, "Service at the desk"); PocketBase then applies the citizen's rules and audits the act.

export interface DeskCitizen {
	id: string;
	name: string;
	email: string;
	phone: string;
	library_card: string;
	desk_account: boolean;
	verified: boolean;
	/** The language the citizen reads the house's messages in. */
	language: 'da' | 'en';
	/** Staff gave the account an address and the citizen has not chosen a password through the mail yet. */
	takeover_pending: boolean;
	/** The citizen has accepted the volunteer terms (themselves, or at the desk). */
	volunteer_terms: boolean;
}

/** Request options of a desk act for `citizenId`; `overrideReason` overrides a deadline, limit or horizon. */
export function deskOptions(citizenId: string, overrideReason?: string) {
	const headers: Record<string, string> = { 'X-Borgerhus-For': citizenId };
	if (overrideReason !== undefined) headers['X-Borgerhus-Override'] = encodeURIComponent(overrideReason);
	return { headers, requestKey: null };
}

export function searchCitizens(pb: PocketBase, q: string) {
	return pb.send<{ items: DeskCitizen[] }>('/api/borgerhus/desk/citizens', {
		query: { q },
		requestKey: null
	});
}

export function readCitizen(pb: PocketBase, id: string) {
	return pb.send<{ citizen: DeskCitizen; overview: TimelineInput }>(
		`/api/borgerhus/desk/citizens/${encodeURIComponent(id)}`,
		{ requestKey: null }
	);
}

/** readCitizen for a page: a citizen PocketBase does not know (or staff, or deleted) is "not found". */
export async function readCitizenOr404(pb: PocketBase, id: string) {
	try {
		return await readCitizen(pb, id);
	} catch (err) {
		if (err instanceof ClientResponseError && err.status === 400)
			error(404, codeMessage('desk_unknown_citizen'));
		throw err;
	}
}

/** Everything the house holds about a desk account's citizen, to print for them (audited by PocketBase). */
export function handOverData(pb: PocketBase, id: string) {
	return pb.send<MyData>(`/api/borgerhus/desk/citizens/${encodeURIComponent(id)}/mydata`, {
		method: 'POST',
		requestKey: null
	});
}

export function createDeskAccount(
	pb: PocketBase,
	body: { name: string; phone: string; library_card: string }
) {
	return pb.send<DeskCitizen>('/api/borgerhus/desk/accounts', { method: 'POST', body, requestKey: null });
}

export function setCard(pb: PocketBase, id: string, libraryCard: string) {
	return pb.send<DeskCitizen>(`/api/borgerhus/desk/citizens/${encodeURIComponent(id)}/card`, {
		method: 'POST',
		body: { library_card: libraryCard },
		requestKey: null
	});
}

/** Records that the citizen at the desk has heard the volunteer terms and agrees to them. */
export function acceptVolunteerTerms(pb: PocketBase, id: string) {
	return pb.send<DeskCitizen>(`/api/borgerhus/desk/citizens/${encodeURIComponent(id)}/volunteer-terms`, {
		method: 'POST',
		requestKey: null
	});
}

export function takeOver(pb: PocketBase, id: string, email: string) {
	return pb.send<DeskCitizen>(`/api/borgerhus/desk/citizens/${encodeURIComponent(id)}/takeover`, {
		method: 'POST',
		body: { email },
		requestKey: null
	});
}

/** Deletes a desk account at the citizen's request, as the citizen's own deletion would (staff only). */
export function deleteDeskAccount(pb: PocketBase, id: string) {
	return pb.send(`/api/borgerhus/desk/citizens/${encodeURIComponent(id)}/delete`, {
		method: 'POST',
		requestKey: null
	});
}
