import { afterEach, describe, expect, test, vi } from "vitest";
import { movieById } from "../../sim/src/data/catalogue";
import {
  type IndexerSite,
  releaseAt,
  releaseCount,
  releaseInfoHash,
  releasesForMovie,
  setReleaseCount,
  spacedName,
  torrentSource,
} from "../../sim/src/data/releases";
import { buildTorrent, parseMagnet, parseTorrent } from "../../sim/src/data/torrent";
import { DownloadStore } from "../../sim/src/downloads/model";
import app from "../../sim/src/index";
import { parseMovieTitle, parseQuality, parseReleaseGroup } from "../../src/domain/parser";

// The simulator's releases and download model, in-process (the Worker tests drive them over HTTP).

const SITES: IndexerSite[] = ["torznab", "newznab", "hdbits"];
/** The Matrix, Inception, Fight Club, The Dark Knight, Interstellar, Pulp Fiction, and a generated movie. */
const MOVIES = [603, 27205, 550, 155, 157336, 680, 2_000_017];

/** The app's quality names for the generator's quality keys. */
const EXPECTED_QUALITY: Record<string, string> = {
  cam: "CAM",
  telesync: "TELESYNC",
  dvdrip: "DVD",
  dvdr: "DVD-R",
  webrip480: "WEBRip-480p",
  hdtv720: "HDTV-720p",
  webrip720: "WEBRip-720p",
  webdl720: "WEBDL-720p",
  bluray720: "Bluray-720p",
  webrip1080: "WEBRip-1080p",
  webdl1080: "WEBDL-1080p",
  bluray1080: "Bluray-1080p",
  remux1080: "Remux-1080p",
  brdisk1080: "BR-DISK",
  webdl2160: "WEBDL-2160p",
  bluray2160: "Bluray-2160p",
  remux2160: "Remux-2160p",
  brdisk2160: "BR-DISK",
};

afterEach(() => {
  for (const site of SITES) for (const id of MOVIES) setReleaseCount(site, id, null);
});

describe("simulated releases", () => {
  test("every title parses, with the app's parser, to the quality, group and year it was made with", () => {
    const seen = new Set<string>();
    for (const site of SITES) {
      for (const id of MOVIES) {
        const movie = movieById(id);
        if (!movie) throw new Error(`no movie ${id}`);
        setReleaseCount(site, id, 250);
        for (const release of releasesForMovie(site, movie)) {
          seen.add(release.quality);
          const label = `${site} ${release.title}`;
          expect(parseQuality(release.title).quality.name, label).toBe(EXPECTED_QUALITY[release.quality]);
          expect(parseReleaseGroup(release.title), label).toBe(release.group);
          const owner = movieById(release.movieId);
          expect(parseMovieTitle(release.title)?.year, label).toBe(Number(owner?.releaseDate.slice(0, 4)));
        }
      }
    }
    // Every quality the generator knows turns up somewhere.
    expect([...seen].sort()).toEqual(Object.keys(EXPECTED_QUALITY).sort());
  });

  test("HDBits lists HD only; cinema rips only for recent films", () => {
    const matrix = movieById(603);
    if (!matrix) throw new Error("no Matrix");
    setReleaseCount("hdbits", 603, 500);
    expect(releasesForMovie("hdbits", matrix).every((release) => /^(720p|1080p|2160p)$/.test(release.resolution))).toBe(
      true,
    );
    setReleaseCount("torznab", 603, 500);
    expect(releasesForMovie("torznab", matrix).some((release) => release.medium === "cam")).toBe(false);
  });

  test("are the same when the simulator is loaded afresh", async () => {
    const first = [0, 1, 2, 50].map((index) => releaseAt("torznab", 603, index));
    const firstHash = await releaseInfoHash(first[0] as NonNullable<(typeof first)[0]>);
    vi.resetModules();
    const fresh = await import("../../sim/src/data/releases");
    expect([0, 1, 2, 50].map((index) => fresh.releaseAt("torznab", 603, index))).toEqual(first);
    expect(await fresh.releaseInfoHash(fresh.releaseAt("torznab", 603, 0) as NonNullable<(typeof first)[0]>)).toBe(
      firstHash,
    );
  });

  test("a release's .torrent parses back to its files, and its info hash is the advertised one", async () => {
    for (const site of ["torznab", "hdbits"] as const) {
      for (const index of [0, 3, 7]) {
        const release = releaseAt(site, 27205, index);
        if (!release) throw new Error("no release");
        const bytes = buildTorrent(torrentSource(release, { announce: "http://127.0.0.1/announce", comment: "c" }));
        const meta = await parseTorrent(bytes);
        expect(meta.infoHash).toBe(await releaseInfoHash(release));
        expect(meta.files).toEqual(release.files);
        expect(meta.totalSize).toBe(release.size);
        expect(meta.private).toBe(site === "hdbits");
        expect(meta.pieces).toBe(Math.ceil(release.size / release.pieceLength));
      }
    }
  });

  test("counts follow popularity and release date; overrides are exact", () => {
    const matrix = movieById(603);
    const filler = movieById(2_000_017);
    if (!matrix || !filler) throw new Error("missing movies");
    expect(releaseCount("torznab", matrix)).toBeGreaterThan(releaseCount("torznab", filler));
    expect(releaseCount("newznab", matrix)).toBeLessThan(releaseCount("torznab", matrix));
    setReleaseCount("torznab", 603, 1_000);
    expect(releasesForMovie("torznab", matrix)).toHaveLength(1_000);
  });

  test("spaced names keep dots only inside channel counts and codec names", () => {
    expect(spacedName("The.Matrix.1999.2160p.UHD.BluRay.REMUX.HDR.HEVC.DTS-HD.MA.5.1")).toBe(
      "The Matrix 1999 2160p UHD BluRay REMUX HDR HEVC DTS-HD MA 5.1",
    );
    expect(spacedName("Apollo.13.1995.1080p.AMZN.WEB-DL.DDP5.1.H.264")).toBe(
      "Apollo 13 1995 1080p AMZN WEB-DL DDP5.1 H.264",
    );
  });

  test("magnet links give the hex info hash, from hex or base32", () => {
    const hex = "959bb6829db49b5be3c8acc8afa64a12a6005312";
    expect(parseMagnet(`magnet:?xt=urn:btih:${hex.toUpperCase()}&dn=Name`)).toEqual({ infoHash: hex, name: "Name" });
    expect(parseMagnet("magnet:?xt=urn:btih:SWN3NAU5WSNVXY6IVTEK7JSKCKTAAUYS")?.infoHash).toBe(hex);
    expect(parseMagnet("http://example.invalid/x.torrent")).toBeNull();
  });
});

describe("simulated download model", () => {
  const spec = (id: string, size: number) => ({
    id,
    name: `Release.${id}`,
    files: [
      { path: `Release.${id}/Release.${id}.mkv`, size },
      { path: `Release.${id}/Release.${id}.nfo`, size: 100 },
    ],
    multiFile: true,
    savePath: "/downloads",
    category: "",
    tags: [],
    paused: false,
    awaitingMetadata: false,
    magnet: null,
    pieceLength: 1024,
    seeders: 5,
    leechers: 1,
  });

  test("a disk-full fault stops the download where it strikes; `times` spends the rule", () => {
    const store = new DownloadStore("qbittorrent");
    const instance = store.instance("user");
    store.setSpeed({ match: null, instance: null, secondsToComplete: 0, bytesPerSecond: null });
    store.addFaultRule({ kind: "diskFull", match: null, instance: null, at: 0.5, remaining: 1 });
    const failing = store.add(instance, spec("a", 1_000_000));
    expect(failing.fault).toMatchObject({ kind: "diskFull", struckAt: expect.any(Number) });
    expect(failing.done).toBe(Math.floor(0.5 * failing.size));
    expect(failing.completedAt).toBeNull();
    expect(store.freeSpace(instance)).toBe(0);
    expect(store.listFaultRules()).toEqual([]);
    const healthy = store.add(instance, spec("b", 1_000_000));
    expect(healthy.completedAt).not.toBeNull();
    expect(instance.disk.list("/downloads/Release.b").map((file) => file.path)).toEqual([
      "/downloads/Release.b/Release.b.mkv",
      "/downloads/Release.b/Release.b.nfo",
    ]);
  });

  test("moves, file and folder renames keep the disk and the content path in step", () => {
    const store = new DownloadStore("transmission");
    const instance = store.instance("");
    store.setSpeed({ match: null, instance: null, secondsToComplete: 0, bytesPerSecond: null });
    const download = store.add(instance, spec("c", 5_000));
    store.move(download, "/movies/C (2020)");
    expect(store.contentPath(download)).toBe("/movies/C (2020)/Release.c");
    expect(store.renameFolder(download, "Release.c", "C")).toBe(true);
    expect(store.renameFile(download, "C/Release.c.mkv", "C/C (2020).mkv")).toBe(true);
    expect(store.renameFile(download, "C/Release.c.nfo", "C/C (2020).mkv")).toBe(false);
    expect(instance.disk.list("/").map((file) => file.path)).toEqual([
      "/movies/C (2020)/C/C (2020).mkv",
      "/movies/C (2020)/C/Release.c.nfo",
    ]);
    expect(store.contentPath(download)).toBe("/movies/C (2020)/C");
    expect(store.filesPresent(download)).toBe(true);
    store.remove(instance, download, true);
    expect(instance.disk.list("/")).toEqual([]);
  });
});

describe("POST /__sim/reset", () => {
  test("forgets the download clients' downloads, sessions and controls and the indexers' result counts", async () => {
    const login = await app.request("/qbittorrent/api/v2/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "username=reset-user&password=secret",
    });
    const sid = /SID=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
    const seeded = await app.request("/qbittorrent/__seed", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 3, instance: "reset-user" }),
    });
    expect(await seeded.json()).toMatchObject({ created: 3 });
    const results = await app.request("/torznab/__results", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tmdbId: 680, count: 777 }),
    });
    expect(await results.json()).toEqual({ tmdbId: 680, count: 777 });

    expect((await app.request("/__sim/reset", { method: "POST" })).status).toBe(200);

    const stale = await app.request("/qbittorrent/api/v2/torrents/info", { headers: { cookie: `SID=${sid}` } });
    expect(stale.status).toBe(403);
    const downloads = await app.request("/qbittorrent/__downloads?instance=reset-user");
    expect(((await downloads.json()) as { downloads: unknown[] }).downloads).toEqual([]);
    const pulpFiction = movieById(680);
    if (!pulpFiction) throw new Error("no Pulp Fiction");
    expect(releasesForMovie("torznab", pulpFiction).length).toBeLessThan(777);
  });
});
