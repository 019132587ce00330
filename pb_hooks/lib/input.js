/// <reference path="../../pb_data/types.d.ts" />

// Bad input at the door (docs/rules.md, "Mit overblik, account and bad input"): every body sent to the
// records API by a client is checked field by field against its collection's fields before PocketBase
// loads it, so a wrong type, hostile text or an impossible date gets a coded refusal instead of being cast
// to something else (a number to text, "abc" to 0, an object to "") or failing deep inside a rule.
// The areas' hooks still decide everything that depends on their rules (times, capacity, queues). Pure;
// SvelteKit imports it as $rules/input.js.

/** A record id as PocketBase makes them. */
var ID = /^[a-z0-9]{15}$/;
/** Control characters other than tab and line breaks (C0 and C1), the replacement character (what is
 * left of a broken encoding), the bidirectional overrides and marks that make text read differently from
 * what it is, and the invisible characters that hide in it (zero-width space, word joiner, the invisible
 * operators, the combining grapheme joiner, the Hangul and Khmer fillers and vowels that show as nothing,
 * the Mongolian vowel separator, byte-order mark). The zero-width joiner and non-joiner stay: emoji and
 * some scripts are written with them. */
var HOSTILE_CHARACTERS =
	// eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and invisible characters are exactly what it looks for
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\ufffd]/;
/** Line breaks of any kind: a name or title stands on one line (headings, mail subjects, calendars). */
var LINE_BREAKS = /[\r\n\u2028\u2029]/;
/** The soft hyphen shows only where a long word breaks: a title or description pasted from a web page may
 * hold it, but in a name or an address it makes a lookalike of another ("an\u00adna" reads "anna"). */
var SOFT_HYPHEN = /\u00ad/;
/** The fields that say who someone is: names and addresses, where a lookalike misleads. */
var IDENTITY_FIELDS = ['name', 'contact_name', 'email', 'contact_email'];
/** The text fields that are one line wherever they are shown: names, titles, a shift's task, a booking's
 * purpose, a person's phone, the library's shelves and numbers. Descriptions, reasons and notes may hold
 * several lines. */
var ONE_LINE_FIELDS = [
	'name',
	'title',
	'title_en',
	'task',
	'activity',
	'activity_name',
	'contact_name',
	'contact_phone',
	'phone',
	'creator',
	'purpose',
	'shelf',
	'pickup_shelf',
	'barcode',
	'identifier'
];
/** A person's phone number: digits, spaces, brackets and dashes, a + only first, 6 to 30 characters. */
var PHONE = /^\+?[0-9 ()-]{6,30}$/;
var NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
var BOOL_TEXT = ['true', 'false', 'on', 'off', '1', '0', ''];
/** PocketBase's default limit of a text field without its own. */
var TEXT_MAX = 5000;

/**
 * @typedef {{ name: string, type: string, required?: boolean, system?: boolean, hidden?: boolean,
 *   autogeneratePattern?: string, max?: number | null, min?: number | null, onlyInt?: boolean,
 *   values?: string[], maxSelect?: number, collectionId?: string }} FieldSpec
 * @typedef {{ code: string, field: string }} Problem
 */

/**
 * Why a date and time text is not a usable instant, or '' when it is one.
 * @param {string} value
 */
function dateProblem(value) {
	var time =
		typeof __hooks === 'undefined' ? require('./core/time.js') : require(__hooks + '/lib/core/time.js');
	// only '' clears a date; a value of spaces is a mistake, not an empty field
	if (value !== '' && String(value).trim() === '') return 'core_invalid_date';
	var zone = time.zoneProblem(value);
	if (zone) return zone;
	return time.yearProblem(Date.parse(String(value).trim().replace(' ', 'T'))) || '';
}

/**
 * Why a text is not acceptable, or ''. A control or invisible character (`core_text_hidden`) is named as
 * such wherever text is taken: it mostly comes along with pasted text, and the person can type it again.
 * @param {string} value
 * @param {number} max
 * @param {boolean} [oneLine] a name or title: no line breaks (`core_text_one_line`)
 * @param {boolean} [identity] a person's or an association's name or address: no soft hyphen either
 *   (`core_text_invisible`)
 */
function textProblem(value, max, oneLine, identity) {
	var limit = max > 0 ? max : TEXT_MAX;
	// a character is one or two UTF-16 units: a text of more than twice the limit in units is too long
	// whatever it holds, and is refused before any scan of it, so a megabyte costs no more than a line
	if (value.length > 2 * limit) return 'core_text_too_long';
	if (HOSTILE_CHARACTERS.test(value)) return 'core_text_hidden';
	if (identity && SOFT_HYPHEN.test(value)) return 'core_text_invisible';
	if (oneLine && LINE_BREAKS.test(value)) return 'core_text_one_line';
	if (value !== '' && value.trim() === '') return 'core_text_blank';
	// PocketBase counts characters (code points), not UTF-16 units
	if (value.length > limit && Array.from(value).length > limit) return 'core_text_too_long';
	return '';
}

/**
 * Why a person's phone number is not one, or '' ('' clears it). The one check of the profile form, the
 * desk's forms and routes and the records API alike.
 * @param {string} value
 */
function phoneProblem(value) {
	return value === '' || PHONE.test(value) ? '' : 'core_phone_invalid';
}

/**
 * Whether a value clears a field: '' or null, or an empty list for a field that holds several.
 * @param {unknown} value
 * @param {boolean} [many]
 */
function isEmpty(value, many) {
	return value === '' || value === null || (!!many && Array.isArray(value) && value.length === 0);
}

/**
 * Why one value does not fit its field, or ''.
 * @param {FieldSpec} field
 * @param {unknown} value
 * @param {(collectionId: string, id: string) => boolean} exists
 */
function valueProblem(field, value, exists) {
	switch (field.type) {
		case 'text':
		case 'editor':
		case 'email':
		case 'url':
			if (value === null && !field.required) return '';
			if (typeof value !== 'string') return 'core_invalid_value';
			return (
				textProblem(
					value,
					field.type === 'editor' ? 0 : field.max || 0,
					field.type === 'text' && ONE_LINE_FIELDS.indexOf(field.name) >= 0,
					field.type === 'email' || IDENTITY_FIELDS.indexOf(field.name) >= 0
				) || (field.type === 'text' && field.name === 'phone' ? phoneProblem(value) : '')
			);
		case 'password':
			return typeof value === 'string' ? '' : 'core_invalid_value';
		case 'number': {
			// a number is never emptied by '' or null: PocketBase would store 0 in its place
			var n =
				typeof value === 'number'
					? value
					: typeof value === 'string' && NUMBER_TEXT.test(value)
						? +value
						: NaN;
			if (typeof n !== 'number' || !isFinite(n)) return 'core_invalid_value';
			if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return 'core_number_out_of_range';
			if (field.onlyInt && Math.floor(n) !== n) return 'core_invalid_value';
			if (field.min !== null && field.min !== undefined && n < field.min) return 'core_number_out_of_range';
			if (field.max !== null && field.max !== undefined && n > field.max) return 'core_number_out_of_range';
			return '';
		}
		case 'bool':
			if (typeof value === 'boolean' || value === 0 || value === 1) return '';
			return typeof value === 'string' && BOOL_TEXT.indexOf(value) >= 0 ? '' : 'core_invalid_value';
		case 'date':
			if (isEmpty(value) && !field.required) return '';
			if (typeof value !== 'string') return 'core_invalid_value';
			return dateProblem(value);
		case 'select':
		case 'relation': {
			var many = (field.maxSelect || 1) > 1;
			if (isEmpty(value, many)) return '';
			var list = Array.isArray(value) && many ? value : [value];
			for (var i = 0; i < list.length; i++) {
				var item = list[i];
				if (typeof item !== 'string') return 'core_invalid_value';
				if (field.type === 'select') {
					if ((field.values || []).indexOf(item) < 0) return 'core_invalid_value';
				} else {
					if (!ID.test(item)) return 'core_invalid_value';
					if (!exists(field.collectionId || '', item)) return 'core_unknown_record';
				}
			}
			return '';
		}
		default:
			// json, file and geo point fields are left to PocketBase and the areas' rules
			return '';
	}
}

/**
 * The first problem of a request body for a collection's fields, or null. Keys that name no field are
 * PocketBase's business (it ignores them). PocketBase's modifiers (`field+`, `+field`, `field-`: add to,
 * prepend to or take from the stored value) are taken for file fields only, where they add and remove
 * files; for any other field they are refused (`core_field_modifier`), because every hook decides on the
 * fields by their names, and a value changed through a modifier would pass a check that looks for the name
 * (a server-owned count, a relation, a number checked against a capacity).
 * @param {FieldSpec[]} fields
 * @param {unknown} body the parsed request body
 * @param {{ create: boolean, exists: (collectionId: string, id: string) => boolean, serverSet?: string[] }} options
 *   serverSet: required fields the area's hook fills in on create (a client need not send them)
 * @returns {Problem | null}
 */
function checkBody(fields, body, options) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { code: 'core_invalid_value', field: 'form' };
	}
	/** @type {Record<string, FieldSpec>} */
	var byName = {};
	for (var i = 0; i < fields.length; i++) byName[fields[i].name] = fields[i];
	var keys = Object.keys(body);
	for (var k = 0; k < keys.length; k++) {
		var key = keys[k];
		var name = key.replace(/^\+/, '').replace(/[+-]$/, '');
		var field = byName[name];
		if (!field) continue;
		if (key !== name && field.type !== 'file') return { code: 'core_field_modifier', field: name };
		if (name === 'id') {
			var id = body[key];
			if (options.create && id !== '' && (typeof id !== 'string' || !ID.test(id))) {
				return { code: 'core_invalid_value', field: 'id' };
			}
			continue;
		}
		if (field.system && field.type !== 'email' && field.type !== 'password' && field.type !== 'bool')
			continue;
		var code = valueProblem(field, body[key], options.exists);
		if (code) return { code: code, field: name };
	}
	if (options.create) {
		for (var j = 0; j < fields.length; j++) {
			var f = fields[j];
			if (!f.required || f.system || f.hidden || f.autogeneratePattern) continue;
			if (options.serverSet && options.serverSet.indexOf(f.name) >= 0) continue;
			if (['text', 'editor', 'email', 'url', 'number', 'date', 'select', 'relation'].indexOf(f.type) < 0) {
				continue;
			}
			if (!(f.name in body) || isEmpty(body[f.name], true)) return { code: 'core_required', field: f.name };
		}
	}
	return null;
}

module.exports = {
	dateProblem: dateProblem,
	phoneProblem: phoneProblem,
	textProblem: textProblem,
	checkBody: checkBody
};
