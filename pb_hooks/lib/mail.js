/// <reference path="../../pb_data/types.d.ts" />

const TEXTS = {
	da: {
		verification: {
			subject: 'Bekræft din e-mail til Borgerhus',
			intro:
				'Hej {name}. Tak fordi du har oprettet en konto i Borgerhus. Bekræft din e-mail ved at åbne linket:',
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
		code: 'Koden er:',
		signature: 'Venlig hilsen\nKultur- & Borgerhuset'
	},
	en: {
		verification: {
			subject: 'Confirm your email for Borgerhus',
			intro: 'Hi {name}. Thank you for creating a Borgerhus account. Confirm your email by opening the link:',
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
		code: 'The code is:',
		signature: 'Kind regards\nKultur- & Borgerhuset'
	}
};

function escapeHtml(value) {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** Rewrites the mail of a MailerRecordEvent in the record's language. */
function localize(e, kind) {
	const lang = e.record.getString('language') === 'en' ? 'en' : 'da';
	const t = TEXTS[lang];
	const k = t[kind];
	const token = String(e.meta.token);
	const base = e.app.settings().meta.appURL.replace(/\/$/, '');
	const link = base + k.path + token;
	const intro = k.intro.replace('{name}', e.record.getString('name') || e.record.email());
	e.message.subject = k.subject;
	e.message.text = [intro, link, k.outro, t.signature].join('\n\n');
	e.message.html =
		'<p>' +
		escapeHtml(intro) +
		'</p><p><a href="' +
		escapeHtml(link) +
		'">' +
		escapeHtml(link) +
		'</a></p><p>' +
		escapeHtml(k.outro) +
		'</p><p>' +
		escapeHtml(t.signature).replace('\n', '<br>') +
		'</p>';
}

module.exports = { localize };
