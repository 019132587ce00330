import { error } from '@sveltejs/kit';
import type PocketBase from 'pocketbase';
import type { DoorData, LobbyData } from './types';

// The screens read only PocketBase's public screen routes (docs/rules.md, "Door signs and the lobby
// screen"), which answer from the public busy projection and published events, whoever asks.

export async function lobbyData(pb: PocketBase): Promise<LobbyData> {
	return pb.send<LobbyData>('/api/borgerhus/screens/lobby', { method: 'GET' });
}

export async function doorData(pb: PocketBase, slug: string): Promise<DoorData> {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) error(404);
	try {
		return await pb.send<DoorData>(`/api/borgerhus/screens/rooms/${encodeURIComponent(slug)}`, {
			method: 'GET'
		});
	} catch (err) {
		if ((err as { status?: number }).status === 404) error(404);
		throw err;
	}
}
