// How many rows the staff's season form offers for local criteria and tie-breakers: the form shows them
// and `setup-form.ts` reads them back. Apart from the form's reading, which words refusals, so the form's
// page loads no refusal's text.

export const LOCAL_ROWS = 3;
export const TIE_BREAKER_ROWS = 3;
