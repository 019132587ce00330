/// <reference path="../../pb_data/types.d.ts" />

// Fields a collection's API rule forbids a client to send (docs/rules.md, "Bad input at the door"). Many
// create and update rules end in `@request.body.FIELD:isset = false`: PocketBase then refuses a body with
// that field, but as a bare "Failed to create record." (or a 404 for an update), with no code and no field.
// The door reads the rule instead, and when the body alone already makes it false, refuses with a coded
// answer on the field that did it. The rule stays the one source: nothing here names a field.
//
// The rule is read as a formula of `&&`, `||` and parentheses over atoms. Only atoms the request decides on
// its own are judged: `@request.body.F:isset = false` (false when F was sent), `@request.body.F = "text"`
// (false when F was sent with another value), `@request.auth.staff = true` (from the signed-in account),
// `@request.headers.H != ""` (when the door passes the header) and, on a create, where the new record's
// field is what the body sent, `F = "text"`, `F = @request.auth.id` and `F = @request.headers.H`; every other atom may be true or false. A field is blamed only when the rule is false whatever the unknown
// atoms are, so the door refuses nothing PocketBase would have let through. Pure; SvelteKit's unit tests
// import it as $rules/rule-locks.js.

/**
 * The rule's formula: { op: 'and' | 'or', items } or { atom: string }; null when it cannot be read (then
 * nothing is judged).
 * @param {string} rule
 */
function parse(rule) {
	var tokens = [];
	var i = 0;
	var atom = '';
	var push = function () {
		if (atom.trim()) tokens.push({ atom: atom.trim() });
		atom = '';
	};
	while (i < rule.length) {
		var ch = rule[i];
		if (ch === '"' || ch === "'") {
			var end = rule.indexOf(ch, i + 1);
			while (end > 0 && rule[end - 1] === '\\') end = rule.indexOf(ch, end + 1);
			if (end < 0) return null;
			atom += rule.slice(i, end + 1);
			i = end + 1;
		} else if (ch === '(' || ch === ')') {
			push();
			tokens.push(ch);
			i++;
		} else if (rule.slice(i, i + 2) === '&&' || rule.slice(i, i + 2) === '||') {
			push();
			tokens.push(rule.slice(i, i + 2));
			i += 2;
		} else {
			atom += ch;
			i++;
		}
	}
	push();
	var at = 0;
	function expr() {
		var left = term();
		var items = [left];
		while (tokens[at] === '||') {
			at++;
			items.push(term());
		}
		return items.length > 1 ? { op: 'or', items: items } : left;
	}
	function term() {
		var left = factor();
		var items = [left];
		while (tokens[at] === '&&') {
			at++;
			items.push(factor());
		}
		return items.length > 1 ? { op: 'and', items: items } : left;
	}
	function factor() {
		var token = tokens[at++];
		if (token === '(') {
			var inner = expr();
			if (tokens[at++] !== ')') throw new Error('unbalanced');
			return inner;
		}
		if (!token || typeof token === 'string') throw new Error('unexpected');
		return token;
	}
	try {
		var formula = expr();
		return at === tokens.length ? formula : null;
	} catch (_) {
		return null;
	}
}

var ISSET_FALSE = /^@request\.body\.([A-Za-z0-9_]+):isset\s*=\s*false$/;
var EQUALS_TEXT = /^@request\.body\.([A-Za-z0-9_]+)\s*=\s*"([^"\\]*)"$/;
var STAFF_TRUE = /^@request\.auth\.staff\s*=\s*true$/;
// a new record's own field, whose value on a create is what the body sent
var FIELD_TEXT = /^([A-Za-z0-9_]+)\s*=\s*"([^"\\]*)"$/;
var FIELD_AUTH = /^([A-Za-z0-9_]+)\s*=\s*@request\.auth\.id$/;
// a request header (the desk's `x_borgerhus_for`), known when the door passes it
var HEADER_SET = /^@request\.headers\.([a-z0-9_]+)\s*!=\s*""$/;
var FIELD_HEADER = /^([A-Za-z0-9_]+)\s*=\s*@request\.headers\.([a-z0-9_]+)$/;

/**
 * What an atom judges, read once per rule: { kind, field, text } for the forms above, else { kind: '' }.
 * @param {string} atom
 */
function classify(atom) {
	var m = ISSET_FALSE.exec(atom);
	if (m) return { kind: 'sent', field: m[1], text: '' };
	if (STAFF_TRUE.test(atom)) return { kind: 'staff', field: '', text: '' };
	m = EQUALS_TEXT.exec(atom);
	if (m) return { kind: 'body', field: m[1], text: m[2] };
	m = FIELD_TEXT.exec(atom);
	if (m) return { kind: 'field', field: m[1], text: m[2] };
	m = FIELD_AUTH.exec(atom);
	if (m) return { kind: 'auth', field: m[1], text: '' };
	m = HEADER_SET.exec(atom);
	if (m) return { kind: 'header_set', field: '', text: m[1] };
	m = FIELD_HEADER.exec(atom);
	if (m) return { kind: 'header', field: m[1], text: m[2] };
	return { kind: '', field: '', text: '' };
}

/**
 * An atom's value for a request, judged with one sent field in view: false, true or undefined (unknown).
 * @param {{ kind: string, field: string, text: string }} atom
 * @param {string} field the sent field whose atoms are judged
 * @param {Record<string, unknown>} body
 * @param {{ id: string, staff: boolean, create: boolean, headers?: Record<string, string> }} auth
 */
function judge(atom, field, body, auth) {
	if (atom.kind === 'staff') return auth.staff;
	var headers = auth.headers || {};
	var known = Object.prototype.hasOwnProperty.call(headers, atom.text);
	if (atom.kind === 'header_set') return known ? headers[atom.text] !== '' : undefined;
	if (atom.field !== field) return undefined;
	if (atom.kind === 'sent') return false;
	// a comparison is judged only for text as sent (PocketBase casts other values first), and for null,
	// which equals no text but the empty one whatever PocketBase makes of it
	var text = body[field];
	if (text === null && (atom.kind === 'body' || (atom.kind === 'field' && auth.create)) && atom.text !== '')
		return false;
	if (typeof text !== 'string') return undefined;
	if (atom.kind === 'body') return text === atom.text;
	// on an update a bare field is the stored value, which the body does not decide
	if (!auth.create) return undefined;
	if (atom.kind === 'field') return text === atom.text;
	if (atom.kind === 'auth') return auth.id ? text === auth.id : undefined;
	if (atom.kind === 'header') return known && headers[atom.text] ? text === headers[atom.text] : undefined;
	return undefined;
}

/** The formula's value: false, true or undefined (unknown), in three-valued logic. */
function evaluate(node, field, body, auth) {
	if (node.judged) return judge(node.judged, field, body, auth);
	var unknown = false;
	for (var i = 0; i < node.items.length; i++) {
		var value = evaluate(node.items[i], field, body, auth);
		if (node.op === 'and' && value === false) return false;
		if (node.op === 'or' && value === true) return true;
		if (value === undefined) unknown = true;
	}
	if (unknown) return undefined;
	return node.op === 'and';
}

/** Each atom classified, and the fields any atom judges. */
function annotate(node, fields) {
	if (node.atom !== undefined) {
		node.judged = classify(node.atom);
		if (node.judged.field) fields[node.judged.field] = true;
	} else for (var i = 0; i < node.items.length; i++) annotate(node.items[i], fields);
}

/** Rules read so far, by their text (a rule changes only with its collection). */
var read = {};

/** A rule's formula with its atoms classified and the fields they judge; null when unreadable. */
function compiled(rule) {
	if (!Object.prototype.hasOwnProperty.call(read, rule)) {
		var formula = parse(rule);
		var fields = {};
		if (formula) annotate(formula, fields);
		read[rule] = formula ? { formula: formula, fields: fields } : null;
	}
	return read[rule];
}

/**
 * The first sent field that alone makes the rule false for this body, or '' when there is none.
 * @param {string | null} rule the collection's create or update rule (null: superusers only; '' : anyone)
 * @param {Record<string, unknown>} body the request's body
 * @param {{ id: string, staff: boolean, create: boolean, headers?: Record<string, string> }} auth the
 *   signed-in account ('' for a guest), whether the request creates a record, and the request headers the
 *   rule may name, by PocketBase's name for them (`x_borgerhus_for`); a header not given is unknown
 * @returns {string}
 */
function lockedField(rule, body, auth) {
	if (!rule) return '';
	var rules = compiled(rule);
	if (!rules) return '';
	var keys = Object.keys(body);
	for (var i = 0; i < keys.length; i++) {
		// only fields an atom judges; one sent with a modifier ("tags+") is left to PocketBase
		if (!rules.fields[keys[i]]) continue;
		if (evaluate(rules.formula, keys[i], body, auth) === false) return keys[i];
	}
	return '';
}

module.exports = { lockedField: lockedField, parse: parse };
