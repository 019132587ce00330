/// <reference path="../../../pb_data/types.d.ts" />

// Refusals (docs/rules.md, "Refusals"): a write that breaks a rule is answered 400 with a stable code from
// the registry in codes.js, on the field it concerns ("form" for the request as a whole), and nothing is
// stored. A code missing from the registry is a programming error and fails loudly in the tests.

/**
 * The ApiError for a refusal. Throw it (inside a transaction it rolls the write back).
 * @param {string} code a key of codes.js
 * @param {string} [field] the field it concerns; "form" when omitted
 * @param {'da' | 'en'} [lang] the language of the message; English when omitted
 * @returns {Error}
 */
function refusal(code, field, lang) {
	var codes = require(__hooks + '/lib/core/codes.js');
	var entry = codes[code];
	if (!entry) throw new Error('unregistered refusal code: ' + code);
	var message = entry[lang === 'da' ? 'da' : 'en'];
	var data = {};
	data[field || 'form'] = new ValidationError(code, message);
	return new BadRequestError(message, data);
}

/**
 * One refusal naming several problems, each at its field (a form's mistakes all at once): the message and
 * the first field are the first problem's; a second problem at a field already named is left out.
 * @param {{ code: string, field: string }[]} problems at least one
 * @param {string} [lang]
 */
function refusalOf(problems, lang) {
	var codes = require(__hooks + '/lib/core/codes.js');
	var data = {};
	var message = '';
	for (var i = 0; i < problems.length; i++) {
		var entry = codes[problems[i].code];
		if (!entry) throw new Error('unregistered refusal code: ' + problems[i].code);
		var text = entry[lang === 'da' ? 'da' : 'en'];
		var field = problems[i].field || 'form';
		if (!message) message = text;
		if (!data[field]) data[field] = new ValidationError(problems[i].code, text);
	}
	return new BadRequestError(message, data);
}

/**
 * Throws the refusal for `code`.
 * @param {string} code
 * @param {string} [field]
 * @returns {never}
 */
function refuse(code, field) {
	throw refusal(code, field);
}

module.exports = { refusal: refusal, refusalOf: refusalOf, refuse: refuse };
