/**
 * The site's service worker (served as /sw.js, written by the build: site/pwa/plugin.ts puts
 * `self.RADARR_EDGE_BUILD = { version, files }` in front of this file).
 *
 * - Precaches the built shell (the page, its hashed bundles, the manifest and icons) in a cache
 *   named after the build, so a new build installs beside the old one.
 * - Page navigations go to the network first (the Worker's page, with its headers); when the
 *   network fails, the cached shell answers and the site shows that it is offline.
 * - API and session responses are never cached or answered from here: they stay fresh and
 *   behind the key. Anything not in the shell goes to the network untouched.
 * - A new build waits until the page asks it to take over ("Reload to update"); activating
 *   deletes every older build's cache.
 */
const { version, files } = self.RADARR_EDGE_BUILD;
const CACHE_PREFIX = "radarr-edge-shell-";
const CACHE = `${CACHE_PREFIX}${version}`;
const SHELL = "/";
const PRECACHED = new Set(files);

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([SHELL, ...files])));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      // The first install takes the open pages at once; a later build gets here only when asked.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skipWaiting") self.skipWaiting();
});

/** The cached shell, or the network's error when the shell is not cached (should not happen). */
async function shellOrError(error) {
  const cached = await caches.match(SHELL, { cacheName: CACHE });
  if (cached) return cached;
  throw error;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(shellOrError));
    return;
  }
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
  }
});
