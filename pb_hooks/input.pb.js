/// <reference path="../pb_data/types.d.ts" />

// Bad input at the door (docs/rules.md, "Mit overblik, account and bad input"). Every API request with a
// body must send a JSON object (or a form); anything else gets a coded 400 here, for the records API and
// the custom routes alike. A body that a client sends to create or update a record is then checked
// against the collection's fields by lib/input.js before PocketBase loads it or evaluates the
// collection's rules, so hostile values get a coded 400 and change nothing. The system account (data
// loads, maintenance) is trusted and not checked here; a guest only for a sign-up.
routerUse((e) => {
	const method = e.request.method;
	if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return e.next();
	const urlPath = e.request.url.path;
	const path = /^\/api\/collections\/([^/]+)\/records(?:\/([^/]+))?$/.exec(urlPath);
	// the records API and our own routes read the body as request info (PocketBase's other endpoints
	// bind it themselves, once, and are left alone)
	if (!path && !/^\/api\/(borgerhus|library)\//.test(urlPath)) return e.next();
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	let body;
	try {
		body = e.requestInfo().body;
	} catch (_) {
		throw refusal('core_invalid_value', 'form');
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw refusal('core_invalid_value', 'form');
	}

	if (!path || method === 'PUT' || (method === 'POST') !== (path[2] === undefined)) return e.next();
	if (e.auth && e.hasSuperuserAuth()) return e.next();
	// a guest writes nothing but a sign-up; PocketBase's rules answer the rest as they are
	if (!e.auth && path[1] !== 'users') return e.next();
	let collection;
	try {
		collection = e.app.findCachedCollectionByNameOrId(path[1]);
	} catch (_) {
		return e.next();
	}
	const { checkBody } = require(`${__hooks}/lib/input.js`);
	// each field's settings as plain data, with its type (which a field keeps behind a method)
	const fields = collection.fields.map((f) =>
		Object.assign(JSON.parse(JSON.stringify(f)), { type: f.type() })
	);
	const problem = checkBody(fields, body, {
		create: method === 'POST',
		// required fields the areas' create hooks fill in (docs/rules.md, "Library")
		serverSet: { holds: ['status'], copies: ['status'], loans: ['title'] }[path[1]] || [],
		exists: (collectionId, id) => {
			try {
				e.app.findRecordById(collectionId, id);
				return true;
			} catch (_) {
				return false;
			}
		}
	});
	if (problem) throw refusal(problem.code, problem.field);
	// a room's facilities: JSON of a shape only its area knows (a list of words)
	if (path[1] === 'rooms' && body.facilities !== undefined) {
		const shape = require(`${__hooks}/lib/rooms/validate.js`).checkFacilities(body.facilities);
		if (shape) throw refusal(shape.code, shape.field);
	}
	return e.next();
});
