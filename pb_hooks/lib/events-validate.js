/// <reference path="../../pb_data/types.d.ts" />

// Server validation of events and shifts (docs/rules.md, "Events and volunteers"): every writable field,
// on the row as it would be stored, with the raw request body beside it, because PocketBase casts a bad
// value ("abc" for a number, "maybe" for a yes/no) to an empty one without a word. A refusal carries a code
// of core/codes.js on the field it concerns, and nothing is stored.

const CATEGORIES = ['concert', 'talk', 'market', 'workshop', 'children', 'other'];

/** Whether a raw body value is a whole number (a JSON number, or the digits of a form field). */
function isWhole(value) {
	if (typeof value === 'number') return Number.isInteger(value);
	return typeof value === 'string' && /^\s*-?\d+\s*$/.test(value);
}

/** Whether a raw body value is a yes/no (JSON boolean, or "true"/"false" of a form field). */
function isYesNo(value) {
	return typeof value === 'boolean' || value === 'true' || value === 'false';
}

/**
 * Refuses a whole-number field whose raw value is no whole number or lies outside min..max.
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {number} min
 * @param {number} max
 */
function checkWhole(body, field, min, max) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	if (!(field in body)) return;
	const value = body[field];
	if (!isWhole(value)) throw refusal('core_invalid_value', field);
	const n = Number(value);
	if (n < min || n > max) throw refusal('core_invalid_value', field);
}

/** Refuses text that is only spaces (or a value that is not text at all). */
function checkText(record, body, field, required) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	if (field in body && body[field] !== null && typeof body[field] !== 'string') {
		throw refusal('core_invalid_value', field);
	}
	const text = record.getString(field);
	if (text !== '' && text.trim() === '') throw refusal('core_text_blank', field);
	if (required && text === '') throw refusal('core_text_blank', field);
}

function checkRange(record) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	const rules = require(`${__hooks}/lib/events-rules.js`);
	const problem = rules.rangeProblem({ start: record.getString('start'), end: record.getString('end') });
	if (problem) throw refusal(problem.code, problem.field);
}

/**
 * Validates an event as it would be stored.
 * @param {core.Record} record the row with the request's changes
 * @param {Record<string, unknown>} body the raw request body
 */
function checkEvent(record, body) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	checkText(record, body, 'title', true);
	checkText(record, body, 'title_en', false);
	checkText(record, body, 'description', false);
	checkText(record, body, 'description_en', false);
	if ('category' in body && body.category !== '' && CATEGORIES.indexOf(String(body.category)) < 0) {
		throw refusal('core_invalid_value', 'category');
	}
	if ('registration' in body && !isYesNo(body.registration))
		throw refusal('core_invalid_value', 'registration');
	checkWhole(body, 'capacity', 0, 100000);
	checkRange(record);
	if (record.getBool('registration') && record.getInt('capacity') < 1) {
		throw refusal('events_capacity_required', 'capacity');
	}
}

/**
 * Validates a shift as it would be stored.
 * @param {core.Record} record
 * @param {Record<string, unknown>} body
 */
function checkShift(record, body) {
	const { refusal } = require(`${__hooks}/lib/core/errors.js`);
	checkText(record, body, 'task', true);
	checkText(record, body, 'description', false);
	checkText(record, body, 'description_en', false);
	checkText(record, body, 'requirements', false);
	checkWhole(body, 'places', 1, 10000);
	if (record.getInt('places') < 1) throw refusal('core_invalid_value', 'places');
	checkRange(record);
}

/**
 * Refuses a shift whose times do not lie around its event's (events-rules.js shiftEventProblem).
 * @param {core.Record} shift
 * @param {core.Record} event
 */
function checkShiftAroundEvent(shift, event) {
	const problem = require(`${__hooks}/lib/events-rules.js`).shiftEventProblem(
		{ start: shift.getString('start'), end: shift.getString('end') },
		{ start: event.getString('start'), end: event.getString('end') }
	);
	if (problem) throw require(`${__hooks}/lib/core/errors.js`).refusal(problem.code, problem.field);
}

/**
 * The request body as the client sent it. PocketBase's requestInfo().body already holds the values cast to
 * the fields' types ("abc" as 0), so the raw JSON is read again (the body is rereadable) and form fields
 * are taken as their strings; the cast body is the fallback.
 * @param {core.RequestEvent} e
 * @returns {Record<string, unknown>}
 */
function rawBody(e) {
	const cast = e.requestInfo().body || {};
	// a record request event holds the HTTP request in its embedded request event
	const request = (e.requestEvent && e.requestEvent.request) || e.request;
	try {
		const type = String(request.header.get('Content-Type') || '');
		if (type.indexOf('application/json') >= 0) {
			const parsed = JSON.parse(readerToString(request.body));
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
		} else if (type.indexOf('multipart/form-data') >= 0 || type.indexOf('x-www-form-urlencoded') >= 0) {
			const out = {};
			for (const key of Object.keys(cast)) out[key] = request.formValue(key);
			return out;
		}
	} catch (_) {
		// fall back to the cast body
	}
	return cast;
}

module.exports = {
	checkShiftAroundEvent,
	CATEGORIES,
	isWhole,
	isYesNo,
	rawBody,
	checkEvent,
	checkShift
};
