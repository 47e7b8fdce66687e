import { describe, expect, test } from "vitest";
import { timeSpan } from "../../src/api/queue";
import {
  buildName,
  cleanFileName,
  cleanTitle,
  DEFAULT_FOLDER_FORMAT,
  DEFAULT_MOVIE_FORMAT,
  type NamingOptions,
  type NamingSubject,
  titleThe,
  unknownTokens,
} from "../../src/domain/naming";

const options: NamingOptions = { replaceIllegalCharacters: true, colonReplacementFormat: "smart" };

const matrix: NamingSubject = {
  movie: { title: "The Matrix", originalTitle: "The Matrix", year: 1999, tmdbId: 603, imdbId: "tt0133093" },
  quality: { name: "Bluray-1080p", revision: { version: 1, real: 0, isRepack: false } },
  releaseGroup: "EPSiLON",
  edition: "",
  sceneName: "The.Matrix.1999.1080p.BluRay.x264-EPSiLON",
};

describe("movie names from naming formats", () => {
  test("the standard format: title, year and full quality", () => {
    expect(buildName(DEFAULT_MOVIE_FORMAT, matrix, options)).toBe("The Matrix (1999) Bluray-1080p");
    expect(buildName(DEFAULT_FOLDER_FORMAT, matrix, options)).toBe("The Matrix (1999)");
  });

  test("Quality Full carries the revision: Proper, or REPACK", () => {
    const proper = { ...matrix, quality: { name: "WEBDL-2160p", revision: { version: 2, real: 0, isRepack: false } } };
    expect(buildName("{Quality Full}", proper, options)).toBe("WEBDL-2160p Proper");
    const repack = { ...matrix, quality: { name: "Remux-1080p", revision: { version: 2, real: 0, isRepack: true } } };
    expect(buildName("{Quality Full} / {Quality Title}", repack, options)).toBe("Remux-1080p REPACK + Remux-1080p");
  });

  test("separators and case follow the token: {Movie.Title}, {movie title}, {MOVIE TITLE}", () => {
    expect(buildName("{Movie.Title}.{Release.Year}", matrix, options)).toBe("The.Matrix.1999");
    expect(buildName("{Movie_CleanTitle}", matrix, options)).toBe("The_Matrix");
    expect(buildName("{movie title}", matrix, options)).toBe("the matrix");
    expect(buildName("{MOVIE TITLE}", matrix, options)).toBe("THE MATRIX");
  });

  test("prefixes and suffixes inside the braces appear only with a value", () => {
    const format = "{Movie Title} ({Release Year}) {[Edition Tags]}{-Release Group}";
    expect(buildName(format, matrix, options)).toBe("The Matrix (1999) -EPSiLON");
    expect(buildName(format, { ...matrix, edition: "director's cut", releaseGroup: "" }, options)).toBe(
      "The Matrix (1999) [Director's Cut]",
    );
  });

  test("a missing year leaves no empty brackets behind", () => {
    expect(buildName(DEFAULT_FOLDER_FORMAT, { ...matrix, movie: { ...matrix.movie, year: 0 } }, options)).toBe(
      "The Matrix",
    );
  });

  test("TitleThe, CleanTitle, ids and the original release name", () => {
    expect(titleThe("The Matrix")).toBe("Matrix, The");
    expect(titleThe("A Quiet Place")).toBe("Quiet Place, A");
    expect(cleanTitle("Mission: Impossible – Dead Reckoning Part One")).toBe(
      "Mission Impossible – Dead Reckoning Part One",
    );
    expect(cleanTitle("Fast & Furious")).toBe("Fast and Furious");
    expect(cleanTitle("Amélie")).toBe("Amelie");
    expect(buildName("{Movie TitleThe} {Movie TitleFirstCharacter} {IMDb Id} {TMDb Id}", matrix, options)).toBe(
      "Matrix, The M tt0133093 603",
    );
    expect(buildName("{Original Title}", matrix, options)).toBe("The.Matrix.1999.1080p.BluRay.x264-EPSiLON");
  });

  test("illegal characters are replaced, or deleted when replacing is off", () => {
    const title = { ...matrix, movie: { ...matrix.movie, title: 'What? A "Movie" <1/2> *|\\' } };
    expect(buildName("{Movie Title}", title, options)).toBe("What! A Movie 1+2 -+");
    expect(buildName("{Movie Title}", title, { ...options, replaceIllegalCharacters: false })).toBe("What A Movie 12");
  });

  test.each([
    ["delete", "Mission Impossible - Fallout"],
    ["dash", "Mission- Impossible - Fallout"],
    ["spaceDash", "Mission - Impossible - Fallout"],
    ["spaceDashSpace", "Mission - Impossible - Fallout"],
    ["smart", "Mission - Impossible - Fallout"],
  ] as const)("colons: %s", (colonReplacementFormat, expected) => {
    const subject = { ...matrix, movie: { ...matrix.movie, title: "Mission: Impossible - Fallout" } };
    expect(buildName("{Movie Title}", subject, { ...options, colonReplacementFormat })).toBe(expected);
  });

  test("smart colons keep times readable", () => {
    expect(cleanFileName("12:30", options)).toBe("12-30");
  });

  test("unknown tokens are named (a format with one is refused on save)", () => {
    expect(unknownTokens(DEFAULT_MOVIE_FORMAT)).toEqual([]);
    expect(unknownTokens("{Movie Title} {Quality Fancy} {Movie.Collection}")).toEqual(["Quality Fancy"]);
  });

  test("TRaSH's standard format: {ImdbId}, and media info tokens empty (files have no media info here, as Radarr renders a file without)", () => {
    const trash =
      "{Movie CleanTitle} {(Release Year)} {imdb-{ImdbId}} {edition-{Edition Tags}} {[Custom Formats]}{[Quality Full]}{[MediaInfo 3D]}{[MediaInfo VideoDynamicRangeType]}{[Mediainfo AudioCodec}{ Mediainfo AudioChannels]}{[Mediainfo VideoCodec]}{-Release Group}";
    expect(unknownTokens(trash)).toEqual([]);
    expect(buildName(trash, matrix, options)).toBe("The Matrix (1999) {imdb-tt0133093} [Bluray-1080p]-EPSiLON");
    expect(buildName("{TmdbId}", matrix, options)).toBe("603");
  });
});

describe("queue time left", () => {
  test("as .NET's TimeSpan prints it", () => {
    expect(timeSpan(0)).toBe("00:00:00");
    expect(timeSpan(3725)).toBe("01:02:05");
    expect(timeSpan(90_061)).toBe("1.01:01:01");
  });
});
