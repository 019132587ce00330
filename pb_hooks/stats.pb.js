/// <reference path="../pb_data/types.d.ts" />

// The back office's statistics, for staff only: every figure for a period of house days in one answer
// (lib/stats-read.js reads, lib/stats.js counts). GET /api/borgerhus/stats?from=YYYY-MM-DD&to=YYYY-MM-DD
routerAdd(
	'GET',
	'/api/borgerhus/stats',
	(e) => {
		const { requireStaff } = require(`${__hooks}/lib/core/auth.js`);
		const { refusal } = require(`${__hooks}/lib/core/errors.js`);
		requireStaff(e);
		const query = e.request.url.query();
		const result = require(`${__hooks}/lib/stats-read.js`).statsFor(
			e.app,
			query.get('from'),
			query.get('to'),
			new Date()
		);
		if ('error' in result) {
			throw refusal(result.error, result.field);
		}
		return e.json(200, result);
	},
	$apis.requireAuth('users')
);
