import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
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
  tmdbCalls,
} from "./helpers";

/** Radarr's satellite resources of the library: alternative titles, credits, wanted, calendar, covers, import. */

const STAR_WARS = 11;
const EMPIRE = 1891;
const JEDI = 1892;

interface Page {
  page: number;
  pageSize: number;
  sortKey: string;
  sortDirection: string;
  totalRecords: number;
  records: Movie[];
}

const setFile = (movieId: number, quality: number) =>
  env.DB.batch([
    env.DB.prepare(
      `insert into movie_files (movie_id, relative_path, path, size, quality, custom_format_ids, languages, date_added)
       values (?, 'm.mkv', '/movies/m.mkv', 1, ?, '[]', '[]', '2024-01-01T00:00:00Z')`,
    ).bind(movieId, JSON.stringify({ quality, revision: { version: 1, real: 0, isRepack: false } })),
    env.DB.prepare("update movies set has_file = 1 where id = ?").bind(movieId),
  ]);

describe("alternative titles and credits", () => {
  test("a movie's alternative titles come from its TMDb metadata, with ids that stay", async () => {
    await addRootFolder();
    const movie = await addMovie(STAR_WARS);
    const titles = await getJson<{ id: number; title: string; cleanTitle: string; movieMetadataId: number }[]>(
      `/api/v3/alttitle?movieId=${movie.id}`,
    );
    expect(titles.map((t) => t.title)).toContain("Star Wars: Episode IV - A New Hope");
    expect(titles[0]).toMatchObject({ sourceType: "tmdb", movieMetadataId: movie.id });
    expect(titles.find((t) => t.title.includes("Episode IV"))?.cleanTitle).toBe("starwarsepisodeivanewhope");
    // Read again (and through movieMetadataId and the whole list): the same ids.
    expect(await getJson(`/api/v3/alttitle?movieMetadataId=${movie.id}`)).toEqual(titles);
    expect(await getJson("/api/v3/alttitle")).toEqual(titles);
    expect(await getJson(`/api/v3/alttitle/${titles[0].id}`)).toEqual(titles[0]);
    expect((await call("GET", "/api/v3/alttitle/999999")).status).toBe(404);
    expect((await call("GET", "/api/v3/alttitle?movieId=999999")).status).toBe(404);
  });

  test("a movie's credits are read from TMDb once, then served with stable ids", async () => {
    await addRootFolder();
    const movie = await addMovie(EMPIRE);
    type Credit = { id: number; type: string; personName: string; creditTmdbId: string; images: unknown[] };
    const credits = await getJson<Credit[]>(`/api/v3/credit?movieId=${movie.id}`);
    expect(credits.some((c) => c.type === "cast")).toBe(true);
    expect(credits.some((c) => c.type === "crew")).toBe(true);
    expect(new Set(credits.map((c) => c.creditTmdbId)).size).toBe(credits.length);
    const cast = credits.find((c) => c.type === "cast");
    expect(cast).toMatchObject({
      personName: expect.any(String),
      movieMetadataId: movie.id,
      character: expect.any(String),
    });
    // The details are cached: a second read calls TMDb no more and answers the same ids.
    const before = await tmdbCalls(`/3/movie/${EMPIRE}`);
    expect(await getJson(`/api/v3/credit?movieId=${movie.id}`)).toEqual(credits);
    expect(await tmdbCalls(`/3/movie/${EMPIRE}`)).toBe(before);
    expect(await getJson(`/api/v3/credit/${credits[1].id}`)).toEqual(credits[1]);
    expect((await call("GET", "/api/v3/credit/999999")).status).toBe(404);
    // Deleting the movie deletes its credits.
    await call("DELETE", `/api/v3/movie/${movie.id}`);
    expect((await call("GET", `/api/v3/credit/${credits[1].id}`)).status).toBe(404);
  });
});

describe("wanted", () => {
  test("missing lists movies without a file, monitored or not as asked, sorted as Radarr sorts", async () => {
    await addRootFolder();
    const a = await addMovie(STAR_WARS);
    const b = await addMovie(EMPIRE);
    const c = await addMovie(JEDI, { monitored: false });
    await setFile(b.id, 7);
    const missing = await getJson<Page>("/api/v3/wanted/missing?sortKey=movieMetadata.year&sortDirection=descending");
    expect(missing).toMatchObject({ page: 1, pageSize: 10, sortKey: "movieMetadata.year", totalRecords: 1 });
    expect(missing.records.map((m) => m.id)).toEqual([a.id]);
    const unmonitored = await getJson<Page>("/api/v3/wanted/missing?monitored=false");
    expect(unmonitored.records.map((m) => m.id)).toEqual([c.id]);
    expect(unmonitored.sortKey).toBe("movieMetadata.sortTitle");
    await expectFieldError(await call("GET", "/api/v3/wanted/missing?sortKey=budget"), "sortKey");
  });

  test("cutoff lists movies whose file is below the profile's cutoff", async () => {
    await addRootFolder();
    const profileId = await qualityProfileId("HD-1080p");
    const profile = await getJson<Record<string, unknown>>(`/api/v3/qualityprofile/${profileId}`);
    await sendJson("PUT", `/api/v3/qualityprofile/${profileId}`, { ...profile, upgradeAllowed: true }, 202);
    const below = await addMovie(STAR_WARS);
    const met = await addMovie(EMPIRE);
    await addMovie(JEDI);
    // WEBDL-1080p is below HD-1080p's Bluray-1080p cutoff; Bluray-1080p meets it.
    await setFile(below.id, 3);
    await setFile(met.id, 7);
    const cutoff = await getJson<Page>("/api/v3/wanted/cutoff?pageSize=5");
    expect(cutoff.totalRecords).toBe(1);
    expect(cutoff.records.map((m) => m.id)).toEqual([below.id]);
    expect((await getJson<Page>("/api/v3/wanted/cutoff?monitored=false")).totalRecords).toBe(0);
  });
});

describe("calendar", () => {
  test("lists movies released in the range, monitored only unless asked, filtered by tag", async () => {
    await addRootFolder();
    const tag = await addTag("calendar");
    const a = await addMovie(STAR_WARS, { tags: [tag.id] });
    const b = await addMovie(EMPIRE, { monitored: false });
    const release = (m: Movie) => Date.parse(m.inCinemas ?? "");
    const around = (m: Movie) =>
      `start=${new Date(release(m) - 86_400_000).toISOString()}&end=${new Date(release(m) + 86_400_000).toISOString()}`;
    expect((await getJson<Movie[]>(`/api/v3/calendar?${around(a)}`)).map((m) => m.id)).toEqual([a.id]);
    expect(await getJson<Movie[]>(`/api/v3/calendar?${around(b)}`)).toEqual([]);
    expect((await getJson<Movie[]>(`/api/v3/calendar?${around(b)}&unmonitored=true`)).map((m) => m.id)).toEqual([b.id]);
    expect((await getJson<Movie[]>(`/api/v3/calendar?${around(a)}&tags=calendar`)).map((m) => m.id)).toEqual([a.id]);
    await expectFieldError(await call("GET", `/api/v3/calendar?${around(a)}&tags=nope`), "tags");
    await expectFieldError(await call("GET", "/api/v3/calendar?start=yesterday"), "start");
  });

  test("the iCal feed takes the key as ?apikey and answers RFC 5545 with Radarr's UIDs", async () => {
    await addRootFolder();
    const movie = await addMovie(STAR_WARS);
    expect((await call("GET", "/feed/v3/calendar/Radarr.ics", { key: null })).status).toBe(401);
    const res = await call("GET", `/feed/v3/calendar/Radarr.ics?apikey=${env.API_KEY}&pastDays=36000`, { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text).toContain(`UID:Radarr_movie_${movie.id}_cinemas\r\n`);
    expect(text).toContain(`DTSTART;VALUE=DATE:${movie.inCinemas?.slice(0, 10).replace(/-/g, "")}\r\n`);
    expect(text).toMatch(/SUMMARY:Star Wars \(Theatrical Release\)/);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const digitalOnly = await call(
      "GET",
      `/feed/v3/calendar/radarr.ics?pastDays=36000&futureDays=36000&releaseTypes=digitalRelease`,
    );
    const digital = await digitalOnly.text();
    expect(digital).not.toContain("_cinemas");
    expect(digital).not.toContain("_physical");
    await expectFieldError(await call("GET", "/feed/v3/calendar/radarr.ics?releaseTypes=tv"), "releaseTypes");
  });
});

describe("folder, covers and import", () => {
  test("the folder suggestion follows the naming settings' movie folder format", async () => {
    await addRootFolder();
    const movie = await addMovie(STAR_WARS);
    expect(await getJson(`/api/v3/movie/${movie.id}/folder`)).toEqual({ folder: "Star Wars (1977)" });
    await sendJson("PUT", "/api/v3/config/naming", { movieFolderFormat: "{Movie Collection} - {Movie Title}" }, 202);
    expect(await getJson(`/api/v3/movie/${movie.id}/folder`)).toEqual({ folder: "Star Wars Collection - Star Wars" });
    expect((await call("GET", "/api/v3/movie/999999/folder")).status).toBe(404);
  });

  test("covers are proxied from TMDb's image CDN in Radarr's sizes", async () => {
    await addRootFolder();
    const movie = await addMovie(STAR_WARS);
    const poster = await call("GET", `/api/v3/mediacover/${movie.id}/poster.jpg`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toMatch(/^image\//);
    expect((await poster.text()).length).toBeGreaterThan(100);
    for (const file of ["poster-500.jpg", "poster-250.jpg", "fanart.jpg", "fanart-360.jpg"]) {
      const res = await call("GET", `/api/v3/mediacover/${movie.id}/${file}`);
      expect(res.status, file).toBe(200);
      await res.body?.cancel();
    }
    expect((await call("GET", `/api/v3/mediacover/${movie.id}/banner.jpg`)).status).toBe(404);
    expect((await call("GET", "/api/v3/mediacover/999999/poster.jpg")).status).toBe(404);
    await expectFieldError(await call("GET", `/api/v3/mediacover/${movie.id}/poster.exe`), "filename");
  });

  test("POST /movie/import adds many movies, answers existing ones as they are, never twice", async () => {
    await addRootFolder();
    const existing = await addMovie(STAR_WARS);
    const profile = await qualityProfileId();
    const body = [STAR_WARS, EMPIRE, JEDI, EMPIRE].map((tmdbId) => ({
      tmdbId,
      title: "whatever",
      qualityProfileId: profile,
      rootFolderPath: "/movies",
      monitored: true,
      minimumAvailability: "released",
      tags: [],
      addOptions: { searchForMovie: false },
    }));
    const imported = await sendJson<Movie[]>("POST", "/api/v3/movie/import", body, 200);
    expect(imported.map((m) => m.tmdbId)).toEqual([STAR_WARS, EMPIRE, JEDI]);
    expect(imported[0].id).toBe(existing.id);
    expect((await getJson<Movie[]>("/api/v3/movie")).length).toBe(3);
    const again = await sendJson<Movie[]>("POST", "/api/v3/movie/import", body, 200);
    expect(again.map((m) => m.id)).toEqual(imported.map((m) => m.id));
    // One bad item refuses the import, naming it; nothing of it is added.
    const bad = [
      { ...body[0], tmdbId: 1893 },
      { ...body[0], tmdbId: 1894, qualityProfileId: 9999 },
    ];
    await expectFieldError(await call("POST", "/api/v3/movie/import", { body: bad }), "1.qualityProfileId");
    expect((await getJson<Movie[]>("/api/v3/movie")).length).toBe(3);
  });
});

describe("collections", () => {
  interface Collection {
    id: number;
    tmdbId: number;
    title: string;
    monitored: boolean;
    missingMovies: number;
    movies: { tmdbId: number; isExisting: boolean; isExcluded: boolean; title: string }[];
  }
  const MATRIX = 603;
  const REVOLUTIONS = 605;

  test("a library movie's TMDb collection lists its parts; monitored, it adds the missing ones not excluded", async () => {
    await addRootFolder();
    const matrix = await addMovie(MATRIX);
    expect(matrix.collection).toEqual({ title: "The Matrix Collection", tmdbId: 2344 });
    await sendJson("POST", "/api/v3/exclusions", { tmdbId: REVOLUTIONS, movieTitle: "The Matrix Revolutions" }, 201);
    const [collection] = await getJson<Collection[]>("/api/v3/collection");
    expect(collection).toMatchObject({ tmdbId: 2344, title: "The Matrix Collection", monitored: false });
    expect(collection.movies.map((m) => m.tmdbId)).toEqual(expect.arrayContaining([MATRIX, 604, REVOLUTIONS, 624860]));
    expect(collection.movies.find((m) => m.tmdbId === MATRIX)).toMatchObject({ isExisting: true, isExcluded: false });
    expect(collection.movies.find((m) => m.tmdbId === REVOLUTIONS)).toMatchObject({
      isExisting: false,
      isExcluded: true,
    });
    expect(collection.missingMovies).toBe(collection.movies.length - 2);
    expect(await getJson(`/api/v3/collection?tmdbId=2344`)).toEqual([collection]);
    expect(await getJson(`/api/v3/collection/${collection.id}`)).toEqual(collection);

    // Monitored (Radarr's client sends the whole resource back): the missing parts are added, the excluded one not.
    const monitored = await sendJson<Collection>(
      "PUT",
      `/api/v3/collection/${collection.id}`,
      { ...collection, monitored: true, searchOnAdd: false },
      202,
    );
    expect(monitored).toMatchObject({ monitored: true, missingMovies: 0 });
    const library = await getJson<Movie[]>("/api/v3/movie");
    expect(library.map((m) => m.tmdbId).sort()).toEqual(
      collection.movies
        .map((m) => m.tmdbId)
        .filter((id) => id !== REVOLUTIONS)
        .sort(),
    );
    expect(library.every((m) => m.monitored)).toBe(true);

    // The editor: unmonitor the collection and its movies.
    const edited = await sendJson<Collection[]>(
      "PUT",
      "/api/v3/collection",
      { collectionIds: [collection.id], monitored: false, monitorMovies: false },
      202,
    );
    expect(edited[0].monitored).toBe(false);
    expect((await getJson<Movie[]>("/api/v3/movie")).every((m) => !m.monitored)).toBe(true);
    await expectFieldError(
      await call("PUT", `/api/v3/collection/${collection.id}`, { body: { qualityProfileId: 9999 } }),
      "qualityProfileId",
    );
    expect((await call("GET", "/api/v3/collection/999999")).status).toBe(404);
    // No library movie left in it: the collection is gone.
    for (const movie of library) await call("DELETE", `/api/v3/movie/${movie.id}`);
    expect(await getJson("/api/v3/collection")).toEqual([]);
  });
});

describe("discover (importlist/movie)", () => {
  interface Discovered {
    tmdbId: number;
    title: string;
    isTrending: boolean;
    isPopular: boolean;
    isExisting: boolean;
    isExcluded: boolean;
    lists: number[];
  }

  test("TMDb's trending and popular movies, flagged in the library or excluded; POST adds them", async () => {
    await addRootFolder();
    expect(await getJson("/api/v3/importlist/movie")).toEqual([]);
    const found = await getJson<Discovered[]>("/api/v3/importlist/movie?includeTrending=true&includePopular=true");
    expect(found.length).toBeGreaterThan(5);
    expect(found.some((m) => m.isTrending)).toBe(true);
    expect(found.some((m) => m.isPopular)).toBe(true);
    expect(new Set(found.map((m) => m.tmdbId)).size).toBe(found.length);
    const [first, second] = found;
    await sendJson("POST", "/api/v3/exclusions", { tmdbId: second.tmdbId, movieTitle: second.title }, 201);
    const profile = await qualityProfileId();
    const add = (tmdbId: number) => ({ tmdbId, qualityProfileId: profile, rootFolderPath: "/movies", monitored: true });
    const added = await sendJson<Movie[]>(
      "POST",
      "/api/v3/importlist/movie",
      [add(first.tmdbId), add(999_999_999)],
      200,
    );
    expect(added.map((m) => m.tmdbId)).toEqual([first.tmdbId]);
    const again = await getJson<Discovered[]>("/api/v3/importlist/movie?includeTrending=true&includePopular=true");
    expect(again.find((m) => m.tmdbId === first.tmdbId)?.isExisting).toBe(true);
    expect(again.find((m) => m.tmdbId === second.tmdbId)?.isExcluded).toBe(true);
  });
});
