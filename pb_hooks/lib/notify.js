/// <reference path="../../pb_data/types.d.ts" />

// One mechanism for every message the house sends (docs/rules.md, "Mit overblik"):
//  1. notify() writes an in-app notification in the user's language, inside the caller's transaction,
//     so a message exists exactly when the change that caused it was committed (or prepare() makes it
//     before the transaction and deliver() saves it inside);
//  2. after the commit, notifications.pb.js mails it (if the user wants mail) and stamps emailed_at; a
//     message for a user who wants no mail is stamped when it is written;
//  3. a cron job mails what step 2 missed (a mail server that was down, a restart).
// A dedupe key makes a message unique: a reminder job that runs twice still sends one reminder.

/** lib/core/filter.js bindFilter, required at the call: loading this file needs nothing of PocketBase. */
function bindFilter(filter, params) {
	return require(`${__hooks}/lib/core/filter.js`).bindFilter(filter, params);
}

/**
 * @typedef {{ title: string, body: string }} Text
 * @typedef {{ da: Text, en: Text }} Texts
 * @typedef {{ kind: string, texts: Texts, params?: Record<string, unknown>, link?: string, dedupeKey?: string }} Message
 */

/**
 * A message parameter in the reader's language (docs/rules.md, "Messages"): `{ instant }` is a moment
 * written as people read it in house time ("tirsdag 24. november kl. 19:00"), `{ date }` a local day
 * "YYYY-MM-DD" written as a day ("tirsdag 24. november"), `{ da, en }` a text per language; anything else
 * as it is. Never an ISO date in a message.
 * @param {unknown} value
 * @param {'da' | 'en'} language
 */
function paramText(value, language) {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'object') return String(value);
	const time = require(`${__hooks}/lib/core/time.js`);
	if ('instant' in value) return value.instant ? time.format(value.instant, language) : '';
	if ('date' in value) return value.date ? formatDay(value.date, language) : '';
	if ('da' in value || 'en' in value) return String(value[language] || '');
	return String(value);
}

/** A local day "YYYY-MM-DD" as people read it: "tirsdag 24. november" / "Tuesday 24 November". */
function formatDay(date, language) {
	const time = require(`${__hooks}/lib/core/time.js`);
	const noon = time.resolveLenient(date, '12:00');
	if (noon === null) return String(date);
	const text = time.format(noon, language);
	return language === 'en' ? text.replace(/, \d\d:\d\d$/, '') : text.replace(/ kl\. \d\d:\d\d$/, '');
}

/**
 * Replaces {name} placeholders with params, written in `language` (paramText), and {name|one|other} with
 * the word for a count of one or any other (Danish and English have no other plural forms).
 */
function fill(template, params, language) {
	return String(template).replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (_, key, one, other) => {
		if (!params || !(key in params)) return '';
		if (one !== undefined) return Number(params[key]) === 1 ? one : other;
		return paramText(params[key], language === 'en' ? 'en' : 'da');
	});
}

/**
 * Whether a user gets messages by mail: chosen, verified, not deleted, an address of their own (desk
 * accounts have none: docs/rules.md, "Service at the desk").
 * @param {core.Record} user
 */
function wantsMail(user) {
	if (!user.getBool('notify_email') || user.getString('deleted_at') || !user.verified()) return false;
	return !user.getBool('desk_account') && !require(`${__hooks}/lib/desk.js`).undeliverable(user.email());
}

/**
 * Creates a notification for a user. Call it with the transaction's app (txApp) inside a write.
 * Returns false when a notification with the same dedupeKey exists already.
 * @param {core.App} app
 * @param {string} userId
 * @param {Message} message
 */
function notify(app, userId, message) {
	return deliver(app, prepare(app, userId, message));
}

/**
 * `text` cut to at most `max` characters (as PocketBase counts them: code points), ending in "…" when cut;
 * as it is when it fits or there is no limit.
 * @param {string} text
 * @param {number} max
 */
function clip(text, max) {
	const chars = Array.from(String(text));
	if (!(max > 0) || chars.length <= max) return text;
	return (
		chars
			.slice(0, max - 1)
			.join('')
			.replace(/\s+$/, '') + '…'
	);
}

/**
 * The longest subject a mail of a message gets, in UTF-8 bytes. The mail library encodes a subject that is
 * not plain ASCII as encoded words of at most three characters a byte on one header line, which must stay
 * within 998 characters (RFC 5322): 240 bytes give at most about 920 with "Subject: ", whatever the letters.
 */
const SUBJECT_MAX_BYTES = 240;

/** How many bytes a character (a code point) takes in UTF-8. */
function utf8Bytes(char) {
	const code = char.codePointAt(0);
	return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * A message's title as its mail's subject: on one line, and cut to SUBJECT_MAX_BYTES with "…" at the end
 * when longer (the title in the inbox stays whole). The one place a notification's subject is made.
 * @param {string} title
 */
function subjectOf(title) {
	const chars = Array.from(String(title).replace(/\s+/g, ' ').trim());
	let bytes = 0;
	for (const char of chars) bytes += utf8Bytes(char);
	if (bytes <= SUBJECT_MAX_BYTES) return chars.join('');
	const kept = [];
	// room for the ellipsis, three bytes
	let used = 3;
	for (const char of chars) {
		if (used + utf8Bytes(char) > SUBJECT_MAX_BYTES) break;
		used += utf8Bytes(char);
		kept.push(char);
	}
	return kept.join('').replace(/\s+$/, '') + '…';
}

/**
 * A message written in both languages: { da: { title, body }, en: { title, body } }, each title and body cut
 * to what the notification keeps (`limits`; docs/rules.md, "Messages"): a title of an event or a book as long
 * as its own field allows, with the message's words around it, or a long answer after a season's name, would
 * otherwise refuse the save, and with it the write the message is about.
 * @param {Message} message
 * @param {{ title: number, body: number }} [limits]
 */
function textsOf(message, limits) {
	const out = {};
	for (const language of ['da', 'en']) {
		const text = message.texts[language];
		out[language] = {
			title: clip(fill(text.title, message.params, language), limits ? limits.title : 0),
			body: clip(fill(text.body, message.params, language), limits ? limits.body : 0)
		};
	}
	return out;
}

/**
 * The longest title and body a notification keeps, from its collection's fields (0: no limit).
 * @param {core.Collection} collection
 */
function limitsOf(collection) {
	const max = (name) => {
		const field = collection.fields.getByName(name);
		return field ? JSON.parse(JSON.stringify(field)).max || 0 : 0;
	};
	return { title: max('title'), body: max('body') };
}

/**
 * A message's title and body in `language`, from its texts in both languages, or as stored (a message
 * written before there were two).
 * @param {core.Record} row
 * @param {'da' | 'en'} language
 */
function textIn(row, language) {
	let texts = null;
	try {
		texts = JSON.parse(row.getString('texts') || 'null');
	} catch (_) {
		texts = null;
	}
	const text = texts && texts[language];
	if (text && typeof text.title === 'string' && typeof text.body === 'string') return text;
	return { title: row.getString('title'), body: row.getString('body') };
}

/**
 * The notification notify() would save, not saved: read and written in the user's language. A write whose
 * transaction should hold the write connection only for its own work makes it before (the reads and the
 * wording need no lock: docs/performance.md, "Writes") and delivers it inside. Null for a deleted account,
 * which gets no messages.
 * @param {core.App} app
 * @param {string} userId
 * @param {Message} message
 * @returns {core.Record | null}
 */
function prepare(app, userId, message) {
	let user;
	try {
		user = app.findRecordById('users', userId);
	} catch (_) {
		return null;
	}
	if (user.getString('deleted_at')) return null;
	const language = user.getString('language') === 'en' ? 'en' : 'da';
	const collection = app.findCachedCollectionByNameOrId('notifications');
	const texts = textsOf(message, limitsOf(collection));
	const record = new Record(collection);
	// no mail wanted: stamped now, so nothing after the commit has to write again (docs/performance.md,
	// "Writes")
	if (!wantsMail(user)) record.set('emailed_at', new Date().toISOString());
	record.set('user', userId);
	record.set('kind', message.kind);
	// the text in the person's language now (the export, older readers), and both languages, so the inbox
	// and the mail follow the language the person reads when they read it
	record.set('title', texts[language].title);
	record.set('body', texts[language].body);
	record.set('texts', texts);
	record.set('link', message.link || '');
	record.set('dedupe_key', message.dedupeKey || '');
	return record;
}

/**
 * Saves a prepared notification, unless there is none or one with its dedupe key exists already (checked
 * here, in the caller's transaction). Returns whether it was saved.
 * @param {core.App} app
 * @param {core.Record | null} record
 */
function deliver(app, record) {
	if (!record) return false;
	const key = record.getString('dedupe_key');
	if (key) {
		try {
			app.findFirstRecordByData('notifications', 'dedupe_key', key);
			return false;
		} catch (_) {
			// not sent before
		}
	}
	app.save(record);
	return true;
}

/** How long a message sent by notifyOncePerHour takes the messages about the same thing after it. */
const ONCE_PER_HOUR_MS = 60 * 60 * 1000;

/**
 * notify(), one message an hour at most about one thing to one person (`about`: a key naming the thing,
 * e.g. a membership): a message about it within the hour of the last one rewrites that one to the words
 * now, unread again, and sends no new mail (its mail goes only if it has not gone yet). For messages that
 * another person's act sends, and that act can be repeated at will (a role changed back and forth, a swap
 * proposed and withdrawn in turn): the house would otherwise mail the person at every turn
 * (docs/rules.md, "Messages"). Call it with the transaction's app, as notify().
 * @param {core.App} app
 * @param {string} userId
 * @param {Message} message without a dedupeKey (its key is `about` and the time)
 * @param {string} about
 */
function notifyOncePerHour(app, userId, message, about) {
	const prefix = message.kind + ':' + about + ':';
	const record = prepare(app, userId, Object.assign({}, message, { dedupeKey: prefix + Date.now() }));
	if (!record) return false;
	const recent = app.findRecordsByFilter(
		'notifications',
		bindFilter('user = {:u} && kind = {:kind} && dedupe_key ~ {:prefix} && created >= {:since}', {
			u: userId,
			kind: message.kind,
			prefix: prefix,
			since: dbDate(Date.now() - ONCE_PER_HOUR_MS)
		}),
		'-created',
		1,
		0
	);
	if (!recent.length) return deliver(app, record);
	const notice = recent[0];
	for (const field of ['title', 'body', 'texts', 'link']) notice.set(field, record.get(field));
	notice.set('read_at', '');
	app.save(notice);
	return false;
}

const SIGNATURE = {
	da: 'Venlig hilsen\nKultur- & Borgerhuset',
	en: 'Kind regards\nKultur- & Borgerhuset'
};
const SETTINGS_HINT = {
	da: 'Du kan vælge e-mails fra i din profil: ',
	en: 'You can turn off emails in your profile: '
};

function escapeHtml(value) {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

// A mail the server refused is tried again after 1, 2, 4 ... minutes, at most MAX_WAIT_MINUTES apart,
// and given up after MAX_MAIL_TRIES tries (about a day): a mail server that was down for hours still gets
// every message out, and an address that never takes mail is not tried every minute for ever, nor keeps
// the messages after it waiting in the safety net's queue.
const MAX_MAIL_TRIES = 12;
const MAX_WAIT_MINUTES = 6 * 60;

/** When the next try may be made after `tries` failed ones: an instant in PocketBase's date format. */
function nextTry(tries, now) {
	const minutes = Math.min(Math.pow(2, tries - 1), MAX_WAIT_MINUTES);
	return dbDate(now + minutes * 60 * 1000);
}

function dbDate(ms) {
	return require(`${__hooks}/lib/room-claims.js`).toPbDate(ms);
}

/** Whether a message whose mail failed before may be tried now. */
function due(row, now) {
	const tries = row.getInt('mail_tries');
	if (tries === 0) return true;
	if (tries >= MAX_MAIL_TRIES) return false;
	const after = row.getString('mail_after');
	return !after || after <= dbDate(now);
}

/**
 * Mails one notification if its user wants mail, then stamps emailed_at (also when no mail is wanted,
 * so the cron job does not look at it again). Runs outside any transaction: no mail inside a write.
 * The stamp is set before sending (and removed if sending fails): a crash between the two loses a mail
 * rather than sending it twice.
 * @param {core.App} app
 * @param {core.Record} notification
 */
function mailNotification(app, notification) {
	if (notification.getString('emailed_at')) return;
	// the stamp is claimed in a transaction, read and written as one: the mail after a commit and the cron
	// job that mails what was missed may both reach the same message, and only one of them sends it (nor
	// tries again before the failed try's wait is over)
	const fresh = require(`${__hooks}/lib/core/tx.js`).run(app, (txApp) => {
		let row;
		try {
			row = txApp.findRecordById('notifications', notification.id);
		} catch (_) {
			// gone since its commit (its account was deleted in between): nothing to mail, and the write
			// that made it has committed and answers as done
			return null;
		}
		if (row.getString('emailed_at') || !due(row, Date.now())) return null;
		row.set('emailed_at', new Date().toISOString());
		txApp.save(row);
		return row;
	});
	if (!fresh) return;

	let user;
	try {
		user = app.findRecordById('users', fresh.getString('user'));
	} catch (_) {
		return;
	}
	if (!wantsMail(user)) return;
	const language = user.getString('language') === 'en' ? 'en' : 'da';
	const text = textIn(fresh, language);
	const base = app.settings().meta.appURL.replace(/\/$/, '');
	const link = fresh.getString('link') ? base + fresh.getString('link') : '';
	const lines = [text.body, link, SIGNATURE[language], SETTINGS_HINT[language] + base + '/profil'];
	const message = new MailerMessage({
		from: { address: app.settings().meta.senderAddress, name: app.settings().meta.senderName },
		to: [{ address: user.email() }],
		subject: subjectOf(text.title),
		text: lines.filter(Boolean).join('\n\n'),
		html: lines
			.filter(Boolean)
			.map((line) =>
				line === link
					? '<p><a href="' + escapeHtml(link) + '">' + escapeHtml(link) + '</a></p>'
					: '<p>' + escapeHtml(line).replace(/\n/g, '<br>') + '</p>'
			)
			.join('')
	});
	try {
		app.newMailClient().send(message);
	} catch (err) {
		// Unstamp, so the cron job tries again once the mail server answers, after a wait that grows with
		// each failed try; after the last try the message stays in the inbox only.
		const tries = fresh.getInt('mail_tries') + 1;
		const last = tries >= MAX_MAIL_TRIES;
		app
			.logger()
			.error(
				last ? 'notification mail failed, not tried again' : 'notification mail failed',
				'notification',
				fresh.id,
				'tries',
				tries,
				'error',
				String(err)
			);
		// on the row as it stands now: the user may have read the message meanwhile, which stays read
		try {
			require(`${__hooks}/lib/core/tx.js`).run(app, (txApp) => {
				const row = txApp.findRecordById('notifications', fresh.id);
				row.set('emailed_at', '');
				row.set('mail_tries', tries);
				row.set('mail_after', last ? '' : nextTry(tries, Date.now()));
				txApp.save(row);
			});
		} catch (_) {
			// the message is gone (its account deleted meanwhile): nothing to try again
		}
	}
}

/**
 * Mails every notification not handled yet, oldest first: those never tried that were created more than
 * a minute ago (the mail after their commit had its chance), and those whose failed try's wait is over.
 */
function mailPending(app) {
	const now = Date.now();
	const pending = app.findRecordsByFilter(
		'notifications',
		bindFilter(
			'emailed_at = "" && ((mail_tries = 0 && created < {:cutoff}) || ' +
				'(mail_tries > 0 && mail_tries < {:max} && mail_after <= {:now}))',
			{
				cutoff: dbDate(now - 60 * 1000),
				now: dbDate(now),
				max: MAX_MAIL_TRIES
			}
		),
		'created',
		200,
		0
	);
	for (const notification of pending) mailNotification(app, notification);
	return pending.length;
}

module.exports = {
	notify,
	notifyOncePerHour,
	prepare,
	deliver,
	wantsMail,
	mailNotification,
	mailPending,
	fill,
	clip,
	subjectOf,
	paramText,
	formatDay
};
