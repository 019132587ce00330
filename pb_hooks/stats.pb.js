/// <reference path="../pb_data/types.d.ts" />

// The back office's statistics, for staff only: every figure for a period of house days in one answer
// (lib/stats-read.js reads, lib/stats.js counts). GET /api/borgerhus/stats?from=YYYY-MM-DD&to=YYYY-MM-DD
routerAdd(
	'GET',
	'/api/borgerhus/stats',
	(e) => {
		require(`${__hooks}/lib/core/auth.js`).requireStaff(e);
		const query = e.request.url.query();
		const result = require(`${__hooks}/lib/stats-read.js`).statsFor(
			e.app,
			query.get('from'),
			query.get('to'),
			new Date()
		);
		if ('error' in result) {
			require(`${__hooks}/lib/core/errors.js`).refuse(result.error, 'from');
		}
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);
