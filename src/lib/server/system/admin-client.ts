import PocketBase from 'pocketbase';

/**
 * A PocketBase client with system (superuser) rights, for scripts on the server machine only: demo data
 * and maintenance. Never imported by routes (eslint forbids it); requests from users always go through
 * their own token.
 */
export async function createSystemClient(env: NodeJS.ProcessEnv = process.env): Promise<PocketBase> {
	const url = env.POCKETBASE_URL;
	const email = env.PB_SUPERUSER_EMAIL;
	const password = env.PB_SUPERUSER_PASSWORD;
	if (!url || !email || !password) {
		throw new Error('POCKETBASE_URL, PB_SUPERUSER_EMAIL and PB_SUPERUSER_PASSWORD must be set');
	}
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(email, password);
	return pb;
}
