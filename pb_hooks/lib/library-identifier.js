/// <reference path="../../pb_data/types.d.ts" />

// One ISBN, one title (docs/rules.md, "Server-owned fields"): a title's identifier as titles are compared.
// Needs nothing of PocketBase, so the migration that keys the stored titles uses it as the hooks do.

/** Characters that show nothing (a soft hyphen, zero-width ones): never part of an identifier. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;
/** Hyphens and dashes of every kind. */
const HYPHENS = /[-\u2010-\u2015\u2043\u2212]/g;
/** What separates the groups of a number (an ISBN, an EAN): spaces, hyphens, a middle dot. */
const SEPARATORS = /[\s\u00B7\-\u2010-\u2015\u2043\u2212]/g;

/** The zero of each run of decimal digits a keyboard may type instead of 0-9 (Arabic-Indic, Devanagari, ...). */
const ZEROS = [
	0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6,
	0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810
];

/** Digits of other scripts as 0-9 (fullwidth ones NFKC has made plain already). */
function plainDigits(text) {
	let out = '';
	for (const c of text) {
		const code = c.charCodeAt(0);
		const zero = ZEROS.find((z) => code >= z && code <= z + 9);
		out += zero === undefined ? c : String(code - zero);
	}
	return out;
}

/**
 * The key an identifier is compared by: NFKC (fullwidth digits and hyphens become plain ones), in
 * capitals, other scripts' digits as 0-9, without invisible characters. A number (an ISBN, an EAN: digits
 * and a final X, after a leading "ISBN" or "EAN" with "-10", "-13" or a colon) loses its separators, and a
 * book's or audiobook's valid ISBN-10 becomes its ISBN-13: so "978-87-7000-001-7", "ISBN: 9788770000017"
 * and "87-7000-001-8" are one key. Any other identifier keeps its hyphens (one kind of hyphen) and every
 * other sign, only without spaces: "DVD 1-23" and "DVD 12-3" stay two. Empty for a magazine (its issues
 * share an ISSN) and for a title without an identifier: those are never compared.
 * @param {string} identifier
 * @param {string} type
 * @returns {string}
 */
function identifierKey(identifier, type) {
	if (type === 'magazine') return '';
	const text = plainDigits(String(identifier || '').normalize('NFKC'))
		.toUpperCase()
		.replace(INVISIBLE, '');
	let number = text.replace(SEPARATORS, '');
	const prefix = /^(ISBN|EAN)(1[03](?=:|97[89]\d{10}$|\d{9}[\dX]$))?:?/.exec(number);
	if (prefix) number = number.slice(prefix[0].length);
	if (/^\d+X?$/.test(number)) {
		const book = type === 'book' || type === 'audiobook';
		return book && isIsbn10(number) ? isbn13(number) : number;
	}
	const key = text.replace(/\s+/g, '').replace(HYPHENS, '-');
	// signs alone ("-", "?") name nothing
	return /[0-9A-Z]|[^\u0020-\u007E]/.test(key) ? key : '';
}

/** Whether a key is an ISBN-10: nine digits and a check digit (or X) that adds up. */
function isIsbn10(key) {
	if (!/^\d{9}[\dX]$/.test(key)) return false;
	let sum = 0;
	for (let i = 0; i < 10; i++) sum += (10 - i) * (key[i] === 'X' ? 10 : Number(key[i]));
	return sum % 11 === 0;
}

/** The ISBN-13 of an ISBN-10 (978, its first nine digits, and the EAN check digit). */
function isbn13(isbn10) {
	const digits = '978' + isbn10.slice(0, 9);
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
	return digits + String((10 - (sum % 10)) % 10);
}

module.exports = { identifierKey };
