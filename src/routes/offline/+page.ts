// Built once at build time and precached by the service worker: shown for a page that was never
// opened when the phone is offline.
export const prerender = true;
