// `npm start`: installs what is missing, builds PocketBase and the app when needed, loads demo data once
// and runs everything until Ctrl-C. Node built-ins only until the npm packages are installed.
import { join } from 'node:path';
import { ensureNodeModules } from './install.mjs';
import { ensurePocketBase, CACHE_DIR } from './pocketbase.mjs';
import { ensureBuild } from './build.mjs';

ensureNodeModules();
ensurePocketBase();
ensureBuild();

const { startStack, ensurePortFree } = await import('./stack.mjs');
const appPort = Number(process.env.PORT ?? 3000);
const pbPort = Number(process.env.PB_PORT ?? 8090);
const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
try {
	await ensurePortFree(appPort, 'the app, PORT');
	await ensurePortFree(pbPort, 'PocketBase, PB_PORT');
	await ensurePortFree(smtpPort, 'the mail catcher, SMTP_PORT');
} catch (error) {
	console.error(
		`${/** @type {Error} */ (error).message}: stop what uses it, or choose another port, e.g. PORT=3001 PB_PORT=8091 SMTP_PORT=2526 npm start`
	);
	process.exit(1);
}
const stack = await startStack({
	dataDir: process.env.PB_DATA ?? join(CACHE_DIR, 'data'),
	mailDir: join(CACHE_DIR, 'mail'),
	pbPort,
	smtpPort,
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
