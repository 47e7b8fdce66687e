/**
 * Interactive search's render in Chromium, for a movie whose indexer answers with 1,000
 * releases: milliseconds from pressing "Search indexers" on the movie page to the releases being
 * drawn (the summary "N releases found" shown and the first screen of rows in the table), which
 * includes the search itself (GET /release: every indexer page fetched, parsed and decided), as
 * the user waits for both; the site's own part, from the release response's last byte to the
 * releases drawn; and from drawn to every release's row in the table.
 *
 * Run by bench/downloads.mjs against its app and simulator, on the built site (`npm run build`
 * first when running that file alone: `npx tsx bench/downloads.mjs`). One discarded warm-up
 * search, then the median of five, each in a fresh page of one logged-in browser context.
 */
import { launchChromium } from "../test/browser/chromium.mjs";

const RUNS = 5;

async function oneSearch(context, movieId, expected) {
  const page = await context.newPage();
  try {
    await page.goto(`/movie/${movieId}`);
    const search = page.getByRole("region", { name: "Search", exact: true });
    const button = search.getByRole("button", { name: "Search indexers", exact: true });
    await button.waitFor();
    // The clock starts in the page as the click is handled, and stops on the first animation
    // frame where the summary and the table's first rows are both in the document.
    await page.evaluate(() => {
      const button = [...document.querySelectorAll(".interactive-search button")].find(
        (b) => b.textContent === "Search indexers",
      );
      button?.addEventListener("click", () => {
        window.__searchClickedAt = performance.now();
      });
    });
    await button.click();
    const handle = await page.waitForFunction(
      (count) => {
        const summary = document.querySelector(".interactive-search [role='status']")?.textContent ?? "";
        const firstRow = document.querySelector("table[aria-label='Releases'] tbody tr td.release-title");
        const found = summary.match(/^([\d,]+) releases? found/);
        if (!found || !firstRow || window.__searchClickedAt === undefined) return false;
        if (Number(found[1].replaceAll(",", "")) !== count) throw new Error(`expected ${count} releases: ${summary}`);
        const drawnAt = performance.now();
        const response = performance
          .getEntriesByType("resource")
          .filter((e) => e.name.includes("/api/v3/release?"))
          .at(-1);
        return { total: drawnAt - window.__searchClickedAt, render: drawnAt - (response?.responseEnd ?? Number.NaN) };
      },
      expected,
      { polling: "raf", timeout: 60_000 },
    );
    const { total, render } = await handle.jsonValue();
    // And when the table holds every release (the rows after the first screen come in a later frame).
    const all = await page.waitForFunction(
      (count) =>
        document.querySelectorAll("table[aria-label='Releases'] tbody tr").length === count &&
        performance.now() - window.__searchClickedAt,
      expected,
      { polling: "raf", timeout: 60_000 },
    );
    return { total: Math.round(total), render: Math.round(render), rest: Math.round((await all.jsonValue()) - total) };
  } finally {
    await page.close();
  }
}

/** Interactive search over `expected` releases of the movie `movieId`: press → drawn, and response → drawn. */
export async function measureSearchRender(appUrl, apiKey, movieId, expected) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, baseURL: appUrl });
    const login = await context.request.post("/login", { data: { apiKey } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
    await oneSearch(context, movieId, expected);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneSearch(context, movieId, expected));
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      runsMs: runs.map((r) => r.total),
      medianMs: median(runs.map((r) => r.total)),
      renderRunsMs: runs.map((r) => r.render),
      renderMedianMs: median(runs.map((r) => r.render)),
      restRunsMs: runs.map((r) => r.rest),
      restMedianMs: median(runs.map((r) => r.rest)),
    };
  } finally {
    await browser.close();
  }
}
