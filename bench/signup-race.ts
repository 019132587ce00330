// `npm run bench -- signup-race`: 200 volunteers sign up at the same moment for a shift with 10 places,
// through PocketBase's API with their own tokens. Exactly 10 must be confirmed, the rest waitlisted in
// sign-up order (docs/rules.md rule 5). Ends with `signup-race: confirmed=.. waitlisted=.. order_ok=.. ...`.
import PocketBase from 'pocketbase';
import { percentile, startBenchStack } from './_stack';

const VOLUNTEERS = 200;
const PLACES = 10;

const stack = await startBenchStack();
try {
	const { system, pbUrl } = stack;
	const start = new Date(Date.now() + 30 * 86_400_000);
	const event = await system.collection('events').create({
		title: 'Benchmark-arrangement',
		start,
		end: new Date(start.getTime() + 3 * 3600_000),
		state: 'published'
	});
	const shift = await system.collection('shifts').create({
		event: event.id,
		task: 'Billetkontrol',
		start,
		end: new Date(start.getTime() + 3 * 3600_000),
		places: PLACES
	});

	// Arrange the volunteers with system rights, then give each a client with their own token.
	const clients: { pb: PocketBase; userId: string }[] = [];
	for (let i = 0; i < VOLUNTEERS; i++) {
		const user = await system.collection('users').create({
			email: `bench-volunteer-${i}@bench.borgerhus.dk`,
			password: 'bench-password-123',
			passwordConfirm: 'bench-password-123',
			name: `Frivillig ${i}`,
			verified: true,
			volunteer_terms_at: new Date()
		});
		const impersonated = await system.collection('users').impersonate(user.id, 3600);
		const pb = new PocketBase(pbUrl);
		pb.autoCancellation(false);
		pb.authStore.save(impersonated.authStore.token, impersonated.authStore.record);
		clients.push({ pb, userId: user.id });
	}

	const times: number[] = [];
	let failed = 0;
	const began = performance.now();
	await Promise.all(
		clients.map(async ({ pb, userId }) => {
			const t0 = performance.now();
			try {
				await pb.collection('signups').create({ shift: shift.id, user: userId });
			} catch {
				failed++;
			}
			times.push(performance.now() - t0);
		})
	);
	const totalMs = performance.now() - began;

	const rows = await system.collection('signups').getFullList<{ status: string; placed_at: string }>({
		filter: system.filter('shift = {:shift}', { shift: shift.id }),
		sort: 'placed_at,id'
	});
	const confirmed = rows.filter((r) => r.status === 'confirmed').length;
	const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
	// in queue order, every confirmed sign-up comes before every waitlisted one, with no ties broken wrongly
	const firstWaiting = rows.findIndex((r) => r.status === 'waitlisted');
	const orderOk =
		rows.slice(0, firstWaiting === -1 ? rows.length : firstWaiting).every((r) => r.status === 'confirmed') &&
		rows.slice(firstWaiting === -1 ? rows.length : firstWaiting).every((r) => r.status === 'waitlisted');
	const taken = (await system.collection('shifts').getOne<{ taken: number }>(shift.id)).taken;

	console.log(
		`signup-race: confirmed=${confirmed} waitlisted=${waitlisted} order_ok=${orderOk} ` +
			`failed=${failed} taken=${taken} total_ms=${Math.round(totalMs)} ` +
			`p50_ms=${Math.round(percentile(times, 50))} p99_ms=${Math.round(percentile(times, 99))}`
	);
} finally {
	await stack.stop();
}
