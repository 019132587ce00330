/// <reference path="../pb_data/types.d.ts" />

// "Mine data": everything the house holds about the signed-in user (pb_hooks/lib/overview-mydata.js).
// Read-only, and about the signed-in user only: the id comes from the auth token, never from the request.
// Staff get a desk account's copy through the desk (POST /api/borgerhus/desk/citizens/{id}/mydata).
routerAdd(
	'GET',
	'/api/borgerhus/mydata',
	(e) => {
		const { myDataFor } = require(`${__hooks}/lib/overview-mydata.js`);
		return e.json(200, myDataFor(e.app, e.auth.id, new Date()));
	},
	$apis.requireAuth('users')
);
