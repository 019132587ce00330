/// <reference path="../pb_data/types.d.ts" />

// Service at the desk (docs/rules.md, "Service at the desk"): staff act for a citizen through the same
// record API the citizen uses (lib/desk.js, core/auth.js); desk accounts and their take-over.

// Nobody but staff names a citizen in the desk headers, on any route (also where no hook asks the actor).
routerUse((e) => {
	require(`${__hooks}/lib/desk.js`).context(e);
	return e.next();
});

// Each desk act commits with its audit entry (both identities) and the citizen's message.
onRecordCreateRequest(
	(e) => require(`${__hooks}/lib/desk.js`).around(e, 'create'),
	'bookings',
	'holds',
	'signups',
	'registrations'
);
onRecordUpdateRequest(
	(e) => require(`${__hooks}/lib/desk.js`).around(e, 'update'),
	'bookings',
	'holds',
	'signups',
	'registrations'
);

routerAdd('GET', '/api/borgerhus/desk/citizens', (e) => require(`${__hooks}/lib/desk.js`).search(e));
routerAdd('GET', '/api/borgerhus/desk/citizens/{id}', (e) => require(`${__hooks}/lib/desk.js`).citizen(e));
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/card', (e) =>
	require(`${__hooks}/lib/desk.js`).setCard(e)
);
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/takeover', (e) =>
	require(`${__hooks}/lib/desk.js`).takeover(e)
);
routerAdd('POST', '/api/borgerhus/desk/accounts', (e) => require(`${__hooks}/lib/desk.js`).createAccount(e));

// No mail to an address nobody receives (desk accounts, deleted accounts).
onMailerSend((e) => {
	const { undeliverable } = require(`${__hooks}/lib/desk.js`);
	const to = (e.message.to || []).map((a) => a.address);
	if (to.length && to.every(undeliverable)) return;
	return e.next();
});
