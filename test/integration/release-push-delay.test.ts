import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { addClient, qbittorrentBody, queueRecords } from "./downloads-helpers";
import { addMovie, addRootFolder, addTag, call, sendJson } from "./helpers";

/**
 * A pushed release (autobrr, Prowlarr) meets the movie's delay profile as an RSS grab does: held
 * as pending (the queue shows it with status "delay", /queue/grab sends it at once) and answered
 * as Radarr answers it, temporarily rejected and not grabbed.
 */

interface PushAnswer {
  approved: boolean;
  temporarilyRejected: boolean;
  rejections: string[];
  grabbed: boolean;
  movieId: number;
}

const push = (title: string, hash: string) =>
  call("POST", "/api/v3/release/push", {
    body: {
      title,
      magnetUrl: `magnet:?xt=urn:btih:${hash}&dn=x`,
      protocol: "torrent",
      size: 9_000_000_000,
      seeders: 40,
      indexer: "Autobrr",
      publishDate: clock.nowIso(),
    },
  });

async function delayedMovie(torrentDelay: number) {
  await addRootFolder();
  await addClient(qbittorrentBody());
  const tag = await addTag("delayed-push");
  await sendJson(
    "POST",
    "/api/v3/delayprofile",
    {
      enableUsenet: true,
      enableTorrent: true,
      preferredProtocol: "usenet",
      usenetDelay: 0,
      torrentDelay,
      tags: [tag.id],
    },
    201,
  );
  return addMovie(603, { tags: [tag.id] });
}

describe("pushed releases and delay profiles", () => {
  test("a push the movie's delay profile holds goes pending, answered temporarily rejected, and can be grabbed from the queue", async () => {
    const movie = await delayedMovie(120);
    const res = await push("The.Matrix.1999.1080p.BluRay.x264-PUSHED", "c".repeat(40));
    expect(res.status).toBe(200);
    const [answer] = await res.json<PushAnswer[]>();
    expect(answer).toMatchObject({
      movieId: movie.id,
      approved: false,
      temporarilyRejected: true,
      rejections: ["Waiting for better quality release"],
      grabbed: false,
    });

    const [pending] = await queueRecords();
    expect(pending).toMatchObject({ movieId: movie.id, status: "delay", protocol: "torrent" });
    expect(pending.title).toBe("The.Matrix.1999.1080p.BluRay.x264-PUSHED");

    await sendJson("POST", `/api/v3/queue/grab/${pending.id}`, undefined, 200);
    const queue = await queueRecords();
    expect(queue.map((q) => [q.movieId, q.title, q.status === "delay"])).toEqual([
      [movie.id, "The.Matrix.1999.1080p.BluRay.x264-PUSHED", false],
    ]);
  }, 60_000);

  test("a push whose protocol the delay profile does not delay is grabbed at once", async () => {
    const movie = await delayedMovie(0);
    const [answer] = await (await push("The.Matrix.1999.1080p.BluRay.x264-NODELAY", "d".repeat(40))).json<
      PushAnswer[]
    >();
    expect(answer).toMatchObject({ approved: true, grabbed: true });
    const queue = await queueRecords();
    expect(queue.map((q) => [q.movieId, q.status === "delay"])).toEqual([[movie.id, false]]);
  }, 60_000);
});
