/// <reference path="../pb_data/types.d.ts" />

// Door signs and the lobby screen (docs/rules.md, "Door signs and the lobby screen"): public, read-only,
// only the public busy projection and published events.
routerAdd('GET', '/api/borgerhus/screens/lobby', (e) => require(`${__hooks}/lib/screens.js`).lobby(e));
routerAdd('GET', '/api/borgerhus/screens/rooms/{slug}', (e) => require(`${__hooks}/lib/screens.js`).door(e));
