/// <reference path="../pb_data/types.d.ts" />

// Sign-up through one route that answers a taken address as a new one (lib/signup.js).
routerAdd('POST', '/api/borgerhus/account/signup', (e) => require(`${__hooks}/lib/signup.js`).signUp(e));
