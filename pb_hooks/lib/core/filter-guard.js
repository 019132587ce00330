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

module.exports = {
	everyRowThroughBackRelation: everyRowThroughBackRelation,
	sortsThroughBackRelation: sortsThroughBackRelation
};
