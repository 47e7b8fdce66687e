import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { API_KEY, api, environment, withPage } from "./harness.mjs";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

const DAY_MS = 86_400_000;
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const monthName = (day) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** A monitored movie without a file that has a cinema date: the event the calendar must show. */
async function missingMovieWithCinemaDate() {
  const { body } = await api("/wanted/missing?pageSize=200");
  const movie = body.records.find((m) => m.inCinemas);
  assert.ok(movie, "the seeded library has a missing movie with a cinema date");
  return movie;
}

/** The releases the API has in the month of `day`, counted per release date in that month. */
async function releasesInMonth(day) {
  const first = `${day.slice(0, 7)}-01`;
  const next = dayOf(Date.parse(`${first}T00:00:00Z`) + 32 * DAY_MS).slice(0, 7);
  const { body } = await api(`/calendar?start=${first}&end=${next}-01`);
  return body
    .flatMap((m) => [m.inCinemas, m.digitalRelease, m.physicalRelease])
    .filter((date) => date && date.slice(0, 7) === day.slice(0, 7)).length;
}

async function noSidewaysScroll(page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `the page scrolls sideways (${widths[0]} > ${widths[1]})`);
}

test("Calendar: a month with the movie's cinema release, week and agenda views, navigation, and the iCal address", {
  timeout: 240_000,
}, async (t) => {
  const movie = await missingMovieWithCinemaDate();
  const day = movie.inCinemas.slice(0, 10);
  const expected = await releasesInMonth(day);
  const { appUrl } = await environment();

  await withPage(
    t,
    async (page) => {
      await page.goto(`/calendar?date=${day}`);
      await page.getByRole("heading", { name: monthName(day), level: 2 }).waitFor();
      const month = page.getByRole("list", { name: "Month", exact: true });
      const cell = month.getByRole("listitem", {
        name: new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
          weekday: "long",
          month: "short",
          day: "numeric",
          timeZone: "UTC",
        }),
      });
      const event = cell.getByRole("listitem").filter({ hasText: movie.title }).first();
      await event.waitFor();
      assert.match(await event.textContent(), /In cinemas · Missing/);
      assert.match(await event.getAttribute("class"), /release-cinema status-missing/);
      const count = page.getByRole("status").filter({ hasText: /releases? in this month/ });
      assert.equal(await count.textContent(), `${expected} ${expected === 1 ? "release" : "releases"} in this month`);
      await page.getByRole("list", { name: "Legend" }).getByText("Digital release").waitFor();
      await page.screenshot({ path: join(ARTIFACTS, "calendar-1440.png"), fullPage: true });

      await page.getByRole("button", { name: "Week", exact: true }).click();
      await page.getByRole("list", { name: "Week", exact: true }).getByText(movie.title).first().waitFor();
      await page.getByRole("button", { name: "Agenda", exact: true }).click();
      await page.getByRole("list", { name: "Agenda" }).getByText(movie.title).first().waitFor();
      assert.match(page.url(), /view=agenda/);

      await page.getByRole("button", { name: "Next", exact: true }).click();
      const nextMonth = dayOf(Date.parse(`${day.slice(0, 7)}-01T00:00:00Z`) + 32 * DAY_MS);
      await page.getByRole("heading", { name: monthName(nextMonth), level: 2 }).waitFor();
      await page.getByRole("button", { name: "Previous", exact: true }).click();
      await page.getByRole("heading", { name: monthName(day), level: 2 }).waitFor();

      // The page is signed in with a session, not the key: Show fetches the key and builds the address.
      const ical = page.getByRole("region", { name: "iCal feed" });
      assert.equal(await ical.getByLabel("Feed address").count(), 0, "no key in the page before Show");
      await ical.getByRole("button", { name: "Show feed address" }).click();
      const address = await ical.getByLabel("Feed address").inputValue();
      assert.ok(address.startsWith(`${appUrl}/feed/v3/calendar/radarr.ics?`), address);
      assert.match(address, new RegExp(`apikey=${API_KEY}`));
      const feed = await fetch(address);
      assert.equal(feed.status, 200);
      assert.match(await feed.text(), /^BEGIN:VCALENDAR/);
    },
    { viewport: DESKTOP },
  );

  await withPage(
    t,
    async (page) => {
      await page.goto(`/calendar?date=${day}`);
      await page.getByRole("list", { name: "Month", exact: true }).getByText(movie.title).first().waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: join(ARTIFACTS, "calendar-390.png"), fullPage: true });
    },
    { viewport: PHONE },
  );
});

/** The label of a grid's first day cell ("Monday, Nov 30"), waiting up to 10 s for it to be `expected`. */
async function firstDayLabel(page, name, expected) {
  const first = () =>
    page.getByRole("list", { name, exact: true }).getByRole("listitem").first().getAttribute("aria-label");
  for (let waited = 0; waited < 10_000 && (await first()) !== expected; waited += 250) await page.waitForTimeout(250);
  return first();
}

test("Calendar: weeks start on the first day of week saved in Settings › UI", { timeout: 240_000 }, async (t) => {
  const { body: saved } = await api("/config/ui");
  const setFirstDay = async (firstDayOfWeek) => {
    const res = await api("/config/ui", { method: "PUT", body: { ...saved, firstDayOfWeek } });
    assert.equal(res.status, 202, JSON.stringify(res.body));
  };
  // December 2026 starts on a Tuesday: its grid starts on Monday 30 or Sunday 29 November.
  const day = "2026-12-09";
  try {
    await setFirstDay(1);
    await withPage(t, async (page) => {
      await page.goto(`/calendar?date=${day}`);
      await page.getByRole("heading", { name: monthName(day), level: 2 }).waitFor();
      assert.equal(await firstDayLabel(page, "Month", "Monday, Nov 30"), "Monday, Nov 30");
      await page.getByRole("button", { name: "Week", exact: true }).click();
      await page.getByRole("heading", { name: "Week of Mon, Dec 7, 2026", level: 2 }).waitFor();
      assert.equal(await firstDayLabel(page, "Week", "Monday, Dec 7"), "Monday, Dec 7");
    });
    await setFirstDay(0);
    await withPage(t, async (page) => {
      await page.goto(`/calendar?date=${day}`);
      await page.getByRole("heading", { name: monthName(day), level: 2 }).waitFor();
      assert.equal(await firstDayLabel(page, "Month", "Sunday, Nov 29"), "Sunday, Nov 29");
      await page.getByRole("button", { name: "Week", exact: true }).click();
      await page.getByRole("heading", { name: "Week of Sun, Dec 6, 2026", level: 2 }).waitFor();
    });
  } finally {
    await setFirstDay(saved.firstDayOfWeek);
  }
});
