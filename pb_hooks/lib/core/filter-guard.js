/// <reference path="../../../pb_data/types.d.ts" />

// Client filters that reach through a back-relation (docs/rules.md, "The door"). A filter such as
// `title.holds_via_title.patron != "..."` asks whether EVERY hold of the title matches; PocketBase answers
// that part with a subquery over all rows of the related collection, without the collection's list rule
// (its "multi-match" joins; only the "any row" joins of `?=`, `?!=`, ... carry the rule). A citizen who could
// see one hold of a title could so learn who else holds or has borrowed it, one yes or no at a time. The
// door refuses such a filter before PocketBase reads anything: through a back-relation only the `?`
// operators, and no `:each` or `:length` on it. Pure; lib/core/door.js applies it to list reads and
// realtime subscriptions of everyone but superusers.

/** PocketBase's comparison operators, longest first; a leading `?` means "any row". */
var OPERATOR = /^\??(?:!=|>=|<=|!~|=|>|<|~)/;

/** An identifier, number or placeholder: everything up to the next space, bracket, quote or operator. */
var WORD = /^[^\s()'"=!<>~?&|]+/;

/**
 * The tokens of a filter: words, quoted texts (their content is never a field), operators, brackets and
 * the joining `&&` and `||`; null when the filter does not tokenize (PocketBase then refuses it itself).
 * @param {string} filter
 * @returns {{ kind: 'word' | 'text' | 'op' | 'other', text: string }[] | null}
 */
function tokens(filter) {
	var out = [];
	var i = 0;
	while (i < filter.length) {
		var c = filter.charAt(i);
		if (/\s/.test(c)) {
			i++;
		} else if (c === '/' && filter.charAt(i + 1) === '/') {
			var newline = filter.indexOf('\n', i);
			i = newline < 0 ? filter.length : newline + 1;
		} else if (c === '"' || c === "'") {
			var j = i + 1;
			while (j < filter.length && filter.charAt(j) !== c) j += filter.charAt(j) === '\\' ? 2 : 1;
			if (j >= filter.length) return null;
			out.push({ kind: 'text', text: filter.slice(i, j + 1) });
			i = j + 1;
		} else if (c === '(' || c === ')') {
			out.push({ kind: 'other', text: c });
			i++;
		} else if (filter.substr(i, 2) === '&&' || filter.substr(i, 2) === '||') {
			out.push({ kind: 'other', text: filter.substr(i, 2) });
			i += 2;
		} else {
			var rest = filter.slice(i);
			var op = OPERATOR.exec(rest);
			var word = op ? null : WORD.exec(rest);
			if (!op && !word) return null;
			var text = op ? op[0] : word[0];
			out.push({ kind: op ? 'op' : 'word', text: text });
			i += text.length;
		}
	}
	return out;
}

/** A field path that passes a back-relation (`collection_via_field`). */
function throughBackRelation(token) {
	return !!token && token.kind === 'word' && /(^|\.)[A-Za-z0-9_]+_via_[A-Za-z0-9_]+/.test(token.text);
}

/**
 * Whether a client's filter reads a back-relation in a way PocketBase answers without the related
 * collection's list rule: an operator without `?` beside such a path, or `:each` / `:length` on it.
 * A filter that does not tokenize is left to PocketBase.
 * @param {string} filter
 */
function everyRowThroughBackRelation(filter) {
	if (!filter || filter.indexOf('_via_') < 0) return false;
	var list = tokens(filter);
	if (!list) return false;
	for (var i = 0; i < list.length; i++) {
		var token = list[i];
		if (throughBackRelation(token) && /:(each|length)\b/.test(token.text)) return true;
		if (token.kind !== 'op' || token.text.charAt(0) === '?') continue;
		if (throughBackRelation(list[i - 1]) || throughBackRelation(list[i + 1])) return true;
	}
	return false;
}

module.exports = { everyRowThroughBackRelation: everyRowThroughBackRelation, tokens: tokens };
