import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface CaughtMail {
	to: string[];
	from: string;
	subject: string;
	/** The Subject header as it came over the wire (encoded, folded). */
	subject_header: string;
	text: string;
	html: string;
	date: string;
}

/** Every mail the catcher has written so far, oldest first. */
export function readMails(dir: string): CaughtMail[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CaughtMail);
}

/** Waits for the newest mail to `to` whose subject matches, and returns it. */
export async function waitForMail(
	dir: string,
	to: string,
	subject: RegExp = /.*/,
	timeoutMs = 10_000
): Promise<CaughtMail> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = readMails(dir)
			.filter((mail) => mail.to.includes(to.toLowerCase()) && subject.test(mail.subject))
			.at(-1);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
}

/** The first link in a mail's text that points into the app, e.g. the verification link. */
export function linkFrom(mail: CaughtMail, path: string): string {
	const link = mail.text.match(new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\S+`))?.[0];
	if (!link) throw new Error(`no ${path} link in mail "${mail.subject}"`);
	return link;
}
