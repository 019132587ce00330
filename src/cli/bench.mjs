// `npm run bench -- NAME`: runs bench/NAME.ts, which starts its own PocketBase on a temporary data
// directory and a free port and ends with one line `NAME: key=value ...` (README, "Benchmarks").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from './install.mjs';
import { ensurePocketBase, ROOT } from './pocketbase.mjs';

const name = process.argv[2];
const available = readdirSync(join(ROOT, 'bench'))
	.filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
	.map((f) => f.slice(0, -3));
if (!name || !existsSync(join(ROOT, 'bench', `${name}.ts`))) {
	console.error(`usage: npm run bench -- NAME\navailable: ${available.join(', ') || '(none yet)'}`);
	process.exit(2);
}
ensureNodeModules();
ensurePocketBase();
const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'bench', `${name}.ts`)], {
	cwd: ROOT,
	stdio: 'inherit'
});
process.exit(result.status ?? 1);
