import { signal } from "@preact/signals";

/**
 * The page's side of the service worker (site/pwa/serviceWorker.js, built as /sw.js): registers
 * it, says when a new build is waiting (the site then offers "Reload to update"), and follows
 * whether the browser is online (the site says it is offline instead of failing silently).
 */

/** A new build's worker is installed and waiting for the page to let it take over. */
export const updateWaiting = signal(false);
/** The browser reports no network connection. */
export const offline = signal(typeof navigator !== "undefined" && !navigator.onLine);

let registration: ServiceWorkerRegistration | undefined;
let reloadOnTakeover = false;

function watchInstalling(worker: ServiceWorker) {
  worker.addEventListener("statechange", () => {
    // With no controller this is the first install, which takes over by itself: nothing to offer.
    if (worker.state === "installed" && navigator.serviceWorker.controller) updateWaiting.value = true;
  });
}

/**
 * Starts following the connection, and registers the worker (where the browser has them) once
 * `after` settles: its first install fetches every asset of the site, which must not compete
 * with the page's first data.
 */
export function startServiceWorker(onOnline: () => void, after: Promise<unknown>): void {
  addEventListener("offline", () => {
    offline.value = true;
  });
  addEventListener("online", () => {
    offline.value = false;
    onOnline();
  });
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloadOnTakeover) location.reload();
  });
  after
    .catch(() => undefined)
    .then(() => navigator.serviceWorker.register("/sw.js", { scope: "/" }))
    .then((reg) => {
      registration = reg;
      if (reg.waiting && navigator.serviceWorker.controller) updateWaiting.value = true;
      if (reg.installing) watchInstalling(reg.installing);
      reg.addEventListener("updatefound", () => {
        if (reg.installing) watchInstalling(reg.installing);
      });
    })
    // No worker (refused by the browser, or a development server without /sw.js): the site still works online.
    .catch(() => undefined);
}

/** Lets the waiting build take over, then reloads the page into it. */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) return;
  reloadOnTakeover = true;
  waiting.postMessage({ type: "skipWaiting" });
}
