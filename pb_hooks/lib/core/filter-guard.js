/// <reference path="../../../pb_data/types.d.ts" />

// Client filters that reach through a back-relation (docs/rules.md, "The door"). A filter such as
// `title.holds_via_title.patron != "..."` asks whether EVERY hold of the title matches; PocketBase answers
// that part with a subquery over all rows of the related collection, without the collection's list rule
// (its "multi-match" joins; only the "any row" joins of `?=`, `?!=`, ... carry the rule). A citizen who could
// see one hold of a title could so learn who else holds or has borrowed it, one yes or no at a time.
//
// The door lets a back-relation through in one form only, the one the app uses: the path written directly
// before a `?` operator (`association.memberships_via_association.user ?= "..."`). Anything else that
// names a back-relation is refused, whatever PocketBase would make of it: another operator, a modifier
// (`:each`, `:length`), the path inside a function call or on the right of the operator, a comment. Refusing
// what it does not recognise, rather than parsing PocketBase's filter language a second time, keeps the
// guard from reading a filter differently from PocketBase. Pure; lib/core/door.js applies it to list reads
// of everyone but superusers.
//
// A filter or sort that names a hidden field (namesHiddenField) PocketBase refuses itself, but with a bare
// 400; the door refuses it first with a code, reading which fields are hidden from the schema it is given.

/** A path through a back-relation directly followed by an "any row" operator. */
var ANY_ROW = /[A-Za-z0-9_.]*_via_[A-Za-z0-9_.]*[ \t]*\?(?:!=|>=|<=|!~|=|>|<|~)/g;

/**
 * Whether a client's filter names a back-relation in any form but a path directly followed by a `?`
 * operator (PocketBase's "any row" form, answered with the related collection's list rule).
 * @param {string | null | undefined} filter
 */
function everyRowThroughBackRelation(filter) {
	var text = String(filter || '');
	if (!/_via_/i.test(text)) return false;
	if (text.indexOf('//') >= 0 || text.indexOf('/*') >= 0) return true;
	return /_via_/i.test(text.replace(ANY_ROW, ' '));
}

/**
 * Whether a client's sort names a back-relation. PocketBase sorts by a back-relation with a join that
 * leaves out the rows whose related rows the caller may not see, so which titles went missing from a
 * sorted list told a guest which titles anyone holds or has borrowed. The app never sorts that way.
 * @param {string | null | undefined} sort
 */
function sortsThroughBackRelation(sort) {
	return /_via_/i.test(String(sort || ''));
}

/**
 * @typedef {{ name: string, type?: string, hidden?: boolean, collectionId?: string }} FieldSpec
 * @typedef {{ type: string, fields: FieldSpec[] }} CollectionSpec
 */

/** Quoted texts of a filter, with their escapes: what someone searches for, never a field. */
var QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;

/**
 * The text of a filter or sort where a field can stand: its quoted texts left out, as what someone searches
 * for names no field. With a comment in it (which could open a quote PocketBase never reads) the whole text.
 * @param {string | null | undefined} text
 */
function outsideQuotes(text) {
	var raw = String(text || '');
	return raw.indexOf('//') >= 0 || raw.indexOf('/*') >= 0 ? raw : raw.replace(QUOTED, ' ');
}

/**
 * Whether a client's filter or sort names a field `pattern` matches, outside its quoted texts (a private
 * field: lib/association-contact.js, core/door.js).
 * @param {string | null | undefined} text
 * @param {RegExp} pattern without the g flag
 */
function namesField(text, pattern) {
	return pattern.test(outsideQuotes(text));
}

/** A field path as a filter or sort writes one: names joined by dots, each with an optional `:modifier`. */
var PATH = /[@A-Za-z_][A-Za-z0-9_@.:]*/g;

/** A back-relation's name: `{collection}_via_{relation field}`, as PocketBase reads it. */
var VIA = /^(\w+)_via_(\w+)$/;

/**
 * Whether a field is hidden from everyone but superusers: marked hidden in the schema, or an auth
 * collection's password or token key (which PocketBase keeps hidden whatever the schema says).
 * @param {CollectionSpec} collection
 * @param {FieldSpec} field
 */
function isHidden(collection, field) {
	if (field.hidden === true || field.type === 'password') return true;
	return collection.type === 'auth' && (field.name === 'password' || field.name === 'tokenKey');
}

/** The field of `collection` named exactly `name` (PocketBase's own lookup), or null. */
function fieldNamed(collection, name) {
	for (var i = 0; i < collection.fields.length; i++) {
		if (collection.fields[i].name === name) return collection.fields[i];
	}
	return null;
}

/**
 * Whether one field path, read from `base`, names a hidden field: of the collection itself, of one it
 * reaches through a relation or a back-relation (`booker.password`, `room_busy_via_room.source`), of one
 * named by `@collection.name.field`, or a back-relation through a hidden relation field.
 * @param {string} path
 * @param {CollectionSpec} base
 * @param {(nameOrId: string) => CollectionSpec | null} collectionOf
 */
function pathNamesHidden(path, base, collectionOf) {
	var parts = path.split('.');
	var current = base;
	var i = 0;
	if (parts[0] === '@collection') {
		current = parts.length > 1 ? collectionOf(parts[1].split(':')[0]) : null;
		i = 2;
	} else if (parts[0].charAt(0) === '@') {
		return false; // @request, @now, @random, ...: no field of a collection
	}
	for (; i < parts.length && current; i++) {
		var name = parts[i].split(':')[0];
		var field = fieldNamed(current, name);
		if (field) {
			if (isHidden(current, field)) return true;
			current = field.type === 'relation' && field.collectionId ? collectionOf(field.collectionId) : null;
			continue;
		}
		var via = VIA.exec(name);
		if (!via) return false;
		var back = collectionOf(via[1]);
		var backField = back && fieldNamed(back, via[2]);
		if (backField && isHidden(back, backField)) return true;
		current = back;
	}
	return false;
}

/**
 * Whether a client's filter or sort names a field hidden from everyone but superusers (docs/rules.md, "The
 * door"): a field marked hidden in the collection's schema, an auth collection's password or token key, on
 * the collection listed or on any collection the path reaches. Read from the schema, so a field hidden later
 * is covered too. Quoted texts are what is searched for, never a field; with a comment in the text (which
 * could open a quote PocketBase never reads) every mention counts. A function's name is no field.
 * @param {string | null | undefined} text
 * @param {CollectionSpec} collection the collection listed
 * @param {(nameOrId: string) => CollectionSpec | null} collectionOf any collection by name or id, or null
 */
function namesHiddenField(text, collection, collectionOf) {
	var scanned = outsideQuotes(text);
	var match;
	PATH.lastIndex = 0;
	while ((match = PATH.exec(scanned))) {
		// a function's name: strftime(...), geoDistance(...)
		if (/^\s*\(/.test(scanned.slice(PATH.lastIndex, PATH.lastIndex + 100))) continue;
		if (pathNamesHidden(match[0], collection, collectionOf)) return true;
	}
	return false;
}

module.exports = {
	everyRowThroughBackRelation: everyRowThroughBackRelation,
	sortsThroughBackRelation: sortsThroughBackRelation,
	namesHiddenField: namesHiddenField,
	namesField: namesField
};
