/// <reference path="../pb_data/types.d.ts" />

// The door (docs/rules.md, "The door"): the checks every request passes before any area's rule, in a
// fixed order (lib/core/door.js). One middleware and one hook per kind of write, as each JS handler holds a
// pooled runtime until the request is answered.
routerUse((e) => {
	// true: the door has answered the request itself
	if (require(`${__hooks}/lib/core/door.js`).request(e)) return;
	return e.next();
});
onRecordCreateRequest((e) => require(`${__hooks}/lib/core/door.js`).recordRequest(e, 'create'));
onRecordUpdateRequest((e) => require(`${__hooks}/lib/core/door.js`).recordRequest(e, 'update'));
