/// <reference path="../pb_data/types.d.ts" />

// House time in the API (docs/rules.md, "House time").

// An instant without a zone is refused: each date field's value in a create or update request, as the
// client sent it, must end in `Z` or `±hh:mm` (PocketBase itself would read "2026-03-29 02:30:00" as UTC,
// an hour or two off the wall clock the sender meant). Every collection is covered, and only its date
// fields checked, so a date field added later is covered too. No actor is exempt: the system account's
// scripts and PocketBase's own dashboard send zoned dates.
//
// A direct record API call is checked by this middleware, before the record API runs any hook: PocketBase
// loads hook files in no fixed order, so only here is the refusal sure to come before every other rule.
routerUse((e) => {
	const method = e.request.method;
	const match = /^\/api\/collections\/([^/]+)\/records(\/[^/]+)?\/?$/.exec(e.request.url.path);
	if (match && ((method === 'POST' && !match[2]) || (method === 'PATCH' && match[2]))) {
		let collection = null;
		try {
			collection = e.app.findCachedCollectionByNameOrId(decodeURIComponent(match[1]));
		} catch {
			// no such collection: the record API answers 404 itself
		}
		if (collection) {
			const { refusal } = require(`${__hooks}/lib/core/errors.js`);
			let body;
			try {
				e.requestInfo(); // parses a form body, as the record API would
				body = require(`${__hooks}/lib/core/raw-body.js`).rawBody(e);
			} catch (_) {
				// a body that is no JSON object nor form: the same coded answer as the door check gives
				// (pb_hooks/input.pb.js), whichever of the two middlewares PocketBase runs first
				throw refusal('core_invalid_value', 'form');
			}
			const problem = require(`${__hooks}/lib/core/time.js`).unzonedDateField(collection, body);
			if (problem) throw refusal(problem.code, problem.field);
		}
	}
	return e.next();
});

// The record request hooks hold the same rule for the requests of a batch (/api/batch), which pass no
// middleware; they run before the write is saved, in whatever order PocketBase gives the hooks.
onRecordCreateRequest((e) => {
	const { rawBody } = require(`${__hooks}/lib/core/raw-body.js`);
	const problem = require(`${__hooks}/lib/core/time.js`).unzonedDateField(e.collection, rawBody(e));
	if (problem) throw require(`${__hooks}/lib/core/errors.js`).refusal(problem.code, problem.field);
	e.next();
});

onRecordUpdateRequest((e) => {
	const { rawBody } = require(`${__hooks}/lib/core/raw-body.js`);
	const problem = require(`${__hooks}/lib/core/time.js`).unzonedDateField(e.collection, rawBody(e));
	if (problem) throw require(`${__hooks}/lib/core/errors.js`).refusal(problem.code, problem.field);
	e.next();
});

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
