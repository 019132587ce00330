// Built once at build time and precached by the service worker: shown for a page that was never
// opened when the phone is offline. `offlineShell` tells the layout to leave out what needs a user or
// the network (sign-in, the language switch, navigation in one language).
export const prerender = true;

export const load = () => ({ offlineShell: true });
