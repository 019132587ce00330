/// <reference path="../pb_data/types.d.ts" />

// Deployment settings come from the environment on every start (12-factor), so that a data directory
// can move between machines and the dashboard is never the source of truth for them.
onBootstrap((e) => {
	e.next();
	const config = require(`${__hooks}/lib/config.js`);
	config.applySettings(e.app);
});
