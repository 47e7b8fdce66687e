import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import {
  addClient,
  addIndexer,
  movieHistory,
  qbittorrentBody,
  queueRecords,
  runCommand,
  SIM,
  simClient,
} from "./downloads-helpers";
import {
  addMovie,
  addRootFolder,
  addTag,
  call,
  expectFieldError,
  getJson,
  type Movie,
  qualityProfileId,
  sendJson,
} from "./helpers";

const MATRIX = 603;
const SIM_HOST = new URL(SIM).hostname;

interface Mapping {
  id: number;
  host: string;
  remotePath: string;
  localPath: string;
}

const addMapping = (remotePath: string, localPath: string, host = SIM_HOST) =>
  sendJson<Mapping>("POST", "/api/v3/remotepathmapping", { host, remotePath, localPath }, 201);

describe("/api/v3/remotepathmapping", () => {
  test("stores folders normalised with a trailing separator, updates, deletes", async () => {
    const created = await addMapping("/downloads", "/data//downloads");
    expect(created).toMatchObject({ host: SIM_HOST, remotePath: "/downloads/", localPath: "/data/downloads/" });
    const windows = await addMapping("D:/Torrents", "/seedbox", "seedbox");
    expect(windows.remotePath).toBe("D:\\Torrents\\");
    const updated = await sendJson<Mapping>(
      "PUT",
      `/api/v3/remotepathmapping/${created.id}`,
      { ...created, localPath: "/mnt/downloads" },
      202,
    );
    expect(updated.localPath).toBe("/mnt/downloads/");
    expect(await getJson<Mapping[]>("/api/v3/remotepathmapping")).toHaveLength(2);
    await sendJson("DELETE", `/api/v3/remotepathmapping/${windows.id}`, undefined, 200);
    expect((await call("GET", `/api/v3/remotepathmapping/${windows.id}`)).status).toBe(404);
  });

  test("refuses a relative or root folder, a missing host and a second mapping of one remote folder, naming the field", async () => {
    const post = (body: Record<string, unknown>) => call("POST", "/api/v3/remotepathmapping", { body });
    await expectFieldError(await post({ host: "nas", remotePath: "downloads", localPath: "/data" }), "remotePath");
    await expectFieldError(await post({ host: "nas", remotePath: "/downloads", localPath: "data" }), "localPath");
    await expectFieldError(await post({ host: "nas", remotePath: "/downloads", localPath: "/" }), "localPath");
    await expectFieldError(await post({ host: " ", remotePath: "/downloads", localPath: "/data" }), "host");
    await addMapping("/downloads", "/data", "nas");
    await expectFieldError(await post({ host: "NAS", remotePath: "/downloads/", localPath: "/other" }), "remotePath");
  });
});

describe("remote path mappings are honoured where the client's paths are read and sent", () => {
  test("qBittorrent: the queue and history show local paths, the move goes to the client's folder", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(MATRIX, { monitored: true });
    await addMapping("/downloads", "/data/downloads");
    await addMapping("/media/movies", "/movies");
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(3600);
    await addIndexer("Torznab");
    expect((await runCommand("MoviesSearch", { movieIds: [movie.id] })).outcome).toMatchObject({ grabbed: 1 });

    await runCommand("RefreshMonitoredDownloads");
    const [queued] = (await queueRecords()) as (Awaited<ReturnType<typeof queueRecords>>[number] & {
      outputPath?: string;
    })[];
    expect(queued.outputPath).toMatch(/^\/data\/downloads\//);

    await qb.speed(0);
    await runCommand("RefreshMonitoredDownloads");
    expect(await queueRecords()).toEqual([]);
    const file = await env.DB.prepare("select path from movie_files where movie_id = ?")
      .bind(movie.id)
      .first<{ path: string }>();
    expect(file?.path).toMatch(/^\/movies\/The Matrix \(1999\)\/The Matrix \(1999\) .+\.mkv$/);
    // On the client's disk the file is in the client's name of the movie folder.
    const onDisk = await qb.files("/media/movies/The Matrix (1999)");
    expect(onDisk.files.map((f) => f.path)).toContain(file?.path.replace(/^\/movies\//, "/media/movies/"));
    const imported = (await movieHistory(movie.id)).find((h) => h.eventType === "downloadFolderImported");
    expect(imported?.data.importedPath).toBe(file?.path);
    expect(imported?.data.droppedPath).toBe(queued.outputPath);
  }, 120_000);
});

interface AutoTag {
  id: number;
  name: string;
  removeTagsAutomatically: boolean;
  tags: number[];
  specifications: { name: string; implementation: string; fields: { name: string; value: unknown }[] }[];
}

const autoTag = (
  name: string,
  tags: number[],
  implementation: string,
  fields: Record<string, unknown>,
  remove = false,
) =>
  sendJson<AutoTag>(
    "POST",
    "/api/v3/autotagging",
    {
      name,
      removeTagsAutomatically: remove,
      tags,
      specifications: [
        {
          name: implementation,
          implementation,
          negate: false,
          required: false,
          fields: Object.entries(fields).map(([field, value]) => ({ name: field, value })),
        },
      ],
    },
    201,
  );

const tagsOf = async (id: number) => (await getJson<Movie>(`/api/v3/movie/${id}`)).tags;

describe("/api/v3/autotagging", () => {
  test("the schema lists Radarr's conditions; rules round-trip with their fields", async () => {
    const schema = await getJson<{ implementation: string }[]>("/api/v3/autotagging/schema");
    expect(schema.map((s) => s.implementation)).toEqual(
      expect.arrayContaining([
        "GenreSpecification",
        "KeywordSpecification",
        "OriginalLanguageSpecification",
        "QualityProfileSpecification",
        "RootFolderSpecification",
        "StatusSpecification",
        "YearSpecification",
        "RuntimeSpecification",
        "StudioSpecification",
      ]),
    );
    const tag = await addTag("scifi");
    const created = await autoTag("Sci-fi", [tag.id], "GenreSpecification", { value: ["Science Fiction"] });
    const got = await getJson<AutoTag>(`/api/v3/autotagging/${created.id}`);
    expect(got.specifications[0].fields).toEqual([
      expect.objectContaining({ name: "value", value: ["Science Fiction"], type: "tag" }),
    ]);
    const renamed = await sendJson<AutoTag>("PUT", `/api/v3/autotagging/${created.id}`, { ...got, name: "SF" }, 202);
    expect(renamed.name).toBe("SF");
    await sendJson("DELETE", `/api/v3/autotagging/${created.id}`, undefined, 200);
    expect(await getJson<AutoTag[]>("/api/v3/autotagging")).toEqual([]);
  });

  test("refuses a rule without tags, with an unknown tag, condition or bad field, naming the field", async () => {
    const tag = await addTag("old");
    const body = (over: Record<string, unknown>) => ({
      name: "Old",
      tags: [tag.id],
      specifications: [
        {
          name: "y",
          implementation: "YearSpecification",
          fields: [
            { name: "min", value: 1900 },
            { name: "max", value: 1980 },
          ],
        },
      ],
      ...over,
    });
    const post = (b: unknown) => call("POST", "/api/v3/autotagging", { body: b });
    await expectFieldError(await post(body({ tags: [] })), "tags");
    await expectFieldError(await post(body({ tags: [9999] })), "tags");
    await expectFieldError(
      await post(body({ specifications: [{ name: "x", implementation: "Nope" }] })),
      "specifications.0.implementation",
    );
    await expectFieldError(
      await post(
        body({
          specifications: [
            {
              name: "y",
              implementation: "YearSpecification",
              fields: [
                { name: "min", value: 1990 },
                { name: "max", value: 1980 },
              ],
            },
          ],
        }),
      ),
      "specifications.0.fields.max",
    );
    await sendJson("POST", "/api/v3/autotagging", body({}), 201);
    await expectFieldError(await post(body({})), "name");
  });
});

describe("auto tags are applied", () => {
  test("when a movie is added, when it is edited (and taken off again), by ApplyAutoTags over the library and on refresh", async () => {
    await addRootFolder("/movies");
    const scifi = await addTag("scifi");
    const hd = await addTag("hd");
    const studioTag = await addTag("studio");
    await autoTag("Sci-fi", [scifi.id], "GenreSpecification", { value: ["Science Fiction"] });
    const profile = await qualityProfileId();
    await autoTag("HD", [hd.id], "QualityProfileSpecification", { value: profile }, true);

    const movie = await addMovie(MATRIX, { monitored: true });
    expect(movie.tags.sort()).toEqual([scifi.id, hd.id].sort());

    const other = await qualityProfileId("Any");
    const edited = await sendJson<Movie>(
      "PUT",
      `/api/v3/movie/${movie.id}`,
      { ...movie, qualityProfileId: other },
      202,
    );
    expect(edited.tags).toEqual([scifi.id]);

    // A rule made later reaches the library through the command.
    const { studio } = movie as Movie & { studio: string };
    expect(studio).not.toBe("");
    await autoTag("Studio", [studioTag.id], "StudioSpecification", { value: [studio.toUpperCase()] });
    expect(await tagsOf(movie.id)).not.toContain(studioTag.id);
    const run = await runCommand("ApplyAutoTags");
    expect(run.status).toBe("completed");
    expect(await tagsOf(movie.id)).toContain(studioTag.id);

    // And a refresh applies the rules to the refreshed movie.
    const released = await addTag("released");
    await autoTag("Released", [released.id], "StatusSpecification", { status: 3 });
    await runCommand("RefreshMovie", { movieIds: [movie.id] });
    expect(await tagsOf(movie.id)).toContain(released.id);
  }, 60_000);
});

test("auto tags are applied to the movies an import list adds", async () => {
  await addRootFolder("/movies");
  const scifi = await addTag("scifi");
  await autoTag("Sci-fi", [scifi.id], "GenreSpecification", { value: ["Science Fiction"] });
  const list = await sendJson<{ id: number }>(
    "POST",
    "/api/v3/importlist",
    {
      name: "Matrix collection",
      implementation: "TMDbCollectionImport",
      fields: [{ name: "collectionId", value: 2344 }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
    },
    201,
  );
  await runCommand("ImportListSync", { listId: list.id });
  const movies = await getJson<Movie[]>("/api/v3/movie");
  expect(movies.length).toBeGreaterThan(1);
  for (const movie of movies)
    expect(movie.tags, movie.title).toEqual(movie.genres.includes("Science Fiction") ? [scifi.id] : []);
  expect(movies.some((m) => m.tags.includes(scifi.id))).toBe(true);
}, 60_000);

describe("/api/v3/customfilter", () => {
  test("stores a page's filter as sent and reads it back", async () => {
    const filter = {
      type: "movieIndex",
      label: "Unmonitored 4K",
      filters: [
        { key: "monitored", value: false, type: "equal" },
        { key: "qualityProfileId", value: [4], type: "equal" },
      ],
    };
    const created = await sendJson<typeof filter & { id: number }>("POST", "/api/v3/customfilter", filter, 201);
    expect(created).toMatchObject(filter);
    const updated = await sendJson<typeof created>(
      "PUT",
      `/api/v3/customfilter/${created.id}`,
      { ...created, label: "4K" },
      202,
    );
    expect(updated.label).toBe("4K");
    expect(await getJson(`/api/v3/customfilter/${created.id}`)).toEqual(updated);
    await expectFieldError(
      await call("POST", "/api/v3/customfilter", { body: { type: "movieIndex", filters: [] } }),
      "label",
    );
    await sendJson("DELETE", `/api/v3/customfilter/${created.id}`, undefined, 200);
    expect(await getJson("/api/v3/customfilter")).toEqual([]);
  });
});
