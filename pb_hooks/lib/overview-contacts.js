/// <reference path="../../pb_data/types.d.ts" />

// Which association contact details are a user's own data: one rule for what "Mine data" shows and
// exports (lib/overview-mydata.js) and what deleting the account clears (lib/overview-account.js), so the
// export never leaves out what the deletion treats as the person's.

/** The digits of a phone number; the last 8 (a Danish number without its country code) when longer. */
function phoneDigits(text) {
	const digits = String(text || '').replace(/[^0-9]/g, '');
	return digits.length > 8 ? digits.slice(-8) : digits;
}

/**
 * A LIKE pattern (escaped with `\\`) that matches an address as PocketBase compares addresses: ASCII letters
 * in any case (LIKE folds them, as the users' NOCASE email index does), every other character as written.
 * `''` matches nothing.
 * @param {string} email
 */
function addressPattern(email) {
	const trimmed = String(email || '').trim();
	if (!trimmed) return '';
	let pattern = '';
	for (const char of trimmed) pattern += char === '%' || char === '_' || char === '\\' ? '\\' + char : char;
	return pattern;
}

const lowered = (text) =>
	String(text || '')
		.trim()
		.toLowerCase();

/** An address as PocketBase compares it (rooms-memberships.js `normalizeEmail`): one rule in one place. */
const address = (text) => require(`${__hooks}/lib/rooms-memberships.js`).normalizeEmail(text);

/**
 * The associations that may hold the user's contact details (the ones the user founded or belongs to, and
 * those whose contact address is the user's), each with the contact fields that are the user's own:
 *  - the address when it is the user's, in any ASCII letter case (every other letter as written: "Øle@..." and
 *    "øle@..." are two accounts to PocketBase);
 *  - the name and the phone (compared by their last eight digits, so "+45 11 22 33 44" is "11223344") only
 *    where the contact is the user's: the association names the user's address, or the user founded it or
 *    is its admin. Anyone may call themselves what a club's contact is called, and a household shares a
 *    phone.
 * @param {core.App} app the transaction's app when called inside one
 * @param {core.Record} user the account as it stands
 * @returns {{ record: core.Record, founded: boolean, own: { contact_name: boolean, contact_email: boolean, contact_phone: boolean } }[]}
 */
function ownContacts(app, user) {
	const rows = arrayOf(new DynamicModel({ id: '', admin: 0 }));
	app
		.db()
		// SQLite's LIKE folds ASCII letters only, as PocketBase compares addresses: the candidates, whose
		// address is compared below as the same rule writes it (also of an association the user never joined)
		.newQuery(
			'SELECT a.id AS id, EXISTS (SELECT 1 FROM memberships m WHERE m.association = a.id AND m.user = {:u} ' +
				"AND m.status = 'active' AND m.role = 'admin') AS admin FROM associations a WHERE a.created_by = {:u} " +
				"OR (a.contact_email != '' AND trim(a.contact_email) LIKE {:like} ESCAPE '\\') " +
				// every association the user belongs to in any role or state: its contact address is compared below
				'OR a.id IN (SELECT association FROM memberships WHERE user = {:u}) ' +
				'ORDER BY a.created'
		)
		.bind({ u: user.id, like: addressPattern(user.email()) })
		.all(rows);
	const name = lowered(user.getString('name'));
	const email = address(user.email());
	const phone = phoneDigits(user.getString('phone'));
	return rows.map((row) => {
		const record = app.findRecordById('associations', row.id);
		const founded = record.getString('created_by') === user.id;
		const byEmail = !!email && address(record.getString('contact_email')) === email;
		const theirs = byEmail || founded || row.admin > 0;
		const contactName = lowered(record.getString('contact_name'));
		const contactPhone = phoneDigits(record.getString('contact_phone'));
		return {
			record: record,
			founded: founded,
			own: {
				contact_email: byEmail,
				contact_name: theirs && !!name && contactName === name,
				contact_phone: theirs && phone.length >= 4 && contactPhone === phone
			}
		};
	});
}

module.exports = { ownContacts: ownContacts, phoneDigits: phoneDigits };
