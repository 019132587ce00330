import type { LayoutServerLoad } from './$types';

// Only what the shell needs; pages load and authorize their own data.
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		user: user
			? { id: user.id, name: user.name, email: user.email, staff: user.staff, language: user.language }
			: null
	};
};
