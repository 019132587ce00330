/// <reference path="../pb_data/types.d.ts" />

// Service at the desk (docs/rules.md, "Service at the desk"): staff act for a citizen through the same
// record API the citizen uses (lib/desk.js, core/auth.js); desk accounts and their take-over.

// The desk headers are checked and each desk act is audited at the door (lib/core/door.js).

routerAdd('GET', '/api/borgerhus/desk/citizens', (e) => require(`${__hooks}/lib/desk.js`).search(e));
routerAdd('GET', '/api/borgerhus/desk/citizens/{id}', (e) => require(`${__hooks}/lib/desk.js`).citizen(e));
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/card', (e) =>
	require(`${__hooks}/lib/desk.js`).setCard(e)
);
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/volunteer-terms', (e) =>
	require(`${__hooks}/lib/desk.js`).volunteerTerms(e)
);
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/takeover', (e) =>
	require(`${__hooks}/lib/desk.js`).takeover(e)
);
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/mydata', (e) =>
	require(`${__hooks}/lib/desk.js`).citizenData(e)
);
routerAdd('POST', '/api/borgerhus/desk/citizens/{id}/delete', (e) =>
	require(`${__hooks}/lib/desk.js`).deleteDeskAccount(e)
);
routerAdd('POST', '/api/borgerhus/desk/accounts', (e) => require(`${__hooks}/lib/desk.js`).createAccount(e));

// No mail to an address nobody receives (desk accounts, deleted accounts).
onMailerSend((e) => {
	const { undeliverable } = require(`${__hooks}/lib/desk.js`);
	const to = (e.message.to || []).map((a) => a.address);
	if (to.length && to.every(undeliverable)) return;
	return e.next();
});
