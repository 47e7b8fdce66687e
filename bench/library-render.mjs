/**
 * The library page's first render in Chromium: milliseconds from navigation start to the first
 * rows being on screen with the total count shown, for an already logged-in browser (the session
 * cookie is set through POST /login first, as after a real login).
 *
 * One discarded warm-up load (so the figure is not the Worker's first-request compile), then the
 * median of three loads, each in a fresh browser context so the browser's cache is cold.
 */
import { launchChromium } from "../test/browser/chromium.mjs";

const RUNS = 3;

async function oneLoad(browser, appUrl, apiKey) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, baseURL: appUrl });
  try {
    const login = await context.request.post("/login", { data: { apiKey } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
    const page = await context.newPage();
    await page.goto("/", { waitUntil: "commit" });
    // Checked every animation frame; performance.now() counts from the navigation's start.
    const handle = await page.waitForFunction(
      () => {
        const total = document.querySelector('.library [role="status"]')?.textContent ?? "";
        const firstRow = document.querySelector('table[aria-label="Movies"] tr[data-index="0"] a');
        return /^[\d,]+ movies?$/.test(total) && firstRow ? performance.now() : false;
      },
      undefined,
      { polling: "raf", timeout: 30_000 },
    );
    return Math.round(await handle.jsonValue());
  } finally {
    await context.close();
  }
}

export async function measureLibraryFirstRender(appUrl, apiKey) {
  const browser = await launchChromium();
  try {
    await oneLoad(browser, appUrl, apiKey);
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await oneLoad(browser, appUrl, apiKey));
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await browser.close();
  }
}
