/// <reference path="../../pb_data/types.d.ts" />

// Associations (DESIGN.md "Who uses it"): a citizen creates one and becomes its admin in the same
// transaction; staff verify it before it can book; its admins add members by email.

var CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/** True for an 8-digit Danish CVR (or SE) number whose modulus-11 check digit is right. */
function validCvr(value) {
	var digits = String(value || '').replace(/\s+/g, '');
	if (!/^[1-9][0-9]{7}$/.test(digits)) return false;
	var sum = 0;
	for (var i = 0; i < 8; i++) sum += Number(digits.charAt(i)) * CVR_WEIGHTS[i];
	return sum % 11 === 0;
}

/** The CVR number as stored: digits only. */
function normalizeCvr(value) {
	return String(value || '').replace(/\s+/g, '');
}

module.exports = { validCvr: validCvr, normalizeCvr: normalizeCvr };
