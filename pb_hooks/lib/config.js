/// <reference path="../../pb_data/types.d.ts" />

/** Reads an integer environment variable, falling back when it is missing or not a number. */
function intEnv(name, fallback) {
	const value = parseInt($os.getenv(name), 10);
	return isNaN(value) ? fallback : value;
}

/**
 * Applies mail, URL, proxy and rate-limit settings from the environment.
 * Sign-in, the mail-sending endpoints, writes and the raw API are rate limited per client address; the
 * SvelteKit server forwards the user's address in X-Forwarded-For on those requests, and a reverse proxy
 * in front of PocketBase appends the real one, so the right-most address is the one to trust.
 * The app's own reads for a page carry no forwarded address: they come from the app's address, which is
 * excluded from the limits (BORGERHUS_APP_ADDRESSES, comma-separated addresses or subnets), so that a
 * house's Wi-Fi or a school class behind one address does not exhaust it by opening pages
 * (docs/performance.md, "Load from one address").
 */
function applySettings(app) {
	const s = app.settings();
	s.meta.appName = 'Borgerhus';
	const appUrl = $os.getenv('BORGERHUS_APP_URL');
	if (appUrl) s.meta.appURL = appUrl;
	s.meta.senderName = $os.getenv('BORGERHUS_MAIL_FROM_NAME') || 'Borgerhus';
	s.meta.senderAddress = $os.getenv('BORGERHUS_MAIL_FROM') || 'noreply@borgerhus.local';

	const smtpHost = $os.getenv('BORGERHUS_SMTP_HOST');
	if (smtpHost) {
		s.smtp.enabled = true;
		s.smtp.host = smtpHost;
		s.smtp.port = intEnv('BORGERHUS_SMTP_PORT', 25);
		s.smtp.username = $os.getenv('BORGERHUS_SMTP_USERNAME');
		s.smtp.password = $os.getenv('BORGERHUS_SMTP_PASSWORD');
		s.smtp.tls = $os.getenv('BORGERHUS_SMTP_TLS') === 'true';
	}

	// the request log: where a request came from and what it asked for, to find faults and misuse, kept 5
	// days and then deleted (the privacy page says so: /privatliv)
	s.logs.maxDays = 5;
	s.logs.logIP = true;

	s.trustedProxy.headers = ['X-Forwarded-For'];
	s.trustedProxy.useLeftmostIP = false;

	const perMinute = intEnv('BORGERHUS_AUTH_ATTEMPTS_PER_MINUTE', 10);
	s.rateLimits.enabled = true;
	s.rateLimits.excludedIPs = ($os.getenv('BORGERHUS_APP_ADDRESSES') || '127.0.0.1,::1')
		.split(',')
		.map((a) => a.trim())
		.filter((a) => a !== '');
	s.rateLimits.rules = [
		{ label: '*:authWithPassword', maxRequests: perMinute, duration: 60, audience: '' },
		{ label: '*:requestPasswordReset', maxRequests: 5, duration: 60, audience: '' },
		{ label: '*:requestVerification', maxRequests: 5, duration: 60, audience: '' },
		// sign-up sends a mail too (lib/signup.js)
		{ label: 'POST /api/borgerhus/account/signup', maxRequests: perMinute, duration: 60, audience: '' },
		// confirming an address checks the account's password, as sign-in does
		{ label: 'POST /api/borgerhus/account/confirm', maxRequests: perMinute, duration: 60, audience: '' },
		{ label: '*:requestEmailChange', maxRequests: 5, duration: 60, audience: '@auth' },
		// confirming a new address takes the password (with the token mailed to the new address)
		{ label: '*:confirmEmailChange', maxRequests: 5, duration: 60, audience: '' },
		// the catalogue's CSV import creates up to 2,000 titles, one request each, from one staff member's
		// address: its own limit (the most specific label wins), room for one whole file a minute
		{ label: 'titles:create', maxRequests: 2500, duration: 60, audience: '@auth' },
		{ label: '/api/', maxRequests: intEnv('BORGERHUS_API_REQUESTS_PER_10S', 600), duration: 10, audience: '' }
	];
	app.save(s);
}

module.exports = { applySettings };
