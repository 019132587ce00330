/// <reference path="../../../pb_data/types.d.ts" />

// The body of a request as the client sent it. By the time a record request hook runs, PocketBase has
// already converted `e.requestInfo().body` to the fields' types (a date field holds a parsed DateTime, so
// "2026-03-29 02:30:00" and "2026-03-29 02:30:00Z" look alike). PocketBase keeps the body re-readable, so
// JSON is read again here, and form fields come from the parsed form. Values stay strings, a form field
// sent more than once is an array, and multipart's "@jsonPayload" is merged as PocketBase does.

/**
 * @param {{ request?: object, requestEvent?: { request: object } }} e a request or record request event
 * @returns {Record<string, unknown>}
 */
function rawBody(e) {
	// A record request event reaches its http.Request through the request event it embeds.
	var request = e.request || (e.requestEvent && e.requestEvent.request);
	if (!request) return {};
	var type = String(request.header.get('Content-Type') || '').toLowerCase();
	if (type.indexOf('application/json') === 0) {
		var text = toString(request.body);
		var parsed = text.trim() ? JSON.parse(text) : {};
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
	}
	/** @type {Record<string, string[]>} */
	var form = {};
	if (type.indexOf('multipart/form-data') === 0) {
		// the parsed form's plain map of values (http.Request.PostForm is url.Values, whose methods show
		// up among its keys in goja)
		var multipart = (request.multipartForm && request.multipartForm.value) || {};
		var names = Object.keys(multipart);
		for (var n = 0; n < names.length; n++) {
			form[names[n]] = [];
			for (var v = 0; v < multipart[names[n]].length; v++)
				form[names[n]].push(String(multipart[names[n]][v]));
		}
	} else if (type.indexOf('application/x-www-form-urlencoded') === 0) {
		var pairs = toString(request.body).split('&');
		for (var p = 0; p < pairs.length; p++) {
			if (!pairs[p]) continue;
			var at = pairs[p].indexOf('=');
			var key = decodeForm(at < 0 ? pairs[p] : pairs[p].slice(0, at));
			(form[key] = form[key] || []).push(at < 0 ? '' : decodeForm(pairs[p].slice(at + 1)));
		}
	} else {
		return {};
	}
	var body = {};
	var keys = Object.keys(form);
	for (var i = 0; i < keys.length; i++) {
		var values = form[keys[i]];
		if (keys[i] === '@jsonPayload') {
			for (var k = 0; k < values.length; k++) Object.assign(body, JSON.parse(values[k]));
		} else {
			body[keys[i]] = values.length === 1 ? values[0] : values;
		}
	}
	return body;
}

function decodeForm(text) {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

module.exports = { rawBody: rawBody };
