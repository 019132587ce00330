/// <reference path="../pb_data/types.d.ts" />

// House time in the API (docs/rules.md, "House time").

// Instants without a zone are refused at the door (lib/core/door.js).

// The house's clock as PocketBase's binary reads it (Go's time package and the embedded IANA database),
// for the test that runs tests/fixtures/house-time.json against both sides. Public and data-free:
// GET /api/borgerhus/house-time?at=<ISO instant> and/or ?date=YYYY-MM-DD&time=HH:MM[&lang=da|en].
routerAdd('GET', '/api/borgerhus/house-time', (e) => {
	const time = require(`${__hooks}/lib/core/time.js`);
	const query = e.request.url.query();
	const answer = { zone: time.ZONE, binding: typeof __houseTime !== 'undefined' };
	const at = query.get('at');
	if (at) {
		const ms = Date.parse(at);
		if (isNaN(ms)) throw new BadRequestError('at: not an instant');
		answer.offset = time.offsetMinutes(ms);
		answer.local = time.localParts(ms);
		answer.format = time.format(ms, query.get('lang') === 'en' ? 'en' : 'da');
	}
	const date = query.get('date');
	if (date) {
		const clock = query.get('time');
		answer.resolve = time.resolve(date, clock);
		answer.lenient = time.resolveLenient(date, clock);
		const days = Number(query.get('addDays') || 0);
		answer.addDays = time.addDays(date, days);
	}
	return e.json(200, answer);
});
