// Loads the demo data into the PocketBase named by POCKETBASE_URL. Safe to run again: what exists stays.
import { createSystemClient } from './admin-client';
import { loadDemoData } from './demo-data';

const pb = await createSystemClient();
const summary = await loadDemoData(pb);
console.log(
	`Demo data: ${Object.entries(summary)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ')}`
);
