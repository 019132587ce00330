/// <reference path="../../../pb_data/types.d.ts" />

// Values into a filter of the hooks' own reads (docs/rules.md, "The door"). PocketBase's placeholders
// (`{:name}` with a params object) are filled by replacing text, one name after another in no fixed order,
// and each string is written with Go's quoting, which the filter language does not read back:
// - an empty string becomes the two-character text `""`, so `line = {:line}` never matches an empty field;
// - a value that contains `{:other}` is filled again with the other value, which ends its quotes: the
//   filter no longer parses (an uncoded 400), and two such values from a request could write filter
//   syntax of their own;
// - a character Go does not call printable (a no-break space, a zero-width joiner) becomes an escape such
//   as `\u00a0` that the filter language keeps as six characters, so it never matches the stored text.
// bindFilter fills every placeholder in one pass, with the filter language's own quoting; the hooks pass
// the result without params.

/**
 * A text as the filter language quotes it: only the backslash and the quote are escaped. The language
 * cannot write U+0000 (its scanner reads it as the end of the filter), and no stored text holds one (the
 * door refuses it), so a value with one is refused as an invalid value.
 */
function quoted(text) {
	if (text.indexOf('\u0000') >= 0) throw invalidValue();
	return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function invalidValue() {
	if (typeof __hooks === 'undefined') return new Error('core_invalid_value');
	return require(__hooks + '/lib/core/errors.js').refusal('core_invalid_value');
}

/**
 * One value as the filter language writes it: a number or a flag as itself, nothing as null, anything
 * else as text (a date of PocketBase's as its text, a list or an object from a request body as JSON, as
 * PocketBase's own filling does).
 * @param {unknown} value
 */
function literal(value) {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') return isFinite(value) ? String(value) : 'null';
	if (typeof value === 'string') return quoted(value);
	if (typeof (/** @type {{ string?: unknown }} */ (value).string) === 'function') {
		return quoted(String(/** @type {{ string: () => string }} */ (value).string()));
	}
	return quoted(JSON.stringify(value));
}

/**
 * The filter with each `{:name}` replaced by its value from `params`, in one pass: a value's own text is
 * never read for placeholders. A name without a value is a mistake in the calling code, and throws.
 * @param {string} filter
 * @param {Record<string, unknown>} [params]
 * @returns {string}
 */
function bindFilter(filter, params) {
	var values = params || {};
	return String(filter).replace(/\{:(\w+)\}/g, function (_, name) {
		if (!Object.prototype.hasOwnProperty.call(values, name)) {
			throw new Error('filter placeholder {:' + name + '} has no value');
		}
		return literal(values[name]);
	});
}

module.exports = { bindFilter: bindFilter };
