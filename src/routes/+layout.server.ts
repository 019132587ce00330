import type { LayoutServerLoad } from './$types';
import { unreadCount } from '$lib/overview/unread.server';

// Only what the shell needs; pages load and authorize their own data.
export const load: LayoutServerLoad = async ({ locals, depends }) => {
	depends('app:unread');
	const user = locals.user;
	return {
		user: user
			? { id: user.id, name: user.name, email: user.email, staff: user.staff, language: user.language }
			: null,
		unread: locals.unread ?? (await unreadCount(locals.pb, user?.id))
	};
};
