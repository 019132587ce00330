// A local SMTP server that catches every mail PocketBase sends, for development and tests.
// Each mail is written as JSON to a folder, so tests in any process can read the real mail.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/**
 * @typedef {{ to: string[]; from: string; subject: string; subject_header: string; text: string; html: string;
 *   date: string }} CaughtMail `subject_header`: the Subject header as it came over the wire (encoded, folded)
 */

/**
 * Mail to this domain is refused as a mailbox that does not exist (SMTP 550), so the house's handling of a
 * refused mail (tried again later, then given up) can be seen and tested.
 */
export const REFUSED_DOMAIN = '@afvist.test.borgerhus.dk';

/**
 * Starts the catcher on 127.0.0.1:port.
 * @param {{ port: number; dir: string; log?: (mail: CaughtMail) => void }} options
 * @returns {Promise<{ close: () => Promise<void> }>}
 */
export async function startMailCatcher({ port, dir, log }) {
	mkdirSync(dir, { recursive: true });
	let counter = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (!address.address.toLowerCase().endsWith(REFUSED_DOMAIN)) return callback();
			const refused = Object.assign(new Error('No such mailbox'), { responseCode: 550 });
			callback(refused);
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const to = [parsed.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address ?? '') : []));
					/** @type {CaughtMail} */
					const mail = {
						to,
						from: parsed.from?.value[0]?.address ?? '',
						subject: parsed.subject ?? '',
						subject_header: parsed.headerLines.find((h) => h.key === 'subject')?.line ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						date: new Date().toISOString()
					};
					const name = `${Date.now()}-${process.pid}-${++counter}.json`;
					// Written under a name readers skip, then renamed: a reader never sees half a mail.
					writeFileSync(join(dir, `${name}.part`), JSON.stringify(mail, null, 2));
					renameSync(join(dir, `${name}.part`), join(dir, name));
					log?.(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	return { close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}
