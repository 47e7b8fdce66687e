import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { addClient, qbittorrentBody } from "./downloads-helpers";
import { addMovie, addRootFolder, getJson, sendJson } from "./helpers";
import { torznab } from "./indexerHelpers";

/**
 * An indexer's multiLanguages (the languages its MULTI releases carry) apply to every grab as to
 * automatic ones: an interactive grab (POST /release) and a pending release grabbed from the queue
 * record the release with those languages.
 */

const FRENCH = 2;
const GERMAN = 4;
const HASH = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

interface QueueRecord {
  id: number;
  title: string;
  languages: { id: number; name: string }[];
}

async function setup() {
  await addRootFolder();
  await addClient(qbittorrentBody());
  const indexer = await sendJson<{ id: number; name: string }>(
    "POST",
    "/api/v3/indexer?forceSave=true",
    torznab(undefined, {}),
    201,
  );
  const saved = await getJson<{ fields: { name: string; value: unknown }[] } & Record<string, unknown>>(
    `/api/v3/indexer/${indexer.id}`,
  );
  const fields = saved.fields.map((f) => (f.name === "multiLanguages" ? { ...f, value: [FRENCH, GERMAN] } : f));
  await sendJson("PUT", `/api/v3/indexer/${indexer.id}?forceSave=true`, { ...saved, fields }, 202);
  const movie = await addMovie(603);
  const release = {
    guid: `multi-${crypto.randomUUID()}`,
    title: "The.Matrix.1999.MULTI.1080p.BluRay.x264-MULTiGRP",
    size: 9_000_000_000,
    indexer: indexer.name,
    indexerId: indexer.id,
    protocol: "torrent",
    publishDate: new Date(clock.now() - 3 * 86_400_000).toISOString(),
    seeders: 40,
    leechers: 2,
    infoHash: HASH,
    downloadUrl: `magnet:?xt=urn:btih:${HASH}&dn=The.Matrix.1999.MULTI.1080p.BluRay.x264-MULTiGRP`,
  };
  return { movie, release };
}

const languageIds = (record: QueueRecord | undefined) => (record?.languages ?? []).map((l) => l.id).sort();

describe("multiLanguages on grabs that are not automatic", () => {
  test("an interactive grab (POST /release) records the indexer's MULTI languages", async () => {
    const { movie, release } = await setup();
    // As an interactive search leaves it: the movie's releases in the release cache.
    await env.CACHE.put(
      `releases:movie:${movie.id}`,
      JSON.stringify({ movieId: movie.id, searchedAt: clock.nowIso(), releases: [release] }),
    );
    await sendJson(
      "POST",
      "/api/v3/release",
      { guid: release.guid, indexerId: release.indexerId, movieId: movie.id },
      200,
    );
    const { records } = await getJson<{ records: QueueRecord[] }>("/api/v3/queue");
    expect(records).toHaveLength(1);
    expect(languageIds(records[0])).toEqual([FRENCH, GERMAN]);
  }, 30_000);

  test("a pending release grabbed from the queue records them too", async () => {
    const { movie, release } = await setup();
    // A release a delay profile held back (as the automatic grab stored it).
    await env.DB.prepare(
      "insert into pending_releases (movie_id, title, indexer, protocol, publish_date, quality, custom_format_ids, custom_format_score, languages, size, release, source, reason, added) values (?, ?, ?, 'torrent', ?, ?, '[]', 0, ?, ?, ?, 'automatic', 'delay', ?)",
    )
      .bind(
        movie.id,
        release.title,
        release.indexer,
        release.publishDate,
        JSON.stringify({ quality: 7, revision: { version: 1, real: 0, isRepack: false } }),
        JSON.stringify([
          { id: FRENCH, name: "French" },
          { id: GERMAN, name: "German" },
        ]),
        release.size,
        JSON.stringify(release),
        clock.nowIso(),
      )
      .run();
    const pending = (await getJson<{ records: QueueRecord[] }>("/api/v3/queue")).records;
    expect(pending).toHaveLength(1);
    await sendJson("POST", `/api/v3/queue/grab/${pending[0].id}`, undefined, 200);
    const { records } = await getJson<{ records: QueueRecord[] }>("/api/v3/queue");
    expect(records).toHaveLength(1);
    expect(records[0].id).not.toBe(pending[0].id);
    expect(languageIds(records[0])).toEqual([FRENCH, GERMAN]);
  }, 30_000);
});
