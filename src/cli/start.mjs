// `npm start`: installs what is missing, builds PocketBase and the app when needed, loads demo data once
// and runs everything until Ctrl-C. Node built-ins only until the npm packages are installed.
import { join } from 'node:path';
import { ensureNodeModules } from './install.mjs';
import { ensurePocketBase, CACHE_DIR } from './pocketbase.mjs';
import { ensureBuild } from './build.mjs';

ensureNodeModules();
ensurePocketBase();
ensureBuild();

const { startStack } = await import('./stack.mjs');
const appPort = Number(process.env.PORT ?? 3000);
const stack = await startStack({
	dataDir: process.env.PB_DATA ?? join(CACHE_DIR, 'data'),
	mailDir: join(CACHE_DIR, 'mail'),
	pbPort: Number(process.env.PB_PORT ?? 8090),
	smtpPort: Number(process.env.SMTP_PORT ?? 2525),
	appPort,
	appUrl: process.env.ORIGIN,
	seed: true,
	quiet: true,
	onMail(mail) {
		const link = mail.text.match(/https?:\/\/\S+/)?.[0] ?? '';
		console.log(`\n✉  Mail to ${mail.to.join(', ')}: ${mail.subject}\n   ${link}`);
	}
});

console.log(`
Borgerhus is running at ${stack.appUrl}

Demo accounts (password: borgerhus-demo):
  borger@demo.borgerhus.dk      citizen and library patron
  forening@demo.borgerhus.dk    admin of Nørreby Boldklub
  frivillig@demo.borgerhus.dk   volunteer
  personale@demo.borgerhus.dk   staff

Mails are caught locally and printed here (also saved in .pocketbase/mail).
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping...');
		await stack.stop();
		process.exit(0);
	});
}
