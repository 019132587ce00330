/// <reference path="../../pb_data/types.d.ts" />

// The desk's two headers as one reading (docs/rules.md, "Service at the desk"): X-Borgerhus-For (the
// citizen staff act for) and X-Borgerhus-Override (the reason of an override). PocketBase's rules
// (`@request.headers.x_borgerhus_for`) and its request info read a header by its name with the separators
// and letter case evened out, so "X_Borgerhus_For" and "x.borgerhus.for" are the same header to them, and
// of several such headers, or of several values, they take one at random; Go's `header.get`, which the
// door read, takes the one spelling only. So a request is read here from all of its headers as they came:
// the desk's headers only by their own spelling and at most one value each, and any other spelling or a
// second value is a problem the door refuses. What the rules read is then what every hook reads. Pure:
// the app's unit tests import it as $rules/desk-headers.js; lib/desk.js `deskHeaders` gives it a request.

/** The desk's headers by PocketBase's name for them, each with the only spelling the door takes. */
var SPELLING = {
	x_borgerhus_for: 'X-Borgerhus-For',
	x_borgerhus_override: 'X-Borgerhus-Override'
};

/**
 * A header's name as PocketBase's request info and rules name it (its `inflector.Snakecase`): the words
 * between runs of anything but letters and digits, a capital after a letter that is not one starting
 * a new word, joined by `_` in lower case.
 * @param {string} name
 * @returns {string}
 */
function ruleName(name) {
	return String(name)
		.split(/[^0-9A-Za-z]+/)
		.filter(function (word) {
			return word !== '';
		})
		.map(function (word) {
			return word.replace(/([^A-Z])(?=[A-Z])/g, '$1_');
		})
		.join('_')
		.toLowerCase();
}

/**
 * The desk's headers of a request, from all its headers by name as they came (Go's http.Header: each
 * name with its values): `citizen` and `override` ('' when not sent), or `problem` when a desk header
 * came in another spelling or with more than one value.
 * @param {Record<string, string[]> | null | undefined} headers
 * @returns {{ citizen: string, override: string, problem: boolean }}
 */
function readDeskHeaders(headers) {
	var read = { x_borgerhus_for: '', x_borgerhus_override: '' };
	var names = headers && typeof headers === 'object' ? Object.keys(headers) : [];
	for (var i = 0; i < names.length; i++) {
		var rule = ruleName(names[i]);
		if (!Object.prototype.hasOwnProperty.call(SPELLING, rule)) continue;
		var values = headers[names[i]];
		if (names[i] !== SPELLING[rule] || !Array.isArray(values) || values.length !== 1) {
			return { citizen: '', override: '', problem: true };
		}
		read[rule] = String(values[0]);
	}
	return { citizen: read.x_borgerhus_for, override: read.x_borgerhus_override, problem: false };
}

module.exports = {
	SPELLING: SPELLING,
	ruleName: ruleName,
	readDeskHeaders: readDeskHeaders
};
