/// <reference path="../../pb_data/types.d.ts" />

// One ISBN, one title (docs/rules.md, "Server-owned fields"): a title's identifier as titles are compared.
// Needs nothing of PocketBase, so the migration that keys the stored titles uses it as the hooks do.

/** Separators, and characters that show nothing, that an identifier may carry without meaning. */
const IGNORED = /[\s\u00AD\u200B-\u200F\u2060\uFEFF\-\u2010-\u2015\u2212.,:;/_]/g;

/**
 * The key an identifier is compared by: NFKC (fullwidth digits and hyphens become plain ones), in
 * capitals, Arabic-Indic digits as 0-9, without separators and invisible characters and without a leading
 * "ISBN" (or "ISBN-10", "ISBN-13"); an ISBN-10 becomes its ISBN-13. So "978-87-7000-001-7",
 * "ISBN 9788770000017" and "87-7000-001-X" are one key. Empty for a magazine (its issues share an ISSN)
 * and for a title without an identifier: those are never compared.
 * @param {string} identifier
 * @param {string} type
 * @returns {string}
 */
function identifierKey(identifier, type) {
	if (type === 'magazine') return '';
	let key = String(identifier || '')
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
		.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
		.replace(IGNORED, '');
	if (key.indexOf('ISBN') === 0) {
		key = key.slice(4);
		if (/^1[03]/.test(key) && /^(97[89]\d{10}|\d{9}[\dX])$/.test(key.slice(2))) key = key.slice(2);
	}
	return /^\d{9}[\dX]$/.test(key) ? isbn13(key) : key;
}

/** The ISBN-13 of an ISBN-10 (978, its first nine digits, and the EAN check digit). */
function isbn13(isbn10) {
	const digits = '978' + isbn10.slice(0, 9);
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
	return digits + String((10 - (sum % 10)) % 10);
}

module.exports = { identifierKey };
