import { randomIp } from './pocketbase';
import { stack } from './stack';

/**
 * A minimal browser stand-in for the SvelteKit app: keeps cookies, posts forms the way a browser without
 * JavaScript does, and does not follow redirects, so tests can assert on them.
 */
export class AppSession {
	readonly base = stack().appUrl;
	readonly ip: string;
	private cookies = new Map<string, string>();

	constructor(ip = randomIp()) {
		this.ip = ip;
	}

	private headers(extra: Record<string, string> = {}): Record<string, string> {
		const cookie = this.cookieHeader();
		return { 'x-forwarded-for': this.ip, ...(cookie ? { cookie } : {}), ...extra };
	}

	private remember(response: Response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair = ''] = line.split(';');
			const index = pair.indexOf('=');
			const name = pair.slice(0, index).trim();
			const value = pair.slice(index + 1).trim();
			if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	/** The Cookie header this session would send. */
	cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}

	async get(path: string): Promise<Response> {
		const response = await fetch(new URL(path, this.base), {
			headers: this.headers({ accept: 'text/html' }),
			redirect: 'manual'
		});
		this.remember(response);
		return response;
	}

	/** Posts a form like a browser without JavaScript (same-origin, urlencoded). */
	/** A form post; URLSearchParams for a field sent more than once (checkboxes, ids). */
	async post(path: string, fields: Record<string, string> | URLSearchParams): Promise<Response> {
		const response = await fetch(new URL(path, this.base), {
			method: 'POST',
			headers: this.headers({
				origin: new URL(this.base).origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			}),
			body: new URLSearchParams(fields),
			redirect: 'manual'
		});
		this.remember(response);
		return response;
	}

	/** Posts a form with files like a browser without JavaScript (same-origin, multipart). */
	async postMultipart(path: string, form: FormData): Promise<Response> {
		const response = await fetch(new URL(path, this.base), {
			method: 'POST',
			headers: this.headers({ origin: new URL(this.base).origin, accept: 'text/html' }),
			body: form,
			redirect: 'manual'
		});
		this.remember(response);
		return response;
	}

	async signIn(email: string, password: string): Promise<Response> {
		return this.post('/log-ind', { email, password });
	}
}

/**
 * The `_loaded` snapshot an edit form was rendered with (src/lib/forms.ts `snapshotOf`), read from a page's
 * HTML: the first after `marker`, or the first of the page.
 */
export function loadedAfter(html: string, marker = ''): string {
	const at = html.indexOf(marker);
	if (at < 0) throw new Error(`not on the page: ${marker}`);
	const found = /name="_loaded" value="([^"]*)"/.exec(html.slice(at));
	if (!found) throw new Error('no _loaded field on the page');
	return found[1]!
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/**
 * Sends a body larger than the app takes, and returns the app's answer. The app answers before it has read
 * such a body, and on a busy machine the connection has been seen to end while the sender was still writing
 * it, before the answer was read (EPIPE or ECONNRESET, no answer at all). Only such a lost connection is
 * sent again, at most twice; any answer is returned as it is.
 */
export async function sentOverLimit(send: () => Promise<Response>): Promise<Response> {
	for (let tries = 1; ; tries++) {
		try {
			return await send();
		} catch (err) {
			const code = (err as { cause?: { code?: string } }).cause?.code;
			if (tries >= 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw err;
		}
	}
}
