// Translating a rule code needs the whole registry of codes (pb_hooks/lib/core/codes.js, about 6 kB of
// gzipped JavaScript): the pages translate codes on the server and send the text, so this module (and the
// registry) stays out of the browser's first load (docs/performance.md, "Front end").
import { m } from '$lib/paraglide/messages';
import { codeMessage } from '$lib/server/errors';

/**
 * Rule codes with a wording of the app's own (errors_<code>) instead of the hooks' registry. Named one
 * by one: looking a message up by a computed name would put every message of the app into each page
 * that translates a code (about a hundred script files; docs/performance.md).
 */
const OWN_WORDING: Record<string, () => string> = {
	events_cancel_too_late: m.errors_events_cancel_too_late,
	events_end_before_start: m.errors_events_end_before_start,
	rooms_attendees_invalid: m.errors_rooms_attendees_invalid,
	rooms_invalid_time: m.errors_rooms_invalid_time,
	rooms_reason_required: m.errors_rooms_reason_required
};

/**
 * The translated message of a rule code: the app's own (errors_<code>), else the hooks' registry (`desk`:
 * in the words staff read when they act for a citizen).
 */
export function ruleMessage(code: string, desk = false): string {
	const translate = Object.hasOwn(OWN_WORDING, code) ? OWN_WORDING[code] : undefined;
	return translate ? translate() : codeMessage(code, desk);
}
