/// <reference path="../../pb_data/types.d.ts" />

// A mail greets its reader by name only when the account is confirmed and the mail goes to its own address
// (greetingName): before that, a name chosen at sign-up is anybody's words in the house's own mail.
const TEXTS = {
	da: {
		verification: {
			subject: 'Bekræft din e-mail til Borgerhus',
			intro: 'Hej. Tak fordi du har oprettet en konto i Borgerhus. Bekræft din e-mail ved at åbne linket:',
			path: '/bekraeft/',
			outro: 'Linket virker i 3 dage. Har du ikke oprettet en konto, kan du se bort fra denne mail.'
		},
		passwordReset: {
			subject: 'Vælg en ny adgangskode til Borgerhus',
			intro: 'Hej {name}. Du har bedt om en ny adgangskode. Åbn linket for at vælge en ny:',
			path: '/nulstil-adgangskode/',
			outro: 'Linket virker i 30 minutter. Har du ikke bedt om det, kan du se bort fra denne mail.'
		},
		emailChange: {
			subject: 'Bekræft din nye e-mail til Borgerhus',
			intro: 'Hej {name}. Bekræft at du vil bruge denne e-mail til Borgerhus ved at åbne linket:',
			path: '/skift-email/',
			outro: 'Har du ikke bedt om det, kan du se bort fra denne mail.'
		},
		authAlert: {
			subject: 'Nogen loggede ind på din konto i Borgerhus',
			intro:
				'Hej {name}. Nogen loggede ind på din konto {when} fra et sted, din konto ikke er brugt fra før (adressen {address}). Var det ikke dig, så vælg en ny adgangskode med det samme. Det logger alle andre ud:',
			path: '/glemt-adgangskode',
			outro: 'Var det dig, skal du ikke gøre noget.'
		},
		accountExists: {
			subject: 'Du har allerede en konto i Borgerhus',
			intro:
				'Hej {name}. Nogen, måske dig, har prøvet at oprette en konto i Borgerhus med denne e-mail. Du har allerede en konto. Log ind her:',
			path: '/log-ind',
			reset: 'Har du glemt din adgangskode, kan du vælge en ny her:',
			outro: 'Var det ikke dig, kan du se bort fra denne mail. Din konto er som før.'
		},
		takeover: {
			subject: 'Din konto i Borgerhus er klar',
			intro:
				'Hej {name}. Vi har lavet en konto til dig ved skranken i Borgerhus. Vælg din adgangskode ved at åbne linket, så er kontoen din, og du kan selv se og ændre dine bookinger, reservationer og vagter:',
			path: '/nulstil-adgangskode/',
			outro:
				'Linket virker i 30 minutter. Er det løbet ud, kan du få et nyt under "Glemt adgangskode" med denne e-mail, eller spørge ved skranken.'
		},
		accountUnconfirmed: {
			subject: 'Tag din konto i Borgerhus i brug',
			intro:
				'Hej. Nogen, måske dig, har prøvet at oprette en konto i Borgerhus med denne e-mail. Der er allerede en konto med den, men den er aldrig blevet bekræftet. Vælg din adgangskode ved at åbne linket, så er kontoen din:',
			path: '/nulstil-adgangskode/',
			outro:
				'Linket virker i 30 minutter. Har du ikke prøvet at oprette en konto, kan du se bort fra denne mail.'
		},
		addressTaken: {
			subject: 'Nogen ville skifte til din e-mail i Borgerhus',
			intro:
				'Hej {name}. Nogen har bedt om at skifte e-mailen på en anden konto i Borgerhus til denne e-mail. Den bruges allerede af din konto, så intet er ændret, og der er ikke sendt noget link.',
			outro: 'Du skal ikke gøre noget. Din konto er som før.'
		},
		code: 'Koden er:',
		signature: 'Venlig hilsen\nKultur- & Borgerhuset'
	},
	en: {
		verification: {
			subject: 'Confirm your email for Borgerhus',
			intro: 'Hi. Thank you for creating a Borgerhus account. Confirm your email by opening the link:',
			path: '/bekraeft/',
			outro: 'The link works for 3 days. If you did not create an account, you can ignore this mail.'
		},
		passwordReset: {
			subject: 'Choose a new password for Borgerhus',
			intro: 'Hi {name}. You asked for a new password. Open the link to choose a new one:',
			path: '/nulstil-adgangskode/',
			outro: 'The link works for 30 minutes. If you did not ask for it, you can ignore this mail.'
		},
		emailChange: {
			subject: 'Confirm your new email for Borgerhus',
			intro: 'Hi {name}. Confirm that you want to use this email for Borgerhus by opening the link:',
			path: '/skift-email/',
			outro: 'If you did not ask for it, you can ignore this mail.'
		},
		authAlert: {
			subject: 'Someone signed in to your Borgerhus account',
			intro:
				'Hi {name}. Someone signed in to your account on {when} from a place your account has not been used from before (the address {address}). If it was not you, choose a new password at once. That signs everyone else out:',
			path: '/glemt-adgangskode',
			outro: 'If it was you, there is nothing to do.'
		},
		accountExists: {
			subject: 'You already have a Borgerhus account',
			intro:
				'Hi {name}. Someone, perhaps you, tried to create a Borgerhus account with this email. You already have an account. Sign in here:',
			path: '/log-ind',
			reset: 'If you have forgotten your password, you can choose a new one here:',
			outro: 'If it was not you, you can ignore this mail. Your account is as it was.'
		},
		takeover: {
			subject: 'Your Borgerhus account is ready',
			intro:
				'Hi {name}. We made an account for you at the desk in Borgerhus. Choose your password by opening the link, and the account is yours: you can see and change your bookings, holds and shifts yourself:',
			path: '/nulstil-adgangskode/',
			outro:
				'The link works for 30 minutes. If it has run out, get a new one under "Forgot password" with this email, or ask at the desk.'
		},
		accountUnconfirmed: {
			subject: 'Take your Borgerhus account into use',
			intro:
				'Hi. Someone, perhaps you, tried to create a Borgerhus account with this email. There is already an account with it, but it was never confirmed. Choose your password by opening the link, and the account is yours:',
			path: '/nulstil-adgangskode/',
			outro:
				'The link works for 30 minutes. If you did not try to create an account, you can ignore this mail.'
		},
		addressTaken: {
			subject: 'Someone wanted to change to your email in Borgerhus',
			intro:
				'Hi {name}. Someone asked to change the email of another Borgerhus account to this email. Your account already uses it, so nothing has changed and no link was sent.',
			outro: 'You do not need to do anything. Your account is as it was.'
		},
		code: 'The code is:',
		signature: 'Kind regards\nKultur- & Borgerhuset'
	}
};

/** House time through __hooks inside PocketBase. */
function formatHouseTime(date, lang) {
	return require(`${__hooks}/lib/overview-time.js`).formatHouseTime(date, lang);
}

function escapeHtml(value) {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/**
 * The client address in PocketBase's alert info ("<date> - <address> <user agent>", HTML-escaped). The user
 * agent is the app's own (it signs in on the user's behalf), so only the address says anything.
 */
function alertAddress(info) {
	const match = /^.* - (\S+)/.exec(String(info || ''));
	return match ? match[1].replace(/&[a-z#0-9]+;/gi, '') : '?';
}

/**
 * A mail's text and HTML: each part a paragraph (a part that is an address a link of its own), then the
 * signature.
 * @param {string[]} parts
 * @param {string} signature
 */
function mailBody(parts, signature) {
	const paragraph = (part) =>
		/^https?:\/\//.test(part)
			? '<p><a href="' + escapeHtml(part) + '">' + escapeHtml(part) + '</a></p>'
			: '<p>' + escapeHtml(part) + '</p>';
	return {
		text: parts.concat([signature]).join('\n\n'),
		html: parts.map(paragraph).join('') + '<p>' + escapeHtml(signature).replace('\n', '<br>') + '</p>'
	};
}

/**
 * A text with its `{placeholders}` filled in one pass (lib/notify.js fill): a value is never read as a
 * pattern or filled again, whatever a name holds ("$'", "{when}").
 * @param {string} template
 * @param {Record<string, string>} values
 */
function fill(template, values) {
	return require(`${__hooks}/lib/notify.js`).fill(template, values, 'da');
}

/**
 * The name a mail greets its reader by: only that of a confirmed account, in a mail to the account's own
 * address. An account nobody has confirmed may be a stranger's, who signed up with someone else's address
 * and chose a "name" that reads as the house's own words ("Din konto er spærret ... https://..."); a new
 * address asked for in a change of e-mail is not yet shown to be the account holder's. '' greets nobody.
 * @param {core.Record} user
 * @param {boolean} ownAddress the mail goes to the account's own address
 */
function greetingName(user, ownAddress) {
	return ownAddress && user.verified() ? user.getString('name') || user.email() : '';
}

/**
 * A mail's first lines with `values` filled in; without a name, "Hej {name}." greets nobody ("Hej.").
 * @param {string} template
 * @param {Record<string, string>} values
 */
function introOf(template, values) {
	return fill(values.name ? template : template.replace(' {name}', ''), values);
}

/**
 * Rewrites the mail of a MailerRecordEvent in the record's language: the links of verification, password
 * reset and email change with their token, and the alert of a sign-in from a new place (PocketBase sends it
 * when an account that has signed in before signs in from a new address).
 */
function localize(e, kind) {
	const lang = e.record.getString('language') === 'en' ? 'en' : 'da';
	const t = TEXTS[lang];
	const k = t[kind];
	const base = e.app.settings().meta.appURL.replace(/\/$/, '');
	const link = base + k.path + (kind === 'authAlert' ? '' : String(e.meta.token));
	const intro = introOf(k.intro, {
		// an e-mail change's link goes to the new address, which has shown nothing yet
		name: greetingName(e.record, kind !== 'emailChange'),
		when: kind === 'authAlert' ? formatHouseTime(new Date(), lang) : '',
		address: kind === 'authAlert' ? alertAddress(e.meta.info) : ''
	});
	const body = mailBody([intro, link, k.outro], t.signature);
	e.message.subject = k.subject;
	e.message.text = body.text;
	e.message.html = body.html;
}

/** Sends `parts` (see mailBody) and the signature to `to`, from the house. */
function sendPlain(app, to, subject, parts, signature) {
	const body = mailBody(parts, signature);
	app.newMailClient().send(
		new MailerMessage({
			from: { address: app.settings().meta.senderAddress, name: app.settings().meta.senderName },
			to: [{ address: to }],
			subject: subject,
			text: body.text,
			html: body.html
		})
	);
}

/**
 * Tells the owner of an address that someone tried to sign up with it (lib/signup.js), in the account's
 * language. A confirmed account gets the way to sign in and to choose a new password. One never confirmed
 * gets a link to choose its password (which confirms it too): its password may be a stranger's, who
 * signed up with the address first, so confirming it as it is would hand the stranger the account. That
 * mail greets nobody by name, as the confirmation mail does (the name may be the stranger's words).
 * @param {core.App} app
 * @param {core.Record} user
 */
function sendAccountExists(app, user) {
	const lang = user.getString('language') === 'en' ? 'en' : 'da';
	const t = TEXTS[lang];
	const base = app.settings().meta.appURL.replace(/\/$/, '');
	if (!user.verified()) {
		const k = t.accountUnconfirmed;
		sendPlain(
			app,
			user.email(),
			k.subject,
			[k.intro, base + k.path + user.newPasswordResetToken(), k.outro],
			t.signature
		);
		return;
	}
	const k = t.accountExists;
	const intro = introOf(k.intro, { name: greetingName(user, true) });
	sendPlain(
		app,
		user.email(),
		k.subject,
		[intro, base + k.path, k.reset, base + '/glemt-adgangskode', k.outro],
		t.signature
	);
}

/**
 * Tells the owner of an address that another account asked to change to it (lib/signup.js): nothing is
 * changed, and the one who asked gets the same answer as for a free address, after the same kind of work.
 * @param {core.App} app
 * @param {core.Record} user the account that has the address
 */
function sendAddressTaken(app, user) {
	const t = TEXTS[user.getString('language') === 'en' ? 'en' : 'da'];
	const k = t.addressTaken;
	sendPlain(
		app,
		user.email(),
		k.subject,
		[introOf(k.intro, { name: greetingName(user, true) }), k.outro],
		t.signature
	);
}

/**
 * The mail of a desk account's take-over (lib/desk.js `takeover`): the citizen was at the desk a moment
 * ago, so it says where the account comes from, greets them by the name staff wrote, and links to choosing
 * a password (which confirms the address), in the account's language.
 * @param {core.App} app
 * @param {core.Record} user the account, with the citizen's address
 */
function sendTakeover(app, user) {
	const t = TEXTS[user.getString('language') === 'en' ? 'en' : 'da'];
	const k = t.takeover;
	const base = app.settings().meta.appURL.replace(/\/$/, '');
	sendPlain(
		app,
		user.email(),
		k.subject,
		[
			introOf(k.intro, { name: user.getString('name') }),
			base + k.path + user.newPasswordResetToken(),
			k.outro
		],
		t.signature
	);
}

module.exports = { localize, sendAccountExists, sendAddressTaken, sendTakeover };
