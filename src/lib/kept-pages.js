// How long the service worker keeps a page and its data offline (docs/offline.md), in seconds: 14 days.
// Plain JavaScript, as the Vite config imports it before TypeScript is set up. The session cookie outlives
// its token by as long (src/lib/server/pocketbase.ts `authCookie`), so the first request after a session
// lapsed still carries it and clears what was kept.
export const KEPT_SECONDS = 60 * 60 * 24 * 14;

/**
 * The mark a sign-out made offline leaves on the device (docs/offline.md, "When a session ends"): a cookie
 * naming the person signed out, so the first request that reaches the house, whatever asks it, ends that
 * session before it answers (src/hooks.server.ts).
 */
export const SIGNED_OUT_COOKIE = 'borgerhus_signed_out';
