// The same text for everybody: built once.
export const prerender = true;
