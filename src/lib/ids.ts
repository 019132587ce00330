/**
 * A PocketBase record id: 15 lowercase letters and digits (every collection's id pattern). Ids from an
 * address or a form are checked against it before they reach a filter or a record path.
 */
export const RECORD_ID = /^[a-z0-9]{15}$/;
