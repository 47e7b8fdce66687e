import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, call, expectFieldError, getJson, sendJson } from "./helpers";

interface NamingConfig {
  id: number;
  renameMovies: boolean;
  replaceIllegalCharacters: boolean;
  colonReplacementFormat: string;
  standardMovieFormat: string;
  movieFolderFormat: string;
}

describe("/api/v3/config/naming", () => {
  test("defaults to Radarr's formats, with examples", async () => {
    const config = await getJson<NamingConfig>("/api/v3/config/naming");
    expect(config).toEqual({
      id: 1,
      renameMovies: true,
      replaceIllegalCharacters: true,
      colonReplacementFormat: "delete",
      standardMovieFormat: "{Movie Title} ({Release Year}) {Quality Full}",
      movieFolderFormat: "{Movie Title} ({Release Year})",
    });
    const examples = await getJson<{ movieExample: string; movieFolderExample: string }>(
      "/api/v3/config/naming/examples?standardMovieFormat={Movie.CleanTitle}.{Release.Year}.{Quality.Title}-{Release Group}",
    );
    expect(examples).toEqual({
      movieExample: "The.Movie.Title.2010.Bluray-1080p-RlsGrp.mkv",
      movieFolderExample: "The Movie Title (2010)",
    });
  });

  test("saves formats; a format with an unknown token is a 400 naming the field", async () => {
    const saved = await sendJson<NamingConfig>(
      "PUT",
      "/api/v3/config/naming",
      { standardMovieFormat: "{Movie TitleThe} ({Release Year}) {[Quality Full]}", colonReplacementFormat: "smart" },
      202,
    );
    expect(saved).toMatchObject({ standardMovieFormat: "{Movie TitleThe} ({Release Year}) {[Quality Full]}" });
    expect((await getJson<NamingConfig>("/api/v3/config/naming")).colonReplacementFormat).toBe("smart");
    const bad = await expectFieldError(
      await call("PUT", "/api/v3/config/naming", { body: { movieFolderFormat: "{Movie Title} {Quality Fancy}" } }),
      "movieFolderFormat",
    );
    expect(bad.message).toMatch(/Quality Fancy/);
    await expectFieldError(
      await call("PUT", "/api/v3/config/naming", { body: { colonReplacementFormat: "sideways" } }),
      "colonReplacementFormat",
    );
  });

  test("new movies get their folder from the folder format", async () => {
    await sendJson(
      "PUT",
      "/api/v3/config/naming",
      { movieFolderFormat: "{Movie Title} ({Release Year}) [tmdbid-{TMDb Id}]" },
      202,
    );
    await addRootFolder("/movies");
    const movie = await addMovie(603);
    expect(movie.path).toBe("/movies/The Matrix (1999) [tmdbid-603]");
  });
});
