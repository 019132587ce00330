import type PocketBase from 'pocketbase';

/**
 * The number of unread notifications of the signed-in user, for the badge in the navigation.
 * One count query on idx_notifications_user_read, with the user's own token; 0 for guests.
 * Call it from a load function that also calls `depends('app:unread')`, so the badge's live updates
 * can refresh it.
 */
export async function unreadCount(pb: PocketBase, userId: string | undefined): Promise<number> {
	if (!userId) return 0;
	try {
		const result = await pb.collection('notifications').getList(1, 1, {
			filter: pb.filter('user = {:u} && read_at = ""', { u: userId }),
			fields: 'id',
			requestKey: null
		});
		return result.totalItems;
	} catch {
		return 0; // the badge never breaks a page
	}
}
