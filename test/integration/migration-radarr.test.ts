import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { call, expectFieldError, getJson, type Movie, sendJson } from "./helpers";

interface Item {
  resource: string;
  name: string;
  outcome: "copied" | "updated" | "skipped" | "failed";
  reason?: string;
}

interface Migration {
  id: number;
  status: "queued" | "started" | "completed" | "failed";
  message?: string;
  report?: {
    radarrVersion: string;
    counts: Record<string, Record<Item["outcome"], number>>;
    items: Item[];
    secrets: { resource: string; name: string; field: string }[];
    stepFailures: { step: string; reason: string }[];
  };
}

const RADARR = `${env.TMDB_API_URL.replace(/\/tmdb$/, "")}/radarr`;

async function migrate(
  secrets: { resource: string; name: string; field: string; value: string }[] = [],
): Promise<Migration> {
  const body = { url: RADARR, apiKey: "radarr-key", secrets };
  const started = await sendJson<Migration>("POST", "/api/v3/migration/radarr", body, 202);
  // The command's row never holds the key or a typed secret in clear, and keeps neither once it ends.
  const queued = await storedBody(started.id);
  for (const clear of [body.apiKey, ...secrets.map((s) => s.value)]) expect(queued).not.toContain(clear);
  for (let i = 0; i < 200; i++) {
    const migration = await getJson<Migration>(`/api/v3/migration/radarr/${started.id}`);
    if (migration.status === "completed" || migration.status === "failed") {
      expect(JSON.parse(await storedBody(started.id))).toEqual({ url: RADARR, radarrVersion: expect.any(String) });
      return migration;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the migration did not finish");
}

async function storedBody(id: number): Promise<string> {
  const row = await env.DB.prepare("SELECT body FROM commands WHERE id = ?").bind(id).first<{ body: string }>();
  return row?.body ?? "";
}

const item = (m: Migration, resource: string, name: string) =>
  m.report?.items.find((i) => i.resource === resource && i.name === name);

describe("POST /api/v3/migration/radarr", () => {
  // Three migrations, each adding movies through TMDb: longer than the default 5 s on a busy machine.
  test("copies movies with their profile and tags mapped, formats with scores, providers, and lists the secrets", {
    timeout: 30_000,
  }, async () => {
    const first = await migrate();
    expect(first.status, first.message).toBe("completed");
    expect(first.report?.stepFailures).toEqual([]);

    const tags = await getJson<{ id: number; label: string }[]>("/api/v3/tag");
    const tagId = (label: string) => tags.find((t) => t.label === label)?.id;
    const formats = await getJson<{ id: number; name: string }[]>("/api/v3/customformat");
    const remuxTier = formats.find((f) => f.name === "Remux Tier");
    expect(remuxTier).toBeDefined();
    const profiles =
      await getJson<{ id: number; name: string; cutoff: number; formatItems: { format: number; score: number }[] }[]>(
        "/api/v3/qualityprofile",
      );
    const collectors = profiles.find((p) => p.name === "Remux Collectors");
    expect(collectors?.cutoff).toBe(30);
    expect(collectors?.formatItems.find((f) => f.format === remuxTier?.id)?.score).toBe(120);
    expect(
      profiles.find((p) => p.name === "HD-1080p")?.formatItems.find((f) => f.format === remuxTier?.id)?.score,
    ).toBe(50);

    const movies = await getJson<Movie[]>("/api/v3/movie");
    const matrix = movies.find((m) => m.tmdbId === 603);
    expect(matrix).toMatchObject({ monitored: true, qualityProfileId: collectors?.id, tags: [tagId("4k")] });
    const empire = movies.find((m) => m.tmdbId === 1891);
    expect(empire).toMatchObject({ monitored: false, minimumAvailability: "announced", rootFolderPath: "/data/kids" });
    expect(empire?.tags.sort()).toEqual([tagId("4k"), tagId("kids")].sort());
    expect(item(first, "movie", "A Home Video (2001)")?.outcome).toBe("failed");

    const folders = await getJson<{ path: string }[]>("/api/v3/rootfolder");
    expect(folders.map((f) => f.path).sort()).toEqual(["/data/kids", "/data/movies"]);
    expect((await getJson<{ tmdbId: number }[]>("/api/v3/exclusions")).map((e) => e.tmdbId)).toEqual([8587]);
    expect(await getJson("/api/v3/config/naming")).toMatchObject({
      colonReplacementFormat: "dash",
      movieFolderFormat: "{Movie CleanTitle} ({Release Year})",
    });

    // Indexers need their API key, which Radarr masks: listed, and the run fails them until given.
    expect(item(first, "indexer", "Sim Torznab")).toMatchObject({
      outcome: "failed",
      reason: expect.stringContaining("apiKey"),
    });
    expect(item(first, "indexer", "Old Rarbg")).toMatchObject({
      outcome: "skipped",
      reason: expect.stringContaining("Rarbg"),
    });
    // qBittorrent takes an empty password: copied, switched off until the password is entered.
    const clients = await getJson<{ name: string; enable: boolean }[]>("/api/v3/downloadclient");
    expect(clients).toEqual([expect.objectContaining({ name: "Sim qBittorrent", enable: false })]);
    expect(item(first, "downloadClient", "uTorrent Box")?.outcome).toBe("skipped");
    const lists = await getJson<{ name: string; qualityProfileId: number; tags: number[] }[]>("/api/v3/importlist");
    expect(lists).toEqual([
      expect.objectContaining({ name: "Staff Picks", qualityProfileId: collectors?.id, tags: [tagId("kids")] }),
    ]);
    expect(item(first, "importList", "Other Radarr")?.outcome).toBe("skipped");
    // Delay profiles: Radarr's default onto ours, the tagged ones by their mapped tags, in Radarr's order.
    expect(first.report?.counts.delayProfile).toEqual({ copied: 2, updated: 1, skipped: 0, failed: 0 });
    const delays = await getJson<Record<string, unknown>[]>("/api/v3/delayprofile");
    expect(delays).toEqual([
      expect.objectContaining({
        tags: [tagId("4k")],
        preferredProtocol: "torrent",
        usenetDelay: 60,
        torrentDelay: 120,
      }),
      expect.objectContaining({
        tags: [tagId("kids")],
        enableUsenet: false,
        torrentDelay: 30,
        bypassIfAboveCustomFormatScore: true,
        minimumCustomFormatScore: 100,
      }),
      expect.objectContaining({ id: 1, tags: [], bypassIfHighestQuality: true }),
    ]);
    // Each movie keeps the date it was added to Radarr, listed in the report.
    expect(Date.parse(String(matrix?.added))).toBe(Date.parse("2021-06-15T08:30:00Z"));
    expect(Date.parse(String(empire?.added))).toBe(Date.parse("2023-04-01T10:00:00Z"));
    expect(item(first, "movie", "The Matrix (1999)")?.reason).toBe("added 2021-06-15T08:30:00.000Z");
    expect(first.report?.secrets).toEqual([
      { resource: "indexer", name: "Sim Torznab", field: "apiKey" },
      { resource: "indexer", name: "Sim Newznab", field: "apiKey" },
      { resource: "downloadClient", name: "Sim qBittorrent", field: "password" },
    ]);

    // Run again with the indexer keys typed in: the indexers arrive (enabled, tags mapped) and nothing is added twice.
    const keys = ["Sim Torznab", "Sim Newznab"].map((name) => ({
      resource: "indexer",
      name,
      field: "apiKey",
      value: "sim-key",
    }));
    // A movie copied before dates were kept gets Radarr's on the next run.
    await env.DB.prepare("update movies set added = ? where tmdb_id = 603").bind(new Date().toISOString()).run();
    const second = await migrate(keys);
    expect(second.status).toBe("completed");
    expect(item(second, "movie", "The Matrix (1999)")?.outcome).toBe("updated");
    const again = (await getJson<Movie[]>("/api/v3/movie")).find((m) => m.tmdbId === 603);
    expect(Date.parse(String(again?.added))).toBe(Date.parse("2021-06-15T08:30:00Z"));
    expect(second.report?.secrets).toEqual([
      { resource: "downloadClient", name: "Sim qBittorrent", field: "password" },
    ]);
    const indexers = await getJson<{ name: string; enableRss: boolean; tags: number[] }[]>("/api/v3/indexer");
    expect(indexers.map((i) => i.name).sort()).toEqual(["Sim Newznab", "Sim Torznab"]);
    expect(indexers.find((i) => i.name === "Sim Torznab")).toMatchObject({ enableRss: true, tags: [tagId("4k")] });

    // Re-running finds everything already here: nothing is added twice.
    const third = await migrate(keys);
    expect(third.report?.counts.movie).toMatchObject({ copied: 0, skipped: 2 });
    expect(third.report?.counts.indexer).toMatchObject({ copied: 0, skipped: 3 });
    expect(third.report?.counts.tag).toMatchObject({ copied: 0, skipped: 2 });
    expect(third.report?.counts.delayProfile).toEqual({ copied: 0, updated: 0, skipped: 3, failed: 0 });
    expect((await getJson<unknown[]>("/api/v3/delayprofile")).length).toBe(3);
    expect((await getJson<Movie[]>("/api/v3/movie")).length).toBe(movies.length);
    expect((await getJson<unknown[]>("/api/v3/tag")).length).toBe(tags.length);
    expect((await getJson<unknown[]>("/api/v3/customformat")).length).toBe(formats.length);
    expect((await getJson<unknown[]>("/api/v3/qualityprofile")).length).toBe(profiles.length);
    expect((await getJson<unknown[]>("/api/v3/indexer")).length).toBe(2);
    expect((await getJson<unknown[]>("/api/v3/downloadclient")).length).toBe(1);
    expect((await getJson<unknown[]>("/api/v3/importlist")).length).toBe(1);
    expect((await getJson<unknown[]>("/api/v3/exclusions")).length).toBe(1);
  });

  test("a key Radarr refuses is a 400 naming apiKey, and nothing is recorded", async () => {
    const res = await call("POST", "/api/v3/migration/radarr", { body: { url: RADARR, apiKey: "wrong-key" } });
    const body = await expectFieldError(res, "apiKey");
    expect(body.message).toMatch(/API key/);
  });

  test("a URL that is not http(s) is a 400 naming url; an unknown migration is a 404", async () => {
    await expectFieldError(
      await call("POST", "/api/v3/migration/radarr", { body: { url: "ftp://radarr", apiKey: "k" } }),
      "url",
    );
    expect((await call("GET", "/api/v3/migration/radarr/999")).status).toBe(404);
  });
});
