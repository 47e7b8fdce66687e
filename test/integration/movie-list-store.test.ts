import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { librarySeedSql } from "../../scripts/lib/seed-library.mjs";
import * as clock from "../../src/clock";
import { createDatabase } from "../../src/db/client";
import { listStamp } from "../../src/services/libraryListCache";
import type { StoredList } from "../../src/services/libraryListStore";
import { call, type Movie } from "./helpers";

/**
 * The built whole-library list is stored in KV under its stamp (library version + quality
 * profiles), so an isolate without it in memory sends it without rebuilding; a write, a profile
 * change or a movie's availability turning must never be answered with a stored list.
 */

const PREFIX = "library-list:";

async function seed(movies: number): Promise<void> {
  const statements = librarySeedSql(movies)
    .split(";\n")
    .map((s) => s.trim())
    .filter(Boolean);
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}

async function listText(): Promise<string> {
  const res = await call("GET", "/api/v3/movie");
  expect(res.status).toBe(200);
  return res.text();
}

/** The manifest stored under the current stamp, once the background write has landed. */
async function storedManifest(stamp: string): Promise<StoredList> {
  for (let i = 0; i < 200; i++) {
    const manifest = await env.CACHE.get<StoredList>(`${PREFIX}${stamp}`, "json");
    if (manifest) return manifest;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no list stored under ${stamp}`);
}

const currentStamp = async () => (await listStamp(createDatabase(env.DB))).stamp;

/** Puts a list under a stamp as another isolate would have stored it. */
async function storeFake(stamp: string, body: string, validUntil: number): Promise<void> {
  await env.CACHE.put(`${PREFIX}${stamp}:fake:0`, body);
  const manifest: StoredList = { builtAt: clock.now() - 1000, validUntil, build: "fake", parts: 1 };
  await env.CACHE.put(`${PREFIX}${stamp}`, JSON.stringify(manifest));
}

describe("the whole-library list stored in KV", () => {
  test("is stored as the bytes it was sent, until the first movie's availability turns", async () => {
    await seed(1_200);
    // The one movie that becomes available later than now: the list is valid until then.
    const soon = new Date(clock.now() + 3 * 3_600_000).toISOString();
    await env.DB.prepare(
      "update movies set minimum_availability = 'released', digital_release = ?, physical_release = null where id = 7",
    )
      .bind(soon)
      .run();
    await env.DB.prepare(
      "update movies set digital_release = null, physical_release = null, in_cinemas = null where id != 7",
    ).run();
    const body = await listText();
    const stamp = await currentStamp();
    const manifest = await storedManifest(stamp);
    expect(manifest.validUntil).toBe(Date.parse(soon));
    const parts: string[] = [];
    for (let i = 0; i < manifest.parts; i++) {
      parts.push((await env.CACHE.get(`${PREFIX}${stamp}:${manifest.build}:${i}`, "text")) ?? "missing");
    }
    expect(parts.join("")).toBe(body);
    expect((JSON.parse(body) as Movie[]).find((m) => m.id === 7)?.isAvailable).toBe(false);
  });

  test("is what an isolate without the list in memory sends, while valid", async () => {
    await seed(20);
    await listText();
    // A write: this isolate's list is of another stamp now, as a fresh isolate has none.
    await env.DB.prepare("update movies set monitored = 0 where id = 3").run();
    const stamp = await currentStamp();
    await storeFake(stamp, '["stored by another isolate"]', clock.now() + 60_000);
    expect(await listText()).toBe('["stored by another isolate"]');
  });

  test("is not stored when the library changes right after the build (a list sync writing)", async () => {
    await seed(20);
    await listText();
    const built = await currentStamp();
    await env.DB.prepare("update movies set monitored = 1 - monitored where id = 2").run();
    // Past the store's delay (2 s): nothing was stored under the replaced stamp.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await env.CACHE.get(`${PREFIX}${built}`)).toBeNull();
  });

  test("past its validity, is not sent: the list is built again", async () => {
    await seed(20);
    const stamp = await currentStamp();
    await storeFake(stamp, '["expired"]', clock.now() - 1);
    const list = JSON.parse(await listText()) as Movie[];
    expect(list).toHaveLength(20);
  });

  test("after a movie write or a quality profile change, is not the list sent", async () => {
    await seed(20);
    const before = JSON.parse(await listText()) as Movie[];
    const stamp = await currentStamp();
    await storedManifest(stamp);
    await env.DB.prepare("update movies set monitored = 1 - monitored where id = 5").run();
    const afterWrite = JSON.parse(await listText()) as Movie[];
    const monitored = (list: Movie[]) => list.find((m) => m.id === 5)?.monitored;
    expect(monitored(afterWrite)).toBe(!monitored(before));
    const written = await currentStamp();
    expect(written).not.toBe(stamp);
    await storedManifest(written);
    await env.DB.prepare("update quality_profiles set upgrade_allowed = 1 - upgrade_allowed where id = 1").run();
    expect(await currentStamp()).not.toBe(written);
  });
});
