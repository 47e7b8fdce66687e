import { describe, expect, test } from "vitest";
import { addClient, qbittorrentBody, simClient, transmissionBody } from "./downloads-helpers";
import { addMovie, addRootFolder, getJson, sendJson } from "./helpers";
import { torznab } from "./indexerHelpers";

/**
 * A Torznab indexer's seed criteria (Radarr's `seedCriteria.seedRatio`, `seedCriteria.seedTime`)
 * are stored with it and sent to the torrent client with every grab from it.
 */

interface Field {
  name: string;
  value?: unknown;
  type: string;
  isFloat: boolean;
  unit?: string;
}
interface Indexer {
  id: number;
  implementation: string;
  fields: Field[];
}

const seedCriteria = (ratio: number, minutes: number) => [
  { name: "seedCriteria.seedRatio", value: ratio },
  { name: "seedCriteria.seedTime", value: minutes },
];

async function addSeedingIndexer(ratio: number, minutes: number): Promise<Indexer> {
  const body = torznab();
  return sendJson<Indexer>(
    "POST",
    "/api/v3/indexer?forceSave=true",
    { ...body, fields: [...body.fields, ...seedCriteria(ratio, minutes)] },
    201,
  );
}

/** Grabs the first approved release of The Matrix from the indexer; returns the client's download. */
async function grabFrom(indexerId: number) {
  await addRootFolder();
  const movie = await addMovie(603);
  const releases = await getJson<{ guid: string; indexerId: number; approved: boolean }[]>(
    `/api/v3/release?movieId=${movie.id}`,
  );
  const release = releases.find((r) => r.approved && r.indexerId === indexerId);
  expect(release, "an approved release").toBeDefined();
  await sendJson("POST", "/api/v3/release", { guid: release?.guid, indexerId, movieId: movie.id }, 200);
}

describe("Torznab seed criteria", () => {
  test("the template carries Radarr's seed fields, and a saved indexer keeps their values", async () => {
    const templates = await getJson<Indexer[]>("/api/v3/indexer/schema");
    const fields = templates.find((t) => t.implementation === "Torznab")?.fields ?? [];
    expect(fields.find((f) => f.name === "seedCriteria.seedRatio")).toMatchObject({ type: "number", isFloat: true });
    expect(fields.find((f) => f.name === "seedCriteria.seedTime")).toMatchObject({ type: "number", unit: "minutes" });
    for (const name of ["minimumSeeders", "requiredFlags", "categories", "additionalParameters", "apiPath"]) {
      expect(fields.map((f) => f.name)).toContain(name);
    }
    const saved = await addSeedingIndexer(1.5, 4320);
    const got = await getJson<Indexer>(`/api/v3/indexer/${saved.id}`);
    const value = (name: string) => got.fields.find((f) => f.name === name)?.value;
    expect([value("seedCriteria.seedRatio"), value("seedCriteria.seedTime")]).toEqual([1.5, 4320]);
  });

  test("a grab sends the ratio and seed time to qBittorrent with the torrent", async () => {
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(3600);
    const indexer = await addSeedingIndexer(2.5, 1440);
    await grabFrom(indexer.id);
    const [download] = (await qb.downloads()) as unknown as { options: Record<string, unknown> }[];
    expect(download.options).toMatchObject({ ratioLimit: 2.5, seedingTimeLimit: 1440 });
  });

  test("a grab sets the torrent's own seed limits in Transmission", async () => {
    const client = await addClient(transmissionBody());
    const tr = simClient("transmission", client.instance);
    await tr.speed(3600);
    const indexer = await addSeedingIndexer(1.2, 600);
    await grabFrom(indexer.id);
    const [download] = (await tr.downloads()) as unknown as { options: Record<string, unknown> }[];
    expect(download.options).toMatchObject({
      seedRatioLimit: 1.2,
      seedRatioMode: 1,
      seedIdleLimit: 600,
      seedIdleMode: 1,
    });
  });

  test("without seed criteria the client's own limits apply", async () => {
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(3600);
    const indexer = await sendJson<Indexer>("POST", "/api/v3/indexer?forceSave=true", torznab(), 201);
    await grabFrom(indexer.id);
    const [download] = (await qb.downloads()) as unknown as { options: Record<string, unknown> }[];
    expect(download.options).not.toHaveProperty("ratioLimit");
    expect(download.options).not.toHaveProperty("seedingTimeLimit");
  });
});
