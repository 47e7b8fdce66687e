import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, call, type ErrorBody, expectFieldError, getJson, sendJson } from "./helpers";

// Issue 14's findings: inputs that used to answer 500. D1 binds at most 100 parameters per
// statement and limits LIKE patterns to 50 bytes, so these lists and titles are past both.
const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);
const STRANGELOVE = "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb";

interface Page<T> {
  totalRecords: number;
  records: T[];
}

describe("long searches", () => {
  test("a title past D1's 50-byte LIKE limit still finds the movie", async () => {
    await addRootFolder();
    const added = await addMovie(935);
    expect(added.title).toBe(STRANGELOVE);
    const page = await getJson<Page<{ id: number; title: string }>>(
      `/api/v3/movie/paged?search=${encodeURIComponent(STRANGELOVE)}`,
    );
    expect(page.records.map((m) => m.id)).toEqual([added.id]);
    const none = await getJson<Page<unknown>>(`/api/v3/movie/paged?search=${encodeURIComponent(`${STRANGELOVE} 2`)}`);
    expect(none.totalRecords).toBe(0);
  });
});

describe("lists longer than D1's 100 bound parameters", () => {
  test("bulk deletes of 101 unknown ids answer 404 naming them", async () => {
    for (const path of ["/api/v3/blocklist/bulk", "/api/v3/queue/bulk"]) {
      const res = await call("DELETE", path, { body: { ids: ids(101, 5000) } });
      const body = await res.json<ErrorBody>();
      expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(404);
      expect(body.message).toContain("5100");
    }
  });

  test("blocklist bulk delete removes 120 entries in one call", async () => {
    await addRootFolder();
    const movie = await addMovie(935);
    const rows = ids(120).map((i) =>
      env.DB.prepare(
        "insert into blocklist (movie_id, source_title, protocol, quality, custom_format_ids, languages, reason, date) values (?, ?, 'torrent', ?, '[]', '[]', 'manual', '2026-01-01T00:00:00.000Z')",
      ).bind(
        movie.id,
        `Release.${i}`,
        JSON.stringify({ quality: { id: 7, name: "Bluray-1080p" }, revision: { version: 1 } }),
      ),
    );
    await env.DB.batch(rows);
    const page = await getJson<Page<{ id: number }>>("/api/v3/blocklist?pageSize=500");
    expect(page.totalRecords).toBe(120);
    await sendJson("DELETE", "/api/v3/blocklist/bulk", { ids: page.records.map((r) => r.id) }, 200);
    expect((await getJson<Page<unknown>>("/api/v3/blocklist")).totalRecords).toBe(0);
  });

  test("history and blocklist filtered by 150 movie ids", async () => {
    const list = ids(150).join(",");
    for (const path of [`/api/v3/history?movieIds=${list}`, `/api/v3/blocklist?movieIds=${list}`]) {
      const res = await call("GET", path);
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json<Page<unknown>>()).totalRecords).toBe(0);
    }
  });

  test("the movie editor applies 150 tags", async () => {
    await addRootFolder();
    const movie = await addMovie(935);
    // Written straight to D1: 150 POSTs would be most of the test's time.
    await env.DB.batch(ids(150).map((i) => env.DB.prepare("insert into tags (label) values (?)").bind(`t${i}`)));
    const tags = (await getJson<{ id: number }[]>("/api/v3/tag")).map((t) => t.id).sort((a, b) => a - b);
    expect(tags).toHaveLength(150);
    const [edited] = await sendJson<{ tags: number[] }[]>(
      "PUT",
      "/api/v3/movie/editor",
      { movieIds: [movie.id], tags, applyTags: "add" },
      202,
    );
    expect(edited.tags.sort((a, b) => a - b)).toEqual(tags);
    const [removed] = await sendJson<{ tags: number[] }[]>(
      "PUT",
      "/api/v3/movie/editor",
      { movieIds: [movie.id], tags: tags.slice(0, 140), applyTags: "remove" },
      202,
    );
    expect(removed.tags.sort((a, b) => a - b)).toEqual(tags.slice(140));
  });

  test("150 unknown tags are named, not a 500", async () => {
    await addRootFolder();
    const movie = await addMovie(935);
    const res = await call("PUT", "/api/v3/movie/editor", {
      body: { movieIds: [movie.id], tags: ids(150, 9000), applyTags: "add" },
    });
    const body = await expectFieldError(res, "tags");
    expect(body.message).toContain("9149");
  });

  test("a command naming 150 unknown movies answers 400 naming them", async () => {
    for (const name of ["MoviesSearch", "RefreshMovie"]) {
      const res = await call("POST", "/api/v3/command", { body: { name, movieIds: ids(150, 7000) } });
      const body = await expectFieldError(res, "movieIds");
      expect(body.message).toContain("7000");
      expect(body.message).not.toMatch(/SQL|D1_/);
    }
  });
});

describe("unsupported methods", () => {
  const cases: [string, string, string][] = [
    ["DELETE", "/ping", "GET, HEAD"],
    ["POST", "/metrics", "GET, HEAD"],
    ["TRACE", "/login", "POST"],
    ["GET", "/login", "POST"],
    // GET /logout is Radarr's logout link (a redirect to the start page), POST the site's.
    ["TRACE", "/logout", "GET, HEAD, POST"],
    ["TRACE", "/session", "GET, HEAD"],
    ["PATCH", "/api/v3/movie", "GET, HEAD, POST"],
    ["POST", "/api/v3/movie/1", "DELETE, GET, HEAD, PUT"],
  ];
  test.each(cases)("%s %s answers 405 with Allow: %s", async (method, path, allow) => {
    const res = await call(method, path);
    const body = await res.json<ErrorBody>();
    expect(res.status, JSON.stringify(body)).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.headers.get("x-correlation-id")).toBeTruthy();
    expect(body.message).toContain(method);
  });

  test("unknown API paths stay 404 and the site's paths still serve the page", async () => {
    expect((await call("GET", "/api/v3/nothing")).status).toBe(404);
    const site = await call("GET", "/movie/42");
    expect(site.status).toBeLessThan(500);
    expect(site.headers.get("x-correlation-id")).toBeTruthy();
  });
});
