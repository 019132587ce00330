// How long the service worker keeps a page and its data offline (docs/offline.md), in seconds: 14 days.
// Plain JavaScript, as the Vite config imports it before TypeScript is set up. The session cookie outlives
// its token by as long (src/lib/server/pocketbase.ts `authCookie`), so the first request after a session
// lapsed still carries it and clears what was kept.
export const KEPT_SECONDS = 60 * 60 * 24 * 14;
