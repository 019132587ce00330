/// <reference path="../pb_data/types.d.ts" />

// "Mine data": what the house holds about the signed-in user that their own token may not read through
// the records API (associations they founded, season applications, audit entries about them, ...).
// Read-only, and about the signed-in user only: the id comes from the auth token, never from the request.
// The app reads the rest with the user's token (src/lib/overview/my-data.server.ts).
routerAdd(
	'GET',
	'/api/borgerhus/mydata',
	(e) => {
		const { myDataFor } = require(`${__hooks}/lib/overview-mydata.js`);
		return e.json(200, myDataFor(e.app, e.auth.id));
	},
	$apis.requireAuth('users')
);
