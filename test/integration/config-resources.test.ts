import { env } from "cloudflare:workers";
import { afterEach, describe, expect, test } from "vitest";
import {
  addClient,
  addIndexer,
  allDownloads,
  runCommand,
  SIM,
  simClient,
  transmissionBody,
  unique,
} from "./downloads-helpers";
import { addMovie, addRootFolder, call, expectFieldError, getJson, type Movie, sendJson } from "./helpers";

/**
 * Radarr's config resources (/config/ui, host, mediamanagement, downloadclient, metadata) stored
 * and honoured, and the small reference lists (language, localization, indexerflag, limits).
 */

type Resource = Record<string, unknown> & { id: number };

const get = (name: string) => getJson<Resource>(`/api/v3/config/${name}`);
const put = (name: string, body: Record<string, unknown>) =>
  sendJson<Resource>("PUT", `/api/v3/config/${name}`, body, 202);

// Each test puts back what it changed: the settings are one row per group.
const restore: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const undo of restore.splice(0).reverse()) await undo();
});
async function change(name: string, body: Record<string, unknown>) {
  const before = await get(name);
  restore.push(() => call("PUT", `/api/v3/config/${name}`, { body: before }));
  return put(name, body);
}

describe("config resources", () => {
  test("each resource answers with Radarr's defaults, by name and by id, and a PUT is stored", async () => {
    expect(await get("ui")).toMatchObject({
      id: 1,
      firstDayOfWeek: 0,
      calendarWeekColumnHeader: "ddd M/D",
      movieRuntimeFormat: "hoursMinutes",
      shortDateFormat: "MMM D YYYY",
      longDateFormat: "dddd, MMMM D YYYY",
      timeFormat: "h(:mm)a",
      showRelativeDates: true,
      movieInfoLanguage: 1,
      uiLanguage: 1,
      theme: "auto",
    });
    expect(await get("mediamanagement")).toMatchObject({
      autoUnmonitorPreviouslyDownloadedMovies: false,
      downloadPropersAndRepacks: "preferAndUpgrade",
      minimumFreeSpaceWhenImporting: 100,
      chmodFolder: "755",
      extraFileExtensions: "srt",
    });
    expect(await get("downloadclient")).toEqual({
      id: 1,
      downloadClientWorkingFolders: "_UNPACK_|_FAILED_",
      enableCompletedDownloadHandling: true,
      checkForFinishedDownloadInterval: 1,
      autoRedownloadFailed: true,
      autoRedownloadFailedFromInteractiveSearch: true,
    });
    expect(await get("metadata")).toEqual({ id: 1, certificationCountry: "us" });
    expect(await get("host")).toMatchObject({ port: 7878, instanceName: "Radarr Edge", authenticationMethod: "forms" });

    // Radarr's clients send the whole resource back to /config/{name}/{id}; a part is enough too.
    const ui = await get("ui");
    restore.push(() => call("PUT", "/api/v3/config/ui", { body: ui }));
    await sendJson("PUT", "/api/v3/config/ui/1", { ...ui, theme: "dark", firstDayOfWeek: 1 }, 202);
    await put("ui", { shortDateFormat: "YYYY-MM-DD" });
    expect(await getJson("/api/v3/config/ui/1")).toMatchObject({
      theme: "dark",
      firstDayOfWeek: 1,
      shortDateFormat: "YYYY-MM-DD",
    });
  });

  test("invalid values answer 400 naming the field", async () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ["ui", { theme: "pink" }, "theme"],
      ["ui", { uiLanguage: 0 }, "uiLanguage"],
      ["ui", { movieInfoLanguage: 9999 }, "movieInfoLanguage"],
      ["mediamanagement", { minimumFreeSpaceWhenImporting: 50 }, "minimumFreeSpaceWhenImporting"],
      ["mediamanagement", { chmodFolder: "abc" }, "chmodFolder"],
      ["mediamanagement", { downloadPropersAndRepacks: "always" }, "downloadPropersAndRepacks"],
      ["downloadclient", { checkForFinishedDownloadInterval: 0 }, "checkForFinishedDownloadInterval"],
      ["metadata", { certificationCountry: "xx" }, "certificationCountry"],
      ["host", { instanceName: "My Movies" }, "instanceName"],
      ["host", { applicationUrl: "not a url" }, "applicationUrl"],
      ["host", { backupRetention: 0 }, "backupRetention"],
      ["host", { authenticationMethod: "none" }, "authenticationMethod"],
      ["host", { apiKey: "another-key" }, "apiKey"],
      ["host", { password: "hunter2" }, "password"],
    ];
    for (const [name, body, field] of bad)
      await expectFieldError(await call("PUT", `/api/v3/config/${name}`, { body }), field);
  });

  test("host: the API key and stored credentials never appear in a response; a masked echo keeps them", async () => {
    const host = await get("host");
    expect(host.apiKey).toBe("********");
    expect(JSON.stringify(host)).not.toContain(env.API_KEY);
    const saved = await change("host", {
      ...host,
      proxyEnabled: true,
      proxyPassword: "proxy-secret",
      bindAddress: "0.0.0.0",
    });
    expect(saved).toMatchObject({ proxyEnabled: true, proxyPassword: "********", bindAddress: "0.0.0.0" });
    // The real key is accepted unchanged; the masked password echoed back keeps the stored one.
    const echoed = await put("host", { ...saved, apiKey: env.API_KEY, port: 8123 });
    expect(echoed).toMatchObject({ port: 8123, proxyPassword: "********", apiKey: "********" });
    const text = await (await call("GET", "/api/v3/config/host")).text();
    expect(text).not.toMatch(/proxy-secret/);
    expect(text).not.toContain(env.API_KEY);
    const { value } = (await env.DB.prepare("select value from settings where key = 'host'").first<{
      value: string;
    }>()) ?? { value: "" };
    expect(value).not.toMatch(/proxy-secret/);
  });

  test("host: instanceName names the app in system/status and in webhooks, with applicationUrl", async () => {
    await change("host", { instanceName: "Radarr Home", applicationUrl: "https://movies.example.com" });
    expect((await getJson<{ instanceName: string }>("/api/v3/system/status")).instanceName).toBe("Radarr Home");
    const channel = unique("cfg");
    const hook = {
      name: "Config hook",
      implementation: "Webhook",
      fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
    };
    await sendJson("POST", "/api/v3/notification/test", hook, 200);
    const got = await (await fetch(`${SIM}/hooks/${channel}`)).json<{
      received: { body: Record<string, unknown> }[];
    }>();
    expect(got.received[0].body).toMatchObject({
      instanceName: "Radarr Home",
      applicationUrl: "https://movies.example.com",
    });
  });

  test("mediamanagement and indexer config share downloadPropersAndRepacks (the decisions read it)", async () => {
    await change("mediamanagement", {
      downloadPropersAndRepacks: "doNotPrefer",
      autoUnmonitorPreviouslyDownloadedMovies: true,
    });
    restore.push(() =>
      call("PUT", "/api/v3/config/indexer", { body: { downloadPropersAndRepacks: "preferAndUpgrade" } }),
    );
    expect((await get("indexer")).downloadPropersAndRepacks).toBe("doNotPrefer");
    await change("indexer", { rssSyncInterval: 120 });
    // A PUT of one field leaves the others as saved.
    await put("indexer", { downloadPropersAndRepacks: "doNotUpgrade" });
    expect((await get("indexer")).rssSyncInterval).toBe(120);
    expect(await get("mediamanagement")).toMatchObject({
      downloadPropersAndRepacks: "doNotUpgrade",
      autoUnmonitorPreviouslyDownloadedMovies: true,
    });
  });

  test("a PUT naming some fields of /config/naming leaves the others as saved", async () => {
    await change("naming", { standardMovieFormat: "{Movie Title} {Quality Full}" });
    await put("naming", { renameMovies: false });
    expect(await get("naming")).toMatchObject({
      renameMovies: false,
      standardMovieFormat: "{Movie Title} {Quality Full}",
    });
  });

  test("metadata: certificationCountry decides which country's certification a movie shows", async () => {
    // The simulator rates some English-language films in GB too; find one whose GB rating differs.
    let found: { tmdbId: number; us: string; gb: string } | undefined;
    for (const tmdbId of [603, 604, 605, 155, 272, 27205, 157336, 550, 680, 13]) {
      const dates = await (await fetch(`${env.TMDB_API_URL}/3/movie/${tmdbId}/release_dates?api_key=cfg`)).json<{
        results: { iso_3166_1: string; release_dates: { certification: string }[] }[];
      }>();
      const rating = (country: string) =>
        dates.results.find((r) => r.iso_3166_1 === country)?.release_dates.find((d) => d.certification)?.certification;
      const us = rating("US");
      const gb = rating("GB");
      if (us && gb && us !== gb) {
        found = { tmdbId, us, gb };
        break;
      }
    }
    expect(found, "a film rated differently in GB").toBeDefined();
    const { tmdbId, us, gb } = found as { tmdbId: number; us: string; gb: string };
    const lookup = () => getJson<{ certification: string }>(`/api/v3/movie/lookup/tmdb?tmdbId=${tmdbId}`);
    expect((await lookup()).certification).toBe(us);
    await change("metadata", { certificationCountry: "gb" });
    expect((await lookup()).certification).toBe(gb);
  });
});

describe("download client settings drive the downloads pipeline", () => {
  async function searchedMovie(tmdbId: number, root: string) {
    await addRootFolder(root);
    const movie: Movie = await addMovie(tmdbId, { monitored: true, rootFolderPath: root });
    return movie;
  }
  const downloadsOf = async (movieId: number) => (await allDownloads()).filter((r) => r.movieId === movieId);

  test("completed download handling off: a finished download waits in the queue, not imported", async () => {
    await change("downloadclient", { enableCompletedDownloadHandling: false });
    const movie = await searchedMovie(603, "/movies-cdh");
    const client = await addClient(transmissionBody());
    await simClient("transmission", client.instance).speed(0);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await runCommand("RefreshMonitoredDownloads");
    const [row] = await downloadsOf(movie.id);
    expect(row?.state).toBeDefined();
    expect(row.state).not.toBe("imported");
    expect((await getJson<{ hasFile: boolean }>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(false);
    await call("DELETE", `/api/v3/movie/${movie.id}`);
  }, 120_000);

  test("autoRedownloadFailed off: a download removed with blocklist=true is blocklisted, nothing else grabbed", async () => {
    await change("downloadclient", { autoRedownloadFailed: false });
    const movie = await searchedMovie(604, "/movies-redl");
    const client = await addClient(transmissionBody());
    await simClient("transmission", client.instance).speed(3600);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const [grabbed] = await downloadsOf(movie.id);
    expect(grabbed?.downloadId).toBeTruthy();
    const removed = await call("DELETE", `/api/v3/queue/${grabbed.id}?blocklist=true`);
    expect(removed.status).toBe(200);
    expect((await downloadsOf(movie.id)).filter((r) => r.id !== grabbed.id)).toEqual([]);
    expect(await getJson<unknown[]>(`/api/v3/blocklist/movie?movieId=${movie.id}`)).toHaveLength(1);
    await call("DELETE", `/api/v3/movie/${movie.id}`);
  }, 120_000);
});

describe("reference lists", () => {
  test("languages in Radarr's order with nameLower, one by id, 404 for an unknown id", async () => {
    const languages = await getJson<{ id: number; name: string; nameLower: string }[]>("/api/v3/language");
    expect(languages.slice(0, 3).map((l) => l.name)).toEqual(["Any", "Original", "Unknown"]);
    expect(languages).toContainEqual({ id: 1, name: "English", nameLower: "english" });
    expect(await getJson("/api/v3/language/2")).toEqual({ id: 2, name: "French", nameLower: "french" });
    expect((await call("GET", "/api/v3/language/9999")).status).toBe(404);
  });

  test("indexer flags with Radarr's names and bits; quality definition limits", async () => {
    const flags = await getJson<{ id: number; name: string }[]>("/api/v3/indexerflag");
    expect(flags).toContainEqual({ id: 1, name: "G_Freeleech", nameLower: "g_freeleech" });
    expect(flags).toContainEqual({ id: 2048, name: "Nuked", nameLower: "nuked" });
    expect(flags.map((f) => f.name)).not.toContain("AHD_Internal");
    expect(await getJson("/api/v3/qualitydefinition/limits")).toEqual({ min: 0, max: 2000 });
  });

  test("localization: the UI language from /config/ui, and the strings as Radarr's JSON text", async () => {
    expect(await getJson("/api/v3/localization/language")).toEqual({ identifier: "en" });
    await change("ui", { uiLanguage: 2 });
    expect(await getJson("/api/v3/localization/language")).toEqual({ identifier: "fr-FR" });
    const res = await call("GET", "/api/v3/localization");
    expect(res.status).toBe(200);
    const { Strings } = JSON.parse(await res.text()) as { Strings: Record<string, string> };
    expect(Strings.G_Freeleech).toBe("Freeleech");
  });
});
