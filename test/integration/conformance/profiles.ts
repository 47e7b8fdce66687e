import { expect } from "vitest";
import * as clock from "../../../src/clock";
import { runCommand, SIM } from "../downloads-helpers";
import { getJson, sendJson } from "../helpers";
import { uniqueKey } from "../indexerHelpers";
import type { Area, Resource } from "./harness";

/**
 * Delay and release profiles, and the queue and history operations around them: movies from
 * the simulator's RSS feed carry a tag whose delay profile holds their grabs back as pending
 * releases, which are then grabbed at once; a grab is marked failed from history.
 */
export const profiles: Area = async (check) => {
  const tag = await check("POST /api/v3/tag", "/api/v3/tag", { label: "delayed" });
  await check("GET /api/v3/delayprofile", "/api/v3/delayprofile");
  const delay = await check("POST /api/v3/delayprofile", "/api/v3/delayprofile", {
    enableUsenet: true,
    enableTorrent: true,
    preferredProtocol: "usenet",
    usenetDelay: 0,
    torrentDelay: 60 * 24 * 365,
    bypassIfHighestQuality: false,
    bypassIfAboveCustomFormatScore: false,
    minimumCustomFormatScore: 0,
    tags: [tag.id],
  });
  const got = await check("GET /api/v3/delayprofile/{id}", `/api/v3/delayprofile/${delay.id}`);
  await check("PUT /api/v3/delayprofile/{id}", `/api/v3/delayprofile/${delay.id}`, { ...got, usenetDelay: 5 });
  const spareTag = await check("POST /api/v3/tag", "/api/v3/tag", { label: "spare-delay" });
  const spare = await check("POST /api/v3/delayprofile", "/api/v3/delayprofile", { ...got, tags: [spareTag.id] });
  await check("PUT /api/v3/delayprofile/reorder/{id}", `/api/v3/delayprofile/reorder/${spare.id}?after=${delay.id}`);
  await check("DELETE /api/v3/delayprofile/{id}", `/api/v3/delayprofile/${spare.id}`);

  const release = await check("POST /api/v3/releaseprofile", "/api/v3/releaseprofile", {
    name: "No samples",
    enabled: true,
    required: [],
    ignored: ["sample", "/\\bpromo\\b/i"],
    indexerId: 0,
    tags: [],
  });
  await check("GET /api/v3/releaseprofile", "/api/v3/releaseprofile");
  const gotRelease = await check("GET /api/v3/releaseprofile/{id}", `/api/v3/releaseprofile/${release.id}`);
  await check("PUT /api/v3/releaseprofile/{id}", `/api/v3/releaseprofile/${release.id}`, {
    ...gotRelease,
    name: "No samples 2",
  });
  await check("DELETE /api/v3/releaseprofile/{id}", `/api/v3/releaseprofile/${release.id}`);

  // Movies of the RSS feed, tagged: the RSS sync holds a release of each it wants back.
  const feed = await fetch(`${SIM}/torznab/api?t=movie&apikey=${uniqueKey()}&limit=100`).then((r) => r.text());
  const ids = [...new Set([...feed.matchAll(/name="tmdbid" value="(\d+)"/g)].map((m) => Number(m[1])))];
  const any = (await getJson<Resource[]>("/api/v3/qualityprofile")).find((p) => p.name === "Any") as Resource;
  for (const tmdbId of ids.slice(0, 4)) {
    // Added outside the checks: POST /movie is the library area's (some feed movies have
    // alternate titles, whose shape is that area's to match).
    const movie = { tmdbId, qualityProfileId: any.id, rootFolderPath: "/movies", minimumAvailability: "announced" };
    await sendJson("POST", "/api/v3/movie", { ...movie, monitored: true, tags: [tag.id] }, 201);
  }
  await runCommand("RssSync");
  const details = await check<(Resource & { status: string })[]>("GET /api/v3/queue/details", "/api/v3/queue/details");
  const pending = details.filter((q) => q.status === "delay");
  expect(pending.length, "pending releases").toBeGreaterThan(1);
  await check("GET /api/v3/queue", "/api/v3/queue");
  await check("POST /api/v3/queue/grab/{id}", `/api/v3/queue/grab/${pending[0].id}`);
  await check("POST /api/v3/queue/grab/bulk", "/api/v3/queue/grab/bulk", { ids: pending.slice(1).map((p) => p.id) });

  const since = new Date(clock.now() - 3_600_000).toISOString();
  const grabs = await check<(Resource & { movieId: number })[]>(
    "GET /api/v3/history/since",
    `/api/v3/history/since?date=${encodeURIComponent(since)}&eventType=grabbed`,
  );
  const grab = grabs.find((g) => g.movieId === pending[0].movieId) as Resource;
  await check("POST /api/v3/history/failed/{id}", `/api/v3/history/failed/${grab.id}`);
};
