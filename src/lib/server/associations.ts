import type PocketBase from 'pocketbase';

/**
 * Staff verify an association as they read it (`seen`, its `updated` as shown: a change since is refused
 * with associations_changed_since), or withdraw its verification: named, audited transitions of the hooks.
 */
export async function changeVerification(
	pb: PocketBase,
	id: string,
	change: { name: 'verify'; seen: string } | { name: 'unverify' }
): Promise<void> {
	await pb.send(`/api/borgerhus/associations/${encodeURIComponent(id)}/${change.name}`, {
		method: 'POST',
		body: change.name === 'verify' ? { seen: change.seen } : {}
	});
}
