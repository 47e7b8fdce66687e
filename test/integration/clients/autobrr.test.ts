import { describe, expect, test } from "vitest";
import * as clock from "../../../src/clock";
import { addClient, qbittorrentBody, queueRecords } from "../downloads-helpers";
import { addMovie, addRootFolder, addTag } from "../helpers";
import { read, type Sent, send } from "./replay";

/**
 * autobrr's Radarr calls, replayed as it makes them: autobrr/autobrr v1.79.0 (commit 489d8ddf,
 * 2026-05-20), pkg/arr/radarr/{client,radarr,types}.go, called from internal/download_client
 * (Test), internal/action/radarr.go (Push) and internal/list/process_arr_radarr.go (GetMovies,
 * GetTags). Every call carries `X-Api-Key`, `User-Agent: autobrr` and, GET included (its body is
 * http.NoBody, not nil), `Content-Type: application/json`; paths are path.Join'ed, so no
 * trailing slash. autobrr decodes into Go structs: a field of the wrong JSON type (a fraction in
 * an int, a date that is not RFC 3339 in a time.Time) fails the whole call, so the responses are
 * checked against those structs as encoding/json would decode them.
 */

const autobrr = (path: string, method = "GET", body?: unknown): Sent => ({
  path: `/api/v3/${path}`,
  method,
  key: "header",
  headers: { "Content-Type": "application/json", "User-Agent": "autobrr" },
  body,
});

const TERMINATOR = 218;
const BACK_TO_THE_FUTURE = 105;

/** A Go type as encoding/json decodes into it: null is always fine (the zero value), unknown keys are ignored. */
type Go = "int" | "float" | "string" | "bool" | "time" | { [field: string]: Go } | [Go];

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function goDecodeErrors(value: unknown, type: Go, at = "$"): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(type)) {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((v, i) => goDecodeErrors(v, type[0], `${at}[${i}]`));
  }
  if (typeof type === "object") {
    if (typeof value !== "object" || Array.isArray(value)) return [`${at}: not an object`];
    const fields = value as Record<string, unknown>;
    return Object.entries(type).flatMap(([name, t]) => goDecodeErrors(fields[name], t, `${at}.${name}`));
  }
  const ok = {
    int: Number.isInteger(value),
    float: typeof value === "number",
    string: typeof value === "string",
    bool: typeof value === "boolean",
    time: typeof value === "string" && RFC3339.test(value),
  }[type];
  return ok ? [] : [`${at}: ${JSON.stringify(value)} is not a Go ${type}`];
}

const IMAGE: Go = { coverType: "string", url: "string", remoteUrl: "string", extension: "string" };
const VALUE: Go = { id: "int", name: "string" };
const QUALITY: Go = {
  name: "string",
  id: "int",
  quality: { id: "int", name: "string", source: "string", resolution: "int", modifier: "string" },
  allowed: "bool",
  revision: { version: "int", real: "int", isRepack: "bool" },
};
/** pkg/arr/radarr/types.go Movie. */
const MOVIE: Go = {
  id: "int",
  title: "string",
  path: "string",
  minimumAvailability: "string",
  qualityProfileId: "int",
  tmdbId: "int",
  originalTitle: "string",
  alternateTitles: [
    {
      movieId: "int",
      title: "string",
      sourceType: "string",
      sourceId: "int",
      votes: "int",
      voteCount: "int",
      language: VALUE,
      id: "int",
    },
  ],
  secondaryYearSourceId: "int",
  sortTitle: "string",
  sizeOnDisk: "int",
  status: "string",
  overview: "string",
  inCinemas: "time",
  physicalRelease: "time",
  digitalRelease: "time",
  images: [IMAGE],
  website: "string",
  year: "int",
  youTubeTrailerId: "string",
  studio: "string",
  folderName: "string",
  runtime: "int",
  cleanTitle: "string",
  imdbId: "string",
  titleSlug: "string",
  certification: "string",
  genres: ["string"],
  tags: ["int"],
  added: "time",
  ratings: { votes: "int", value: "float", popularity: "float" },
  movieFile: {
    id: "int",
    movieId: "int",
    relativePath: "string",
    path: "string",
    size: "int",
    dateAdded: "time",
    sceneName: "string",
    indexerFlags: "int",
    quality: QUALITY,
    qualityCutoffNotMet: "bool",
    languages: [VALUE],
    releaseGroup: "string",
    edition: "string",
  },
  collection: { name: "string", tmdbId: "int", images: [IMAGE] },
  hasFile: "bool",
  isAvailable: "bool",
  monitored: "bool",
};
const PUSH_RESPONSE: Go = [{ approved: "bool", rejected: "bool", temporarilyRejected: "bool", rejections: ["string"] }];
const BAD_REQUEST: Go = [
  { severity: "string", errorCode: "string", errorMessage: "string", propertyName: "string", attemptedValue: "string" },
];

/** time.Now().Format(time.RFC3339) on a machine two hours east of UTC. */
function goNowRfc3339(): string {
  const local = new Date(clock.now() + 2 * 3600_000).toISOString().slice(0, 19);
  return `${local}+02:00`;
}

/** internal/action/radarr.go's ReleasePushRequest for an IRC announce (omitempty fields left out when empty). */
function pushRequest(title: string, extra: Record<string, unknown> = {}) {
  return {
    title,
    infoUrl: "https://tracker.invalid/torrents.php?id=1",
    magnetUrl: `magnet:?xt=urn:btih:${"c".repeat(40)}&dn=${title}`,
    size: 9_663_676_416,
    indexer: "tracker-irc",
    downloadProtocol: "torrent",
    protocol: "torrent",
    publishDate: goNowRfc3339(),
    // BuildIndexerFlags: freeleech (1) + internal (32).
    indexerFlags: 33,
    ...extra,
  };
}

describe("autobrr: Settings → Clients → Radarr → Test (Client.Test)", () => {
  test("GET system/status decodes into SystemStatusResponse; a wrong key is a 401", async () => {
    const status = await read<{ version: string }>(autobrr("system/status"));
    expect(goDecodeErrors(status, { version: "string" })).toEqual([]);
    expect(status.version).toMatch(/^\d+\.\d+/);
    const res = await send({
      ...autobrr("system/status"),
      key: "none",
      headers: { "Content-Type": "application/json", "User-Agent": "autobrr", "X-Api-Key": "nope" },
    });
    expect(res.status).toBe(401);
  });
});

describe("autobrr: a filter's Radarr action (Client.Push → POST release/push)", () => {
  test("an accepted release: 200, a one-item list with rejected false, and the grab", async () => {
    await addRootFolder();
    const movie = await addMovie(TERMINATOR, { monitored: true });
    await addClient(qbittorrentBody());
    const pushed = await read<{ rejected: boolean; rejections: string[] }[]>(
      autobrr("release/push", "POST", pushRequest("The.Terminator.1984.1080p.BluRay.x264-AUTOBRR")),
    );
    expect(goDecodeErrors(pushed, PUSH_RESPONSE)).toEqual([]);
    expect(pushed[0].rejected).toBe(false);
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({ movieId: movie.id, title: "The.Terminator.1984.1080p.BluRay.x264-AUTOBRR" });
  });

  test("the action's external download client: downloadClientId, or downloadClient by name, picks the client", async () => {
    await addRootFolder();
    await addMovie(TERMINATOR, { monitored: true });
    await addMovie(BACK_TO_THE_FUTURE, { monitored: true });
    await addClient(qbittorrentBody());
    const second = await addClient(qbittorrentBody());
    const byId = pushRequest("The.Terminator.1984.1080p.BluRay.x264-AUTOBRR", { downloadClientId: second.id });
    expect((await read<{ rejected: boolean }[]>(autobrr("release/push", "POST", byId)))[0].rejected).toBe(false);
    const byName = pushRequest("Back.to.the.Future.1985.1080p.BluRay.x264-AUTOBRR", {
      magnetUrl: `magnet:?xt=urn:btih:${"d".repeat(40)}&dn=future`,
      downloadClient: second.name.toUpperCase(),
    });
    expect((await read<{ rejected: boolean }[]>(autobrr("release/push", "POST", byName)))[0].rejected).toBe(false);
    expect((await queueRecords()).map((r) => r.downloadClient)).toEqual([second.name, second.name]);
  });

  test("a rejected release: rejected true and the rejections as strings, which autobrr logs", async () => {
    await addRootFolder();
    await addMovie(TERMINATOR, { monitored: true });
    await addClient(qbittorrentBody());
    const pushed = await read<{ rejected: boolean; rejections: string[] }[]>(
      autobrr("release/push", "POST", pushRequest("The.Terminator.1984.CAM.x264-AUTOBRR")),
    );
    expect(goDecodeErrors(pushed, PUSH_RESPONSE)).toEqual([]);
    expect(pushed[0].rejected).toBe(true);
    expect(pushed[0].rejections.length).toBeGreaterThan(0);
    expect(await queueRecords()).toEqual([]);
  });

  test("a title Radarr cannot parse: 400 with a list of BadRequestResponse", async () => {
    const res = await send(autobrr("release/push", "POST", pushRequest("Not A Movie Release")));
    expect(res.status).toBe(400);
    const failures = await res.json();
    expect(goDecodeErrors(failures, BAD_REQUEST)).toEqual([]);
    expect(failures).toEqual([
      expect.objectContaining({
        propertyName: "Title",
        errorMessage: "Unable to parse",
        attemptedValue: "Not A Movie Release",
      }),
    ]);
  });
});

describe("autobrr: a Radarr list feeding a filter (processRadarr)", () => {
  test("GET tag and GET movie (no query) decode into []*arr.Tag and []Movie; titles, monitored and tags read", async () => {
    await addRootFolder();
    const tag = await addTag("autobrr");
    const terminator = await addMovie(TERMINATOR, { monitored: true, tags: [tag.id] });
    const future = await addMovie(BACK_TO_THE_FUTURE, { monitored: false });

    const tags = await read<{ id: number; label: string }[]>(autobrr("tag"));
    expect(goDecodeErrors(tags, [{ id: "int", label: "string" }])).toEqual([]);
    expect(tags).toEqual([{ id: tag.id, label: "autobrr" }]);

    const movies = await read<
      { id: number; title: string; originalTitle: string; monitored: boolean; tags: number[] }[]
    >(autobrr("movie"));
    expect(goDecodeErrors(movies, [MOVIE])).toEqual([]);
    const byId = new Map(movies.map((m) => [m.id, m]));
    expect(byId.get(terminator.id)).toMatchObject({ title: "The Terminator", monitored: true, tags: [tag.id] });
    expect(byId.get(terminator.id)?.originalTitle).toEqual(expect.any(String));
    expect(byId.get(future.id)).toMatchObject({ title: "Back to the Future", monitored: false, tags: [] });

    // GetMovies(ctx, tmdbID) with an id: ?tmdbId= narrows to that movie.
    const one = await read<{ id: number }[]>(autobrr(`movie?tmdbId=${TERMINATOR}`));
    expect(one.map((m) => m.id)).toEqual([terminator.id]);
  });
});
