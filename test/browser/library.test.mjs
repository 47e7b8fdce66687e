import assert from "node:assert/strict";
import { test } from "node:test";
import { api, countText, withPage } from "./harness.mjs";

const PAGE_SIZE = 100;

/** Paged-list requests the page makes, as URLSearchParams. */
function recordPagedRequests(page) {
  const seen = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v3/movie/paged") seen.push(url.searchParams);
  });
  return seen;
}

const table = (page) => page.getByRole("table", { name: "Movies", exact: true });
const row = (page, index) => table(page).locator(`tr[data-index="${index}"]`);
const rowTitle = (page, index) => row(page, index).getByRole("link").textContent();
const visibleRowTexts = (page) => table(page).locator("tbody tr[data-index]").allTextContents();

async function libraryTotal(query = "") {
  const { body } = await api(`/movie/paged?pageSize=1${query}`);
  return body.totalRecords;
}

test("the library shows the total, renders only visible rows and loads pages as it scrolls", {
  timeout: 120_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const requests = recordPagedRequests(page);
    const total = await libraryTotal();
    assert.ok(total >= 2000, `seeded library has ${total} movies`);
    await page.goto("/");
    await page
      .getByRole("status")
      .filter({ hasText: countText(total) })
      .waitFor();
    await row(page, 0).getByRole("link").waitFor();

    const rendered = await table(page).locator("tr[data-index]").count();
    assert.ok(rendered > 5 && rendered < 60, `only the rows in view are in the DOM (${rendered} of ${total})`);
    assert.deepEqual(
      requests.map((p) => p.get("page")),
      ["1"],
      "the first view needs only the first page",
    );

    // Wheel down a little: still page 1; then jump to the very end.
    await table(page).hover();
    await page.mouse.wheel(0, 1500);
    await row(page, 40).getByRole("link").waitFor();
    await page.locator(".scroller").evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const lastIndex = total - 1;
    await row(page, lastIndex).getByRole("link").waitFor();

    const lastPage = Math.ceil(total / PAGE_SIZE);
    const { body: tail } = await api(
      `/movie/paged?page=${lastPage}&pageSize=${PAGE_SIZE}&sortKey=title&sortDirection=ascending`,
    );
    assert.equal(
      await rowTitle(page, lastIndex),
      tail.records.at(-1).title,
      "the last row is the library's last title",
    );
    const pagesFetched = new Set(requests.map((p) => Number(p.get("page"))));
    assert.ok(pagesFetched.has(lastPage), "the last page was fetched when scrolled to");
    assert.ok(
      pagesFetched.size <= 3,
      `pages in between were skipped (fetched ${[...pagesFetched].join(", ")} of ${lastPage})`,
    );
    assert.ok((await table(page).locator("tr[data-index]").count()) < 60, "still only the visible rows");
  });
});

test("search narrows the list on the server, after typing pauses", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    const requests = recordPagedRequests(page);
    await page.goto("/");
    await page
      .getByRole("status")
      .filter({ hasText: countText(await libraryTotal()) })
      .waitFor();

    const term = "Citadel River";
    const expected = await libraryTotal(`&search=${encodeURIComponent(term)}`);
    assert.ok(expected > 0 && expected < 200, `the seed holds some "${term}" movies (${expected})`);
    // Under load typing can pause long enough for a half-typed query to go out, and its count can
    // equal the final one's: wait for the answer to the final query itself. The page shows no count
    // from the moment a newer query applies, so the count that follows this answer is its own.
    const finalAnswer = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === "/api/v3/movie/paged" && url.searchParams.get("search") === term;
    });
    await page.getByLabel("Search").pressSequentially(term, { delay: 25 });
    await finalAnswer;
    await page
      .getByRole("status")
      .filter({ hasText: countText(expected) })
      .waitFor();
    await row(page, 0).getByRole("link").waitFor();

    const texts = await visibleRowTexts(page);
    assert.ok(texts.length > 0);
    for (const text of texts) assert.match(text, /citadel river/i);
    const searches = requests.map((p) => p.get("search")).filter(Boolean);
    assert.equal(searches.at(-1), term);
    assert.ok(
      searches.length < term.length / 2,
      `debounced: ${searches.length} searches for ${term.length} keystrokes`,
    );
  });
});

test("sorting and filters change the list to what the server returns", { timeout: 90_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    const total = await libraryTotal();
    await page
      .getByRole("status")
      .filter({ hasText: countText(total) })
      .waitFor();
    const firstByTitle = await rowTitle(page, 0);

    await page.getByLabel("Sort by").selectOption({ label: "Year" });
    await page.getByLabel("Direction").selectOption({ label: "Descending" });
    const { body: byYear } = await api("/movie/paged?pageSize=3&sortKey=year&sortDirection=descending");
    await row(page, 0).getByRole("link", { name: byYear.records[0].title, exact: true }).waitFor();
    assert.notEqual(byYear.records[0].title, firstByTitle, "the order changed");
    assert.match(await row(page, 1).textContent(), new RegExp(String(byYear.records[1].year)));

    await page.getByLabel("Monitored").selectOption({ label: "Unmonitored" });
    await page.getByLabel("Genre").selectOption("Drama");
    const filtered = await libraryTotal("&monitored=false&genre=Drama");
    assert.ok(filtered > 0 && filtered < total);
    await page
      .getByRole("status")
      .filter({ hasText: countText(filtered) })
      .waitFor();
    await row(page, 0).getByRole("link").waitFor();
    for (const text of await visibleRowTexts(page)) assert.match(text, /Unmonitored/);

    await page.getByLabel("Year from").fill("1990");
    await page.getByLabel("Year to").fill("1999");
    const nineties = await libraryTotal("&monitored=false&genre=Drama&yearFrom=1990&yearTo=1999");
    await page
      .getByRole("status")
      .filter({ hasText: countText(nineties) })
      .waitFor();
    if (nineties > 0) {
      await row(page, 0).getByRole("link").waitFor();
      const years = await table(page).locator("tbody tr.movie-row td:nth-child(2)").allTextContents();
      assert.ok(years.length > 0);
      for (const year of years.map(Number)) assert.ok(year >= 1990 && year <= 1999, `${year} is in the nineties`);
    }

    await page.getByRole("button", { name: "Clear filters", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: countText(total) })
      .waitFor();
  });
});

test("the poster view shows cards with placeholders for missing posters", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    const total = await libraryTotal();
    await page
      .getByRole("status")
      .filter({ hasText: countText(total) })
      .waitFor();
    await page.getByRole("button", { name: "Posters", exact: true }).click();
    const posters = page.getByRole("region", { name: "Movie posters", exact: true });
    const first = await api("/movie/paged?pageSize=1&sortKey=title");
    await posters.getByRole("img", { name: `No poster for ${first.body.records[0].title}`, exact: true }).waitFor();
    const cards = await posters.getByRole("listitem").count();
    assert.ok(cards > 4 && cards < 100, `only visible cards render (${cards})`);
    await posters.getByRole("listitem").first().getByRole("link").click();
    await page.waitForURL(`**/movie/${first.body.records[0].id}`);
    await page.getByRole("heading", { name: first.body.records[0].title }).waitFor();
  });
});

test("going back from a movie returns to the same place in the list", { timeout: 60_000 }, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/");
    await page
      .getByRole("status")
      .filter({ hasText: countText(await libraryTotal()) })
      .waitFor();
    await page.locator(".scroller").evaluate((el) => {
      el.scrollTop = 500 * 40;
    });
    const target = row(page, 505).getByRole("link");
    await target.waitFor();
    const title = await target.textContent();
    await target.click();
    await page.getByRole("heading", { name: title }).waitFor();
    await page.goBack();
    await row(page, 505).getByRole("link", { name: title, exact: true }).waitFor();
    assert.ok((await page.locator(".scroller").evaluate((el) => el.scrollTop)) >= 490 * 40, "scrolled as before");
  });
});
