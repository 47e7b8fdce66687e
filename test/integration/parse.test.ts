import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, test } from "vitest";
import { addMovie, addRootFolder, call, expectFieldError, getJson, sendJson } from "./helpers";

interface ParseResult {
  title: string;
  parsedMovieInfo: {
    primaryMovieTitle: string;
    year: number;
    releaseGroup: string;
    quality: { quality: { id: number; name: string }; revision: { version: number } };
    languages: { name: string }[];
  } | null;
  movie?: { id: number; title: string };
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  decision?: { accepted: boolean; rejections: { specification: string; reason: string; message: string }[] };
}

interface Profile {
  id: number;
  name: string;
  formatItems: { format: number; name: string; score: number }[];
  [key: string]: unknown;
}

const parse = (query: string) => getJson<ParseResult>(`/api/v3/parse?${query}`);

describe("GET /api/v3/parse", () => {
  test("reads a release name in Radarr's shape without a movie", async () => {
    const result = await parse(`title=${encodeURIComponent("Some.Unknown.Film.2004.PROPER.1080p.BluRay.x265-GRP")}`);
    expect(result.parsedMovieInfo?.primaryMovieTitle).toBe("Some Unknown Film");
    expect(result.parsedMovieInfo?.year).toBe(2004);
    expect(result.parsedMovieInfo?.releaseGroup).toBe("GRP");
    expect(result.parsedMovieInfo?.quality.quality.name).toBe("Bluray-1080p");
    expect(result.parsedMovieInfo?.quality.revision.version).toBe(2);
    expect(result.movie).toBeUndefined();
    expect(result.customFormats.map((f) => f.name)).toContain("x265");
    expect(result.customFormatScore).toBe(0);
    expect(result.decision).toBeUndefined();
  });

  test("an unparseable name answers with parsedMovieInfo null", async () => {
    const result = await parse("title=abc");
    expect(result.parsedMovieInfo).toBeNull();
    expect(result.customFormats).toEqual([]);
  });

  test("a missing title is a 400 naming it", async () => {
    await expectFieldError(await call("GET", "/api/v3/parse"), "title");
  });

  describe("with The Matrix in the library", () => {
    beforeEach(async () => {
      await addRootFolder();
    });

    test("matches the movie by title and year and judges the release against its profile", async () => {
      const movie = await addMovie(603);
      const wanted = await parse(
        `title=${encodeURIComponent("The.Matrix.1999.1080p.BluRay.x264-GRP")}&size=9000000000`,
      );
      expect(wanted.movie?.id).toBe(movie.id);
      expect(wanted.decision).toEqual({ accepted: true, rejections: [] });

      const unwanted = await parse(`title=${encodeURIComponent("The.Matrix.1999.720p.HDTV.x264-GRP")}`);
      expect(unwanted.decision?.accepted).toBe(false);
      expect(unwanted.decision?.rejections.map((r) => r.reason)).toContain("qualityNotWanted");
      expect(unwanted.decision?.rejections[0].message).toMatch(/HDTV-720p/);
    });

    test("scores custom formats with the movie's profile and rejects below the minimum score", async () => {
      const movie = await addMovie(603);
      const profile = await getJson<Profile>(`/api/v3/qualityprofile/${movie.qualityProfileId}`);
      const x265 = profile.formatItems.find((f) => f.name === "x265");
      expect(x265?.score).toBe(0);
      const formatItems = profile.formatItems.map((f) => ({
        format: f.format,
        score: f.format === x265?.format ? -50 : 0,
      }));
      await sendJson(
        "PUT",
        `/api/v3/qualityprofile/${profile.id}`,
        { ...profile, formatItems, minFormatScore: 0 },
        202,
      );

      const result = await parse(
        `title=${encodeURIComponent("The.Matrix.1999.1080p.BluRay.x265-GRP")}&size=9000000000`,
      );
      expect(result.customFormatScore).toBe(-50);
      expect(result.decision?.rejections.map((r) => r.reason)).toContain("belowMinimumFormatScore");
    });

    test("judges size (from the quality definitions), seeders and indexer flags given in the query", async () => {
      const movie = await addMovie(603);
      const definitions =
        await getJson<
          { id: number; quality: { name: string }; maxSize: number | null; preferredSize: number | null }[]
        >("/api/v3/qualitydefinition");
      const bluray = definitions.find((d) => d.quality.name === "Bluray-1080p");
      await sendJson("PUT", "/api/v3/qualitydefinition/update", [{ ...bluray, minSize: 10 }], 202);
      const tiny = await parse(
        `title=${encodeURIComponent("The.Matrix.1999.1080p.BluRay.x264-GRP")}&movieId=${movie.id}&size=1000&seeders=0&protocol=torrent`,
      );
      const reasons = tiny.decision?.rejections.map((r) => r.reason) ?? [];
      expect(reasons).toContain("tooSmall");
      expect(reasons).toContain("notEnoughSeeders");
      const free = await parse(`title=${encodeURIComponent("The.Matrix.1999.1080p.BluRay.x264-GRP")}&indexerFlags=1`);
      expect(free.customFormats.map((f) => f.name)).toContain("Freeleech");
    });

    test("an unknown movieId is a 404", async () => {
      const res = await call("GET", "/api/v3/parse?title=The.Matrix.1999.1080p.BluRay&movieId=999");
      expect(res.status).toBe(404);
    });
  });
});

describe("/api/v3/customformat", () => {
  const regexFormat = (name: string, value: string) => ({
    name,
    includeCustomFormatWhenRenaming: false,
    specifications: [
      {
        name: "title",
        implementation: "ReleaseTitleSpecification",
        negate: false,
        required: true,
        fields: [{ name: "value", value }],
      },
    ],
  });

  test("ships the default set and a schema with every specification type", async () => {
    const formats = await getJson<{ name: string }[]>("/api/v3/customformat");
    expect(formats.map((f) => f.name)).toEqual(
      expect.arrayContaining(["Freeleech", "Remux", "HDR", "x265", "Scene", "Multi"]),
    );
    const schema = await getJson<{ implementation: string }[]>("/api/v3/customformat/schema");
    expect(schema.map((s) => s.implementation)).toEqual(
      expect.arrayContaining([
        "ReleaseTitleSpecification",
        "EditionSpecification",
        "ReleaseGroupSpecification",
        "LanguageSpecification",
        "IndexerFlagSpecification",
        "SourceSpecification",
        "ResolutionSpecification",
        "QualityModifierSpecification",
        "SizeSpecification",
        "YearSpecification",
      ]),
    );
  });

  test("create, read, update and delete; a new format joins every profile's formatItems and parse results", async () => {
    const created = await sendJson<{ id: number; name: string }>(
      "POST",
      "/api/v3/customformat",
      regexFormat("Criterion", "\\bCriterion\\b"),
      201,
    );
    expect((await getJson<{ name: string }>(`/api/v3/customformat/${created.id}`)).name).toBe("Criterion");
    const profiles = await getJson<Profile[]>("/api/v3/qualityprofile");
    for (const p of profiles) expect(p.formatItems.map((f) => f.format)).toContain(created.id);

    const parsed = await parse(`title=${encodeURIComponent("Some.Film.1990.Criterion.1080p.BluRay-GRP")}`);
    expect(parsed.customFormats.map((f) => f.name)).toContain("Criterion");

    await sendJson("PUT", `/api/v3/customformat/${created.id}`, regexFormat("Criterion Collection", "\\bCC\\b"), 202);
    expect((await getJson<{ name: string }>(`/api/v3/customformat/${created.id}`)).name).toBe("Criterion Collection");

    expect((await call("DELETE", `/api/v3/customformat/${created.id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/customformat/${created.id}`)).status).toBe(404);
  });

  test("an invalid regex is a 400 naming the specification field", async () => {
    const res = await call("POST", "/api/v3/customformat", { body: regexFormat("Broken", "(unclosed") });
    await expectFieldError(res, "specifications.0.fields.value");
  });

  test("a duplicate name and an unknown implementation are rejected", async () => {
    await expectFieldError(await call("POST", "/api/v3/customformat", { body: regexFormat("x265", "x") }), "name");
    const unknown = {
      name: "Odd",
      specifications: [
        { name: "odd", implementation: "NoSuchSpecification", negate: false, required: false, fields: [] },
      ],
    };
    const res = await call("POST", "/api/v3/customformat", { body: unknown });
    expect(res.status).toBe(400);
  });

  test("a profile score for a format that does not exist is a 400", async () => {
    const [profile] = await getJson<Profile[]>("/api/v3/qualityprofile");
    const res = await call("PUT", `/api/v3/qualityprofile/${profile.id}`, {
      body: { ...profile, formatItems: [{ format: 9999, score: 10 }] },
    });
    await expectFieldError(res, "formatItems.0.format");
  });
});

describe("/api/v3/history/movie and /api/v3/config/indexer", () => {
  test("history lists a movie's recorded grabs with from/to quality and cutoff state", async () => {
    await addRootFolder();
    const movie = await addMovie(603);
    await env.DB.prepare(
      `insert into movie_history (movie_id, event_type, source_title, from_quality, to_quality, from_format_score, to_format_score, custom_format_ids, languages, data, date)
       values (?, 'grabbed', 'The.Matrix.1999.720p.BluRay-GRP', NULL, '{"quality":6,"revision":{"version":1,"real":0,"isRepack":false}}', NULL, 0, '[]', '[{"id":1,"name":"English"}]', '{"indexer":"Sim"}', '2026-01-01T00:00:00.000Z'),
              (?, 'upgraded', 'The.Matrix.1999.1080p.BluRay-GRP', '{"quality":6,"revision":{"version":1,"real":0,"isRepack":false}}', '{"quality":7,"revision":{"version":1,"real":0,"isRepack":false}}', 0, 0, '[]', '[{"id":1,"name":"English"}]', '{}', '2026-01-02T00:00:00.000Z')`,
    )
      .bind(movie.id, movie.id)
      .run();
    const history = await getJson<
      {
        eventType: string;
        quality: { quality: { name: string } };
        fromQuality?: { quality: { name: string } };
        qualityCutoffNotMet: boolean;
      }[]
    >(`/api/v3/history/movie?movieId=${movie.id}`);
    expect(history.map((h) => h.eventType)).toEqual(["upgraded", "grabbed"]);
    expect(history[0].fromQuality?.quality.name).toBe("Bluray-720p");
    expect(history[0].quality.quality.name).toBe("Bluray-1080p");
    expect(history[1].qualityCutoffNotMet).toBe(true);
    const grabs = await getJson<unknown[]>(`/api/v3/history/movie?movieId=${movie.id}&eventType=grabbed`);
    expect(grabs).toHaveLength(1);
    expect((await call("GET", "/api/v3/history/movie?movieId=999")).status).toBe(404);
  });

  test("paged history spans movies, newest first, filters by event and movie, and can include the movie", async () => {
    await addRootFolder();
    const matrix = await addMovie(603);
    const reloaded = await addMovie(604);
    const insert = (movieId: number, event: string, title: string, quality: number, date: string) =>
      env.DB.prepare(
        `insert into movie_history (movie_id, event_type, source_title, to_quality, to_format_score, custom_format_ids, languages, data, date)
         values (?, ?, ?, ?, 0, '[]', '[{"id":1,"name":"English"}]', '{}', ?)`,
      )
        .bind(
          movieId,
          event,
          title,
          JSON.stringify({ quality, revision: { version: 1, real: 0, isRepack: false } }),
          date,
        )
        .run();
    await insert(matrix.id, "grabbed", "The.Matrix.1999.720p.BluRay-GRP", 6, "2026-01-01T00:00:00.000Z");
    await insert(reloaded.id, "grabbed", "The.Matrix.Reloaded.2003.1080p.BluRay-GRP", 7, "2026-01-03T00:00:00.000Z");
    await insert(matrix.id, "downloadFolderImported", "The.Matrix.1999.720p.BluRay-GRP", 6, "2026-01-02T00:00:00.000Z");

    interface Page {
      page: number;
      pageSize: number;
      sortDirection: string;
      totalRecords: number;
      records: { movieId: number; eventType: string; sourceTitle: string; movie?: { title: string } }[];
    }
    const all = await getJson<Page>("/api/v3/history?pageSize=2");
    expect(all).toMatchObject({ page: 1, pageSize: 2, sortDirection: "descending", totalRecords: 3 });
    expect(all.records.map((r) => r.sourceTitle)).toEqual([
      "The.Matrix.Reloaded.2003.1080p.BluRay-GRP",
      "The.Matrix.1999.720p.BluRay-GRP",
    ]);
    expect(all.records[0].movie).toBeUndefined();
    const second = await getJson<Page>("/api/v3/history?pageSize=2&page=2");
    expect(second.records.map((r) => r.eventType)).toEqual(["grabbed"]);

    const grabs = await getJson<Page>("/api/v3/history?eventType=grabbed&sortDirection=ascending");
    expect(grabs.records.map((r) => r.movieId)).toEqual([matrix.id, reloaded.id]);
    const one = await getJson<Page>(`/api/v3/history?movieIds=${matrix.id}&includeMovie=true`);
    expect(one.totalRecords).toBe(2);
    expect(one.records.every((r) => r.movie?.title === "The Matrix")).toBe(true);

    await expectFieldError(await call("GET", "/api/v3/history?movieIds=a,b"), "query.movieIds");
    await expectFieldError(await call("GET", "/api/v3/history?eventType=exploded"), "query.eventType");
  });

  test("indexer settings have Radarr's defaults, save partially and validate", async () => {
    const defaults = await getJson<{ minimumAge: number; retention: number; downloadPropersAndRepacks: string }>(
      "/api/v3/config/indexer",
    );
    expect(defaults).toMatchObject({ minimumAge: 0, retention: 0, downloadPropersAndRepacks: "preferAndUpgrade" });
    await sendJson("PUT", "/api/v3/config/indexer", { retention: 3000 }, 202);
    expect((await getJson<{ retention: number; minimumAge: number }>("/api/v3/config/indexer")).retention).toBe(3000);
    await expectFieldError(await call("PUT", "/api/v3/config/indexer", { body: { minimumAge: -1 } }), "minimumAge");
  });
});
