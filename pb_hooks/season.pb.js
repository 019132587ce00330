/// <reference path="../pb_data/types.d.ts" />

// The season application round (docs/rules.md, "Season application round"). The record API only reads
// these collections; every write is one of these routes, one transaction each.
routerAdd('POST', '/api/borgerhus/seasons', (e) => require(`${__hooks}/lib/season/round.js`).create(e));
routerAdd('PATCH', '/api/borgerhus/seasons/{id}', (e) => require(`${__hooks}/lib/season/round.js`).update(e));
routerAdd('POST', '/api/borgerhus/seasons/{id}/status', (e) =>
	require(`${__hooks}/lib/season/round.js`).status(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/apply', (e) =>
	require(`${__hooks}/lib/season/round.js`).apply(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/withdraw', (e) =>
	require(`${__hooks}/lib/season/round.js`).withdraw(e)
);
routerAdd('GET', '/api/borgerhus/seasons/{id}/copy', (e) =>
	require(`${__hooks}/lib/season/round.js`).copy(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/draft', (e) =>
	require(`${__hooks}/lib/season/round.js`).draft(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/settle', (e) =>
	require(`${__hooks}/lib/season/round.js`).settle(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/adjust', (e) =>
	require(`${__hooks}/lib/season/round.js`).adjust(e)
);
routerAdd('GET', '/api/borgerhus/seasons/{id}/notes', (e) =>
	require(`${__hooks}/lib/season/round.js`).notes(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/objections', (e) =>
	require(`${__hooks}/lib/season/round.js`).object(e)
);
routerAdd('POST', '/api/borgerhus/season-objections/{id}/answer', (e) =>
	require(`${__hooks}/lib/season/round.js`).answerObjection(e)
);
routerAdd('GET', '/api/borgerhus/seasons/{id}/plan', (e) =>
	require(`${__hooks}/lib/season/round.js`).plan(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/book', (e) =>
	require(`${__hooks}/lib/season/publish.js`).book(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/claim', (e) =>
	require(`${__hooks}/lib/season/publish.js`).claim(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/claim-date', (e) =>
	require(`${__hooks}/lib/season/publish.js`).claimDate(e)
);
routerAdd('GET', '/api/borgerhus/seasons/{id}/swap-options', (e) =>
	require(`${__hooks}/lib/season/swaps.js`).options(e)
);
routerAdd('POST', '/api/borgerhus/seasons/{id}/swaps', (e) =>
	require(`${__hooks}/lib/season/swaps.js`).propose(e)
);
routerAdd('POST', '/api/borgerhus/season-swaps/{id}/{action}', (e) =>
	require(`${__hooks}/lib/season/swaps.js`).act(e)
);
