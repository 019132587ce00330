import type PocketBase from 'pocketbase';

/**
 * The number of unread notifications of the signed-in user, for the badge in the navigation: one
 * indexed count in PocketBase for the token's user (a route that answers the number only); 0 for
 * guests.
 * Call it from a load function that also calls `depends('app:unread')`, so the badge's live updates
 * can refresh it.
 */
export async function unreadCount(pb: PocketBase, userId: string | undefined): Promise<number> {
	if (!userId) return 0;
	try {
		const result = await pb.send<{ count: number }>('/api/borgerhus/overview/unread', { requestKey: null });
		return result.count;
	} catch {
		return 0; // the badge never breaks a page
	}
}
