// The date helpers live in one place ($lib/dates); rooms pages import formatDay from here too.
export { formatDay } from '$lib/dates';
